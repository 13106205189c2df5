"""Issue 18, session 14 (h141): the ad_absolute and ad_claim families added after the blind-written
tune18-s14a-* texts catch new wordings of the same claim and leave the ordinary ones alone."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories as _categories


@pytest.mark.parametrize(
    "text",
    [
        "这价位的卫衣，对别家简直是降维打击",
        "质感甩同价位好几条街",
        "上身直接秒杀一众网红款",
        "市面上很多都在偷工减料，我们不会",
        "同价位没有哪家能做到这种走线",
        "全球独家的提花工艺",
        "这条裤子yyds",
        "今年霸榜的针织开衫",
        "业内公认第一的羽绒服",
        "做工媲美一线大牌",
        "前无古人的剪裁",
    ],
)
def test_absolute_and_disparaging_families_are_reviewed(text: str) -> None:
    assert "ad_absolute" in _categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "经2000位宝妈实测，宝宝穿了不长痱子",
        "上架两年0差评",
        "已有300万家庭的选择",
        "直播间每分钟卖出50件",
        "航天级保暖面料",
        "洗一千次都不变形的西裤",
        "大牌一比一复刻的老花包",
        "补肾暖腰的保暖裤",
        "穿着就能延缓衰老",
        "一周瘦掉6斤的燃脂裤",
        "防UV冰袖",
        "比普通T恤凉快3度",
        "专柜尾货",
    ],
)
def test_claim_families_are_reviewed(text: str) -> None:
    assert "ad_claim" in _categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "姐妹们别再买智商税的衣服了，认准面料成分表。",
        "旧衣回收和垃圾分类，从整理衣柜开始。",
        "隔了几条街就是我们的新门店。",
        "今晚8点秒杀所有款式五折。",
        "实测衣长68cm，155cm穿到大腿中间。",
        "有差评我们会认真回复。",
        "预算一万以内的选择很多。",
        "这件夹克是品牌2016年的首款单品，今年复刻回归。",
        "我们的代工厂在浙江桐乡，通过了验厂。",
        "160斤也能穿，显瘦十斤的小心机。",
        "产后瘦了十斤，以前的裤子都穿不了。",
        "南方湿气重，衣服很难晾干。",
        "羽绒能锁住身体的热量。",
        "甲醛含量符合GB 18401 A类。",
        "别穿湿衣服吹风，容易着凉感冒。",
        "黄脸的痘痘肌姐妹也能穿的黄色？选柠檬黄就对了。",
        "2025年11月11日当天，本店连衣裙在天猫连衣裙类目销量第一（数据来源：生意参谋）。",
        "这款连衣裙采用雪纺面料，垂感绝佳，做工一流。",
    ],
)
def test_ordinary_wordings_of_the_same_words_are_not_flagged(text: str) -> None:
    assert not _categories(text) & {"ad_absolute", "ad_claim"}, text
