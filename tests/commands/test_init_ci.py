"""The GitHub Actions workflow that init-ci writes, and this repository's own: what it does,
that GitHub would accept it, that it passes zizmor's audits, and that the folder it keeps
between runs is the one roadmap-site builds from."""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import IN_CI, REPO, write_files
from roadmap_site.commands.build import build
from roadmap_site.commands.init_ci import WORKFLOW_PATH, install_command, run_init_ci, workflow_yaml
from roadmap_site.incremental.cache import JOURNAL, SNAPSHOT, cache_folder

SITE = {
    "roadmap.yml": "title: Test Roadmaps\nsearch: false\n",
    "content/guide/one.md": '---\ntitle: "Guide: One"\ndate: 2024-01-01\nseries: Guide\n---\nSee [two](two.md).\n',
    "content/guide/two.md": '---\ntitle: "Guide: Two"\ndate: 2024-01-02\nseries: Guide\n---\nText.\n',
}
ODD_FOLDER = "Tom's notes: #1"  # a quote for the shell and GitHub's expressions, ": " and " #" for YAML
PINNED = re.compile(r"uses: (?P<action>[\w-]+/[\w-]+)@(?P<commit>[0-9a-f]{40}) # v\d+\.\d+\.\d+$")


@pytest.fixture(autouse=True)
def hermetic_git(monkeypatch):
    """No user or system git settings leak into the tests."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def git_repository(path: Path) -> Path:
    path.mkdir(parents=True)
    subprocess.run(["git", "-C", str(path), "init", "-q", "-b", "main"], check=True)
    return path


def init_ci(site_dir: Path, force: bool = False) -> int:
    return run_init_ci(argparse.Namespace(site_dir=site_dir, force=force, debug=False))


def load(text: str) -> dict:
    workflow = yaml.safe_load(text)
    workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as True
    return workflow


def step(job: dict, name: str) -> dict:
    return next(s for s in job["steps"] if s.get("name") == name)


def _actions(job: dict) -> list[str]:
    return [s.get("uses", "").split("@")[0] for s in job["steps"]]


def test_init_ci_writes_a_pages_workflow(tmp_path, capsys):
    site = write_files(tmp_path / "site", SITE)

    assert init_ci(site) == 0

    workflow = load((site / WORKFLOW_PATH).read_text(encoding="utf-8"))
    assert workflow["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build_job, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build_job["permissions"] == {"contents": "read", "pages": "read"}
    assert _actions(build_job) == [
        "actions/checkout", "actions/setup-python", "", "actions/cache", "actions/configure-pages", "",
        "actions/upload-pages-artifact",
    ]
    assert build_job["steps"][0]["with"] == {"persist-credentials": False}
    install = step(build_job, "Install roadmap-site")
    assert install["run"].splitlines()[0] == "pip install roadmap-site"
    site_build = step(build_job, "Build the site")
    assert site_build["env"] == {"BASE_URL": "${{ steps.pages.outputs.base_url }}"}
    assert site_build["run"] == 'roadmap-site build --base-url "$BASE_URL/" -o _site\n'
    assert step(build_job, "Find the Pages address")["id"] == "pages"
    assert build_job["steps"][-1]["with"] == {"path": "_site"}
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert _actions(deploy) == ["actions/deploy-pages"] and deploy["steps"][0]["id"] == "deployment"
    assert "Settings > Pages" in capsys.readouterr().out


def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment():
    text = workflow_yaml("main", "pip install roadmap-site")
    uses = [line.strip().removeprefix("- ") for line in text.splitlines() if "uses:" in line]

    assert len(uses) == 6
    assert [line for line in uses if not PINNED.fullmatch(line)] == []


def test_the_cache_is_restored_before_the_build_and_keyed_by_release_and_config():
    build_job = load(workflow_yaml("main", "pip install roadmap-site"))["jobs"]["build"]
    names = [s.get("name") for s in build_job["steps"]]
    cache = step(build_job, "Keep the parsed articles between runs")["with"]
    prefix = ("roadmap-site-${{ runner.os }}-${{ steps.install.outputs.version }}-"
              "${{ hashFiles('roadmap.yml') }}-")

    assert names.index("Install roadmap-site") < names.index("Keep the parsed articles between runs") < names.index("Build the site")
    assert step(build_job, "Install roadmap-site")["id"] == "install"
    assert 'print("version=" + roadmap_site.__version__)\' >> "$GITHUB_OUTPUT"' in step(build_job, "Install roadmap-site")["run"]
    assert cache["path"] == "~/.cache/roadmap-site"
    # Each run saves under a key of its own (a cache entry, once saved, is never updated), and
    # starts from the newest entry of the same release and config.
    assert cache["key"] == prefix + "${{ github.sha }}"
    assert cache["restore-keys"] == prefix


def test_a_restored_cache_folder_spares_the_parsing_only_with_its_key(tmp_path, monkeypatch):
    """Two runners in turn: the second gets the first one's cached folder (as actions/cache
    restores it) and a checkout at the same path with one article edited."""
    cached = load(workflow_yaml("main", "pip install roadmap-site"))["jobs"]["build"]
    cached_path = step(cached, "Keep the parsed articles between runs")["with"]["path"]
    site = write_files(tmp_path / "checkout", {**SITE, **{f"content/more/part-{n}.md": f"# Part {n}\n\nText {n}.\n" for n in range(20)}})
    monkeypatch.delenv("XDG_CACHE_HOME")

    def run_on(runner: Path, restored: Path | None = None, keep: tuple[str, ...] = ()) -> Path:
        """Build on a runner whose home is `runner`, given what actions/cache restored (the
        entries of the cached folder named in keep); the cached folder."""
        monkeypatch.setenv("HOME", str(runner))
        folder = Path(os.path.expanduser(cached_path))
        if restored is not None:
            left_out = [name for name in os.listdir(restored) if name not in keep]
            shutil.copytree(restored, folder, ignore=lambda where, names: left_out if Path(where) == restored else [])
        build(site, out_dir=runner / "_site")
        return folder

    first = run_on(tmp_path / "runner-1")
    assert sorted(p.name for p in first.iterdir()) == ["cache-key", "sites"]
    assert cache_folder(site).is_relative_to(first)
    snapshot = (cache_folder(site) / SNAPSHOT).read_bytes()
    edited = site / "content/more/part-3.md"
    edited.write_text("# Part 3\n\nEdited.\n", encoding="utf-8")

    run_on(tmp_path / "runner-2", first, ("cache-key", "sites"))
    assert (cache_folder(site) / SNAPSHOT).read_bytes() == snapshot  # trusted: only the edit was parsed
    assert (cache_folder(site) / JOURNAL).is_file()

    run_on(tmp_path / "runner-3", first, ("sites",))  # without the key that sealed them...
    assert (cache_folder(site) / SNAPSHOT).read_bytes() != snapshot  # ...the entries are parsed again


def test_init_ci_refuses_to_overwrite_without_force(tmp_path, capsys):
    site = write_files(tmp_path / "site", {**SITE, str(WORKFLOW_PATH): "name: mine\n"})

    assert init_ci(site) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert (site / WORKFLOW_PATH).read_text(encoding="utf-8") == "name: mine\n"

    assert init_ci(site, force=True) == 0
    assert "actions/deploy-pages" in (site / WORKFLOW_PATH).read_text(encoding="utf-8")


def test_init_ci_in_a_subfolder_writes_the_workflow_at_the_repository_root(tmp_path):
    repo = git_repository(tmp_path / "repo")
    docs = write_files(repo / ODD_FOLDER, SITE)

    assert init_ci(docs) == 0

    assert not (docs / WORKFLOW_PATH).exists()
    build_job = load((repo / WORKFLOW_PATH).read_text(encoding="utf-8"))["jobs"]["build"]
    assert shlex.split(step(build_job, "Build the site")["run"])[:3] == ["roadmap-site", "build", ODD_FOLDER]
    key = step(build_job, "Keep the parsed articles between runs")["with"]["key"]
    assert "${{ hashFiles('Tom''s notes: #1/roadmap.yml') }}" in key


def test_install_command_uses_the_repository_itself_only_for_roadmap_site():
    assert install_command('[project]\nname = "roadmap_site"\n') == "pip install ."
    assert install_command('[project]\nname = "my-notes"\n') == "pip install roadmap-site"
    assert install_command(None) == "pip install roadmap-site"
    assert install_command("not [valid toml") == "pip install roadmap-site"


def test_the_projects_own_workflow_is_the_one_init_ci_writes():
    own = (REPO / WORKFLOW_PATH).read_text(encoding="utf-8")
    expected_install = install_command((REPO / "pyproject.toml").read_text(encoding="utf-8"))

    assert expected_install == "pip install ."
    assert own == workflow_yaml("main", expected_install)


# --- what GitHub and zizmor make of it ----------------------------------------------------------


def _tool(name: str) -> str:
    """A checker from the test extra, beside this Python or on PATH; skipped where missing,
    except under CI, where the test fails."""
    found = shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if found is None:
        (pytest.fail if IN_CI else pytest.skip)(f"{name} is missing: pip install -e '.[test]'")
    return found


@pytest.fixture(params=["written at the root", "written for a subfolder", "this repository's"])
def workflow_file(request, tmp_path) -> Path:
    if request.param == "this repository's":
        return REPO / WORKFLOW_PATH
    repo = git_repository(tmp_path / "repo")
    site = write_files(repo / ("." if request.param == "written at the root" else ODD_FOLDER), SITE)
    assert init_ci(site) == 0
    return repo / WORKFLOW_PATH


def test_the_workflow_is_valid_against_githubs_schema(workflow_file):
    checked = subprocess.run([_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow_file)],
                             capture_output=True, text=True)

    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_zizmor_finds_nothing_even_as_an_auditor(workflow_file):
    audited = subprocess.run([_tool("zizmor"), "--offline", "--no-config", "--persona", "auditor", "--format", "json",
                              str(workflow_file)], capture_output=True, text=True)

    findings = [(f["ident"], f["determinations"]["severity"], f["desc"]) for f in json.loads(audited.stdout)]
    assert findings == [] and audited.returncode == 0, audited.stderr
