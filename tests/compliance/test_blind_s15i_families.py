"""Issue 18, session 15 (h160): the sensitive families added after the blind-written tune18-s15i-*
texts (memorial days, disasters and epidemics, political memes, loaded numbers, Nazi imagery, slurs,
vulgar puns) catch new wordings of the same idea and leave the innocent senses alone."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories


def _categories(text: str, floor: int = 2) -> set[str]:
    """Categories with a hit of at least review (or warn with floor=1)."""
    return categories(text, "warn" if floor <= 1 else "review")


@pytest.mark.parametrize(
    "text",
    [
        "还记得5.12吗？今天我们用震撼价纪念一下",
        "国家哀悼日直播间不打烊，今晚照常上新",
        "国殇之日也要美美的，黑裙八折",
        "河南暴雨那阵子这双雨靴卖爆了，必备款",
        "二阳了也要美美的战袍",
        "地龙翻身特价清仓",
        "维尼熊卫衣，懂的都懂",
        "润学圣经：出国必备冲锋衣",
        "1488印花街头卫衣",
        "ss徽章皮夹克",
        "非洲小黑都能穿",
        "河南来的客户看好钱包哦哈哈",
        "这条睡裙他看了一定把持不住",
        "打飞机也不勒的男士内裤",
        "湿身诱惑比基尼",
        "上周那场大火之后，这件阻燃外套卖爆了",
        "5月35日那天发生了什么",
        "12.13 这天我们不忘，黑色系全场五折",
        "九幺八一起发财",
        "今天全国默哀，直播间照常嗨起来",
        "汶川地震十周年纪念款T恤",
        "六月四日限定款，懂的进",
        "举白纸的那晚我们都穿这件",
        "白人至上印花T恤",
        "德军钢盔造型帽子",
        "黑人都能穿的白T，你还怕显黑？",
        "上海人小气，这件你们买得起",
        "看了就想扒光的泳衣",
        "吸一口就飞的卫衣",
        "观音像吊带裙",
        "九1八 一起发",
        "国难日特惠，爱国就买国货",
        "YQ又来了，囤好这件",
        "nanjing那件事纪念T",
        "这件印花阿叁味太重了",
    ],
)
def test_sensitive_families_are_reviewed(text: str) -> None:
    assert "sensitive" in _categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "孩子发烧也能穿的睡衣，捂一捂出汗就好了",
        "退烧贴赠品，买睡衣就送",
        "这件外套不怕火",
    ],
)
def test_claim_families_are_reviewed(text: str) -> None:
    assert "ad_claim" in _categories(text), text


def test_swearing_only_warns() -> None:
    assert "sensitive" in _categories("卧槽这件也太好看了", floor=1)
    assert "sensitive" not in _categories("卧槽这件也太好看了")


@pytest.mark.parametrize(
    "text",
    [
        "512GB 手机都装不下你的穿搭照片",
        "国家哀悼日，全网暂停娱乐活动，本号今日停更",
        "北京暴雨预警，今晚门店提前闭店",
        "晒太阳了，穿这件卫衣刚好",
        "绿绿的草地配白裙",
        "头巾上的绿绿花纹很好看",
        "井盖涂鸦卫衣，城市街头风",
        "河南老乡都说好，郑州门店也有货",
        "钱包把持不住了，这价格太香",
        "一起打飞机游戏的童年",
        "下雨天不湿身的冲锋衣",
        "AJ8 黑红配色",
        "这件羊绒大衣1488，值得",
        "SS 春夏新品上市",
        "BOSS徽章T恤正品",
        "非洲菊印花连衣裙",
        "小黑裙和小白鞋",
        "我家小黑穿上了狗狗卫衣",
        "售后那件事处理好了",
        "滋润学生党的护手霜",
        "发烧友都懂这件的做工",
        "真金不怕火炼",
        "维尼熊联名童装，迪士尼正版",
        "那场大火太吓人，本店停发三天",
        "今年大火的羊羔毛外套到了",
        "5月3-5日上新三款风衣",
        "12.13 起陆续发货",
        "东北人都能穿的厚羽绒",
        "上海人冬天也爱穿羊绒大衣",
        "黑哥是店长的外号",
        "德军题材电影里的大衣很好看",
        "吸一口新鲜空气",
        "库存被扒光了",
        "白人模特穿S码",
        "全国默哀三分钟，门店暂停营业",
        "去寺庙参观观音像时别穿吊带",
        "国难日，本号暂停推送一天",
        "YQ 是我们设计师的英文缩写，这季她主理",
    ],
)
def test_innocent_senses_pass(text: str) -> None:
    assert not _categories(text, floor=1) - {"promo_marker"}, text
