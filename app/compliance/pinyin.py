"""Mixed pinyin spellings: a term written with some characters as toneless Latin pinyin (汶chuan).

Decisions (issue 18; the English and Chinese summary is in ``wordlists/README.md``):

* **Readings.** pypinyin's per-character table (``pinyin_dict``), read once per process: tone marks
  dropped, ``ü`` written ``v`` (and ``u`` as a further reading: ``nü`` maps to ``nu``), readings
  without a vowel (嗯 ``ng``, 呣 ``m``) dropped. A text's Chinese characters are read by their first
  (most common) reading; a key is spelled in every combination of its characters' readings when
  there are at most ``MAX_SPELLINGS``, else in the first readings plus one character at a time in
  each of its other readings. So ``yin hang`` and ``chong qing`` spell 银行 and 重庆, while the
  table never has to guess a character's reading from its neighbours.
* **Keys.** Every automaton key (entry terms, allowed contexts, allow-list strings, markers,
  triggers) of two or more characters, all Chinese characters with a reading, without repeated
  characters (``Key.runs`` is None). Categories are not chosen: all entries take part.
* **Occurrence.** A span of the collapsed stream (``normalize``) occurs as a key when its
  reading (Chinese characters by their first reading, Latin letters as written, repeated letters
  in full) spells the key and

  1. it holds at least one Chinese character and at least one Latin letter: a fully Chinese span
     is left to the ordinary match (homophones never fire here), and a fully Latin one
     (``wenchuan``) to explicit Latin entries (``zuihao``, ``diyi``), because English words and
     brand names read as pinyin too often (Nike, Fendi, Lining, change);
  2. every Chinese character in it is the key's own character at that place (``zui好`` is
     最好, ``zui豪`` is not): the evasion keeps the real characters it does not romanise;
  3. every Latin word touching it (a maximal run of Latin letters in the mapped text: any
     separator, digit or other character ends it) lies inside it and starts and ends on a
     syllable boundary of the key: ``wonderful``, ``Zuiderzee`` or ``Lisa`` never match in part.

  Separators are skipped as in the ordinary match (``di 一``, ``zui-好``); a span never crosses a
  sentence end. Found occurrences then go through the engine exactly like the others: channels,
  allowed contexts and the allow list (their own mixed spellings included), word mode,
  conditions; the hit carries its entry's category, severity and suggestion and the exact
  original span.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from itertools import accumulate, product
from typing import Any, NamedTuple

import ahocorasick

from app.compliance.normalize import Stream

MAX_SPELLINGS = 8
_LATIN_WORD = re.compile("[a-z]+")
_SYLLABLE = re.compile("[a-z]*[aeiouv][a-z]*")


class Index(NamedTuple):
    """The mixed-spelling automaton: spelling → (its length, its options), and the key length
    (characters) of the longest key."""

    automaton: Any
    longest: int


# (key characters, syllable boundaries of this spelling: offsets 0 … len, the key's patterns)
Option = tuple[str, tuple[int, ...], tuple[Any, ...]]


def _toneless(reading: str) -> str:
    """A pypinyin reading without tone marks, ü as v (hǎo → hao, lǜ → lv)."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


@cache
def readings() -> dict[str, tuple[str, ...]]:
    """Every Chinese character's toneless readings, most common first (pypinyin's order)."""
    from pypinyin.pinyin_dict import pinyin_dict  # large: loaded on first use only

    table: dict[str, tuple[str, ...]] = {}
    for code, spelled in pinyin_dict.items():
        found: list[str] = []
        for reading in map(_toneless, spelled.split(",")):
            for form in (reading, reading.replace("v", "u")):
                if _SYLLABLE.fullmatch(form) and form not in found:
                    found.append(form)
        if found:
            table[chr(code)] = tuple(found)
    return table


@cache
def first_readings() -> dict[str, str]:
    """Every Chinese character's most common toneless reading."""
    return {char: spelled[0] for char, spelled in readings().items()}


@cache
def _syllables() -> frozenset[str]:
    return frozenset(reading for spelled in readings().values() for reading in spelled)


@lru_cache(maxsize=4096)
def is_pinyin(word: str) -> bool:
    """Tell whether a lower-case Latin word splits into toneless pinyin syllables."""
    syllables = _syllables()
    ends = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        ends[end] = any(
            ends[start] and word[start:end] in syllables for start in range(max(0, end - 6), end)
        )
    return ends[-1]


def spellings(chars: str, table: dict[str, tuple[str, ...]]) -> list[tuple[str, tuple[int, ...]]]:
    """The spellings of a key with their syllable boundaries; empty when it cannot take part."""
    options = [table.get(char) for char in chars]
    if None in options:
        return []
    choices: Iterable[Sequence[str]]
    readable: list[tuple[str, ...]] = options  # type: ignore[assignment]  # no None left
    count = 1
    for spelled in readable:
        count *= len(spelled)
    if count <= MAX_SPELLINGS:
        choices = product(*readable)
    else:
        first = [spelled[0] for spelled in readable]
        choices = [first] + [
            [*first[:i], other, *first[i + 1 :]]
            for i, spelled in enumerate(readable)
            for other in spelled[1:]
        ]
    seen: dict[str, tuple[int, ...]] = {}
    for choice in choices:
        seen.setdefault("".join(choice), tuple(accumulate(map(len, choice), initial=0)))
    return list(seen.items())


