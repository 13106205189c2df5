"""Checking text against a compiled lexicon: candidate hits, exceptions, word mode and PII.

A candidate is an occurrence (see ``normalize``) of an entry's key in a field's collapsed stream,
for an entry in scope for the channel (no channels = every channel; channel None = every entry).
A candidate is dropped when

1. an occurrence of one of the entry's allowed contexts covers its collapsed span;
2. an occurrence of a global allow-list string covers its collapsed span (any entry);
3. the entry is in ``word`` mode and the original start is not the start of a jieba token or the
   original end not the end of one, tokens being those of ``jieba.cut(map_text(field), HMM=True)``.

Conditions (``conditions``) then apply: a ``near`` rule keeps a candidate only when one of its
triggers occurs close enough in the same sentence of the same field, a ``then`` rule when one
follows it close enough in the same sentence or the next (one sentence end between, not
counted); a ``negated`` rule drops it when one of its triggers stands before it close enough in
the same clause (no sentence end, clause break or scope breaker between), a ``followed`` rule
when one starts close enough after it in the same clause; ``unless``, ``lower``
and ``requires`` rules look at the markers of the whole document (every field checked
together).

A text in which some emoji reads as a word (``normalize``: ``销量🥇``), or which holds a symbol of
``normalize.SYMBOL_WORDS`` (``№1``, ``第Ⅰ名``, ``⑩分``; session 19), is scanned twice, once with
those emoji and symbols read as their words and once with every emoji a separator and every
symbol mapped as any character (the reading before session 17, so a term written around an
emoji, ``下方🛒第``, still matches); markers and hits of both readings count, identical hits are
merged.

Title and body are checked separately (no match spans both). PII (``pii``) is found in the original
text and is not subject to allowed contexts or the allow list. Identical
hits are merged, hits sorted by field (title, body), start, end, category, term, and the verdict is
the highest severity (only ``info`` hits, or none, give ``pass``). A report lists a bounded number
of hits (``model.MAX_HITS``, ``MAX_HITS_PER_TERM`` of one rule, the first hit of every rule first)
and counts every rule's hits (``Report.terms``); verdict and counts always come from all hits.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import Any, NamedTuple

from app.compliance.conditions import SCOPE_BREAKERS
from app.compliance.lexicon import (
    CONTEXT,
    ENTRY,
    MARKER,
    MARKER_EXCEPTION,
    TRIGGER,
    TRIGGER_EXCEPTION,
    DocumentRule,
    Lexicon,
    Pattern,
    Rule,
    Triggers,
    compile_lexicon,
    validate_entry,
)
from app.compliance.model import (
    MAX_HITS,
    SEVERITIES,
    Entry,
    Hit,
    Report,
    make_report,
    severity_rank,
)
from app.compliance.normalize import BOUNDARY, Stream
from app.compliance.pii import find_pii
from app.compliance.pinyin import occurrences
from app.compliance.segment import WordBoundaries
from app.messages import N_, Message


def check(
    lexicon: Lexicon,
    *,
    title: str = "",
    body: str = "",
    channel: str | None = None,
    summary: str = "",
    limit: int | None = MAX_HITS,
) -> Report:
    """Check a piece's title, body and (公众号 digest) summary; return the report of PRODUCT §4
    listing at most `limit` hits (None: all)."""
    fields = [(title, "title"), (body, "body")]
    if summary:
        fields.append((summary, "summary"))
    hits = document_hits(lexicon, fields, channel)
    for text, field in fields:
        hits += find_pii(text, field)
    return make_report(hits, lexicon.version, limit=limit)


def check_text(
    lexicon: Lexicon,
    text: str,
    *,
    channel: str | None = None,
    field: str = "body",
    limit: int | None = MAX_HITS,
) -> Report:
    """Check one text as the given field; return the report (at most `limit` hits listed)."""
    hits = document_hits(lexicon, [(text, field)], channel) + find_pii(text, field)
    return make_report(hits, lexicon.version, limit=limit)


def verify_examples(lexicon: Lexicon | None, entry: Entry) -> list[str]:
    """Check an entry's must-hit and must-pass examples in isolation; return the problems
    (``Message``s: Chinese as a str, translatable by the web layer)."""
    validate_entry(entry)
    allow_list, allow = (lexicon.allow_list, lexicon.allow_keys) if lexicon else ((), ())
    alone = compile_lexicon((entry,), 0, allow_list, allow)
    problems: list[str] = []
    for example in entry.examples_hit:
        if not lexicon_hits(alone, example, None, "body"):
            missed = N_("必中示例“%(example)s”没有命中词条“%(term)s”")
            problems.append(Message(missed, example=example, term=entry.term))
    for example in entry.examples_pass:
        for hit in lexicon_hits(alone, example, None, "body"):
            found = N_(
                "必过示例“%(example)s”在第 %(start)s–%(end)s 个字符“%(text)s”命中了词条“%(term)s”"
            )
            problems.append(
                Message(
                    found,
                    example=example,
                    start=hit.start + 1,
                    end=hit.end,
                    text=hit.text,
                    term=hit.term,
                )
            )
    return problems


def lexicon_hits(lexicon: Lexicon, text: str, channel: str | None, field: str) -> list[Hit]:
    """Word-list hits of one text checked as a whole document (no PII), unsorted."""
    return document_hits(lexicon, [(text, field)], channel)


def document_hits(
    lexicon: Lexicon, fields: list[tuple[str, str]], channel: str | None
) -> list[Hit]:
    """Word-list hits of a document's (text, field) pairs (no PII), conditions applied."""
    hits: list[tuple[int, Hit]] = []
    markers: set[int] = set()
    mixed: set[tuple[str, int, int, int]] = set()
    for text, field in fields:
        hits += _field_hits(lexicon, text, channel, field, markers, mixed)
    if mixed:  # some hit is a mixed pinyin spelling: rare, so apart from the common path
        return _one_hit_a_span(lexicon, hits, markers, mixed)
    if not lexicon.documents:
        return [hit for _, hit in hits]
    documents = lexicon.documents
    kept: list[Hit] = []
    for index, hit in hits:
        rules = documents.get(index)
        if rules is None:  # most entries have no document rules
            kept.append(hit)
        elif (judged := _judged(rules, hit, markers)) is not None:
            kept.append(judged)
    return kept


