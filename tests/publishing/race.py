"""Race test: worker processes publish due pieces against the webhook fake; count what arrived.

    python -m tests.publishing.race [--database URL] [--pieces 1000] [--workers 4]

It runs twice: once undisturbed, once with ``kill -9`` of one worker mid-run (its claimed piece
is taken over when its lease expires). On PostgreSQL a third run takes the database away
mid-run: new connections are refused and every open one is terminated (what a restart does to the
app), for ``OUTAGE_SECONDS``; with ``RACE_PG_RESTART`` set (e.g. ``pg_ctlcluster 15 main
restart``) that command really restarts the server instead — on a machine of its own, as in CI.
Each run prints published / duplicates / missing from the receiver's log; the target is
1000 / 0 / 0.

* published: pieces the receiver got at least once;
* duplicates: pieces the receiver got under two different X-Hemline-Idempotency-Keys, i.e. that
  would be posted twice even by a receiver that honours the key (as the webhook contract asks);
* repeat deliveries: the same key delivered again. That can only come from a worker killed
  between the POST and committing its checkpoint — the next worker cannot know whether the POST
  arrived and sends it again with the same key, for the receiver to drop. So the undisturbed run
  must have none, a run with one ``kill -9`` at most one, and the outage run at most one per
  worker (each may lose the connection between its POST and its checkpoint).

Exit status 0 only when every run is N / 0 / 0 within those repeat bounds.

Without ``--database`` a fresh SQLite file is used. ``--database`` may name a PostgreSQL
database *reserved for this test* (its public schema is dropped and migrated), e.g.
``postgresql+psycopg://hemline_ci:hemline_ci@127.0.0.1:5432/hemline_race``. Not a pytest test.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from config import TestConfig

SECRET = "race-webhook-secret"
DONE_STATES = ("published", "failed", "held", "in_review")
OUTAGE_SECONDS = 3.0


def make_app(database: str, lease: int) -> Flask:
    """The app against the race database, with a short lease so a dead worker is replaced."""
    from app import create_app

    options: dict[str, object] = {"pool_pre_ping": True}
    if database.startswith("sqlite"):
        options["connect_args"] = {"timeout": 30}  # writers queue on SQLite's one write lock

    class RaceConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = database
        SQLALCHEMY_ENGINE_OPTIONS = options
        SECRET_KEY = "race-secret-key"
        PUBLISH_LEASE_SECONDS = lease
        LEXICON_REFRESH_SECONDS = 5.0
        OUTBOUND_ALLOW = "127.0.0.1"  # the local webhook receiver (internal addresses are refused)

    return create_app(RaceConfig)


# --- setting up ---------------------------------------------------------------------------------


def prepare(database: str, pieces: int, receiver_url: str) -> None:
    """A freshly migrated database with ``pieces`` due pieces on one webhook channel."""
    import flask_migrate

    from app.extensions import db

    app = make_app(database, 60)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db.engine.url.database}{suffix}").unlink(missing_ok=True)
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        else:
            db.session.execute(text("PRAGMA journal_mode=WAL"))
            db.session.commit()
        flask_migrate.upgrade()
        _seed(pieces, receiver_url)
        db.session.remove()
        db.engine.dispose()


def _seed(count: int, receiver_url: str) -> None:
    from app.extensions import db
    from app.models import (
        AdapterKind,
        Channel,
        ChannelPublishing,
        Piece,
        Revision,
        User,
        content_hash,
        utcnow,
    )
    from app.runtime import secret_box

    writer = User(username="race-writer", display_name="赛跑作者", password_hash="-")
    channel = Channel(code="race", name="赛跑渠道", kind="weibo")
    db.session.add_all([writer, channel])
    db.session.flush()
    db.session.add(
        ChannelPublishing(
            channel=channel,
            adapter=AdapterKind.WEBHOOK.value,
            webhook_url=receiver_url,
            secret_encrypted=secret_box().encrypt(SECRET),
        )
    )
    due = utcnow() - timedelta(seconds=1)
    for number in range(count):
        fields = {"title": f"赛跑稿件 {number}", "summary": "", "body": "正文", "cover": ""}
        fields |= {"content_type": "styling", "channel": "race"}
        piece = Piece(
            channel=channel, content_type="styling", status="scheduled", owner=writer,
            last_editor=writer, publish_at=due, approved_hash=content_hash(fields),
        )  # fmt: skip
        revision = Revision(
            piece=piece, number=1, title=fields["title"], body="正文", content_type="styling",
            channel_code="race", content_hash=piece.approved_hash, author=writer,
        )  # fmt: skip
        piece.current_revision = revision
        db.session.add_all([piece, revision])
        if number % 200 == 199:
            db.session.commit()
    db.session.commit()


# --- the workers --------------------------------------------------------------------------------


def worker(database: str, lease: int, deadline: float) -> None:
    """Publish until nothing is left to do (or the deadline); print what this worker did."""
    from app.extensions import db
    from app.models import Piece
    from app.publishing import services

    app = make_app(database, lease)
    done: Counter[str] = Counter()
    with app.app_context():
        while time.monotonic() < deadline:
            try:
                report = services.publish_due()
                for outcome, ids in report.outcomes.items():
                    done[outcome] += len(ids)
                if report.count():
                    continue
                open_pieces = select(func.count()).where(Piece.status.not_in(DONE_STATES))
                if not db.session.scalar(open_pieces):
                    break
            except DBAPIError as error:  # a busy database: try again, like the real worker
                done["db_errors"] += 1
                print(f"db error: {error.orig}", file=sys.stderr)
            db.session.remove()
            time.sleep(0.2)
        db.engine.dispose()
    print(json.dumps(done))


# --- one run ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What the receiver saw and what the database says."""

    published: int
    duplicates: int
    repeats: int
    repeated_keys: list[str]
    missing: int
    in_database: int
    seconds: float
    workers: list[str]


