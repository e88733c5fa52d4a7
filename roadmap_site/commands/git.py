"""git as the publishing commands use it: run it, read its output, say why it failed."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitRefused(Exception):
    """git cannot do what was asked, in one line for the command line to print."""


def run_git(
    repo: Path, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    # --no-optional-locks: even a read such as `status` must not rewrite the user's index.
    command = ["git", "--no-optional-locks", "-C", str(repo), *args]
    try:
        return subprocess.run(command, input=stdin, capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise GitRefused("git is not installed, or not on PATH") from None


def git(repo: Path, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> str:
    """git's output, stripped; GitRefused with git's own reason when it fails."""
    completed = run_git(repo, *args, stdin=stdin, env=env)
    if completed.returncode != 0:
        raise GitRefused(f"git {args[0]} failed: {git_reason(completed.stderr)}")
    return completed.stdout.decode("utf-8", "replace").strip()


def git_or_none(repo: Path, *args: str) -> str | None:
    completed = run_git(repo, *args)
    return completed.stdout.decode("utf-8", "replace").strip() if completed.returncode == 0 else None


def git_reason(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    if any("identity unknown" in line or "tell me who you are" in line for line in lines):
        return 'git does not know who you are: run git config user.name "Your Name" and git config user.email you@example.org'
    for line in lines:
        if line.startswith(("fatal:", "error:")):
            return line
    return lines[-1] if lines else "no reason given"


def find_repository(folder: Path) -> Path | None:
    """The top folder of the git work tree holding folder, or None."""
    try:
        top = git_or_none(folder, "rev-parse", "--show-toplevel")
    except GitRefused:
        return None
    return Path(top) if top else None