def _one_hit_a_span(
    lexicon: Lexicon,
    hits: list[tuple[int, Hit]],
    markers: set[int],
    mixed: set[tuple[str, int, int, int]],
) -> list[Hit]:
    """document_hits when some hits are mixed pinyin spellings (``mixed``: their field, original
    span and entry index): rules applied, then one hit for each span and category that a mixed
    hit shares with hits of other entries (``zui好`` spells both 最好 and the homophone entry
    醉好; ``chou奖`` is an entry and spells 抽奖): the most severe, on a tie an ordinary match
    before a mixed one, then the entry listed first."""
    judged: list[tuple[int, Hit]] = []
    for index, hit in hits:
        rules = lexicon.documents.get(index)
        if rules is None:
            judged.append((index, hit))
        elif (kept := _judged(rules, hit, markers)) is not None:
            judged.append((index, kept))
    shared = {
        (hit[0], hit[1], hit[2], hit[5]) for index, hit in judged if (*hit[:3], index) in mixed
    }
    best: dict[tuple[str, int, int, str], tuple[int, bool, int]] = {}
    for index, hit in judged:
        span = (hit[0], hit[1], hit[2], hit[5])
        if span in shared:
            rank = (-severity_rank(hit[6]), (*hit[:3], index) in mixed, index)
            if span not in best or rank < best[span]:
                best[span] = rank
    return [
        hit
        for index, hit in judged
        if (span := (hit[0], hit[1], hit[2], hit[5])) not in best or best[span][2] == index
    ]


def _judged(rules: tuple[DocumentRule, ...], hit: Hit, markers: set[int]) -> Hit | None:
    """Apply an entry's document rules to one of its hits: drop it (None), lower it or keep it."""
    severity = hit[6]
    for kind, lowered, ids in rules:
        if kind == "requires":
            if markers.isdisjoint(ids):  # none of its markers
                return None
            continue
        if not ids <= markers:  # not all of its markers
            continue
        if kind == "unless":
            return None
        severity = min(severity, lowered, key=SEVERITIES.index)
    return hit if severity == hit[6] else hit._replace(severity=severity)


