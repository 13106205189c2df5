"""The watchdog: nothing fails silently — late pieces are flagged once, manual posts chased.

Every pass (worker or ``publish-due``) it flags pieces still unpublished
``PUBLISH_MISSED_MINUTES`` (5) after their time as missed, once (``missed_at``); closes the jobs
of manual posts a person recorded; and escalates manual posts still waiting
``PUBLISH_MANUAL_ESCALATE_MINUTES`` after their time to the managers, once (``escalated_at``).
Rescheduling, unscheduling, retrying and sending back clear those markers.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from app import audit
from app.extensions import db, rowcount
from app.models import JobState, Piece, PublishJob, utcnow
from app.notifications.events import Event, Words
from app.notifications.outbox import alert, approvers, managers
from app.publishing import incidents
from app.publishing.adapters import manual_assignee
from app.publishing.job_errors import stored_words
from app.publishing.leases import release
from app.publishing.sends import job_for
from app.workflow import Status

LIVE_STATES = (Status.SCHEDULED.value, Status.PUBLISHING.value)


def watchdog(now: datetime | None = None) -> int:
    """Flag pieces unpublished 5 min after their time as missed (once), chase manual posts.

    Not flagged: pieces stopped by a blackout or as too late (people were told when they were
    stopped), and manual posts handed to their assignee (told at the publish time) — those are
    escalated to the managers once, ``PUBLISH_MANUAL_ESCALATE_MINUTES`` after their time: one
    alert, not two.
    """
    at = now or utcnow()
    late = at - timedelta(minutes=current_app.config["PUBLISH_MISSED_MINUTES"])
    waiting = [JobState.BLACKOUT.value, JobState.AWAITING_PERSON.value, JobState.LATE.value]
    query = (
        select(Piece.id)
        .outerjoin(PublishJob, PublishJob.piece_id == Piece.id)
        .where(Piece.status.in_(LIVE_STATES), Piece.publish_at <= late)
        .where(
            or_(
                PublishJob.piece_id.is_(None),
                and_(PublishJob.missed_at.is_(None), PublishJob.state.not_in(waiting)),
            )
        )
    )
    raised = sum(_mark_missed(piece_id, at) for piece_id in list(db.session.scalars(query)))
    _close_manual_posts(at)
    return raised + _escalate_manual(at)


def _close_manual_posts(at: datetime) -> None:
    """Finish the jobs of manual posts a person has recorded (content.mark_published)."""
    query = (
        select(PublishJob)
        .join(Piece)
        .where(
            PublishJob.state == JobState.AWAITING_PERSON.value,
            Piece.status == Status.PUBLISHED.value,
        )
    )
    for job in db.session.scalars(query):
        release(job, JobState.DONE)
        job.platform_url, job.finished_at = job.piece.post_url, job.piece.published_at or at
    db.session.commit()


def _mark_missed(piece_id: int, at: datetime) -> bool:
    """Flag one piece as missed unless another worker just did; alert in the same transaction."""
    try:
        # the id was just selected from the piece table
        piece: Piece = db.session.get(Piece, piece_id)  # type: ignore[assignment]
        job = db.session.get(PublishJob, piece_id)
        if job is None:
            job_for(piece).missed_at = at
            db.session.flush()
        elif not _set_once(piece_id, "missed_at", at):
            return False
    except IntegrityError:
        db.session.rollback()
        return False
    users = [*approvers(piece)[:1], *managers(), manual_assignee(piece)]
    words = _missed_words(piece, db.session.get(PublishJob, piece_id), at)
    text = str(words)
    incidents.open_once(f"missed:{piece_id}", at, piece.title, text)  # its end is told too
    alert(Event.MISSED, piece, users, Words.as_is(piece.title), words, at)
    audit.record(None, "piece.missed", piece, reason=text)
    db.session.commit()
    return True


def _set_once(piece_id: int, column: str, at: datetime) -> bool:
    """Set a timestamp column of a job if it is still empty; False if someone else did."""
    attribute = getattr(PublishJob, column)
    changed = db.session.execute(
        update(PublishJob)
        .where(PublishJob.piece_id == piece_id, attribute.is_(None))
        .values({column: at})
        .execution_options(synchronize_session=False)
    )
    if rowcount(changed) != 1:
        db.session.rollback()
        return False
    return True


def _missed_words(piece: Piece, job: PublishJob | None, at: datetime) -> Words:
    minutes = int((at - piece.publish_at).total_seconds() // 60) if piece.publish_at else 0
    text = Words.of("missed.text", minutes=minutes)
    if job is None or (job.state == JobState.PENDING and not job.attempts):
        return text + Words.of("missed.no_worker")
    if job.state == JobState.AWAITING_PERSON:
        return text + Words.of("missed.awaiting_person")
    if words := stored_words(job):  # the error in the reader's language too
        return text + Words.of("publish.last_error") + words
    if job.last_error:
        return text + Words.of("missed.last_error", error=job.last_error)
    return text + Words.of("missed.publishing")


def _escalate_manual(at: datetime) -> int:
    """Manual posts still not done long after their time: tell the managers, once."""
    late = at - timedelta(minutes=current_app.config["PUBLISH_MANUAL_ESCALATE_MINUTES"])
    query = (
        select(PublishJob.piece_id)
        .join(Piece)
        .where(
            PublishJob.state == JobState.AWAITING_PERSON.value,
            PublishJob.escalated_at.is_(None),
            Piece.status == Status.PUBLISHING.value,
            Piece.publish_at <= late,
        )
    )
    raised = 0
    for piece_id in list(db.session.scalars(query)):
        if not _set_once(piece_id, "escalated_at", at):
            continue
        # the id was just selected from the piece table (joined to the job)
        piece: Piece = db.session.get(Piece, piece_id)  # type: ignore[assignment]
        assignee = manual_assignee(piece)
        words = (
            Words.of("manual_overdue.text", who=assignee.display_name)
            if assignee
            else Words.of("manual_overdue.nobody")
        )
        users = [*managers(), assignee]
        alert(Event.MISSED, piece, users, Words.of("manual_overdue", piece=piece.title), words, at)
        audit.record(None, "piece.manual_escalated", piece, reason=str(words))
        db.session.commit()
        raised += 1
    return raised
