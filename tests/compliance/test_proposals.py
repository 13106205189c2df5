"""Proposing an allowed context from false-positive reports (issue 18 item 7)."""

from __future__ import annotations

from app.compliance import Entry
from app.compliance.proposals import propose_context, reported_sentence

FIRST = Entry("第一", "ad_absolute", "review", examples_hit=("销量第一",), examples_pass=("好",))


def test_the_shortest_context_that_clears_every_report_and_keeps_the_examples() -> None:
    reports = ["入秋【第一】件风衣", "今年【第一】件羊绒衫，软糯", "x"]
    assert propose_context(FIRST, reports) == "第一件"


def test_a_context_that_would_break_a_must_hit_example_is_not_proposed() -> None:
    entry = Entry("第一", "ad_absolute", "review", examples_hit=("第一件就卖爆",),
                  examples_pass=("好",))  # fmt: skip
    proposal = propose_context(entry, ["入秋【第一】件风衣"])
    assert proposal not in (None, "第一件", "第一件风") and "秋第一" in proposal


def test_nothing_to_propose_without_reported_sentences() -> None:
    assert propose_context(FIRST, ["没有标记的文本"]) is None
    assert reported_sentence("a【b】c") == ("a", "b", "c")
