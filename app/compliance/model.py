"""Value types of the compliance engine: word-list entries, hits and reports (PRODUCT §4)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

SEVERITIES: tuple[str, ...] = ("info", "warn", "review", "block")
# A report lists at most MAX_HITS hits and MAX_HITS_PER_TERM occurrences of one term; the verdict
# and the per-term counts (``Report.terms``) always come from every hit (PRODUCT §4, issue 14).
MAX_HITS = 500
MAX_HITS_PER_TERM = 20
VERDICTS: tuple[str, ...] = ("pass", "warn", "review", "block")
MATCH_MODES: tuple[str, ...] = ("substring", "word")
FIELDS: tuple[str, ...] = ("title", "body")

_HIT_KEYS: tuple[str, ...] = (
    "field",
    "start",
    "end",
    "text",
    "term",
    "category",
    "severity",
    "entry_id",
    "suggestion",
    "basis",
)


class EntryError(ValueError):
    """A word-list entry that cannot be compiled (the message is Chinese, for legal)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One word-list entry as legal edits it."""

    term: str
    category: str
    severity: str
    match: str = "substring"
    allow_contexts: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    suggestion: str = ""
    basis: str = ""
    note: str = ""
    examples_hit: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()  # see ``conditions``: unless:…, lower:…:…, near:N:…
    id: int | None = None


class Hit(NamedTuple):
    """One finding: a span of the original field text and the rule it broke.

    A named tuple rather than a frozen dataclass: the engine makes one per hit, and a tuple is
    built, hashed, compared and deduplicated in C (a frozen dataclass's ``__init__`` alone cost
    several µs a hit). Change one field with ``hit._replace(severity=…)``.
    """

    field: str
    start: int
    end: int
    text: str
    term: str
    category: str
    severity: str
    entry_id: int | None
    suggestion: str
    basis: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the hit (PRODUCT §4)."""
        return dict(zip(_HIT_KEYS, self, strict=True))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Hit:
        """Rebuild a hit from its JSON form."""
        return cls(*(data[key] for key in _HIT_KEYS))


