"""SourceMemory reads only the files whose stamps changed, never trusts a stamp taken while
its file may still change unseen, and a source it did not read is read and checked only when
its bytes are asked for."""

from __future__ import annotations

import os

import pytest

from helpers import write_files
from roadmap_site.commands.build import build
from roadmap_site.errors import SourceError
from roadmap_site.incremental import source_memory
from roadmap_site.incremental.source_memory import SourceMemory
from roadmap_site.parse.sources import Source, list_content


@pytest.fixture
def settled_at_once(monkeypatch):
    """Files count as settled as soon as they are written (the real margin is two seconds)."""
    monkeypatch.setattr(source_memory, "SETTLED_NS", -10**12)


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(tmp_path, settled_at_once):
    content_dir = write_files(tmp_path, {"content/a.md": "Alpha.\n", "content/b.md": "Beta.\n"}) / "content"
    memory = SourceMemory()
    first = memory.read(list_content(content_dir))
    assert all(source.is_read for source in first)
    (content_dir / "b.md").write_text("Beta, edited.\n")
    a, b = SourceMemory(memory.known).read(list_content(content_dir))  # as the next build, in a new process
    assert not a.is_read and a.digest == first[0].digest
    assert b.is_read and b.data == b"Beta, edited.\n"
    assert a.data == b"Alpha.\n"  # read when asked for, and checked against its digest


def test_an_edit_that_keeps_the_size_and_the_modification_time_is_seen(tmp_path, settled_at_once):
    content_dir = write_files(tmp_path, {"content/a.md": "Alpha.\n"}) / "content"
    memory = SourceMemory()
    memory.read(list_content(content_dir))
    path = content_dir / "a.md"
    before = path.stat()
    path.write_text("Omega.\n")  # the same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time, as some tools restore it
    [source] = SourceMemory(memory.known).read(list_content(content_dir))
    assert source.data == b"Omega.\n"  # the change time gave it away


def test_a_file_read_right_after_its_last_change_is_not_vouched_for(tmp_path):
    content_dir = write_files(tmp_path, {"content/a.md": "Alpha.\n"}) / "content"
    memory = SourceMemory()
    memory.read(list_content(content_dir))
    assert memory.known == {}  # it may change again within the clock's granularity, unseen
    [source] = memory.read(list_content(content_dir))
    assert source.is_read


def test_a_file_named_by_an_event_is_read_whatever_its_stamp(tmp_path, settled_at_once):
    content_dir = write_files(tmp_path, {"content/a.md": "Alpha.\n"}) / "content"
    memory = SourceMemory()
    memory.read(list_content(content_dir))
    [source] = memory.read(list_content(content_dir), named={"a.md"})
    assert source.is_read


def test_a_source_whose_file_changed_after_its_stamp_was_taken_is_a_clean_error(tmp_path):
    path = write_files(tmp_path, {"a.md": "Alpha.\n"}) / "a.md"
    source = Source("a.md", str(path), digest=b"\0" * 32)
    with pytest.raises(SourceError) as raised:
        source.data
    assert (raised.value.line, raised.value.message) == (1, "this file changed while it was being built; build again")


def test_a_build_sees_an_edit_that_keeps_size_and_time(tmp_path, settled_at_once):
    root = write_files(tmp_path / "site", {"roadmap.yml": "title: T\nsearch: false\n",
                                           "content/a.md": "# Alpha\n\nFirst words.\n"})
    out = tmp_path / "out"
    build(root, out)
    path = root / "content/a.md"
    before = path.stat()
    path.write_text("# Alpha\n\nOther words.\n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert not build(root, out).up_to_date
    assert "Other words." in (out / "a/index.html").read_text()
