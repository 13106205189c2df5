"""Accuracy of the shipped word lists on the labelled evaluation set (``make eval``).

Run from the repository root: ``python -m tests.compliance.evaluate [--quiet] [--set PATH]``.
Loads every ``wordlists/*.csv`` and ``tests/compliance/eval_set.jsonl`` (or the JSONL set at
PATH), checks each text on its channel and prints per-category precision and recall, recall on
texts that should be flagged ``review`` or ``block``, the false-flag rate on clean and trap texts,
and every miss and false flag.
Exits 0 (2 on bad usage): the figures are for people; the targets are asserted in the tests.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.compliance import Lexicon, Report, build_lexicon, check
from app.compliance.wordlist_csv import read_entries

ROOT = Path(__file__).resolve().parents[2]
WORDLISTS = ROOT / "wordlists"
EVAL_SET = Path(__file__).resolve().parent / "eval_set.jsonl"
# Real clothing ad copy (AdvertiseGen *train* split; source and licence in REAL_COPY_SOURCE.md),
# labelled by hand and split by a hash of each text into "tuning" and "heldout" before any result
# was looked at. The rules are never tuned on the held-out part.
REAL_COPY = Path(__file__).resolve().parent / "real_copy.jsonl"
# A second real-copy set (session 18, helper h187): 215 further texts of the AdvertiseGen *train*
# split, from the copy in caixiaomao/ChatGLM-6B ptuning/AdvertiseGen/train.json (commit 0840795),
# CC BY-NC 4.0: evaluation only. Labelled blind and split by the same hash before any result was
# seen; its held-out part prints figures only. Source, licence and limits in REAL_COPY_SOURCE.md.
REAL_COPY_2 = Path(__file__).resolve().parent / "real_copy_2.jsonl"
# A third real-copy set (session 19, helpers h192–h194): 1,230 further texts of the same copy of the
# AdvertiseGen *train* split (its characters 48,000–288,000), CC BY-NC 4.0: evaluation only.
# Labelled blind, split by the same hash before any result was seen; tuning texts that rewrite a
# held-out text of any real-copy set were dropped. Sources and limits in REAL_COPY_SOURCE.md.
REAL_COPY_3 = Path(__file__).resolve().parent / "real_copy_3.jsonl"
# A fourth (session 19, helpers h198–h200): 1,230 texts of the same copy's characters
# 288,000–528,000, made the same way while the rules were tuned on real_copy_3's tuning part.
REAL_COPY_4 = Path(__file__).resolve().parent / "real_copy_4.jsonl"
# A fifth (session 19, helpers h201–h203): 1,232 texts of characters 528,000–768,000, written while
# the rules were tuned on the tuning parts of real_copy_3 and real_copy_4.
REAL_COPY_5 = Path(__file__).resolve().parent / "real_copy_5.jsonl"
# A sixth (session 19, helpers h204–h205): 923 texts, characters 768,000 to the end (951,999).
REAL_COPY_6 = Path(__file__).resolve().parent / "real_copy_6.jsonl"
# The real-copy sets in the order make eval prints them, each with its heading.
REAL_COPY_SETS = (
    (REAL_COPY, "Real clothing copy"),
    (REAL_COPY_2, "Real clothing copy 2 (AdvertiseGen train, caixiaomao/ChatGLM-6B copy)"),
    (REAL_COPY_3, "Real clothing copy 3 (AdvertiseGen train, same copy, chars 48,000–288,000)"),
    (REAL_COPY_4, "Real clothing copy 4 (AdvertiseGen train, same copy, chars 288,000–528,000)"),
    (REAL_COPY_5, "Real clothing copy 5 (AdvertiseGen train, same copy, chars 528,000–768,000)"),
    (REAL_COPY_6, "Real clothing copy 6 (AdvertiseGen train, same copy, chars 768,000–951,999)"),
)
# From session 20 the held-out parts of real_copy_3 and real_copy_4 are *validation*: the lead may
# count, per entry, the clean texts it flags there (entry names and counts, never the texts) to
# decide between rules. The held-out parts of the other real-copy sets stay *test* parts: figures
# only.
REAL_COPY_VALIDATION = (REAL_COPY_3, REAL_COPY_4)
# Fresh evasion phrasings and traps written before any rule change of issue 18 item 2, held out:
# only their figures are printed (never the texts it misses or flags), so nobody tunes on them.
FRESH_SET = Path(__file__).resolve().parent / "fresh_set.jsonl"
# Evasion phrasings and traps written in session 6 of issue 18, measured before any change and
# then tuned on (rules and normalisation); the fresh set above stays held out.
TUNING_SET = Path(__file__).resolve().parent / "tuning_set.jsonl"
# A second blind set (68 evasions across every category, 34 traps) written in session 8 of issue 18
# and committed before any rule change of that session. Never tuned on: figures only.
FRESH_SET_2 = Path(__file__).resolve().parent / "fresh_set_2.jsonl"
# A third blind set (68 evasions weighted to the categories weakest on the first two, 30 traps)
# written in session 9 of issue 18, committed before any rule change of that session. Figures only.
FRESH_SET_3 = Path(__file__).resolve().parent / "fresh_set_3.jsonl"
# A fourth blind set (75 evasions weighted to lottery, inducement, ad_disclosure and ad_claim, 37
# traps) written in session 9 of issue 18 by a helper who never opened the word lists, the engine
# or any other set. Never tuned on: figures only.
FRESH_SET_4 = Path(__file__).resolve().parent / "fresh_set_4.jsonl"
# A fifth blind set (88 evasions, at least 10 in every category but promo_marker, 58 traps) written
# in session 10 of issue 18 by a helper who never opened the word lists, the engine or any other
# set. Never tuned on: figures only.
FRESH_SET_5 = Path(__file__).resolve().parent / "fresh_set_5.jsonl"
# A sixth blind set (95 evasions, at least 12 in every category but promo_marker, 55 traps) written
# by hand in session 12 of issue 18 (2026-12-06) by helper h124, who never opened the word lists,
# the engine or any other set. Never tuned on: figures only.
FRESH_SET_6 = Path(__file__).resolve().parent / "fresh_set_6.jsonl"
# A seventh blind set (95 evasions, at least 11 in every category but promo_marker, 55 traps)
# written by hand in session 13 of issue 18 (2026-12-06) by helper h134, who never opened the word
# lists, the engine or any other set. Held out until session 21, then retired to tuning (below).
FRESH_SET_7 = Path(__file__).resolve().parent / "fresh_set_7.jsonl"
# An eighth blind set (94 evasions and plain violations, 11–16 in every category but promo_marker,
# 56 traps) written by hand in session 18 of issue 18 (2026-12-07) by helper h186, who never opened
# the word lists, the engine or any other set and never ran the engine. Committed before any rule
# change of that session was merged. Held out until session 21, then retired to tuning (below).
FRESH_SET_8 = Path(__file__).resolve().parent / "fresh_set_8.jsonl"
# A ninth blind set (94 evasions and plain violations, 11–16 in every category but promo_marker,
# 56 traps) written by hand in session 19 of issue 18 (2026-12-07) by helper h191, who never opened
# the word lists, the engine or any other set and never ran the engine. Committed before any rule
# change of that session was merged. Never tuned on: figures only.
FRESH_SET_9 = Path(__file__).resolve().parent / "fresh_set_9.jsonl"
# A tenth blind set (94 evasions and plain violations, 11–16 in every category but promo_marker,
# 56 traps) written by hand in session 20 of issue 18 (2026-12-07) by helper h206, who never opened
# the word lists, the engine or any other set and never ran the engine. Committed before any rule
# change of that session was merged. Never tuned on: figures only.
FRESH_SET_10 = Path(__file__).resolve().parent / "fresh_set_10.jsonl"
# An eleventh and a twelfth blind set (94 evasions and plain violations, 13–15 in every category
# but promo_marker, 56 traps each) written by hand in session 21 of issue 18 (2026-12-08) by helpers
# h215 and h216, each on its own, who read only LEGAL-NOTES and PRODUCT's compliance sections, never
# opened the word lists, the engine or any other set and never ran the engine. They replace the two
# sets retired in that session. Never tuned on: figures only.
FRESH_SET_11 = Path(__file__).resolve().parent / "fresh_set_11.jsonl"
FRESH_SET_12 = Path(__file__).resolve().parent / "fresh_set_12.jsonl"
# Lawful "trap" texts written blind in session 21 of issue 18 by helpers h221 and h222 (120 each:
# disclaimers, denials, scam warnings, rules explained, past draws, staff notices…), who read only
# LEGAL-NOTES and PRODUCT and never saw the lists or the engine. Tuning data: make eval prints their
# false flags so that the classes of lawful writing the lists get wrong can be fixed by family.
TRAP_TUNING = Path(__file__).resolve().parent / "trap_tuning.jsonl"
# Blind sets retired from measurement in session 19 (2026-12-07): eight rounds of writers tuning on
# their own texts never moved held-out recall, so the misses of two blind sets are studied by
# class (what kind of phrasing the lists miss) and fixed as families. Their last held-out figures
# are in REAL_COPY_SOURCE.md; from now on they are tuned on, and make eval prints their misses.
# Session 21 (2026-12-08) retired fresh_set_7 and fresh_set_8 the same way, before any rule
# change of the session; two blind sets written in that session took their place.
RETIRED_SETS = (
    (FRESH_SET_5, "Fresh phrasings 5 (written blind, session 10; retired to tuning, s19)"),
    (FRESH_SET_6, "Fresh phrasings 6 (written blind, session 12; retired to tuning, s19)"),
    (FRESH_SET_7, "Fresh phrasings 7 (written blind, session 13; retired to tuning, s21)"),
    (FRESH_SET_8, "Fresh phrasings 8 (written blind, session 18; retired to tuning, s21)"),
)
# The blind sets in the order make eval prints them, each with its heading.
HELD_OUT_SETS = (
    (FRESH_SET, "Fresh phrasings (held out, issue 18 item 2)"),
    (FRESH_SET_2, "Fresh phrasings 2 (held out, session 8)"),
    (FRESH_SET_3, "Fresh phrasings 3 (held out, session 9)"),
    (FRESH_SET_4, "Fresh phrasings 4 (held out, written blind)"),
    (FRESH_SET_9, "Fresh phrasings 9 (held out, written blind, session 19)"),
    (FRESH_SET_10, "Fresh phrasings 10 (held out, written blind, session 20)"),
    (FRESH_SET_11, "Fresh phrasings 11 (held out, written blind, session 21)"),
    (FRESH_SET_12, "Fresh phrasings 12 (held out, written blind, session 21)"),
)
VERDICT_RANK = {"pass": 0, "warn": 1, "review": 2, "block": 3}
FLAGGED = VERDICT_RANK["review"]
RECALL_TARGET = 0.95
FALSE_FLAG_TARGET = 0.02
REAL_COPY_FALSE_FLAG_TARGET = 0.01  # issue 18: real clothing copy is held to ≤ 1 %


@dataclass(frozen=True)
class Case:
    """One labelled text of the evaluation set."""

    id: str
    text: str
    channel: str | None
    expect: str
    categories: frozenset[str]
    kind: str
    split: str = ""
    # A second reviewer's independent verdict (real copy, session 20), when the text has one.
    second: str | None = None


@dataclass(frozen=True)
class Outcome:
    """A case with the report the engine gave it."""

    case: Case
    report: Report

    @property
    def predicted(self) -> frozenset[str]:
        """Categories with at least one hit."""
        return frozenset(hit.category for hit in self.report.hits)

    @property
    def flagged(self) -> bool:
        """Tell whether the verdict is review or block."""
        return VERDICT_RANK[self.report.verdict] >= FLAGGED


def load_lexicon(directory: Path = WORDLISTS) -> Lexicon:
    """Compile every CSV word list in directory into one lexicon."""
    entries = []
    for path in sorted(directory.glob("*.csv")):
        entries += read_entries(path.read_bytes(), source=path.name)
    return build_lexicon(entries)


def load_cases(path: Path = EVAL_SET) -> list[Case]:
    """Read the JSONL evaluation set."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            categories = frozenset(row["categories"])
            cases.append(
                Case(
                    row["id"],
                    row["text"],
                    row["channel"],
                    row["expect"],
                    categories,
                    row["kind"],
                    row.get("split", ""),
                    row["second"]["expect"] if "second" in row else None,
                )
            )
    return cases


