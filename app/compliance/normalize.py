"""Character mapping, separators and the run-collapsed match stream that the engine scans.

Semantics (terms, allowed contexts, allow-list strings and checked text all go through them):

* **Mapping.** Each code point ``c`` is first folded to ``f``: its decimal digit when it has one
  (``①``, ``⑴``, ``⒈``, ``❶``, ``➀`` → ``1``); the lower-case letter of a circled, parenthesized
  or squared Latin letter (``Ⓝ``, ``⒩``, ``🅝``, ``🅽`` → ``n``); the Latin letter of a letter
  drawn like it (``LOOKALIKES``, looked up by ``NFKC(c)``: Greek ``Ο``, ``ο``, Cyrillic ``О``,
  ``о`` and the small capital ``ᴏ`` → ``o``, Cyrillic ``В`` → ``b`` but ``в`` itself); otherwise
  ``casefold(NFKC(c))``, and when that is longer than one code point, the same without its P*,
  S* and Z* characters (``㈠`` → ``一``); a Latin letter with diacritics (Latin-1 to Latin
  Extended-B and Latin Extended Additional) loses them (pinyin tone marks: ``zuì`` → ``zui``,
  ``ǚ`` → ``u``).
  Then ``m(c) = v(t2s(f))`` when ``f`` and ``t2s(f)`` are one code point each, otherwise ``c``
  itself. ``t2s`` is OpenCC's character table (``TSCharacters.txt``, first candidate) applied to
  single characters only; ``v`` maps a variant form (异体字) of a character of the listed terms to
  the standard simplified character (``VARIANTS``: ``㝡``, ``冣`` → ``最``, ``対`` → ``对``) and
  leaves every other character as it is. The mapped text has the length of the original, so
  every index stays an index into the original.
* **Separators.** A code point is a separator when its *mapped* form is in Unicode category P*,
  S*, Z*, Cc, Cf, Cs (lone surrogates), Co or Cn, or is a variation selector, the zero-width
  joiner, the combining keycap or an emoji skin-tone modifier (most emoji are So). Separators
  are dropped: ``最*好``, ``最 好``, ``最😀好`` and ``最\\u200b好`` all read as ``最好``;
  ``100%`` reads as ``100``. Circled letters such as ``Ⓐ`` map to ``a`` first, so are letters.
* **Sentence boundaries.** A code point whose mapped form ends a sentence (``SENTENCE_ENDS``:
  。！？；…⋯ in any width, and every line break) is a separator in terms, contexts and allow-list
  strings, but in a checked text it becomes ``BOUNDARY``, a stream character that no key holds:
  separator skipping never bridges the end of one sentence and the start of the next
  (``好。好`` neither collapses nor matches ``好好``).
* **Clause breaks** (session 18). A comma or an enumeration comma (``CLAUSE_BREAKS``: ``,`` and
  ``、`` in any width) stays a separator everywhere (``最，好`` still reads ``最好``); only the
  ``negated`` and ``followed`` conditions ask where they are (``Stream.clause_breaks``; the engine
  asks ``Stream.clause_break_between``, which looks only between two spans): a negation does not
  reach over one (``没有副作用，还能治疗``).
* **Emoji that stand for a word** (session 17). An emoji of ``EMOJI_WORDS`` (``销量🥇``,
  ``好评返🧧``, ``5⭐``) is a separator like any other unless it *reads*: its neighbours are the
  nearest characters on each side that are neither a table emoji nor an emoji modifier
  (variation selectors, skin tones); a ``⭐``/``🌟`` reads when its left neighbour maps to a
  numeral (``0``–``9``, ``一``–``十``, ``两``), ``🔝`` when its right neighbour maps to a stream
  character (not a separator, not a sentence end: ``🔝品质``, not ``好物🔝``), every other
  table emoji when either neighbour does. A decorative emoji with no word on either side (before
  a space, alone on a line, between punctuation: ``🥇 最佳创意奖``, ``！🔗。``) stays a
  separator. A reading emoji stands in the stream for its word's characters, each remembering
  the emoji's original index: a hit through it spans the emoji itself (``销量🥇`` reads
  ``销量第一``, the hit is ``销量🥇``).
  Only checked texts read emoji; terms, contexts and allow-list strings drop them as before. The
  engine scans a text in which some emoji reads a second time with ``Stream(text, emoji=False)``
  (every emoji a separator, as before) and keeps the hits of both readings.
* **Symbols that stand for characters** (session 19). A checked text's symbols of
  ``SYMBOL_WORDS`` read as their words wherever they stand, through the same machinery as the
  emoji (and the same second scan without them): the enclosed numbers from 10 on (``⑩``,
  ``⑽``, ``⒑``, ``⓫``, ``❿``, ``➉``, ``➓`` … ``⑳`` → their number; ``①`` … ``⑨``, ``❶`` are
  single digits of the mapping above), the Roman numerals ``Ⅰ``–``Ⅻ`` and ``ⅰ``–``ⅻ`` → 1–12
  (NFKC makes them the letters ``i``, ``ii`` …, which the second scan keeps), ``№`` → ``no``
  (``№1`` is ``NO.1``) and the keycap ten ``🔟`` → 10. Keycap digits need nothing: the keycap
  mark and the emoji selector are separators, so ``3⃣️`` and ``3️⃣`` read ``3``.
* **Stream.** The mapped characters that are not separators, each remembering its original index.
* **Collapsing.** Every run of one repeated character in the stream becomes one character of the
  *collapsed stream*; its run length is remembered. A term is collapsed the same way into a *key*
  (``最最好`` → ``最好``) and keeps its own run lengths (``妈妈`` → key ``妈``, runs ``(2,)``).
* **Occurrence.** A key occurs at collapsed position ``p`` when the collapsed stream holds the key
  there and every run of the text is at least as long as the matching run of the term. So
  ``最最好`` contains ``最好``, ``妈妈妈`` contains ``妈妈``, but ``妈`` does not contain ``妈妈``.
  An occurrence always covers whole runs: in ``最最好`` the hit for ``最好`` spans all three
  characters. Its original span runs from the original index of its first stream character to
  the original index of its last stream character plus one.
"""

