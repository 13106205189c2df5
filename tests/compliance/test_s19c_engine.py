"""Engine speed-ups of session 19 (h197, issue 18) that must not change a hit.

A hit of an entry with a ``near`` or ``then`` rule whose trigger keys do not occur within the
rule's reach is dropped without its trigger window (``lexicon.Requirement``): the hits must be
those of the full judgement, at the edges of every reach too.
"""

from __future__ import annotations

import itertools

import pytest

from app.compliance import Entry, Lexicon, build_lexicon, check_text

NEAR = Entry("赘肉", "ad_claim", "review", conditions=("near:6:甩掉/燃烧脂肪",), id=1)
THEN = Entry("转起来", "inducement", "review", conditions=("then:4:好运/平安",), id=2)
BOTH = Entry(
    "排毒", "ad_claim", "block", conditions=("near:3:轻松", "negated:4:不能", "then:5:变美"), id=3
)
LEXICON = build_lexicon([NEAR, THEN, BOTH], version=1)


def _hits(lexicon: Lexicon, text: str, requirements: bool) -> list[tuple[int, int, str]]:
    saved = lexicon.requirements
    if not requirements:
        object.__setattr__(lexicon, "requirements", {})
    try:
        return [(h.start, h.end, h.term) for h in check_text(lexicon, text, limit=None).hits]
    finally:
        object.__setattr__(lexicon, "requirements", saved)


def test_every_near_and_then_entry_has_its_requirements() -> None:
    assert set(LEXICON.requirements) == {0, 1, 2}
    assert [len(needs) for _, needs in sorted(LEXICON.requirements.items())] == [1, 1, 2]


FILLERS = ("", "衣", "衣服", "好看的衣服", "，", "。", "！\n", "不能")
TEXTS = [
    f"{a}{trigger}{b}{term}{c}{after}{d}"
    for term, trigger, after in (
        ("赘肉", "燃烧脂肪", "甩掉"),
        ("转起来", "平安", "好运"),
        ("排毒", "轻松", "变美"),
    )
    for a, b, c, d in itertools.product(FILLERS, repeat=4)
    if len(a + b + c + d) < 12
]


@pytest.mark.parametrize("chunk", range(8))
def test_requirements_change_no_hit_at_the_edges_of_reach(chunk: int) -> None:
    texts = TEXTS[chunk::8]
    assert texts
    for text in texts:
        assert _hits(LEXICON, text, True) == _hits(LEXICON, text, False), text


def test_a_trigger_at_the_edge_of_reach_counts() -> None:
    assert _hits(LEXICON, "燃烧脂肪面料很舒服呀赘肉", True)  # six characters between
    assert not _hits(LEXICON, "燃烧脂肪面料很舒服呀哦赘肉", True)  # seven
    assert _hits(LEXICON, "转起来。面料很舒好运", True)  # a sentence end is not counted
    assert not _hits(LEXICON, "转起来。面料很舒服好运", True)
