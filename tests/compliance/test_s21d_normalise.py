"""Issue 18, session 21 (s21d, h220): three evasion techniques from the misses of the retired
blind sets (fresh_set_7, fresh_set_8), each a class across every category, fixed in the engine's
character mapping (``app/compliance/normalize.py``: ``LOOKALIKES``, ``VARIANTS``) and its pinyin
spellings (``app/compliance/pinyin.py``), not in the word lists. No sentence of a retired set is
copied here.

Classes:

1. **Whole words in toneless pinyin**, space-separated or run together (``lian jie``,
   ``jiang xue tang``, ``jiangxuetang``): a term of 2–4 characters written wholly in Latin
   letters hits when the text holds Chinese, the span is two words or one word of three syllables
   or more, every word of its Latin run reads as pinyin, not every word is a common English word,
   and it spells the term in first readings or pypinyin's phrase reading. Lawful neighbours:
   English sentences and brand names that read as pinyin (Long Men, Hang Ten, women, Fendi),
   pinyin names, model numbers.
2. **Look-alike letters**: Greek and Cyrillic letters drawn like Latin ones (``Nο.1`` with a Greek
   omicron, ``ΝО.1``, Cyrillic а е о р с х і in Latin entries). Lawful neighbours: Greek and
   Russian words, a Cyrillic-spelled brand name, a Greek model number.
3. **Variant CJK characters** (异体字) of the characters of listed terms: old forms (㝡 冣 for 最,
   苐 for 第, 弌 for 一, 㣲 for 微, 伩 for 信, 乿 for 治, 圀 for 国, 㒰 for 全, 䋄 for 网) and
   Japanese shinjitai (対 奨 関 転 賛 痩 …). Lawful neighbours: a rare character in a name,
   Japanese text, characters that are words of their own (沪, 欠, 芸, 笫, 惟).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.compliance import Entry, build_lexicon, check, check_text
from app.compliance.normalize import LOOKALIKES, VARIANTS, map_char
from tests.compliance.families import RANK, SHIPPED, categories
from tests.compliance.reference import reference_lexicon

# (text, channel, category, the exact text of a hit of that category at review or above)
PINYIN_WORDS = [
    ("新款风衣的 lian jie 在 zhu ye，自己去拿", None, "ad_disclosure", "zhu ye"),
    ("评论区 lian jie zai 置顶", None, "ad_disclosure", "lian jie zai"),
    ("ping lun qu 有 lian jie", None, "ad_disclosure", "ping lun qu"),
    ("这条加绒秋裤穿着能 jiang xue tang，老人放心穿", None, "ad_claim", "jiang xue tang"),
    ("这条加绒秋裤穿着能jiangxuetang", None, "ad_claim", "jiangxuetang"),
    ("这款护腰 jiang xue ya 效果好", None, "ad_claim", "jiang xue ya"),
    ("护膝自带 xiao yan 功能", None, "ad_claim", "xiao yan"),
    ("穿上 mian yi li 提升", None, "ad_claim", "mian yi li"),
    ("shi mian 的人也能睡好，这条睡裤", None, "ad_claim", "shi mian"),
    ("这件是 guo jia ji 工艺", None, "ad_absolute", "guo jia ji"),
    ("羽绒服 quan qiu shou fa", None, "ad_absolute", "quan qiu shou fa"),
    ("面料 jue dui bu qi qiu", None, "ad_absolute", "jue dui bu"),
    ("转发这条 dian zan 过百送围巾", "weibo", "inducement", "dian zan"),
    ("wen chuan 同款纪念T恤", None, "sensitive", "wen chuan"),
    ("JIANG XUE TANG 的秋裤", None, "ad_claim", "JIANG XUE TANG"),  # capitals
    ("Xiao yan 护膝，冬天必备", None, "ad_claim", "Xiao yan"),  # a sentence start
    pytest.param(
        "Jiang Xue Tang 的秋裤",
        None,
        "ad_claim",
        "Jiang Xue Tang",
        marks=pytest.mark.xfail(
            strict=True,
            reason="every word capitalised reads as a pinyin name (Xiao Yan, Zhu Ye) and is "
            "left alone; evasions are written in lower case or capitals",
        ),
    ),
]
LOOKALIKE_LETTERS = [
    ("这件是 N\u03bf.1 爆款", None, "ad_absolute", "N\u03bf.1"),  # Greek small omicron
    ("销量 \u039d\u041e.1 的风衣", None, "ad_absolute", "\u039d\u041e.1"),  # Greek Nu, Cyrillic O
    ("\u0422\u041e\u04201 的面料", None, "ad_absolute", "\u0422\u041e\u04201"),  # Cyrillic ТОР1
    ("\u03a4\u039f\u03a1级 工艺", None, "ad_absolute", "\u03a4\u039f\u03a1级"),  # Greek ΤΟΡ级
    ("这条裙子 h\u0430oping f\u0430nxi\u0430n", None, "inducement", "h\u0430oping"),
    ("\u0441houjiang 活动开始", "xiaohongshu", "lottery", "\u0441houjiang"),  # Cyrillic с
    ("ji\u0430nfei 神器", None, "ad_claim", "ji\u0430nfei"),
    ("这款是 b\u0435sts\u0435ll\u0435r", None, "ad_absolute", "b\u0435sts\u0435ll\u0435r"),
    ("zuih\u0430\u043e 的面料", None, "ad_absolute", "zuih\u0430\u043e"),  # Cyrillic а о
    ("销量 diy\u0456", None, "ad_absolute", "销量 diy\u0456"),  # Cyrillic і
    ("h\u0435roin 风格", None, "sensitive", "h\u0435roin"),
    ("n\u0430zi 风穿搭", None, "sensitive", "n\u0430zi"),
    ("jiz\u0430n 送围巾", "wechat_oa", "inducement", "jiz\u0430n"),
    ("这件 zui h\u0430o", None, "ad_absolute", "zui h\u0430o"),  # with pinyin words
    ("\u1d1b\u1d0f\u1d181 的面料", None, "ad_absolute", "\u1d1b\u1d0f\u1d181"),  # small caps ᴛᴏᴘ1
    ("销量 \u0274\u1d0f.1 的大衣", None, "ad_absolute", "\u0274\u1d0f.1"),  # ɴᴏ.1
]
VARIANT_CHARACTERS = [
    ("\u3761好的羊绒面料", None, "ad_absolute", "\u3761好"),  # 㝡
    ("\u51a3低价只此一天", None, "ad_absolute", "\u51a3低价"),  # 冣
    ("这件风衣销量苐一", None, "ad_absolute", "销量苐一"),
    ("这件风衣销量苐弌", None, "ad_absolute", "销量苐弌"),
    ("面料絶対不起球", None, "ad_absolute", "絶対不"),
    ("评论区抽奨送三件", "xiaohongshu", "lottery", "抽奨"),
    ("関注后転発集賛送围巾", "wechat_oa", "inducement", "集賛"),
    ("加\u38f2信领红包", None, "inducement", "加\u38f2信"),  # 㣲
    ("加微伩领红包", None, "inducement", "加微伩"),
    ("这条护膝能乿疗关节炎", None, "ad_claim", "乿疗"),
    ("圀家级工艺", None, "ad_absolute", "圀家级"),
    ("\u34b0网最低价", None, "ad_absolute", "\u34b0网最低"),  # 㒰
    ("全\u42c4最低价", None, "ad_absolute", "全\u42c4最低"),  # 䋄
    ("全罒最低价", None, "ad_absolute", "全罒最低"),
    ("穿上就痩身十斤", None, "ad_claim", "痩身"),
]
FLAGGED = PINYIN_WORDS + LOOKALIKE_LETTERS + VARIANT_CHARACTERS

# pinyin words: English copy, brand names and names that read as pinyin, model numbers
LAWFUL_PINYIN = [
    ("Long Men 系列外套", None),
    ("Hang Ten 同款卫衣", None),
    ("women 的新款外套", None),
    ("Bang Bang 乐队同款 T恤", None),
    ("The pin and the fan, a long day in the sun", None),
    ("You can hang the long coat on the pin", None),
    ("摄影师 Wang Fang 拍摄", None),
    ("摄影：Xiao Yan，模特：Li Na", None),  # names, not 消炎
    ("本期模特 Shi Mian 身高170", None),  # a name, not 失眠
    ("设计师 Zhu Ye 的新作", None),  # a name, not 主页
    ("型号 ZH-2024，尺码 XL", None),
    ("Dior 和 Fendi 的联名", None),
    ("有问题加 wei xin 聊尺码", None),  # 加微信 needs a reward; 尾款 is not wei xin
]
# look-alike letters: Greek and Russian words, a brand, a model number
LAWFUL_LOOKALIKE = [
    ("\u039d\u0399\u039a\u0397 的希腊语是胜利", None),  # ΝΙΚΗ
    ("\u0391\u03b8\u03ae\u03bd\u03b1 旅行穿搭", None),  # Αθήνα
    ("\u041c\u043e\u0441\u043a\u0432\u0430 冬季穿搭", None),  # Москва
    ("\u0421hanel 风的小香风外套", None),
    ("型号 \u0391\u0392-120", None),
    ("\u1d04\u1d0f\u1d22\u028f 风毛衣", None),  # ᴄᴏᴢʏ in small capitals
    ("\u0540\u0561\u0575\u0561\u057d\u057f\u0561\u0576 风格刺绣", None),  # Armenian
    ("\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac 的希腊风连衣裙", None),  # Ελληνικά
]
# variant characters: a rare character in a name, Japanese, characters that are words of their own
LAWFUL_VARIANT = [
    ("模特王\u3761的同款外套", None),
    ("日本の関西で撮影しました", None),
    ("対応サイズ：S〜XL", None),
    ("床笫之间的睡衣", None),
    ("沪上秋冬穿搭", None),
    ("思惟方式决定穿搭", None),
    ("欠款已结清", None),
    ("芸芸众生，各有各的穿法", None),
]
LAWFUL = LAWFUL_PINYIN + LAWFUL_LOOKALIKE + LAWFUL_VARIANT


def _hit_spans(text: str, channel: str | None, category: str) -> list[tuple[int, int]]:
    report = check(SHIPPED, body=text, channel=channel)
    return [
        (hit.start, hit.end)
        for hit in report.hits
        if hit.category == category and RANK[hit.severity] >= RANK["review"]
    ]


@pytest.mark.parametrize(("text", "channel", "category", "span"), FLAGGED)
def test_variant_is_flagged_with_its_exact_span(
    text: str, channel: str | None, category: str, span: str
) -> None:
    start = text.index(span)
    assert (start, start + len(span)) in _hit_spans(text, channel, category), (
        text,
        check(SHIPPED, body=text, channel=channel).hits,
    )


@pytest.mark.parametrize(("text", "channel"), LAWFUL)
def test_lawful_neighbour_is_not_flagged(text: str, channel: str | None) -> None:
    assert categories(text, channel=channel) == set(), (text, categories(text, channel=channel))


def test_each_class_has_enough_variants_and_neighbours() -> None:
    assert min(map(len, (PINYIN_WORDS, LOOKALIKE_LETTERS, VARIANT_CHARACTERS))) >= 10
    for rows in (PINYIN_WORDS, LOOKALIKE_LETTERS, VARIANT_CHARACTERS):
        assert len({getattr(row, "values", row)[2] for row in rows}) >= 3
    assert min(map(len, (LAWFUL_PINYIN, LAWFUL_LOOKALIKE, LAWFUL_VARIANT))) >= 6


# The character tables themselves.
def test_look_alike_letters_map_to_latin_and_their_small_letters_only_where_they_look_alike() -> (
    None
):
    assert "".join(map(map_char, "\u039d\u03bf\u041e\u043e\u0422\u0420\u0441\u0445")) == "noootpcx"
    assert map_char("\u0412") == "b" and map_char("\u0432") == "\u0432"  # В, в
    assert map_char("\u041d") == "h" and map_char("\u043d") == "\u043d"  # Н, н
    assert map_char("\U0001d6b6") == "o"  # mathematical bold capital omicron: NFKC Ο
    assert all(
        len(latin) == 1 and latin.isascii() and latin.islower() for latin in LOOKALIKES.values()
    )
    assert map_char("\u03c9") == "\u03c9" and map_char("\u0436") == "\u0436"  # ω, ж stay


def test_variant_characters_map_to_the_standard_simplified_character() -> None:
    assert [map_char(c) for c in "\u3761\u51a3苐弌\u38f2伩\u3430乿圀"] == list("最最第一微信信治国")
    assert [map_char(c) for c in "対奨関転賛痩薬"] == list("对奖关转赞瘦药")
    assert map_char("壱") == "壹" and map_char("壹") == "壹"  # the capital numeral stays
    for char in "沪予欠芸醋缶笫惟弟著抬么":  # ordinary characters of their own
        assert map_char(char) == char
    assert all(map_char(standard) == standard for standard in VARIANTS.values())


# Engine and reference agree on the mapped classes (the reference has no pinyin path: the engine
# is compared without its own).
ENTRIES = (
    Entry("no1", "ad_absolute", "review", id=1),
    Entry("top级", "ad_absolute", "review", id=2),
    Entry("最好", "ad_absolute", "review", id=3),
    Entry("销量第一", "ad_absolute", "review", id=4),
    Entry("抽奖", "lottery", "review", id=5),
    Entry("国家级", "ad_absolute", "block", id=6),
    Entry("集赞", "inducement", "block", id=7),
    Entry("加微信", "inducement", "review", id=8),
    Entry("瘦身", "ad_claim", "block", id=9),
    Entry("bestseller", "ad_absolute", "review", id=10),
)


@pytest.mark.parametrize(
    "text",
    [text for text, _, _, _ in LOOKALIKE_LETTERS + VARIANT_CHARACTERS]
    + [text for text, _ in LAWFUL_LOOKALIKE + LAWFUL_VARIANT],
)
def test_engine_and_reference_agree_on_mapped_characters(text: str) -> None:
    lexicon = replace(build_lexicon(ENTRIES, version=3), pinyin=None)
    reference = reference_lexicon(ENTRIES, version=3)
    assert check(lexicon, body=text) == reference.check(body=text)


# The guards of all-Latin pinyin spans.
GUARDED = build_lexicon(
    [
        Entry("龙门", "sensitive", "review", id=1),
        Entry("我们", "sensitive", "review", id=2),
        Entry("汶川", "sensitive", "review", id=3),
        Entry("降血糖", "ad_claim", "block", id=4),
        Entry("银行", "ad_claim", "warn", id=5),
        Entry("尾款", "promo_marker", "info", id=6),
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wo men 的外套", [(0, 6, "wo men", "我们")]),  # two words
        ("women 的外套", []),  # one word of two syllables: English too often
        ("去wenchuan旅游", []),  # left to Latin entries
        ("喝了能jiangxuetang", [(3, 15, "jiangxuetang", "降血糖")]),  # one word, three syllables
        ("喝了能 j i a n g x u e t a n g", [(4, 27, "j i a n g x u e t a n g", "降血糖")]),
        ("Long Men 系列", []),  # every word a common English word
        ("long men collection 系列", []),  # the run holds an English word
        ("Long Men", []),  # no Chinese in the text
        ("wen chuan", []),
        ("wen chuan 那年", [(0, 9, "wen chuan", "汶川")]),
        ("Wen Chuan 那年", []),  # every word capitalised: a name
        ("WEN CHUAN 那年", [(0, 9, "WEN CHUAN", "汶川")]),
        ("去 yin hang 办卡", [(2, 10, "yin hang", "银行")]),  # pypinyin's phrase reading
        ("wei xin 联系", []),  # 尾款 read wei|xin only in rare readings
        ("wen chuan。那年", [(0, 9, "wen chuan", "汶川")]),  # the text holds Chinese
    ],
)
def test_all_latin_spans_hit_only_past_the_english_guards(text: str, expected: list[tuple]) -> None:
    hits = check_text(GUARDED, text).hits
    assert [(hit.start, hit.end, hit.text, hit.term) for hit in hits] == expected


@pytest.mark.xfail(
    strict=True,
    reason="Cyrillic small т is drawn as a small capital T, not as Latin t; mapping it would "
    "turn every Russian т into t for one rare evasion (ТОР in capitals is read)",
)
def test_cyrillic_small_te_is_not_read_as_t() -> None:
    assert "ad_absolute" in categories("这款毛衣 \u0442\u043e\u0440 级面料")