def evaluate(lexicon: Lexicon, cases: Iterable[Case]) -> list[Outcome]:
    """Check every case's text as a body on its channel."""
    return [Outcome(case, check(lexicon, body=case.text, channel=case.channel)) for case in cases]


def should_flag(case: Case) -> bool:
    """Tell whether legal wants at least review for this text."""
    return VERDICT_RANK[case.expect] >= FLAGGED


def is_clean(case: Case) -> bool:
    """Tell whether the text is clean, a trap or real copy that must not be flagged."""
    return case.kind in ("clean", "trap", "real") and not should_flag(case)


def both_clean(case: Case) -> bool:
    """Tell whether the text is clean for its first labeller and, if it has one, its second."""
    return is_clean(case) and (case.second is None or VERDICT_RANK[case.second] < FLAGGED)


def agreement(cases: Iterable[Case]) -> tuple[int, int, float | None]:
    """(agreeing, double-labelled, Cohen's kappa) on flag-or-not over texts with a second label."""
    pairs = [(should_flag(c), VERDICT_RANK[c.second] >= FLAGGED) for c in cases if c.second]
    if not pairs:
        return 0, 0, None
    agree = sum(first == second for first, second in pairs)
    observed = agree / len(pairs)
    first_rate = sum(first for first, _ in pairs) / len(pairs)
    second_rate = sum(second for _, second in pairs) / len(pairs)
    chance = first_rate * second_rate + (1 - first_rate) * (1 - second_rate)
    kappa = None if chance == 1 else (observed - chance) / (1 - chance)
    return agree, len(pairs), kappa


