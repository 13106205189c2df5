"""Issue 18: a property is not a guarantee, and an absolute word not about the goods is no claim."""

from __future__ import annotations

import pytest

from app.compliance import check
from tests.compliance import evaluate

SHIPPED = evaluate.load_lexicon()


def _verdict(text: str) -> str:
    return check(SHIPPED, body=text).verdict


@pytest.mark.parametrize(
    "text",
    [
        "羊毛含量100%，无混纺，建议平铺晾干",  # composition is a property
        "这件纯棉卫衣不易起球，日常机洗没问题",  # a hedged property
        "毛衣不起球的秘诀：少摩擦、平铺晾干",  # a care tip, not a promise
        "起球不可能完全避免，请按洗标护理",  # an honest caveat
    ],
)
def test_a_plain_property_or_care_tip_warns_at_most(text: str) -> None:
    assert _verdict(text) in ("pass", "warn")


@pytest.mark.parametrize(
    "text",
    [
        "这件羊绒衫永不起球",
        "100%不缩水，放心洗",
        "防泼水率100%，雨天放心穿",
        "缩水？不存在的。",
        "这件毛衣起不了球",
        "洗了五十次，颜色依旧如初",
    ],
)
def test_a_guarantee_is_reviewed(text: str) -> None:
    assert _verdict(text) == "review"


@pytest.mark.parametrize(
    "text", ["全网价格最低的一件大衣", "全网独家最低，只在直播间", "国家级品质标准"]
)
def test_a_clear_cut_absolute_claim_is_blocked_even_when_split(text: str) -> None:
    assert _verdict(text) == "block"


def test_the_split_price_claim_needs_the_superlative_next_to_it() -> None:
    assert _verdict("全网同价，最低5折起") != "block"
    assert _verdict("全网首发的新色，最便宜的一档是199元") != "block"


@pytest.mark.parametrize(
    "text",
    [
        "今天是入冬以来最冷的一天",  # time and weather
        "今年最强寒潮周末到",
        "叠穿时最外层选一件长款风衣",  # layer and button order
        "西装最下面一颗扣子通常不扣",
        "腰围：量腰部最细处；胸围：绕胸部最丰满处一周",  # how to measure
        "这组大片在国家级自然保护区拍摄",  # an official designation of a place
        "这是我们品牌全网第一次直播",  # an ordinal
        "唯一的区别是领口：A款圆领，B款V领",  # between our own styles
        "纠结颜色的话首选黑色",
        "衬衫下摆最好塞进裤腰里",  # a styling tip
    ],
)
def test_an_absolute_word_not_about_the_goods_is_not_flagged(text: str) -> None:
    assert _verdict(text) in ("pass", "warn")


@pytest.mark.parametrize(
    "text",
    [
        "市面上找不到比这更保暖的羽绒服",
        "没有比它更软的毛衣了",
        "国货之光，行业内绝对的第一",
        "全网再找不出第二家",
        "连续三年稳坐类目的头把交椅",
        "透气性目前还没有品牌能超越",
    ],
)
def test_a_disguised_superlative_is_reviewed(text: str) -> None:
    assert _verdict(text) in ("review", "block")


@pytest.mark.parametrize(
    "text",
    [
        "南方最潮湿的回南天，衣服怎么都晾不干",  # weather
        "最省事的办法是直接挂起来",  # a method
        "快递最慢三天到，最快周三能发货",  # delivery
        "这件是我们做过最复杂的一件刺绣",  # the brand's own history
        "最具特色的是它的袖口设计",  # parts of one garment
        "我们不做全网最低价，只做放心的价格",  # a denial
        "不敢说最好，但一定用心",
        "我是顶级怕冷星人，冬天必须穿长款羽绒服",  # about oneself
        "从电梯出来右手边第一家就是我们店",  # directions
        "今年秋冬Top10穿搭灵感合集",  # a list length
        "这条裙子在店铺里销量第15名",
        "内蒙古是全国最大的羊绒产区",  # an origin fact
        "工厂位于国家级经济技术开发区",
        "史无前例的寒潮来了，羽绒服安排上",
        "手工扎染，每一件的花纹都独一无二",
        "看完《封神》，我们做了一件商周纹样的衬衫",
    ],
)
def test_ordinary_copy_with_absolute_looking_words_is_not_flagged(text: str) -> None:
    """Issue 18 (h132): families of ordinary fashion copy that the word lists flagged."""
    assert _verdict(text) in ("pass", "warn"), text


