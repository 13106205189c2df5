"""Issue 18, session 21, h223: frames of lawful writing around ad_absolute, ad_claim and sensitive.

Idempotent: run from the worktree root (``PYTHONPATH=/tmp/s21/tools .venv/bin/python apply.py``);
running it twice changes nothing. It widens the shared condition families (every entry carrying
the family's signature condition gets the same triggers) and adds a few entry-specific contexts,
conditions, examples and notes. The lead may re-run it after merging other work.

Frames (see tests/compliance/test_blind_s21e_families.py):
* the law explained / the phrase quoted: 不允许用“最佳”, “暖宫”“排毒”说法请勿相信,
  宣称“预防感冒”被罚, 防辐射服并没有可靠的科学依据, 关于“零甲醛”：很难保证;
* denial by the brand: 从未在任何平台宣传“全网最低价”, 不具备任何保健功效,
  没有调节内分泌的作用, 不会让人真的变瘦;
* scam warnings: 唯一官方微博就是这个账号;
* truthful figures with a source: 据后台数据…年…月…排名第一, 近30天最低价;
* judged contests and visions: 评审结果公布：第一名作品, 我们的愿景：成为…最…;
* the word in another sense: 穿得最久的一件衣服, 最高奖金额, No.1顾客, 自行涂药, 请带去医院治疗.
"""

from __future__ import annotations

import sys

sys.path.insert(0, "/tmp/s21/tools")
from csvedit import addl, get, load, save  # noqa: E402

TAG = "第18号问题 s21（h223）："


def widen(cond: str, prefix: str, extra: list[str]) -> str:
    """Append the triggers in ``extra`` to every item of ``cond`` starting with ``prefix``; a
    trigger already there keeps its place and gains the exceptions ``extra`` gives it."""
    items = cond.split("|") if cond else []
    out = []
    for it in items:
        if it.startswith(prefix):
            kind, n, trig = it.split(":", 2)
            parts = trig.split("/")
            for e in extra:
                base, *exc = e.split("!")
                for i, p in enumerate(parts):
                    if p.split("!")[0] == base:
                        have = p.split("!")
                        parts[i] = "!".join(have + [x for x in exc if x not in have])
                        break
                else:
                    parts.append(e)
            it = f"{kind}:{n}:{'/'.join(parts)}"
        out.append(it)
    return "|".join(out)


def add_cond(row: dict, item: str) -> None:
    """Add a condition item unless an item of the same kind and distance with the same first
    trigger is already there (then widen that one)."""
    kind, n, trig = item.split(":", 2)
    first = trig.split("/")[0]
    prefix = f"{kind}:{n}:{first}"
    if any(it.startswith(prefix) for it in (row["conditions"] or "").split("|")):
        row["conditions"] = widen(row["conditions"], prefix, trig.split("/"))
    else:
        addl(row, "conditions", item)


def note(row: dict, text: str) -> None:
    if TAG + text not in row["note"]:
        row["note"] = (row["note"] + "；" if row["note"] else "") + TAG + text


def examples(row: dict, hit: list[str] = (), ok: list[str] = ()) -> None:
    for h in hit:
        addl(row, "examples_hit", h)
    for p in ok:
        addl(row, "examples_pass", p)


