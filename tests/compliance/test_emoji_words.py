"""Emoji that stand for a word (session 17, issue 18): ``销量🥇`` reads 销量第一, ``🔗在评论区``
链接在评论区, ``5⭐`` 5星; a decorative emoji stays a separator; offsets point at the emoji."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.compliance import check
from app.compliance.normalize import (
    BOUNDARY,
    EMOJI_WORDS,
    SENTINEL,
    Stream,
    emoji_words,
    mark_separators,
    normalise_key,
)
from tests.compliance import reference
from tests.compliance.families import SHIPPED, categories
from tests.compliance.test_reference_property import LEXICON, REFERENCE


def test_reference_table_is_the_engine_table() -> None:
    assert reference._EMOJI_WORDS == EMOJI_WORDS


@pytest.mark.parametrize(
    ("text", "collapsed", "span"),
    [
        ("销量🥇", "销量第一", (0, 3)),
        ("🔗在评论区", "链接在评论区", (0, 5)),
        ("好评返🧧🧧", "好评返红包红包", (0, 5)),  # a run of emoji shares its neighbours
        ("5⭐⭐⭐好评", "5星好评", (0, 6)),  # 星星星 collapses like any run
        ("5⭐️好评", "5星好评", (0, 5)),  # the variation selector is skipped
        ("💯0", "10", (0, 2)),  # 1000: the run of 0 spans the emoji and the digit
        ("🔝品质", "顶级品质", (0, 3)),
        ("☎️138", "电话138", (0, 5)),
    ],
)
def test_a_reading_emoji_stands_for_its_word(
    text: str, collapsed: str, span: tuple[int, int]
) -> None:
    stream = Stream(text)
    assert stream.collapsed == collapsed
    assert stream.original_spans([(0, len(collapsed), None)]) == [span]


@pytest.mark.parametrize(
    "text",
    [
        "🥇 最佳创意奖：小鹿",  # before a space
        "✨新品✨",  # not in the table
        "好看！🔗\n",  # between a sentence end and a line break
        "🔗",
        "⭐好评",  # a star reads only right after a numeral
        "第一次穿这么好看⭐",
        "今日好物🔝",  # 🔝 reads only before a word
        "😀🥇😀",  # other emoji are separators, not words
        "🥇。🛒",
    ],
)
def test_a_decorative_emoji_stays_a_separator(text: str) -> None:
    assert emoji_words(text, mark_separators(text)) == {}
    plain = "".join(char for char in text if char not in EMOJI_WORDS)
    assert Stream(text).collapsed == Stream(plain).collapsed


def test_terms_and_contexts_drop_emoji_as_before() -> None:
    assert normalise_key("销量🥇") == normalise_key("销量")
    assert normalise_key("🔗在评论区") == normalise_key("在评论区")


def test_collapsed_index_of_a_reading_emoji_and_after_it() -> None:
    stream = Stream("看🔗ab")  # 看链接ab
    assert [stream.collapsed_index(i) for i in (0, 1, 2, 3)] == [0, 1, 3, 4]


# New sentences of each family (in no evaluation set): the emoji reads as a word of a term.
FLAGGED = [
    ("这款冲锋衣全网销量🥇", "ad_absolute"),
    ("卫衣类目🥇，回购也多", "ad_absolute"),
    ("今年羽绒服人气🥇！", "ad_absolute"),
    ("这件卫衣是店里销量👑", "ad_absolute"),
    ("🔝品质羊绒大衣，闭眼入", "ad_absolute"),
    ("这条牛仔裤💯不掉色", "ad_claim"),
    ("冲锋衣💯防水，暴雨也不怕", "ad_claim"),
    ("同款🔗在评论区自取", "ad_disclosure"),
    ("戳🔗直接拍，库存不多", "ad_disclosure"),
    ("左下角🛒里第二个就是", "ad_disclosure"),
    ("穿搭合集，🔗在💬区", "ad_disclosure"),
    ("给个5⭐，私我领🧧", "inducement"),
    ("买家秀5🌟有礼", "inducement"),
    ("五🌟好评截图找客服", "ad_disclosure"),
    ("评论区🎲两位宝子送同款", "lottery"),
    ("点❤️满50送围巾", "inducement"),  # session 20: ❤/👍 read 赞
    ("本店锦🐟一位，送整季新款", "lottery"),  # 🐟 reads 鲤
    ("这款羽绒服销量第☝️", "ad_absolute"),  # ☝ reads 一
]

# Lawful neighbours: the same emoji as decoration or plain properties.
LAWFUL = [
    "🥇 今日穿搭分享",
    "⭐⭐⭐ 新品上架，欢迎来逛",
    "第一次穿这么好看⭐",
    "💯纯棉，亲肤透气",  # 100纯棉: a property stated plainly
    "新年快乐🧧",  # 红包 alone is information
    "🔗 见左下角",  # before a space: decoration
    "尺码偏大，建议拍小一码💯",
    "客服电话📞400-123-4567",
    "今日好物🔝",
    "穿搭灵感💬欢迎留言",
    "今晚8点直播🎲",
    "❤️图案的毛衣，温柔又减龄",
    "面料很舒服👍",
    "小🐟印花T恤，夏天必备",
    "☝️点击上方关注，看更多穿搭",
]


@pytest.mark.parametrize(("text", "category"), FLAGGED)
def test_emoji_families_are_flagged(text: str, category: str) -> None:
    assert category in categories(text)


@pytest.mark.parametrize("text", LAWFUL)
def test_emoji_neighbours_stay_clean(text: str) -> None:
    assert categories(text) == set()


def test_a_hit_through_an_emoji_points_at_the_emoji() -> None:
    report = check(SHIPPED, body="这款冲锋衣全网销量🥇")
    spans = {(hit.term, hit.start, hit.end, hit.text) for hit in report.hits}
    assert ("销量第一", 7, 10, "销量🥇") in spans
    assert ("第一", 9, 10, "🥇") in spans


EMOJI_PIECES = (
    *EMOJI_WORDS,
    *("\ufe0f", "🏻", "😀", " ", "。", "，", "\n", "5", "五", "①", "a", "ab"),
    *("销量", "第一", "好评", "好评返", "不", "起球", "红包", "星", "评论", "在", "最好", "妈妈"),
)
emoji_texts = st.lists(st.sampled_from(EMOJI_PIECES), max_size=20).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=emoji_texts, channel=st.sampled_from([None, "wechat_oa"]))
def test_engine_matches_reference_on_emoji_texts(text: str, channel: str | None) -> None:
    assert check(LEXICON, body=text, channel=channel) == REFERENCE.check(body=text, channel=channel)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=emoji_texts)
def test_offsets_are_exact_and_hold_the_emoji_they_read(text: str) -> None:
    marked = mark_separators(text)
    words = emoji_words(text, marked)
    for hit in check(SHIPPED, body=text).hits:
        if hit.entry_id is None:  # PII, found in the original text
            continue
        piece = text[hit.start : hit.end]
        assert piece == hit.text
        for index in (hit.start, hit.end - 1):  # a hit starts and ends on what it read
            assert marked[index] not in (SENTINEL, BOUNDARY) or index in words
        if normalise_key(hit.term).chars not in Stream(_without(text, words)).collapsed:
            assert any(hit.start <= index < hit.end for index in words), (text, hit)


def _without(text: str, words: dict[int, str]) -> str:
    """text with its reading emoji left out (what the engine read before session 17)."""
    return "".join(char for index, char in enumerate(text) if index not in words)