def build_index(groups: dict[str, list[Any]]) -> Index | None:
    """Index the mixed spellings of every key that takes part (patterns without run lengths)."""
    table = readings()
    found: dict[str, list[Option]] = {}
    longest = 0
    for chars, patterns in groups.items():
        if len(chars) < 2:
            continue
        kept = tuple(pattern for pattern in patterns if pattern.runs is None)
        if not kept:
            continue
        spelled = spellings(chars, table)
        if spelled:
            longest = max(longest, len(chars))
        for spelling, bounds in spelled:
            found.setdefault(spelling, []).append((chars, bounds, kept))
    if not found:
        return None
    automaton = ahocorasick.Automaton()
    for spelling, options in found.items():
        automaton.add_word(spelling, (len(spelling), tuple(options)))
    automaton.make_automaton()
    return Index(automaton, longest)


class _Word(NamedTuple):
    start: int  # collapsed span of a Latin word that reads as pinyin
    end: int


def occurrences(index: Index, stream: Stream) -> Iterator[tuple[int, int, tuple[Any, ...]]]:
    """(collapsed start, end, patterns) of every mixed occurrence in a text's stream."""
    marked = stream.marked
    if _LATIN_WORD.search(marked) is None:  # the common case: no Latin letter at all
        return
    owner: dict[int, _Word] = {}  # collapsed position of a letter → its word, if it reads as pinyin
    words: list[_Word] = []
    for match in _LATIN_WORD.finditer(marked):
        if is_pinyin(match.group()):
            start, end = match.span()
            word = _Word(stream.collapsed_index(start), stream.collapsed_index(end - 1) + 1)
            words.append(word)
            owner.update(dict.fromkeys(range(word.start, word.end), word))
    for first, last in _windows(stream.collapsed, words, index.longest):
        yield from _window_occurrences(index, stream, owner, first, last)


def _windows(collapsed: str, words: list[_Word], longest: int) -> list[tuple[int, int]]:
    """Merged collapsed spans around each pinyin word, reaching up to longest - 1 Chinese
    characters (and any Latin letters) on each side, never past another character."""
    table = first_readings()
    spans: list[tuple[int, int]] = []
    for word in sorted(words):
        first, last = (
            _reach(collapsed, word.start, -1, longest, table),
            _reach(collapsed, word.end - 1, 1, longest, table),
        )
        if spans and first <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], last + 1))
        else:
            spans.append((first, last + 1))
    return spans


def _reach(collapsed: str, pos: int, step: int, longest: int, table: dict[str, str]) -> int:
    """The farthest position from pos, in direction step, that a key through pos can reach."""
    han = 0
    limit = 8 * longest  # the longest syllable has six letters
    while limit:
        nxt = pos + step
        if not 0 <= nxt < len(collapsed):
            break
        char = collapsed[nxt]
        if char in table:
            han += 1
            if han >= longest:
                break
        elif not "a" <= char <= "z":
            break
        pos, limit = nxt, limit - 1
    return pos


def _window_occurrences(
    index: Index, stream: Stream, owner: dict[int, _Word], first: int, last: int
) -> Iterator[tuple[int, int, tuple[Any, ...]]]:
    """The mixed occurrences inside collapsed[first:last]."""
    table = first_readings()
    collapsed = stream.collapsed
    pieces: list[str] = []
    offsets = [0]  # offsets[i]: where position first + i starts in the window's reading
    for pos in range(first, last):
        char = collapsed[pos]
        piece = table.get(char) or char * stream.run_length(pos)
        pieces.append(piece)
        offsets.append(offsets[-1] + len(piece))
    reading = "".join(pieces)
    for end_offset, (length, options) in index.automaton.iter(reading):
        start_offset = end_offset + 1 - length
        i = bisect_right(offsets, start_offset) - 1
        j = bisect_right(offsets, end_offset + 1) - 1
        if offsets[i] != start_offset or offsets[j] != end_offset + 1:
            continue  # starts or ends inside a Chinese character's syllable
        start, end = first + i, first + j
        for option in options:
            if _fits(option, collapsed, owner, start, end, offsets, first, table):
                yield start, end, option[2]


def _fits(
    option: Option,
    collapsed: str,
    owner: dict[int, _Word],
    start: int,
    end: int,
    offsets: list[int],
    first: int,
    table: dict[str, str],
) -> bool:
    """Tell whether the span [start, end), which spells the option's key, is a mixed occurrence:
    some Chinese character and some Latin word, the key's own characters, whole words on
    syllable boundaries."""
    chars, bounds, _ = option
    base = offsets[start - first]
    han = latin = False
    for pos in range(start, end):
        offset = offsets[pos - first] - base
        char = collapsed[pos]
        if char in table:
            if offset not in bounds:
                return False
            syllable = bounds.index(offset)
            if chars[syllable] != char or bounds[syllable + 1] != offset + len(table[char]):
                return False
            han = True
            continue
        word = owner.get(pos)
        if word is None or word.start < start or word.end > end:
            return False
        if pos == word.start:
            word_end = offsets[word.end - first] - base
            if offset not in bounds or word_end not in bounds:
                return False
            latin = True
    return han and latin
