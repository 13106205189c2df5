"""Issue 18: a property is not a guarantee, and an absolute word not about the goods is no claim."""

from __future__ import annotations

import pytest

from app.compliance import check
from tests.compliance import evaluate

SHIPPED = evaluate.load_lexicon()


def _verdict(text: str) -> str:
    return check(SHIPPED, body=text).verdict


@pytest.mark.parametrize(
    "text",
    [
        "羊毛含量100%，无混纺，建议平铺晾干",  # composition is a property
        "这件纯棉卫衣不易起球，日常机洗没问题",  # a hedged property
        "毛衣不起球的秘诀：少摩擦、平铺晾干",  # a care tip, not a promise
        "起球不可能完全避免，请按洗标护理",  # an honest caveat
    ],
)
def test_a_plain_property_or_care_tip_warns_at_most(text: str) -> None:
    assert _verdict(text) in ("pass", "warn")


@pytest.mark.parametrize(
    "text",
    [
        "这件羊绒衫永不起球",
        "100%不缩水，放心洗",
        "防泼水率100%，雨天放心穿",
        "缩水？不存在的。",
        "这件毛衣起不了球",
        "洗了五十次，颜色依旧如初",
    ],
)
def test_a_guarantee_is_reviewed(text: str) -> None:
    assert _verdict(text) == "review"


@pytest.mark.parametrize(
    "text", ["全网价格最低的一件大衣", "全网独家最低，只在直播间", "国家级品质标准"]
)
def test_a_clear_cut_absolute_claim_is_blocked_even_when_split(text: str) -> None:
    assert _verdict(text) == "block"


def test_the_split_price_claim_needs_the_superlative_next_to_it() -> None:
    assert _verdict("全网同价，最低5折起") != "block"
    assert _verdict("全网首发的新色，最便宜的一档是199元") != "block"


@pytest.mark.parametrize(
    "text",
    [
        "今天是入冬以来最冷的一天",  # time and weather
        "今年最强寒潮周末到",
        "叠穿时最外层选一件长款风衣",  # layer and button order
        "西装最下面一颗扣子通常不扣",
        "腰围：量腰部最细处；胸围：绕胸部最丰满处一周",  # how to measure
        "这组大片在国家级自然保护区拍摄",  # an official designation of a place
        "这是我们品牌全网第一次直播",  # an ordinal
        "唯一的区别是领口：A款圆领，B款V领",  # between our own styles
        "纠结颜色的话首选黑色",
        "衬衫下摆最好塞进裤腰里",  # a styling tip
    ],
)
def test_an_absolute_word_not_about_the_goods_is_not_flagged(text: str) -> None:
    assert _verdict(text) in ("pass", "warn")


@pytest.mark.parametrize(
    "text",
    [
        "市面上找不到比这更保暖的羽绒服",
        "没有比它更软的毛衣了",
        "国货之光，行业内绝对的第一",
        "全网再找不出第二家",
        "连续三年稳坐类目的头把交椅",
        "透气性目前还没有品牌能超越",
    ],
)
def test_a_disguised_superlative_is_reviewed(text: str) -> None:
    assert _verdict(text) in ("review", "block")
