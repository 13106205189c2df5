"""The negated and requires conditions (issue 18, session 18).

``negated:N:T1/T2`` drops a hit when a negation stands before it within N characters in the same
clause (a comma, 、, a sentence end or a scope breaker such as 但/还能 ends the negation);
``requires:M1/M2`` keeps a hit only when the document holds one of the markers. The engine agrees
with the reference checker on generated texts that put negations, clause breaks and breakers at
and around each distance."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from app.compliance import Entry, build_lexicon, check
from app.compliance.conditions import ConditionError, condition_problems, parse_condition
from app.compliance.engine import verify_examples
from app.compliance.normalize import CLAUSE_BREAKS, CLAUSE_CHARS, map_char
from tests.compliance.generated import agreeing_terms, assert_agrees, generated_texts
from tests.compliance.reference import reference_lexicon

CURE = Entry(
    "治疗",
    "ad_claim",
    "block",
    conditions=("negated:10:不能/无法/不具备/不具有/不代表/没有!没有比/并非",),
    id=1,
)
DENIAL = Entry(
    "不是广告",
    "ad_disclosure",
    "review",
    conditions=("requires:链接/下单/小黄车/购买!自费购买",),
    id=2,
)
LEXICON = build_lexicon((CURE, DENIAL), version=1)
REFERENCE = reference_lexicon((CURE, DENIAL), version=1)


def terms(body: str) -> list[str]:
    return agreeing_terms(LEXICON, REFERENCE, body)


@pytest.mark.parametrize(
    "text",
    [
        "本品不能替代药物治疗，如有不适请就医",
        "并不具备任何治疗作用",
        "不代表对任何疾病有预防或治疗作用",
        "它不具有治疗功能",
        "不具備任何治療作用",  # traditional characters
        "不 能 替 代 药 物 治 疗",  # spaces are no clause break
        "没有任何治疗效果",
        "并非治疗用品",
        "无法治疗，也不能治疗",  # the second 治疗 is negated in its own clause
    ],
)
def test_a_negation_before_the_hit_in_the_same_clause_drops_it(text: str) -> None:
    assert terms(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "没有任何副作用，还能治疗失眠",  # a comma ends the negation
        "没有任何副作用,还能治疗失眠",  # half-width comma
        "没有甲醛、治疗湿疹",  # an enumeration comma too
        "没有副作用还能治疗失眠",  # 还能: a further claim
        "不是药但能治疗失眠",  # 但: a contrast (不是 is no trigger here; 但 would end it anyway)
        "不能替代药物但可以辅助治疗",  # 但
        "不能停！治疗颈椎就靠它",  # a sentence end
        "治疗颈椎不能停",  # the negation must come before the hit
        "没有比它更能治疗失眠的睡衣",  # 没有比: an exception of the trigger, a comparison
        "不能错过的这一件羊毛护膝有效治疗关节痛",  # 12 characters between: beyond 10
        "不仅能保暖还能治疗老寒腿",  # 不仅 is no negation
        "不用吃药就能治疗失眠",  # 不用 is no negation
        "不能水洗的治疗护膝",  # 的: the negation modifies something else
        "不是普通护膝是治疗护膝",  # 是: an affirmation follows
    ],
)
def test_a_claim_beyond_the_negation_still_hits(text: str) -> None:
    assert terms(text) == ["治疗"]


def test_the_distance_counts_the_characters_between() -> None:
    assert terms("不能一二三四五六七八九十治疗") == []  # ten between
    assert terms("不能一二三四五六七八九十一治疗") == ["治疗"]  # eleven
    assert terms("不能治疗") == []  # touching: zero
    assert terms("不能治治治疗") == []  # a repeated character counts once


def test_clause_breaks_only_count_between_negation_and_hit() -> None:
    assert terms("好看，不能替代药物治疗") == []  # a comma before the negation
    assert terms("不能替代药物治疗，好看") == []  # and after the hit
    assert terms("不能替代药物治疗，治疗请就医") == ["治疗"]  # the second 治疗 is in a new clause


def test_requires_fires_only_with_one_of_the_markers() -> None:
    assert terms("这篇不是广告，纯分享") == []
    assert terms("这篇不是广告，链接在评论区") == ["不是广告"]
    assert terms("不是广告哦，直接下单就行") == ["不是广告"]
    assert terms("不是广告，自费购买的") == []  # 购买 inside its exception 自费购买
    assert terms("不是广告，自费购买的，想要的姐妹购买链接在主页") == ["不是广告"]


def test_requires_looks_at_the_whole_document() -> None:
    report = check(LEXICON, title="小黄车已挂", body="真的不是广告")
    assert [hit.term for hit in report.hits] == ["不是广告"]
    assert report == REFERENCE.check(title="小黄车已挂", body="真的不是广告")


def test_the_conditions_parse_and_their_errors_are_chinese() -> None:
    negated = parse_condition("negated:8:不能/无法!无法拒绝")
    assert negated.kind == "negated" and negated.distance == 8
    assert [t.text for t in negated.triggers] == ["不能", "无法"]
    assert negated.triggers[1].exceptions == ("无法拒绝",)
    requires = parse_condition("requires:链接/下单")
    assert requires.kind == "requires" and [m.text for m in requires.markers] == ["链接", "下单"]
    with pytest.raises(ConditionError, match="邻近条件的字数"):
        parse_condition("negated:很近:不能")
    with pytest.raises(ConditionError, match="没有写触发词"):
        parse_condition("negated:6:")
    with pytest.raises(ConditionError, match="没有写文档标记"):
        parse_condition("requires: / ")
    with pytest.raises(ConditionError, match="必须包含标记"):
        parse_condition("requires:链接!下单")
    assert condition_problems(("negated:6:不能", "requires:链接"), "review") == []
    assert "negated:" in str(condition_problems(("nope:1",), "review")[0])


def test_an_entry_keeps_examples_that_show_the_negation() -> None:
    entry = Entry(
        "疗效",
        "ad_claim",
        "block",
        examples_hit=("穿着就有理疗疗效", "没有副作用，疗效显著"),
        examples_pass=("并不具备任何疗效", "不代表有疗效"),
        conditions=("negated:8:不具备/不代表/没有",),
    )
    assert verify_examples(None, entry) == []
    wrong = Entry(
        "疗效", "ad_claim", "block", examples_hit=("不具备疗效",), examples_pass=("好",),
        conditions=("negated:8:不具备",),
    )  # fmt: skip
    assert verify_examples(None, wrong)  # the negated must-hit example no longer hits


def test_clause_break_characters_are_every_code_point_mapping_to_one() -> None:
    for code_point in range(0x110000):
        if 0xD800 <= code_point < 0xE000:
            continue
        char = chr(code_point)
        assert (map_char(char) in CLAUSE_BREAKS) == bool(CLAUSE_CHARS.fullmatch(char)), hex(
            code_point
        )


ENTRIES = (
    Entry("治疗", "ad_claim", "block", conditions=("negated:3:不能/无法!无法拒绝",), id=1),
    Entry("疗", "ad_claim", "review", conditions=("negated:0:非", "near:6:穿"), id=2),
    Entry("广告", "ad_disclosure", "review", conditions=("requires:链接/下单!不下单",), id=3),
    Entry("最好", "ad_absolute", "review", conditions=("negated:2:不是", "unless:广告"), id=4),
)
PIECES = (
    *("治疗", "疗", "治", "不能", "无法", "无法拒绝", "非", "穿", "广告", "链接", "下单", "不下单"),
    *("最好", "不是", "最", "好", "不", "能"),
    *("但", "还能", "而是", "并且", "却", "就可"),
    *("的", "衣服", "a", "1", "很", "真的", "这"),
    *(" ", "*", "，", ",", "、", "､", "﹑", "。", "！", "\n", "😀", "💊", "🔗", "-", "\u200b"),
)
texts = generated_texts(PIECES)
GENERATED = build_lexicon(ENTRIES, version=2)
GENERATED_REFERENCE = reference_lexicon(ENTRIES, version=2)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=texts, body=texts)
def test_negated_and_requires_match_the_reference(title: str, body: str) -> None:
    assert_agrees(GENERATED, GENERATED_REFERENCE, title, body)


def test_the_generated_shapes_reach_every_branch() -> None:
    """Guard against a vacuous property: negations that drop, and breaks that do not."""

    def hits(body: str) -> list[str]:
        return agreeing_terms(GENERATED, GENERATED_REFERENCE, body)

    assert hits("不能a治疗") == []
    assert hits("不能，治疗") == ["治疗"]
    assert hits("不能﹑治疗") == ["治疗"]
    assert hits("不能还能治疗") == ["治疗"]
    assert hits("无法拒绝治疗") == ["治疗"]
    assert hits("穿非疗") == []
    assert hits("穿疗") == ["疗"]
    assert hits("不是最好") == []
    assert hits("不是，最好") == ["最好"]
    assert hits("广告") == []
    assert hits("广告🔗") == ["广告"]  # 🔗 reads 链接
    assert hits("广告不下单") == []
    assert hits("不能💊治疗") == []  # 💊 reads 药: one character between, within 3
    assert hits("穿非💊疗") == ["疗"]  # read as 药 it parts 非 from 疗 (0); as a separator not
