"""Issue 18, session 21 (s21e, h223): frames of lawful writing that the ad_absolute, ad_claim and
sensitive lists flagged in the blind trap texts of ``trap_tuning.jsonl``, fixed as frames (shared
condition families widened by ``apply.py``), not as sentences. No trap sentence is copied here.

Frames, each with lawful variants and flagged "evasion through denial" neighbours:

* MENTION — the law explained and the phrase quoted or debunked: 不允许用/严禁使用 "X",
  "X" 说法请勿相信, 宣称 X 被罚, X 没有科学依据, 关于 "零甲醛"：很难保证绝对为零. Evasions that
  look like it (X 不是宣传/不是说法/没有夸大宣传, 广告法不让说最好，那就说…) stay flagged.
* DENIAL — the brand denies the practice or the effect: 从未在…宣传 X, 从没说过 X, 不具备任何
  B 功效, 没有调节 X 的作用, 不会让人真的变瘦, 不卖 X. Denials that carry a claim (不用吃药也能,
  不是药胜似药, 没有比这更低, 不会让你变胖只会让你变瘦, 普通衣服不具备…而这款能…) stay flagged.
* SCAM — warnings about fakes: 唯一官方账号/官网/客服电话, 冒充/冒用/打着旗号 + X, 请勿相信.
* SOURCED — truthful figures with a source or a period: 据后台数据 + 年月 (warn at most),
  近30天/7日内/一个月最低价. Unsourced or open-ended figures (今天最低价, 全年最低价) stay flagged.
* EVENTS — judged contests and visions: 大赛评审结果/比赛结果/获奖名单 + 第一名 (warn at most),
  愿景/使命/宗旨 + 最. A self-made "评审结果" without a contest stays flagged.
* OTHER SENSE — the word means something else: 穿得最久的一件 (the customer's own), 最高奖 (a
  prize), No.1 顾客/粉丝 (a person), 自行涂药 (the customer's care), 请带去医院治疗 (advice),
  保健品礼盒 (another product).

Known gaps (strict xfail below): an item after 、 in a denied list (不具备燃脂、塑形矫正等功能) —
the engine ends a negation's scope at 、 and ``followed`` cannot tell 具备 from 不具备; hearsay
debunked after a comma (网上说…能排毒，这没有科学依据); a reader's question with words between
(有人问孕妇防辐射服); sunlight's own effect (阳光有一定的杀菌
作用); advice with 最省心.
"""

from __future__ import annotations

import pytest

from tests.compliance.families import assert_flagged, assert_not_flagged