def _field_hits(
    lexicon: Lexicon,
    text: str,
    channel: str | None,
    field: str,
    markers: set[int],
    mixed: set[tuple[str, int, int, int]],
) -> list[tuple[int, Hit]]:
    """(entry index, hit) of one field after near/then rules; adds the markers it holds, and
    the (field, original start, end, entry index) of its mixed pinyin hits to mixed."""
    if lexicon.automaton is None or not text:
        return []
    stream = Stream(text)
    hits = _stream_hits(lexicon, text, stream, channel, field, markers, mixed)
    if stream.reads_emoji:  # rare: also every emoji a separator, as before they read as words
        plain = Stream(text, emoji=False)
        seen = set(hits)
        more = _stream_hits(lexicon, text, plain, channel, field, markers, mixed)
        hits += [hit for hit in more if hit not in seen]
    return hits


def _stream_hits(
    lexicon: Lexicon,
    text: str,
    stream: Stream,
    channel: str | None,
    field: str,
    markers: set[int],
    mixed: set[tuple[str, int, int, int]],
) -> list[tuple[int, Hit]]:
    """_field_hits of one reading of the field's text (its stream)."""
    found = _scan(lexicon, stream, channel)
    for ident, spans in found.markers.items():
        exceptions = found.exceptions.get(ident)
        covered = _coverage(exceptions) if exceptions else None
        if covered is None or not all(covered(*span) for span in spans):
            markers.add(ident)
    words: WordBoundaries | None = None
    sentences: _Sentences | None = None
    hits: list[tuple[int, Hit]] = []
    near = lexicon.near
    negations = lexicon.negations
    requirements = lexicon.requirements
    candidates = _uncovered(found)
    spelled = found.mixed  # (start, end, entry index) of the mixed pinyin candidates
    add = hits.append
    for (start, end, pattern), (first, last) in zip(
        candidates, stream.original_spans(candidates), strict=True
    ):
        # candidates are ENTRY patterns, which carry their entry's part of the hit
        _, index, _, _, _, word, tail = pattern  # one unpacking, no attribute lookups
        if index in near:
            # an entry whose only per-hit rules are negated and followed ones, with no trigger key
            # close enough before (negated) or after (followed) the hit, keeps it without a
            # trigger window
            quick = negations.get(index)
            if (
                quick is None
                or found.triggers
                or (
                    quick.keys is not None
                    and quick.keys.search(stream.collapsed, max(start - quick.reach, 0), start)
                )
                or (
                    quick.after is not None
                    and quick.after.search(stream.collapsed, end, end + quick.after_reach)
                )
            ):
                # a near or then rule with no trigger key in reach fails: the hit goes without a
                # trigger window (session 19; mixed pinyin triggers, found anywhere, excepted)
                needs = requirements.get(index)
                if needs and not found.triggers:
                    collapsed = stream.collapsed
                    if not all(
                        need.keys.search(collapsed, max(start - need.before, 0), end + need.after)
                        for need in needs
                    ):
                        continue
                rules = near[index]
                sentences = sentences or _Sentences(stream, lexicon.triggers, found, text)
                triggers = sentences.triggers(index, rules, start, end)
                if not _near(rules, start, end, triggers, sentences):
                    continue
        if word:
            words = words or WordBoundaries(text)
            if not words.aligned(first, last):
                continue
        if spelled and (start, end, index) in spelled:
            mixed.add((field, first, last, index))
        # make_hit inlined: one function call less a candidate
        add((index, _new_tuple(Hit, (field, first, last, text[first:last]) + tail)))
    return hits


_new_tuple: Any = tuple.__new__


