"""What the shipped word lists flag in one sentence: the helper of the blind-family tests
(``test_blind_*_families.py``), whose sentences are written as variants of a family and are in no
evaluation set."""

from __future__ import annotations

from app.compliance import check
from app.compliance.pii import find_pii
from tests.compliance import evaluate

SHIPPED = evaluate.load_lexicon()
RANK = {"pass": 0, "info": 0, "warn": 1, "review": 2, "block": 3}


def categories(text: str, at_least: str = "review", *, channel: str | None = None) -> set[str]:
    """Categories with a hit of at least `at_least` when `text` is checked as a body."""
    report = check(SHIPPED, body=text, channel=channel)
    return {hit.category for hit in report.hits if RANK[hit.severity] >= RANK[at_least]}


def assert_flagged(text: str, channel: str | None, category: str) -> None:
    """Assert that text is flagged (review or block) in category; the message shows what was."""
    found = categories(text, channel=channel)
    assert category in found, (text, found)


def assert_not_flagged(text: str, channel: str | None, category: str | None = None) -> None:
    """Assert that text is not flagged in category (in no category at all when None)."""
    found = categories(text, channel=channel)
    assert (category not in found) if category else not found, (text, found)


def pii_spans(text: str) -> list[tuple[str, str, str]]:
    """(term, matched text, severity) of every PII hit in text order, offsets checked."""
    hits = sorted(find_pii(text), key=lambda hit: hit.start)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
    return [(hit.term, hit.text, hit.severity) for hit in hits]
