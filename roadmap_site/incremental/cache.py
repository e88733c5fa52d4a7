"""Parsed articles kept between builds: in memory for the dev server, on disk for the next
`roadmap-site build`.

Parsing an article is a pure function of its source, the config and what the link index says
about the links it makes. An entry is keyed by a digest of the first two and checked against
the third, so adding an article re-parses only the articles that link to it, and an unchanged
source is not even read for its front matter again. The cache lives in the user's cache folder
($XDG_CACHE_HOME, else ~/.cache), one folder per site, as Hugo keeps its own: nothing is added
to the site's folder or its repository.

On disk the entries are one snapshot file and a small journal of the entries added since,
each read once: one large read is far cheaper than a file per article, and a build that
re-parses a few articles writes only the journal. A snapshot that
cannot be read, or was written by another version, is ignored and rewritten, never trusted.
They are pickles, which can carry code, so each is sealed with an HMAC keyed by a secret
made for this user: a file that did not come from here is never loaded.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import os
import pickle
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, NamedTuple

from roadmap_site import __version__
from roadmap_site.config import Config
from roadmap_site.errors import Problem
from roadmap_site.incremental.fingerprints import ArticleDigests, fingerprint, source_digest
from roadmap_site.model.models import Article
from roadmap_site.output.fs import atomic_write, create_new
from roadmap_site.parse.sources import Source

_FORMAT = f"roadmap-site {__version__} articles 4"
SNAPSHOT = "articles.pickle"
JOURNAL = "articles-added.pickle"
SOURCE_STAMPS = "sources.pickle"  # see incremental.source_memory
_SEAL = hashlib.sha256().digest_size


class Entry(NamedTuple):
    """A parsed article as the cache keeps it."""

    links: tuple  # what the link index said of its links when it was parsed (LinkIndex.signature)
    article: Article
    problems: list[Problem]
    digests: ArticleDigests


def _cache_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "roadmap-site"


def cache_folder(site_dir: Path) -> Path:
    """Where the articles of the site in site_dir are cached."""
    return _cache_home() / "sites" / fingerprint(str(site_dir.resolve()))[:20]


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
        create_new(path, key, mode=0o600)
    except OSError:
        try:  # another process made it first
            return path.read_bytes() if len(path.read_bytes()) == 32 else key
        except OSError:
            return key
    return key


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pickling a snapshot makes or walks hundreds of thousands of objects, none of them
    garbage; the cyclic collector would scan them again and again (a threefold slowdown)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ArticleCache:
    """Entries by source digest, in memory and, given a folder, in a snapshot on disk."""

    def __init__(self, folder: Path | None = None):
        self._folder = folder
        self._key = _sealing_key() if folder is not None else b""
        self._entries: dict[str, Entry] | None = None  # read from disk when first needed
        self._generation = ""  # names the snapshot; a journal applies only to its own snapshot
        self._base_size = 0  # entries in the snapshot
        self._journal: dict[str, Entry] = {}  # entries added since the snapshot
        self._used: set[str] = set()
        self._added: set[str] = set()
        self._changed = False  # True: the snapshot must be written anew
        self._keys: dict[tuple[str, tuple[str, ...]], tuple[Source, str]] = {}  # see key_for
        self._keyed_config: Config | None = None

    @property
    def folder(self) -> Path | None:
        return self._folder

    def key_for(self, source: Source, config: Config, segments: tuple[str, ...]) -> str:
        """What the entry of a source is kept under: its place, bytes and path segments, the
        config, roadmap-site. Remembered for the very Source object, so that a process
        building again and again (the dev server, which keeps the sources it did not
        read again) hashes only the sources it read anew."""
        if config is not self._keyed_config:
            if config != self._keyed_config:
                self._keys = {}
            self._keyed_config = config
        known = self._keys.get((source.key, segments))
        if known is not None and known[0] is source:
            return known[1]
        key = source_digest(source, config, "/".join(segments), _FORMAT)
        self._keys[(source.key, segments)] = (source, key)
        return key

    def lookup(self, key: str) -> Entry | None:
        """The entry kept under key; the caller checks its link signature."""
        self._used.add(key)
        return self._all().get(key)

    def store(self, key: str, entry: Entry) -> None:
        self._used.add(key)
        self._added.add(key)
        self._all()[key] = entry

    def source_stamps(self) -> dict:
        """What the last build recorded of each source's file (SourceMemory.known)."""
        loaded = self._load(SOURCE_STAMPS)
        return loaded[1] if loaded else {}

    def keep_source_stamps(self, known: dict) -> None:
        self._save(SOURCE_STAMPS, ("", known))

    def clear(self) -> None:
        self._entries, self._changed = {}, True
        if self._folder is not None:
            try:
                for name in (SNAPSHOT, JOURNAL, SOURCE_STAMPS):
                    (self._folder / name).unlink(missing_ok=True)
            except OSError:
                self._folder = None  # a cache folder that cannot be used: build without one

    def sweep(self) -> None:
        """Forget the entries this build did not use (sources that changed or went away),
        and save what changed: the entries added since the snapshot go to a small journal
        beside it, and the snapshot is written anew once the journal and the forgotten
        entries together pass an eighth of it."""
        entries = self._all()
        unused = entries.keys() - self._used
        added = {digest: entries[digest] for digest in self._added}
        self._entries = {digest: entry for digest, entry in entries.items() if digest in self._used}
        self._keys = {name: known for name, known in self._keys.items() if known[1] in self._used}
        self._used, self._added = set(), set()
        if self._folder is None or not (added or unused or self._changed):
            return
        journal = {**self._journal, **added}
        if not self._changed and (len(journal) + len(unused)) * 8 <= self._base_size:
            self._journal = journal
            self._save(JOURNAL, (self._generation, journal))
        else:
            self._generation, self._journal, self._base_size = secrets.token_hex(8), {}, len(self._entries)
            self._save(SNAPSHOT, (self._generation, self._entries))
            if self._folder is not None:
                (self._folder / JOURNAL).unlink(missing_ok=True)
        self._changed = False

    def _all(self) -> dict[str, Entry]:
        if self._entries is None:
            base = self._load(SNAPSHOT)
            self._generation, self._entries = base if base else ("", {})
            self._base_size = len(self._entries)
            journal = self._load(JOURNAL)
            if journal and journal[0] == self._generation and self._generation:
                self._journal = journal[1]
                self._entries.update(journal[1])
        return self._entries

    def _load(self, name: str) -> tuple[str, dict[str, Entry]] | None:
        """(generation, entries) from one sealed file, or None."""
        if self._folder is None:
            return None
        try:
            sealed = (self._folder / name).read_bytes()
        except OSError:
            return None
        view = memoryview(sealed)
        seal, payload = view[:_SEAL], view[_SEAL:]
        if not hmac.compare_digest(seal, hmac.new(self._key, payload, hashlib.sha256).digest()):
            return None  # not written by this user's roadmap-site: never unpickled
        try:
            with _collector_paused():
                format_, generation, entries = pickle.loads(payload)  # noqa: S301 - sealed by us, checked above
        except Exception:  # truncated or from another version: parse again
            return None
        if format_ != _FORMAT or not isinstance(generation, str) or not isinstance(entries, dict):
            return None
        return generation, entries

    def _save(self, name: str, value: tuple[str, dict[str, Entry]]) -> None:
        if self._folder is None:
            return
        with _collector_paused():
            payload = pickle.dumps((_FORMAT, *value), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            atomic_write(self._folder / name, hmac.new(self._key, payload, hashlib.sha256).digest(), payload, mode=0o600)
        except OSError:
            self._folder = None  # a cache folder that cannot be written: build without one
