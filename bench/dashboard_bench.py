"""Dashboard speed (issue 17): /dashboard p50/p95 computed on every request at the scale data
plus 1,000,000 metric rows on PostgreSQL — the raw-row path (before the rollups) beside the
rollup path, in the same run.

Run from the repository root: ``.venv/bin/python -m bench.dashboard_bench`` (``make bench``).
The database is PostgreSQL (``--url`` or BENCH_DASHBOARD_URL, default the ``hemline_opsdata``
database of the CI role) holding the scale data of the load issue; build it once with
``DATABASE_URL=… flask --app app db upgrade && DATABASE_URL=… flask --app app demo-scale``.

1. The database is brought to the current migrations.
2. Unless it already holds them, 1,000,000 metric rows are added in one INSERT … SELECT: one row
   per published piece and day for the days after its publishing (reads, delivered … derived
   from the ids, some NULL as unknown), tagged by a ``metric_import`` row named ``bench``; then
   ANALYZE. The rows stay for the next run (``--drop`` removes them at the end).
3. Unless the rollups are in step with the metric rows (their row count), they are rebuilt
   (``app.analytics.rollup.rebuild``, the same as ``flask metrics rollup``), timed.
4. ``--rounds`` times (2): every page with the raw-row path (DASHBOARD_ROLLUP off: the code
   before the rollups), then with the rollups; the figure cache is off in both
   (DASHBOARD_CACHE_SECONDS = 0), so every request computes.

One user holding every role signs in; each page is fetched twice to warm up, then
``--requests`` times (20) through the Flask test client with the production configuration.
Printed per round (with the load average while it ran) and page: p50 and p95 raw and now
(rollups, turnaround facts), PASS/MISS against p95 ≤ 300 ms now. Exit code 1 when a page misses
in any round. Where the time goes per section: ``python -m bench.dashboard_sections``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from datetime import date

from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from app.analytics import decisions, rollup
from app.extensions import db
from app.models import MetricDaily, MetricImport, Piece, PieceMetric, utcnow
from bench import runner

DEFAULT_URL = "postgresql+psycopg://hemline_ci:hemline_ci@127.0.0.1:5432/hemline_opsdata"
TARGET_MS = 300.0
ROWS = 1_000_000
BENCH_USER = "bench-dashboard"


def pages(anchor: date) -> tuple[str, ...]:
    day = anchor.isoformat()
    return (
        f"/dashboard/?period=day&date={day}",
        f"/dashboard/?period=week&date={day}",
        f"/dashboard/?period=month&date={day}",
        f"/dashboard/?period=month&date={day}&type=promotion",
        f"/dashboard/export.csv?period=month&date={day}",
    )


def make_app(uri: str, rollup: bool = True) -> Flask:
    """The production configuration without the figure cache (every request computes) and
    without the worker's schedule; ``rollup`` off: the raw-row path."""
    return runner.make_app(
        uri, DASHBOARD_CACHE_SECONDS=0, DASHBOARD_ROLLUP=rollup, ANALYTICS_SCHEDULE=False
    )


def bench_import() -> MetricImport:
    batch = db.session.scalar(select(MetricImport).where(MetricImport.source == "bench"))
    if batch is None:
        batch = MetricImport(source="bench", filename="bench/dashboard_bench.py")
        db.session.add(batch)
        db.session.commit()
    return batch


def drop_rows() -> None:
    batch = bench_import()
    db.session.execute(text("DELETE FROM piece_metric WHERE import_id = :id"), {"id": batch.id})
    db.session.commit()
    db.session.execute(text("ANALYZE piece_metric"))
    db.session.commit()