class _Sentences:
    """A collapsed stream, to tell whether a span crosses a sentence end (spans are short) and
    to find the triggers around a hit."""

    __slots__ = (
        "_collapsed",
        "_stream",
        "_index",
        "_spelled",
        "_spelled_exceptions",
        "_text",
    )

    def __init__(self, stream: Stream, index: Triggers | None, found: _Found, text: str) -> None:
        self._collapsed = stream.collapsed
        self._stream = stream
        self._text = text  # the stream's text, for its clause breaks
        self._index = index  # the lexicon's trigger words and their exceptions
        self._spelled = found.triggers  # trigger id → its mixed pinyin occurrences
        # trigger id → the mixed pinyin occurrences of its exceptions
        self._spelled_exceptions = found.trigger_exceptions

    def one(self, start: int, end: int) -> bool:
        """Tell whether [start, end) holds no sentence end (str.find scans in C)."""
        return self._collapsed.find(BOUNDARY, start, end) < 0

    def open(self, start: int, end: int) -> bool:
        """Tell whether a negation ending at collapsed position start reaches a hit starting at
        end: no sentence end, no clause break (comma, 、) and no scope breaker (但, 还能…) lies
        in between."""
        if not self.clause(start, end):
            return False
        if end - start > 0:
            between = self._collapsed[start:end]
            for word in SCOPE_BREAKERS:
                if word in between:
                    return False
        return True

    def clause(self, start: int, end: int) -> bool:
        """Tell whether [start, end) of the collapsed stream holds no sentence end and no clause
        break (comma, 、): a followed trigger starting at end belongs to the hit's clause."""
        if self._collapsed.find(BOUNDARY, start, end) >= 0:
            return False
        # only the original text between the two spans is searched (session 20)
        return not self._stream.clause_break_between(self._text, start, end)

    def ends(self, start: int, end: int) -> int:
        """Count the sentence ends in [start, end) (a run of them is one stream character)."""
        return self._collapsed.count(BOUNDARY, start, end)

    def triggers(
        self, entry_index: int, rules: tuple[Rule, ...], start: int, end: int
    ) -> dict[int, list[tuple[int, int]]]:
        """Trigger id → occurrences, for every trigger that the near and then rules of a hit at
        [start, end) could accept (``rules``, those of entry_index; of the other triggers, only
        the mixed pinyin occurrences): the automaton of the rules' trigger keys and their
        exceptions' keys (``Triggers.window``) runs over a window of the collapsed
        stream reaching the farthest rule's distance (plus one sentence end, for then) and the
        longest key beyond either side, instead of over the whole text; the mixed pinyin
        occurrences are added wherever they are. An occurrence inside an occurrence of one of
        its trigger's exceptions (送 in 送洗) is left out. The window holds every exception
        occurrence that covers a trigger the rules can accept: such a trigger starts at most
        distance + 1 after end, or ends at most distance before start; an exception covering it
        starts at or before its start and ends at or after its end, so it ends at most its own
        length after the trigger's start and starts at most its own length before the trigger's
        end — within the window, as ``longest`` counts the exceptions' keys too."""
        spelled = self._spelled  # almost always empty
        found = {ident: list(spans) for ident, spans in spelled.items()} if spelled else {}
        if self._index is None:
            return found
        covers: dict[int, list[tuple[int, int]]] = {}  # trigger id → its exceptions' occurrences
        longest = self._index.longest
        automaton = self._index.window(entry_index, rules)
        if automaton is None:  # never, as trigger keys are never empty: the mixed ones alone
            return self._with_spelled_exceptions(found, covers)
        reach = max(rule.distance for rule in rules) + 1 + longest
        fits = self._stream.fits
        first = max(start - reach, 0)
        window = self._collapsed[first : end + reach]
        raw = window.encode()  # bytes, as for the main automaton (a str trie is much slower)
        one_byte = len(raw) == len(window)
        leads = b"" if one_byte else raw.translate(_LEADS)
        byte_pos, char_pos = 0, first
        for last_byte, (length, ids, excepted) in automaton.iter(raw.decode("latin-1")):
            if one_byte:
                t_end = first + last_byte + 1
            elif last_byte >= byte_pos:  # by increasing end, as in _scan
                char_pos += leads.count(1, byte_pos, last_byte + 1)
                byte_pos = last_byte + 1
                t_end = char_pos
            t_start = t_end - length
            for ident, runs in ids:
                if runs is None or fits(t_start, runs):
                    spans = found.get(ident)
                    if spans is None:
                        found[ident] = [(t_start, t_end)]
                    else:
                        spans.append((t_start, t_end))
            if excepted:  # the key is an exception of some triggers (送洗 of 送)
                for ident, runs in excepted:
                    if runs is None or fits(t_start, runs):
                        covers.setdefault(ident, []).append((t_start, t_end))
        return self._with_spelled_exceptions(found, covers)

    def _with_spelled_exceptions(
        self, found: dict[int, list[tuple[int, int]]], covers: dict[int, list[tuple[int, int]]]
    ) -> dict[int, list[tuple[int, int]]]:
        """Add the mixed pinyin occurrences of the triggers' exceptions to covers, and drop the
        trigger occurrences found that they cover."""
        if self._spelled_exceptions:  # almost never
            for ident, spans in self._spelled_exceptions.items():
                covers.setdefault(ident, []).extend(spans)
        if covers and found:
            _drop_excepted(found, covers)
        return found


