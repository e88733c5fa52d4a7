"""Publishing to GitHub Pages: `publish` commits a fresh build as the whole tree of a branch
(gh-pages) and may push it. (`init-ci`, the other way, is in init_ci.py.)

The commit is made with git plumbing and a throwaway index file, so the user's checked-out
branch, working tree, index and stash are never touched."""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from roadmap_site.commands.build import build
from roadmap_site.incremental.cache import ArticleCache
from roadmap_site.errors import BuildFailed, failure_report
from roadmap_site.commands.git import GitRefused, find_repository, git, git_or_none, git_reason, run_git
from roadmap_site.output.fs import MANIFEST, atomic_write


class PublishRefused(Exception):
    """Why publishing stopped, in one line for the command line to print."""


# --- Where the site will live: pure functions ------------------------------------------------

_GITHUB_REMOTES = (
    re.compile(r"^(?:https?|git)://(?:[^@/]+@)?(?:www\.)?github\.com(?::\d+)?/(?P<path>.+)$", re.I),
    re.compile(r"^ssh://(?:[^@/]+@)?github\.com(?::\d+)?/(?P<path>.+)$", re.I),
    re.compile(r"^(?:[^@/:]+@)?github\.com:(?P<path>.+)$", re.I),  # scp-like: git@github.com:user/repo
)
_OWNER_AND_REPO = re.compile(r"^/*(?P<owner>[A-Za-z0-9-]+)/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/*$")


def github_repository(remote_url: str) -> tuple[str, str] | None:
    """(owner, repository) when remote_url points at a GitHub repository, else None."""
    for pattern in _GITHUB_REMOTES:
        match = pattern.match(remote_url.strip())
        if match:
            names = _OWNER_AND_REPO.match(match["path"])
            return (names["owner"], names["repo"]) if names else None
    return None


