"""Pinyin spellings: a term written with some or all characters as toneless Latin pinyin (汶chuan,
lian jie).

Decisions (issue 18; the English and Chinese summary is in ``wordlists/README.md``):

* **Readings.** pypinyin's per-character table (``pinyin_dict``), read once per process: tone marks
  dropped, ``ü`` written ``v`` (and ``u`` as a further reading: ``nü`` maps to ``nu``), readings
  without a vowel (嗯 ``ng``, 呣 ``m``) dropped. A text's Chinese characters are read by their first
  (most common) reading; a key is spelled in every combination of its characters' readings when
  there are at most ``MAX_SPELLINGS``, else in the first readings plus one character at a time in
  each of its other readings. So ``yin hang`` and ``chong qing`` spell 银行 and 重庆, while the
  table never has to guess a character's reading from its neighbours.
* **Keys.** Every automaton key (entry terms, allowed contexts, allow-list strings, markers,
  triggers) of 2 to ``MAX_KEY_CHARS`` (4) characters, all Chinese characters with a reading,
  without repeated characters (``Key.runs`` is None). No category is left out: evasions are
  written for short words and names (汶川, 最好, 第一名, 全网最低), and longer keys (most of the
  64k list's phrases) would double the index for little gain. The index is compiled on the first
  text that holds a Latin word reading as pinyin (``lexicon.PinyinIndex``), not with the lexicon.
* **Occurrence.** A span of the collapsed stream (``normalize``) occurs as a key when its
  reading (Chinese characters by their first reading, Latin letters as written, repeated letters
  in full) spells the key and

  1. it holds at least one Latin letter: a fully Chinese span is left to the ordinary match
     (homophones never fire here). A span of Latin letters only (session 21: ``lian jie``,
     ``jiang xue tang``, ``jiangxuetang``) occurs only when English cannot be meant: the text
     holds a Chinese character; the span is at least two words, or one word of at least
     ``MIN_ONE_WORD_SYLLABLES`` (3) syllables (a one-word ``wenchuan`` or ``zuihao`` is left to
     explicit Latin entries: English words and brand names of two syllables read as pinyin too
     often — women, change, Nike, Fendi, Lining); every word of its run of Latin letters (between
     two other stream characters) reads as pinyin (``Long Men collection``, ``Hang Ten`` never
     match); not all of its words are common English words (``ENGLISH_WORDS``: ``long men``,
     ``fan pin``); and not all of them are capitalised as names (``Xiao Yan``, ``Zhu Ye``: a
     pinyin name is written so, an evasion in lower case or capitals);
  2. every Chinese character in it is the key's own character at that place (``zui好`` is
     最好, ``zui豪`` is not): the evasion keeps the real characters it does not romanise;
  3. every Latin word touching it (a maximal run of Latin letters in the mapped text: any
     separator, digit or other character ends it) lies inside it and starts and ends on a
     syllable boundary of the key: ``wonderful``, ``Zuiderzee`` or ``Lisa`` never match in part.
     One-letter words with only separators between them (``z u i``, ``Z·U·I``) are one word
     when their letters join into whole syllables, else single letters (``S M L``, ``a b c``).

  Separators are skipped as in the ordinary match (``di 一``, ``zui-好``, ``zui hao``); a span
  never crosses a sentence end. A digit (``1``, and what maps to it: ``１``, ``①``) is read as
  its Chinese numeral (零一二三四五六七八九) and counts as that character: ``di1``, ``d i 1``
  and ``di 1名`` spell 第一 and 第一名, as ``di一`` does (rule 1 still wants a Latin letter, so
  ``第1`` is left alone). Found occurrences then go through the engine exactly like the others:
  channels, allowed contexts and the allow list (their own mixed spellings included), word mode,
  conditions; the hit carries its entry's category, severity and suggestion and the exact
  original span. A span and category that a mixed hit shares with hits of other entries is
  reported once (``engine._one_hit_a_span``).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from itertools import product
from typing import Any, NamedTuple

import ahocorasick

from app.compliance.normalize import Stream

MAX_SPELLINGS = 8
MAX_KEY_CHARS = 4
_LETTERS = re.compile("[a-z]+")
_SYLLABLE = re.compile("[a-z]*[aeiouv][a-z]*")


class Index(NamedTuple):
    """The mixed-spelling automaton: spelling → (its length, its options), and the key length
    (characters) of the longest key."""

    automaton: Any
    longest: int


Option = tuple[str, tuple[Any, ...]]  # (key characters, the key's patterns)


def _toneless_table(spelled: str) -> dict[int, str]:
    """A str.translate table dropping the tone marks of every letter in spelled (ü → v)."""
    table: dict[int, str] = {}
    for char in set(spelled):
        if char.isascii():
            continue
        decomposed = unicodedata.normalize("NFD", char).replace("u\u0308", "v")
        table[ord(char)] = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return table


@cache
def readings() -> dict[str, tuple[str, ...]]:
    """Every Chinese character's toneless readings, most common first (pypinyin's order)."""
    from pypinyin.pinyin_dict import pinyin_dict  # large: loaded on first use only

    codes = list(pinyin_dict)
    spelled = "\n".join(pinyin_dict[code] for code in codes)
    lines = spelled.translate(_toneless_table(spelled)).lower().split("\n")
    forms: dict[str, tuple[str, ...]] = {}  # one reading → its forms (lv → lv, lu)
    table: dict[str, tuple[str, ...]] = {}
    for code, line in zip(codes, lines, strict=True):
        found: list[str] = []
        for reading in line.split(","):
            if reading not in forms:
                both = dict.fromkeys((reading, reading.replace("v", "u")))
                forms[reading] = tuple(form for form in both if _SYLLABLE.fullmatch(form))
            found += (form for form in forms[reading] if form not in found)
        if found:
            table[chr(code)] = tuple(found)
    return table


def initialize() -> float:
    """Load the reading table now (once per process); return the seconds spent."""
    started = time.perf_counter()
    _syllables()
    _text_readings()
    return time.perf_counter() - started


@cache
def first_readings() -> dict[str, str]:
    """Every Chinese character's most common toneless reading."""
    return {char: spelled[0] for char, spelled in readings().items()}