def recall_flagged(outcomes: list[Outcome]) -> tuple[int, int]:
    """(caught, total) over texts expected review/block."""
    wanted = [o for o in outcomes if should_flag(o.case)]
    return sum(o.flagged for o in wanted), len(wanted)


def recall_with_category(outcomes: list[Outcome]) -> tuple[int, int]:
    """(caught with every expected category, total) over texts expected review/block."""
    wanted = [o for o in outcomes if should_flag(o.case)]
    return sum(o.flagged and o.case.categories <= o.predicted for o in wanted), len(wanted)


def false_flags(outcomes: list[Outcome]) -> tuple[int, int]:
    """(flagged, total) over clean/trap texts expected pass/warn."""
    clean = [o for o in outcomes if is_clean(o.case)]
    return sum(o.flagged for o in clean), len(clean)


def false_flags_both_clean(outcomes: list[Outcome]) -> tuple[int, int]:
    """(flagged, total) over texts that every labeller of the text passes."""
    clean = [o for o in outcomes if both_clean(o.case)]
    return sum(o.flagged for o in clean), len(clean)


def real_copy_summary(outcomes: list[Outcome], name: str) -> list[str]:
    """False flags of several real-copy parts together, and how far two labellers agree."""
    flagged, clean = false_flags(outcomes)
    lines = [f"{name}: {len(outcomes)} texts", f"False flags on clean texts: "
             f"{_ratio(flagged, clean)} ({flagged}/{clean}), "
             f"target ≤ {REAL_COPY_FALSE_FLAG_TARGET:.0%}"]  # fmt: skip
    agree, double, kappa = agreement(o.case for o in outcomes)
    if double:
        both, both_total = false_flags_both_clean(outcomes)
        lines += [
            f"  … on texts no labeller flags: {_ratio(both, both_total)} ({both}/{both_total})",
            f"Two labellers agree on {_ratio(agree, double)} ({agree}/{double}) of the "
            f"double-labelled texts (flag or not), Cohen's κ "
            + ("—" if kappa is None else f"{kappa:.2f}"),
        ]
    return lines


