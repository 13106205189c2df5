"""Hemline's compliance engine: word lists, Advertising-Law rules and PII checks, pure Python.

Semantics are documented where they live: ``normalize`` (mapping, separators, repeated
characters), ``engine`` (scope, exceptions, word mode, verdict), ``pii`` and ``wordlist_csv``.
"""

from app.compliance.engine import check, check_text, verify_examples
from app.compliance.lexicon import Lexicon, build_lexicon, validate_entry
from app.compliance.model import (
    MATCH_MODES,
    SEVERITIES,
    VERDICTS,
    Entry,
    EntryError,
    Hit,
    Report,
    TermCount,
)
from app.compliance.normalize import initialize as _load_marking
from app.compliance.pinyin import initialize as _load_pinyin
from app.compliance.segment import initialize as _load_jieba


def warm_up() -> float:
    """Load jieba's dictionary, the pinyin table and the separator marking now (once per
    process); return the seconds."""
    return _load_jieba() + _load_pinyin() + _load_marking()


__all__ = [
    "MATCH_MODES",
    "SEVERITIES",
    "VERDICTS",
    "Entry",
    "EntryError",
    "Hit",
    "Lexicon",
    "Report",
    "TermCount",
    "build_lexicon",
    "check",
    "check_text",
    "validate_entry",
    "verify_examples",
    "warm_up",
]
