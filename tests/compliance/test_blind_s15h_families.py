"""Issue 18, session 15 (h159): the inducement families added after the blind-written tune18-s15h-*
texts (customer-service chats, review cards in the parcel, SMS, after-sales follow-ups) catch new
wordings of the same offer — a reward for a review or for deleting/changing a bad one — and leave
ordinary after-sales care alone."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories as _categories


@pytest.mark.parametrize(
    "text",
    [
        "亲，能帮忙把差评删了吗？删了给您返10元现金",
        "差评撤一下好不好，我们送您一条围巾作为补偿",
        "麻烦您修改下评价哦，我们给您退运费",
        "中差评联系客服修改，可获得10元补偿",
        "评价能删掉吗？我们这边可以全额退款，衣服也不用寄回",
        "亲亲，追评里那句能删一下吗，给您补个小礼物",
        "给个haoping就返现哦",
        "亲，收到后给个5星，联系客服领小礼物",
        "带图好评，下一单直接减5元",
        "给个hp，找kf领红包哦",
    ],
)
def test_new_wordings_of_a_reward_for_a_review_are_flagged(text: str) -> None:
    assert "inducement" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "您可以随时修改评价，我们会继续改进面料",
        "差评我们都认真看了，不会要求您删除，有问题请随时联系售后",
        "地址已修改，包裹明天发出，运费由我们承担",
        "评价区删除了一条广告刷屏的评论",
        "差评已经修改好了吗？不用改也没关系，我们一样给您办理退货",
        "5星级酒店的浴袍面料，柔软吸水",
        "网上说好评返现是骗局，大家谨防好评返现的诈骗电话",
        "会员积分抵扣，100积分抵扣1元",
        "感谢所有反馈的顾客，衣服已补发",
        "实测零下20度也不冷，保暖数据见检测报告",
    ],
)
def test_ordinary_after_sales_wordings_pass(text: str) -> None:
    assert _categories(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "h p 带图 返 5 元",
        "中差评可以改吗？改了送您一条丝巾",
        "差评能不能撤回呀，我们愿意赔偿您20元",
        "收货后请给全5⭐好评并上传买家秀，可获赠精美发圈",
        "评论带图就有红包拿",
        "亲，差评可以追加一下好评吗？我们给您补个红包",
        "晒图评价后私信客服，返您5元哦",
    ],
)
def test_more_evasive_wordings_are_flagged(text: str) -> None:
    assert "inducement" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "亲，差评我们虚心接受，已经为您补发了一件新的",
        "我们不会要求您改评价，也不会提供任何好处，请放心如实评价",
        "如需修改收货地址，请在订单页面操作",
        "带图案的卫衣送洗时请反面朝外",
    ],
)
def test_more_ordinary_wordings_pass(text: str) -> None:
    assert _categories(text) == set()