def false_flags_by_category(outcomes: list[Outcome]) -> dict[str, int]:
    """Per category: how many clean/trap texts it flagged (a hit of review or block)."""
    counts: dict[str, int] = {}
    for outcome in outcomes:
        if is_clean(outcome.case) and outcome.flagged:
            flagging = {h.category for h in outcome.report.hits if VERDICT_RANK.get(h.severity, 0)
                        >= FLAGGED}  # fmt: skip
            for category in flagging:
                counts[category] = counts.get(category, 0) + 1
    return dict(sorted(counts.items()))


def category_scores(outcomes: list[Outcome]) -> dict[str, tuple[int, int, int]]:
    """Per category: (true positives, predicted, expected)."""
    names = set().union(*(o.case.categories | o.predicted for o in outcomes))
    scores = {}
    for name in sorted(names):
        tp = sum(name in o.case.categories and name in o.predicted for o in outcomes)
        predicted = sum(name in o.predicted for o in outcomes)
        expected = sum(name in o.case.categories for o in outcomes)
        scores[name] = (tp, predicted, expected)
    return scores


def _ratio(part: int, whole: int) -> str:
    """Format part/whole as a percentage (— when whole is 0)."""
    return f"{100 * part / whole:5.1f} %" if whole else "    —  "


def _hits(outcome: Outcome) -> str:
    """Short listing of a report's hits."""
    hits = (f"{h.category}:{h.term}[{h.severity}]“{h.text}”" for h in outcome.report.hits)
    return "; ".join(hits) or "(no hits)"


def _line(outcome: Outcome) -> str:
    """One listing line for a case."""
    case = outcome.case
    head = f"  {case.id} [{case.channel or '-'}] expect {case.expect}, got {outcome.report.verdict}"
    return f"{head}\n    {case.text}\n    {_hits(outcome)}"


