"""The C-level run finder of the match stream agrees with the regex it replaces (issue 18)."""

from __future__ import annotations

import random
import re

import pytest

from app.compliance.normalize import Stream, _runs

RUN = re.compile(r"(.)\1+", re.DOTALL)  # the definition: maximal runs of one repeated character

# Code points whose UTF-16 units differ in one byte only (中/丰, 一/丁, 中/䰭 …), so that an XOR
# of neighbours has zero bytes that straddle two units; surrogates, beyond-BMP and NUL.
ALPHABET = [
    "a", "b", "中", "丰", "一", "丁", "\u4f2d", "\u0100", "\x00", "\x01", "\ud800", "\udc00",
    "😀", "\U00020000", "\U00020001", "好", "最",
]  # fmt: skip


def spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in RUN.finditer(text)]


@pytest.mark.parametrize(
    "text",
    ["", "a", "aa", "aab", "abb", "aabb", "中中中丰丰", "中丰", "\u4e2d\u4f2d\u4e2d\u4e2d",
     "a\x00\x00", "😀😀", "\ud800\ud800", "最最好好好"],
)  # fmt: skip
def test_runs_of_examples(text: str) -> None:
    assert _runs(text) == spans(text)


def test_runs_agree_with_the_regex_on_generated_texts() -> None:
    rng = random.Random(18)
    for _ in range(20_000):
        alphabet = ALPHABET[: rng.randint(1, len(ALPHABET))]
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _runs(text) == spans(text), text


def test_runs_agree_on_every_pair_differing_in_one_byte() -> None:
    for code in range(0x20, 0x2FFFF, 37):
        for flip in (0x1, 0x80, 0x100, 0x8000, 0x10000):
            other = code ^ flip
            if 0xD800 <= other < 0xE000 or 0xD800 <= code < 0xE000:
                continue
            a, b = chr(code), chr(other)
            for text in (a + b + a + a, b * 3 + a, a + b, b + a + a + b):
                assert _runs(text) == spans(text), (hex(code), hex(other))


def test_collapsed_stream_and_spans_with_runs() -> None:
    stream = Stream("最最最好，好好😀的的")  # ， and 😀 are separators, not sentence ends
    assert stream.collapsed == "最好的"
    spans = [(0, 2, None), (2, 3, None), (0, 1, None)]
    assert stream.original_spans(spans) == [(0, 7), (8, 10), (0, 3)]  # whole runs