# A digit of a text's stream is read as the Chinese numeral it stands for.
DIGIT_NUMERALS = dict(zip("0123456789", "零一二三四五六七八九", strict=True))


@cache
def _text_readings() -> dict[str, str]:
    """How a text's characters are read: each Chinese character by its first reading, each digit
    as its numeral (``DIGIT_NUMERALS``)."""
    table = dict(first_readings())
    table.update((digit, table[numeral]) for digit, numeral in DIGIT_NUMERALS.items())
    return table


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


def spellings(chars: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """The spellings of a key (see the module docstring); empty when it cannot take part."""
    try:
        options = [table[char] for char in chars]
    except KeyError:  # a character without a reading
        return []
    first = [spelled[0] for spelled in options]
    count = 1
    for spelled in options:
        count *= len(spelled)
    if count == 1:  # the common case
        return ["".join(first)]
    choices: Iterable[Sequence[str]]
    if count <= MAX_SPELLINGS:
        choices = product(*options)
    else:
        choices = [first] + [
            [*first[:i], other, *first[i + 1 :]]
            for i, spelled in enumerate(options)
            for other in spelled[1:]
        ]
    return list(dict.fromkeys(map("".join, choices)))


@lru_cache(maxsize=8192)
def _all_bounds(chars: str, spelling: str) -> tuple[tuple[int, ...], ...]:
    """Every way of reading spelling as chars (a key and one of its spellings)."""
    return tuple(_bounds(chars, spelling, readings()))


def _bounds(
    chars: str, spelling: str, table: dict[str, tuple[str, ...]]
) -> Iterator[tuple[int, ...]]:
    """Every way of reading spelling as chars, one reading each: the syllable boundaries."""
    if not chars:
        if not spelling:
            yield (0,)
        return
    for reading in table[chars[0]]:
        if spelling.startswith(reading):
            for rest in _bounds(chars[1:], spelling[len(reading) :], table):
                yield (0, *(len(reading) + offset for offset in rest))


@cache
def _upper_readings() -> dict[int, str]:
    """A str.translate table: each character with a reading → its first reading, upper case (so
    that a key's own Latin letters stay lower case and tell themselves apart)."""
    return {ord(char): spelled[0].upper() for char, spelled in readings().items()}


@cache
def _heteronyms() -> frozenset[str]:
    return frozenset(char for char, spelled in readings().items() if len(spelled) > 1)


def _first_spellings(keys: list[str]) -> list[str]:
    """Each key's spelling in first readings, or "" when a character has no reading (one
    translation of all keys: the 64k list has some 20,000 short keys)."""
    if not keys:
        return []
    spelled = "\n".join(keys).translate(_upper_readings()).split("\n")
    return [
        line.lower() if line.isascii() and line.isalpha() and line.isupper() else ""
        for line in spelled
    ]


def build_index(groups: dict[str, list[Any]]) -> Index | None:
    """Index the mixed spellings of every key that takes part (2 to ``MAX_KEY_CHARS``
    characters, patterns without run lengths)."""
    table, heteronyms = readings(), _heteronyms()
    keys = [chars for chars in groups if 2 <= len(chars) <= MAX_KEY_CHARS]
    found: dict[str, list[Option]] = {}
    longest = 0
    for chars, first in zip(keys, _first_spellings(keys), strict=True):
        if not first:
            continue
        patterns = groups[chars]
        if len(patterns) == 1:  # the common case
            kept = tuple(patterns) if patterns[0].runs is None else ()
        else:
            kept = tuple(pattern for pattern in patterns if pattern.runs is None)
        if not kept:
            continue
        longest = max(longest, len(chars))
        option = (chars, kept)
        spelled = [first] if heteronyms.isdisjoint(chars) else spellings(chars, table)
        for spelling in spelled:
            options = found.get(spelling)
            if options is None:
                found[spelling] = [option]
            else:
                options.append(option)
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
    clean: bool  # every word of its run of Latin letters reads as pinyin (session 21)
    english: bool  # the word is one of ENGLISH_WORDS
    proper: bool  # capitalised as a name in the original text: Zhu, Xiao (not ZHU, not Z)


# Session 21 (h220): a span written wholly in Latin letters (``lian jie``, ``jiang xue tang``) is
# an occurrence only when the text holds a Chinese character, the span is at least two words or
# one word of at least ``MIN_ONE_WORD_SYLLABLES`` syllables (``jiangxuetang``; a two-syllable word
# is too often English or a name: women, china, change, Lining, Fendi, Taobao — the lists hold
# Latin entries such as ``zuihao`` and ``diyi`` for those), every word of its run of Latin letters
# (the letters between two other characters, separators skipped) reads as pinyin (``Long Men
# collection``, ``Hang Ten`` are English), not every word of it is a common English word that
# reads as pinyin (``ENGLISH_WORDS``), and not every word of it is capitalised as a name: pinyin
# names are written so (``摄影：Xiao Yan`` is no 消炎, ``设计师 Zhu Ye`` no 主页), evasions in
# lower case or capitals (``xiao yan``, ``XIAO YAN``, ``Xiao yan`` at a sentence start).
MIN_ONE_WORD_SYLLABLES = 3
ENGLISH_WORDS = frozenset(
    """a an ban bang bin can dang die e fan gang gen gun ha hang he hen lie long ma man me men
    mine name nine o one pa pan pen pie pin ping ran run same she song sun tan tang tie you zen
    ding dong made side line dune tune june take make lake cake sake tide ride women china
    change panda tango guide shine game came dame lame fame""".split()
)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def occurrences(
    compiled: Callable[[], Index | None], stream: Stream
) -> Iterator[tuple[int, int, tuple[Any, ...]]]:
    """(collapsed start, end, patterns) of every mixed occurrence in a text's stream; compiled()
    gives the index, asked for only when the text holds a Latin word that reads as pinyin."""
    words = _pinyin_words(stream)
    index = compiled() if words else None
    if index is None:
        return
    owner: dict[int, _Word] = {}  # collapsed position of a letter → its word
    for word in words:
        owner.update(dict.fromkeys(range(word.start, word.end), word))
    latin = _HAN.search(stream.collapsed) is not None  # all-Latin spans may occur
    for first, last in _windows(stream.collapsed, words, index.longest):
        yield from _window_occurrences(index, stream, owner, first, last, latin)


def _pinyin_words(stream: Stream) -> list[_Word]:
    """The collapsed spans of the Latin words that read as pinyin. A word is a run of letters of
    the mapped text, so it lies inside one run of letters of the (shorter) collapsed stream: the
    whole text is scanned there, each letter run with a vowel then split into words."""
    runs = _vowelled_runs(stream.collapsed)
    if not runs:
        return []
    words: list[_Word] = []
    marked = stream.marked
    for (run_start, run_end), (first, last) in zip(
        runs, stream.original_spans([(*span, None) for span in runs]), strict=True
    ):
        if last - first == run_end - run_start:  # no separator inside: the common case
            found = [
                (match.group(), *match.span()) for match in _LETTERS.finditer(marked, first, last)
            ]
        else:
            found = _spelled_out(
                [(m.group(), *m.span()) for m in _LETTERS.finditer(marked, first, last)]
            )
        pinyin = [is_pinyin(letters) for letters, _, _ in found]
        clean = all(pinyin)
        for (letters, start, end), reads in zip(found, pinyin, strict=True):
            if reads:
                written = stream.text[start:end]
                words.append(
                    _Word(
                        stream.collapsed_index(start),
                        stream.collapsed_index(end - 1) + 1,
                        clean,
                        letters in ENGLISH_WORDS,
                        written[:1].isupper() and written[1:].islower(),
                    )
                )
    return words


def _spelled_out(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The letter words of one collapsed run, with every series of two or more one-letter words
    (only separators between them: the run holds nothing else) joined into one word when it
    reads as pinyin (``z u i`` → ``zui``); a series that does not keeps its letters apart."""
    words: list[tuple[str, int, int]] = []
    series: list[tuple[str, int, int]] = []
    for word in [*found, ("", 0, 0)]:  # the empty word ends the last series
        if len(word[0]) == 1:
            series.append(word)
            continue
        if len(series) > 1 and is_pinyin(letters := "".join(w[0] for w in series)):
            words.append((letters, series[0][1], series[-1][2]))
        else:
            words += series
        series = []
        if word[0]:
            words.append(word)
    return words


def _vowelled_runs(collapsed: str) -> list[tuple[int, int]]:
    """The runs of Latin letters in collapsed that hold a vowel, found from the vowels by
    str.find (a regular expression spends some 20 ns on every character of a text that holds
    only a few Latin words)."""
    runs: dict[int, int] = {}
    for vowel in "aeiouv":
        pos = collapsed.find(vowel)
        while pos >= 0:
            start = end = pos
            while start > 0 and "a" <= collapsed[start - 1] <= "z":
                start -= 1
            while end < len(collapsed) and "a" <= collapsed[end] <= "z":
                end += 1
            runs[start] = end
            pos = collapsed.find(vowel, end)
    return sorted(runs.items())


def _windows(collapsed: str, words: list[_Word], longest: int) -> list[tuple[int, int]]:
    """Merged collapsed spans around each pinyin word, reaching up to longest - 1 Chinese
    characters (and any Latin letters) on each side, never past another character."""
    table = _text_readings()
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
    index: Index, stream: Stream, owner: dict[int, _Word], first: int, last: int, all_latin: bool
) -> Iterator[tuple[int, int, tuple[Any, ...]]]:
    """The mixed occurrences inside collapsed[first:last], and the all-Latin ones when latin (the
    text holds a Chinese character: ``all_latin``)."""
    table = _text_readings()
    collapsed = stream.collapsed
    pieces: list[str] = []
    offsets = [0]  # offsets[i]: where position first + i starts in the window's reading
    latin = [0]  # latin[i]: Latin letters before position first + i
    for pos in range(first, last):
        char = collapsed[pos]
        piece = table.get(char)
        latin.append(latin[-1] + (piece is None))
        piece = piece or char * stream.run_length(pos)
        pieces.append(piece)
        offsets.append(offsets[-1] + len(piece))
    at = {offset: i for i, offset in enumerate(offsets)}
    reading = "".join(pieces)
    for end_offset, (length, options) in index.automaton.iter(reading):
        i = at.get(end_offset + 1 - length)
        j = at.get(end_offset + 1)
        # not inside a Chinese character's syllable; some Latin letter
        if i is None or j is None or latin[j] == latin[i]:
            continue
        start, end = first + i, first + j
        single, words = False, None  # an all-Latin span: its words, one word or more
        if latin[j] - latin[i] == j - i:  # all Latin (session 21)
            words = _latin_words(owner, start, end) if all_latin else None
            if words is None:
                continue
            single = len(words) == 1
        spelling = reading[offsets[i] : offsets[j]]
        for chars, patterns in options:
            if words is not None and (
                (single and len(chars) < MIN_ONE_WORD_SYLLABLES)
                or spelling not in _plain_spellings(chars)
            ):
                continue
            if any(
                _fits(chars, bounds, collapsed, owner, start, end, offsets, first, table)
                for bounds in _all_bounds(chars, spelling)
            ):
                yield start, end, patterns


@lru_cache(maxsize=8192)
def _plain_spellings(chars: str) -> frozenset[str]:
    """The spellings of a key that an all-Latin span may use: its characters' first readings,
    and pypinyin's reading of it as a phrase (银行 yinhang, 重庆 chongqing), ü as v or u. Not
    every combination of rare readings: 尾款 (wei|yi, kuan|xin) is no ``wei xin``."""
    from pypinyin import lazy_pinyin  # loaded with pinyin_dict (readings) already

    first = "".join(first_readings()[char] for char in chars)
    phrase = "".join(lazy_pinyin(chars)).lower()
    return frozenset((first, phrase, phrase.replace("v", "u")))


def _latin_words(owner: dict[int, _Word], start: int, end: int) -> list[_Word] | None:
    """The words of an all-Latin span [start, end) when it may occur (see ``ENGLISH_WORDS``):
    every letter in a pinyin word, every word's run clean, not every word English, not every
    word capitalised as a name; else None.
    (``_fits`` sees to the words lying wholly inside the span, on syllable boundaries.)"""
    words: list[_Word] = []
    for pos in range(start, end):
        word = owner.get(pos)
        if word is None or not word.clean:
            return None
        if not words or words[-1] is not word:
            words.append(word)
    if all(word.english for word in words) or all(word.proper for word in words):
        return None
    return words


def _fits(
    chars: str,
    bounds: tuple[int, ...],
    collapsed: str,
    owner: dict[int, _Word],
    start: int,
    end: int,
    offsets: list[int],
    first: int,
    table: dict[str, str],
) -> bool:
    """Tell whether the span [start, end), which spells chars with the syllable bounds and
    holds Chinese and Latin (the caller saw to that), is a mixed occurrence: the key's own
    characters, whole words on syllable boundaries."""
    base = offsets[start - first]
    for pos in range(start, end):
        offset = offsets[pos - first] - base
        char = collapsed[pos]
        if char in table:
            if offset not in bounds:
                return False
            syllable = bounds.index(offset)
            own = DIGIT_NUMERALS.get(char, char)  # a digit counts as its numeral
            if chars[syllable] != own or bounds[syllable + 1] != offset + len(table[char]):
                return False
            continue
        word = owner.get(pos)
        if word is None or word.start < start or word.end > end:
            return False
        if pos == word.start:
            word_end = offsets[word.end - first] - base
            if offset not in bounds or word_end not in bounds:
                return False
    return True