@pytest.mark.parametrize(
    "text",
    [
        "洗后基本不缩水，正常码就行",  # hedged
        "一般不会缩水，介意的话冷水手洗",
        "手工染色，我们保证不了每件颜色完全一样",  # a denied guarantee
        "羊毛衫我们不敢保证不起球，但会尽量选长纤维",
        "衣服不能帮你减肥，但高腰线能让腿看起来更长",  # a disclaimer
        "这款不是防辐射服，只是一件普通的孕妇裙",
        "罩杯偏小，建议拍大一码",  # a size note
        "视觉上瘦腿的直筒裤",  # a visual effect
        "面料符合FZ/T 73023抗菌针织品标准，抗菌等级AAA级",  # a cited standard and grade
        "贴身衣物可以用除菌洗衣液",  # another product
        "出门记得涂SPF50的防晒霜，再穿件防晒衣",
        "我对荧光色不太感冒，还是喜欢低饱和的颜色",  # an idiom
        "新款比老款减重30克，穿着更轻",
    ],
)
def test_hedged_denied_or_visual_wording_is_no_claim(text: str) -> None:
    assert _verdict(text) in ("pass", "warn"), text


@pytest.mark.parametrize(
    "text",
    [
        "这件毛衣永不起球，穿十年都跟新的一样",
        "纯棉不缩水",
        "保证绝不褪色，褪色包退",
        "穿上它再也不感冒",
        "穿着就能减肥的暴汗服",
        "独家黑科技面料，穿上体温立升5度",
        "银离子抗菌袜",
        "TOP1的羽绒服",
        "国内第一家就是我们",
        "第一好穿的打底裤，第二件半价",
        "全网最低价，错过今天再等一年！",
    ],
)
def test_the_same_families_still_catch_claims(text: str) -> None:
    assert _verdict(text) in ("review", "block"), text


@pytest.mark.parametrize(
    "text",
    [
        "冬天穿羊绒最保暖吗？其实关键在层次：贴身吸湿，中层保暖，外层防风。",
        "高腰裤最显瘦吗？不一定，要看裤脚的宽度。",
        "洗涤的最佳水温在30℃以下，深色衣服请翻面洗。",
        "软尺经过胸部最高点水平绕一圈，不要勒紧。",
        "一年中最冷的三九天，羽绒服里面穿什么？",
        "门店导购里做得最久的一位已经八年了。",
        "碱性洗涤剂会伤真丝，选中性洗涤剂最稳妥。",
        "羊绒衫是不是全羊绒？看成分标最直接。",
        "品牌官网的永久地址为 www.example.cn，请认准官方渠道。",
        "今年冬天，我们为市第一人民医院的医护人员捐赠了三百件羽绒服。",
    ],
)
def test_advice_measuring_points_debunking_and_institutions_are_not_flagged(text: str) -> None:
    """Issue 18 (h146): a question put right (X最保暖吗？其实…), a care parameter (最佳水温),
    a measuring point, the weather, staff tenure, a way of checking, a permanent URL and a
    hospital as the recipient of a donation do not point at the goods."""
    assert _verdict(text) in ("pass", "warn")


