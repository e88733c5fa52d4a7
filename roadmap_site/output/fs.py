"""Files on disk: every write of roadmap-site goes through here (atomic, to safe paths), the
output folder's manifest of what roadmap-site wrote (so that cleaning never removes anything
else), and the one walk of a theme's folders."""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

MANIFEST = ".roadmap-site-manifest.json"
STAGING = ".roadmap-site-staging"  # made pages wait here until the build is known good
# Files that belong to the publishing set-up, not to a build.
KEPT = frozenset({"CNAME", ".nojekyll"})


def theme_files(folders: Iterable[Path]) -> Iterator[tuple[str, Path]]:
    """(name relative to its folder, path) for every file under each existing folder, in a
    stable order. Names starting with '.' (an editor's swap file, .DS_Store) are not part of
    a theme, at any depth."""
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                relative = path.relative_to(folder)
                if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                    yield relative.as_posix(), path


class UnsafePath(ValueError):
    pass


def check_output_path(path: str) -> str:
    """A normalised relative POSIX path that stays inside the output folder."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/") or ":" in path.split("/")[0]:
        raise UnsafePath(f"unsafe output path {path!r}")
    normal = posixpath.normpath(path)
    if normal in (".", "..") or normal.startswith("../") or normal != path.rstrip("/"):
        raise UnsafePath(f"unsafe output path {path!r}")
    return normal


def check_output_folder(out_dir: Path, protected: list[Path]) -> str | None:
    """Why out_dir may not be used as the output folder, or None when it may."""
    out = out_dir.resolve()
    for folder in protected:
        folder = folder.resolve()
        if out == folder or folder.is_relative_to(out):
            return f"the output folder {out_dir} would contain {folder}; choose another with -o"
    if out == Path.home().resolve() or out == Path(out.anchor):
        return f"refusing to write the site into {out_dir}; choose a folder of its own with -o"
    if out.is_dir() and not (out / MANIFEST).is_file():
        foreign = [p.name for p in out.iterdir() if not p.name.startswith(".") and p.name not in KEPT]
        if foreign:
            return (
                f"the output folder {out_dir} holds files roadmap-site did not write "
                f"({', '.join(sorted(foreign)[:3])}); choose an empty folder or remove them"
            )
    return None


class Staging:
    """Made pages wait in OUT/.roadmap-site-staging, outside the build's memory, until the
    build is known to be good; then each moves into place with a rename. Until then the
    output holds exactly what the last good build left."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.folder = out_dir / STAGING

    def put(self, relative: str, data: bytes) -> bool:
        """Stage data for a path; False when the output already holds exactly these bytes."""
        relative = check_output_path(relative)
        if _same_content(self.out_dir / relative, data):
            return False
        staged = self.folder / relative
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        return True

    def discard(self) -> None:
        if self.folder.is_symlink():  # never followed: staging writes only into a folder of its own
            self.folder.unlink()
        shutil.rmtree(self.folder, ignore_errors=True)


def write_site(
    out_dir: Path,
    files: dict[str, bytes],
    fingerprints: dict[str, str],
    kept: frozenset[str] = frozenset(),
    staged: frozenset[str] = frozenset(),
) -> tuple[list[str], list[str]]:
    """Make out_dir hold exactly `files`, `staged` (moved from the staging folder) and `kept`
    (paths left as they are), plus whatever roadmap-site did not write there. Returns the
    paths written and the paths removed. Unchanged files are not rewritten. The manifest
    records every path with the fingerprint of what made it, so the next build can keep
    what did not change."""
    out_dir.mkdir(parents=True, exist_ok=True)
    root = out_dir.resolve()
    previous = read_manifest(out_dir)
    if staged:
        _move_staged(out_dir, root, staged)
    written: list[str] = sorted(staged)
    shutil.rmtree(out_dir / STAGING, ignore_errors=True)
    for relative, data in files.items():
        target = _inside_output(out_dir, root, relative)
        if _same_content(target, data):
            continue
        atomic_write(target, data)
        written.append(relative)
    everything = files.keys() | kept | staged
    removed: list[str] = []
    for relative in sorted(previous.keys() - everything):
        stale = out_dir / relative
        if relative in KEPT or not stale.resolve().is_relative_to(root) or not stale.is_file():
            continue
        stale.unlink()
        removed.append(relative)
        _remove_empty_parents(stale.parent, out_dir)
    _write_manifest(out_dir, {path: fingerprints.get(path) for path in sorted(everything)})
    return written, removed


def _move_staged(out_dir: Path, root: Path, staged: frozenset[str], folder: str = "") -> None:
    """Move what the staging folder holds (exactly the staged paths) into place. A folder the
    output does not have yet moves whole, with one rename: a first build moves a handful of
    folders instead of every page one by one. Elsewhere each file replaces its old copy."""
    source = os.path.join(out_dir, STAGING, folder)
    for entry in os.scandir(source):
        relative = f"{folder}{entry.name}"
        target = os.path.join(out_dir, relative)
        if entry.is_dir(follow_symlinks=False):
            if not os.path.lexists(target):
                os.rename(entry.path, target)
            elif os.path.isdir(target) and not os.path.islink(target):
                _move_staged(out_dir, root, staged, relative + "/")
            else:  # a file or a link where the folder goes: the checks of the path, one file at a time
                for one in sorted(path for path in staged if path.startswith(relative + "/")):
                    _move_one(out_dir, root, one)
        else:
            _move_one(out_dir, root, relative)


def _move_one(out_dir: Path, root: Path, relative: str) -> None:
    target = _inside_output(out_dir, root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(out_dir / STAGING / relative, target)


def _inside_output(out_dir: Path, root: Path, relative: str) -> Path:
    target = out_dir / check_output_path(relative)
    if not target.resolve().is_relative_to(root):
        raise UnsafePath(f"output path {relative!r} leads outside {out_dir}")
    return target


def atomic_write(target: Path, *chunks: bytes, mode: int = 0o644) -> None:
    """Write the chunks to target as one new file: a reader sees the old file or the whole
    new one, never a part."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def create_new(target: Path, data: bytes, mode: int = 0o644) -> None:
    """Write a file that must not exist yet; FileExistsError, writing nothing, when it does
    (even when another process makes it meanwhile)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)


def _same_content(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def read_manifest(out_dir: Path) -> dict[str, str | None]:
    """What roadmap-site wrote in out_dir: path -> fingerprint (None when unknown)."""
    try:
        written = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(written, list):  # the first format: paths only
        written = dict.fromkeys(written)
    if not isinstance(written, dict):
        return {}
    safe: dict[str, str | None] = {}
    for name, fingerprint in written.items():
        try:
            safe[check_output_path(name)] = fingerprint if isinstance(fingerprint, str) else None
        except (UnsafePath, TypeError):
            continue  # a tampered manifest never makes us delete outside the folder
    return safe


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_relative_to(stop):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def forget_fingerprints(out_dir: Path, paths: Iterable[str]) -> None:
    """Record that the files at `paths` were written by something other than a build, so
    that the next build makes them again rather than trusting their recorded fingerprints."""
    manifest = read_manifest(out_dir)
    forgotten = {path: None for path in paths if path in manifest}
    if forgotten:
        _write_manifest(out_dir, {**manifest, **forgotten})


def _write_manifest(out_dir: Path, manifest: dict[str, str | None]) -> None:
    atomic_write(out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=0).encode())
