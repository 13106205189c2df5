"""Normalisation of symbols that stand for characters (session 19, h197, issue 18).

Keycap digits (``3⃣️``: digit, keycap mark, emoji selector, in either order) and the dingbat
negative circled digits (``❶``) read as their digits, as ``①`` and ``⑴`` do; the enclosed
numbers from 10 on (``⑩``, ``❿``, ``⓫``), the Roman numerals ``Ⅰ``–``Ⅻ`` and ``№`` read as their
number or ``no`` (``normalize.SYMBOL_WORDS``), wherever they stand; hits keep exact offsets on the
original text, and the old reading of such a text still counts.
"""

from __future__ import annotations

import pytest

from app.compliance import Entry, build_lexicon, check_text
from app.compliance.normalize import SYMBOL_WORDS, Stream, map_char

LEXICON = build_lexicon(
    [
        Entry("no1", "ad_absolute", "review", allow_contexts=("no10", "no11", "no12"), id=1),
        Entry("全网第1", "ad_absolute", "review", allow_contexts=("全网第10", "全网第11"), id=2),
        Entry("第1名", "ad_absolute", "review", id=3),
        Entry("top1", "ad_absolute", "review", allow_contexts=("top10", "top11", "top12"), id=4),
        Entry("断层第1", "ad_absolute", "review", id=5),
        Entry("vip", "promo_marker", "info", id=6),
        Entry("10分好评", "inducement", "review", id=7),
        Entry("38号链接", "ad_disclosure", "review", id=8),
    ],
    version=1,
)


def hits(text: str) -> list[tuple[str, str]]:
    """(term, original text of the hit) of every hit; each hit's text is text[start:end]."""
    found = check_text(LEXICON, text, limit=None).hits
    for hit in found:
        assert text[hit.start : hit.end] == hit.text
    return [(hit.term, hit.text) for hit in found if hit.category != "pii"]


def test_keycap_and_dingbat_digits_read_as_digits_like_circled_ones() -> None:
    for digit in "0123456789":
        for keycap in (f"{digit}\u20e3\ufe0f", f"{digit}\ufe0f\u20e3", f"{digit}\u20e3"):
            assert Stream(f"第{keycap}名").collapsed == f"第{digit}名"
    assert [map_char(char) for char in "❶❷❸❹❺❻❼❽❾"] == list("123456789")
    assert [map_char(char) for char in "①⑴⒈➀➊"] == ["1"] * 5
    assert hits("3⃣️8⃣️号链接") == [("38号链接", "3⃣️8⃣️号链接")]
    assert hits("销量断层第❶") == [("断层第1", "断层第❶")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("人气№1卫衣", [("no1", "№1")]),
        ("全网№ 1的卫衣", [("no1", "№ 1")]),
        ("全网第Ⅰ", [("全网第1", "全网第Ⅰ")]),
        ("第Ⅰ名", [("第1名", "第Ⅰ名")]),
        ("类目TOPⅠ", [("top1", "TOPⅠ")]),
        ("类目topⅰ", [("top1", "topⅰ")]),
        ("🔟分好评", [("10分好评", "🔟分好评")]),
        ("晒图给⑩分好评", [("10分好评", "⑩分好评")]),
        ("给❿分好评", [("10分好评", "❿分好评")]),
        ("给⒑分好评", [("10分好评", "⒑分好评")]),
        # the number is whole: ⑩, Ⅹ, Ⅻ are not 1
        ("全网第⑩", []),
        ("全网第Ⅹ", []),
        ("第Ⅻ名", []),
        ("№10", []),
        ("第Ⅱ代面料", []),
    ],
)
def test_symbols_read_as_their_number_or_word(text: str, expected: list[tuple[str, str]]) -> None:
    assert hits(text) == expected


def test_the_old_reading_still_counts() -> None:
    # Ⅰ is also the letter i, as before: VⅠP is still vip
    assert hits("VⅠP会员") == [("vip", "VⅠP")]


def test_symbol_readings_map_back_to_exact_offsets() -> None:
    text = "🎉全网№1，第Ⅰ名！⑩分好评。"
    stream = Stream(text)
    assert stream.reads_emoji
    found = hits(text)
    assert ("no1", "№1") in found
    assert ("第1名", "第Ⅰ名") in found
    assert ("10分好评", "⑩分好评") in found
    plain = Stream(text, emoji=False)
    assert "no" not in plain.collapsed


def test_symbol_table() -> None:
    assert SYMBOL_WORDS["⑩"] == SYMBOL_WORDS["❿"] == SYMBOL_WORDS["➓"] == "10"
    assert SYMBOL_WORDS["⑳"] == SYMBOL_WORDS["⒇"] == SYMBOL_WORDS["⒛"] == "20"
    assert SYMBOL_WORDS["Ⅻ"] == SYMBOL_WORDS["ⅻ"] == "12"
    assert SYMBOL_WORDS["№"] == "no"
    # single digits stay in the character table (①, ❶ → 1), never here
    assert not set("①⑴⒈❶➀➊⓵⓪⓿") & set(SYMBOL_WORDS)
    assert all(word.isdigit() or word == "no" for word in SYMBOL_WORDS.values())
