"""Atomic claims and leases: how any number of workers share publishing without doing it twice.

A scheduled piece is claimed with a conditional UPDATE whose WHERE repeats the conditions that
made it due; only one transaction can match it, because the row (PostgreSQL) or the database
(SQLite) stays locked until that transaction commits the new status. Candidates are picked with
``FOR UPDATE SKIP LOCKED`` on PostgreSQL so that workers do not queue behind each other.

While a piece is being published its ``publish_job`` row carries a lease (owner + expiry). Every
step that changes the job checks the lease in its WHERE clause: a worker whose lease expired and
was taken over cannot overwrite the new owner's work (it gets ``LeaseLost`` and stops).

A 公众号 group send is claimed as a whole: the worker first locks the channel row (PostgreSQL;
holding no piece row while it waits, so the lock order is always channel → pieces), then claims
the due piece and every other scheduled piece of that channel in the same publish minute. Only
the job of the send's first piece (``batch_id`` = its own id) is ever leased or resumed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, Select, or_, select, update

from app.channels import Checkpoint
from app.extensions import db, rowcount
from app.models import Channel, JobState, Piece, PublishJob
from app.runtime import worker_id
from app.schedule.policy import WECHAT_MAX_ARTICLES, send_key
from app.workflow import Status

Clock = Callable[[], datetime]
CANDIDATES = 8  # SQLite: pick among this many due pieces at random to spread the workers


class LeaseLost(Exception):
    """Another worker took this piece over after our lease expired; stop without touching it."""


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


def not_held() -> ColumnElement[bool]:
    """Pieces not stopped by a blackout or as too late (they wait for a person to act)."""
    waiting = [JobState.BLACKOUT.value, JobState.LATE.value]
    held = select(PublishJob.piece_id).where(PublishJob.state.in_(waiting))
    return Piece.id.not_in(held)


def due_scheduled(now: datetime) -> list[int]:
    """Ids of scheduled pieces whose publish time has come (a few, or one locked row)."""
    query = (
        select(Piece.id)
        .where(Piece.status == Status.SCHEDULED.value, Piece.publish_at <= now, not_held())
        .order_by(Piece.publish_at, Piece.id)
    )
    return _pick(query)


def claim_scheduled(piece_id: int, now: datetime, *, send_ends: datetime | None = None) -> bool:
    """Take a due scheduled piece for this transaction; False if another worker has it.

    The caller checks the piece and moves it on (publishing, held or back to review) before it
    commits; until then no other transaction can match the same row. ``send_ends`` claims a
    piece of a group send whose minute has begun, even if its own second has not.
    """
    due = Piece.publish_at < send_ends if send_ends else Piece.publish_at <= now
    claimed = db.session.execute(
        update(Piece)
        .where(Piece.id == piece_id, Piece.status == Status.SCHEDULED.value, due, not_held())
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return rowcount(claimed) == 1


def lock_channel(channel_id: int) -> None:
    """Serialise group-send claims (and reschedules) on one channel; a no-op lock on SQLite."""
    db.session.execute(select(Channel.id).where(Channel.id == channel_id).with_for_update())


def claim_send(piece_id: int, now: datetime) -> list[int]:
    """Claim the other scheduled pieces of a claimed piece's 公众号 send (same channel, minute)."""
    channel_id, at = db.session.execute(
        select(Piece.channel_id, Piece.publish_at).where(Piece.id == piece_id)
    ).one()
    assert at is not None  # the piece was claimed as due, so it has a publish time
    start = send_key(at)
    ends = start + timedelta(minutes=1)
    query = (
        select(Piece.id)
        .where(
            Piece.channel_id == channel_id,
            Piece.status == Status.SCHEDULED.value,
            Piece.publish_at >= start,
            Piece.publish_at < ends,
            Piece.id != piece_id,
            not_held(),
        )
        .order_by(Piece.id)
        .limit(WECHAT_MAX_ARTICLES - 1)
    )
    siblings = list(db.session.scalars(query))
    return [n for n in siblings if claim_scheduled(n, now, send_ends=ends)]


def resumable(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """Jobs of pieces in publishing whose retry is due or whose worker stopped renewing.

    A group send's other pieces wait with their send: only its leading job is resumed.
    """
    return (
        PublishJob.state.in_([JobState.PENDING.value, JobState.RUNNING.value]),
        or_(PublishJob.next_attempt_at.is_(None), PublishJob.next_attempt_at <= now),
        _lease_free(now),
        or_(PublishJob.batch_id.is_(None), PublishJob.batch_id == PublishJob.piece_id),
        PublishJob.piece_id.in_(select(Piece.id).where(Piece.status == Status.PUBLISHING.value)),
    )


def due_jobs(now: datetime) -> list[int]:
    """Piece ids of jobs to resume: a retry whose time has come, or an expired lease."""
    query = select(PublishJob.piece_id).where(*resumable(now)).order_by(PublishJob.piece_id)
    return _pick(query)


def claim_job(piece_id: int, now: datetime) -> bool:
    """Lease a resumable job to this worker; False if another worker has it."""
    claimed = db.session.execute(
        update(PublishJob)
        .where(PublishJob.piece_id == piece_id, *resumable(now))
        .values(
            state=JobState.RUNNING.value,
            lease_owner=worker_id(),
            lease_expires_at=now + lease_length(),
            attempts=PublishJob.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )
    return rowcount(claimed) == 1


def release(job: PublishJob, state: JobState) -> None:
    """End the job's lease and set its state (in the caller's transaction)."""
    job.state, job.lease_owner, job.lease_expires_at = state.value, None, None


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
    if rowcount(renewed) != 1:
        db.session.rollback()
        raise LeaseLost(f"稿件 #{piece_id} 的发布已被其他发布进程接管")


def checkpoint_saver(piece_id: int, clock: Clock) -> Callable[[Checkpoint], None]:
    """The ``save_checkpoint`` an adapter gets: commit each step before the next one starts."""

    def save(checkpoint: Checkpoint) -> None:
        """Store the checkpoint and renew the lease, in a transaction of its own."""
        renew(piece_id, clock(), checkpoint=dict(checkpoint))
        db.session.commit()

    return save
