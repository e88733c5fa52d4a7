"""`roadmap-site init-ci`: a GitHub Actions workflow that builds the site and deploys it to
GitHub Pages with actions/upload-pages-artifact and actions/deploy-pages."""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from pathlib import Path

from roadmap_site.output.fs import atomic_write
from roadmap_site.commands.git import find_repository, git_or_none

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

WORKFLOW_PATH = Path(".github/workflows/pages.yml")

# --- init-ci ---------------------------------------------------------------------------------

# Placeholders are {branch}, {install} and {build}; the ${{ ... }} are GitHub's own expressions.
WORKFLOW_TEMPLATE = """\
# Build the roadmap site and deploy it to GitHub Pages (written by `roadmap-site init-ci`).
# One-time set-up on GitHub: Settings > Pages > Build and deployment > Source: "GitHub Actions".
name: Deploy site to GitHub Pages

on:
  push:
    branches: [{branch}]
  workflow_dispatch:  # a "Run workflow" button in the Actions tab

# Reading the repository is enough to build; deploying needs Pages rights and an OIDC token.
permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a newer push waits rather than cancelling a deployment half-way.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v7
      - uses: actions/setup-python@v7
        with:
          python-version: "3.14"
      - name: Install roadmap-site
        run: {install}
      - name: Find the Pages address
        id: pages
        uses: actions/configure-pages@v6
      - name: Build the site
        # base_url is https://USER.github.io/REPO (or the custom domain), without the final slash.
        run: {build}
      - name: Upload the site
        uses: actions/upload-pages-artifact@v5
        with:
          path: _site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v5
"""


def install_command(pyproject_text: str | None) -> str:
    """`pip install .` inside roadmap-site's own repository, else the package from PyPI."""
    try:
        name = str(tomllib.loads(pyproject_text or "").get("project", {}).get("name", ""))
    except (tomllib.TOMLDecodeError, AttributeError):
        return "pip install roadmap-site"
    return "pip install ." if re.sub(r"[-_.]+", "-", name).lower() == "roadmap-site" else "pip install roadmap-site"


def workflow_yaml(branch: str, install: str, site_path: str = ".") -> str:
    """The workflow text; site_path is the site folder relative to the repository root."""
    where = "" if site_path in ("", ".") else f" {shlex.quote(site_path)}"
    build_command = f'roadmap-site build{where} --base-url "${{{{ steps.pages.outputs.base_url }}}}/" -o _site'
    quoted_branch = branch if re.fullmatch(r"[A-Za-z0-9._/-]+", branch) else '"' + branch.replace('"', '\\"') + '"'
    return (
        WORKFLOW_TEMPLATE.replace("{branch}", quoted_branch)
        .replace("{install}", install)
        .replace("{build}", build_command)
    )


def _default_branch(repo: Path | None) -> str:
    if repo is not None:
        remote_head = git_or_none(repo, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
        if remote_head and "/" in remote_head:
            return remote_head.split("/", 1)[1]
        current = git_or_none(repo, "symbolic-ref", "--quiet", "--short", "HEAD")
        if current:
            return current
    return "main"


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def run_init_ci(args: argparse.Namespace) -> int:
    """`roadmap-site init-ci`: write the Pages workflow. Exit code."""
    site_dir: Path = args.site_dir
    repo = find_repository(site_dir)
    # GitHub only runs workflows found at the repository's root, so a site in a subfolder
    # gets its workflow there, building the subfolder.
    root = repo or site_dir
    site_path = site_dir.resolve().relative_to(root.resolve()).as_posix() if repo else "."
    target = root / WORKFLOW_PATH
    if target.exists() and not args.force:
        print(f"roadmap-site: {target} already exists; use --force to overwrite it", file=sys.stderr)
        return 1
    text = workflow_yaml(_default_branch(repo), install_command(_read_text(root / "pyproject.toml")), site_path)
    atomic_write(target, text.encode("utf-8"))
    print(f"wrote {target}")
    print('next: commit and push it, then on GitHub open Settings > Pages and set Source to "GitHub Actions"')
    return 0