@dataclass(frozen=True, slots=True)
class TermCount:
    """How often one rule (term, category, severity, entry) was hit in a report, listed or not."""

    term: str
    category: str
    severity: str
    entry_id: int | None
    count: int

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the count."""
        return {
            "term": self.term,
            "category": self.category,
            "severity": self.severity,
            "entry_id": self.entry_id,
            "count": self.count,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TermCount:
        """Rebuild a count from its JSON form."""
        return cls(
            data["term"], data["category"], data["severity"], data["entry_id"], int(data["count"])
        )


@dataclass(frozen=True, slots=True)
class Report:
    """The result of one check: verdict, lexicon version, the listed hits and every term's count.

    ``hits`` is capped (``MAX_HITS``, ``MAX_HITS_PER_TERM``); ``verdict`` and ``terms`` (every
    rule hit, with its count over all hits, first hit first) are not. A report built without
    ``terms`` (an old stored one) counts its listed hits.
    """

    verdict: str
    lexicon_version: int
    hits: tuple[Hit, ...]
    terms: tuple[TermCount, ...] = ()

    def __post_init__(self) -> None:
        if not self.terms and self.hits:
            object.__setattr__(self, "terms", count_terms(self.hits))

    @property
    def total(self) -> int:
        """The number of hits, listed or not."""
        return sum(term.count for term in self.terms)

    @property
    def truncated(self) -> bool:
        """True when some hits are counted but not listed."""
        return self.total > len(self.hits)

    @property
    def categories(self) -> set[str]:
        """The categories of every hit, listed or not."""
        return {term.category for term in self.terms}

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the report (PRODUCT §4)."""
        return {
            "verdict": self.verdict,
            "lexicon_version": self.lexicon_version,
            "hits": [hit.to_dict() for hit in self.hits],
            "total_hits": self.total,
            "terms": [term.to_dict() for term in self.terms],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Rebuild a report from its JSON form (with or without its term counts)."""
        hits = tuple(Hit.from_dict(hit) for hit in data["hits"])
        terms = tuple(TermCount.from_dict(term) for term in data.get("terms") or ())
        return cls(data["verdict"], int(data["lexicon_version"]), hits, terms)


def entry_hit(entry: Entry, field: str, text: str, start: int, end: int) -> Hit:
    """Build the hit of a word-list entry at [start, end) of a field's original text."""
    return make_hit((field, start, end, text[start:end]) + entry_tail(entry))


def entry_tail(entry: Entry) -> tuple[str, str, str, int | None, str, str]:
    """The fields of a hit that come from its entry (term … basis), in Hit order."""
    return (entry.term, entry.category, entry.severity, entry.id, entry.suggestion, entry.basis)


def make_hit(values: tuple[Any, ...]) -> Hit:
    """A Hit from its ten values in field order, without Python-level argument handling."""
    return _new_tuple(Hit, values)


_new_tuple: Any = tuple.__new__
_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
_FIELD_RANK = {field: rank for rank, field in enumerate(FIELDS)}
_rule: Any = itemgetter(4, 5, 6, 7)  # (term, category, severity, entry_id) of a hit


def severity_rank(severity: str) -> int:
    """Return the position of a severity in SEVERITIES (info = 0 … block = 3)."""
    return _RANK[severity]


def verdict_for(hits: tuple[Hit, ...] | list[Hit]) -> str:
    """Return the highest hit severity as a verdict; no hits or only info hits give pass."""
    rank = max(map(_RANK.__getitem__, {hit[6] for hit in hits}), default=0)
    return VERDICTS[rank]


def hit_sort_key(hit: Hit) -> tuple[Any, ...]:
    """Order hits by field (title first), start, end, category, term, then the rest."""
    field, start, end, _text, term, category, severity, entry_id, suggestion, basis = hit
    return (
        _FIELD_RANK.get(field, len(FIELDS)),
        field,
        start,
        end,
        category,
        term,
        severity,
        -1 if entry_id is None else entry_id,
        suggestion,
        basis,
    )


_field: Any = itemgetter(0)
_place: Any = itemgetter(1, 2, 5, 4, 6)  # start, end, category, term, severity: hit_sort_key
_field_place: Any = itemgetter(0, 1, 2, 5, 4, 6)  # after the field's rank


def sorted_hits(hits: set[Hit] | list[Hit]) -> tuple[Hit, ...]:
    """The hits without duplicates, ordered by ``hit_sort_key``. Two hits almost never share field,
    start, end, category, term and severity, and then that prefix of the key decides the order
    alone: it is taken in C (``itemgetter``), not by a Python call for every hit (session 20),
    one field after the other; the full key only when some two do share it."""
    unique = set(hits)
    if len(set(map(_field_place, unique))) < len(unique):
        return tuple(sorted(unique, key=hit_sort_key))
    ordered = sorted(unique, key=_place)
    fields = set(map(_field, ordered))
    if len(fields) <= 1:
        return tuple(ordered)
    by_rank = sorted(fields, key=lambda field: (_FIELD_RANK.get(field, len(FIELDS)), field))
    return tuple(hit for field in by_rank for hit in ordered if hit[0] == field)


def count_terms(hits: tuple[Hit, ...] | list[Hit]) -> tuple[TermCount, ...]:
    """One count per rule hit, in the order of each rule's first hit."""
    return _counts(list(map(_rule, hits)))


def _counts(rules: list[tuple[str, str, str, int | None]]) -> tuple[TermCount, ...]:
    return _term_counts(Counter(rules))  # counted in C; keys keep the order of first sight


def _term_counts(counts: Counter[tuple[str, str, str, int | None]]) -> tuple[TermCount, ...]:
    return tuple(TermCount(*key, count) for key, count in counts.items())


def listed_hits(ordered: tuple[Hit, ...], limit: int, per_term: int) -> tuple[Hit, ...]:
    """The hits a report lists: the first hit of every rule (most severe rules first while
    `limit` allows), then further hits in text order up to `per_term` a rule and `limit` in all."""
    return _listed(ordered, list(map(_rule, ordered)), limit, per_term)


def _listed(
    ordered: tuple[Hit, ...],
    rules: list[tuple[str, str, str, int | None]],
    limit: int,
    per_term: int,
) -> tuple[Hit, ...]:
    """listed_hits with each hit's rule given; works on positions in ``ordered`` (sorted and
    without duplicates), so no hit is hashed and the result needs no second sort."""
    if len(ordered) <= limit and len(ordered) <= per_term:
        return ordered
    if len(ordered) <= limit:  # the limit leaves nothing out: each rule's first hits, one loop
        most = max(per_term, 1)  # (a rule's first hit is listed even when per_term is 0)
        seen: dict[tuple[str, str, str, int | None], int] = {}
        kept = []
        for hit, rule in zip(ordered, rules, strict=True):
            count = seen.get(rule, 0)
            if count < most:
                seen[rule] = count + 1
                kept.append(hit)
        return tuple(kept)
    shown: dict[tuple[str, str, str, int | None], int] = {}
    firsts = []
    for index, rule in enumerate(rules):
        if rule not in shown:
            shown[rule] = 0
            firsts.append(index)
    firsts.sort(key=lambda index: -_RANK[ordered[index][6]])  # stable
    chosen = set(firsts[:limit])
    for index in chosen:
        shown[rules[index]] = 1
    for index, rule in enumerate(rules):
        if len(chosen) >= limit:
            break
        if index not in chosen and shown[rule] < per_term:
            chosen.add(index)
            shown[rule] += 1
    return tuple(ordered[index] for index in sorted(chosen))


def make_report(
    hits: set[Hit] | list[Hit], lexicon_version: int, *, limit: int | None = MAX_HITS
) -> Report:
    """Deduplicate and sort hits into a report: verdict and term counts from all of them, at
    most `limit` hits listed (``MAX_HITS_PER_TERM`` of one rule); ``limit=None`` lists all."""
    ordered = sorted_hits(hits)
    rules = list(map(_rule, ordered))
    counts = Counter(rules)
    if limit is None or (
        len(ordered) <= limit and max(counts.values(), default=0) <= max(MAX_HITS_PER_TERM, 1)
    ):  # nothing left out (the common case: no rule over MAX_HITS_PER_TERM), no loop
        listed = ordered
    else:
        listed = _listed(ordered, rules, limit, MAX_HITS_PER_TERM)
    return Report(verdict_for(ordered), lexicon_version, listed, _term_counts(counts))
