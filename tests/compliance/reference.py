"""An obviously-correct, slow checker with the engine's semantics, written independently of it.

It maps one character at a time with unicodedata and OpenCC, walks the text to build the stream
and its runs, segments the whole mapped text with jieba, and finds every entry with str.find.
Only the data types and the PII module are shared with the engine.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from string import ascii_letters, ascii_uppercase

import jieba
from opencc import OpenCC

from app.compliance.conditions import Marker, parse_condition
from app.compliance.model import Entry, Hit, Report, entry_hit, make_report
from app.compliance.pii import find_pii

_T2S = OpenCC("t2s")
_EXTRA = {0x200D, 0x20E3, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)}
_EXTRA |= set(range(0x1F3FB, 0x1F400))
_ORDER = {"info": 0, "warn": 1, "review": 2, "block": 3}
# Sentence ends, written out: 。！？； in full and half width, the ellipses, every line break.
_SENTENCE_ENDS = set("。｡︒！!？?；;…⋯") | {"\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"}
_SENTENCE_ENDS |= {"\x85", "\u2028", "\u2029"}
# Session 18: what ends a clause for a negated condition — a character whose mapped form is a
# comma or an enumeration comma — and the words that end a negation's scope, written out.
_CLAUSE_ENDS = {",", "、"}
_BREAKERS = ("但", "却", "还", "也", "而", "仍", "是", "的", "就能", "就可", "并且", "甚至", "照样")
_BREAKERS += ("依然",)


_LETTERS = {
    f"LATIN {size} LETTER {x}": x.lower() for size in ("CAPITAL", "SMALL") for x in ascii_uppercase
}


# Session 21: Greek and Cyrillic letters drawn like a Latin letter, by name (normalize.LOOKALIKES),
# looked up by the NFKC form before case folding.
_LOOKALIKE_NAMES = {
    "a": ("GREEK CAPITAL LETTER ALPHA", "GREEK SMALL LETTER ALPHA"),
    "b": ("GREEK CAPITAL LETTER BETA", "CYRILLIC CAPITAL LETTER VE"),
    "c": ("GREEK LUNATE SIGMA SYMBOL", "CYRILLIC CAPITAL LETTER ES", "CYRILLIC SMALL LETTER ES"),
    "e": ("GREEK CAPITAL LETTER EPSILON", "CYRILLIC CAPITAL LETTER IE", "CYRILLIC SMALL LETTER IE"),
    "h": ("GREEK CAPITAL LETTER ETA", "CYRILLIC CAPITAL LETTER EN"),
    "i": ("GREEK CAPITAL LETTER IOTA", "GREEK SMALL LETTER IOTA"),
    "j": ("GREEK LETTER YOT", "CYRILLIC CAPITAL LETTER JE", "CYRILLIC SMALL LETTER JE"),
    "k": ("GREEK CAPITAL LETTER KAPPA", "CYRILLIC CAPITAL LETTER KA"),
    "l": ("CYRILLIC LETTER PALOCHKA", "CYRILLIC SMALL LETTER PALOCHKA"),
    "m": ("GREEK CAPITAL LETTER MU", "CYRILLIC CAPITAL LETTER EM"),
    "n": ("GREEK CAPITAL LETTER NU",),
    "o": ("GREEK CAPITAL LETTER OMICRON", "GREEK SMALL LETTER OMICRON"),
    "p": ("GREEK CAPITAL LETTER RHO", "GREEK SMALL LETTER RHO"),
    "q": ("CYRILLIC CAPITAL LETTER QA", "CYRILLIC SMALL LETTER QA"),
    "s": ("CYRILLIC CAPITAL LETTER DZE", "CYRILLIC SMALL LETTER DZE"),
    "t": ("GREEK CAPITAL LETTER TAU", "CYRILLIC CAPITAL LETTER TE"),
    "v": ("GREEK SMALL LETTER NU",),
    "w": ("CYRILLIC CAPITAL LETTER WE", "CYRILLIC SMALL LETTER WE"),
    "x": ("GREEK CAPITAL LETTER CHI", "CYRILLIC CAPITAL LETTER HA", "CYRILLIC SMALL LETTER HA"),
    "y": ("GREEK CAPITAL LETTER UPSILON", "CYRILLIC CAPITAL LETTER U", "CYRILLIC SMALL LETTER U"),
    "z": ("GREEK CAPITAL LETTER ZETA",),
}
_LOOKALIKE_NAMES["a"] += ("CYRILLIC CAPITAL LETTER A", "CYRILLIC SMALL LETTER A")
_LOOKALIKE_NAMES["h"] += ("CYRILLIC CAPITAL LETTER SHHA", "CYRILLIC SMALL LETTER SHHA")
_LOOKALIKE_NAMES["i"] += (
    "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I",
    "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I",
)
_LOOKALIKE_NAMES["o"] += ("CYRILLIC CAPITAL LETTER O", "CYRILLIC SMALL LETTER O")
_LOOKALIKE_NAMES["p"] += ("CYRILLIC CAPITAL LETTER ER", "CYRILLIC SMALL LETTER ER")
_LOOKALIKE_NAMES["y"] += ("CYRILLIC CAPITAL LETTER STRAIGHT U",)
_LOOKALIKE_NAMES["g"] = ("LATIN SMALL LETTER SCRIPT G",)
_LOOKALIKE_NAMES["a"] += ("LATIN SMALL LETTER ALPHA",)
_LOOKALIKE_NAMES["i"] += ("LATIN SMALL LETTER DOTLESS I",)
_LOOKALIKE_NAMES["o"] += ("ARMENIAN SMALL LETTER OH",)
_LOOKALIKE_NAMES["u"] = ("ARMENIAN SMALL LETTER SEH",)
_LOOKALIKE_NAMES["h"] += ("ARMENIAN SMALL LETTER HO",)
_REF_LOOKALIKES = {
    unicodedata.lookup(name): latin for latin, names in _LOOKALIKE_NAMES.items() for name in names
}
# ... and every Latin small capital of one letter, by name (ᴛᴏᴘ).
_REF_LOOKALIKES |= {
    unicodedata.lookup(f"LATIN LETTER SMALL CAPITAL {x}"): x.lower()
    for x in ascii_uppercase
    if x != "X"
}
# Session 21: variant forms (异体字) → the standard simplified character (normalize.VARIANTS),
# applied after t2s: each standard character with its variants.
_REF_VARIANT_GROUPS = {
    "最": "㝡冣",
    "第": "苐",
    "一": "弌",
    "壹": "壱",
    "微": "㣲",
    "信": "伩㐰",
    "治": "乿",
    "国": "圀囻囶囯",
    "全": "㒰",
    "网": "䋄罒罓",
    # Japanese shinjitai
    "对": "対",
    "奖": "奨",
    "发": "発",
    "转": "転",
    "关": "関",
    "效": "効",
    "价": "価",
    "药": "薬",
    "单": "単",
    "广": "広",
    "气": "気",
    "团": "団",
    "图": "図",
    "实": "実",
    "满": "満",
    "收": "収",
    "专": "専",
    "带": "帯",
    "搜": "捜",
    "钱": "銭",
    "赞": "賛",
    "瘦": "痩",
    "惠": "恵",
    "验": "験",
    "灵": "霊",
    "卖": "売",
    "总": "総",
    "经": "経",
    "读": "読",
    "觉": "覚",
    "观": "観",
    "显": "顕",
    "骚": "騒",
    "驱": "駆",
    "脑": "脳",
    "脏": "臓",
    "铺": "舗",
    "弹": "弾",
    "圈": "圏",
    "围": "囲",
    "摇": "揺",
    "击": "撃",
    "欢": "歓",
    "权": "権",
    "营": "営",
    "乐": "楽",
    "烧": "焼",
    "净": "浄",
    "龄": "齢",
    "龙": "竜",
    "黑": "黒",
    "变": "変",
    "处": "処",
    "举": "挙",
    "续": "続",
    "缘": "縁",
    "纵": "縦",
    "步": "歩",
    "岁": "歳",
    "归": "帰",
    "每": "毎",
    "战": "戦",
}
_REF_VARIANTS = {v: std for std, forms in _REF_VARIANT_GROUPS.items() for v in forms}


def _ref_fold(char: str) -> str:
    """Digits by value, enclosed Latin letters by name, look-alike letters by table, else NFKC +
    casefold without brackets."""
    if unicodedata.decimal(char, None) is not None or unicodedata.digit(char, None) is not None:
        return str(unicodedata.digit(char))
    name = unicodedata.name(char, "")
    if any(word in name.split() for word in ("CIRCLED", "PARENTHESIZED", "SQUARED")):
        for suffix, letter in _LETTERS.items():
            if name.endswith(" " + suffix):
                return letter
    if unicodedata.normalize("NFKC", char) in _REF_LOOKALIKES:
        return _REF_LOOKALIKES[unicodedata.normalize("NFKC", char)]
    folded = unicodedata.normalize("NFKC", char).casefold()
    if len(folded) > 1:
        folded = "".join(
            c for c in folded if not unicodedata.category(c).startswith(("P", "S", "Z"))
        )
    if len(folded) == 1 and (0xC0 <= ord(folded) <= 0x24F or 0x1E00 <= ord(folded) <= 0x1EFF):
        base = _ref_strip_marks(folded)
        if base is not None:
            return base
    return folded if len(folded) == 1 else char


def _ref_strip_marks(char: str) -> str | None:
    """The ASCII letter under a Latin letter's diacritics (zuì → zui), by following its canonical
    decomposition table entries; None when it is not an ASCII letter plus nonspacing marks."""
    fields = unicodedata.decomposition(char).split()
    if not fields or fields[0].startswith("<"):
        return None
    base, marks = chr(int(fields[0], 16)), [chr(int(f, 16)) for f in fields[1:]]
    if not all(unicodedata.category(mark) == "Mn" for mark in marks):
        return None
    if base in ascii_letters:
        return base
    return _ref_strip_marks(base)


@cache
def ref_map(char: str) -> str:
    """The variant table over t2s of the fold when both are one character, else c."""
    folded = _ref_fold(char)
    if len(folded) != 1:
        return char
    result = _T2S.convert(folded)
    return _REF_VARIANTS.get(result, result) if len(result) == 1 else char


def ref_is_separator(mapped: str) -> bool:
    """P*, S*, Z*, Cc, Cf, Cs, Co, Cn, variation selectors, ZWJ, keycap, skin tones."""
    category = unicodedata.category(mapped)
    return (
        category[0] in ("P", "S", "Z")
        or category in ("Cc", "Cf", "Cs", "Co", "Cn")
        or ord(mapped) in _EXTRA
    )


# Session 17: emoji that stand for a word, written out (normalize.EMOJI_WORDS): the word, and
# where the emoji reads: "" next to a stream character on either side, "before" one (🔝品质),
# "numeral" right after a numeral (⭐ and 🌟: 5⭐ is 5星).
_EMOJI_WORDS = {
    "🥇": ("第一", ""),
    "🔝": ("顶级", "before"),
    "👑": ("冠军", ""),
    "🏆": ("冠军", ""),
    "🍃": ("叶子", ""),
    "💯": ("100", ""),
    "🔗": ("链接", ""),
    "🛒": ("购物车", ""),
    "🧧": ("红包", ""),
    "💰": ("现金", ""),
    "⭐": ("星", "numeral"),
    "🌟": ("星", "numeral"),
    "📞": ("电话", ""),
    "☎": ("电话", ""),
    "💊": ("药", ""),
    "💬": ("评论", ""),
    "🎲": ("随机", ""),
    "🍚": ("饭", ""),
    "👍": ("赞", ""),
    "❤": ("赞", ""),
    "🐟": ("鲤", ""),
    "☝": ("一", ""),
    "🐔": ("鸡", ""),
    "🌅": ("旭日", ""),
    "🍆": ("茄子", ""),
}
_NUMERALS = set("0123456789") | set("一二三四五六七八九十两")
# Session 19: symbols that read as their number or word wherever they stand
# (normalize.SYMBOL_WORDS),
# written out: the enclosed numbers 10-20, the Roman numerals 1-12, № and 🔟.
_REF_SYMBOL_WORDS = {
    **{chr(0x2469 + k): str(10 + k) for k in range(11)},  # ⑩-⑳
    **{chr(0x247D + k): str(10 + k) for k in range(11)},  # ⑽-⒇
    **{chr(0x2491 + k): str(10 + k) for k in range(11)},  # ⒑-⒛
    **{chr(0x24EB + k): str(11 + k) for k in range(10)},  # ⓫-⓴
    "⓾": "10",
    "❿": "10",
    "➉": "10",
    "➓": "10",
    **{chr(0x2160 + k): str(1 + k) for k in range(12)},  # Ⅰ-Ⅻ
    **{chr(0x2170 + k): str(1 + k) for k in range(12)},  # ⅰ-ⅻ
    "№": "no",
    "🔟": "10",
}


def _ref_modifier(char: str) -> bool:
    """A variation selector or an emoji skin tone."""
    return 0xFE00 <= ord(char) <= 0xFE0F or 0x1F3FB <= ord(char) <= 0x1F3FF


def _ref_neighbour(text: str, index: int, step: int) -> str | None:
    """The nearest character from index in direction step that is neither a table emoji nor a
    modifier (None at either end of the text)."""
    index += step
    while 0 <= index < len(text) and (text[index] in _EMOJI_WORDS or _ref_modifier(text[index])):
        index += step
    return text[index] if 0 <= index < len(text) else None


def _ref_is_stream_char(char: str | None) -> bool:
    """A character that maps to a stream character (no separator, no sentence end)."""
    if char is None or ref_ends_sentence(char):
        return False
    return not ref_is_separator(ref_map(char))


def ref_emoji_word(text: str, index: int) -> str | None:
    """The word the emoji at text[index] reads as there, or None (a separator)."""
    if text[index] not in _EMOJI_WORDS:
        return None
    word, where = _EMOJI_WORDS[text[index]]
    left, right = _ref_neighbour(text, index, -1), _ref_neighbour(text, index, 1)
    if where == "numeral":
        reads = left is not None and not ref_ends_sentence(left) and ref_map(left) in _NUMERALS
    elif where == "before":
        reads = _ref_is_stream_char(right)
    else:
        reads = _ref_is_stream_char(left) or _ref_is_stream_char(right)
    return word if reads else None


@dataclass
class Run:
    """A run of one character in the stream: the char, its original indexes."""

    char: str | None  # None: a sentence end
    originals: list[int]


def ref_ends_sentence(char: str) -> bool:
    """Tell whether an original character ends a sentence (its mapped form does)."""
    return char in _SENTENCE_ENDS or ref_map(char) in _SENTENCE_ENDS


def ref_runs(text: str, *, sentences: bool = True, emoji: bool = True) -> list[Run]:
    """Walk the text: drop separators, group equal neighbouring stream characters.

    With sentences, a sentence end is a run of its own (char None) that nothing matches; with
    them (checked texts) and emoji, an emoji that reads as a word adds its word's characters,
    each with the emoji's index."""
    runs: list[Run] = []
    for index, char in enumerate(text):
        word = None
        if sentences and emoji:
            word = ref_emoji_word(text, index) or _REF_SYMBOL_WORDS.get(char)
        if word is not None:
            for letter in word:
                if runs and runs[-1].char == letter:
                    runs[-1].originals.append(index)
                else:
                    runs.append(Run(letter, [index]))
            continue
        mapped = ref_map(char)
        if ref_ends_sentence(char):
            if sentences and not (runs and runs[-1].char is None):
                runs.append(Run(None, [index]))
            continue
        if ref_is_separator(mapped):
            continue
        if runs and runs[-1].char == mapped:
            runs[-1].originals.append(index)
        else:
            runs.append(Run(mapped, [index]))
    return runs