from __future__ import annotations

import re
import time
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from itertools import accumulate
from typing import NamedTuple

SENTINEL = "\x00"  # stands for every separator in the stream table; itself a separator (Cc)
BOUNDARY = "\x01"  # stands for a sentence end in a text's stream; "\x01" itself is a separator
# Mapped forms (NFKC folds ！？； to ASCII, ｡ and ︒ to 。) that end a sentence: 。!?; … ⋯ and the
# line breaks of str.splitlines.
SENTENCE_ENDS = frozenset("。!?;…⋯\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Mapped forms that end a clause but not a sentence, and every code point that maps to one (a test
# checks the two against map_char over all code points).
CLAUSE_BREAKS = frozenset(",、")
CLAUSE_CHARS = re.compile("[,\uff0c\ufe50\ufe10\u3001\ufe51\uff64\ufe11]")
_SEPARATOR_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_EXTRA_SEPARATORS = frozenset(
    [0x200D, 0x20E3, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0), *range(0x1F3FB, 0x1F400)]
)
# Emoji that read as a word inside a term (see the module docstring): emoji → (word, where it
# reads: "" next to a stream character on either side, "before" one only, "numeral" right after a
# numeral only). Curated: each stands for a word of terms in the lists (第一, 顶级, 冠军, 100%,
# 链接, 购物车, 红包, 返现, 5星, 药, 评论区, 随机 near 评论区, 恰饭); a word that no term holds
# yet (电话) costs nothing until the lists have one. wordlists/README.md documents the table.
EMOJI_WORDS: dict[str, tuple[str, str]] = {
    "\U0001f947": ("第一", ""),  # 🥇 first place medal: 销量🥇
    "\U0001f51d": ("顶级", "before"),  # 🔝 TOP arrow: 🔝品质
    "\U0001f451": ("冠军", ""),  # 👑 crown: 销量👑
    "\U0001f3c6": ("冠军", ""),  # 🏆 trophy: 销量🏆 (session 19, h197's legal note)
    "\U0001f343": ("叶子", ""),  # 🍃 leaf: drug slang 🍃爱好者 (session 19, h196)
    "\U0001f4af": ("100", ""),  # 💯 hundred points: 💯不起球, 好评率💯
    "\U0001f517": ("链接", ""),  # 🔗 link: 🔗在评论区
    "\U0001f6d2": ("购物车", ""),  # 🛒 shopping cart: 加🛒
    "\U0001f9e7": ("红包", ""),  # 🧧 red envelope: 好评返🧧
    "\U0001f4b0": ("现金", ""),  # 💰 money bag: 返💰
    "\u2b50": ("星", "numeral"),  # ⭐ star: 5⭐好评
    "\U0001f31f": ("星", "numeral"),  # 🌟 glowing star: 五🌟
    "\U0001f4de": ("电话", ""),  # 📞 telephone receiver
    "\u260e": ("电话", ""),  # ☎ black telephone (☎️ with VS16)
    "\U0001f48a": ("药", ""),  # 💊 pill
    "\U0001f4ac": ("评论", ""),  # 💬 speech balloon: 🔗在💬区
    "\U0001f3b2": ("随机", ""),  # 🎲 die: 评论区🎲三位
    "\U0001f35a": ("饭", ""),  # 🍚 cooked rice: 恰🍚
    "\U0001f44d": ("赞", ""),  # 👍 thumbs up: 集👍, 点👍截图 (session 20, h209)
    "\u2764": ("赞", ""),  # ❤ heart (❤️ with VS16): 点❤️满50送 (session 20, h209)
    "\U0001f41f": ("鲤", ""),  # 🐟 fish: 锦🐟 is 锦鲤 (session 20, h209)
    "\u261d": ("一", ""),  # ☝ index pointing up: 第☝️ (session 20, h211)
    "\U0001f414": ("鸡", ""),  # 🐔 chicken: the innuendo 🐔冻, 🐔儿 (session 21, h219)
    "\U0001f305": ("旭日", ""),  # 🌅 sunrise: 🌅旗 is the rising-sun flag (session 21, h219)
    "\U0001f346": ("茄子", ""),  # 🍆 eggplant: the innuendo 看了直接🍆 (session 21, h219)
}
NUMERALS = frozenset("0123456789一二三四五六七八九十两")


