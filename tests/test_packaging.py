"""The installed wheel works on its own: it carries the theme and the sample roadmap."""

import os
import subprocess
import sys
import zipfile

from helpers import REPO


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
