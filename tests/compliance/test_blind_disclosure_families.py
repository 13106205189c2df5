"""Issue 18, session 15 (h153): the families added after the blind-written tune18-s15c-* texts
(undisclosed KOL/KOC ads and promotional wording) catch new wordings and leave the ordinary
wordings of the same words alone. None of these sentences is in an evaluation set."""

from __future__ import annotations

import pytest

from app.compliance import check
from tests.compliance.families import SHIPPED
from tests.compliance.families import categories as _categories


@pytest.mark.parametrize(
    "text",
    [
        "这双马丁靴踩雨水都不怕，右下角同款自取",
        "卫衣在我橱窗第2个，码数偏大",
        "购物车第2个就是这条裙子",
        "lian接在主页，自己去看",
        "想要的姐妹link在评论区",
        "同款pl区见",
        "想入的扣1，我私发",
        "下面链接直接拍下就行",
        "下面第3个就是我身上这件",
        "我穿的这件连接在简介",
        "第二款链接：https://detail.tmall.com/item.htm?id=1",
        "复制整段话打开手淘就能看到这件大衣",
        "点我链接买的话我会有一点佣金",
        "去某宝搜索框搜“燕麦色阔腿裤”就能找到同款",
        "这条裤子在我的薯店，搜阔腿裤就有",
        "输入我的折扣码HEM8下单立减",
        "闲鱼搜“奶白毛衣”就能买到",
        "车里第4个就是这件毛衣",
        "想要店铺名的私聊我",
    ],
)
def test_undisclosed_ad_families_need_review(text: str) -> None:
    assert "ad_disclosure" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "【广告】这双马丁靴右下角同款自取",
        "以前每天骑小黄车上班，穿的都是这件风衣",
        "我的购物车里有三件大衣，纠结买哪件",
        "这里是门店橱窗第一排的陈列",
        "抽奖口令不是淘口令，别被骗了",
        "物流链接发你了，注意查收",
        "点击下方链接填写售后问卷",
        "招聘导购：底薪加佣金，周末双休",
        "评论区好多人问链接，真的没有链接，是外婆织的",
        "本文讨论《互联网广告管理办法》：博主写“无广”“自费”够不够？",
        "新品上线，点击阅读原文进入官方商城看全部款式",
        "我的优惠码过期了，客服能补发吗",
        "这件大衣在门店就能买到",
        "私聊客服可以查物流",
    ],
)
def test_ordinary_wordings_of_the_same_words_pass(text: str) -> None:
    assert "ad_disclosure" not in _categories(text)


@pytest.mark.parametrize(
    "text",
    ["全场满299减40", "买2送1，送完为止", "拍一发二只限今晚", "下单送同色发圈", "SALE 大衣七折起"],
)
def test_promo_wordings_are_marked_info(text: str) -> None:
    report = check(SHIPPED, body=text)
    promo = [hit for hit in report.hits if hit.category == "promo_marker"]
    assert promo and all(hit.severity == "info" for hit in promo)


@pytest.mark.parametrize("text", ["年满18岁的同学可以报名", "顺丰到付不包邮", "下单送货上门很快"])
def test_ordinary_promo_lookalikes_are_not_marked(text: str) -> None:
    assert "promo_marker" not in _categories(text, "info")