def _symbol_words() -> dict[str, str]:
    """Symbols that stand for characters their one-character mapping cannot give (session 19):
    the enclosed numbers from 10 on (⑩, ⑽, ⒑, ⓫, ❿, ➉, ➓ … ⑳: their number), the Roman
    numerals Ⅰ–Ⅻ and ⅰ–ⅻ (1–12, as ① is 1; NFKC makes them the letters i, ii …), № (no, as in
    NO.1) and the keycap ten 🔟 (10)."""
    words: dict[str, str] = {}
    for first, last in ((0x2460, 0x24FF), (0x2776, 0x2793)):
        for code in range(first, last + 1):
            char = chr(code)
            value = unicodedata.numeric(char, None)
            if value is not None and value >= 10 and value == int(value):
                words[char] = str(int(value))
    for first in (0x2160, 0x2170):  # Ⅰ, ⅰ
        for number in range(1, 13):
            words[chr(first + number - 1)] = str(number)
    words["\u2116"] = "no"  # №
    words["\U0001f51f"] = "10"  # 🔟
    return words


# Read in a checked text wherever they stand, through the emoji machinery (the stream holds the
# word's characters, each remembering the symbol's index; the text is also scanned the old way).
SYMBOL_WORDS = _symbol_words()
_SYMBOL_RUN = re.compile(f"[{''.join(SYMBOL_WORDS)}]")
_READ_SET = frozenset(EMOJI_WORDS) | frozenset(SYMBOL_WORDS)
# Emoji modifiers skipped when looking for an emoji's neighbours: variation selectors, skin tones.
_MODIFIERS = "\ufe00-\ufe0f\U0001f3fb-\U0001f3ff"
# A run of table emoji and modifiers holding at least one table emoji (the emoji in a run share
# their neighbours: the characters just outside it).
_EMOJI_RUN = re.compile(
    f"[{_MODIFIERS}]*[{''.join(EMOJI_WORDS)}][{_MODIFIERS}{''.join(EMOJI_WORDS)}]*"
)
_CACHE_LIMIT = 1 << 18  # a text of a million distinct code points must not grow the cache forever
_RUN = re.compile(r"(.)\1+", re.DOTALL)


@cache
def _t2s_table() -> dict[str, str]:
    """Load OpenCC's traditional → simplified character table (first candidate per line)."""
    path = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if len(source) == 1 and targets:
            table[source] = targets.split(" ")[0]
    return table


_ENCLOSED_LETTER = re.compile(
    r".*\b(?:CIRCLED|PARENTHESIZED|SQUARED)\b.* LATIN (?:CAPITAL|SMALL) LETTER ([A-Z])"
)