RefKey = tuple[str, tuple[int, ...]]


def ref_key(needle: str) -> RefKey:
    """The needle's collapsed characters and run lengths."""
    runs = ref_runs(needle, sentences=False)
    return "".join(run.char or "" for run in runs), tuple(len(run.originals) for run in runs)


def ref_occurrences(runs: list[Run], chars: str, key: RefKey) -> list[tuple[int, int]]:
    """Every (first run, end run) where the key's chars match and its runs fit the text's.

    chars is the text's collapsed stream, one character per run (a key never holds "\n")."""
    key_chars, key_lengths = key
    found, spans = chars.find(key_chars), []
    while key_chars and found != -1:
        if all(len(runs[found + i].originals) >= n for i, n in enumerate(key_lengths)):
            spans.append((found, found + len(key_chars)))
        found = chars.find(key_chars, found + 1)
    return spans


def ref_tokens(text: str) -> tuple[set[int], set[int]]:
    """Token start and end offsets of jieba.cut over the whole mapped text."""
    starts, ends, offset = set(), set(), 0
    for token in jieba.cut("".join(ref_map(char) for char in text), HMM=True):
        starts.add(offset)
        offset += len(token)
        ends.add(offset)
    return starts, ends


def _covered(span: tuple[int, int], covers: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in covers)