FLAGGED = [
    # MENTION-looking evasions
    ("广告法不让说最好，那就说它是顶级中的顶级", None, "ad_absolute"),
    ("不允许写全网最低价？那我们直接说同款史上最低价", "xiaohongshu", "ad_absolute"),
    ("全网最低价不是谣言，是我们的承诺", None, "ad_absolute"),
    ("没有夸大宣传，这就是国家级工艺", None, "ad_absolute"),
    ("说它能防辐射不是宣传，孕妈亲测", "xiaohongshu", "ad_claim"),
    ("这件防辐射服没有夸大宣传，屏蔽率实测99%", None, "ad_claim"),
    ("这件防辐射服不是宣传是实测", None, "ad_claim"),
    ("穿了能防感冒不是说法是事实", None, "ad_claim"),
    ("宣称能暖宫的很多，真正做到的只有这件", None, "ad_claim"),
    ("零甲醛不是噱头，宝宝放心穿", None, "ad_claim"),
    ("零甲醛很难保证？我们做到了", None, "ad_claim"),
    ("零甲醛不是宣传，检测报告可查", None, "ad_claim"),
    ("零甲醛的说法属实，放心给宝宝穿", None, "ad_claim"),
    ("能治疗颈椎病的说法已被证实", None, "ad_claim"),
    ("穿它能暖宫的说法是真的", "xiaohongshu", "ad_claim"),
    ("防辐射宣传属实，孕妈放心", None, "ad_claim"),
    ("穿着能暖宫不违反广告法", None, "ad_claim"),
    ("吊牌印有防辐射字样，送礼有面子", None, "ad_claim"),
    ("暖宫别信广告信口碑", None, "ad_claim"),
    ("全网最低价的说法千真万确", None, "ad_absolute"),
    # DENIAL evasions
    ("不是吹，这件羽绒服真的是全网最低价", "douyin", "ad_absolute"),
    ("别人不敢说的我们敢说：全网最低价", None, "ad_absolute"),
    ("从未降价，今天全网最低价", None, "ad_absolute"),
    ("不用吃药也能暖宫，每天穿它就够了", None, "ad_claim"),
    ("不是药胜似药，穿上就能缓解颈椎病", None, "ad_claim"),
    ("不是药，却能治疗关节炎", None, "ad_claim"),
    ("谁说衣服不能治疗失眠？我们这件就能", None, "ad_claim"),
    ("普通内衣不具备保健功效，而这款能调节内分泌", None, "ad_claim"),
    ("不具备任何副作用，还能预防感冒", None, "ad_claim"),
    ("从不宣传夸张功效，但穿上真的能治疗颈椎病", None, "ad_claim"),
    ("衣服本身不是药品，但远红外纤维能改善关节炎", None, "ad_claim"),
    ("不会让你变胖只会让你变瘦", "douyin", "ad_claim"),
    ("有效预防感冒或任何呼吸道疾病", None, "ad_claim"),
    ("能暖宫或任何妇科问题都能改善", None, "ad_claim"),
    ("不要相信暖宫要吃药，穿这件就行", None, "ad_claim"),
    ("从未在别处见过这么顶级的面料", None, "ad_absolute"),
    ("不建议相信那些所谓顶级面料，我们的才是", None, "ad_absolute"),
    ("没有任何副作用的防辐射孕妇装", None, "ad_claim"),
    ("不是迷信，这条红绳真的能辟邪", None, "sensitive"),
    ("不宣传迷信，但这件转运红内裤真的旺财", None, "sensitive"),
    ("不信你就试试，本命年穿上这件开光红内裤辟邪", None, "sensitive"),
    ("不信你试试本命年穿开光红内裤", None, "sensitive"),
    # SCAM-looking evasions
    ("谨防假货！唯一正品认准本店", None, "ad_absolute"),
    ("唯一官方认证的最暖羽绒服", None, "ad_absolute"),
    ("别信别家的全网最低价，我们才是真正的全网最低价", None, "ad_absolute"),
    ("谨防假货！正品防辐射服认准本店", None, "ad_claim"),
    ("请勿相信别家宣传，我们这款才能真正防辐射", None, "ad_claim"),
    ("冒充我们的都是假货，正品远红外内衣能暖宫", None, "ad_claim"),
    ("防骗提醒：只有本店的石墨烯内衣才能真正暖宫", None, "ad_claim"),
    # SOURCED-looking evasions
    ("全年最低价，错过再等一年", None, "ad_absolute"),
    ("今天最低价，闭眼入", "douyin", "ad_absolute"),
    ("一年365天最低价", None, "ad_absolute"),
    ("7天最低价，不买后悔", None, "ad_absolute"),
    ("本店销量排名第一，数据不会骗人", None, "ad_absolute"),
    ("别信数据，体感告诉你这件销量第一", None, "ad_absolute"),
    ("没有数据也敢说：这件销量排名第一", None, "ad_absolute"),
    ("据说这是全网最低价", None, "ad_absolute"),
    # EVENTS-looking evasions
    ("评审结果已出：本店羊绒衫品质第一名", None, "ad_absolute"),
    ("我们的愿景不重要，重要的是这件是全网最低价", None, "ad_absolute"),
    ("我们的愿景很简单，这件就是全网最好的羊绒衫", None, "ad_absolute"),
    ("不是我们说的，是顾客公认的No.1羊绒衫", None, "ad_absolute"),
    # OTHER-SENSE-looking evasions
    ("No.1口碑的羊绒衫", None, "ad_absolute"),
    ("No.1顾客首选的羊绒衫", None, "ad_absolute"),
    ("No.1粉丝最爱的款", None, "ad_absolute"),
    ("唯一官网首发的限定羊绒大衣", None, "ad_absolute"),
    ("这件羽绒服是你穿得最久的一件", None, "ad_absolute"),
    ("穿上它不用涂药，湿疹三天就好", None, "ad_claim"),
    ("医院治疗没效果？试试我们的理疗护膝", None, "ad_claim"),
    ("在医院治疗了半年没好，穿了它一个月就好了", None, "ad_claim"),
    ("不用去医院治疗，穿上护腰就能缓解腰痛", None, "ad_claim"),
    ("无需就医治疗，穿上就好", None, "ad_claim"),
    ("不用去医院，穿上它就能治疗颈椎病", None, "ad_claim"),
    ("送医治疗太麻烦，不如穿这件理疗衣", None, "ad_claim"),
    ("请到门店体验理疗，穿上就放松", None, "ad_claim"),
    ("欢迎前往专柜体验理疗内衣", None, "ad_claim"),
    ("比吃保健品还管用，每天穿着就行", None, "ad_claim"),
    ("问就是防辐射，孕妈闭眼入", "douyin", "ad_claim"),
    ("别问孕妇防辐射服有没有用，穿就完了", None, "ad_claim"),
    ("都在问的这款防辐射服，今天补货", None, "ad_claim"),
]

