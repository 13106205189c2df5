"""Proposing an allowed context from false-positive reports (issue 18 item 7)."""

from __future__ import annotations

from app.compliance import Entry, build_lexicon, verify_examples
from app.compliance.engine import lexicon_hits
from app.compliance.proposals import (
    Proposal,
    propose,
    propose_context,
    reported_sentence,
    with_fix,
)

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


FAT = Entry("赘肉", "ad_claim", "review", examples_hit=("穿上就能甩掉赘肉", "燃烧赘肉的塑身衣"),
            examples_pass=("好",))  # fmt: skip
AD = Entry("链接在评论区", "ad_disclosure", "review", examples_hit=("这条裙子好穿，链接在评论区",),
           examples_pass=("好",))  # fmt: skip


def test_a_near_condition_from_the_trigger_words_the_reports_lack() -> None:
    """Every must-hit example has a verb of removing next to 赘肉, no reported sentence does:
    the proposal keeps the entry only near those verbs (issue 18 item 4)."""
    reports = ["深色阔腿裤遮住【赘肉】", "这件外套能藏住【赘肉】，显瘦", "宽松版型遮盖小【赘肉】"]
    best = propose(FAT, reports)[0]
    assert best.kind == "near" and best.cleared == 3
    distance, triggers = best.value.split(":")[1:]
    assert set(triggers.split("/")) == {"甩掉", "燃烧"} and int(distance) <= 4
    fixed = with_fix(FAT, best.kind, best.value)
    assert verify_examples(None, fixed) == []
    lexicon = build_lexicon([fixed])
    assert not lexicon_hits(lexicon, "宽松版型遮盖小赘肉", None, "body")
    assert lexicon_hits(lexicon, "每天甩掉赘肉", None, "body")


def test_an_unless_condition_from_a_word_every_report_holds() -> None:
    """Both reported posts are labelled 广告 and the must-hit example is not: unless:广告."""
    reports = ["广告 品牌合作，【链接在评论区】", "本文为广告：购买【链接在评论区】"]
    proposals = propose(AD, reports)
    unless = next(p for p in proposals if p.kind == "unless")
    assert unless == Proposal("unless", "unless:广告", 2)
    assert proposals[0].cleared == 2 and proposals[0].kind in ("unless", "near")
    lexicon = build_lexicon([with_fix(AD, "unless", unless.value)])
    assert not lexicon_hits(lexicon, "广告：链接在评论区", None, "body")
    assert lexicon_hits(lexicon, "好穿，链接在评论区", None, "body")


def test_no_condition_that_would_silence_a_must_hit_example() -> None:
    """A word the must-hit example holds too (好穿) is never proposed as an unless marker, and
    a trigger the reports hold (好穿 again) is never proposed as a near trigger."""
    reports = ["这条裤子好穿，【链接在评论区】", "好穿到哭，【链接在评论区】"]
    proposals = propose(AD, reports)
    kinds = {p.kind: p.value for p in proposals}
    assert kinds.keys() >= {"unless", "near"}
    assert kinds["unless"].removeprefix("unless:") not in AD.examples_hit[0]
    for trigger in kinds["near"].split(":")[2].split("/"):
        assert trigger in AD.examples_hit[0] and not any(trigger in r for r in reports)
    for p in proposals:
        assert verify_examples(None, with_fix(AD, p.kind, p.value)) == []
