"""Terms written with some characters as toneless Latin pinyin (汶chuan, zui好; issue 18)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.compliance import Entry, Lexicon, build_lexicon, check, check_text
from app.compliance.pinyin import is_pinyin, spellings

WENCHUAN = Entry("汶川", "sensitive", "review", suggestion="删去灾难地名", id=1)
BEST = Entry("最好", "ad_absolute", "review", allow_contexts=("最好搭配",), suggestion="改写", id=2)
FIRST = Entry("第一", "ad_absolute", "review", id=3)
ABSOLUTE = Entry("绝对", "ad_absolute", "warn", id=4)
RANK = Entry("第一名", "ad_absolute", "block", id=5)
BANK = Entry("银行", "ad_claim", "warn", id=6)
CITY = Entry("重庆", "sensitive", "warn", id=7)
ADVANCED = Entry("先进", "ad_claim", "warn", id=10)
QUAKE = Entry("地震", "sensitive", "review", conditions=("near:6:大促",), id=8)
PRIZE = Entry("抽奖", "lottery", "review", channels=("wechat_oa",), id=9)
LEXICON = build_lexicon(
    [WENCHUAN, BEST, FIRST, ABSOLUTE, RANK, BANK, CITY, QUAKE, PRIZE, ADVANCED],
    allow_list=("顶好",),
)


def found(text: str, lexicon: Lexicon = LEXICON, channel: str | None = None) -> list[tuple]:
    """(start, end, text, term) of every hit of text checked as the body."""
    hits = check_text(lexicon, text, channel=channel).hits
    assert all(text[hit.start : hit.end] == hit.text for hit in hits)
    return [(hit.start, hit.end, hit.text, hit.term) for hit in hits]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("不要拿汶chuan做促销", (3, 9, "汶chuan", "汶川")),
        ("wen川的羌绣", (0, 4, "wen川", "汶川")),
        ("这是zui好的面料", (2, 6, "zui好", "最好")),
        ("全网di 一", (2, 6, "di 一", "第一")),
        ("JUE对显瘦", (0, 4, "JUE对", "绝对")),
        ("Wen川", (0, 4, "Wen川", "汶川")),
        ("ｚｕｉ好", (0, 4, "ｚｕｉ好", "最好")),  # full-width letters
        ("zuì好", (0, 4, "zuì好", "最好")),  # a tone mark
        ("汶-chuan", (0, 7, "汶-chuan", "汶川")),  # a separator inside
        ("销量di yi名", (2, 8, "di yi名", "第一名")),  # two words, each a syllable
        ("去银hang办卡", (1, 6, "银hang", "银行")),  # a heteronym's other reading (行 xing/hang)
        ("chong庆火锅", (0, 6, "chong庆", "重庆")),
        ("工艺xian进", (2, 7, "xian进", "先进")),
    ],
)
def test_mixed_spelling_hits_with_exact_offsets(text: str, expected: tuple) -> None:
    assert expected in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "wonderful川菜",  # "wen" is not a syllable boundary of an English word
        "Owen川菜",  # o|wen reads as pinyin, but the match would start inside the word
        "Zuiderzee好看",
        "bazui好",  # the word must lie wholly inside the match
        "Ladi yi名",  # … every word: la|di is cut, yi is whole
        "汶chuanxi",  # chuan|xi ends past the term
        "工艺xi an进",  # whole syllables, but not the term's: xi|an is not xian
        "问川",  # an all-Chinese homophone: the ordinary match decides
        "zui豪",  # a kept character must be the term's own
        "去wenchuan旅游",  # fully Latin: left to explicit Latin entries
        "zui。好",  # a sentence end between
        "wen！川",
        "汶\nchuan",
        "zui3好",  # a digit ends the word and is no syllable
        "zuih好",  # letters that do not end on a syllable boundary of the term
    ],
)
def test_no_hit_inside_words_for_homophones_or_across_sentences(text: str) -> None:
    assert found(text) == []


def test_the_hit_carries_its_entrys_category_severity_and_suggestion() -> None:
    (hit,) = check_text(LEXICON, "汶chuan").hits
    assert (hit.category, hit.severity, hit.suggestion, hit.entry_id) == (
        "sensitive",
        "review",
        "删去灾难地名",
        1,
    )


def test_allowed_contexts_and_the_allow_list_apply_in_either_spelling() -> None:
    assert found("zui好搭配") == []  # mixed term inside a mixed context
    assert found("最好da配") == []  # ordinary term inside a mixed context
    assert found("zui好") == [(0, 4, "zui好", "最好")]
    lexicon = build_lexicon([Entry("好看", "ad_claim", "warn")], allow_list=("真好看",))
    assert found("真hao看", lexicon) == []
    assert found("很hao看", lexicon) == [(1, 5, "hao看", "好看")]


def test_conditions_and_channels_apply_to_mixed_hits() -> None:
    assert found("di震大促") == [(0, 3, "di震", "地震")]
    assert found("di震那年") == []  # near:6:大促 not met
    assert found("di震da促") == [(0, 3, "di震", "地震")]  # a mixed trigger counts too
    assert found("关注chou奖", channel="wechat_oa") == [(2, 7, "chou奖", "抽奖")]
    assert found("关注chou奖", channel="weibo") == []


def test_word_mode_applies_to_mixed_hits() -> None:
    lexicon = build_lexicon([Entry("第一", "ad_absolute", "review", "word")])
    assert found("销量di一", lexicon) == [(2, 5, "di一", "第一")]
    assert found("di一次", lexicon) == []  # jieba: di | 一次


def test_title_and_body_are_checked_apart() -> None:
    report = check(LEXICON, title="汶", body="chuan")
    assert report.hits == ()


def test_all_chinese_text_is_checked_exactly_as_without_the_pinyin_path() -> None:
    plain = replace(LEXICON, pinyin=None)
    for text in ("汶川地震", "问川", "最好搭配", "第一名。绝对", "银行重庆", "地震大促", "罪好"):
        assert check_text(LEXICON, text) == check_text(plain, text)


def test_mixed_hits_are_found_anywhere_in_a_long_text() -> None:
    text = "这款连衣裙采用桑蚕丝面料，柔软亲肤。" * 300 + "今年zui好的一件"
    assert found(text) == [(len(text) - 7, len(text) - 3, "zui好", "最好")]


def test_pinyin_words_are_split_into_whole_syllables() -> None:
    assert is_pinyin("zui") and is_pinyin("chuan") and is_pinyin("diyi") and is_pinyin("owen")
    assert not is_pinyin("wonderful") and not is_pinyin("zuiderzee") and not is_pinyin("vip")


def test_a_key_is_spelled_in_its_characters_readings() -> None:
    table = {"银": ("yin",), "行": ("xing", "hang"), "汶": ("wen",), "川": ("chuan",)}
    assert spellings("银行", table) == ["yinxing", "yinhang"]
    assert spellings("汶川", table) == ["wenchuan"]
    assert spellings("汶x", table) == []  # a character without a reading takes no part
    many = {char: ("a", "b", "c") for char in "一二三"}  # 27 combinations: one change at a time
    assert spellings("一二三", many) == ["aaa", "baa", "caa", "aba", "aca", "aab", "aac"]


# Issue 18 (h135): a syllable written letter by letter, separators between the letters.
LOWEST = Entry("最低价", "ad_absolute", "review", id=11)
SPACED = build_lexicon([BEST, FIRST, RANK, PRIZE, ADVANCED, LOWEST, WENCHUAN])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("z u i 好", (0, 7, "z u i 好", "最好")),
        ("z·u·i好", (0, 6, "z·u·i好", "最好")),
        ("Z U I 低价", (0, 8, "Z U I 低价", "最低价")),
        ("全网z-u-i低价", (2, 9, "z-u-i低价", "最低价")),
        ("全网d i 一", (2, 7, "d i 一", "第一")),
        ("销量d i y i名", (2, 10, "d i y i名", "第一名")),  # two syllables spelled out
        ("c h o u 奖", (0, 9, "c h o u 奖", "抽奖")),
        ("汶c h u a n", (0, 10, "汶c h u a n", "汶川")),
        ("工艺x i a n进", (2, 10, "x i a n进", "先进")),
        ("Ｚ Ｕ Ｉ 好", (0, 7, "Ｚ Ｕ Ｉ 好", "最好")),  # full-width letters
    ],
)
def test_letters_of_a_syllable_spelled_apart_hit_with_exact_offsets(
    text: str, expected: tuple
) -> None:
    assert expected in found(text, SPACED)


@pytest.mark.parametrize(
    "text",
    [
        "S M L XL码都有",  # sizes
        "U P F 50+防晒",
        "a b c三色",
        "L V同款",  # initials
        "型号 A B 1 2 3",
        "z u 好",  # an incomplete syllable
        "z u i h 好",  # letters that do not end on a syllable boundary
        "z u i。好",  # a sentence end is never bridged
        "z u i\n好",
        "z u i！低价",
        "c h o u j i a n g",  # fully Latin: left to explicit Latin entries (choujiang)
        "x i 安进",  # xi|an is not the term's xian
    ],
)
def test_spelled_apart_letters_hit_only_as_complete_syllables_of_a_term(text: str) -> None:
    assert found(text, SPACED) == []


def test_spelled_apart_letters_leave_all_chinese_and_plain_latin_text_alone() -> None:
    plain = replace(SPACED, pinyin=None)
    for text in ("最好的面料", "S M L XL", "a b c 最好", "UPF50+ 防晒"):
        assert check_text(SPACED, text) == check_text(plain, text)


# Issue 18 (h135): one span that a mixed spelling shares with other entries of its category is
# listed once (the most severe; on a tie an ordinary match, then the entry listed first).
@pytest.fixture(scope="module")
def shipped() -> Lexicon:
    from tests.compliance import evaluate

    return evaluate.load_lexicon()


@pytest.mark.parametrize(
    ("text", "span", "term"),
    [
        ("这是zui好的面料", (2, 6), "最好"),  # 最好 and the homophone entry 醉好: list order
        ("这是z u i 好的面料", (2, 9), "最好"),
        ("今年zui好看的一件", (2, 7), "嘴好看"),  # 嘴好看, 罪好看, 醉好看
        ("关注chou奖", (2, 7), "chou奖"),  # the entry chou奖 (ordinary match) and 抽奖 (mixed)
    ],
)
def test_a_span_shared_by_a_mixed_spelling_is_listed_once_per_category(
    shipped: Lexicon, text: str, span: tuple[int, int], term: str
) -> None:
    report = check_text(shipped, text)
    same = [hit for hit in report.hits if (hit.start, hit.end) == span]
    assert [(hit.term, hit.category) for hit in same] == [(term, same[0].category)]


def test_the_more_severe_hit_is_kept_for_a_shared_span() -> None:
    homophone = Entry("醉好", "ad_absolute", "block", id=20)
    lexicon = build_lexicon([BEST, homophone])
    assert [(h.term, h.severity) for h in check_text(lexicon, "zui好").hits] == [("醉好", "block")]
    lexicon = build_lexicon([BEST, replace(homophone, severity="warn")])
    assert [(h.term, h.severity) for h in check_text(lexicon, "zui好").hits] == [("最好", "review")]
    # an ordinary match wins a tie; other categories keep their own hit
    listed = build_lexicon([PRIZE, Entry("chou奖", "lottery", "review", id=21)])
    assert [h.term for h in check_text(listed, "chou奖").hits] == ["chou奖"]
    other = build_lexicon([BEST, Entry("醉好", "ad_claim", "review", id=22)])
    assert sorted(h.term for h in check_text(other, "zui好").hits) == ["最好", "醉好"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全网di1", [(2, 5, "di1", "第一")]),
        ("全网d i 1", [(2, 7, "d i 1", "第一")]),  # letters spelled apart, then the digit
        ("销量di 1", [(2, 6, "di 1", "第一")]),
        ("D I 1的款式", [(0, 5, "D I 1", "第一")]),
        ("全网di１", [(2, 5, "di１", "第一")]),  # a full-width digit maps to 1
        ("全网di①", [(2, 5, "di①", "第一")]),  # so does a circled one
        ("销量di1名", [(2, 5, "di1", "第一"), (2, 6, "di1名", "第一名")]),
        ("销量di 1 ming", [(2, 6, "di 1", "第一"), (2, 11, "di 1 ming", "第一名")]),
        ("全网di一", [(2, 5, "di一", "第一")]),  # the numeral itself, as before
    ],
)
def test_a_digit_inside_a_pinyin_spelling_reads_as_its_numeral(
    text: str, expected: list[tuple]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第1名的销量", []),  # no Latin letter: left to the ordinary match (第一名 would hit)
        ("di2", []),  # 二 is not the key's 一
        ("top1的款式", []),  # no pinyin word
        ("ok1 ok2", []),
        ("2024年1月di", []),
        ("di1。ming", [(0, 3, "di1", "第一")]),  # never across a sentence end
    ],
)
def test_a_digit_reads_as_a_numeral_only_inside_a_mixed_spelling(
    text: str, expected: list[tuple]
) -> None:
    assert found(text) == expected
