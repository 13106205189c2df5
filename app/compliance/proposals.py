"""Proposing fixes from false-positive reports: an allowed context or a condition (issue 18).

A report's context is ``before【text】after`` (the reviewer's sentence around the hit). Three
kinds of fix are tried, each verified like every saved entry (every must-hit example still hits,
every must-pass example still passes) and scored by how many reports it clears (each reported
sentence, checked alone as a document, no longer hits the entry):

* ``context`` — an allowed context: the hit text widened by 1–4 characters to the right, then
  to the left, then both; ties go to the shorter.
* ``unless`` — ``unless:M``: a word ``M`` (2–4 characters, no separators) that the reported
  sentences hold *besides* the hit — the same word present in them and absent from the must-hit
  examples (a label, a cited standard, a negation). Words in more reports, then nearer the hit,
  then longer, are tried first.
* ``near`` — ``near:N:T1/T2``: trigger words that every must-hit example holds within a few
  characters of its hit and no reported sentence holds — the same trigger word absent from the
  reports (a verb of removing or curing next to a body word). ``N`` is the widest distance the
  examples need.

Legal accepts, edits or rejects a proposal; nothing is applied without them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from app.compliance.engine import lexicon_hits, verify_examples
from app.compliance.lexicon import build_lexicon
from app.compliance.model import Entry
from app.compliance.normalize import is_separator

_CONTEXT = re.compile(r"(.*)【(.+?)】(.*)", re.DOTALL)
WIDEST = 4
KINDS = ("context", "unless", "near")
MARKER_LENGTHS = (2, 3, 4)
TRIGGER_LENGTHS = (2, 3, 1)
TRIGGER_REACH = 8  # characters on each side of an example's hit where triggers are looked for
MAX_TRIED = 40  # candidates verified per kind (each is a one-entry compile and check)


@dataclass(frozen=True)
class Proposal:
    """A fix to propose: an allowed context or a condition item, and the reports it clears."""

    kind: str  # context, unless or near
    value: str  # the allowed context, or the condition item (unless:…, near:N:…)
    cleared: int  # reports whose sentence no longer hits the entry


def reported_sentence(context: str) -> tuple[str, str, str] | None:
    """(before, hit text, after) of a report's stored context, or None if it has no 【】."""
    found = _CONTEXT.fullmatch(context)
    return (found.group(1), found.group(2), found.group(3)) if found else None


def with_fix(entry: Entry, kind: str, value: str) -> Entry:
    """The entry with the fix applied (an allowed context or one more condition item)."""
    if kind == "context":
        return replace(entry, allow_contexts=(*entry.allow_contexts, value))
    return replace(entry, conditions=(*entry.conditions, value))


def _context_candidates(sentences: list[tuple[str, str, str]]) -> list[str]:
    out: list[str] = []
    for before, text, after in sentences:
        out += [text + after[:n] for n in range(1, min(WIDEST, len(after)) + 1)]
        out += [before[-n:] + text for n in range(1, min(WIDEST, len(before)) + 1)]
        out += [before[-1:] + text + after[:1]] if before and after else []
    return [c.strip() for c in out if c.strip() and "|" not in c and "\n" not in c]


def _plain(word: str) -> bool:
    """A candidate word: no separator (punctuation, space, symbol) and no condition syntax."""
    return not any(is_separator(char) or char in "|&!/:" for char in word)


def _words_near(
    text: str, start: int, end: int, reach: int, lengths: Iterable[int]
) -> dict[str, int]:
    """Words of the given lengths around [start, end) of text, outside it, within reach
    characters: word → its smallest distance to the span."""
    words: dict[str, int] = {}
    for size in lengths:
        for i in range(max(0, start - reach), min(len(text), end + reach) - size + 1):
            j = i + size
            if j > start and i < end:  # overlaps the hit
                continue
            word = text[i:j]
            if _plain(word):
                distance = start - j if j <= start else i - end
                words[word] = min(words.get(word, distance), distance)
    return words


