"""The shipped default word lists in wordlists/: format, coverage, examples and false flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.compliance import Entry, build_lexicon, check, verify_examples
from app.compliance.wordlist_csv import HEADER, read_entries
from tests.compliance import evaluate

WORDLISTS = Path(__file__).resolve().parents[2] / "wordlists"
CSV_FILES = sorted(WORDLISTS.glob("*.csv"))
MINIMUM_ENTRIES = {
    "ad_absolute": 60,
    "ad_claim": 40,
    "lottery": 10,
    "inducement": 15,
    "ad_disclosure": 10,
    "promo_marker": 20,
    "sensitive": 150,
}
SEVERITY_RANK = {"info": 0, "warn": 1, "review": 2, "block": 3}

# Ordinary apparel copy (words that general sensitive lists flag, allowed uses of absolute
# words, numbers that are not personal information): none may reach review or block.
ORDINARY_SENTENCES = [
    "性感蕾丝内衣，无钢圈设计，睡觉也能穿。",
    "黑色丝袜配短靴，秋天的辣妹感。",
    "透视纱袖衬衫，里面搭一件吊带更有层次。",
    "黄色连衣裙配白色帆布鞋，春天就该这么穿。",
    "高开叉半身裙，走路时露出小腿，大腿处不会走光。",
    "紧身牛仔裤修饰臀部线条，显腿长。",
    "胸围88cm，腰围70cm，臀围95cm，建议选M码。",
    "露背针织衫，温柔又性感。",
    "丁字裤无痕内裤，穿紧身裙也不尴尬。",
    "今日特价：纯棉内裤五条装。",
    "冰丝吊带睡裙，夏天在家穿超凉快。",
    "深V领针织衫，里面可以搭一件小吊带。",
    "这件内衣的胸垫可拆卸，方便清洗。",
    "裸色打底衫，隐形不透。",
    "第一次穿阔腿裤的姐妹，记得选高腰款。",
    "第一眼就被这件奶油白大衣吸引了。",
    "第一件原价，第二件半价。",
    "这条半裙最好搭配短款毛衣，比例更好看。",
    "羊绒衫的最佳洗涤方法：30℃以下冷水手洗，平铺晾干。",
    "香云纱染整技艺是国家级非物质文化遗产。",
    "最近降温了，记得给家里老人添件羽绒背心。",
    "我最喜欢的是它的小翻领设计。",
    "这款有最大码4XL，160斤也能穿。",
    "明天最高气温30℃，一件真丝衬衫就够了。",
    "满299元最高立减50元。",
    "唯一的缺点是颜色太少，只有黑白两色。",
    "腰部抽绳设计，松紧可以随意调节。",
    "抽褶泡泡袖，甜而不腻。",
    "锦鲤刺绣的新中式外套，寓意好运。",
    "冰丝防晒衣 UPF50+ 防紫外线，附检测报告（GB/T 18830-2009）。",
    "汉麻（大麻纤维）面料，透气抑汗。",
    "广东突然降温，薄羽绒可以安排上了。",
    "新疆独有的长绒棉，纤维更长更柔软。",
    "舞台独特的灯光让这条礼服裙更出彩。",
    "欢迎加入社群交流穿搭心得。",
    "pink粉色卫衣，少女心爆棚。",
    "异域风情色彩的印花长裙，度假感拉满。",
    "个性交叉绑带设计，后背露出一点点。",
    "素人改造｜158小个子也能穿长款大衣。",
    "欢迎转发到朋友圈，让更多人看到这些穿搭技巧。",
    "喜欢这篇的话，给我们点个赞吧。",
    "订单号2024111812345678，请在小程序内查看物流。",
    "会员编号110105199003071238，可在积分商城使用。",
    "客服热线400-820-1234，工作时间9:00-21:00。",
    "别感冒了，出门加件外套。",
    "高腰阔腿裤，显瘦身形，久坐也不勒。",
]


def _load(path: Path) -> list[Entry]:
    """Read one shipped word list."""
    return read_entries(path.read_bytes(), source=path.name)


ENTRIES = [entry for path in CSV_FILES for entry in _load(path)]


@pytest.fixture(scope="module")
def lexicon():
    """The whole shipped lexicon, compiled once."""
    return build_lexicon(ENTRIES)


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda path: path.name)
def test_file_format(path: Path) -> None:
    """UTF-8 without BOM, \\n line ends, the exact header, one category named like the file."""
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    assert raw.decode("utf-8").split("\n", 1)[0] == ",".join(HEADER)
    assert {entry.category for entry in _load(path)} == {path.stem}


def test_minimum_counts() -> None:
    """Every shipped category is present with at least its minimum number of entries."""
    counts = {name: sum(e.category == name for e in ENTRIES) for name in MINIMUM_ENTRIES}
    short = {name: n for name, n in counts.items() if n < MINIMUM_ENTRIES[name]}
    assert not short, short


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.category}:{e.term}")
def test_entry_is_documented(entry: Entry) -> None:
    """Every entry says what to write instead, why, and has at least one example each way."""
    assert entry.suggestion and entry.basis
    assert entry.examples_hit and entry.examples_pass


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.category}:{e.term}")
def test_entry_examples(entry: Entry) -> None:
    """Every must-hit example hits the entry and no must-pass example does."""
    assert verify_examples(None, entry) == []


def test_promo_markers_are_info() -> None:
    """Promotional wording only marks a piece; it never raises the verdict."""
    assert {e.severity for e in ENTRIES if e.category == "promo_marker"} == {"info"}


def test_political_terms_need_review_not_block() -> None:
    """Political entries are ambiguous out of context, so a human decides (SOURCES.md caveats)."""
    political = [e for e in ENTRIES if e.category == "sensitive" and "主题: 政治" in e.note]
    assert political
    assert {e.severity for e in political} == {"review"}


def test_sensitive_entries_cite_their_source() -> None:
    """Entries drawn from the third-party lists keep repository, commit and licence; the ones
    Hemline wrote for evasive forms (issue 18) say so."""
    for entry in (e for e in ENTRIES if e.category == "sensitive"):
        licensed = "(MIT)" in entry.note or "(Apache-2.0)" in entry.note
        assert "来源: " in entry.note and (licensed or "来源: Hemline" in entry.note), entry.term
    assert (WORDLISTS / "LICENSE-houbb-sensitive-word.txt").is_file()
    assert (WORDLISTS / "LICENSE-konsheng-Sensitive-lexicon.txt").is_file()


@pytest.mark.parametrize("text", ORDINARY_SENTENCES)
def test_ordinary_apparel_copy_is_not_flagged(lexicon, text: str) -> None:
    """The full lexicon leaves ordinary fashion copy below review."""
    report = check(lexicon, body=text)
    hits = [(hit.term, hit.severity) for hit in report.hits]
    assert SEVERITY_RANK.get(report.verdict, 0) < SEVERITY_RANK["review"], hits


def test_evaluation_set_targets(lexicon) -> None:
    """Recall on texts legal wants reviewed ≥ 95 %, false flags on clean copy ≤ 2 %."""
    outcomes = evaluate.evaluate(lexicon, evaluate.load_cases())
    caught, wanted = evaluate.recall_flagged(outcomes)
    flagged, clean = evaluate.false_flags(outcomes)
    assert wanted >= 100 and clean >= 80
    assert caught / wanted >= evaluate.RECALL_TARGET
    assert flagged / clean <= evaluate.FALSE_FLAG_TARGET


# Issue 18: conditions, guarantees, clear-cut absolutes, coverage and evasions in the shipped lists.
SHIPPED = evaluate.load_lexicon()


def _rules(text: str, **fields: str) -> dict[tuple[str, str], str]:
    report = check(SHIPPED, body=text, **fields)
    return {(hit.category, hit.term): hit.severity for hit in report.hits}


def test_every_kind_of_condition_is_shipped_with_examples() -> None:
    entries = [e for e in SHIPPED.entries if e.conditions]
    kinds = {item.split(":")[0] for e in entries for item in e.conditions}
    assert kinds == {"unless", "lower", "near", "then", "negated", "followed", "requires"}
    assert all(e.examples_hit and e.examples_pass for e in entries)


def test_shipped_conditions_behave_on_whole_documents() -> None:
    assert ("ad_disclosure", "小黄车") in _rules("好物分享，小黄车自取")
    assert ("ad_disclosure", "小黄车") not in _rules("小黄车自取", title="【广告】春季新品")
    assert _rules("穿三周甩掉赘肉")[("ad_claim", "赘肉")] == "block"
    assert ("ad_claim", "赘肉") not in _rules("宽松版型遮住小肚子上的赘肉，显瘦。甩掉烦恼")
    assert _rules("防紫外线外套")[("ad_claim", "防紫外线")] == "review"
    cited = _rules("防紫外线外套，经GB/T 18830-2009检测，UPF50+")
    assert cited.get(("ad_claim", "防紫外线"), "warn") == "warn"
    # then: a chain letter's consequence in the next sentence, never two sentences on
    assert _rules("转走这条！接下来一年都会顺顺利利")[("inducement", "转")] == "block"
    assert ("inducement", "转") not in _rules("转走这条。谢谢。接下来一年都会顺利")
    # a denial of advertising is no denial in a post labelled 【广告】
    assert _rules("没拿品牌一分钱，同款在主页")[("ad_disclosure", "没")] == "review"
    assert ("ad_disclosure", "没") not in _rules("没拿品牌一分钱？不，这是合作", title="【广告】")


def test_guarantees_review_plain_properties_do_not_and_clear_absolutes_block() -> None:
    assert check(SHIPPED, body="100%不起球，永久不变形").verdict == "review"
    assert check(SHIPPED, body="100%纯棉，不易起球").verdict in ("pass", "warn")
    assert _rules("全网最低价，冲")[("ad_absolute", "全网最低价")] == "block"
    assert check(SHIPPED, body="国家级品质的真丝衬衫").verdict == "block"


def test_medical_claims_reward_reviews_and_evasions_are_caught() -> None:
    for text in ("穿了能长高", "增强免疫的内衣", "预防感冒的T恤", "辅助治疗乳腺增生", "防电磁波"):
        assert check(SHIPPED, body=text).verdict == "block", text
    assert {"inducement"} <= {c for c, _ in _rules("好评返现5元，晒单送礼")}
    for text in ("蕞好看的大衣", "zui hao的面料", "销量di yi", "①流品质，销量第⑴"):
        assert check(SHIPPED, body=text).verdict in ("review", "block"), text


def test_enclosed_digits_and_letters_keep_offsets_exact() -> None:
    report = check(build_lexicon([Entry("第1", "x", "review"), Entry("no1", "x", "review")]),
                   body="销量第⑴，Ⓝ🅞①款")  # fmt: skip
    assert [(h.start, h.end, h.text) for h in report.hits] == [(2, 4, "第⑴"), (5, 8, "Ⓝ🅞①")]


def test_real_copy_is_split_by_hash_and_labelled() -> None:
    import hashlib

    cases = evaluate.load_cases(evaluate.REAL_COPY)
    assert len(cases) >= 28 and {case.split for case in cases} == {"tuning", "heldout"}
    for case in cases:
        odd = hashlib.sha256(case.text.encode()).digest()[0] % 2
        assert case.split == ("heldout" if odd else "tuning"), case.id
    tuning = evaluate.evaluate(SHIPPED, [c for c in cases if c.split == "tuning"])
    assert evaluate.false_flags(tuning)[0] == 0


def test_real_copy_2_is_split_by_hash_and_labelled() -> None:
    """Session 18 (h187): 200+ further AdvertiseGen train texts, split by the same hash."""
    import hashlib

    cases = evaluate.load_cases(evaluate.REAL_COPY_2)
    first = {case.text for case in evaluate.load_cases(evaluate.REAL_COPY)}
    assert len(cases) >= 200 and {case.split for case in cases} == {"tuning", "heldout"}
    assert len({case.id for case in cases}) == len({case.text for case in cases}) == len(cases)
    for case in cases:
        odd = hashlib.sha256(case.text.encode()).digest()[0] % 2
        assert case.split == ("heldout" if odd else "tuning"), case.id
        assert case.kind == "real" and case.text not in first, case.id


def test_tuning_phrasings_meet_the_targets_with_the_right_category() -> None:
    """Issue 18 item 2: the session-6 evasions (≥ 40) and brand-voice traps (≥ 20) tuned on."""
    outcomes = evaluate.evaluate(SHIPPED, evaluate.load_cases(evaluate.TUNING_SET))
    right, wanted = evaluate.recall_with_category(outcomes)
    flagged, clean = evaluate.false_flags(outcomes)
    assert wanted >= 40 and clean >= 20
    assert right / wanted >= evaluate.RECALL_TARGET
    assert flagged / clean <= evaluate.FALSE_FLAG_TARGET


def test_ranks_in_digits_and_review_for_reward_by_proximity() -> None:
    assert check(SHIPPED, body="保暖效果行业第①").verdict == "review"
    assert ("ad_absolute", "行业第1") not in _rules("在行业第12名的位置")
    assert ("inducement", "好评") in _rules("好评截图发客服，领取10元红包")
    assert ("inducement", "好评") not in _rules("感谢大家的好评。下单送运费险")
    assert ("inducement", "好评") not in _rules("评价好评都欢迎，我们会认真看每一条留言")


def test_evasive_sensitive_families_need_their_context() -> None:
    """Issue 18: evasive political and historical references are caught as families with a
    context condition; the same words in everyday copy are not."""
    caught = ("致敬八九年那个夏天的广场", "五月三十五日的纪念T恤", "灵感来自旭日旗", "光复HK系列",
              "维尼大大同款，主席都穿", "德军卐字臂章", "像邱少云一样趴着不动")  # fmt: skip
    for text in caught:
        assert "sensitive" in {c for c, _ in _rules(text)}, text
    everyday = ("1989年创立的老牌针织厂", "上下身六四分比例更显高", "坦克背心搭配阔腿裤",
                "小熊维尼联名卫衣", "万字纹旗袍", "台湾高山茶色系列", "光复路的老店")  # fmt: skip
    for text in everyday:
        assert "sensitive" not in {c for c, _ in _rules(text)}, text


def test_lottery_looking_colours_shapes_and_one_gift_each_stay_clean() -> None:
    for text in ("锦鲤红的连衣裙", "福袋款式的小挎包", "转盘扣的设计", "下单随机送一个发圈"):
        assert check(SHIPPED, body=text).verdict in ("pass", "warn"), text
    for text in ("截图定格到的三位送围巾", "摇一摇摇出两位送卫衣", "随机送三位宝宝免单"):
        assert "lottery" in {c for c, _ in _rules(text)}, text


def test_lottery_with_published_rules_warns_and_families_need_context() -> None:
    """Issue 18: a lottery whose post publishes its rules only warns; share verbs need a group
    and a following reward; pickers need a head count and a prize; 第一 in a list is an ordinal."""
    rules = "【抽奖规则】参与方式：评论本条；开奖时间：12月8日；奖品：围巾3条。"
    assert _rules(rules)[("lottery", "开奖")] == "warn"
    assert _rules("评论本条，12月8日开奖，奖品是围巾。")[("lottery", "开奖")] == "review"
    shared = _rules("把这篇笔记丢进你的姐妹群。回来找客服报暗号，立减10元")
    assert shared[("inducement", "丢进")] == "block"
    assert ("inducement", "丢进") not in _rules("直接丢进洗衣机。下单送洗衣袋")
    assert ("lottery", "摇") in _rules("猜中的人里再摇一位送整套")
    assert ("lottery", "摇") not in _rules("摇粒绒外套两位数，送运费险")
    assert ("lottery", "有机会") not in _rules("穿上它你有机会获得路人的无数回头")
    assert ("ad_absolute", "第一") in _rules("女装第一，实力说话")
    assert ("ad_absolute", "第一") not in _rules("挑大衣：第一看面料，第二看肩线")
    assert ("ad_absolute", "最低") not in _rules("全场最低5折")
    assert ("ad_claim", "细了") in _rules("睡一晚，早上起来腰细了一圈")
    assert ("ad_claim", "细了") not in _rules("收腰版型，视觉上腰细了一圈")


def test_lottery_and_inducement_families_need_a_pool_a_count_and_a_reward() -> None:
    """Issue 18 (h121): a pool of participants is a draw only with a picking word and a prize;
    share, vote, invite and count verbs are inducement only with a reward; metaphors stay clean."""
    pool = _rules("留言区的宝宝里随机挑三位，每人寄出一条围巾")
    assert ("lottery", "的宝宝里") in pool and ("lottery", "留言区") in pool
    assert ("lottery", "评论区") not in _rules("评论区有两位姐妹问能不能送礼盒包装，可以的")
    assert ("lottery", "从里面") in _rules("扣想要，周日从里面请一位把大衣带回家")
    assert ("lottery", "从里面") not in _rules("从里面挑一件送妈妈")
    assert ("lottery", "choujiang") in _rules("评论区 chou jiang 两位")
    assert ("lottery", "订单号") in _rules("订单号最后两位是88的，全额退款")
    assert ("lottery", "订单号") not in _rules("订单号发给客服，退款三个工作日到账")
    assert ("lottery", "开奖") not in _rules("拆快递就像开奖一样")
    assert ("lottery", "选") not in _rules("选了三位素人模特，每人送一件样衣作为酬劳")
    assert _rules("把这篇发给三个好姐妹，她们下单你也有份")[("inducement", "发给")] == "block"
    assert ("inducement", "发给") not in _rules("把尺码表发给你的闺蜜，一起挑一件送妈妈")
    assert ("inducement", "投一票") in _rules("帮我们投一票吧，投完领20元券")
    assert ("inducement", "攒够") not in _rules("攒够了钱就买这件大衣，送自己的新年礼物")
    assert ("inducement", "关zhu") in _rules("关zhu公众号，回复福利即可领新人礼")
    assert ("inducement", "看到这条") in _rules("看到这条的姐妹转一下，年底一定瘦十斤")
    assert ("inducement", "看到这条") not in _rules("看到这条的宝子转告一下家里人：周五停业一天")


def test_second_round_families_take_prize_forms_not_a_bare_send() -> None:
    """Issue 18 (h121): outcome verbs, Nth-commenter draws and sharing thresholds fire with a
    prize or reward form; a bare 送 (送洗, 送妈妈, 送货) next to them does not make a draw."""
    assert ("lottery", "翻到") in _rules("翻到哪张卡送哪件")
    assert ("lottery", "翻到") not in _rules("翻到详情页最后，有送洗指南")
    assert ("lottery", "摇人") not in _rules("摇人来帮忙搬货，送货上门")
    assert ("lottery", "个接龙") in _rules("第520个接龙的宝子免单")
    assert ("lottery", "个下单") not in _rules("前100个下单的宝子送发圈")
    assert ("lottery", "说不定") not in _rules("说不定下周就降温了，这件大衣送给爸妈正合适")
    assert _rules("这篇收藏过1000，全员发券")[("inducement", "收藏过")] == "block"
    assert ("inducement", "收藏过") not in _rules("收藏过我们笔记的姐妹，新品上架了")
    assert ("inducement", "已转") not in _rules("已转交物流，明天送到")
    assert ("inducement", "话题") in _rules("带上我们的话题发笔记，就能领一张券")
    assert ("inducement", "话题") not in _rules("话题度很高的一件外套，带你看看细节")
    assert ("inducement", "五星") not in _rules("五星级酒店同款浴袍，送运费险")


def test_blind_written_lottery_inducement_and_disclosure_families() -> None:
    """Issue 18 (h139): families tuned on texts written blind to the rules catch the next
    phrasing of the same act and leave everyday copy alone."""
    assert ("lottery", "揪") not in _rules("起球了不要用手揪，用剃毛器")
    assert ("lottery", "抽") not in _rules("年会抽签决定表演顺序，设计部第一个上场")
    assert ("lottery", "抽") in _rules("抽签决定！和我们摇出来的数字一样就退全款")
    assert ("lottery", "福袋") not in _rules("春节福袋每份固定含围巾1条、手套1双，售价299元")
    assert ("lottery", "福袋") in _rules("福袋内容不固定，随机开出大衣")
    assert ("lottery", "ch0u") in _rules("ch0u奖时间到")
    assert ("lottery", "抓") in _rules("抓两个宠粉送出羊绒围巾")
    assert ("lottery", "挑") not in _rules("挑一个粉色的送妈妈")
    assert _rules("先转发，再解锁全文")[("inducement", "转发")] == "block"
    assert _rules("转给3位就能领暖宝宝")[("inducement", "转给")] == "block"
    assert ("inducement", "转给") not in _rules("看完记得转给身边怕冷的朋友")
    assert ("inducement", "分享") in _rules("分享给好友得积分，积分可以直接抵现")
    assert ("inducement", "关注") in _rules("关注我们即有机会获得新款围巾")
    assert ("inducement", "关注") not in _rules("关注天气预报，有机会去海边走走")
    caught = ("广告？不存在的，纯真心推荐", "统一回复：私信我发链接", "🔗在bio",
              "评论区有专属优惠码", "搜「Hemline旗舰店」就有", "想要同款的朋友，扫图片里的二维码",
              "文末推荐几件我们家的羊绒衫", "体验官反馈来啦！现在下单立减50",
              "挂在视频下方的购物链接里")  # fmt: skip
    for text in caught:
        assert "ad_disclosure" in {c for c, _ in _rules(text)}, text
        if not text.startswith("广告"):
            assert "ad_disclosure" not in {c for c, _ in _rules("【广告】" + text)}, text
    everyday = ("自费购买，没有任何合作，也不放链接，纯记录", "有尺码问题请私信", "bio洗牛仔裤",
                "扫描吊牌上的二维码查看洗护说明", "文末附洗涤说明", "天猫旗舰店今天上新",
                "很多人问链接。裙子是缎面的")  # fmt: skip
    for text in everyday:
        rules = _rules(text)
        flagged = [k for k, sev in rules.items() if k[0] == "ad_disclosure" and sev != "warn"]
        assert not flagged, text


def test_the_sets_name_channels_the_product_knows() -> None:
    """A text is checked on one of the product's channel kinds, or on none (every entry): on a
    name the API refuses ("wechat"), entries scoped to the kinds would never fire (s14/h148)."""
    from app.models import ChannelKind

    kinds = {member.value for member in ChannelKind}
    folder = Path(evaluate.__file__).parent
    for name in ("eval_set.jsonl", "tuning_set.jsonl", "real_copy.jsonl", "real_copy_2.jsonl"):
        channels = {case.channel for case in evaluate.load_cases(folder / name)}
        assert channels <= kinds | {None}, (name, channels - kinds)