# Session 21 (h220): Greek, Cyrillic and Armenian letters drawn like a Latin letter (``Νο.1`` with
# a Greek Nu and omicron, ``ТОР`` in Cyrillic, ``vір``), and the Latin small capitals and a few
# other Latin letters drawn so (``ᴛᴏᴘ``, ``vıp``), read as that letter. A small table, written out,
# rather than Unicode's confusables data (TR39 ``confusables.txt``, e.g. through the
# ``confusable-homoglyphs`` package): that data is for comparing whole strings by a many-to-many
# *skeleton* (``m`` ↔ ``rn``, ``0`` ↔ ``O``, ``l`` ↔ ``1``, CJK radicals ↔ ideographs), while this
# mapping must stay one code point to one and must not change digits, Latin letters or Chinese
# characters; only letters that spell Latin terms matter (NO.1, TOP, VIP, OK, pinyin), and the
# few that do are listed here with no new dependency. Keyed by the NFKC form before case folding:
# the capitals В Н М Т К look like B H M T K but their small letters (в н м т к) look like no
# Latin small letter, so they stay as they are. Letters TR39 maps to Latin ones but that look
# different in most fonts (Greek ε, υ, κ, γ; Cyrillic ԁ) are left out. Greek or Russian words only
# become a mix of Latin and their own letters, which spells no term.
LOOKALIKES: dict[str, str] = {
    # Greek capitals Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ, small ο ι ν α ρ, lunate sigma ϲ, yot ϳ
    **dict(zip("\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c", "abezhikm", strict=True)),
    **dict(zip("\u039d\u039f\u03a1\u03a4\u03a5\u03a7", "noptyx", strict=True)),
    **dict(zip("\u03bf\u03b9\u03bd\u03b1\u03c1\u03f2\u03f3", "oivapcj", strict=True)),
    # Cyrillic capitals А В Е К М Н О Р С Т У Х Ѕ І Ј Ԛ Ԝ Һ Ӏ Ү
    **dict(zip("\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420", "abekmhop", strict=True)),
    **dict(zip("\u0421\u0422\u0423\u0425\u0405\u0406\u0408", "ctyxsij", strict=True)),
    **dict(zip("\u051a\u051c\u04ba\u04c0\u04ae", "qwhly", strict=True)),
    # Cyrillic small а е о р с у х ѕ і ј ԛ ԝ һ ӏ
    **dict(zip("\u0430\u0435\u043e\u0440\u0441\u0443\u0445", "aeopcyx", strict=True)),
    **dict(zip("\u0455\u0456\u0458\u051b\u051d\u04bb\u04cf", "sijqwhl", strict=True)),
    # Latin small capitals of "fancy text" (ᴛᴏᴘ, ɴᴏ.1; NFKC keeps them): ᴀ ʙ ᴄ ᴅ ᴇ ꜰ ɢ ʜ ɪ ᴊ ᴋ ʟ ᴍ ɴ
    # ᴏ ᴘ ꞯ ʀ ꜱ ᴛ ᴜ ᴠ ᴡ ʏ ᴢ (there is no small capital X)
    **dict(zip("\u1d00\u0299\u1d04\u1d05\u1d07\ua730\u0262\u029c\u026a", "abcdefghi", strict=True)),
    **dict(zip("\u1d0a\u1d0b\u029f\u1d0d\u0274\u1d0f\u1d18\ua7af\u0280", "jklmnopqr", strict=True)),
    **dict(zip("\ua731\u1d1b\u1d1c\u1d20\u1d21\u028f\u1d22", "stuvwyz", strict=True)),
    # Latin dotless ı, alpha ɑ, script ɡ; Armenian օ ս հ
    **dict(zip("\u0131\u0251\u0261\u0585\u057d\u0570", "iagouh", strict=True)),
}

# Session 21 (h220): variant forms (异体字) of the characters of the terms that matter read as the
# standard simplified character. OpenCC's own variant dictionaries were checked and not used
# whole: JPVariants.txt (Japanese shinjitai) holds forms that are ordinary, different Chinese
# characters (沪 for 滬, 予 for 豫, 欠 for 缺, 芸 for 藝, 醋 for 酢, 缶 for 罐), and
# TWVariants/HKVariants map common simplified characters (著, 抬, 么). So a small table, written
# out: (1) old and rare variant forms that dictionaries give under the standard character (each
# has its reading in pypinyin but 冣, ju there) of 最 第 一 微 信 治 国 全 网; (2) the shinjitai
# of JPVariants.txt (forms no Chinese text uses but as the one-character entry of jieba's
# dictionary) whose standard character is in terms of the lists: 対 奨 発 転 関 効 価 薬 …
# Mapped after t2s, in map_char, so cached per code point like any character. Not mapped:
# characters that are words of their own (惟 of 思惟, 笫 of 床笫, 弟) and the capital numeral 壹
# (a numeral in its own right; entries spell it, as top壹 does; its shinjitai 壱 reads 壹).
VARIANTS: dict[str, str] = {
    **dict.fromkeys("\u3761\u51a3", "最"),  # 㝡 冣
    "\u82d0": "第",  # 苐
    "\u5f0c": "一",  # 弌
    "\u58f1": "壹",  # 壱 (the shinjitai of 壹)
    "\u38f2": "微",  # 㣲
    **dict.fromkeys("\u4f29\u3430", "信"),  # 伩 㐰
    "\u4e7f": "治",  # 乿
    **dict.fromkeys("\u5700\u56fb\u56f6\u56ef", "国"),  # 圀 囻 囶 囯
    "\u34b0": "全",  # 㒰
    **dict.fromkeys("\u42c4\u7f52\u7f53", "网"),  # 䋄 罒 罓
}
# The shinjitai of OpenCC JPVariants.txt kept above (see VARIANTS), each with its standard
# simplified character: 対 → 对.
_SHINJITAI = (
    "対对 奨奖 発发 転转 関关 効效 価价 薬药 単单 広广 気气 団团 図图 実实 満满 収收 "
    "専专 帯带 捜搜 銭钱 賛赞 痩瘦 恵惠 験验 霊灵 売卖 総总 経经 読读 覚觉 観观 顕显 "
    "騒骚 駆驱 脳脑 臓脏 舗铺 弾弹 圏圈 囲围 揺摇 撃击 歓欢 権权 営营 楽乐 焼烧 浄净 "
    "齢龄 竜龙 黒黑 変变 処处 挙举 続续 縁缘 縦纵 歩步 歳岁 帰归 毎每 戦战 "
)
VARIANTS.update((pair[0], pair[1]) for pair in _SHINJITAI.split())


