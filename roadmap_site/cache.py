"""Parsed articles kept between builds: in memory for the dev server, on disk for the next
`roadmap-site build`.

Parsing an article is a pure function of its source, its output path, the config and what
the link index says about the links it makes. An entry is keyed by a digest of the first
three and checked against the fourth, so adding an article re-parses only the articles that
link to it. The cache lives in the user's cache folder ($XDG_CACHE_HOME, else ~/.cache), one folder per
site, as Hugo keeps its own: nothing is added to the site's folder or its repository. An
entry that cannot be read, or was written by another version, is ignored and rewritten,
never trusted. Entries are pickles, which can carry code, so each is sealed with an HMAC
keyed by a secret made for this user: an entry that did not come from here is never loaded.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
from pathlib import Path

from roadmap_site import __version__
from roadmap_site.config import Config
from roadmap_site.errors import Problem
from roadmap_site.links import LinkIndex
from roadmap_site.loader import Head
from roadmap_site.models import Article

_FORMAT = f"roadmap-site {__version__} articles 2"

Entry = tuple[tuple, Article, list[Problem]]  # (link signature, article, problems)
_SEAL = hashlib.sha256().digest_size


def _cache_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "roadmap-site"


def cache_folder(site_dir: Path) -> Path:
    """Where the articles of the site in site_dir are cached."""
    name = hashlib.sha256(str(site_dir.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return _cache_home() / "sites" / name


def _sealing_key() -> bytes:
    """This user's key for sealing cache entries, made once. Where it cannot be kept, a key
    for this process alone: entries then last only as long as the process."""
    home = _cache_home()
    path = home / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        home.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(key)
    except OSError:
        try:  # another process made it first
            return path.read_bytes() if len(path.read_bytes()) == 32 else key
        except OSError:
            return key
    return key


def entry_digest(head: Head, config: Config) -> str:
    digest = hashlib.sha256()
    for part in (_FORMAT, head.source.key, head.source.shown, head.path, repr(config)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(head.source.data)
    return digest.hexdigest()


class ArticleCache:
    """Entries by digest, in memory and, given a folder, on disk."""

    def __init__(self, folder: Path | None = None):
        self._folder = folder
        self._key = _sealing_key() if folder is not None else b""
        self._memory: dict[str, Entry] = {}
        self._used: set[str] = set()
        self._writable = folder is not None

    @property
    def folder(self) -> Path | None:
        return self._folder

    def lookup(self, digest: str, index: LinkIndex) -> tuple[Article, list[Problem]] | None:
        self._used.add(digest)
        entry = self._memory.get(digest) or self._read(digest)
        if entry is None:
            return None
        signature, article, problems = entry
        if index.signature(article.link_keys) != signature:
            return None
        self._memory[digest] = entry
        return article, problems

    def store(self, digest: str, index: LinkIndex, article: Article, problems: list[Problem]) -> None:
        entry: Entry = (index.signature(article.link_keys), article, problems)
        self._used.add(digest)
        self._memory[digest] = entry
        self._write(digest, entry)

    def clear(self) -> None:
        self._memory = {}
        if self._folder is not None and self._folder.is_dir():
            for path in self._folder.glob("*.pickle"):
                path.unlink(missing_ok=True)

    def sweep(self) -> None:
        """Forget the entries this build did not use: sources that changed or went away."""
        self._memory = {digest: entry for digest, entry in self._memory.items() if digest in self._used}
        if self._folder is not None and self._folder.is_dir():
            for path in self._folder.glob("*.pickle"):
                if path.stem not in self._used:
                    path.unlink(missing_ok=True)
        self._used = set()

    def _read(self, digest: str) -> Entry | None:
        if self._folder is None:
            return None
        try:
            sealed = (self._folder / f"{digest}.pickle").read_bytes()
        except OSError:
            return None
        seal, payload = sealed[:_SEAL], sealed[_SEAL:]
        if not hmac.compare_digest(seal, hmac.new(self._key, payload, hashlib.sha256).digest()):
            return None  # not written by this user's roadmap-site: never unpickled
        try:
            entry = pickle.loads(payload)  # noqa: S301 - sealed by us, checked above
        except Exception:  # truncated or from another version: parse again
            return None
        if not (isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[1], Article)):
            return None
        return entry

    def _write(self, digest: str, entry: Entry) -> None:
        if not self._writable or self._folder is None:
            return
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self._folder, prefix=".tmp-")
        except OSError:
            self._writable = False  # a read-only site folder: build without a disk cache
            return
        try:
            payload = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(handle, "wb") as stream:
                stream.write(hmac.new(self._key, payload, hashlib.sha256).digest() + payload)
            os.replace(temporary, self._folder / f"{digest}.pickle")
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            self._writable = False
