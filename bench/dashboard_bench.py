"""Dashboard speed (issue 17): /dashboard p50/p95 at the scale data, without and with 1,000,000
metric rows on PostgreSQL, side by side in one run.

Run from the repository root: ``.venv/bin/python -m bench.dashboard_bench`` (``make bench``).
The database is PostgreSQL (``--url`` or BENCH_DASHBOARD_URL, default the ``hemline_opsdata``
database of the CI role) holding the scale data of the load issue; build it once with
``DATABASE_URL=… flask --app app db upgrade && DATABASE_URL=… flask --app app demo-scale``.

1. Baseline: the bench's metric rows are removed (the scale data has none of its own) and each
   page is measured.
2. 1,000,000 rows are added in one INSERT … SELECT: one row per published piece and day for the
   days after its publishing (reads, delivered … derived from the ids, some NULL as unknown),
   tagged by a ``metric_import`` row named ``bench``; then ANALYZE and the same pages again.

One user holding every role signs in; each page is fetched twice to warm up, then
``--requests`` times (20) through the Flask test client with the production configuration.
Printed: p50 and p95 per page, baseline and with the metrics, and PASS/MISS against p95 ≤ 300 ms.
The rows stay for the next run (``--drop`` removes them at the end). Exit code 1 when a page
misses.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from app import create_app
from app.extensions import db
from app.models import MetricImport, Piece, PieceMetric, User, utcnow
from config import Config

DEFAULT_URL = "postgresql+psycopg://hemline_ci:hemline_ci@127.0.0.1:5432/hemline_opsdata"
TARGET_MS = 300.0
ROWS = 1_000_000
PASSWORD = "Lantern-silk-4821"
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


def make_app(uri: str, cache_seconds: int = 0) -> Flask:
    """The production configuration on the given database, without CSRF or rate limits;
    the dashboard's figure cache off (every request computes) unless ``cache_seconds``."""

    class BenchConfig(Config):
        DASHBOARD_CACHE_SECONDS = cache_seconds
        SQLALCHEMY_DATABASE_URI = uri
        SECRET_KEY = secrets.token_urlsafe(48)
        WTF_CSRF_ENABLED = False
        RATELIMIT_ENABLED = False
        SESSION_COOKIE_SECURE = False
        PASSWORD_HASH_METHOD = "scrypt:1024:8:1"
        ANALYTICS_SCHEDULE = False

    return create_app(BenchConfig)


def signed_in(app: Flask) -> FlaskClient:
    from app.auth.services import create_user

    with app.app_context():
        if db.session.scalar(select(User).where(User.username == BENCH_USER)) is None:
            roles = ["writer", "reviewer", "legal", "manager", "admin"]
            create_user(BENCH_USER, PASSWORD, roles, display_name="看板基准")
    client = app.test_client()
    response = client.post("/login", data={"username": BENCH_USER, "password": PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"benchmark step failed: login answered {response.status_code}")
    return client


def measure(client: FlaskClient, urls: tuple[str, ...], requests: int) -> dict[str, tuple]:
    """(p50 ms, p95 ms, bytes) per page."""
    results = {}
    for url in urls:
        for _ in range(2):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"benchmark step failed: {url} answered {response.status_code}")
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        results[url] = (statistics.median(times), p95, len(response.data))
    return results


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


def main() -> int:
    parser = argparse.ArgumentParser(
        prog=".venv/bin/python -m bench.dashboard_bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--url", default=os.environ.get("BENCH_DASHBOARD_URL", DEFAULT_URL))
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--requests", type=int, default=20)
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
    client = signed_in(app)
    with app.app_context():
        latest = db.session.scalar(select(func.max(Piece.published_at)))
        if latest is None:
            raise SystemExit("benchmark step failed: load the scale data first (flask demo-scale)")
        anchor = latest.date()
        urls = pages(anchor)
        drop_rows()
        pieces = db.session.scalar(select(func.count(Piece.id)))
        baseline = measure(client, urls, args.requests)
        seconds = add_rows(args.rows)
        count = db.session.scalar(select(func.count(PieceMetric.id)))
        loaded = measure(client, urls, args.requests)
        warm_app = make_app(args.url, cache_seconds=120)
        with warm_app.app_context():
            warm = measure(signed_in(warm_app), urls, args.requests)
        if args.drop:
            drop_rows()
    where = args.url.rsplit("@", 1)[-1]
    print(
        f"\n/dashboard, one user, Flask test client, {args.requests} requests per page; {where};"
        f" {pieces:,} pieces; {count:,} metric rows added in {seconds:.0f} s;"
        f" anchor {anchor.isoformat()}; run {utcnow():%Y-%m-%d %H:%M} UTC"
    )
    print(
        "columns: no metric rows (computed on every request) | 1M rows computed on every request"
        " | 1M rows with the figure cache (DASHBOARD_CACHE_SECONDS=120)"
    )
    print(
        f"{'page':<58}{'0 rows p50':>11}{'p95':>9}{'1M p50':>10}{'p95':>9}"
        f"{'cached p50':>12}{'p95':>9}{'KB':>7}  target p95 ≤ {TARGET_MS:.0f} ms (computed, cached)"
    )
    missed = 0
    for url in urls:
        b50, b95, _ = baseline[url]
        l50, l95, size = loaded[url]
        w50, w95, _ = warm[url]
        verdict = "PASS" if l95 <= TARGET_MS else "MISS"
        cached = "PASS" if w95 <= TARGET_MS else "MISS"
        missed += verdict == "MISS"
        print(
            f"{url:<58}{b50:>9.1f}ms{b95:>7.1f}ms{l50:>8.1f}ms{l95:>7.1f}ms"
            f"{w50:>10.1f}ms{w95:>7.1f}ms{size / 1024:>7.0f}  {verdict} {cached}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
