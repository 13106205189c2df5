"""Issue 18, session 18 (lead): proposals the blind writers made for lists they did not own,
applied after their branches were merged. New variants, not copies of the tuning texts.

- Sharing to a group (`发到群里`) is an inducement only with a reward after it, like its family
  (发给, 转到, 丢进); an instruction not to post something in the group is none (h185).
- A superlative that introduces the product's own highlight (最精彩的就是它的…, 最为暖心的还属…,
  最吸睛的莫过于…) compares the product's parts, not the product with others: real copy from the
  tuning part of real_copy_2 (h187) writes it often; a superlative of the product itself still
  reviews.
- A ban on using the national anthem or flag (禁止播放国歌, 不得使用国旗) is a rule, not a use of
  them (h184); the negation reaches to the end of its clause, so a use after a comma still
  reviews.
- 好评返场/返图/返单 are restocks and photos, not rewards for reviews (h183); 私信或店铺客服咨询
  is a service line, not a purchase path (h185)."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories


@pytest.mark.parametrize(
    "text",
    [
        "把这篇笔记发到群里，截图找客服就送一双袜子",
        "链接发到群里，凭截图可领10元无门槛券",
        "发到群里后私信我，返现5元",
    ],
)
def test_sharing_to_a_group_for_a_reward_is_inducement(text: str) -> None:
    assert "inducement" in categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "请勿将订单截图发到群里，保护好自己的收货信息",
        "尺码问题不要发到群里，直接找客服更快",
        "活动规则已经发到群里了，大家自己看一下",
    ],
)
def test_a_group_post_without_a_reward_is_no_inducement(text: str) -> None:
    assert "inducement" not in categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "这条半裙最出彩的莫过于腰间的珍珠扣",
        "整件风衣最为巧妙的还属可拆卸的内胆",
        "最让人心动的就是领口那一圈小花边",
        "这双袜子最有看点的要数脚踝处的刺绣",
    ],
)
def test_the_products_own_highlight_is_no_absolute(text: str) -> None:
    assert "ad_absolute" not in categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "这是今年最惊艳的羽绒服，没有之一",
        "全场最吸睛的卫衣就是这件",
        "最精彩的羽绒服，只在我们家",
    ],
)
def test_a_superlative_of_the_product_itself_is_reviewed(text: str) -> None:
    assert "ad_absolute" in categories(text), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("直播间严禁播放国歌，请主播注意", "ad_absolute"),
        ("所有物料不得使用国旗或国徽图案", "ad_absolute"),
        ("好评返图的那件格子衬衫补货了", "ad_disclosure"),
        ("好评返场款这周五上新", "inducement"),
        ("售后问题请私信或店铺客服咨询", "ad_disclosure"),
    ],
)
def test_rules_restocks_and_service_lines_pass(text: str, category: str) -> None:
    assert category not in categories(text), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("不要错过，国庆穿搭直接把国旗印在卫衣上", "ad_absolute"),
        ("好评返现5元，截图找客服", "ad_disclosure"),
        ("同款私信我要店铺名", "ad_disclosure"),
    ],
)
def test_their_neighbours_still_flag(text: str, category: str) -> None:
    assert category in categories(text), text
