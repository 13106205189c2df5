"""jieba word boundaries, segmenting only the blocks that hold a word-mode candidate.

``jieba.cut(text, HMM=True)`` splits ``text`` into blocks matching its ``re_han_default`` class
(CJK U+4E00–U+9FD5, ASCII letters and digits, ``+#&._%-``) and segments each block on its own;
every other character is a one-character token (or a whitespace token). Segmenting just the
block around a position therefore gives exactly the tokens that segmenting the whole text would.
"""

from __future__ import annotations

import logging
import time
import warnings
from bisect import bisect_right, insort
from functools import lru_cache
from typing import NamedTuple

from app.compliance.normalize import MAP_TABLE, map_text

with warnings.catch_warnings():
    # Older setuptools warn when jieba imports pkg_resources; Python 3.11 warns about the
    # invalid escapes in jieba's own source when it has no cached bytecode.
    warnings.simplefilter("ignore", DeprecationWarning)
    import jieba

jieba.setLogLevel(logging.WARNING)

# jieba's re_han_default is [\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+
_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")


def initialize() -> float:
    """Load jieba's dictionary now (thread-safe, once per process); return the seconds spent."""
    started = time.perf_counter()
    jieba.initialize()
    return time.perf_counter() - started


def _in_block(mapped: str) -> bool:
    """Tell whether a mapped character belongs to jieba's re_han_default class."""
    return "\u4e00" <= mapped <= "\u9fd5" or mapped in _BLOCK_ASCII


class _Block(NamedTuple):
    end: int
    token_starts: frozenset[int]  # offsets from the block start
    token_ends: frozenset[int]


class WordBoundaries:
    """Token starts and ends of ``jieba.cut(map_text(text))``, one block at a time, on demand."""

    __slots__ = ("_text", "_starts", "_blocks")

    def __init__(self, text: str) -> None:
        self._text = text  # the original text; characters are mapped as blocks are found
        self._starts: list[int] = []  # sorted starts of the blocks segmented so far
        self._blocks: dict[int, _Block] = {}

    def aligned(self, start: int, end: int) -> bool:
        """Tell whether start is a token start and end (exclusive) a token end."""
        first = self._block_at(start)
        if first is not None and start - first[0] not in first[1].token_starts:
            return False
        last = self._block_at(end - 1)
        return last is None or end - last[0] in last[1].token_ends

    def _block_at(self, index: int) -> tuple[int, _Block] | None:
        """Return (start, block) holding index, or None when index is a token on its own."""
        k = bisect_right(self._starts, index) - 1
        if k >= 0 and index < self._blocks[self._starts[k]].end:
            return self._starts[k], self._blocks[self._starts[k]]
        if not _in_block(self._mapped(index)):
            return None
        start, end = index, index + 1
        while start > 0 and _in_block(self._mapped(start - 1)):
            start -= 1
        while end < len(self._text) and _in_block(self._mapped(end)):
            end += 1
        block = self._cut(start, end)
        insort(self._starts, start)
        self._blocks[start] = block
        return start, block

    def _mapped(self, index: int) -> str:
        return MAP_TABLE[ord(self._text[index])]

    def _cut(self, start: int, end: int) -> _Block:
        """Segment one block of the mapped text."""
        mapped = map_text(self._text[start:end])
        if len(mapped) > CACHED_BLOCK_CHARS:
            return _Block(end, *_boundaries(mapped))
        return _Block(end, *_cached_boundaries(mapped))


# A block's tokens depend on its characters only, and the same sentences are checked again and
# again (the editor checks the draft on every save, the review page and the API check it again),
# so each process keeps the boundaries of its most recent short blocks: jieba spends 0.1–0.3 ms
# on a block of 5–15 characters, more than the rest of the check of a 500-character text.
CACHED_BLOCKS = 4096
CACHED_BLOCK_CHARS = 64


def _boundaries(mapped: str) -> tuple[frozenset[int], frozenset[int]]:
    """Token start and end offsets of ``jieba.cut(mapped, HMM=True)``."""
    starts, ends, offset = [], [], 0
    for token in jieba.cut(mapped, HMM=True):
        starts.append(offset)
        offset += len(token)
        ends.append(offset)
    return frozenset(starts), frozenset(ends)


_cached_boundaries = lru_cache(maxsize=CACHED_BLOCKS)(_boundaries)
