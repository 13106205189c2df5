"""The followed condition (issue 18, session 19): the mirror of ``negated``.

``followed:N:T1/T2`` drops a hit when one of the triggers starts at most N characters after it in
the same clause (a comma, 、 or a sentence end between keeps the hit; scope breakers such as 的 do
not apply, since 最令人惊喜的是 is made of them). Real clothing copy introduces a product's own
highlight this way (最大的设计亮点在于…, 最惹眼的就是…). The engine agrees with the reference
checker on generated texts that put triggers, clause breaks and sentence ends at and around each
distance, for an entry with only exemption rules (the engine's quick path) and one with a near rule
too."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings

from app.compliance import Entry, build_lexicon
from app.compliance.conditions import condition_problems, parse_condition
from app.compliance.engine import verify_examples
from tests.compliance.generated import agreeing_terms, assert_agrees, generated_texts
from tests.compliance.reference import reference_lexicon

MOST = Entry(
    "最",
    "ad_absolute",
    "review",
    conditions=("followed:8:的是/的就是/莫过于/在于/亮点!亮点都/来自", "negated:6:目标是"),
    id=1,
)
LEXICON = build_lexicon((MOST,), version=1)
REFERENCE = reference_lexicon((MOST,), version=1)


def terms(body: str) -> list[str]:
    return agreeing_terms(LEXICON, REFERENCE, body)


@pytest.mark.parametrize(
    "text",
    [
        "这件衬衫最大的设计亮点在于领口的刺绣",
        "最令人惊喜的是袖口的珍珠扣",
        "最惹眼的就是胸前的大蝴蝶结",
        "整条裙子最别致的莫过于腰间的系带",
        "最 吸 睛 的 是 后 背 的 镂 空",  # spaces are no clause break
        "最令人心动的设计来自袖子",
        "我们的目标是做最好的童装",  # the negated rule still works beside it
    ],
)
def test_a_highlight_after_the_hit_in_the_same_clause_drops_it(text: str) -> None:
    assert terms(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "这是最好的羽绒服",  # no trigger
        "这是最好的羽绒服，亮点在于充绒量",  # a comma between
        "这是最好的羽绒服。它的亮点在于领口",  # a sentence end between
        "这是全世界最最最最保暖又轻便舒适的羽绒服的是",  # too far
        "最好的款式，亮点都在这里",  # an exception of the trigger, after a comma anyway
        "它的亮点在于是最好的面料",  # the trigger before the hit
    ],
)
def test_a_claim_without_a_close_trigger_after_it_still_hits(text: str) -> None:
    assert terms(text) == ["最"]


def test_the_distance_counts_the_characters_between() -> None:
    assert terms("最" + "好" * 1 + "舒服保暖轻" + "的是") == []  # 6 between
    assert terms("最好舒服保暖轻软糯有型的是") == ["最"]  # 10 between


def test_the_condition_parses_and_entries_keep_examples_that_show_it() -> None:
    followed = parse_condition("followed:8:的是/亮点!亮点都")
    assert followed.kind == "followed" and followed.distance == 8
    assert [t.text for t in followed.triggers] == ["的是", "亮点"]
    assert condition_problems(("followed:8:的是",), "review") == []
    assert "followed:" in str(condition_problems(("nope:1",), "review")[0])
    assert condition_problems(("followed:远:的是",), "review")
    entry = Entry(
        "最",
        "ad_absolute",
        "review",
        conditions=("followed:8:亮点在于",),
        examples_hit=("最好的羽绒服",),
        examples_pass=("最大的亮点在于领口",),
    )
    assert verify_examples(None, entry) == []
    wrong = dataclasses.replace(entry, examples_pass=("最好的羽绒服，亮点在于领口",))
    assert verify_examples(None, wrong) != []


ENTRIES = (
    Entry("最好", "ad_absolute", "review", conditions=("followed:3:的是/在于!在于是",), id=1),
    Entry("最", "ad_absolute", "review", conditions=("followed:0:的是", "negated:2:不是"), id=2),
    Entry("第一", "ad_absolute", "warn", conditions=("followed:2:次/眼", "near:6:款"), id=3),
)
PIECES = (
    *("最好", "最", "第一", "的是", "在于", "在于是", "次", "眼", "款", "不是"),
    *("好", "的", "是", "在", "于", "不", "衣服", "a", "1", "很", "这"),
    *(" ", "*", "，", ",", "、", "﹑", "。", "！", "\n", "😀", "-", "\u200b"),
)
texts = generated_texts(PIECES)
GENERATED = build_lexicon(ENTRIES, version=2)
GENERATED_REFERENCE = reference_lexicon(ENTRIES, version=2)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=texts, body=texts)
def test_followed_matches_the_reference(title: str, body: str) -> None:
    assert_agrees(GENERATED, GENERATED_REFERENCE, title, body)


def test_the_generated_shapes_reach_every_branch() -> None:
    """Guard against a vacuous property: triggers that drop, and breaks that do not."""

    def hits(body: str) -> list[str]:
        return agreeing_terms(GENERATED, GENERATED_REFERENCE, body)

    assert hits("最好的是") == ["最"]  # 最好 dropped; 最 is one character too far (0)
    assert hits("最好a的是") == ["最"]
    assert hits("最好，的是") == ["最", "最好"]
    assert hits("最好。在于") == ["最", "最好"]
    assert hits("最好在于是") == ["最", "最好"]  # the trigger's exception
    assert hits("最的是") == []
    assert hits("不是最") == []
    assert hits("第一次穿这款") == []
    assert hits("第一款") == ["第一"]
