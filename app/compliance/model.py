"""Value types of the compliance engine: word-list entries, hits and reports (PRODUCT §4)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEVERITIES: tuple[str, ...] = ("info", "warn", "review", "block")
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
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """One finding: a span of the original field text and the rule it broke."""

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
        return {key: getattr(self, key) for key in _HIT_KEYS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Hit:
        """Rebuild a hit from its JSON form."""
        return cls(**{key: data[key] for key in _HIT_KEYS})


@dataclass(frozen=True, slots=True)
class Report:
    """The result of one check: verdict, lexicon version and sorted hits."""

    verdict: str
    lexicon_version: int
    hits: tuple[Hit, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the report (PRODUCT §4)."""
        return {
            "verdict": self.verdict,
            "lexicon_version": self.lexicon_version,
            "hits": [hit.to_dict() for hit in self.hits],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Rebuild a report from its JSON form."""
        hits = tuple(Hit.from_dict(hit) for hit in data["hits"])
        return cls(data["verdict"], int(data["lexicon_version"]), hits)


def entry_hit(entry: Entry, field: str, text: str, start: int, end: int) -> Hit:
    """Build the hit of a word-list entry at [start, end) of a field's original text."""
    return Hit(
        field,
        start,
        end,
        text[start:end],
        entry.term,
        entry.category,
        entry.severity,
        entry.id,
        entry.suggestion,
        entry.basis,
    )


def severity_rank(severity: str) -> int:
    """Return the position of a severity in SEVERITIES (info = 0 … block = 3)."""
    return SEVERITIES.index(severity)


def verdict_for(hits: tuple[Hit, ...] | list[Hit]) -> str:
    """Return the highest hit severity as a verdict; no hits or only info hits give pass."""
    rank = max((severity_rank(hit.severity) for hit in hits), default=0)
    return VERDICTS[rank]


def hit_sort_key(hit: Hit) -> tuple[Any, ...]:
    """Order hits by field (title first), start, end, category, term, then the rest."""
    entry_id = -1 if hit.entry_id is None else hit.entry_id
    return (
        FIELDS.index(hit.field) if hit.field in FIELDS else len(FIELDS),
        hit.field,
        hit.start,
        hit.end,
        hit.category,
        hit.term,
        hit.severity,
        entry_id,
        hit.suggestion,
        hit.basis,
    )


def make_report(hits: set[Hit] | list[Hit], lexicon_version: int) -> Report:
    """Deduplicate and sort hits and wrap them in a report with its verdict."""
    ordered = tuple(sorted(set(hits), key=hit_sort_key))
    return Report(verdict_for(ordered), lexicon_version, ordered)