def add_rows(rows: int) -> float:
    """Insert ``rows`` metric rows in one statement; returns seconds."""
    batch = bench_import()
    published = db.session.scalar(
        select(func.count(Piece.id)).where(Piece.published_at.is_not(None))
    )
    if not published:
        raise SystemExit("benchmark step failed: the database has no published pieces")
    days = -(-rows // published)  # days of metrics per published piece
    started = time.perf_counter()
    db.session.execute(
        text(
            """
            INSERT INTO piece_metric (day, channel_id, piece_id, platform_id, url, title,
                delivered, reads, likes, shares, comments, favorites, conversions, revenue, cost,
                import_id, updated_at)
            SELECT (p.published_at AT TIME ZONE 'Asia/Shanghai')::date + d.n,
                   p.channel_id, p.id, '', '', '',
                   2000 + (p.id * 37) % 8000,
                   ((200 + (p.id * 13) % 1800) / (d.n + 1)),
                   CASE WHEN (p.id + d.n) % 7 = 0 THEN NULL ELSE (p.id + d.n) % 90 END,
                   (p.id * 3 + d.n) % 40, (p.id + d.n * 5) % 25, (p.id * 11 + d.n) % 60,
                   CASE WHEN p.content_type = 'promotion' THEN (p.id + d.n) % 12 END,
                   CASE WHEN p.content_type = 'promotion' THEN ((p.id * 7) % 900) * 1.5 END,
                   CASE WHEN p.content_type = 'promotion' AND d.n = 0 THEN 300 END,
                   :batch, now()
            FROM piece p CROSS JOIN generate_series(0, :days - 1) AS d(n)
            WHERE p.published_at IS NOT NULL
            ORDER BY p.id, d.n
            LIMIT :rows
            ON CONFLICT DO NOTHING
            """
        ),
        {"batch": batch.id, "days": days, "rows": rows},
    )
    db.session.commit()
    db.session.execute(text("ANALYZE piece_metric"))
    db.session.commit()
    return time.perf_counter() - started


def rollup_in_step() -> bool:
    """Whether metric_daily counts as many rows as piece_metric holds."""
    rolled = db.session.scalar(select(func.coalesce(func.sum(MetricDaily.rows), 0)))
    return int(rolled or 0) == db.session.scalar(select(func.count(PieceMetric.id)))


def main() -> int:
    parser = argparse.ArgumentParser(
        prog=".venv/bin/python -m bench.dashboard_bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--url", default=os.environ.get("BENCH_DASHBOARD_URL", DEFAULT_URL))
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--drop", action="store_true", help="remove the metric rows at the end")
    args = parser.parse_args()
    if not args.url.startswith("postgresql"):
        raise SystemExit("the dashboard bench needs PostgreSQL (--url postgresql+psycopg://…)")
    app = make_app(args.url)
    try:
        with app.app_context():
            db.session.execute(text("SELECT 1"))
    except OperationalError as error:
        print(f"dashboard bench SKIPPED: PostgreSQL not reachable at {args.url.rsplit('@', 1)[-1]}")
        print(f"  ({str(error.orig).splitlines()[0]})")
        return 0
    env = runner.cli_env(args.url)
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, capture_output=True)
    notes = []
    with app.app_context():
        latest = db.session.scalar(select(func.max(Piece.published_at)))
        if latest is None:
            raise SystemExit("benchmark step failed: load the scale data first (flask demo-scale)")
        anchor = latest.date()
        urls = pages(anchor)
        batch = bench_import()
        present = db.session.scalar(
            select(func.count(PieceMetric.id)).where(PieceMetric.import_id == batch.id)
        )
        if present < args.rows:
            drop_rows()
            notes.append(f"{args.rows:,} metric rows added in {add_rows(args.rows):.0f} s")
        if not rollup_in_step() or not decisions.ready():
            started = time.perf_counter()
            rollup.rebuild()
            db.session.commit()
            db.session.execute(text("ANALYZE metric_daily"))
            db.session.execute(text("ANALYZE metric_piece_period"))
            db.session.commit()
            notes.append(f"rollups rebuilt in {time.perf_counter() - started:.0f} s")
        pieces = db.session.scalar(select(func.count(Piece.id)))
        count = db.session.scalar(select(func.count(PieceMetric.id)))
    raw_client = runner.signed_in(make_app(args.url, rollup=False), BENCH_USER, "看板基准")
    fast_client = runner.signed_in(app, BENCH_USER, "看板基准")
    rounds = []
    for _round in range(args.rounds):
        load = os.getloadavg()[0]
        raw = runner.measure(raw_client, urls, args.requests)
        fast = runner.measure(fast_client, urls, args.requests)
        rounds.append((raw, fast, (load + os.getloadavg()[0]) / 2))
    if args.drop:
        with app.app_context():
            drop_rows()
            rollup.rebuild()
            db.session.commit()
    where = args.url.rsplit("@", 1)[-1]
    print(
        f"\n/dashboard computed on every request (no figure cache), one user, Flask test client,"
        f" {args.requests} requests per page; {where}; {pieces:,} pieces; {count:,} metric rows;"
        f" anchor {anchor.isoformat()}; run {utcnow():%Y-%m-%d %H:%M} UTC"
        + (f"; {'; '.join(notes)}" if notes else "")
    )
    print(
        "columns: raw (DASHBOARD_ROLLUP off: metric rows summed, turnaround from the decisions,"
        " pieces and audit log, outcomes counted in Python, the export from the metric rows) |"
        " now (the rollups, review_turnaround, outcomes counted by PostgreSQL)"
    )
    missed = 0
    for number, (raw, fast, load) in enumerate(rounds, start=1):
        head = f"round {number} (load {load:.1f}):"
        print(
            f"{head:<22}{'page':<37}{'raw p50':>9}{'p95':>9}{'now p50':>12}{'p95':>9}"
            f"{'KB':>7}  target p95 ≤ {TARGET_MS:.0f} ms"
        )
        for url in urls:
            r50, r95, _ = raw[url]
            f50, f95, size = fast[url]
            verdict = "PASS" if f95 <= TARGET_MS else "MISS"
            missed += verdict == "MISS"
            print(
                f"{'':<9}{url:<50}{r50:>7.1f}ms{r95:>7.1f}ms{f50:>10.1f}ms{f95:>7.1f}ms"
                f"{size / 1024:>7.0f}  {verdict}"
            )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