# --- ad_absolute -------------------------------------------------------------------------
ABS_META_NEG = "negated:12:不能出现"
# The lists stay small: every trigger is repeated in each entry of the family, and the
# exported lists must stay under the upload limit (LEXICON_UPLOAD_MAX_BYTES).
ABS_META_NEG_EXTRA = [
    *(
        "不允许用",
        "不允许使用",
        "严禁使用",
        "不许用",
        "从未说过",
        "从没说过",
        "从未打出",
        "从没打出",
    ),
    # not a bare 从未在: 从未在别处见过这么顶级的面料 is a claim
    *("从未在任何平台", "从没在任何平台", "从未在任何渠道", "从没在任何渠道", "请勿相信", "冒充"),
]
ABS_META_FOL = "followed:10:的说法"
ABS_META_FOL_EXTRA = [
    "是谣言!不是谣言",
    "的说法" + "".join("!的说法" + x for x in ("是真", "属实", "没错", "被证实", "千真万确")),
    *("之类的话", "这类话"),
]
# a mention word followed by a confirmation is the claim again (暖宫的说法是真的, 宣传属实)
SAID_TRUE = ("是真", "属实", "没错", "被证实", "千真万确")
MENTION = [
    "说法!不是说法" + "".join("!说法" + x for x in SAID_TRUE),
    "宣传!不是宣传!没有夸大宣传!不是夸大宣传!没有虚假宣传"
    + "".join("!宣传" + x for x in SAID_TRUE),
    *("违反!不违反!没有违反", "是谣言!不是谣言", "伪科学!不是伪科学", "是噱头!不是噱头"),
    *("没有科学依据", "没有可靠的科学依据", "缺乏科学依据", "请勿相信", "不要相信"),
    *("之类的话", "这类话"),
]
ABS_VISION = "negated:12:目标是"
ABS_VISION_EXTRA = ["愿景", "使命", "宗旨", "愿望是"]
ABS_STAT = "lower:warn:来源&统计"
ABS_STAT_EXTRA = [
    "lower:warn:后台数据&年&月",
    "lower:warn:平台数据&年&月",
    "lower:warn:生意参谋&年&月",
    "lower:warn:第三方数据&年&月",
]
ABS_CONTEST = "unless:比赛&第二名"
ABS_CONTEST_EXTRA = [
    "lower:warn:评审结果&赛",
    "lower:warn:评选结果&赛",
    "lower:warn:比赛结果",
    "lower:warn:大赛结果",
    "lower:warn:获奖名单&赛",
]
# a stated look-back period (近30天, 30日内, 前7日); not a bare 365天最低价 (= every day)
PRICE_PERIOD = [
    *(f"近{n}{d}最低价" for n in ("7", "15", "30", "60", "90", "180") for d in ("天", "日")),
    *("天内最低价", "日内最低价", "前7日最低价", "前30日最低价"),
    *("近一个月最低价", "近1个月最低价", "近三个月最低价", "近3个月最低价", "个月内最低价"),
]


def ad_absolute() -> None:
    rows = load("ad_absolute")
    for r in rows:
        c = r["conditions"] or ""
        if ABS_META_NEG in c:
            r["conditions"] = widen(c, ABS_META_NEG, ABS_META_NEG_EXTRA)
        if ABS_META_FOL in r["conditions"]:
            r["conditions"] = widen(r["conditions"], ABS_META_FOL, ABS_META_FOL_EXTRA)
        if ABS_VISION in r["conditions"]:
            r["conditions"] = widen(r["conditions"], ABS_VISION, ABS_VISION_EXTRA)
        if ABS_STAT in r["conditions"]:
            for item in ABS_STAT_EXTRA:
                addl(r, "conditions", item)
        if ABS_CONTEST in r["conditions"] and r["severity"] in ("review", "block"):
            for item in ABS_CONTEST_EXTRA:
                addl(r, "conditions", item)

    r = get(rows, "最高级")
    examples(r, ok=["科普：广告法不允许用“最高级”来夸商品，现在文案都很克制"])
    note(
        r,
        "讲解法规的“不允许用/严禁使用 …”与“从未在…宣"
        "传”“请勿相信”是提到而不是使用，与 不得使用 同族",
    )
    r = get(rows, "全网最低价")
    examples(r, ok=["声明：我们从未在任何渠道打出过“全网最低价”，看到类似说法请勿相信"])
    note(r, "品牌否认自己做过的宣传（从未在…宣传、从没说过）放行")
    r = get(rows, "最")
    # the customer's own clothes; not 能让你穿得最久的羽绒服 (durability)
    for ctx in ("衣柜里穿得最久", "衣橱里穿得最久", "大家穿得最久", "自己穿得最久", "家里穿得最久"):
        addl(r, "allow_contexts", ctx)
    examples(r, ok=["留言聊聊你衣柜里穿得最久的一件外套", "我们的愿景：成为顾客最放心的针织品牌"])
    note(r, "顾客自己的衣服穿得最久是征集话题，不说商品；愿景、使命、宗旨后的“最”是理念")
    r = get(rows, "最高")
    for ctx in ("最高奖金", "最高奖是", "最高奖为", "最高奖品", "最高奖项"):
        addl(r, "allow_contexts", ctx)
    examples(r, ok=["按规定抽奖式有奖销售的最高奖金额不超过5万元"])
    note(r, "抽奖的最高奖（法定上限、本次奖品）说奖项，不说商品；抽奖本身由 lottery 判断")
    r = get(rows, "唯一")
    add_cond(
        r,
        "followed:2:官方微博/官方账号/官方号/官方公众号/官方网站!官方网站首发!官方网站独家/官网!官网首发!官网独家!官网限定/官方客服/客服电话/客服热线"
        "/官方抖音号/官方视频号/官方小红书/官方微信/认证账号/联系方式/售后电话",
    )
    examples(
        r,
        hit=["这是本季唯一一款双面羊绒大衣"],
        ok=["防骗提醒：我们唯一官方客服电话是400开头，其他号码让您转账请挂断"],
    )
    note(r, "防骗提醒里的“唯一官方微博/客服电话/官网”是指认真账号，不是商品的唯一性")
    for t in ("最低", "最低价"):
        r = get(rows, t)
        for ctx in PRICE_PERIOD:
            addl(r, "allow_contexts", ctx)
        examples(r, ok=["本次到手价为该商品近90天最低价，价格曲线可在商品页查看"])
        note(
            r,
            "限定了统计时段的“近30天/7日内最低价”是可"
            "查证的价格事实（执法指南：限定时间的客观事实）",
        )
    r = get(rows, "排名第一")
    note(r, "“据后台数据/平台数据/生意参谋 + 年月”与 数据显示&年&月 同族，降为提示")
    r = get(rows, "第一名")
    note(r, "比赛的评审结果、获奖名单公告里的名次是比赛事实，不说商品")
    r = get(rows, "no1")
    add_cond(
        r,
        "followed:0:顾客!顾客满意!顾客口碑!顾客好评!顾客首选!顾客信赖!顾客选择!顾客推荐"
        "!顾客最爱/客人/粉丝!粉丝推荐!粉丝首选!粉丝好评!粉丝信赖!粉丝最爱!粉丝必买/铁粉/老顾客/回头客",
    )
    examples(r, hit=["No.1顾客首选的羊绒衫"], ok=["我们店的NO.1老顾客是楼下花店的姐姐"])
    note(r, "No.1 后紧跟人（顾客、粉丝、老顾客）是说人不说货")
    save("ad_absolute", rows)


