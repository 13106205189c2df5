"""Issue 18, session 17 (h172): absolutes, rankings, guarantees and prices (tune18-s17b-*).
New variants of each family fixed after the blind set: digits written for 一 (①流), homophones of
遥遥领先, exclusivity (只有我们有, 别家没有), 天选 and tier slang (T0级, 版本答案, 顶流), price
promises (再也不会有这个价, 历史底价), homophones and slang (天花版, 顶G, 永远滴神), rankings
named by a list (业界第一, 热销榜第一, 登顶), 没见过更好的, absolute quality promises
(永不/绝不/100%不 + 褪色/起球…, also ad_claim); and their lawful neighbours: contest places of
people, size ranges, literal ceilings, trend colours, 今天选, drawbacks (唯一的问题), year-end
prices, summits, sourced rankings, size charts, anti-fraud notices, plain properties."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories as _categories


@pytest.mark.parametrize(
    "text",
    [
        # digits and trend years next to 流
        "2027流行的廓形大衣，我们提前做了三款",
        "耳坠是21流苏款，走路会轻轻晃",
        "做工一流的团队，售后一流",
        # 遥遥 in its ordinary senses
        "退款遥遥无期？亲，已经帮您催财务了",
        "两家门店在同一条街上遥遥相对",
        # 天选 inside 今天选/冬天选, and people
        "今天选哪件？评论区告诉我",
        "秋冬天选外套，先看肩线合不合适",
        "我就是那个天选打工人，周一早上最需要一杯咖啡",
        # 别家 / 只有 without a claim
        "别家的尺码偏小，我们的是标准码",
        "不只是我们有这个困扰，很多人冬天都怕静电",
        # contest places of people, size ranges, literal ceilings
        "冬季穿搭征集第一名：@阿柚，评选规则见活动页",
        "女儿幼儿园运动会拿了跳绳第一名，穿的是去年的运动服",
        "亲，这件最小只有S码，155以下建议看童装",
        "尺码最大有3XL，胸围120也能穿",
        "出租屋天花板有点矮，拍全身照要蹲低一点",
        # trend colours, slang about people, plain properties
        "今年的顶流色是黄油黄，搭灰色很高级",
        "某顶流明星也穿过这个颜色",
        "做衣服我们绝不将就，每件都过三道质检",
        "小黑裙永不过时，一条穿出五种风格",
        "面料100%纯棉，经预缩处理，缩水率不超过3%",
        "这个颜色以后不会再有补货了，喜欢的可以先收藏",
        "再也不会有这么冷的冬天了吧，出门记得戴围巾",
        # drawbacks and year-end prices
        "这条裙子唯一的毛病是口袋浅",
        "唯一美中不足的是袖口有点紧",
        "今年底价格会上调，需要的早点入",
        "库存底价清仓，售完即止",
        # literal ceilings and summits, people's rankings, sourced rankings
        "出租屋天花版太矮，拍照要蹲低一点",
        "山顶GoPro拍的冲锋衣穿搭",
        "穿着这件冲锋衣登顶哈巴雪山",
        "直播间粉丝榜第一的宝子，私信客服领围巾",
        "数据来源：京东商智，2026年10月羽绒服热销榜第一（统计周期10月1日—10月31日）",
        "真没见过更离谱的快递，亲，已经帮您催了",
        "没见过比今年更冷的冬天",
        # size charts and anti-fraud notices
        "M码：最大胸围112cm，最小腰围64cm，衣长68cm",
        "提醒：本店唯一官方客服微信见主页，谨防冒充",
    ],
)
def test_lawful_neighbours_pass(text: str) -> None:
    assert "ad_absolute" not in _categories(text), (text, _categories(text))


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # digits for 一
        ("❶流的剪裁，这件西装太值了", "ad_absolute"),
        ("做工1流，面料也好", "ad_absolute"),
        # 遥遥领先 homophones and near-synonyms
        ("保暖性遥遥零先，同价位没得比", "ad_absolute"),
        ("速干科技遥遥领跑", "ad_absolute"),
        ("销量遥 遥 临 先", "ad_absolute"),
        # exclusivity
        ("这种提花只有我们家有，喜欢的冲", "ad_absolute"),
        ("版型只有咱家有", "ad_absolute"),
        ("这个颜色别家都买不到", "ad_absolute"),
        ("面料别家根本找不到", "ad_absolute"),
        # 天选 about goods, tier slang
        ("通勤党的天选外套来了", "ad_absolute"),
        ("天选之衣！谁穿谁显瘦", "ad_absolute"),
        ("同价位里的T0级羽绒服", "ad_absolute"),
        ("春秋外套的版本答案，直接抄作业", "ad_absolute"),
        ("今年冬天的顶流羽绒服，断货三次", "ad_absolute"),
        # price promises
        ("宝子们，过了今晚再也不会有这个价了", "ad_absolute"),
        ("今年不会再有更低的价格了，闭眼囤", "ad_absolute"),
        ("羊绒大衣历史底价，只有今晚", "ad_absolute"),
        ("双十二全年底价，冲", "ad_absolute"),
        # homophones and slang
        ("通勤裤天花版级别，闭眼冲", "ad_absolute"),
        ("做工顶G，摸了就知道", "ad_absolute"),
        ("这件冲锋衣永远滴神", "ad_absolute"),
        ("价格把同行按在地上摩擦", "ad_absolute"),
        # rankings named by a list or an industry
        ("业界第一的防钻绒工艺", "ad_absolute"),
        ("人气榜第一的卫衣补货了", "ad_absolute"),
        ("上新一周销量登顶", "ad_absolute"),
        ("这个价我没见过更保暖的", "ad_absolute"),
        ("没见过比它更百搭的白衬衫", "ad_absolute"),
        # absolute quality promises (also ad_claim)
        ("这条黑裤子永不掉色，机洗也放心", "ad_absolute"),
        ("这条黑裤子永不掉色，机洗也放心", "ad_claim"),
        ("羊毛袜绝不起球", "ad_absolute"),
        ("百分百不缩水的纯棉T恤", "ad_absolute"),
        ("衬衫领口永远不会变形", "ad_absolute"),
    ],
)
def test_claims_are_reviewed(text: str, category: str) -> None:
    assert category in _categories(text), (text, _categories(text))
