"""Validating entries and compiling them into one immutable, shareable Aho-Corasick lexicon.

Every entry key, allowed-context key and global allow-list key goes into a single pyahocorasick
automaton, so one pass over the text finds candidates and the exceptions that may cancel them.
Keys and texts are fed as UTF-8 bytes decoded as Latin-1: byte-wise matching is several times
faster than matching str, and UTF-8 is self-synchronising, so a match of a whole key always
starts and ends on character boundaries of the text.
"""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import ahocorasick

from app.compliance.conditions import (
    EXEMPTIONS,
    PROXIMITY,
    Condition,
    Marker,
    condition_problems,
    parse_condition,
)
from app.compliance.model import MATCH_MODES, SEVERITIES, Entry, EntryError, entry_tail
from app.compliance.normalize import Key, normalise_key, normalise_keys
from app.compliance.pinyin import Index, build_index
from app.messages import N_, Joined, Message

# What an automaton key stands for. For MARKER, MARKER_EXCEPTION, TRIGGER and TRIGGER_EXCEPTION
# patterns, Pattern.entry_index is the id of the marker or trigger (``Rule.ids``), not an entry's
# index. TRIGGER and TRIGGER_EXCEPTION patterns stay out of the main automaton (``Triggers``).
ENTRY, CONTEXT, ALLOW, MARKER, MARKER_EXCEPTION, TRIGGER, TRIGGER_EXCEPTION = range(7)
_TRIGGER_KINDS = (TRIGGER, TRIGGER_EXCEPTION)
_ALL_CHANNELS: frozenset[str] = frozenset()


class Pattern(NamedTuple):
    """One meaning of an automaton key: an entry, an allowed context of one, or an allow string."""

    kind: int  # ENTRY, CONTEXT or ALLOW
    entry_index: int  # position of the entry (or of the context's entry) in the lexicon; -1: ALLOW
    runs: tuple[int, ...] | None
    entry: Entry | None  # set for ENTRY only
    channels: frozenset[str] = _ALL_CHANNELS
    word: bool = False
    tail: tuple[Any, ...] = ()  # ENTRY: the hit's values from its entry (``model.entry_tail``)