@dataclass
class ReferenceLexicon:
    """The reference's "lexicon": just the entries, the allow list and a version."""

    entries: tuple[Entry, ...]
    allow_list: tuple[str, ...] = ()
    version: int = 0

    def __post_init__(self) -> None:
        texts = [self.allow_list] + [(e.term, *e.allow_contexts) for e in self.entries]
        for entry in self.entries:
            for condition in map(parse_condition, entry.conditions):
                for marker in condition.markers + condition.triggers:
                    texts.append((marker.text, *marker.exceptions))
        self.keys = {text: ref_key(text) for group in texts for text in group}

    def markers_in(self, text: str) -> set[tuple[str, tuple[str, ...]]]:
        """The (marker, exceptions) of every condition that occur in text outside exceptions,
        in either reading of its emoji (as words, as separators)."""
        return self._markers_in(text, True) | self._markers_in(text, False)

    def _markers_in(self, text: str, emoji: bool) -> set[tuple[str, tuple[str, ...]]]:
        runs = ref_runs(text, emoji=emoji)
        chars = "".join("\n" if run.char is None else run.char for run in runs)
        present = set()
        for entry in self.entries:
            for condition in map(parse_condition, entry.conditions):
                for marker in condition.markers:
                    found = ref_occurrences(runs, chars, self.keys[marker.text])
                    covers = [
                        span
                        for exception in marker.exceptions
                        for span in ref_occurrences(runs, chars, self.keys[exception])
                    ]
                    if any(not _covered(span, covers) for span in found):
                        present.add((marker.text, marker.exceptions))
        return present

    def near(
        self,
        entry: Entry,
        runs: list[Run],
        chars: str,
        span: tuple[int, int],
        clauses: list[int] | None = None,
    ) -> bool:
        """Every near condition has a trigger close enough with no sentence end between; every
        then condition one that starts at or after the hit, close enough not counting the one
        sentence end that may lie between; no negated condition a trigger that ends before the
        hit, close enough, with no sentence end, clause break (``clauses``: the run index just
        after each comma or 、) or scope breaker word between; no followed condition a trigger
        that starts after the hit, close enough, with no sentence end or clause break between."""
        for condition in map(parse_condition, entry.conditions):
            if condition.kind == "followed":
                for trigger in condition.triggers:
                    for t in self.trigger_spans(runs, chars, trigger):
                        if t[0] < span[1]:
                            continue
                        between = chars[span[1] : t[0]]
                        if (
                            len(between) <= condition.distance
                            and "\n" not in between
                            and not any(span[1] <= p <= t[0] for p in clauses or ())
                        ):
                            return False
                continue
            if condition.kind == "negated":
                for trigger in condition.triggers:
                    for t in self.trigger_spans(runs, chars, trigger):
                        if t[1] > span[0]:
                            continue
                        between = chars[t[1] : span[0]]
                        if (
                            len(between) <= condition.distance
                            and "\n" not in between
                            and not any(t[1] <= p <= span[0] for p in clauses or ())
                            and not any(word in between for word in _BREAKERS)
                        ):
                            return False
                continue
            if condition.kind not in ("near", "then"):
                continue
            ok = False
            for trigger in condition.triggers:
                for t in self.trigger_spans(runs, chars, trigger):
                    if condition.kind == "then":
                        between = chars[span[0] : max(span[1], t[1])]
                        gap = max(t[0] - span[1], 0) - between.count("\n")
                        ok = ok or (
                            t[0] >= span[0]
                            and between.count("\n") <= 1
                            and gap <= condition.distance
                        )
                        continue
                    gap = max(t[0] - span[1], span[0] - t[1], 0)
                    between = chars[min(span[0], t[0]) : max(span[1], t[1])]
                    ok = ok or (gap <= condition.distance and "\n" not in between)
            if not ok:
                return False
        return True

    def trigger_spans(self, runs: list[Run], chars: str, trigger: Marker) -> list[tuple[int, int]]:
        """The trigger's occurrences, less those inside one of its exceptions."""
        covers = [
            cover
            for exception in trigger.exceptions
            for cover in ref_occurrences(runs, chars, self.keys[exception])
        ]
        return [
            t
            for t in ref_occurrences(runs, chars, self.keys[trigger.text])
            if not _covered(t, covers)
        ]

    def judged(
        self, hit: Hit, entry: Entry, markers: set[tuple[str, tuple[str, ...]]]
    ) -> list[Hit]:
        """Apply the document conditions of entry to one of its hits."""
        severities = [hit.severity]
        for condition in map(parse_condition, entry.conditions):
            if condition.kind in ("near", "then", "negated", "followed"):
                continue
            present = [(m.text, m.exceptions) in markers for m in condition.markers]
            if condition.kind == "requires":
                if not any(present):
                    return []
                continue
            if all(present):
                if condition.kind == "unless":
                    return []
                severities.append(condition.severity)
        return [hit._replace(severity=min(severities, key=_ORDER.__getitem__))]

    def field_hits(self, text: str, channel: str | None, field: str) -> list[Hit]:
        """All hits of one field, the slow way (no document conditions): those of both readings
        of its emoji (as words, as separators; the same when none reads)."""
        hits = self._field_hits(text, channel, field, True)
        hits += self._field_hits(text, channel, field, False)
        return hits + find_pii(text, field)

    def _field_hits(self, text: str, channel: str | None, field: str, emoji: bool) -> list[Hit]:
        runs = ref_runs(text, emoji=emoji)
        chars = "".join("\n" if run.char is None else run.char for run in runs)

        def spans(needles: Iterable[str]) -> list[tuple[int, int]]:
            return [span for n in needles for span in ref_occurrences(runs, chars, self.keys[n])]

        starts, ends = ref_tokens(text)
        allowed = spans(self.allow_list)
        clauses = [
            next((k for k, run in enumerate(runs) if run.originals[-1] > index), len(runs))
            for index, char in enumerate(text)
            if ref_map(char) in _CLAUSE_ENDS
        ]
        hits = []
        for entry in self.entries:
            if channel is not None and entry.channels and channel not in entry.channels:
                continue
            contexts = spans(entry.allow_contexts)
            for span in spans([entry.term]):
                if _covered(span, contexts) or _covered(span, allowed):
                    continue
                if not self.near(entry, runs, chars, span, clauses):
                    continue
                start = runs[span[0]].originals[0]
                end = runs[span[1] - 1].originals[-1] + 1
                if entry.match == "word" and not (start in starts and end in ends):
                    continue
                hits.append(entry_hit(entry, field, text, start, end))
        return hits

    def check(self, *, title: str = "", body: str = "", channel: str | None = None) -> Report:
        """Check title and body; dedupe, sort and judge like the contract says."""
        hits = self.field_hits(title, channel, "title") + self.field_hits(body, channel, "body")
        markers = self.markers_in(title) | self.markers_in(body)
        by_id = {entry.id: entry for entry in self.entries}
        judged = []
        for hit in hits:
            entry = by_id.get(hit.entry_id) if hit.entry_id is not None else None
            judged += self.judged(hit, entry, markers) if entry else [hit]
        hits = judged
        unique = list(dict.fromkeys(hits))
        unique.sort(
            key=lambda h: (
                ("title", "body").index(h.field),
                h.field,
                h.start,
                h.end,
                h.category,
                h.term,
                h.severity,
                -1 if h.entry_id is None else h.entry_id,
                h.suggestion,
                h.basis,
            )
        )
        # The same listing cap as the engine's reports; verdict and per-term counts from all hits.
        return make_report(unique, self.version)


def reference_lexicon(
    entries: Iterable[Entry], *, version: int = 0, allow_list: Iterable[str] = ()
) -> ReferenceLexicon:
    """Build the reference lexicon (no compilation at all)."""
    return ReferenceLexicon(tuple(entries), tuple(allow_list), version)