def _drop_excepted(
    triggers: dict[int, list[tuple[int, int]]], exceptions: dict[int, list[tuple[int, int]]]
) -> None:
    """Remove the trigger occurrences that lie inside an occurrence of one of their exceptions."""
    for ident in [ident for ident in triggers if ident in exceptions]:
        covered = _coverage(exceptions[ident])
        kept = [span for span in triggers[ident] if not covered(*span)]
        if kept:
            triggers[ident] = kept
        else:
            del triggers[ident]


def _near(
    rules: tuple[Rule, ...],
    start: int,
    end: int,
    triggers: dict[int, list[tuple[int, int]]],
    sentences: _Sentences,
) -> bool:
    """Tell whether every near rule has a trigger within its distance in the same sentence, every
    then rule one that follows within its distance, at most one sentence end between, no
    negated rule a trigger that ends at most its distance before the hit, in the same clause,
    and no followed rule one that starts at most its distance after the hit, in the same
    clause."""
    for rule in rules:
        if rule.kind == "followed":
            if any(
                t_start >= end and t_start - end <= rule.distance and sentences.clause(end, t_start)
                for ident in rule.ids
                for t_start, _ in triggers.get(ident, ())
            ):
                return False
            continue
        if rule.kind == "negated":
            if any(
                t_end <= start and start - t_end <= rule.distance and sentences.open(t_end, start)
                for ident in rule.ids
                for _, t_end in triggers.get(ident, ())
            ):
                return False
            continue
        if rule.kind == "then":
            if not any(
                t_start >= start
                and (ends := sentences.ends(start, t_end)) <= 1
                and max(t_start - end, 0) - ends <= rule.distance
                for ident in rule.ids
                for t_start, t_end in triggers.get(ident, ())
            ):
                return False
            continue
        if rule.kind != "near":
            continue
        if not any(
            max(t_start - end, start - t_end, 0) <= rule.distance
            and sentences.one(min(start, t_start), max(end, t_end))
            for ident in rule.ids
            for t_start, t_end in triggers.get(ident, ())
        ):
            return False
    return True


class _Found(NamedTuple):
    """Occurrences in one stream (collapsed spans): in-scope entries and the exceptions."""

    candidates: list[tuple[int, int, Pattern]]
    allowed: list[tuple[int, int]]  # global allow-list occurrences
    contexts: dict[int, list[tuple[int, int]]]  # entry index → its allowed-context occurrences
    markers: dict[int, list[tuple[int, int]]]  # marker id → its occurrences
    exceptions: dict[int, list[tuple[int, int]]]  # marker id → occurrences of its exceptions
    triggers: dict[int, list[tuple[int, int]]]  # trigger id → its mixed pinyin occurrences
    trigger_exceptions: dict[int, list[tuple[int, int]]]  # trigger id → mixed pinyin
    # occurrences of its exceptions (the others are found in the trigger windows)
    mixed: set[tuple[int, int, int]]  # (start, end, entry index) of mixed pinyin candidates


# UTF-8 byte → 1 when it starts a character, 0 when it continues one (0x80–0xBF): counting the
# 1s of the translated bytes up to a match's end (bytes.count, in C, no copy) gives its end in
# characters, where decoding the bytes since the previous match made a bytes and a str each time.
_LEADS = bytes(0 if 0x80 <= byte < 0xC0 else 1 for byte in range(256))


