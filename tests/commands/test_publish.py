"""Publishing to GitHub Pages with real git repositories in a temporary folder."""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, write_files
from linkcheck import broken_links, parse
from roadmap_site.output.fs import MANIFEST
from roadmap_site.commands.publish import (
    choose_base_url,
    clean_domain,
    github_repository,
    pages_base_url,
    push_was_rejected,
    run_publish,
)

BASE_URL = "https://user.github.io/repo/"
SITE = {
    "roadmap.yml": "title: Test Roadmaps\n",
    "content/guide/one.md": """
        ---
        title: "Guide: One"
        date: 2024-01-01
        series: Guide
        tags: [git]
        ---
        ## Intro

        Go on to [part two](two.md).
        """,
    "content/guide/two.md": '---\ntitle: "Guide: Two"\ndate: 2024-01-02\nseries: Guide\n---\nText.\n',
}


@pytest.fixture(autouse=True)
def hermetic_git(monkeypatch):
    """No user or system git settings leak into the tests (nor do the tests change them)."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True, check=True).stdout.strip()


def identify(repo: Path) -> None:
    git(repo, "config", "user.name", "Test Author")
    git(repo, "config", "user.email", "author@example.org")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A repository on main holding a committed site, with origin a bare repository."""
    git(tmp_path, "init", "--bare", "-b", "main", "remote.git")
    repo = tmp_path / "work"
    repo.mkdir()
    git(repo, "init", "-b", "main")
    identify(repo)
    write_files(repo, SITE)
    git(repo, "add", "-A")
    git(repo, "commit", "-m", "Add the guide")
    git(repo, "remote", "add", "origin", str(tmp_path / "remote.git"))
    git(repo, "push", "origin", "main")
    return repo


def publish_args(site_dir: Path, **options) -> argparse.Namespace:
    values = dict(branch="gh-pages", remote="origin", push=True, message=None, cname=None,
                  base_url=BASE_URL, force=False, drafts=False, debug=False)
    return argparse.Namespace(site_dir=site_dir, **{**values, **options})


def clone_pages(remote: Path, into: Path) -> Path:
    subprocess.run(["git", "clone", "-q", "--branch", "gh-pages", str(remote), str(into)], check=True)
    return into


def user_state(repo: Path) -> dict[str, object]:
    """Everything publishing must leave alone."""
    return {
        "head": git(repo, "rev-parse", "HEAD"),
        "branch": git(repo, "symbolic-ref", "--short", "HEAD"),
        "index": (repo / ".git" / "index").read_bytes(),
        "staged": git(repo, "diff", "--cached"),
        "status": git(repo, "status", "--porcelain"),
        "stash": git(repo, "stash", "list"),
        "edited": (repo / "content/guide/two.md").read_text(encoding="utf-8"),
    }