@pytest.mark.parametrize(
    "text",
    [
        "这件羽绒服最保暖，没有之一。",
        "这是最保暖的羽绒服吗？是的！",
        "年度最佳羽绒服",
        "采用最高标准的羊毛",
        "永久保修，终身不变形",
        "医院都在用的纯棉内衣",
        "经三甲医院检测，穿着可降低细菌感染风险",
        "穿上它冬天少跑医院",
    ],
)
def test_the_narrowed_entries_still_catch_claims(text: str) -> None:
    assert _verdict(text) in ("review", "block")


@pytest.mark.parametrize(
    "text",
    ["全网最稳妥的选择就是这件羽绒服", "史上最直接的降价", "全网最冷门的好衣服就是它"],
)
def test_a_scope_before_an_allowed_superlative_is_still_a_claim(text: str) -> None:
    """Issue 18 (h146): 最稳妥, 最直接 and 最冷 pass the rule 最 as advice or weather, but
    全网最…/史上最… claims whatever follows."""
    assert _verdict(text) in ("review", "block")


@pytest.mark.parametrize(
    "text",
    [
        "建军节快乐，致敬最可爱的人。",
        "我们致力于做最懂中国女性身材的版型。",
        "全国有86家直营店，其中最大的一家在成都太古里。",
        "这是我们的第一家海外门店，位于新加坡乌节路。",
        "公众号永久素材库里整理了历年的穿搭合集。",
        "今年遇上史上最强寒潮，羽绒服记得穿长款。",
    ],
)
def test_fixed_phrases_aspirations_and_own_stores_are_not_flagged(text: str) -> None:
    assert _verdict(text) in ("pass", "warn")


@pytest.mark.parametrize(
    "text",
    [
        "分享一下返场的颜色",
        "转发给返乡的朋友们，路上注意保暖",
        "评论区投票选返场颜色",
        "点赞最多的颜色会返场",
        "今年的年会上，设计部拿了最佳团队奖。",
        "国庆出游，拍照穿什么颜色最出片？",
        "点赞、在看、分享，都是对我们最大的鼓励。",
        "买家留言：妈妈说这是我穿得最得体的一次。",
        "羽绒服最好送专业干洗，水温不超过30℃，千万不要拧干。",
        "我们不敢说自己是最好的，只能保证每一件都经过三次质检。",
        "我们不敢说自己是全网最低价。",
        "2009年，创始人在杭州四季青开了第一家档口。",
        "起了球用起球剪修掉，最忌讳的是用手去揪，会越揪越多。",
        "分享一个小技巧：衬衫送洗前先把领口的污渍处理掉。",
        "好友来店里，我陪她挑了一件送妈妈的开衫。",
        "这篇不是广告，是我们自己写的洗护指南，文中没有任何购买链接。",
        "国庆节前夕，门店挂起了国旗，祝福祖国生日快乐。",
        "我们在武汉的门店，员工都是本地人，最会穿搭的是店长小周。",
    ],
)
def test_return_of_a_colour_awards_to_people_and_questions_are_not_flagged(text: str) -> None:
    """Issue 18 (h146): 返 in 返场/返乡 is no cash-back, a like poll on a colour rewards nobody."""
    assert _verdict(text) in ("pass", "warn")


@pytest.mark.parametrize(
    "text",
    [
        "分享返现5元",
        "点赞过50返10元",
        "投票即返两元券",
        "集赞返一半运费",
        "点赞最多的前三名送大衣",
        "分享到群里送发圈",
    ],
)
def test_cash_back_for_sharing_is_still_blocked(text: str) -> None:
    assert _verdict(text) == "block"


@pytest.mark.parametrize(
    "text",
    [
        "这篇不是广告，购买链接在评论区",
        "随机抽3位宝子送上新款围巾",
        "无广，想要同款的私我",
        "挂起国旗图案的卫衣，爱国就穿出来",
    ],
)
def test_a_purchase_path_or_a_prize_is_still_reviewed(text: str) -> None:
    assert _verdict(text) in ("review", "block")
