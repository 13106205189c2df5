"""Where /dashboard's time goes (issue 17): each section's figures timed at scale on
PostgreSQL, and EXPLAIN ANALYZE of every query a section sends.

Run from the repository root after ``bench.dashboard_bench`` has filled the database:
``.venv/bin/python -m bench.dashboard_sections [--url …] [--rounds 3] [--plans DIR]``.

For day, week and month (anchored like the bench, at the newest publishing day) and for the
month with a type filter, every section function the dashboard view calls runs ``--rounds``
times (the best time is printed, in ms); the queries of its last round are captured and, on
PostgreSQL, run again under EXPLAIN (ANALYZE, BUFFERS): the table shows the number of queries,
the slowest one's execution time and its plan's top scan node. ``--plans DIR`` writes every
plan to ``DIR/<period>-<section>-<n>.txt``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, text

from app.analytics import reserve_history, services
from app.extensions import db
from app.models import Piece, utcnow
from bench import runner
from bench.dashboard_bench import DEFAULT_URL

SCAN = re.compile(r"(Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan) on (\w+)")


def sections(filters: services.Filters, anchor: Any) -> dict[str, Callable[[], Any]]:
    """Every section function the dashboard view calls, by name."""
    current, before = filters.windows(anchor)

    def reserve() -> Any:
        from app.schedule.overview import reserve as now

        live = now()
        return reserve_history.series(
            current.start, current.end, utcnow(), (live.total, live.target)
        )

    return {
        "performance": lambda: services.performance(filters, current, before),
        "pipeline ×2": lambda: (
            services.pipeline(filters, current),
            services.pipeline(filters, before),
        ),
        "turnaround ×2": lambda: (
            services.turnaround(filters, current),
            services.turnaround(filters, before),
        ),
        "outcomes ×2": lambda: (
            services.outcomes(filters, current),
            services.outcomes(filters, before),
        ),
        "mix + weekly": lambda: (
            services.mix(filters, current),
            services.weekly_mix(filters, current) if current.days > 7 else [],
        ),
        "reserve": reserve,
        "compliance": lambda: (services.compliance(current), services.hit_count(before)),
        # (the code before the export read the rollup: piece_rows)
        "export rows": lambda: getattr(services, "export_rows", services.piece_rows)(
            filters, current
        ),
    }


class Captured:
    """The SQL statements sent while ``on`` is set."""

    def __init__(self) -> None:
        self.on = False
        self.statements: list[tuple[str, Any]] = []

    def __call__(self, conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if self.on and not statement.lstrip().upper().startswith("EXPLAIN"):
            self.statements.append((statement, params))


def explain(statement: str, params: Any) -> tuple[float, str, str]:
    """(execution ms, top scan summary, the whole plan) of one captured statement."""
    raw = db.session.connection().connection.driver_connection
    with raw.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    ms = float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))  # type: ignore[union-attr]
    scans = [f"{kind.split()[0].lower()}:{table}" for kind, table in SCAN.findall(plan)]
    return ms, ",".join(dict.fromkeys(scans))[:60], plan


def main() -> int:
    parser = argparse.ArgumentParser(prog=".venv/bin/python -m bench.dashboard_sections")
    parser.add_argument("--url", default=os.environ.get("BENCH_DASHBOARD_URL", DEFAULT_URL))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--plans", type=Path)
    args = parser.parse_args()
    app = runner.make_app(args.url, DASHBOARD_CACHE_SECONDS=0, ANALYTICS_SCHEDULE=False)
    captured = Captured()
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", captured)
        pg = db.engine.dialect.name == "postgresql"
        latest = db.session.scalar(select(func.max(Piece.published_at)))
        anchor = latest.date()
        cases = [
            ("day", services.Filters("day", anchor)),
            ("week", services.Filters("week", anchor)),
            ("month", services.Filters("month", anchor)),
            ("month+type", services.Filters("month", anchor, content_type="promotion")),
        ]
        load = os.getloadavg()
        print(
            f"dashboard sections at {args.url.rsplit('@', 1)[-1]}, anchor {anchor}, best of"
            f" {args.rounds}; load average {load[0]:.1f} {load[1]:.1f}; {utcnow():%H:%M} UTC"
        )
        print(f"{'period':<11}{'section':<15}{'ms':>8}{'queries':>8}{'slowest':>9}  scans")
        totals: dict[str, float] = {}
        for name, filters in cases:
            for section, compute in sections(filters, anchor).items():
                best = float("inf")
                for _ in range(args.rounds):
                    captured.statements.clear()
                    with app.app_context():  # a fresh request memo each round
                        captured.on = True
                        started = time.perf_counter()
                        compute()
                        best = min(best, (time.perf_counter() - started) * 1000)
                        captured.on = False
                        db.session.rollback()
                slowest, scans = 0.0, ""
                if pg:
                    for n, (statement, params) in enumerate(captured.statements):
                        ms, summary, plan = explain(statement, params)
                        if ms >= slowest:
                            slowest, scans = ms, summary
                        if args.plans:
                            args.plans.mkdir(parents=True, exist_ok=True)
                            slug = re.sub(r"\W+", "_", section).strip("_")
                            path = args.plans / f"{name}-{slug}-{n}.txt"
                            path.write_text(f"{statement}\n{params}\n\n{plan}\n")
                    db.session.rollback()
                totals[name] = totals.get(name, 0.0) + best
                print(
                    f"{name:<11}{section:<15}{best:>8.1f}{len(captured.statements):>8}"
                    f"{slowest:>8.1f}  {scans}"
                )
            print(f"{name:<11}{'= sum':<15}{totals[name]:>8.1f}")
        db.session.execute(text("SELECT 1"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