def _fold(char: str) -> str:
    """The one-code-point fold of char before t2s, or char itself (see the module docstring)."""
    digit = unicodedata.digit(char, None)
    if digit is not None:  # 1, １, ①, ⑴, ⒈, ❶, ➀, ²
        return str(digit)
    letter = _ENCLOSED_LETTER.fullmatch(unicodedata.name(char, ""))
    if letter:  # Ⓝ, ⒩, 🄽, 🅝, 🅽
        return letter.group(1).lower()
    normal = unicodedata.normalize("NFKC", char)
    lookalike = LOOKALIKES.get(normal)
    if lookalike is not None:  # Greek Ο, Cyrillic о → o (session 21)
        return lookalike
    folded = normal.casefold()
    if len(folded) != 1:  # ⑴ → (1), ㈠ → (一): keep what is left without the brackets
        folded = "".join(c for c in folded if unicodedata.category(c)[0] not in "PSZ")
    if len(folded) == 1 and ("\u00c0" <= folded <= "\u024f" or "\u1e00" <= folded <= "\u1eff"):
        base = unicodedata.normalize("NFD", folded)  # pinyin tone marks: zuì → zui, dì yī → di yi
        if base[0].isascii() and all(unicodedata.category(c) == "Mn" for c in base[1:]):
            return base[0]
    return folded if len(folded) == 1 else char


def map_char(char: str) -> str:
    """Map one code point to its width-, case- and script-folded form (itself if not 1:1)."""
    folded = _fold(char)
    simplified = _t2s_table().get(folded, folded)
    if len(simplified) != 1:
        return char
    return VARIANTS.get(simplified, simplified)  # 㝡 → 最, 対 → 对 (session 21)


def is_separator(mapped: str) -> bool:
    """Tell whether a mapped code point is skipped in the match stream."""
    if ord(mapped) in _EXTRA_SEPARATORS:
        return True
    category = unicodedata.category(mapped)
    return category[0] in "PSZ" or category in _SEPARATOR_CATEGORIES


def _stream_char(char: str) -> str:
    """Return the mapped char, BOUNDARY when it ends a sentence, SENTINEL for other separators."""
    mapped = map_char(char)
    if mapped in SENTENCE_ENDS:
        return BOUNDARY
    return SENTINEL if is_separator(mapped) else mapped


class _LazyTable(dict[int, str]):
    """A str.translate table filled on first sight of each code point (dict reads are atomic)."""

    __slots__ = ("_compute",)

    def __init__(self, compute: Callable[[str], str]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, code_point: int) -> str:
        value = self._compute(chr(code_point))
        if len(self) < _CACHE_LIMIT:
            self[code_point] = value
        return value


MAP_TABLE = _LazyTable(map_char)
STREAM_TABLE = _LazyTable(_stream_char)


class _CharTable(dict[str, str]):
    """The stream character of one code point given as a str, filled on first sight."""

    __slots__ = ()

    def __missing__(self, char: str) -> str:
        value = STREAM_TABLE[ord(char)]
        if len(self) < _CACHE_LIMIT:
            self[char] = value
        return value


_STREAM_CHARS = _CharTable()
# The separators most frequent in Chinese copy, replaced one str.replace each (a C scan that
# skips ahead with memchr) before the rest of the text is looked at. Session 20: only those that
# pay for their scan — each str.replace reads the whole text even when the character is absent,
# while one found by the regular expression costs a lookup; these ten (and BOUNDARY) gave the
# fewest instructions on both the 2,370 real tuning texts (45 k → 25 k a text, from 44
# characters) and the 5,000-character bench copy (836 k → 648 k). The mapping is the same: every
# other character is looked up in the same table (``_STREAM_CHARS``).
_FREQUENT = "，。：\n！、； ～%"


class _Marking(NamedTuple):
    """What mark_separators needs, computed once per process (``initialize``)."""

    frequent: tuple[tuple[str, str], ...]  # (separator, its stream character)
    changing: re.Pattern[str]  # one character that is not known to be its own stream character


@cache
def _marking() -> _Marking:
    """The frequent separators and a pattern of every character that may not stay itself: all
    but the ASCII digits and small letters, the CJK ideographs U+4E00–U+9FFF that stay
    themselves (not the traditional ones), SENTINEL and BOUNDARY (computed like any character,
    from STREAM_TABLE: some 60 ms)."""
    kept = [
        code_point
        for first, last in ((0x30, 0x39), (0x61, 0x7A), (0x4E00, 0x9FFF))
        for code_point in range(first, last + 1)
        if STREAM_TABLE[code_point] == chr(code_point)
    ]
    ranges: list[list[int]] = []
    for code_point in kept:
        if ranges and ranges[-1][1] == code_point - 1:
            ranges[-1][1] = code_point
        else:
            ranges.append([code_point, code_point])
    members = "".join(
        chr(first) if first == last else f"{chr(first)}-{chr(last)}" for first, last in ranges
    )
    changing = re.compile(f"([^{SENTINEL}{BOUNDARY}{members}])")
    frequent = tuple((char, STREAM_TABLE[ord(char)]) for char in BOUNDARY + _FREQUENT)
    assert frequent[0] == (BOUNDARY, SENTINEL)  # an original BOUNDARY is a separator
    return _Marking(frequent, changing)


