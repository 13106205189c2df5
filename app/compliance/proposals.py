"""Proposing a fix from false-positive reports: the shortest allowed context that clears them.

A report's context is ``before【text】after`` (the reviewer's sentence around the hit). For each
report, candidates are the hit text widened by 1–4 characters to the right, then to the left,
then both. A candidate is proposed when, added to the entry's allowed contexts, it clears the
most reports (each reported sentence, checked alone, no longer hits the entry) while every
must-hit example still hits and every must-pass example still passes — the verification every
saved entry gets. Ties go to the shorter candidate. Legal accepts, edits or rejects it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from app.compliance.engine import lexicon_hits, verify_examples
from app.compliance.lexicon import build_lexicon
from app.compliance.model import Entry

_CONTEXT = re.compile(r"(.*)【(.+?)】(.*)", re.DOTALL)
WIDEST = 4


def reported_sentence(context: str) -> tuple[str, str, str] | None:
    """(before, hit text, after) of a report's stored context, or None if it has no 【】."""
    found = _CONTEXT.fullmatch(context)
    return (found.group(1), found.group(2), found.group(3)) if found else None


def _candidates(before: str, text: str, after: str) -> list[str]:
    out = [text + after[:n] for n in range(1, min(WIDEST, len(after)) + 1)]
    out += [before[-n:] + text for n in range(1, min(WIDEST, len(before)) + 1)]
    out += [before[-1:] + text + after[:1]] if before and after else []
    return [c.strip() for c in out if c.strip() and "|" not in c and "\n" not in c]


def propose_context(entry: Entry, contexts: list[str]) -> str | None:
    """The allowed context to propose for an entry from its reports' contexts, or None."""
    sentences = [parts for parts in map(reported_sentence, contexts) if parts]
    best: tuple[int, int, str] | None = None
    seen: set[str] = set()
    for before, text, after in sentences:
        for candidate in _candidates(before, text, after):
            if candidate in seen or candidate in entry.allow_contexts:
                continue
            seen.add(candidate)
            widened = replace(entry, allow_contexts=(*entry.allow_contexts, candidate), id=None)
            try:
                if verify_examples(None, widened):
                    continue
                lexicon = build_lexicon([widened])
            except ValueError:
                continue
            cleared = sum(
                not lexicon_hits(lexicon, b + t + a, None, "body") for b, t, a in sentences
            )
            if cleared and (best is None or (-cleared, len(candidate)) < best[:2]):
                best = (-cleared, len(candidate), candidate)
    return best[2] if best else None