def test_publish_from_the_command_line_pushes_a_complete_site_and_touches_nothing(work, tmp_path):
    (work / "content/guide/two.md").write_text("Stashed work.\n", encoding="utf-8")
    git(work, "stash")
    (work / "content/guide/two.md").write_text('---\ntitle: "Guide: Two"\n---\nUnsaved edit.\n', encoding="utf-8")
    (work / "notes.txt").write_text("untracked\n", encoding="utf-8")
    before = user_state(work)
    source = git(work, "rev-parse", "--short", "HEAD")

    result = subprocess.run(
        [sys.executable, "-m", "roadmap_site", "publish", str(work), "--push", "--base-url", BASE_URL],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert "has uncommitted changes" in result.stderr
    assert user_state(work) == before
    assert "M content/guide/two.md" in before["status"] and "?? notes.txt" in before["status"]
    assert git(work, "log", "-1", "--format=%s", "gh-pages") == f"Publish site from {source} (main)"
    site = clone_pages(tmp_path / "remote.git", tmp_path / "pages")
    assert git(site, "rev-parse", "HEAD") == git(work, "rev-parse", "gh-pages")
    shutil.rmtree(site / ".git")
    assert (site / "index.html").is_file()
    assert (site / ".nojekyll").read_bytes() == b""
    assert not (site / MANIFEST).exists()
    assert not (site / "CNAME").exists()
    assert "Unsaved edit." in (site / "guide/two/index.html").read_text(encoding="utf-8")
    assert broken_links(site, base_path="/repo/") == []
    not_found_links = [link for link in parse(site / "404.html").links if not link.startswith(("http", "#"))]
    assert not_found_links and all(link.startswith("/repo/") for link in not_found_links)


def test_second_publish_adds_exactly_one_commit_and_keeps_the_custom_domain(work, tmp_path, capsys):
    assert run_publish(publish_args(work, cname="https://Docs.Example.org/", base_url=None)) == 0
    assert "building for https://docs.example.org/ (custom domain docs.example.org)" in capsys.readouterr().out
    first = git(work, "rev-parse", "gh-pages")

    assert run_publish(publish_args(work, base_url=None, message="Second edition")) == 0

    assert "building for https://docs.example.org/" in capsys.readouterr().out
    assert git(work, "rev-list", "--count", "gh-pages") == "2"
    assert git(work, "rev-parse", "gh-pages~1") == first
    assert git(work, "log", "-1", "--format=%s", "gh-pages") == "Second edition"
    site = clone_pages(tmp_path / "remote.git", tmp_path / "pages")
    assert git(site, "rev-list", "--count", "HEAD") == "2"
    assert (site / "CNAME").read_text(encoding="utf-8") == "docs.example.org\n"
    shutil.rmtree(site / ".git")
    assert broken_links(site) == []


def test_publish_without_push_commits_locally_and_says_how_to_push(work, capsys):
    assert run_publish(publish_args(work, push=False)) == 0

    assert "git push origin gh-pages" in capsys.readouterr().out
    assert git(work, "ls-remote", "origin", "gh-pages") == ""
    files = git(work, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert "index.html" in files and ".nojekyll" in files and MANIFEST not in files


def test_a_remote_that_is_not_github_builds_without_a_base_url_and_says_so(work, capsys):
    assert run_publish(publish_args(work, base_url=None, push=False)) == 0

    err = capsys.readouterr().err
    assert "no base URL for GitHub Pages (remote origin" in err and "is not on GitHub" in err


def test_refuses_a_site_outside_any_git_repository(tmp_path, capsys):
    site = write_files(tmp_path / "loose", SITE)

    assert run_publish(publish_args(site)) == 1

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not in a git repository" in err


def test_refuses_to_publish_onto_the_checked_out_branch(work, capsys):
    head = git(work, "rev-parse", "HEAD")

    assert run_publish(publish_args(work, branch="main")) == 1

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "main is the branch you have checked out" in err
    assert git(work, "rev-parse", "HEAD") == head


def test_build_errors_are_printed_and_nothing_is_committed(work, capsys):
    write_files(work, {"content/bad.md": "---\ntitle: [unclosed\n---\nText.\n"})

    assert run_publish(publish_args(work)) == 1

    err = capsys.readouterr().err
    assert "bad.md:" in err and "nothing was published" in err
    assert subprocess.run(["git", "-C", str(work), "rev-parse", "--verify", "--quiet", "gh-pages"]).returncode != 0


def _diverge_remote_pages(tmp_path: Path) -> str:
    """Someone else publishes to gh-pages from another clone; returns their commit."""
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", "--branch", "gh-pages", str(tmp_path / "remote.git"), str(other)], check=True)
    identify(other)
    (other / "index.html").write_text("<p>theirs</p>\n", encoding="utf-8")
    git(other, "commit", "-qam", "Their publish")
    git(other, "push", "-q", "origin", "gh-pages")
    return git(other, "rev-parse", "HEAD")


def test_a_rejected_push_explains_why_and_force_replaces_the_remote_branch(work, tmp_path, capsys):
    assert run_publish(publish_args(work)) == 0
    theirs = _diverge_remote_pages(tmp_path)
    capsys.readouterr()

    assert run_publish(publish_args(work)) == 1

    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "origin refused the push: its gh-pages has commits that your local gh-pages lacks" in err
    assert "git fetch origin" in err and "--force" in err
    assert git(tmp_path / "remote.git", "rev-parse", "gh-pages") == theirs

    assert run_publish(publish_args(work, force=True)) == 0
    assert git(tmp_path / "remote.git", "rev-parse", "gh-pages") == git(work, "rev-parse", "gh-pages")


def test_after_a_fetch_publishing_builds_on_the_remote_commits(work, tmp_path, capsys):
    assert run_publish(publish_args(work)) == 0
    theirs = _diverge_remote_pages(tmp_path)
    assert run_publish(publish_args(work)) == 1
    git(work, "fetch", "-q", "origin")

    assert run_publish(publish_args(work)) == 0

    assert "origin/gh-pages has commits that gh-pages lacks" in capsys.readouterr().err
    assert git(tmp_path / "remote.git", "rev-parse", "gh-pages~1") == theirs


@pytest.mark.parametrize(
    ("remote_url", "cname", "expected"),
    [
        ("https://github.com/User/Repo.git", None, "https://user.github.io/Repo/"),
        ("https://github.com/user/repo", None, "https://user.github.io/repo/"),
        ("https://token@github.com/user/repo/", None, "https://user.github.io/repo/"),
        ("git@github.com:user/repo.git", None, "https://user.github.io/repo/"),
        ("ssh://git@github.com/user/repo", None, "https://user.github.io/repo/"),
        ("ssh://git@github.com:22/user/my.docs.git", None, "https://user.github.io/my.docs/"),
        ("https://github.com/User/user.github.io.git", None, "https://user.github.io/"),
        ("git@github.com:user/USER.GitHub.io.git", None, "https://user.github.io/"),
        ("git@github.com:user/repo.git", "docs.example.org", "https://docs.example.org/"),
        ("/srv/git/repo.git", "docs.example.org", "https://docs.example.org/"),
        ("https://gitlab.com/user/repo.git", None, None),
        ("https://github.com/user", None, None),
        ("https://notgithub.com/user/repo", None, None),
        (None, None, None),
    ],
)
def test_pages_base_url(remote_url, cname, expected):
    assert pages_base_url(remote_url, cname) == expected


def test_github_repository_names_owner_and_repository():
    assert github_repository("git@github.com:octo-cat/hello_world.git") == ("octo-cat", "hello_world")
    assert github_repository("file:///srv/repo.git") is None


def test_base_url_override_wins_and_every_choice_says_why():
    assert choose_base_url("https://x.org/sub/", "docs.example.org", "origin", None) == ("https://x.org/sub/", "from --base-url")
    assert choose_base_url(None, None, "origin", "git@github.com:u/r.git") == (
        "https://u.github.io/r/", "derived from remote origin (git@github.com:u/r.git)")
    assert choose_base_url(None, None, "up", None) == (None, "there is no remote named 'up'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("docs.example.org\n", "docs.example.org"), ("\n  https://Docs.Example.org/path \n", "docs.example.org"),
     ("", None), (None, None), ("  \n", None)],
)
def test_clean_domain(text, expected):
    assert clean_domain(text) == expected


def test_push_was_rejected_reads_porcelain_output():
    assert push_was_rejected("To remote\n!\trefs/heads/gh-pages:refs/heads/gh-pages\t[rejected] (fetch first)\nDone\n")
    assert push_was_rejected("!\trefs/heads/gh-pages:refs/heads/gh-pages\t[rejected] (non-fast-forward)\n")
    assert not push_was_rejected("!\trefs/heads/gh-pages:refs/heads/gh-pages\t[remote rejected] (pre-receive hook declined)\n")
