"""Build speed-up of session 21 (issue 18): the alternation of a near or then rule's trigger keys
(``lexicon.Requirement.keys``) is compiled on its first search, not while the lexicon is built, and
a compiled alternation is kept across builds. Nothing a check finds may change."""

from __future__ import annotations

from app.compliance import Entry, build_lexicon, check_text
from app.compliance.lexicon import Alternation

NEAR = Entry("赘肉", "ad_claim", "review", conditions=("near:6:甩掉/燃烧脂肪",), id=1)
OTHER = Entry("排毒", "ad_claim", "block", conditions=("near:3:轻松",), id=2)


def _keys(lexicon_entries: list[Entry]) -> list[Alternation]:
    lexicon = build_lexicon(lexicon_entries, version=1)
    return [need.keys for _, needs in sorted(lexicon.requirements.items()) for need in needs]


def test_alternations_are_compiled_by_the_first_check_that_needs_them() -> None:
    lexicon = build_lexicon([NEAR, OTHER], version=1)
    near, other = (needs[0].keys for _, needs in sorted(lexicon.requirements.items()))
    assert near.pattern is None and other.pattern is None  # the build compiled nothing
    hits = check_text(lexicon, "穿上它轻松甩掉赘肉").hits
    assert [(h.term, h.text) for h in hits] == [("赘肉", "赘肉")]
    assert near.pattern is not None  # searched for 赘肉's hit
    assert other.pattern is None  # 排毒 never hit, so never compiled
    assert check_text(lexicon, "赘肉藏起来了").hits == ()  # no trigger in reach: dropped


def test_a_rebuild_reuses_the_compiled_alternations() -> None:
    first = _keys([NEAR])[0]
    assert first.search("轻松甩掉", 0, 4) is not None
    again = _keys([NEAR])[0]
    assert again is not first and again.pattern is None
    assert again.search("甩掉", 0, 2) is not None
    assert again.pattern is first.pattern  # the same compiled object, kept across builds


def test_search_honours_the_window() -> None:
    keys = Alternation("甩掉|燃烧脂肪")
    assert keys.search("先甩掉赘肉", 0, 5) is not None
    assert keys.search("先甩掉赘肉", 2, 5) is None  # starts after the key's first character
    assert keys.search("先甩掉赘肉", 0, 2) is None  # ends before the key is complete