class Rule(NamedTuple):
    """A compiled condition: its kind and the marker ids (all needed) or trigger ids (any)."""

    kind: str
    severity: str
    distance: int
    ids: tuple[int, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """A compiled word list: build once with build_lexicon, share between threads for reads."""

    version: int
    entries: tuple[Entry, ...]
    allow_list: tuple[str, ...]
    automaton: Any = field(repr=False)  # ahocorasick.Automaton, or None when there are no keys
    allow_keys: tuple[Key, ...] = field(repr=False)
    rules: dict[int, tuple[Rule, ...]] = field(default_factory=dict, repr=False)  # entry index →
    pinyin: PinyinIndex | None = field(default=None, repr=False)  # None: no mixed spellings
    triggers: Triggers | None = field(default=None, repr=False)  # None: no near/then rules
    near: dict[int, tuple[Rule, ...]] = field(default_factory=dict, repr=False)  # rules with
    # a near or then item, by entry index (the engine's test for each candidate)
    negations: dict[int, Negations] = field(default_factory=dict, repr=False)  # entries whose
    # only per-hit rules are negated or followed ones: a quick test that none can reach a hit
    requirements: dict[int, tuple[Requirement, ...]] = field(default_factory=dict, repr=False)
    # entries with near or then rules: a quick test that some rule has no trigger in reach
    documents: dict[int, tuple[DocumentRule, ...]] = field(default_factory=dict, repr=False)
    # entries with unless, lower or requires rules: those rules, in order, as the engine tests them


class DocumentRule(NamedTuple):
    """An unless, lower or requires rule as the engine tests it against the document's markers
    (session 20: a set test in C, where each rule tested its ids one by one)."""

    kind: str
    severity: str
    ids: frozenset[int]


class Triggers(NamedTuple):
    """The trigger words of near and then rules and their exceptions (送!送洗), looked for only
    around a hit that has such a rule (most trigger words are common: 不, 款, 0 occur hundreds of
    times in a long text)."""

    automaton: Any  # latin-1(utf-8(key)) → (length, ((trigger id, runs), …), ((id, runs), …)):
    # the triggers the key is, then those it is an exception of (mostly empty)
    longest: int  # characters in the longest key, trigger or exception
    keys: dict[str, tuple[tuple[_Id, ...], tuple[_Id, ...]]]  # key → its ids, as above
    by_id: dict[int, tuple[str, ...]]  # trigger id → its key and its exceptions' keys
    windows: dict[Any, Any]  # entry index, and trigger ids → their automaton, on first need

    def window(self, entry_index: int, rules: tuple[Rule, ...]) -> Any:
        """The automaton of just the trigger keys (and their exceptions' keys) of the per-hit
        rules of one entry (``rules``, those of entry_index; None when they have no trigger key),
        built on first need and shared by every entry with the same trigger
        ids (issue 18, session 20): the whole trigger automaton finds, around a hit of 关注 or
        618, some 25 occurrences of other entries' triggers (价, 送, 款…) that the rules never
        read, and sorting them by id was most of the cost of a trigger window. Its matches are
        those of the whole automaton restricted to these ids, in the same order (by end, longest
        first): the same occurrences of the rules' triggers and their exceptions."""
        found = self.windows.get(entry_index, False)
        if found is False:
            ids = frozenset(ident for rule in rules if rule.kind in PROXIMITY for ident in rule.ids)
            found = self.windows.get(ids, False)
            if found is False:
                found = _window_automaton(self, ids)
                self.windows[ids] = found
            self.windows[entry_index] = found
        return found


class Negations(NamedTuple):
    """What the engine needs to skip the trigger window of a hit that no negation can reach: an
    alternation of the negated rules' trigger keys and how far before the hit one of them can
    start (the largest distance plus the longest key); the same of the followed rules' keys and
    how far after the hit's end one of them can end. None where the entry has no such rule."""

    keys: re.Pattern[str] | None
    reach: int
    after: re.Pattern[str] | None = None
    after_reach: int = 0


@lru_cache(maxsize=4096)
def _compiled(source: str) -> re.Pattern[str]:
    """re.compile, kept across builds (an edited list rebuilds the lexicon; most rules stay)."""
    return re.compile(source)


class Alternation:
    """A regex alternation of literal keys compiled on its first search (session 21: compiling
    the ~1,000 alternations of the near and then rules up front took a fifth of a build with the
    64k list; most of them are never searched before the next build, and the others are compiled
    once, by the first check that needs them)."""

    __slots__ = ("pattern", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.pattern: re.Pattern[str] | None = None

    def search(self, string: str, pos: int, endpos: int) -> re.Match[str] | None:
        """Pattern.search(string, pos, endpos), compiling the pattern the first time."""
        pattern = self.pattern
        if pattern is None:
            pattern = self.pattern = _compiled(self.source)
        return pattern.search(string, pos, endpos)


class Requirement(NamedTuple):
    """What the engine needs to drop a hit of an entry with a near or then rule without its
    trigger window (session 19): an alternation of the rule's trigger keys, and how far before
    the hit's start and after its end one of them must lie if it is to count (near: the distance
    plus the longest key either side; then: none before, the distance, one sentence end and the
    longest key after). No key in that reach of the collapsed stream: no trigger, so the rule,
    and the hit, fail."""

    keys: Alternation
    before: int
    after: int


_Id = tuple[int, tuple[int, ...] | None]  # a trigger id and the runs of a key standing for it


class PinyinIndex:
    """The mixed pinyin spellings of a lexicon's keys (``pinyin``), compiled on first use: most
    texts hold no Latin word that reads as pinyin, and compiling them for the 64k list costs
    about a quarter of its compilation, which runs again on every edit."""

    __slots__ = ("_groups", "_index", "_lock")

    def __init__(self, groups: dict[str, list[Pattern]]) -> None:
        self._groups: dict[str, list[Pattern]] | None = groups
        self._index: Index | None = None
        self._lock = threading.Lock()

    def get(self) -> Index | None:
        """The compiled index (None when no key takes part); thread-safe, compiled once."""
        if self._groups is not None:
            with self._lock:
                if self._groups is not None:
                    with _gc_paused():
                        self._index = build_index(self._groups)
                    self._groups = None
        return self._index


def entry_problems(entry: Entry) -> list[str]:
    """Return every reason why an entry cannot be compiled (``Message``s: Chinese as a str,
    translatable by the web layer); empty when it is valid."""
    return _problems(entry, normalise_key(entry.term))


def _problems(entry: Entry, key: Key) -> list[str]:
    """List the problems of an entry whose term normalises to key."""
    if (  # the common case, cheaply: a plain valid entry (64k of them in a public list)
        key.chars
        and not entry.allow_contexts
        and not entry.conditions
        and entry.severity in SEVERITIES
        and entry.match in MATCH_MODES
        and entry.category.strip()
    ):
        return []
    problems: list[str] = []
    if not entry.term.strip():
        problems.append(Message(N_("词条为空")))
    elif not key.chars:
        empty = N_("词条“%(term)s”去掉符号、空白和表情后为空，无法匹配")
        problems.append(Message(empty, term=entry.term))
    if not entry.category.strip():
        problems.append(Message(N_("类别为空")))
    if entry.severity not in SEVERITIES:
        unknown = N_("未知的严重级别“%(value)s”，应为 %(allowed)s 之一")
        allowed = Joined(SEVERITIES, "、")
        problems.append(Message(unknown, value=entry.severity, allowed=allowed))
    if entry.match not in MATCH_MODES:
        unknown = N_("未知的匹配方式“%(value)s”，应为 %(allowed)s 之一")
        allowed = Joined(MATCH_MODES, "、")
        problems.append(Message(unknown, value=entry.match, allowed=allowed))
    for context in entry.allow_contexts:
        if not normalise_key(context).chars:
            empty = N_("例外语境“%(context)s”去掉符号、空白和表情后为空")
            problems.append(Message(empty, context=context))
    problems += condition_problems(entry.conditions, entry.severity)
    return problems


def validate_entry(entry: Entry) -> Key:
    """Check an entry and return its normalised key; raise EntryError (Chinese) if invalid."""
    return _validated(entry, normalise_key(entry.term))


def _validated(entry: Entry, key: Key) -> Key:
    """Return key, the normalised term of entry; raise EntryError (Chinese) if entry is invalid."""
    problems = _problems(entry, key)
    if problems:
        raise EntryError(f"词条“{entry.term}”：{'；'.join(problems)}")
    return key


def allow_list_keys(allow_list: Iterable[str]) -> tuple[Key, ...]:
    """Normalise global allow-list strings, dropping those that normalise to nothing."""
    keys = (normalise_key(text) for text in allow_list)
    return tuple(key for key in keys if key.chars)


def _plain(patterns: list[Pattern]) -> Pattern | None:
    """The pattern of a key that stands for one entry in every channel with no run lengths (the
    common case, which the engine takes without looking further), else None."""
    if len(patterns) != 1:
        return None
    pattern = patterns[0]
    plain = pattern.kind == ENTRY and pattern.runs is None and not pattern.channels
    return pattern if plain else None


def _single(patterns: list[Pattern]) -> tuple[int, int] | None:
    """(kind, id) of a key that stands for one document marker or one allowed context of an entry
    with no run lengths (a third of the other keys' occurrences in copy: the engine files them
    without looking further), else None."""
    if len(patterns) != 1:
        return None
    pattern = patterns[0]
    if pattern.kind in (MARKER, CONTEXT) and pattern.runs is None:
        return pattern.kind, pattern.entry_index
    return None


def _automaton(groups: dict[str, list[Pattern]]) -> Any:
    """Build the byte-level automaton: latin-1(utf-8(key)) → (key length, patterns, the pattern
    if it is a plain one, (kind, id) if it is a single marker or context). Trigger patterns and
    those of trigger exceptions are left out, and keys that stand for nothing else: the engine
    looks for a trigger only around a hit whose entry has a near or then rule
    (``Lexicon.triggers``), and trigger words such as 不, 款 or 0 occur hundreds of times in a
    long text (issue 18: they were two thirds of the automaton's matches with the 64k list)."""
    groups = {
        chars: kept
        for chars, patterns in groups.items()
        if (kept := [pattern for pattern in patterns if pattern.kind not in _TRIGGER_KINDS])
    }
    if not groups:
        return None
    automaton = ahocorasick.Automaton()
    add = automaton.add_word
    # keys hold no line break (a sentence end, dropped by normalisation): encode them at once
    encoded = "\n".join(groups).encode().decode("latin-1").split("\n")
    for (chars, patterns), key in zip(groups.items(), encoded, strict=True):
        add(key, (len(chars), tuple(patterns), _plain(patterns), _single(patterns)))
    automaton.make_automaton()
    return automaton


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of a compilation."""
    # Compiling allocates ~10⁵ acyclic objects; the collections they trigger would scan the
    # whole (large, in the app) heap several times and cost more than the compilation itself.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_lexicon(
    entries: Iterable[Entry], *, version: int = 0, allow_list: Iterable[str] = ()
) -> Lexicon:
    """Validate and compile entries plus a global allow list; raise EntryError if one is bad."""
    allowed = tuple(allow_list)
    return compile_lexicon(tuple(entries), version, allowed, allow_list_keys(allowed))


def compile_lexicon(
    entries: tuple[Entry, ...], version: int, allow_list: tuple[str, ...], allow: tuple[Key, ...]
) -> Lexicon:
    """Compile entries with already-normalised allow-list keys."""
    with _gc_paused():
        groups = _groups(entries, allow)
        triggers: dict[str, tuple[list[_Id], list[_Id]]] = {}
        rules = _rules(entries, groups, triggers)
        automaton = _automaton(groups)
        found = _triggers(triggers)
        near = {
            index: kept
            for index, kept in rules.items()
            if any(rule.kind in PROXIMITY for rule in kept)
        }
        negations = _negations(entries, near)
        requirements = _requirements(entries, near)
        documents = _documents(rules)
    pinyin = PinyinIndex(groups)
    return Lexicon(
        version,
        entries,
        allow_list,
        automaton,
        allow,
        rules,
        pinyin,
        found,
        near,
        negations,
        requirements,
        documents,
    )


def _documents(rules: dict[int, tuple[Rule, ...]]) -> dict[int, tuple[DocumentRule, ...]]:
    """The unless, lower and requires rules of every entry that has some, in order."""
    found: dict[int, tuple[DocumentRule, ...]] = {}
    shared: dict[tuple[int, ...], frozenset[int]] = {}
    for index, kept in rules.items():
        tested = tuple(
            DocumentRule(rule.kind, rule.severity, shared.setdefault(rule.ids, frozenset(rule.ids)))
            for rule in kept
            if rule.kind not in PROXIMITY
        )
        if tested:
            found[index] = tested
    return found


def _negations(
    entries: tuple[Entry, ...], near: dict[int, tuple[Rule, ...]]
) -> dict[int, Negations]:
    """Negations of every entry whose per-hit rules are all negated or followed ones (sessions
    18, 19)."""
    found: dict[int, Negations] = {}
    cache: dict[tuple[str, ...], Negations] = {}
    for index, rules in near.items():
        if any(rule.kind in PROXIMITY and rule.kind not in EXEMPTIONS for rule in rules):
            continue
        items = tuple(
            item for item in entries[index].conditions if parse_condition(item).kind in EXEMPTIONS
        )
        quick = cache.get(items)
        if quick is None:
            before, reach = _quick_keys([parse_condition(i) for i in items], "negated")
            after, after_reach = _quick_keys([parse_condition(i) for i in items], "followed")
            quick = cache[items] = Negations(before, reach, after, after_reach)
        found[index] = quick
    return found


def _quick_keys(conditions: list[Condition], kind: str) -> tuple[re.Pattern[str] | None, int]:
    """An alternation of the trigger keys of the conditions of one kind, and their reach (the
    largest distance plus the longest key); None and 0 when there is none."""
    chosen = [condition for condition in conditions if condition.kind == kind]
    keys = [normalise_key(t.text).chars for condition in chosen for t in condition.triggers]
    if not keys:
        return None, 0
    alternatives = "|".join(map(re.escape, sorted(set(keys), key=len, reverse=True)))
    reach = max(condition.distance for condition in chosen) + max(map(len, keys))
    return re.compile(alternatives), reach


def _requirements(
    entries: tuple[Entry, ...], near: dict[int, tuple[Rule, ...]]
) -> dict[int, tuple[Requirement, ...]]:
    """Requirements of every entry with a near or then rule, one for each such rule (session
    19: most hits of such entries in long copy have no trigger in reach, and a regex search of a
    window costs a fraction of the trigger automaton's walk over it)."""
    found: dict[int, tuple[Requirement, ...]] = {}
    cache: dict[str, Requirement] = {}
    for index in near:
        needs = []
        for item in entries[index].conditions:
            need = cache.get(item)
            if need is None:
                condition = parse_condition(item)
                if condition.kind not in ("near", "then"):
                    continue
                keys = {normalise_key(trigger.text).chars for trigger in condition.triggers}
                alternatives = "|".join(map(re.escape, sorted(keys, key=len, reverse=True)))
                longest = max(map(len, keys))
                distance = condition.distance
                if condition.kind == "near":
                    need = Requirement(
                        Alternation(alternatives), distance + longest, distance + longest
                    )
                else:
                    need = Requirement(Alternation(alternatives), 0, distance + 1 + longest)
                cache[item] = need
            needs.append(need)
        if needs:
            found[index] = tuple(needs)
    return found


def _triggers(keys: dict[str, tuple[list[_Id], list[_Id]]]) -> Triggers | None:
    """The byte-level automaton of the trigger keys and their exceptions' keys, like the main one
    (``_automaton``), with what ``Triggers.window`` needs to build the automaton of one entry's
    triggers."""
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    values: dict[str, tuple[tuple[_Id, ...], tuple[_Id, ...]]] = {}
    by_id: dict[int, list[str]] = {}
    for chars, (ids, excepted) in keys.items():
        values[chars] = (tuple(ids), tuple(excepted))
        automaton.add_word(chars.encode().decode("latin-1"), (len(chars), *values[chars]))
        for ident, _ in (*ids, *excepted):
            by_id.setdefault(ident, []).append(chars)
    automaton.make_automaton()
    frozen = {ident: tuple(dict.fromkeys(chars)) for ident, chars in by_id.items()}
    return Triggers(automaton, max(map(len, keys)), values, frozen, {})


def _window_automaton(index: Triggers, ids: frozenset[int]) -> Any:
    """The automaton of the keys of the triggers ids and of their exceptions, each key standing
    for those of its trigger ids (and ids it is an exception of) that are in ids (None: no key)."""
    automaton = ahocorasick.Automaton()
    keys = dict.fromkeys(chars for ident in sorted(ids) for chars in index.by_id.get(ident, ()))
    for chars in keys:
        triggers, excepted = index.keys[chars]
        mine = tuple(pair for pair in triggers if pair[0] in ids)
        theirs = tuple(pair for pair in excepted if pair[0] in ids)
        automaton.add_word(chars.encode().decode("latin-1"), (len(chars), mine, theirs))
    if not keys:
        return None
    automaton.make_automaton()
    return automaton


def _add(
    groups: dict[str, list[Pattern]],
    ids: dict[tuple[int, Any], int],
    kind: int,
    what: Marker,
    triggers: dict[str, tuple[list[_Id], list[_Id]]],
) -> int:
    """Give a marker (kind MARKER) or trigger (TRIGGER) an id, adding its patterns and those of
    its exceptions (MARKER_EXCEPTION, TRIGGER_EXCEPTION) once under that id. A trigger's key and
    its exceptions' keys are also filed in triggers (key → (trigger ids and runs, ids and runs of
    the triggers it is an exception of)): the engine looks for both in a trigger window."""
    if (kind, what) in ids:
        return ids[kind, what]
    ident = ids[kind, what] = len(ids)
    key = normalise_key(what.text)
    groups.setdefault(key.chars, []).append(Pattern(kind, ident, key.runs, None))
    if kind == TRIGGER and key.chars:
        triggers.setdefault(key.chars, ([], []))[0].append((ident, key.runs))
    excepted = MARKER_EXCEPTION if kind == MARKER else TRIGGER_EXCEPTION
    for exception in {normalise_key(exception) for exception in what.exceptions}:
        groups.setdefault(exception.chars, []).append(
            Pattern(excepted, ident, exception.runs, None)
        )
        if kind == TRIGGER and exception.chars:  # (issue 18: 送!送洗 in the window of a hit)
            triggers.setdefault(exception.chars, ([], []))[1].append((ident, exception.runs))
    return ident


def _rules(
    entries: tuple[Entry, ...],
    groups: dict[str, list[Pattern]],
    triggers: dict[str, tuple[list[_Id], list[_Id]]],
) -> dict[int, tuple[Rule, ...]]:
    """Compile the conditions of every entry that has some, adding their keys to groups and
    the keys of their triggers and of the triggers' exceptions to triggers."""
    rules: dict[int, tuple[Rule, ...]] = {}
    ids: dict[tuple[int, Any], int] = {}
    for index, entry in enumerate(entries):
        if not entry.conditions:
            continue
        compiled = []
        for item in entry.conditions:
            condition: Condition = parse_condition(item)
            if condition.kind in PROXIMITY:
                found = tuple(_add(groups, ids, TRIGGER, t, triggers) for t in condition.triggers)
            else:
                found = tuple(_add(groups, ids, MARKER, m, triggers) for m in condition.markers)
            compiled.append(Rule(condition.kind, condition.severity, condition.distance, found))
        rules[index] = tuple(compiled)
    return rules


def _groups(entries: tuple[Entry, ...], allow: tuple[Key, ...]) -> dict[str, list[Pattern]]:
    """Validate entries and group their patterns, and the allow-list keys, by collapsed key."""
    groups: dict[str, list[Pattern]] = {}
    channel_sets: dict[tuple[str, ...], frozenset[str]] = {(): _ALL_CHANNELS}
    keys = normalise_keys([entry.term for entry in entries])
    for index, (entry, key) in enumerate(zip(entries, keys, strict=True)):
        _validated(entry, key)
        channels = channel_sets.get(entry.channels)
        if channels is None:
            channels = channel_sets[entry.channels] = frozenset(entry.channels)
        pattern = _new_pattern(
            Pattern,
            (ENTRY, index, key.runs, entry, channels, entry.match == "word", entry_tail(entry)),
        )
        group = groups.get(key.chars)
        if group is None:
            groups[key.chars] = [pattern]
        else:
            group.append(pattern)
        if entry.allow_contexts:
            for context in {normalise_key(context) for context in entry.allow_contexts}:
                pattern = Pattern(CONTEXT, index, context.runs, None)
                groups.setdefault(context.chars, []).append(pattern)
    for key in allow:
        groups.setdefault(key.chars, []).append(Pattern(ALLOW, -1, key.runs, None))
    return groups


_new_pattern: Any = tuple.__new__  # a Pattern from all its values, without Python-level defaults


def entries_with_key(lexicon: Lexicon, term: str) -> list[Entry]:
    """Entries of the lexicon whose term normalises exactly like `term` (duplicate detection)."""
    key = normalise_key(term)
    if lexicon.automaton is None or not key.chars:
        return []
    found = lexicon.automaton.get(key.chars.encode().decode("latin-1"), None)
    if found is None:
        return []
    return [p.entry for p in found[1] if p.kind == ENTRY and p.entry and p.runs == key.runs]
