"""Writing the output: safe paths, unchanged files left alone, only roadmap-site's own files removed."""

import json

import pytest

from roadmap_site.output.fs import MANIFEST, UnsafePath, check_output_path, write_site


@pytest.mark.parametrize("path", ["", "/etc/passwd", "../x", "a/../../x", "a\\b", "a\x00", "C:/x", ".", "a/./b"])
def test_unsafe_output_paths_are_refused(path):
    with pytest.raises(UnsafePath):
        check_output_path(path)


def test_write_site_rewrites_only_what_changed_and_removes_only_its_own_files(tmp_path):
    out = tmp_path / "out"
    assert write_site(out, {"a.html": b"1", "d/b.html": b"2", "k.html": b"k"}, {"a.html": "f1"}) == (
        ["a.html", "d/b.html", "k.html"], [])
    (out / "user.txt").write_text("mine")
    written = write_site(out, {"a.html": b"1", "c.html": b"3"}, {"a.html": "f2"}, kept=frozenset({"k.html"}))
    assert written == (["c.html"], ["d/b.html"])
    assert not (out / "d").exists()  # the emptied folder went with it
    assert (out / "user.txt").read_text() == "mine" and (out / "k.html").read_text() == "k"
    assert json.loads((out / MANIFEST).read_text()) == {"a.html": "f2", "c.html": None, "k.html": None}


def test_a_tampered_manifest_never_deletes_outside_the_output(tmp_path):
    out = tmp_path / "out"
    write_site(out, {"a.html": b"1"}, {})
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (out / MANIFEST).write_text(json.dumps(["../victim.txt", "/etc/hostname", "a.html"]))
    write_site(out, {"b.html": b"2"}, {})
    assert victim.read_text() == "keep"
    assert not (out / "a.html").exists()


def stage(out, files):
    for relative, data in files.items():
        path = out / ".roadmap-site-staging" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return frozenset(files)


def test_staged_pages_move_into_new_and_existing_folders(tmp_path):
    out = tmp_path / "out"
    write_site(out, {}, {}, staged=stage(out, {"a/index.html": b"1", "a/b/index.html": b"2", "c.html": b"3"}))
    staged = stage(out, {"a/b/index.html": b"2'", "a/d/index.html": b"4", "e/f/index.html": b"5"})
    assert write_site(out, {}, {}, kept=frozenset({"a/index.html", "c.html"}), staged=staged) == (sorted(staged), [])
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")} == {
        "a/index.html": b"1", "a/b/index.html": b"2'", "a/d/index.html": b"4", "c.html": b"3", "e/f/index.html": b"5"}
    assert not (out / ".roadmap-site-staging").exists()


def test_a_staged_page_never_follows_a_link_out_of_the_output(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "a").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UnsafePath):
        write_site(out, {}, {}, staged=stage(out, {"a/index.html": b"1"}))
    assert list(elsewhere.iterdir()) == []