# --- ad_claim ----------------------------------------------------------------------------
CLAIM_DENY = ("negated:8:不能!谁说不能", "negated:10:不能!谁说不能")
CLAIM_DENY_EXTRA = [
    # not 或任何/及任何: 有效预防感冒或任何呼吸道疾病 is a claim
    # not 不要相信/请勿相信 before the word: 不要相信暖宫要吃药，穿这件就行 is a claim
    *("没有调节", "不能调节"),
    *("从未宣传", "从没宣传", "冒充", "冒用", "旗号"),
]
CLAIM_META_FOL_ITEM = "followed:10:" + "/".join(["被罚", "被处罚", "罚款", *MENTION])


def ad_claim() -> None:
    rows = load("ad_claim")
    for r in rows:
        c = r["conditions"] or ""
        fam = [p for p in CLAIM_DENY if p in c]
        if not fam:
            continue
        for p in fam:
            c = widen(c, p, CLAIM_DENY_EXTRA)
        r["conditions"] = c
        add_cond(r, CLAIM_META_FOL_ITEM)

    r = get(rows, "暖宫")
    examples(r, ok=["网上流传的“暖宫”说法请勿相信，这就是一件普通的棉质打底衫"])
    note(
        r,
        "引述并驳斥（X说法请勿相信、宣称X被罚、X没有科学依据"
        "）是提到而不是宣称：否认族加 followed 元话语",
    )
    r = get(rows, "防辐射服")
    examples(r, ok=["孕妇防辐射服并没有可靠的科学依据，孕期穿得宽松舒适就好"])
    note(r, "“X并没有可靠的科学依据”是驳斥")
    r = get(rows, "预防感冒")
    examples(r, ok=["案例：某店宣称卫衣能“预防感冒”被罚款，我们的文案不会这样写"])
    note(r, "处罚案例里的说法是提到而不是宣称")
    r = get(rows, "保健")
    examples(r, ok=["本款为普通棉袜，不具备任何保健功效"])
    r = get(rows, "内分泌")
    examples(r, ok=["这款内衣没有调节内分泌的作用，请理性选购"])
    note(r, "没有调节/不能调节 加入否认族")

    r = get(rows, "保健")
    addl(r, "allow_contexts", "保健品礼盒")
    examples(r, ok=["员工福利的保健品礼盒今年换成了围巾"])

    r = get(rows, "零甲醛")
    add_cond(
        r,
        "followed:8:很难保证绝对/难以保证绝对/无法保证绝对/不能保证绝对/不敢保证绝对/很难做到绝对"
        "/难以做到绝对/无法做到绝对/做不到绝对/是伪命题/是个噱头!不是个噱头/不现实/不科学/"
        + "/".join(MENTION[:4]),
    )
    examples(
        r,
        hit=["宝宝贴身穿的零甲醛连体衣", "零甲醛很难保证？我们做到了"],
        ok=["关于“零甲醛”：任何面料都很难保证绝对为零，我们按国标A类检测"],
    )
    note(r, "讨论“零甲醛”这个说法（很难保证、是噱头、这种说法）是如实说明，不是承诺")

    r = get(rows, "变瘦")
    add_cond(
        r,
        "negated:6:不会让!不会让你变胖!不会让人变胖!不会让你发胖!不会让你胖/不能让/没法让/无法让"
        "/不可能让/不会使/不能使/并不能/不会真的/不能真的/没法真的/不会让人真的/不会让你真的/不能让人真的"
        "/不能让你真的/没法让人真的/没法让你真的",
    )
    examples(r, hit=["穿它不会让你变胖只会让你变瘦"], ok=["再显瘦的裤子也不会让人真的变瘦"])
    note(r, "否认“会让人变瘦”（不会让/不能让/不会真的…）放行；“不会让你变胖只会让你变瘦”照报")

    r = get(rows, "药")
    for ctx in ("自行涂药", "自行擦药", "自行上药", "自行用药", "自行服药", "涂药后", "擦药后"):
        addl(r, "allow_contexts", ctx)
    examples(r, ok=["皮肤过敏请停止穿着，不建议自行涂药后继续穿"])
    note(r, "售后提醒里的自行涂药、擦药后是顾客的护理，不是商品当药")

    # advice to see a doctor names the hospital or the doctor; a bare 请到/前往 would pass
    # 请到门店体验理疗
    directive = (
        "negated:6:去医院!不用去医院!不去医院!不必去医院!少去医院!无需去医院!比去医院!与其去医院"
        "/到医院!不用到医院!比到医院/宠物医院/兽医/医院就诊/医院进行/遵医嘱"
        "/就医!无需就医!不用就医!不必就医!免去就医!省去就医!不再就医"
    )
    for t in ("治疗", "疗"):
        r = get(rows, t)
        add_cond(r, directive)
        examples(r, ok=["宠物皮肤有问题请带去宠物医院治疗"])
        note(r, "劝人去医院、就医治疗（请去/带去/及时就医…治疗）是建议，不是商品的功效")
    r = get(rows, "治疗")
    examples(r, hit=["在医院治疗了半年没好，穿了它一个月就好了，治疗效果惊人"])
    save("ad_claim", rows)


# --- sensitive ---------------------------------------------------------------------------
def sensitive() -> None:
    rows = load("sensitive")
    deny = (
        "negated:8:不宣传/不宣称/不具备/不具有/不代表/不承诺/不保证/没有任何/并没有/并无"
        "/不能/不会!不会不/从不宣传/从未宣传/不搞/不做!不做不/请勿相信/不要相信"
    )
    for t in ("转运", "辟邪", "开光", "招财", "旺桃花", "镇宅"):
        try:
            r = get(rows, t)
        except KeyError:
            continue
        add_cond(r, deny)
        note(
            r,
            "否认迷信功效（不宣传任何转运功效、不会辟邪）放行"
            "；列举里 、 之后的词仍报（引擎：、 隔断否定）",
        )
    examples(get(rows, "辟邪"), hit=["本命年穿上这条红内裤辟邪挡灾"], ok=["我们不宣传任何辟邪功效"])
    examples(get(rows, "转运"), ok=["红绳只是款式名，我们不宣传任何转运功效"])
    save("sensitive", rows)


if __name__ == "__main__":
    ad_absolute()
    ad_claim()
    sensitive()