def initialize() -> float:
    """Compute what mark_separators needs now (once per process); return the seconds spent."""
    started = time.perf_counter()
    _marking()
    return time.perf_counter() - started


def mark_separators(text: str) -> str:
    """Map text, sentence ends to BOUNDARY and other separators to SENTINEL (same length).

    Issue 18: ``str.translate`` spends some 40 ns on every character of a Chinese text (a table
    lookup by an int object each). Here the frequent separators go first, one ``str.replace``
    each (BOUNDARY of the original text first: it is a separator, so becomes SENTINEL, and the
    BOUNDARY the sentence ends become must not be taken for it); then one regular expression
    splits the text at every character that is not known to stay itself (after those replaces,
    a few in most copy) and each is looked up on its own.
    """
    return _mark(text)[0]


def _mark(text: str) -> tuple[str, bool]:
    """mark_separators(text), and whether text holds an emoji of EMOJI_WORDS or a symbol of
    SYMBOL_WORDS (each is one of the characters looked up on their own: a set test of those few,
    not a scan of the text)."""
    frequent, changing = _marking()
    for char, mark in frequent:
        text = text.replace(char, mark)
    parts = changing.split(text)
    if len(parts) == 1:
        return text, False
    looked_up = parts[1::2]
    parts[1::2] = map(_STREAM_CHARS.__getitem__, looked_up)
    return "".join(parts), not _READ_SET.isdisjoint(looked_up)


def map_text(text: str) -> str:
    """Map every code point of text (same length, separators kept)."""
    return text.translate(MAP_TABLE)


class Key(NamedTuple):
    """A normalised term: collapsed characters plus run lengths (None when all runs are 1)."""

    chars: str
    runs: tuple[int, ...] | None


def _collapse(stream: str, repeats: list[tuple[int, int]]) -> str:
    """Collapse the runs [start, end) of one repeated character in stream to one character each."""
    if not repeats:
        return stream
    parts, previous = [], 0
    for start, end in repeats:
        parts.append(stream[previous : start + 1])
        previous = end
    parts.append(stream[previous:])
    return "".join(parts)


_ZERO_UNIT = bytes(2)


def _runs(stream: str) -> list[tuple[int, int]]:
    """The spans of ``_RUN.finditer(stream)`` (maximal runs of one repeated character), found in
    C: the text's UTF-16 code units XOR the same shifted by one unit is a zero unit exactly where
    a character equals the next, and bytes.find jumps from one zero unit to the next (a text has
    few runs; the regex spends some 20 ns on every character). Texts beyond the BMP (surrogate
    pairs) take the regex."""
    raw = stream.encode("utf-16-le", "surrogatepass")
    size = len(raw) - 2
    if size != 2 * len(stream) - 2:
        return [match.span() for match in _RUN.finditer(stream)]
    if size <= 0:
        return []
    units = int.from_bytes(raw, "little")  # one conversion, the shift is cheap
    diff = (units ^ (units >> 16)).to_bytes(size + 2, "little")[:size]
    spans: list[tuple[int, int]] = []
    find = diff.find
    pos = find(_ZERO_UNIT)
    while pos >= 0:
        if pos % 2:  # two zero bytes across two code units: not an equal pair
            pos = find(_ZERO_UNIT, pos + 1)
            continue
        index = pos // 2  # stream[index] == stream[index + 1]
        if spans and spans[-1][1] == index + 1:
            spans[-1] = (spans[-1][0], index + 2)
        else:
            spans.append((index, index + 2))
        pos = find(_ZERO_UNIT, pos + 2)
    return spans


def normalise_key(term: str) -> Key:
    """Normalise a term, context or allow-list string into a key (may be empty)."""
    return _key(term.translate(STREAM_TABLE).replace(SENTINEL, "").replace(BOUNDARY, ""))


def _key(stream: str) -> Key:
    """The key of a term's stream (mapped, separators dropped)."""
    if _RUN.search(stream) is None:  # the common case, and cheaper than finditer
        return Key(stream, None)
    repeats = [match.span() for match in _RUN.finditer(stream)]
    chars = _collapse(stream, repeats)
    runs = [1] * len(chars)
    shift = 0
    for start, end in repeats:
        length = end - start
        runs[start - shift] = length
        shift += length - 1
    return Key(chars, tuple(runs))


