"""Instructions per 5,000-character check with the 64k list, under valgrind's callgrind.

Wall-clock and CPU time on a shared machine move by more than a 10 % engine change, so engine
changes are compared by instruction counts (issue 18). Run from the repository root::

    PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no \\
        --toggle-collect=functools_reduce --callgrind-out-file=/tmp/cg.out \\
        .venv/bin/python -m bench.compliance_instructions [--lexicon PATH]
    callgrind_annotate /tmp/cg.out | head   # "PROGRAM TOTALS" / 40 = instructions a check

The lexicon (shipped lists + the 64k dictionary) is built and the bench's 40 texts of 5,000
characters are each checked once outside collection (the character table and jieba's blocks are
warm, as in the bench's timed rounds); then one ``functools.reduce`` over the texts runs the 40
checks: ``--toggle-collect=functools_reduce`` counts just those. Without valgrind it prints the
checks' process CPU time, for a quick look.

Debian's ``python3.11`` is stripped: there ``--toggle-collect=functools_reduce`` finds no symbol
and counts nothing (``totals: 0``). Then run it twice with ``--collect-atstart=yes`` (no toggle),
once as above and once with ``--no-checks`` (everything but the 40 counted checks), and take the
difference of the two totals / 40 (session 17). Totals move by some 20 M instructions from run
to run (about 3 % of 40 checks): ``--rounds 10`` checks the texts ten times (divide by 400)::

    for extra in "" --no-checks; do PYTHONHASHSEED=0 valgrind --tool=callgrind \\
        --callgrind-out-file=/tmp/cg$extra.out .venv/bin/python -m bench.compliance_instructions \\
        --rounds 10 $extra; done
    grep ^totals /tmp/cg*.out
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
import time
from collections.abc import Sequence

from app.compliance import Report, build_lexicon, check_text, warm_up
from bench.compliance_bench import (
    ENGINE_RUNS,
    SEED,
    ad_copy,
    add_lexicon_option,
    big_entries,
    find_lexicon,
    shipped_entries,
)

SIZE = 5_000


def main(argv: Sequence[str] | None = None) -> int:
    """Build the +64k lexicon, warm up, then run the 40 counted checks."""
    parser = argparse.ArgumentParser(
        prog=".venv/bin/python -m bench.compliance_instructions",
        description=__doc__.splitlines()[0],
    )
    add_lexicon_option(parser)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="check the 40 texts this many times (more rounds, less noise in a difference)",
    )
    parser.add_argument(
        "--no-checks",
        action="store_true",
        help="do everything but the 40 counted checks (the baseline of a difference)",
    )
    args = parser.parse_args(argv)
    lexicon_file = find_lexicon(parser, args.lexicon)
    if lexicon_file is None:
        return 2
    warm_up()
    lexicon = build_lexicon(big_entries(shipped_entries(), lexicon_file), version=1)
    rng = random.Random(SEED + SIZE)
    texts = [ad_copy(rng, SIZE) for _ in range(ENGINE_RUNS[SIZE][0])]
    for text in texts:
        check_text(lexicon, text)

    def one(hits: int, text: str) -> int:
        report: Report = check_text(lexicon, text)
        return hits + len(report.hits)

    texts = [] if args.no_checks else texts * args.rounds
    started = time.process_time()
    hits = functools.reduce(one, texts, 0)  # callgrind counts inside this call only
    cpu = time.process_time() - started
    each = cpu / max(len(texts), 1) * 1e6
    print(f"{len(texts)} checks of {SIZE} characters, {hits} hits, {each:.0f} µs CPU each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