def report_lines(
    outcomes: list[Outcome],
    quiet: bool = False,
    name: str = "Evaluation set",
    false_flag_target: float = FALSE_FLAG_TARGET,
) -> list[str]:
    """Render the whole evaluation report."""
    lines = [f"{name}: {len(outcomes)} texts", "", "category          precision   recall"]
    for name, (tp, predicted, expected) in category_scores(outcomes).items():
        cells = f"{_ratio(tp, predicted)}  {_ratio(tp, expected)}"
        lines.append(
            f"  {name:<15} {cells}   (tp {tp}, predicted {predicted}, expected {expected})"
        )
    caught, wanted = recall_flagged(outcomes)
    right, _wanted = recall_with_category(outcomes)
    flagged, clean = false_flags(outcomes)
    lines += [
        "",
        f"Recall on review/block texts: {_ratio(caught, wanted)} ({caught}/{wanted}), "
        f"target ≥ {RECALL_TARGET:.0%}",
        f"  … with every expected category: {_ratio(right, wanted)} ({right}/{wanted})",
        f"False flags on clean/trap texts: {_ratio(flagged, clean)} ({flagged}/{clean}), "
        f"target ≤ {false_flag_target:.0%}",
        "False flags by category: "
        + (", ".join(f"{k} {v}" for k, v in false_flags_by_category(outcomes).items()) or "none"),
    ]
    if quiet:
        return lines
    misses = [o for o in outcomes if should_flag(o.case) and not o.flagged]
    flags = [o for o in outcomes if is_clean(o.case) and o.flagged]
    lines += ["", f"Misses ({len(misses)}):", *map(_line, misses)]
    lines += ["", f"False flags ({len(flags)}):", *map(_line, flags)]
    wrong = [o for o in outcomes if o.case.categories - o.predicted]
    lines += ["", f"Expected categories not found ({len(wrong)}):"]
    for o in wrong:
        missing = ", ".join(sorted(o.case.categories - o.predicted))
        lines.append(f"  {o.case.id}: missing {missing} — {o.case.text}")
    extra = [o for o in outcomes if o.predicted - o.case.categories]
    lines += ["", f"Unexpected categories found ({len(extra)}):"]
    lines += [f"  {o.case.id}: {_hits(o)} — {o.case.text}" for o in extra]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation report; return 0 (2 on bad usage)."""
    args = sys.argv[1:] if argv is None else argv
    path = EVAL_SET
    if "--set" in args:
        index = args.index("--set") + 1
        if index >= len(args):
            print("usage: python -m tests.compliance.evaluate [--quiet] [--set PATH]")
            return 2
        path = Path(args[index])
    lexicon = load_lexicon()
    quiet = "--quiet" in args
    outcomes = evaluate(lexicon, load_cases(path))
    print("\n".join(report_lines(outcomes, quiet, f"Evaluation set {path.name}")))
    if path == EVAL_SET:  # the real copy, each part on its own, then the fresh phrasings
        every_part: dict[str, list[Outcome]] = {"tuning": [], "heldout": []}
        held_out_test: list[Outcome] = []
        for real_path, heading in REAL_COPY_SETS:
            real = load_cases(real_path)
            for split in ("tuning", "heldout"):
                part = evaluate(lexicon, [case for case in real if case.split == split])
                every_part[split] += part
                if split == "heldout" and real_path not in REAL_COPY_VALIDATION:
                    held_out_test += part
                print()  # a held-out part: figures only, so that nobody tunes on its texts
                title = f"{heading}, {split} part"
                lines = report_lines(
                    part, quiet or split == "heldout", title, REAL_COPY_FALSE_FLAG_TARGET
                )
                print("\n".join(lines))
        for split, outcomes_of_split in every_part.items():
            print()
            title = f"Real clothing copy, every {split} part"
            print("\n".join(real_copy_summary(outcomes_of_split, title)))
        print()
        title = "Real clothing copy, held-out test parts only (not 3 and 4, used for validation)"
        print("\n".join(real_copy_summary(held_out_test, title)))
        tuning = evaluate(lexicon, load_cases(TUNING_SET))
        print()
        print("\n".join(report_lines(tuning, quiet, "Issue 18 tuning phrasings (tuned on)")))
        print()
        title = "Lawful traps written blind for tuning (session 21)"
        print("\n".join(report_lines(evaluate(lexicon, load_cases(TRAP_TUNING)), quiet, title)))
        for path, title in RETIRED_SETS:
            print()
            print("\n".join(report_lines(evaluate(lexicon, load_cases(path)), quiet, title)))
        every_set: list[Outcome] = []
        for path, title in HELD_OUT_SETS:  # figures only, never their texts
            held_out = evaluate(lexicon, load_cases(path))
            every_set += held_out
            print()
            print("\n".join(report_lines(held_out, True, title)))
        print()
        print("\n".join(report_lines(every_set, True, "Fresh phrasings, every held-out set")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
