"""Issue 18, session 14 (h148): the families added after the blind-written tune18-s14f-* texts
(private-domain operations: group announcements, Moments posts, KOC notes, recruitment posters)
catch new wordings and leave the ordinary wordings of the same words alone. None of these
sentences is in an evaluation set."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories as _categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("东北人穿不出这种精致感，别勉强了", "sensitive"),
        ("农村人不配穿这么好的大衣", "sensitive"),
        ("外地人穿不起我们家的衣服", "sensitive"),
        ("洪水来了也不怕，这双雨靴让你安心蹚水，下单立减", "sensitive"),
        ("地震来了都不怕，这件外套抗摔耐磨，限时特价", "sensitive"),
        ("台风来袭，店里雨衣一天卖爆三百件", "sensitive"),
        ("谢谢疫情，让我们的居家服销量翻倍", "sensitive"),
        ("多亏了台风，店里的雨具被一抢而空", "sensitive"),
        ("清明上坟也要美美的，黑色风衣全场8折", "sensitive"),
        ("祭祖穿搭必备，今日下单包邮", "sensitive"),
        ("新品海报用天安门做背景，太有排面了", "sensitive"),
        ("消防英雄同款工装夹克，限时下单立减", "sensitive"),
        ("英雄同款飞行员夹克开售", "sensitive"),
        ("穿这个颜色财运滚滚来", "sensitive"),
        ("这套睡衣尺度太大，懂的都懂，私我看完整版", "sensitive"),
        ("这件睡衣穿上今晚老公欲罢不能", "sensitive"),
        ("招聘导购：只招男生，女生勿扰", "sensitive"),
        ("招聘主播，要求未婚未育", "sensitive"),
        ("邀请3位好友，积分直接抵现", "inducement"),
        ("zf这条抽2位送围巾", "inducement"),
        ("戳下方卡片即可入手同款", "ad_disclosure"),
        ("橱窗第二个可直接购买", "ad_disclosure"),
        ("好看的卫衣，想要的私我拿", "ad_disclosure"),
        ("转给五个群，今年必定发大财", "inducement"),
        ("穿红色招财进宝，穿黄色升官发财", "sensitive"),
        ("网投平台注册送衣服", "sensitive"),
        ("招聘要求：限本地户口，女性35岁以下", "sensitive"),
        ("算命先生说今年要穿绿色", "sensitive"),
        ("上周某地火灾，我们的防火面料外套趁势上新，限时9折", "sensitive"),
        ("新人进群第一件事：把群名片发给3个朋友，领入群礼", "inducement"),
        ("小程序签到7天，每天分享1次，第7天领福袋", "inducement"),
        ("添加店长微信，即送新人专享券", "inducement"),
        ("老顾客推荐新顾客，双方各返20元", "inducement"),
        ("真心无推广！同款就在我家小店里", "ad_disclosure"),
        ("分享一件宝藏外套，想入的宝扣1我发链接", "ad_disclosure"),
        ("测评了10件白T，最推荐第4件，下单地址在评论", "ad_disclosure"),
    ],
)
def test_new_wordings_of_each_family_are_flagged(text: str, category: str) -> None:
    assert category in _categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "东北人冬天穿这件刚刚好，保暖又不臃肿",
        "黑人模特穿出了很高级的感觉",
        "地震逃生小知识：蹲下、掩护、抓牢",
        "台风来袭，今天门店暂停营业，注意安全",
        "感谢疫情期间一直支持我们的老顾客",
        "感谢大家在暴雨天还来门店",
        "清明祭扫请注意用火安全，出行记得带伞",
        "门店离天安门不远，地铁一号线直达",
        "英雄联盟同款卫衣上新",
        "致敬消防英雄，今日门店为消防员免费熨烫",
        "恭喜发财，祝大家新年财运亨通",
        "尺度拿捏得刚好的露背裙，懂穿搭的都懂",
        "招聘店员，男女不限，欢迎投递",
        "邀请好友一起逛街，周末来店试穿",
        "群规第三条：严禁拉人头、发广告，违者移出",
        "本群禁止拉票、禁止刷屏",
        "我们不做好评返现，只希望你如实评价",
        "本次穿搭征集不设奖励，欢迎评论区分享，我们会挑3位展示",
        "zf机关单位团购工装",
        "门店现货可直接购买，欢迎到店",
        "小程序直接购买更方便，官方旗舰店正品保障",
        "【广告】点击链接即可购买",
        "尺码表可以私信我拿",
        "我们不是广告商，只是一个小裁缝铺",
        "本店不刷单，请放心购买",
        "南京大屠杀国家公祭日，今日暂停一切推送",
        "招财猫印花T恤，小朋友很喜欢",
        "简历可以网投，也可以到店投递",
        "这款童装适合女生12岁以下穿",
        "感谢暴雨中还坚持送货的快递小哥",
        "感谢地震救援队的每一位队员",
        "尺度刚刚好，不暴露也不保守，私我可以看更多上身图",
        "售后问题请添加客服微信，我们会尽快处理",
        "添加客服微信领取电子发票",
        "门店消防演练，预防火灾，人人有责",
        "推荐好友来店里看看，新品都到了",
        "每天分享穿搭心得，第7天我们会整理成合集",
        "我家小店开在老城区，欢迎路过进来坐坐",
    ],
)
def test_ordinary_wordings_are_not_flagged(text: str) -> None:
    assert not _categories(text), text