def _scan(lexicon: Lexicon, stream: Stream, channel: str | None) -> _Found:
    """Run the automaton once (and the mixed pinyin one where the text calls for it) and sort
    each fitting occurrence by what its key stands for."""
    found = _Found([], [], {}, {}, {}, {}, {}, set())
    candidates, triggers = found.candidates, found.triggers
    others: list[tuple[int, int, tuple[Pattern, ...]]] = []  # occurrences of the other keys
    singles: list[tuple[tuple[int, int], int, int]] = []  # one marker or context, no runs
    raw = stream.collapsed.encode()
    matches = lexicon.automaton.iter(raw.decode("latin-1"))
    candidate, single, other = candidates.append, singles.append, others.append
    if len(raw) == len(stream.collapsed):  # one byte a character: byte ends are character ends
        for last_byte, (length, patterns, plain, alone) in matches:
            if plain is not None:  # one entry, every channel, no run lengths: nothing to test
                candidate((last_byte + 1 - length, last_byte + 1, plain))
            elif alone is not None:
                single((alone, last_byte + 1 - length, last_byte + 1))
            else:
                other((last_byte + 1 - length, last_byte + 1, patterns))
    else:
        count = raw.translate(_LEADS).count
        byte_pos = end = 0
        for last_byte, (length, patterns, plain, alone) in matches:
            if last_byte >= byte_pos:  # matches arrive by increasing end: one linear walk
                end += count(1, byte_pos, last_byte + 1)  # characters up to the match end
                byte_pos = last_byte + 1
            # else: the same end as the previous match, so end is still right
            if plain is not None:
                candidate((end - length, end, plain))
            elif alone is not None:
                single((alone, end - length, end))
            else:
                other((end - length, end, patterns))
    markers, contexts = found.markers, found.contexts
    # (the order of a marker's or a context's occurrences does not matter: both are tested
    # through _coverage, which sorts them, or all of them)
    for (kind, ident), start, end in singles:
        filed = markers if kind == MARKER else contexts
        spans = filed.get(ident)
        if spans is None:
            filed[ident] = [(start, end)]
        else:
            spans.append((start, end))
    if lexicon.pinyin is not None:
        for start, end, patterns in occurrences(lexicon.pinyin.get, stream):
            others.append((start, end, patterns))
            found.mixed.update((start, end, p.entry_index) for p in patterns if p.kind == ENTRY)
    for start, end, patterns in others:
        for pattern in patterns:
            kind, ident, runs, _, channels, _, _ = pattern  # one unpacking, no attribute lookups
            if runs is not None and not stream.fits(start, runs):
                continue
            # the kinds by how often they occur in copy (entries, markers, contexts)
            if kind == ENTRY:
                # channel scope: no channels = every channel; channel None = every entry
                if channel is None or not channels or channel in channels:
                    candidate((start, end, pattern))
            elif kind == MARKER:
                spans = markers.get(ident)
                if spans is None:
                    markers[ident] = [(start, end)]
                else:
                    spans.append((start, end))
            elif kind == CONTEXT:
                spans = contexts.get(ident)
                if spans is None:
                    contexts[ident] = [(start, end)]
                else:
                    spans.append((start, end))
            elif kind == TRIGGER:  # a mixed pinyin spelling (the automaton has none)
                triggers.setdefault(ident, []).append((start, end))
            elif kind == MARKER_EXCEPTION:
                found.exceptions.setdefault(ident, []).append((start, end))
            elif kind == TRIGGER_EXCEPTION:  # a mixed pinyin spelling, as for TRIGGER
                found.trigger_exceptions.setdefault(ident, []).append((start, end))
            else:
                found.allowed.append((start, end))
    return found


def _uncovered(found: _Found) -> list[tuple[int, int, Pattern]]:
    """The candidates that no allow-list string and no own allowed context covers."""
    if not found.allowed and not found.contexts:  # the common case: nothing to test
        return found.candidates
    candidates = found.candidates
    if found.allowed:
        allowed = _coverage(found.allowed)
        candidates = [candidate for candidate in candidates if not allowed(*candidate[:2])]
    if not found.contexts:
        return candidates
    contexts = {index: _coverage(spans) for index, spans in found.contexts.items()}
    return [
        candidate
        for candidate in candidates
        # candidate[2][1]: the pattern's entry_index (a tuple index is cheaper than its name)
        if not ((context := contexts.get(candidate[2][1])) and context(*candidate[:2]))
    ]


def _coverage(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Return a test "is [start, end) inside one of spans?"."""
    spans.sort()
    starts = [start for start, _ in spans]
    reach = list(accumulate((end for _, end in spans), max))

    def covered(start: int, end: int) -> bool:
        """Tell whether some span starting at or before start reaches end."""
        k = bisect_right(starts, start) - 1
        return k >= 0 and reach[k] >= end

    return covered