def run(database: str, pieces: int, workers: int, kill: bool, outage: bool = False) -> Outcome:
    """Seed, start the workers, optionally kill one (or the database) mid-run, and count."""
    from tests.channels.fakes import WebhookReceiver, serve

    with serve(WebhookReceiver(secret=SECRET)) as receiver:
        prepare(database, pieces, receiver.url)
        lease = 5 if kill or outage else 120
        started = time.monotonic()
        processes = [_spawn(database, lease) for _ in range(workers)]
        if kill:
            _kill_mid_run(processes[0], receiver, pieces)
        if outage:
            _outage_mid_run(database, receiver, pieces)
        outputs = [process.communicate(timeout=600)[0] for process in processes]
        seconds = time.monotonic() - started
        valid = [r for r in receiver.requests if r["valid"]]
        keys = Counter(r["idempotency_key"] for r in valid)
        keys_by_piece: dict[int, set[str]] = {}
        for r in valid:
            piece_id = json.loads(r["body"])["piece_id"]
            keys_by_piece.setdefault(piece_id, set()).add(r["idempotency_key"])
    published = len(keys_by_piece)
    return Outcome(
        published=published,
        duplicates=sum(1 for piece_keys in keys_by_piece.values() if len(piece_keys) > 1),
        repeats=sum(n - 1 for n in keys.values()),
        repeated_keys=sorted(key for key, n in keys.items() if n > 1),
        missing=pieces - published,
        in_database=_published_in_database(database),
        seconds=seconds,
        workers=[out.strip() or "(killed)" for out in outputs],
    )


def _spawn(database: str, lease: int) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "tests.publishing.race", "--worker", "--database", database]
    return subprocess.Popen(
        [*args, "--lease", str(lease)], stdout=subprocess.PIPE, text=True, cwd=_root()
    )


def _kill_mid_run(victim: subprocess.Popen[str], receiver: object, pieces: int) -> None:
    """SIGKILL one worker once about a third of the pieces have arrived."""
    while len(receiver.requests) < pieces // 3:  # type: ignore[attr-defined]
        time.sleep(0.01)
    os.kill(victim.pid, signal.SIGKILL)
    print(f"  kill -9 worker pid {victim.pid} after {len(receiver.requests)} deliveries")  # type: ignore[attr-defined]


def _outage_mid_run(database: str, receiver: object, pieces: int) -> None:
    """Take the database away once about a third of the pieces have arrived, then bring it back."""
    while len(receiver.requests) < pieces // 3:  # type: ignore[attr-defined]
        time.sleep(0.01)
    at = len(receiver.requests)  # type: ignore[attr-defined]
    command = os.environ.get("RACE_PG_RESTART", "")
    if command:
        subprocess.run(command, shell=True, check=True)
        print(f"  database restarted ({command}) after {at} deliveries")
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    url = make_url(database)
    name = url.database
    # From the maintenance database: a database cannot refuse connections to itself.
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        try:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            time.sleep(OUTAGE_SECONDS)
        finally:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
    engine.dispose()
    print(f"  database unreachable for {OUTAGE_SECONDS:.0f} s after {at} deliveries")


def _published_in_database(database: str) -> int:
    from app.extensions import db
    from app.models import Piece

    app = make_app(database, 60)
    with app.app_context():
        count = db.session.scalar(select(func.count()).where(Piece.status == "published"))
        db.session.remove()
        db.engine.dispose()
    return int(count or 0)


def _root() -> str:
    return str(Path(__file__).resolve().parents[2])


def report(label: str, outcome: Outcome) -> str:
    """One line per run."""
    return (
        f"{label}: published {outcome.published}, duplicates {outcome.duplicates}, "
        f"missing {outcome.missing}  (repeat deliveries {outcome.repeats}"
        f"{' ' + str(outcome.repeated_keys) if outcome.repeated_keys else ''}; "
        f"published in DB {outcome.in_database}; {outcome.seconds:.1f} s; "
        f"workers {', '.join(outcome.workers)})"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the race twice (undisturbed, then with kill -9) and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("RACE_DATABASE_URL", ""))
    parser.add_argument("--pieces", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--lease", type=int, default=120, help=argparse.SUPPRESS)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.database, args.lease, time.monotonic() + 300)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        database = args.database or f"sqlite:///{Path(tmp) / 'race.db'}"
        kind = "PostgreSQL" if database.startswith("postgresql") else "SQLite"
        ok = True
        disturbances = ["", "kill"] + (["outage"] if kind == "PostgreSQL" else [])
        for disturbance in disturbances:
            label = (
                f"{kind}, {args.workers} workers, {args.pieces} pieces"
                + {
                    "": "",
                    "kill": ", kill -9 of one worker",
                    "outage": ", the database goes away mid-run",
                }[disturbance]
            )
            print(f"{label} …", flush=True)
            kill, outage = disturbance == "kill", disturbance == "outage"
            outcome = run(database, args.pieces, args.workers, kill, outage)
            print(report(label, outcome), flush=True)
            counts = (outcome.published, outcome.duplicates, outcome.missing)
            allowed = {"": 0, "kill": 1, "outage": args.workers}[disturbance]
            ok &= counts == (args.pieces, 0, 0) and outcome.repeats <= allowed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
