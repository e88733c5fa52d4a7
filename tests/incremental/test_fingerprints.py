"""fingerprint() is the one-call form of Digest: the same parts give the same hex digest,
and no two different sequences of parts give the same bytes to hash."""

from hypothesis import given, strategies as st

from roadmap_site.incremental.fingerprints import Digest, fingerprint

texts = st.lists(st.text(), max_size=6)


@given(texts)
def test_fingerprint_equals_the_digest_of_the_same_parts(parts):
    assert fingerprint(*parts) == Digest(*parts).hexdigest()


@given(texts, texts)
def test_different_sequences_of_parts_have_different_fingerprints(one, other):
    if one != other:
        assert fingerprint(*one) != fingerprint(*other)


def test_parts_are_framed_not_joined():
    assert fingerprint("ab", "c") != fingerprint("a", "bc") != fingerprint("abc")
    assert fingerprint("", "") != fingerprint("")
