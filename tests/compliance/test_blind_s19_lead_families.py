"""Issue 18, session 19 (lead): the absolute-claim classes behind the misses and false flags of
the two blind sets retired to tuning (fresh_set_5, fresh_set_6). New variants of each class, not
copies of the retired texts.

- A brand's aim or vision (目标是成为…最…, 立志成为行业第一, 致力于做…最…) is not a claim about
  the product (SAMR's 2023 guide on absolute terms): every 最/第一 entry drops a hit that follows
  such a marker in the same clause — except price claims, which stay claims however they are put.
- A comparison inside the brand's own range (店里今年最轻的一件, 我们家今年最薄的) is a truthful
  self-comparison; the same superlative of the product at large still reviews.
- Tips on how to wear (最佳的叠穿顺序, 三种最佳系法, 裤脚的最佳长度) are consumption tips.
- "You will not find a better one" (不可能再找到比它更好的, 很难找到比这件更暖的) means 最, like
  找不到比 and 没有比.
- Sales rankings against the whole market (全国卖得最多, 全网销量最高) mean 销量第一; the same
  words about the shop's own range (我家卖得最好的是这件) do not.

From the tuning part of real_copy_3 (real AdvertiseGen train copy):
- A superlative that introduces the product's own highlight (最大胆的设计在于…, 最让人挪不开眼的是…,
  最亮的看点来自…) passes by the new ``followed`` condition, whatever the adjective; one that points
  at the product itself (最好的就是这件, 最暖的莫过于这款) or is cut off by a comma still reviews.
- 独一无二 of the wearer's style (独一无二的女人味/气质) and 极致 of a style pushed to its limit
  (把复古风演绎到极致, 极致浪漫) describe the look; 独一无二的设计 and 极致舒适 are claims.
- A body part at its slimmest (露出最纤细的脚踝) and a garment type worn most often (出镜率最高的
  单品) are no ranking of the product.
- From real_copy_4's tuning part: a question (什么样的裤型最修饰腿型？哪种领型最显脸小) asks
  for advice; 最吸引人的还是…, 最亮眼的部分就是…, 最潮的元素之一 introduce a highlight; 整体质感
  holds no 体质; 纯天然的棉麻 states the fibre (纯天然彩棉，宝宝穿更健康 still reviews).
- The general 最 reviews only when the product or one of its attributes is named within five
  characters (件/款/衣/面料/做工/价格/颜色/品牌…/它): real copy's 最 of seasons, colours matched to
  skin, the wearer or a body part rarely names it. "I have worn/bought/seen the most…" (穿过最,
  买过最, 见过最) is a claim however far the product is.
- 秒杀全场/秒杀同类 and 好到没朋友 put down every rival (a flash sale, 秒杀，全场包邮, is
  no claim)."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories

FLAGGED = [
    "这款打底衫是今年最轻的一件，姐妹们冲",
    "我们的目标是全网最低价，这件卫衣只要39",
    "同价位里你很难再找到比它更保暖的羽绒服了",
    "说真的，不可能找到比这条更显瘦的牛仔裤",
    "全国卖得最火的摇粒绒外套就是这件",
    "这条打底裤是全网销量最高的一条",
    "天猫卖最多的冲锋衣，今天直播间补货",
    "人气断层❶的棉服，库存不多了",
    "最暖的就是这件鹅绒服，闭眼入",
    "要说保暖，最扛冻的莫过于这款长款羽绒服",
    "这是我穿过最软的毛衣，亮点在于领口的罗纹",
    "这款卫衣采用独一无二的专利面料",
    "极致舒适的云朵睡衣，穿上就不想脱",
    "这件大衣的垂感秒杀全场",
    "保暖效果直接秒杀同类产品",
    "软糯到没朋友的一件开衫",
    "这条裤子是最修饰腿型的，闭眼入",
    "姐妹们听我的，这真的是我今年买过最值的了",
    "说实话这是我穿过最最舒服的了",
    "它是今年最显白的",
]

LAWFUL = [
    "品牌的愿景是做最懂职场妈妈的服装品牌，我们还在路上",
    "我们立志成为童装行业第一，这条路还很长",
    "团队的使命就是把最舒服的面料带给每个孩子",
    "这是我们家今年最轻的一件棉服，比去年那款轻了80克",
    "这件是店里今年最厚的毛衣，北方的朋友可以看看",
    "早春最佳的叠穿顺序：T恤、衬衫、再加一件风衣",
    "三种最佳系法教给你，丝巾不再只会打一个结",
    "阔腿裤的最佳长度是刚好盖住鞋跟",
    "我家卖得最好的还是这件基础款白T",
    "店里销量最好的颜色是燕麦色",
    "找到比较合适的尺码之后再下单，售后更省心",
    "这条半裙最俏皮的设计在于裙摆的荷叶边",
    "整件风衣最让人挪不开眼的是后背的褶裥",
    "这件毛衣最亮的看点来自胸前的提花",
    "衣身上最抢镜的就是它的撞色拼接",
    "低领设计衬出独一无二的气质",
    "把法式复古演绎到极致的一条连衣裙",
    "九分裤露出最纤细的脚踝，显得人很精神",
    "卫衣是秋天出镜率最高的单品之一",
    "今晚八点秒杀，全场满199减20",
    "秒杀所有商品不支持七天无理由",
    "要说什么样的外套最显高，短款夹克当仁不让",
    "哪种领型最修饰脸型？V领和方领都可以试试",
    "整件衬衫最吸引人的还是袖口的木耳边",
    "这条裙子最亮眼的部分就是裙摆的刺绣",
    "格纹是今年最潮的元素之一",
    "春天到了，出门踏青是最惬意的事",
    "买过最多的颜色还是黑色",
]


@pytest.mark.parametrize(
    "text",
    ["撞色包边有效提升外套的整体质感", "纯天然的亚麻面料，透气不闷", "纯天然的羊毛，手感温润"],
)
def test_fibre_and_texture_words_are_no_claims(text: str) -> None:
    assert "ad_claim" not in categories(text), text


@pytest.mark.parametrize("text", ["纯天然彩棉，宝宝穿更健康", "长期穿能改善体质"])
def test_health_claims_next_to_them_still_review(text: str) -> None:
    assert "ad_claim" in categories(text), text


@pytest.mark.parametrize("text", FLAGGED)
def test_absolute_claim_classes_are_flagged(text: str) -> None:
    assert "ad_absolute" in categories(text), text


@pytest.mark.parametrize("text", LAWFUL)
def test_aims_own_range_and_tips_pass(text: str) -> None:
    assert "ad_absolute" not in categories(text), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("撞色印花一改运动风的单调", "sensitive"),
        ("利落的剪裁凸显你的审美情趣", "sensitive"),
        ("明快的配色感染了身边的人", "ad_claim"),
        ("天然棉麻面料，环保健康", "ad_claim"),
        ("袖口的反光条在夜里发光发热", "ad_claim"),
        ("一身黑色穿出无与伦比的气场", "ad_absolute"),
        ("红唇配黑裙，气场无敌", "ad_absolute"),
        ("这条裙子最好的一点就是口袋够深", "ad_absolute"),
        ("驼色的衣身很衬气色", "ad_claim"),
        ("在不改变版型的情况下，注入一点街头感", "sensitive"),
        ("裙摆的开衩带出几分情趣美感", "sensitive"),
        ("穿上这件夹克，秒变男神级别", "ad_absolute"),
    ],
)
def test_real_copy_words_inside_other_words_pass(text: str, category: str) -> None:
    """From real_copy_5's tuning part: a term that straddles two words (一改|运动, 环保|健康,
    发光|发热) or a figure of speech (感染了好心情, 无与伦比的魅力 of the wearer)."""
    assert category not in categories(text), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("穿上就能改运，本命年必备", "sensitive"),
        ("抗菌面料，预防细菌感染", "ad_claim"),
        ("无与伦比的面料品质", "ad_absolute"),
        ("这件卫衣最好的就是它，闭眼入", "ad_absolute"),
    ],
)
def test_the_claims_beside_them_still_review(text: str, category: str) -> None:
    assert category in categories(text), text
