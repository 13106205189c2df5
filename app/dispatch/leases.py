"""Atomic claims and leases: how any number of workers share publishing without doing it twice.

A scheduled piece is claimed with a conditional UPDATE whose WHERE repeats the conditions that
made it due; only one transaction can match it, because the row (PostgreSQL) or the database
(SQLite) stays locked until that transaction commits the new status. Candidates are picked with
``FOR UPDATE SKIP LOCKED`` on PostgreSQL so that workers do not queue behind each other.

While a piece is being published its ``publish_job`` row carries a lease (owner + expiry). Every
step that changes the job checks the lease in its WHERE clause: a worker whose lease expired and
was taken over cannot overwrite the new owner's work (it gets ``LeaseLost`` and stops).
"""

from __future__ import annotations

import os
import random
import socket
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, Select, or_, select, update

from app.extensions import db
from app.models import JobState, Piece, PublishJob
from app.publishing import Checkpoint
from app.workflow import Status

Clock = Callable[[], datetime]
CANDIDATES = 8  # SQLite: pick among this many due pieces at random to spread the workers
_identity: tuple[int, str] | None = None


class LeaseLost(Exception):
    """Another worker took this piece over after our lease expired; stop without touching it."""


def worker_id() -> str:
    """This process's name in leases: host, pid and a random suffix (new after a fork)."""
    global _identity
    pid = os.getpid()
    if _identity is None or _identity[0] != pid:
        _identity = (pid, f"{socket.gethostname()[:40]}:{pid}:{uuid.uuid4().hex[:8]}")
    return _identity[1]


def lease_length() -> timedelta:
    """How long a claim lasts without a sign of life from its worker."""
    return timedelta(seconds=current_app.config["PUBLISH_LEASE_SECONDS"])


def _on_postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _pick(query: Select) -> list[int]:
    """Run a candidate query: one locked row on PostgreSQL, a shuffled handful on SQLite."""
    if _on_postgres():
        return list(db.session.scalars(query.limit(1).with_for_update(skip_locked=True)))
    ids = list(db.session.scalars(query.limit(CANDIDATES)))
    random.shuffle(ids)
    return ids


def _lease_free(now: datetime) -> ColumnElement[bool]:
    return or_(PublishJob.lease_owner.is_(None), PublishJob.lease_expires_at < now)


def due_scheduled(now: datetime) -> list[int]:
    """Ids of scheduled pieces whose publish time has come (a few, or one locked row)."""
    query = (
        select(Piece.id)
        .where(Piece.status == Status.SCHEDULED.value, Piece.publish_at <= now)
        .order_by(Piece.publish_at, Piece.id)
    )
    return _pick(query)


def claim_scheduled(piece_id: int, now: datetime) -> bool:
    """Take a due scheduled piece for this transaction; False if another worker has it.

    The caller checks the piece and moves it on (publishing, held or back to review) before it
    commits; until then no other transaction can match the same row.
    """
    claimed = db.session.execute(
        update(Piece)
        .where(
            Piece.id == piece_id,
            Piece.status == Status.SCHEDULED.value,
            Piece.publish_at <= now,
        )
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1


def _resumable(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """Jobs of pieces in publishing whose retry is due or whose worker stopped renewing."""
    return (
        PublishJob.state.in_([JobState.PENDING.value, JobState.RUNNING.value]),
        or_(PublishJob.next_attempt_at.is_(None), PublishJob.next_attempt_at <= now),
        _lease_free(now),
        PublishJob.piece_id.in_(select(Piece.id).where(Piece.status == Status.PUBLISHING.value)),
    )


def due_jobs(now: datetime) -> list[int]:
    """Piece ids of jobs to resume: a retry whose time has come, or an expired lease."""
    query = select(PublishJob.piece_id).where(*_resumable(now)).order_by(PublishJob.piece_id)
    return _pick(query)


def claim_job(piece_id: int, now: datetime) -> bool:
    """Lease a resumable job to this worker; False if another worker has it."""
    claimed = db.session.execute(
        update(PublishJob)
        .where(PublishJob.piece_id == piece_id, *_resumable(now))
        .values(
            state=JobState.RUNNING.value,
            lease_owner=worker_id(),
            lease_expires_at=now + lease_length(),
            attempts=PublishJob.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1


def renew(piece_id: int, now: datetime, **values: object) -> None:
    """Extend our lease (and set ``values``) in the current transaction, or raise LeaseLost."""
    renewed = db.session.execute(
        update(PublishJob)
        .where(
            PublishJob.piece_id == piece_id,
            PublishJob.lease_owner == worker_id(),
            PublishJob.state == JobState.RUNNING.value,
        )
        .values(lease_expires_at=now + lease_length(), **values)
        .execution_options(synchronize_session=False)
    )
    if renewed.rowcount != 1:
        db.session.rollback()
        raise LeaseLost(f"稿件 #{piece_id} 的发布已被其他 worker 接管")


def checkpoint_saver(piece_id: int, clock: Clock) -> Callable[[Checkpoint], None]:
    """The ``save_checkpoint`` an adapter gets: commit each step before the next one starts."""

    def save(checkpoint: Checkpoint) -> None:
        """Store the checkpoint and renew the lease, in a transaction of its own."""
        renew(piece_id, clock(), checkpoint=dict(checkpoint))
        db.session.commit()

    return save