LAWFUL = [
    # MENTION: the law explained, the phrase quoted or debunked
    ("小课堂：广告法严禁使用“最高级”“国家级”这类字眼，写详情页时要绕开", None, "ad_absolute"),
    ("新人培训：文案里不允许用“全网最低价”，一经发现退回重写", "community", "ad_absolute"),
    ("行业通报：有商家在卫衣详情页写“国家级工艺”被罚", None, "ad_absolute"),
    ("关于“销量第一”这种说法，我们只在有数据来源时才写", None, "ad_absolute"),
    ("“史上最低价”之类的话不要写进详情页", "community", "ad_absolute"),
    ("网上流传的“穿它能暖宫”说法请勿相信，这只是一条加厚打底裤", None, "ad_claim"),
    ("所谓“防辐射孕妇装”没有科学依据，孕期选宽松透气的就行", "xiaohongshu", "ad_claim"),
    ("关于“零甲醛”这种说法：任何面料都很难做到绝对为零", None, "ad_claim"),
    ("法规科普：服装广告不得出现“治疗”“预防疾病”之类的话", "wechat_oa", "ad_claim"),
    ("孕妇防辐射服属于夸大宣传，我们不卖", None, "ad_claim"),
    # DENIAL: the brand denies the practice or the effect
    ("我们从未在任何平台打出“销量第一”的口号", "weibo", "ad_absolute"),
    ("声明：本店从没说过“全网最低价”，看到此类宣传请勿相信", "weibo", "ad_absolute"),
    ("我们从没打出过“全网最低价”，都是按吊牌价打折", None, "ad_absolute"),
    ("本款打底衫为普通面料，不具备任何理疗功效", None, "ad_claim"),
    ("这双袜子并不具备杀菌功效", None, "ad_claim"),
    ("这条打底裤不具备除臭或任何理疗功效", None, "ad_claim"),
    ("这条秋裤没有调节血压的作用，请理性选购", None, "ad_claim"),
    ("我们从未宣传过这件外套能防辐射", None, "ad_claim"),
    ("显瘦是版型的功劳，衣服并不能让人真的变瘦", "xiaohongshu", "ad_claim"),
    ("我们不卖防辐射服，孕期穿舒服就好", None, "ad_claim"),
    ("我们没有任何防辐射产品，孕期穿着舒适最重要", None, "ad_claim"),
    ("我们不宣传任何转运功效，红绳只是装饰", None, "sensitive"),
    ("这件T恤的印花只是图案，不具备辟邪作用", None, "sensitive"),
    # SCAM: warnings about fakes
    ("防骗提醒：我们唯一官方账号就是这个，私信让你转账的都是骗子", "weibo", "ad_absolute"),
    ("提醒：品牌唯一官网是这个域名，其他网站请勿相信", None, "ad_absolute"),
    ("我们唯一的客服电话是400开头，其他号码请挂断", None, "ad_absolute"),
    ("请勿相信冒充客服说“国家级质检不合格要退款”的电话", None, "ad_absolute"),
    ("有人冒用我们名义发布“全网最低价”清仓链接，请勿相信", "weibo", "ad_absolute"),
    ("谨防冒充客服以最低价清仓为由要求转账", None, "ad_absolute"),
    ("有人打着我们旗号卖防辐射孕妇裙，请不要相信", None, "ad_claim"),
    ("骗子冒充客服说衣服能防辐射来骗钱，大家当心", None, "ad_claim"),
    ("有人冒用品牌名义卖防辐射孕妇裙，请勿相信", None, "ad_claim"),
    ("防骗提醒：我们从未宣传任何暖宫产品，看到请举报", None, "ad_claim"),
    # SOURCED: truthful figures with a source or a period (warn at most)
    ("据平台后台数据，2025年3月8日当天本店卫衣在运动卫衣类目排名第一", None, "ad_absolute"),
    ("据生意参谋，2025年1月本店羽绒服销量第一", None, "ad_absolute"),
    ("本次到手价是该款近7天最低价，可在价格曲线里核对", None, "ad_absolute"),
    ("活动价为30日内最低价，价格记录可查", None, "ad_absolute"),
    ("这件大衣今天的价格是近一个月最低价", None, "ad_absolute"),
    ("近90天最低价，价格走势图见商品页", None, "ad_absolute"),
    # EVENTS: judged contests and visions
    ("第二届针织设计大赛评选结果：第一名的作品做成了限量款", None, "ad_absolute"),
    ("本月门店陈列比赛结果：第一名是城东店", "community", "ad_absolute"),
    ("年度设计大赛评审结果出炉，第一名作品会在秋冬系列中复刻", None, "ad_absolute"),
    ("校园比赛获奖名单：第一名作品叫《山雾》", None, "ad_absolute"),
    ("我们的愿景：做顾客最放心的羊绒品牌", None, "ad_absolute"),
    ("品牌使命：让每个人都能穿上最舒服的基本款", None, "ad_absolute"),
    ("品牌宗旨：做最踏实的针织", None, "ad_absolute"),
    # OTHER SENSE
    ("征集：晒晒你衣柜里穿得最久的一件毛衣", "wechat_oa", "ad_absolute"),
    ("店里的No.1老顾客又来啦，带了一盒点心", None, "ad_absolute"),
    ("我们的No.1粉丝是一位八十岁的奶奶", None, "ad_absolute"),
    ("按规定，有奖销售的最高奖金额不超过五万元", None, "ad_absolute"),
    ("皮肤瘙痒请及时就医治疗，停止穿着并联系客服退货", None, "ad_claim"),
    ("如果小狗皮肤红肿，请带去宠物医院治疗", None, "ad_claim"),
    ("过敏的话先停穿，不要自行涂药", None, "ad_claim"),
    ("宝宝湿疹严重时请遵医嘱治疗，衣物选纯棉的", None, "ad_claim"),
    ("狗狗掉毛严重请先去医院检查，必要时到医院治疗", None, "ad_claim"),
    ("员工福利里的保健品礼盒今年取消了", "community", "ad_claim"),
    *[
        pytest.param(
            text,
            channel,
            category,
            marks=pytest.mark.xfail(strict=True, reason=reason),
        )
        for text, channel, category, reason in [
            (
                "这款内衣没有调节内分泌、预防乳腺疾病的作用",
                None,
                "ad_claim",
                "engine: 、 ends the negation's scope; the second item of a denied list is read "
                "as a claim (proposal: keep the scope over a list closed by 的作用/等功能)",
            ),
            (
                "这条床单不具备除臭、防螨或任何医疗功效",
                None,
                "ad_claim",
                "、 ends the negation, and 或任何 cannot carry it on: 有效预防感冒或任何呼吸道疾病 "
                "is a claim",
            ),
            (
                "这条裤子不具备燃脂、塑形矫正等功能",
                None,
                "ad_claim",
                "engine: 、 ends the negation's scope (same as above)",
            ),
            (
                "我们不宣传任何转运、辟邪功效",
                None,
                "sensitive",
                "engine: 、 ends the negation's scope (same as above)",
            ),
            (
                "培训笔记：写暖宫、排毒这类说法都违反广告法",
                None,
                "ad_claim",
                "engine: 、 also ends a followed trigger's reach (这类说法 after the list)",
            ),
            (
                "网上说穿铜纤维袜能排毒，这没有科学依据",
                None,
                "ad_claim",
                "the debunk follows after a comma; hearsay before a claim (网上都说能排毒) is "
                "also an evasion, so 网上说 cannot be a negation",
            ),
            (
                "总有人问孕妇防辐射服靠不靠谱，我们店里不卖",
                None,
                "ad_claim",
                "a reader's question (问 X) is exempt only right before the word (h217): 闺蜜问我"
                "防辐射服有没有用，我说当然有 is a claim answered in the next clause",
            ),
            (
                "阳光本身有一定的杀菌作用，洗完晒一晒更清爽",
                None,
                "ad_claim",
                "sunlight's own effect: 的 ends a negation, and a 阳光 trigger would pass "
                "阳光面料杀菌 claims",
            ),
            (
                "包里放一件薄开衫最省心",
                None,
                "ad_absolute",
                "advice with 最省心 reads like a product comparison (这件开衫最省心)",
            ),
        ]
    ],
]


@pytest.mark.parametrize(("text", "channel", "category"), FLAGGED)
def test_family_is_flagged(text: str, channel: str | None, category: str) -> None:
    assert_flagged(text, channel, category)


@pytest.mark.parametrize(("text", "channel", "category"), LAWFUL)
def test_lawful_neighbour_is_not_flagged(text: str, channel: str | None, category: str) -> None:
    assert_not_flagged(text, channel, category)
