"""Issue 18, session 15 (h155): the ad_claim and ad_absolute families added after the blind-written
tune18-s15e-* texts (product pages, live-stream scripts, KOL notes) catch new wordings of the same
claim and leave the ordinary ones alone."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories as _categories


@pytest.mark.parametrize(
    "text",
    [
        "丰凶效果杠杠的，谁穿谁知道",
        "丰匈文胸，穿出好身材",
        "长期穿这款内衣慢慢升杯",
        "燃烧月旨月方的暴汗服",
        "鲨鱼裤一穿就廋身",
        "促进血夜循环的加厚袜",
        "穿它加速血液流通，手脚不冰",
        "远赤外线发热内衣",
        "激活细胞活力的保暖衣",
        "穿它远离亚健康",
        "帮孩子拔高个子的跑鞋",
        "医护级面料，贴身更安心",
        "负离纸家居服，睡得香",
        "矫姿背心，上课坐得直",
        "儿童正姿带，告别驼背",
        "银离子袜子，一周不臭",
    ],
)
def test_claim_families_are_reviewed(text: str) -> None:
    assert "ad_claim" in _categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "小胸姐妹的聚拢升杯文胸，穿上立刻饱满",
        "袜口宽松不勒，不影响血液流通",
        "蜂窝细胞结构的抓绒外套",
        "上班族容易亚健康，降温了多穿点",
        "厚底鞋，视觉拔高5cm",
        "减肥成功后奖励自己一件大衣",
        "瘦身成功后给自己买了这条裙子",
        "以端正姿态服务每一位顾客",
        "银离子抗菌内裤：按GB/T 20944.3检测，抑菌率99%，报告见详情页",
    ],
)
def test_ordinary_wordings_of_the_same_words_pass(text: str) -> None:
    assert "ad_claim" not in _categories(text), text


def test_self_comparison_aspiration_and_sourced_ranking_are_not_absolute_claims() -> None:
    assert "ad_absolute" not in _categories("这是我们品牌今年最轻的一款羽绒服，比去年同款轻了80克")
    assert "ad_absolute" not in _categories("把每一件基础款做到极致，是我们十年不变的追求")
    sourced = "据天猫2025年双11官方战报（11月1日—11日），本店位列类目销量第一"
    assert "ad_absolute" not in _categories(sourced)
    assert "ad_absolute" in _categories("把保暖做到极致的羽绒服")
    assert "ad_absolute" in _categories("据说2025年11月销量第一")
    assert "ad_absolute" in _categories("这是全球最轻的羽绒服")


@pytest.mark.parametrize(
    "text",
    [
        "市面上最稳妥的选择就是这件",
        "同价位里最能打的羽绒服",
        "全球最轻的冲锋衣",
        "全世界最舒服的拖鞋",
        "淘宝类目弟1名",
        "独一档的质感",
    ],
)
def test_scoped_superlatives_and_rank_evasions_are_reviewed(text: str) -> None:
    assert "ad_absolute" in _categories(text), text


def test_weather_and_relatives_are_not_scoped_claims() -> None:
    assert "ad_absolute" not in _categories("全球最冷的城市，羽绒服怎么选")
    assert "ad_absolute" not in _categories("我表弟1米8，穿XL刚好")