def normalise_keys(texts: Sequence[str]) -> list[Key]:
    """``normalise_key`` of each text, mapping them all in one translation (a 64k list)."""
    parts = mark_separators("\n".join(texts)).replace(SENTINEL, "").split(BOUNDARY)
    if len(parts) != len(texts):  # some text holds a sentence end of its own
        return [normalise_key(text) for text in texts]
    return list(map(_key, parts))


def emoji_words(text: str, marked: str) -> dict[int, str]:
    """Original index → word of every table emoji of text that reads as its word (marked is
    ``mark_separators(text)``)."""
    words: dict[int, str] = {}
    last = len(text) - 1
    for run in _EMOJI_RUN.finditer(text):
        start, end = run.span()
        left = marked[start - 1] if start else SENTINEL
        right = marked[end] if end <= last else SENTINEL
        before = left not in (SENTINEL, BOUNDARY)  # a stream character before the run
        after = right not in (SENTINEL, BOUNDARY)  # one after it
        for index in range(start, end):
            reading = EMOJI_WORDS.get(text[index])
            if reading is None:
                continue
            word, where = reading
            if where == "numeral":
                reads = left in NUMERALS
            elif where == "before":
                reads = after
            else:
                reads = before or after
            if reads:
                words[index] = word
    return words


def symbol_words(text: str) -> dict[int, str]:
    """Original index → word of every symbol of SYMBOL_WORDS in text (each reads)."""
    return {found.start(): SYMBOL_WORDS[found.group()] for found in _SYMBOL_RUN.finditer(text)}


