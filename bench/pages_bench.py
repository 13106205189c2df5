"""Single-user page speed at scale: p50/p95 per page at demo size and at scale, side by side.

Run from the repository root: ``.venv/bin/python -m bench.pages_bench`` (``make bench`` runs it).
Two databases, built once and then reused (delete them, or pass ``--rebuild``, to start afresh):

- the baseline, the demo data (60 pieces): ``/tmp/hemline-bench/demo.db``;
- the scale data, ``flask demo-scale`` (50,000 pieces, the 64k lexicon …):
  ``/tmp/hemline-bench/scale.db``, or ``--scale-url postgresql+psycopg://…`` (or
  BENCH_SCALE_URL) for a PostgreSQL database that already holds the scale data (build it with
  ``DATABASE_URL=… flask --app app db upgrade && DATABASE_URL=… flask --app app demo-scale``).

One user holding every role signs in through the login form; each page is fetched twice to warm
the caches and then ``--requests`` times (20) through the Flask test client, in one process, with
the production configuration. Printed per page: p50 and p95 in ms at demo size and at scale, the
page's size at scale, the figure before issue 16 where the issue gives one, and PASS/MISS against
the target p95 ≤ 50 ms at scale. No asserts; exit code 1 when a page misses.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from bench import runner
from bench.runner import make_app

FOLDER = Path("/tmp/hemline-bench")
TARGET_MS = 50.0
PAGES = (
    "/",
    "/pieces",
    "/topics",
    "/review/",
    "/review/?waiting=me",
    "/calendar",
    "/calendar?view=week",
    "/publishing",
    "/lexicon/",
    "/notifications/",
    "/audit",
    "/admin/users",
)
# Issue 16, one worker and one user, 7,680 pieces, before the issue's work (ms).
ISSUE_BEFORE = {"/": 102.0, "/review/": 1190.0, "/calendar": 1480.0, "/pieces": 22.0}


FLASK = [sys.executable, "-m", "flask", "--app", "app"]


def upgrade(uri: str) -> None:
    """Bring a (new or cached) database to the current migrations."""
    subprocess.run(
        [*FLASK, "db", "upgrade"], env=runner.cli_env(uri), check=True, capture_output=True
    )


def build(uri: str, *command: str) -> None:
    """Load data into a migrated, empty database with the app's own commands."""
    print(f"building {uri} ({' '.join(command)}) …", flush=True)
    subprocess.run([*FLASK, *command], env=runner.cli_env(uri), check=True)


def measure(
    uri: str, requests: int, pages: tuple[str, ...] = PAGES
) -> dict[str, tuple[float, float, int]]:
    """(p50 ms, p95 ms, bytes) per page."""
    return runner.measure(runner.signed_in(make_app(uri), "bench-pages"), pages, requests)


def main() -> int:
    parser = argparse.ArgumentParser(
        prog=".venv/bin/python -m bench.pages_bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--scale-url", default=os.environ.get("BENCH_SCALE_URL"))
    parser.add_argument("--pieces", type=int, default=50_000, help="pieces of a new scale db")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true", help="build the SQLite databases anew")
    parser.add_argument("--folder", type=Path, default=FOLDER, help="where the SQLite files are")
    parser.add_argument("--page", action="append", help="only these pages (repeatable)")
    args = parser.parse_args()
    pages = tuple(args.page or PAGES)
    args.folder.mkdir(parents=True, exist_ok=True)
    demo_db, scale_db = args.folder / "demo.db", args.folder / f"scale-{args.pieces}.db"
    for path, command in (
        (demo_db, ("demo",)),
        (scale_db, ("demo-scale", "--pieces", str(args.pieces))),
    ):
        if args.scale_url and path == scale_db:
            continue
        fresh = args.rebuild or not path.exists()
        if fresh:
            path.unlink(missing_ok=True)
        upgrade(f"sqlite:///{path}")
        if fresh:
            build(f"sqlite:///{path}", *command)
    scale_uri = args.scale_url or f"sqlite:///{scale_db}"
    if args.scale_url:
        upgrade(args.scale_url)
    baseline = measure(f"sqlite:///{demo_db}", args.requests, pages)
    scale = measure(scale_uri, args.requests, pages)
    where = scale_uri.rsplit("@", 1)[-1]
    print(f"\nSingle user, Flask test client, {args.requests} requests per page; scale: {where}")
    print(
        f"{'page':<22}{'demo p50':>10}{'demo p95':>10}{'scale p50':>11}{'scale p95':>11}"
        f"{'KB':>8}{'issue before':>14}  target p95 ≤ {TARGET_MS:.0f} ms"
    )
    missed = 0
    for page in pages:
        d50, d95, _size = baseline[page]
        s50, s95, size = scale[page]
        before = f"{ISSUE_BEFORE[page]:.0f} ms" if page in ISSUE_BEFORE else "—"
        verdict = "PASS" if s95 <= TARGET_MS else "MISS"
        missed += verdict == "MISS"
        print(
            f"{page:<22}{d50:>8.1f}ms{d95:>8.1f}ms{s50:>9.1f}ms{s95:>9.1f}ms"
            f"{size / 1024:>8.0f}{before:>14}  {verdict}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