def clean_domain(text: str | None) -> str | None:
    """The bare host name in a CNAME file or a --cname value ('https://Docs.example.org/' ->
    'docs.example.org'), or None when there is none."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return None
    domain = re.sub(r"^[a-z][a-z0-9+.-]*://", "", lines[0], flags=re.I)
    domain = domain.split("/", 1)[0].strip().lower()
    return domain or None


def pages_base_url(remote_url: str | None, cname: str | None = None) -> str | None:
    """The address GitHub Pages serves the site at: the custom domain when there is one,
    USER.github.io for a USER.github.io repository, USER.github.io/REPO/ for any other."""
    if cname:
        return f"https://{cname}/"
    repository = github_repository(remote_url) if remote_url else None
    if repository is None:
        return None
    owner, name = repository
    user_site = f"{owner.lower()}.github.io"
    if name.lower() == user_site:
        return f"https://{user_site}/"
    return f"https://{user_site}/{name}/"


def choose_base_url(override: str | None, cname: str | None, remote: str, remote_url: str | None) -> tuple[str | None, str]:
    """The base URL to build with, and where it came from, for the user to read."""
    if override:
        return override, "from --base-url"
    if cname:
        return pages_base_url(remote_url, cname), f"custom domain {cname}"
    derived = pages_base_url(remote_url)
    if derived:
        return derived, f"derived from remote {remote} ({remote_url})"
    if remote_url is None:
        return None, f"there is no remote named {remote!r}"
    return None, f"remote {remote} ({remote_url}) is not on GitHub"


def default_message(short_sha: str | None, branch: str | None) -> str:
    source = branch or "detached HEAD"
    if short_sha is None:
        return f"Publish site ({source} has no commits yet)"
    return f"Publish site from {short_sha} ({source})"


def push_was_rejected(porcelain_output: str) -> bool:
    """True when `git push --porcelain` says the remote branch has commits we lack."""
    return any(
        line.startswith("!") and ("non-fast-forward" in line or "fetch first" in line)
        for line in porcelain_output.splitlines()
    )


def _commit_of(repo: Path, ref: str) -> str | None:
    return git_or_none(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")


def _is_ancestor(repo: Path, older: str, newer: str) -> bool:
    return run_git(repo, "merge-base", "--is-ancestor", older, newer).returncode == 0


def _checked_out_at(repo: Path, branch: str) -> str | None:
    """The work tree that has branch checked out, if any (this one or another worktree)."""
    listing = git_or_none(repo, "worktree", "list", "--porcelain") or ""
    folder = None
    for line in listing.splitlines():
        if line.startswith("worktree "):
            folder = line[len("worktree "):]
        elif line == f"branch refs/heads/{branch}":
            return folder
    return None


@dataclass(frozen=True)
class Target:
    """The branch to publish to: its local tip (to update safely) and the commit to build on."""

    branch: str
    local_tip: str | None
    parent: str | None
    note: str | None = None


def find_target(repo: Path, branch: str, remote: str) -> Target:
    """Build on the local branch, unless the remote-tracking branch has commits it lacks (after
    a `git fetch`): the tree is replaced whole, so its history is the only thing worth keeping."""
    local = _commit_of(repo, f"refs/heads/{branch}")
    tracking = _commit_of(repo, f"refs/remotes/{remote}/{branch}")
    if tracking is None or (local is not None and _is_ancestor(repo, tracking, local)):
        return Target(branch, local, local)
    note = None
    if local is not None and not _is_ancestor(repo, local, tracking):
        note = (f"{remote}/{branch} has commits that {branch} lacks: publishing on top of them "
                "(unpushed local publishes are replaced)")
    return Target(branch, local, tracking, note)


def _refuse_unsafe_branch(repo: Path, branch: str) -> None:
    if run_git(repo, "check-ref-format", "--branch", branch).returncode != 0:
        raise PublishRefused(f"{branch!r} is not a valid branch name")
    current = git_or_none(repo, "symbolic-ref", "--quiet", "--short", "HEAD")
    if current == branch:
        raise PublishRefused(
            f"{branch} is the branch you have checked out; publishing replaces its whole tree. "
            f"Switch to your source branch, or publish to another branch with --branch"
        )
    elsewhere = _checked_out_at(repo, branch)
    if elsewhere:
        raise PublishRefused(f"{branch} is checked out in the work tree {elsewhere}; check out another branch there first")


def _cname_on_branch(repo: Path, commit: str | None) -> str | None:
    if commit is None:
        return None
    completed = run_git(repo, "cat-file", "blob", f"{commit}:CNAME")
    return clean_domain(completed.stdout.decode("utf-8", "replace")) if completed.returncode == 0 else None


def _cname_in_site(site_dir: Path) -> str | None:
    try:
        return clean_domain((site_dir / "static" / "CNAME").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def _source_message(repo: Path) -> str:
    return default_message(
        git_or_none(repo, "rev-parse", "--verify", "--quiet", "--short", "HEAD"),
        git_or_none(repo, "symbolic-ref", "--quiet", "--short", "HEAD"),
    )


def _has_uncommitted_changes(repo: Path, site_dir: Path) -> bool:
    return bool(git_or_none(repo, "status", "--porcelain", "--", str(site_dir.resolve())))


def prepare_pages_folder(out_dir: Path, cname: str | None) -> None:
    """Make a built site ready for GitHub Pages: no Jekyll, the custom domain, no manifest."""
    (out_dir / MANIFEST).unlink(missing_ok=True)
    atomic_write(out_dir / ".nojekyll", b"")
    if cname:
        atomic_write(out_dir / "CNAME", (cname + "\n").encode("utf-8"))


def write_tree(repo: Path, folder: Path, index_file: Path) -> str:
    """Store every file under folder in repo's object database; return the tree's id.
    A throwaway index file and --no-filters keep the user's index, .gitignore and
    line-ending settings out of it."""
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    names = [path.relative_to(folder).as_posix() for path in files]
    if any("\n" in name for name in names):
        raise PublishRefused("cannot publish a file whose name holds a line break")
    blobs = git(repo, "hash-object", "-w", "--no-filters", "--stdin-paths",
                 stdin="".join(f"{path}\n" for path in files).encode()).splitlines()
    entries = "".join(f"100644 {blob}\t{name}\0" for blob, name in zip(blobs, names, strict=True))
    env = {**os.environ, "GIT_INDEX_FILE": str(index_file)}
    git(repo, "-c", "core.splitIndex=false", "update-index", "-z", "--add", "--index-info", stdin=entries.encode(), env=env)
    return git(repo, "write-tree", env=env)


def commit_to_branch(repo: Path, target: Target, tree: str, message: str) -> str:
    """A commit of tree on top of target.parent, and the branch moved to it; returns its id."""
    parents = ["-p", target.parent] if target.parent else []
    commit = git(repo, "commit-tree", tree, *parents, "-F", "-", stdin=message.encode())
    # The expected old value ("" = must not exist yet) makes the update fail rather than lose a concurrent change.
    git(repo, "update-ref", "-m", "roadmap-site publish", f"refs/heads/{target.branch}", commit, target.local_tip or "")
    return commit


def push_branch(repo: Path, remote: str, branch: str, force: bool) -> None:
    refspec = f"{'+' if force else ''}refs/heads/{branch}:refs/heads/{branch}"
    completed = run_git(repo, "push", "--porcelain", remote, refspec)
    if completed.returncode == 0:
        return
    output = completed.stdout.decode("utf-8", "replace")
    if push_was_rejected(output):
        raise PublishRefused(
            f"{remote} refused the push: its {branch} has commits that your local {branch} lacks "
            f"(published from somewhere else?). Run `git fetch {remote}` and publish again to build on them, "
            f"or publish with --push --force to replace them; your commit is kept in the local {branch}"
        )
    raise PublishRefused(f"git push failed ({git_reason(completed.stderr)}); your commit is kept in the local {branch}")


# --- publish ---------------------------------------------------------------------------------


def run_publish(args: argparse.Namespace) -> int:
    """`roadmap-site publish`: build, commit to args.branch, optionally push. Exit code."""
    try:
        return _publish(args)
    except (PublishRefused, GitRefused) as refusal:
        print(f"roadmap-site: {refusal}", file=sys.stderr)
        return 1
    except BuildFailed as failed:
        print(failure_report(failed.problems, "nothing was published"), file=sys.stderr)
        return 1


def _publish(args: argparse.Namespace) -> int:
    site_dir: Path = args.site_dir
    repo = find_repository(site_dir)
    if repo is None:
        raise PublishRefused(
            f"{site_dir} is not in a git repository; publish commits the site to a branch of the repository that holds it"
        )
    _refuse_unsafe_branch(repo, args.branch)
    remote_url = git_or_none(repo, "remote", "get-url", args.remote)
    if args.push and remote_url is None:
        raise PublishRefused(
            f"there is no remote named {args.remote!r} to push to; add one with git remote add, or choose one with --remote"
        )

    target = find_target(repo, args.branch, args.remote)
    if target.note:
        print(f"note: {target.note}", file=sys.stderr)
    cname = clean_domain(args.cname) or _cname_on_branch(repo, target.parent) or _cname_in_site(site_dir)
    base_url, origin = choose_base_url(args.base_url, cname, args.remote, remote_url)
    if base_url:
        print(f"building for {base_url} ({origin})")
    else:
        print(f"note: no base URL for GitHub Pages ({origin}): building with roadmap.yml's base_url, if any; "
              "pass --base-url to set one", file=sys.stderr)
    if _has_uncommitted_changes(repo, site_dir):
        print(f"note: {site_dir} has uncommitted changes; the published site includes them", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="roadmap-site-publish-") as scratch:
        out_dir = Path(scratch) / "site"
        # A cache of this process only: publishing adds nothing to the user's working tree.
        report = build(site_dir, out_dir, base_url=base_url, drafts=args.drafts, cache=ArticleCache())
        for problem in report.warnings:
            print(problem, file=sys.stderr)
        prepare_pages_folder(out_dir, cname)
        tree = write_tree(repo, out_dir, Path(scratch) / "index")
    commit = commit_to_branch(repo, target, tree, args.message or _source_message(repo))
    print(f"committed {report.pages} pages to {args.branch} as {commit[:7]}")

    if not args.push:
        print(f"to put it online: git push {args.remote} {args.branch} (or publish again with --push)")
        return 0
    push_branch(repo, args.remote, args.branch, args.force)
    print(f"pushed {args.branch} to {args.remote}" + (f"; the site will appear at {base_url}" if base_url else ""))
    return 0
