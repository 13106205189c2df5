"""Race test: worker processes publish due pieces against the webhook fake; count what arrived.

    python -m tests.publishing.race [--database URL] [--pieces 1000] [--workers 4]

It runs twice: once undisturbed, once with ``kill -9`` of one worker mid-run (its claimed piece
is taken over when its lease expires). On PostgreSQL a third run takes the database away
mid-run: new connections are refused and every open one is terminated (what a restart does to the
app), for ``OUTAGE_SECONDS``; with ``RACE_PG_RESTART`` set (e.g. ``pg_ctlcluster 15 race
restart``) a fourth run really restarts the server with that command — a cluster of its own
(`.ci/run` makes one), never one that other people use. Each run prints published / duplicates /
missing from the receiver's log; the target is 1000 / 0 / 0.

Nothing waits forever: the restart command has ``RESTART_TIMEOUT`` seconds, the workers
``WORKER_SECONDS`` (RACE_WORKER_SECONDS), the wait for a third of the deliveries fails as soon as
no worker is left, and a whole run has ``RUN_TIMEOUT`` seconds (RACE_RUN_TIMEOUT). A run that is
stuck ends with exit status 2 and "RACE STUCK: …", after the stacks of the workers still running
(faulthandler, SIGUSR1) and of the harness itself.

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
import faulthandler
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
from sqlalchemy.exc import SQLAlchemyError

from config import TestConfig
from tests.channels.fakes import WebhookReceiver

SECRET = "race-webhook-secret"
DONE_STATES = ("published", "failed", "held", "in_review")
OUTAGE_SECONDS = 3.0
RESTART_TIMEOUT = 120.0  # pg_ctlcluster waits 60 s for a stop, then up to 30 s for the start
WORKER_SECONDS = float(os.environ.get("RACE_WORKER_SECONDS", "600"))
RUN_TIMEOUT = float(os.environ.get("RACE_RUN_TIMEOUT", "900"))
PROGRESS_EVERY = 30.0  # seconds between the progress lines of a run
PASS = 25  # pieces per publish_due call, so that a worker sees its deadline between calls


class RaceStuck(Exception):
    """A run did not finish in its time; the message says what was still waiting."""


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
            _disconnect_others(database)  # a worker left over by an aborted run holds locks
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        else:
            db.session.execute(text("PRAGMA journal_mode=WAL"))
            db.session.commit()
        flask_migrate.upgrade()
        _seed(pieces, receiver_url)
        db.session.remove()
        db.engine.dispose()


def _disconnect_others(database: str) -> None:
    """End every other client session of ours on the race database (lock_timeout bounds the DROP
    anyway). Only client backends of the current role: an autovacuum worker busy on the database
    after the previous run is a superuser process that the role may not terminate (session 21: a
    clean-clone CI run failed with InsufficientPrivilege), and it holds no lock the DROP waits on
    for long."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from app.extensions import db

    db.session.remove()
    db.engine.dispose()
    url = make_url(database)
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = :name AND pid <> pg_backend_pid()"
                " AND backend_type = 'client backend' AND usename = current_user"
            ),
            {"name": url.database},
        )
    engine.dispose()


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

    faulthandler.register(signal.SIGUSR1, all_threads=True)  # the harness asks where we wait
    app = make_app(database, lease)
    done: Counter[str] = Counter()
    with app.app_context():
        while time.monotonic() < deadline:
            try:
                report = services.publish_due(limit=PASS)
                for outcome, ids in report.outcomes.items():
                    done[outcome] += len(ids)
                if report.count():
                    continue
                open_pieces = select(func.count()).where(Piece.status.not_in(DONE_STATES))
                if not db.session.scalar(open_pieces):
                    break
            except SQLAlchemyError as error:  # a busy or restarting database: try again
                done["db_errors"] += 1
                print(f"db error: {getattr(error, 'orig', None) or error}", file=sys.stderr)
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


def run(database: str, pieces: int, workers: int, disturbance: str = "") -> Outcome:
    """Seed, start the workers, optionally kill one, take the database away or restart it
    mid-run, and count. Raises RaceStuck when something does not finish in its time."""
    from tests.channels.fakes import WebhookReceiver, serve

    with serve(WebhookReceiver(secret=SECRET)) as receiver:
        prepare(database, pieces, receiver.url)
        lease = 5 if disturbance else 120
        started = time.monotonic()
        processes = [_spawn(database, lease) for _ in range(workers)]
        try:
            if disturbance:
                _wait_for_third(receiver, pieces, processes, started)
            if disturbance == "kill":
                victim = processes[0].pid
                os.kill(victim, signal.SIGKILL)
                print(f"  kill -9 worker pid {victim} after {len(receiver.requests)} deliveries")
            elif disturbance == "outage":
                _outage_mid_run(database, receiver)
            elif disturbance == "restart":
                _restart_mid_run(receiver)
            outputs = _finish(processes, started, receiver)
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
                    process.wait()
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