def _unless_candidates(entry: Entry, sentences: list[tuple[str, str, str]]) -> list[str]:
    support: dict[str, int] = {}
    nearest: dict[str, int] = {}
    for before, text, after in sentences:
        sentence = before + text + after
        words = _words_near(sentence, len(before), len(before) + len(text), 40, MARKER_LENGTHS)
        for word, distance in words.items():
            support[word] = support.get(word, 0) + 1
            nearest[word] = min(nearest.get(word, distance), distance)
    examples = "\n".join(entry.examples_hit)
    ranked = sorted(
        (w for w in support if w not in examples and entry.term not in w),
        key=lambda w: (-support[w], nearest[w], -len(w), w),
    )
    return [f"unless:{word}" for word in ranked[:MAX_TRIED]]


def _near_candidates(entry: Entry, sentences: list[tuple[str, str, str]]) -> list[str]:
    alone = build_lexicon([replace(entry, allow_contexts=(), conditions=(), id=None)])
    per_example: list[dict[str, int]] = []
    for example in entry.examples_hit:
        words: dict[str, int] = {}
        for hit in lexicon_hits(alone, example, None, "body"):
            found = _words_near(example, hit.start, hit.end, TRIGGER_REACH, TRIGGER_LENGTHS)
            for word, distance in found.items():
                words[word] = min(words.get(word, distance), distance)
        per_example.append(words)
    if not per_example or not all(per_example):
        return []
    reported = "\n".join(b + t + a for b, t, a in sentences)
    usable = {w for words in per_example for w in words if w not in reported and w != entry.term}
    chosen: list[str] = []
    left = list(range(len(per_example)))
    while left:  # greedy cover: the word near the hit in the most examples still uncovered
        best = max(sorted(usable), key=lambda w: _trigger_rank(w, per_example, left), default=None)
        if best is None or not any(best in per_example[i] for i in left):
            return []
        chosen.append(best)
        left = [i for i in left if best not in per_example[i]]
    distance = max(min(words[w] for w in chosen if w in words) for words in per_example)
    # a little slack first (legal may tighten it), then exactly what the examples need
    return [f"near:{n}:{'/'.join(chosen)}" for n in (distance + 2, distance, distance + 4)]


def _trigger_rank(word: str, per_example: list[dict[str, int]], left: list[int]) -> tuple:
    """Rank a trigger word: covers more examples, then nearer their hits, then two characters
    (a verb such as 甩掉, 燃烧), then shorter."""
    near = [per_example[i][word] for i in left if word in per_example[i]]
    return (len(near), -max(near, default=0), len(word) == 2, -len(word))


def propose(entry: Entry, contexts: list[str]) -> list[Proposal]:
    """The best verified fix of each kind for an entry's reports, most reports cleared first
    (then context, unless, near); empty when nothing clears a report."""
    sentences = [parts for parts in map(reported_sentence, contexts) if parts]
    if not sentences:
        return []
    candidates = {
        "context": _context_candidates(sentences),
        "unless": _unless_candidates(entry, sentences),
        "near": _near_candidates(entry, sentences),
    }
    proposals = []
    for kind in KINDS:
        best: tuple[int, int, str] | None = None
        seen: set[str] = set()
        for rank, value in enumerate(candidates[kind]):
            if value in seen or value in entry.allow_contexts or value in entry.conditions:
                continue
            seen.add(value)
            fixed = replace(with_fix(entry, kind, value), id=None)
            try:
                if verify_examples(None, fixed):
                    continue
                lexicon = build_lexicon([fixed])
            except ValueError:
                continue
            cleared = sum(
                not lexicon_hits(lexicon, b + t + a, None, "body") for b, t, a in sentences
            )
            order = len(value) if kind == "context" else rank
            if cleared and (best is None or (-cleared, order) < best[:2]):
                best = (-cleared, order, value)
        if best and -best[0] * 2 >= len(sentences):  # clears at least half the reports
            proposals.append(Proposal(kind, best[2], -best[0]))
    return sorted(proposals, key=lambda p: (-p.cleared, KINDS.index(p.kind)))


def propose_context(entry: Entry, contexts: list[str]) -> str | None:
    """The allowed context to propose for an entry from its reports' contexts, or None."""
    found = [p for p in propose(entry, contexts) if p.kind == "context"]
    return found[0].value if found else None