def _read_emoji(marked: str, words: dict[int, str]) -> tuple[str, list[int]]:
    """The stream of a marked text whose emoji at words' indexes read as words, and the
    original index of each stream character."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(marked):
        word = words.get(index)
        if word is not None:
            chars.append(word)
            origins += [index] * len(word)
        elif char != SENTINEL:
            chars.append(char)
            origins.append(index)
    return "".join(chars), origins


class Stream:
    """The collapsed match stream of one text, with lazy maps back to original indexes."""

    __slots__ = (
        "collapsed",
        "_marked",
        "_origins",
        "reads_emoji",
        "_rep_pos",
        "_rep_start",
        "_rep_len",
        "_shift",
        "_seg_starts",
        "_original_starts",
        "_run_lengths",
        "text",
    )

    def __init__(self, text: str, *, emoji: bool = True) -> None:
        """The stream of text; with emoji False every emoji is a separator (none reads) and every
        symbol of SYMBOL_WORDS is mapped as any character."""
        self.text = text  # the original (session 21: pinyin asks how a Latin word is cased)
        self._marked, some_emoji = _mark(text)
        # original index of each stream character, only when some emoji reads as a word
        self._origins: list[int] | None = None
        words = None
        if emoji and some_emoji:
            words = emoji_words(text, self._marked)
            words.update(symbol_words(text))
        self.reads_emoji = bool(words)  # some emoji reads as a word
        if words:
            stream, self._origins = _read_emoji(self._marked, words)
        else:
            stream = self._marked.replace(SENTINEL, "")
        repeats = _runs(stream)
        self.collapsed = _collapse(stream, repeats)
        self._seg_starts: list[int] | None = None
        self._original_starts: list[int] | None = None  # original index where each segment starts
        self._run_lengths: dict[int, int] | None = None  # collapsed position → run length > 1
        self._rep_pos: list[int] = []  # collapsed position of each repeated run
        self._rep_start: list[int] = []  # its stream index
        self._rep_len: list[int] = []  # its length
        self._shift: list[int] = []  # stream index minus collapsed index after the run
        shift = 0
        for start, end in repeats:
            self._rep_pos.append(start - shift)
            self._rep_start.append(start)
            self._rep_len.append(end - start)
            shift += end - start - 1
            self._shift.append(shift)

    def fits(self, pos: int, runs: tuple[int, ...] | None) -> bool:
        """Tell whether every text run from pos is at least as long as the key's runs."""
        if runs is None:
            return True
        if not self._rep_pos:
            return False  # runs is only set when some run is longer than one
        lengths = self._lengths()
        for need in runs:  # a plain loop: no generator per test (it runs for every such key)
            if need > 1 and lengths.get(pos, 1) < need:
                return False
            pos += 1
        return True

    @property
    def marked(self) -> str:
        """The mapped text, same length as the original, separators and sentence ends marked."""
        return self._marked

    def run_length(self, pos: int) -> int:
        """The length of the run of one character at collapsed position pos."""
        return self._lengths().get(pos, 1) if self._rep_pos else 1

    def _lengths(self) -> dict[int, int]:
        """Collapsed position → run length, for the runs longer than one."""
        if self._run_lengths is None:
            self._run_lengths = dict(zip(self._rep_pos, self._rep_len, strict=True))
        return self._run_lengths

    def collapsed_index(self, original: int) -> int:
        """The collapsed position of the original index of a stream character (no separator)."""
        if self._origins is not None:  # emoji read as words: the first of its characters
            index = bisect_left(self._origins, original)
        else:
            starts = self._original_starts
            if starts is None:
                segments = self._seg_starts if self._seg_starts is not None else self._segments()
                starts = self._original_starts = [start + k for k, start in enumerate(segments)]
            # segment k starts at original index segments[k] + k: stream indexes are original - k
            k = bisect_right(starts, original) - 1
            index = original - k
        return self._collapsed_of(index)

    def clause_breaks(self, text: str) -> list[int]:
        """For each clause break of text (this stream's text) in order, the collapsed position of
        the first stream character after it (``len(collapsed)`` when none follows; a break inside
        a run of one repeated character gives the run's position). A break lies between two
        collapsed spans when one of these positions p has end of the first ≤ p ≤ start of the
        second. Computed on demand: only a hit with a ``negated`` rule and a trigger before it
        asks."""
        originals = [match.start() for match in CLAUSE_CHARS.finditer(text)]
        if not originals:
            return []
        if self._origins is not None:
            stream_indexes = [bisect_right(self._origins, index) for index in originals]
        else:
            segments = self._seg_starts if self._seg_starts is not None else self._segments()
            starts = self._original_starts
            if starts is None:
                starts = self._original_starts = [start + k for k, start in enumerate(segments)]
            # segment k starts at original index starts[k]: the first stream character after a
            # separator at original index i is the first of segment bisect_right(starts, i)
            last = len(segments) - 1
            stream_indexes = [
                segments[min(bisect_right(starts, index), last)] for index in originals
            ]
        size = len(self.collapsed)
        return [
            self._collapsed_of(index) if index < size + self._dropped() else size
            for index in stream_indexes
        ]

    def clause_break_between(self, text: str, start: int, end: int) -> bool:
        """Tell whether some clause break of text (this stream's text) has its position of
        ``clause_breaks`` between start and end (start ≤ p ≤ end), looking only at the original
        characters between the collapsed characters start - 1 and end (session 20: a long text
        has hundreds of commas, and mapping them all cost more than the rest of its check).

        p is the collapsed position of the first stream character after the break, so p ≥ start
        exactly when the break lies after the last original character of the run at start - 1,
        and p ≤ end exactly when it lies before the last original character of the run at end
        (a break inside that run has p = end); p is at most ``len(collapsed)``."""
        size = len(self.collapsed)
        first = 0 if start <= 0 else self._last_original(start - 1) + 1
        last = len(text) if end >= size else self._last_original(end)
        return first < last and CLAUSE_CHARS.search(text, first, last) is not None

    def _last_original(self, pos: int) -> int:
        """The original index of the last stream character of the run at collapsed pos."""
        return self.original_spans(((pos, pos + 1, None),))[0][1] - 1

    def _dropped(self) -> int:
        """How many stream characters the collapsing dropped."""
        return self._shift[-1] if self._shift else 0

    def _collapsed_of(self, index: int) -> int:
        """The collapsed position of stream index ``index``."""
        j = bisect_right(self._rep_start, index) - 1
        if j < 0:
            return index
        if index < self._rep_start[j] + self._rep_len[j]:
            return self._rep_pos[j]
        return index - self._shift[j]

    def original_spans(self, spans: Sequence[tuple[int, int, object]]) -> list[tuple[int, int]]:
        """Map each collapsed span (start, end, …) to the original span of its whole runs, in
        one loop (the engine's hottest Python, once per candidate: lookups hoisted, bisects
        inlined): collapsed → stream index by the runs, then stream → original by the segments,
        or by the origins when some emoji reads as a word (every character of an emoji's word
        has the emoji's index)."""
        if not spans:
            return []
        origins = self._origins
        segments: list[int] = []
        if origins is None:
            segments = self._seg_starts if self._seg_starts is not None else self._segments()
        rep_pos, rep_start, rep_len, shifts = (
            self._rep_pos,
            self._rep_start,
            self._rep_len,
            self._shift,
        )
        result: list[tuple[int, int]] = []
        append = result.append
        for start, end, _ in spans:
            last = end - 1
            if rep_pos:
                k = bisect_right(rep_pos, start) - 1
                if k >= 0:
                    start = rep_start[k] if rep_pos[k] == start else start + shifts[k]
                k = bisect_right(rep_pos, last) - 1
                if k >= 0 and rep_pos[k] == last:
                    last = rep_start[k] + rep_len[k] - 1
                elif k >= 0:
                    last += shifts[k]
            if origins is None:
                append(
                    (start + bisect_right(segments, start) - 1, last + bisect_right(segments, last))
                )
            else:
                append((origins[start], origins[last] + 1))
        return result

    def _segments(self) -> list[int]:
        """Stream index where each segment (between separators) starts; segment i starts at
        original index s_i + i."""
        self._seg_starts = [0, *accumulate(map(len, self._marked.split(SENTINEL)))][:-1]
        return self._seg_starts