def _wait_for_third(
    receiver: WebhookReceiver, pieces: int, processes: list[subprocess.Popen[str]], started: float
) -> None:
    """Wait until about a third of the pieces have arrived; fail if no worker is left to send
    them or the run's time is up."""
    while len(receiver.requests) < pieces // 3:
        if all(process.poll() is not None for process in processes):
            raise RaceStuck(
                f"every worker exited after {len(receiver.requests)} of {pieces // 3} deliveries"
            )
        if time.monotonic() - started > RUN_TIMEOUT:
            _dump_stacks(processes)
            raise RaceStuck(
                f"only {len(receiver.requests)} of {pieces // 3} deliveries in {RUN_TIMEOUT:.0f} s"
            )
        time.sleep(0.01)


def _finish(
    processes: list[subprocess.Popen[str]], started: float, receiver: WebhookReceiver
) -> list[str]:
    """Each worker's output, once all have exited, with a line every PROGRESS_EVERY seconds
    meanwhile; RaceStuck (after their stacks) if they do not exit within the run's time."""
    said = time.monotonic()
    while any(process.poll() is None for process in processes):
        if time.monotonic() - started > RUN_TIMEOUT:
            stuck = [p for p in processes if p.poll() is None]
            _dump_stacks(stuck)
            pids = ", ".join(str(p.pid) for p in stuck)
            raise RaceStuck(
                f"workers {pids} still running after {RUN_TIMEOUT:.0f} s"
                f" ({len(receiver.requests)} deliveries); their stacks are above"
            )
        if time.monotonic() - said >= PROGRESS_EVERY:
            said = time.monotonic()
            alive = sum(1 for process in processes if process.poll() is None)
            print(
                f"  … {len(receiver.requests)} deliveries after {said - started:.0f} s,"
                f" {alive} workers running",
                flush=True,
            )
        time.sleep(0.2)
    return [process.communicate()[0] for process in processes]


def _dump_stacks(processes: list[subprocess.Popen[str]]) -> None:
    """Ask each live worker to print its threads' stacks (faulthandler on SIGUSR1)."""
    for process in processes:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGUSR1)
    time.sleep(1.0)  # let them write before they are killed


def _restart_mid_run(receiver: WebhookReceiver) -> None:
    """Restart the server with RACE_PG_RESTART, bounded by RESTART_TIMEOUT.

    The command gets no terminal and no pipe of ours: a server it starts must not inherit an
    open descriptor of the harness (a reader waiting for its end would wait for the server's).
    """
    command = os.environ["RACE_PG_RESTART"]
    at = len(receiver.requests)
    with tempfile.TemporaryFile("w+") as log:
        try:
            done = subprocess.run(
                command, shell=True, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True, timeout=RESTART_TIMEOUT,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise RaceStuck(f"{command!r} did not return in {RESTART_TIMEOUT:.0f} s") from None
        log.seek(0)
        if done.returncode != 0:
            raise RaceStuck(f"{command!r} failed ({done.returncode}): {log.read().strip()}")
    print(f"  database restarted ({command}) after {at} deliveries")


def _outage_mid_run(database: str, receiver: WebhookReceiver) -> None:
    """Take the database away for OUTAGE_SECONDS, then bring it back."""
    at = len(receiver.requests)
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
                    " AND backend_type = 'client backend' AND usename = current_user"
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
        worker(args.database, args.lease, time.monotonic() + WORKER_SECONDS)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        database = args.database or f"sqlite:///{Path(tmp) / 'race.db'}"
        kind = "PostgreSQL" if database.startswith("postgresql") else "SQLite"
        ok = True
        disturbances = ["", "kill"]
        if kind == "PostgreSQL":
            disturbances += ["outage"] + (["restart"] if os.environ.get("RACE_PG_RESTART") else [])
        for disturbance in disturbances:
            label = f"{kind}, {args.workers} workers, {args.pieces} pieces" + LABELS[disturbance]
            print(f"{label} …", flush=True)
            # Anything else that hangs (seeding, counting): every thread's stack, exit status 1.
            faulthandler.dump_traceback_later(RUN_TIMEOUT + 120, exit=True)
            try:
                outcome = run(database, args.pieces, args.workers, disturbance)
            except RaceStuck as stuck:
                print(f"RACE STUCK: {label}: {stuck}", flush=True)
                return 2
            finally:
                faulthandler.cancel_dump_traceback_later()
            print(report(label, outcome), flush=True)
            counts = (outcome.published, outcome.duplicates, outcome.missing)
            allowed = {"": 0, "kill": 1}.get(disturbance, args.workers)
            ok &= counts == (args.pieces, 0, 0) and outcome.repeats <= allowed
    return 0 if ok else 1


LABELS = {
    "": "",
    "kill": ", kill -9 of one worker",
    "outage": ", the database goes away mid-run (connections refused and terminated)",
    "restart": ", the database server restarts mid-run",
}


if __name__ == "__main__":
    sys.exit(main())
