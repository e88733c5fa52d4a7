"""`roadmap-site init-ci`: a GitHub Actions workflow that builds the site and deploys it to
GitHub Pages with actions/upload-pages-artifact and actions/deploy-pages, keeping
roadmap-site's cache folder between runs so that a push re-parses only what it changed."""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from pathlib import Path

from roadmap_site.config import CONFIG_FILE
from roadmap_site.output.fs import atomic_write
from roadmap_site.commands.git import find_repository, git_or_none

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

WORKFLOW_PATH = Path(".github/workflows/pages.yml")

# --- init-ci ---------------------------------------------------------------------------------

# Placeholders are {branch}, {install}, {site_dir} (the build's argument) and {config} (the path
# of roadmap.yml); the ${{ ... }} are GitHub's own expressions. Every action is pinned to the
# commit of the release named in its comment, as found in the action's own repository.
WORKFLOW_TEMPLATE = """\
# Build the roadmap site and deploy it to GitHub Pages (written by `roadmap-site init-ci`).
# One-time set-up on GitHub: Settings > Pages > Build and deployment > Source: "GitHub Actions".
name: Deploy site to GitHub Pages

on:
  push:
    branches: [{branch}]
  workflow_dispatch:  # a "Run workflow" button in the Actions tab

# No rights by default: each job asks for the few it needs.
permissions: {}

# One deployment at a time; a newer push waits rather than cancelling a deployment half-way.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    name: Build the site
    runs-on: ubuntu-latest
    permissions:
      contents: read  # to check out the repository
      pages: read  # for configure-pages to look up the site's address
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          persist-credentials: false
      - uses: actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0
        with:
          python-version: "3.14"
      - name: Install roadmap-site
        id: install
        run: |
          {install}
          python -c 'import roadmap_site; print("version=" + roadmap_site.__version__)' >> "$GITHUB_OUTPUT"
      - name: Keep the parsed articles between runs
        # roadmap-site's cache folder: the parsed articles and the key that seals them. Each run
        # saves its own copy and starts from the newest one made by the same release and config.
        uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae # v5.0.5
        with:
          path: ~/.cache/roadmap-site
          key: "roadmap-site-${{ runner.os }}-${{ steps.install.outputs.version }}-${{ hashFiles('{config}') }}-${{ github.sha }}"
          restore-keys: "roadmap-site-${{ runner.os }}-${{ steps.install.outputs.version }}-${{ hashFiles('{config}') }}-"
      - name: Find the Pages address
        id: pages
        uses: actions/configure-pages@983d7736d9b0ae728b81ab479565c72886d7745b # v5.0.0
      - name: Build the site
        env:
          # https://USER.github.io/REPO (or the custom domain), without the final slash
          BASE_URL: ${{ steps.pages.outputs.base_url }}
        run: |
          roadmap-site build{site_dir} --base-url "$BASE_URL/" -o _site
      - name: Upload the site
        uses: actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0
        with:
          path: _site

  deploy:
    name: Deploy to GitHub Pages
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write  # to make the deployment
      id-token: write  # to prove to Pages that the deployment comes from this workflow
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0
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
    in_root = site_path in ("", ".")
    site_dir = "" if in_root else f" {shlex.quote(site_path)}"
    config = CONFIG_FILE if in_root else f"{site_path}/{CONFIG_FILE}"
    quoted_branch = branch if re.fullmatch(r"[A-Za-z0-9._/-]+", branch) else '"' + branch.replace('"', '\\"') + '"'
    return (
        WORKFLOW_TEMPLATE.replace("{branch}", quoted_branch)
        .replace("{install}", install)
        .replace("{site_dir}", site_dir)
        .replace("{config}", _in_double_quotes(config.replace("'", "''")))
    )


def _in_double_quotes(text: str) -> str:
    """text escaped for a double-quoted YAML string (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


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
