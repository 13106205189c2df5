"""Issue 18, session 21 (lead): classes behind the false flags of the two blind sets retired to
tuning in this session (fresh_set_7, fresh_set_8), decided by the lead. New variants of each class,
not copies of the retired texts.

- The wearer's worry, hesitation or dilemma (出门前唯一的烦恼是穿哪件, 唯一让我犹豫的是长度) is the
  same family as 唯一的缺点: it ranks no product. 唯一 of the product or the brand still reviews.

From validation counts (real_copy_3/4 held-out parts: entry names and counts only) and the tuning
part of real_copy_4:
- The variant 囯 reads 国 in normalisation (h220's table), so the separate entry 囯家级 merged into
  国家级, whose allowed contexts (国家级非遗…) now cover both spellings.
- A garment that holds in or shapes while it is worn (高腰收紧小腹, 缔造平坦小腹, 胸垫让胸部看起来更
  丰满挺拔) makes no body-change claim — both independent reviewers pass such real copy. Only a
  change of the body (小腹平坦了, 慢慢收紧, 胸部丰满了, 会变得更挺) is a claim under 第十七条.
"""

from __future__ import annotations

import pytest

from app.compliance import check
from app.compliance.normalize import map_char
from tests.compliance.families import SHIPPED, categories

WORRIES = [
    "每天早上唯一的烦恼是穿哪件",
    "这条裙子唯一让我犹豫的是长度",
    "换季唯一的纠结：羊毛还是羊绒",
    "出差前唯一的顾虑是衬衫会不会皱",
    "宝妈们唯一的担心是孩子长得太快",
    "双十一唯一的难题是凑满减",
    "搬家唯一头疼的是衣柜放不下",
]
STILL_CLAIMS = [
    "这是全网唯一一款用这种面料的卫衣",
    "我们是唯一一家把羊绒做到这么薄的品牌",
    "唯一能让你冬天不冷的羽绒服",
]


@pytest.mark.parametrize("text", WORRIES)
def test_the_wearers_worries_are_no_ranking(text: str) -> None:
    assert "ad_absolute" not in categories(text)


@pytest.mark.parametrize("text", STILL_CLAIMS)
def test_uniqueness_of_the_product_still_reviews(text: str) -> None:
    assert "ad_absolute" in categories(text)


WORN_SHAPING = [
    "高腰设计收紧小腹，上身利落",
    "加宽腰头，轻松打造平坦小腹",
    "收腹款连体衣，穿着时小腹更平坦",
    "聚拢胸垫让胸部看起来更丰满挺拔",
    "立体剪裁衬托胸部丰满的线条",
    "这款文胸能提升胸部线条，视觉上更挺拔",
]
BODY_CHANGES = [
    "连穿一个月，小腹平坦了不少",
    "坚持穿，小腹会慢慢收紧",
    "穿了两周小腹变得平坦",
    "长期穿着胸部会变得更挺",
    "睡觉也穿，胸部丰满了一个杯",
    "穿三个月胸部提升了一个罩杯",
]


@pytest.mark.parametrize("text", WORN_SHAPING)
def test_shaping_while_worn_is_no_body_change_claim(text: str) -> None:
    assert "ad_claim" not in categories(text)


@pytest.mark.parametrize("text", BODY_CHANGES)
def test_a_change_of_the_body_is_still_a_claim(text: str) -> None:
    assert "ad_claim" in categories(text)


def test_the_variant_guo_reads_guo_and_its_own_entry_is_gone() -> None:
    assert map_char("囯") == "国"
    assert not [entry for entry in SHIPPED.entries if "囯" in entry.term]
    hits = check(SHIPPED, body="囯家级工艺，匠心之作").hits
    found = {(hit.term, hit.text) for hit in hits if hit.category == "ad_absolute"}
    assert ("国家级", "囯家级") in found and ("国家级工艺", "囯家级工艺") in found
    assert "ad_absolute" not in categories("囯家级非遗蜡染，是这一季的灵感")
