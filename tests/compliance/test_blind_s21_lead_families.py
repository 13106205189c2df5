"""Issue 18, session 21 (lead): classes behind the false flags of the two blind sets retired to
tuning in this session (fresh_set_7, fresh_set_8), decided by the lead. New variants of each class,
not copies of the retired texts.

- The wearer's worry, hesitation or dilemma (出门前唯一的烦恼是穿哪件, 唯一让我犹豫的是长度) is the
  same family as 唯一的缺点: it ranks no product. 唯一 of the product or the brand still reviews.
"""

from __future__ import annotations

import pytest

from tests.compliance.families import categories

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
