"""The fast engine and the slow reference checker agree on generated evasive texts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.compliance import Entry, build_lexicon, check
from app.compliance.normalize import BOUNDARY, SENTINEL, mark_separators
from tests.compliance.reference import (
    ref_ends_sentence,
    ref_is_separator,
    ref_map,
    reference_lexicon,
)

ENTRIES = (
    Entry("最好", "ad_absolute", "review", allow_contexts=("最好搭配", "最好手洗"), id=1),
    Entry("最", "ad_absolute", "info", allow_contexts=("最近",), id=2),
    Entry("第一", "ad_absolute", "review", "word", ("第一眼", "第一次"), id=3),
    Entry("第一名", "ad_absolute", "block", id=4),
    Entry("國家級", "ad_absolute", "block", id=5),
    Entry("妈妈", "sensitive", "warn", id=6),
    Entry("哈哈哈", "sensitive", "info", "word", id=7),
    Entry("100%纯棉", "ad_claim", "warn", id=8),
    Entry("抽奖", "lottery", "review", channels=("wechat_oa",), id=9),
    Entry("转发", "inducement", "block", "word", channels=("weibo", "wechat_oa"), id=10),
    Entry("ab", "promo_marker", "warn", "word", id=11),
    Entry("顶级", "ad_absolute", "review", "word", ("顶级面料",), id=12),
    Entry("最低价", "ad_absolute", "block", id=13),
    Entry("赘肉", "ad_claim", "block", conditions=("near:3:甩掉/燃烧",), id=14),
    Entry("链接", "ad_disclosure", "review", conditions=("unless:广告!不是广告",), id=15),
    Entry("防晒", "ad_claim", "review", conditions=("lower:warn:upf&gb", "lower:info:检测"), id=16),
    Entry("肉", "ad_claim", "warn", "word", conditions=("near:0:甩", "unless:遮"), id=17),
    Entry("转起来", "inducement", "block", conditions=("then:2:好运",), id=18),
    Entry("销量第一", "ad_absolute", "review", id=19),
    Entry("5星好评", "inducement", "review", id=20),
    Entry("好评返现", "inducement", "review", id=21),
    Entry("100不", "ad_claim", "review", id=22),
    Entry("红包", "promo_marker", "info", "word", id=23),
)
ALLOW = ("最好看", "哈哈哈哈哈")
PIECES = (
    *(entry.term for entry in ENTRIES),
    *("最好搭配", "最好看", "最近", "第一眼", "第一次", "最佳", "顶級", "國", "純棉", "最低"),
    *("妈", "哈", "哈哈", "10", "纯棉", "第", "一", "名", "最", "好", "低价", "眼"),
    *("ＡＢ", "Ab", "abc", "a", "b", "T恤", "好看", "面料", "衣服", "的", "是", "这", "款"),
    *(" ", "*", "\u200b", "😀", "\ufe0f", "，", "。", "%", "-", ".", "\n", "\t", "\u3000"),
    *("\ud800", "\x00", "\x07", "\u200d", "👍🏻", "１", "０", "①", "Ⓐ"),
    *("赘肉", "甩掉", "燃烧", "链接", "广告", "不是广告", "防晒", "upf", "gb", "检测", "遮", "甩"),
    *("转起来", "好运", "转起来！好运", "好运。转起来"),
    *("！", "?", "；", "…", "⋯", "\r\n", "\u2028", "｡", "最好。", "。最好", "好！好"),
    *("13812345678", "138-1234-5678", "138****5678", "11010519491231002X", "a@b.co"),
    *("4111111111111111", "1", "0", "8"),
    # session 17: emoji that read as a word (normalize.EMOJI_WORDS), their modifiers, neighbours
    *("🥇", "⭐", "🌟", "💯", "🔗", "🧧", "💰", "☎", "🔝", "\ufe0f", "🏻", "😀", "5", "五", "销量"),
    *("好评", "好评返", "不", "起球", "包", "红", "现", "金", "星", "评论"),
)
piece = st.tuples(st.sampled_from(PIECES) | st.characters(), st.integers(1, 3)).map(
    lambda pair: pair[0] * pair[1]
)
texts = st.lists(piece, max_size=25).map("".join)
LEXICON = build_lexicon(ENTRIES, version=7, allow_list=ALLOW)
REFERENCE = reference_lexicon(ENTRIES, version=7, allow_list=ALLOW)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=texts,
    body=texts,
    channel=st.sampled_from([None, "wechat_oa", "weibo", "douyin"]),
)
def test_engine_matches_reference(title: str, body: str, channel: str | None) -> None:
    expected = REFERENCE.check(title=title, body=body, channel=channel)
    assert check(LEXICON, title=title, body=body, channel=channel) == expected


def test_reference_agrees_with_engine_on_some_hits() -> None:
    """Guard against a vacuous property: the generated shapes do produce hits of every kind."""
    report = REFERENCE.check(title="國家級*第 一，顶级", body="最最好😀 抽奖 13812345678")
    terms = {hit.term for hit in report.hits}
    assert {"國家級", "第一", "顶级", "最好", "抽奖", "手机号"} <= terms
    assert check(LEXICON, title="國家級*第 一，顶级", body="最最好😀 抽奖 13812345678") == report


def test_separators_never_bridge_a_sentence_end() -> None:
    for text in (
        "最。好",
        "最！好",
        "最?\n好",
        "最；好",
        "最…好",
        "最\n好",
        "最\r\n好",
        "第\u2028一",
    ):
        for report in (REFERENCE.check(body=text), check(LEXICON, body=text)):
            assert not {hit.term for hit in report.hits} & {"最好", "第一"}, text
    # within one sentence separators are still skipped, and a term inside a sentence still hits
    hits = check(LEXICON, body="最，好。最 好！").hits
    assert [hit.text for hit in hits if hit.term == "最好"] == ["最，好", "最 好"]
    assert check(LEXICON, body="妈。妈").hits == ()  # repeated characters do not collapse across


def test_character_table_matches_reference_on_the_bmp_and_samples_beyond() -> None:
    bmp = "".join(map(chr, range(0x10000)))
    emoji_plane = "".join(map(chr, range(0x10000, 0x20000, 7)))
    beyond = "".join(map(chr, range(0x20000, 0x110000, 97)))
    for text in (bmp, emoji_plane, bmp + beyond):  # first sight, then the tables filled
        for char, mapped in zip(text, mark_separators(text), strict=True):
            expected = ref_map(char)
            if ref_ends_sentence(char):
                expected = BOUNDARY
            elif ref_is_separator(expected):
                expected = SENTINEL
            assert mapped == expected, hex(ord(char))
