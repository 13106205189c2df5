"""What goes out together and what may not go out now: 公众号 group sends and blackout windows.

Group sends
    The posting policy (app.schedule.policy) counts the pieces of one ``wechat_oa`` channel with
    the same publish minute as ONE group send of up to 8 articles; WeChat's free-publish (发表) of
    one multi-article draft is that send. The runner claims such pieces together and publishes
    them as one batch: one draft, one submit, one status poll. The job of the send's first piece
    (lowest id) leads it — ``batch_id`` is its own id on every job of the send, only that job is
    leased and resumed, and its checkpoint is the send's. A piece that leaves the send before it
    was submitted (held, sent back) hands the lead to the next one.
Blackouts
    Right before any attempt that still has a platform step to do, the runner looks for a
    blackout window covering *now* on the channel (or on all channels). Nothing goes out then:
    the job is set to ``blackout`` (the workflow state stays scheduled or publishing), the
    managers are alerted once, and nothing is published until a person acts — a scheduled piece
    is rescheduled (which clears the hold), a piece already publishing is retried.
Late pieces
    A scheduled piece first claimed more than its channel's ``late_after_minutes`` (30) after its
    publish time — the workers were down — is not published automatically either (a 公众号 push
    at 03:00 instead of 20:00 is worse than none): the job is set to ``late``, its reviewer, the
    managers and the channel's assignee are told once, and it waits on the problems page for a
    person to publish it now, reschedule it or send it back. Only the start is judged: a publish
    already under way (retries, a lease taken over) carries on.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app import audit
from app.extensions import db
from app.models import AdapterKind, Channel, ChannelPublishing, JobState, Piece, PublishJob
from app.models.publishing import DEFAULT_LATE_AFTER_MINUTES
from app.notifications.events import Event, Words
from app.notifications.outbox import alert, approvers, managers
from app.publishing import leases
from app.publishing.adapters import manual_assignee
from app.publishing.job_errors import record_error
from app.schedule.policy import Blackout
from app.schedule.services import blackouts_between
from app.workflow import Status
from app.zones import brand_zone


def job_for(piece: Piece) -> PublishJob:
    """The piece's publish job, created (state pending, empty checkpoint) if it has none."""
    job = db.session.get(PublishJob, piece.id)
    if job is None:
        job = PublishJob(piece_id=piece.id, state=JobState.PENDING.value, checkpoint={})
        job.attempts = job.failures = 0
        db.session.add(job)
    return job


def sends_in_groups(channel_id: int) -> bool:
    """True for channels that publish through the 公众号 API (group sends)."""
    settings = db.session.get(ChannelPublishing, channel_id)
    return settings is not None and settings.adapter == AdapterKind.WECHAT_OA


def batch_members(job: PublishJob) -> list[Piece]:
    """The pieces a job publishes: its own, or every piece still in its group send, by id."""
    if job.batch_id is None:
        piece = db.session.get(Piece, job.piece_id, populate_existing=True)
        return [piece] if piece is not None else []
    query = (
        select(Piece)
        .join(PublishJob, PublishJob.piece_id == Piece.id)
        .where(PublishJob.batch_id == job.piece_id, Piece.status == Status.PUBLISHING.value)
        .order_by(Piece.id)
        .execution_options(populate_existing=True)
    )
    return list(db.session.scalars(query))


def lead(old: PublishJob, going: list[Piece], now: datetime, grouped: bool) -> int:
    """The first piece still going leads the send; it takes over the lease and the checkpoint."""
    leader = going[0].id
    if leader != old.piece_id:
        new = job_for(going[0])
        new.checkpoint, old.checkpoint = dict(old.checkpoint or {}), {}
        new.attempts, new.failures = old.attempts, old.failures
        new.state, new.lease_owner = JobState.RUNNING.value, leases.worker_id()
        new.lease_expires_at = now + leases.lease_length()
    if grouped:
        for piece in going:
            job_for(piece).batch_id = leader
    return leader


def blackout_now(channel: Channel, now: datetime) -> Blackout | None:
    """The blackout window covering ``now`` on ``channel`` or on all channels, if any."""
    found = blackouts_between(now, now + timedelta(microseconds=1), channel)
    return found[0] if found else None


def blackout_words(window: Blackout) -> Words:
    """Why nothing went out, for the piece's page, the problems page (``str()``) and the alert."""
    zone = brand_zone()
    start, end = window.start.astimezone(zone), window.end.astimezone(zone)
    key = "blackout.all" if window.channel is None else "blackout.channel"
    when = {"start": f"{start:%m-%d %H:%M}", "end": f"{end:%m-%d %H:%M}"}
    if window.reason:
        return Words.of(f"{key}_why", **when, why=window.reason)
    return Words.of(key, **when)


def hold_for_blackout(pieces: list[Piece], window: Blackout, now: datetime) -> dict[int, str]:
    """Stop every piece's job for the blackout; alert the managers once per piece (no commit)."""
    words = blackout_words(window)
    text = str(words)
    for piece in pieces:
        job = job_for(piece)
        job.state, job.lease_owner, job.lease_expires_at = JobState.BLACKOUT.value, None, None
        job.next_attempt_at = None
        record_error(job, words, "blackout")
        if job.blackout_at is None:
            job.blackout_at = now
            title = Words.of("blackout_held", piece=piece.title)
            alert(Event.HELD, piece, managers(), title, words, now)
            audit.record(None, "piece.blackout_hold", piece, reason=text)
    return {piece.id: "blackout" for piece in pieces}


def late_after(channel: Channel) -> timedelta:
    """How late a piece of ``channel`` may start automatically (its settings; else 30 min)."""
    settings = db.session.get(ChannelPublishing, channel.id)
    minutes = settings.late_after_minutes if settings else DEFAULT_LATE_AFTER_MINUTES
    return timedelta(minutes=minutes)


def too_late(piece: Piece, now: datetime) -> bool:
    """The piece's publish time passed more than its channel's ``late_after`` ago."""
    return piece.publish_at is not None and now - piece.publish_at > late_after(piece.channel)


def hold_late(pieces: list[Piece], now: datetime) -> dict[int, str]:
    """Stop each too-late piece for a person to decide; tell people once per piece (no commit)."""
    for piece in pieces:
        assert piece.publish_at is not None  # only a piece with a time is too late
        minutes = int((now - piece.publish_at).total_seconds() // 60)
        limit = int(late_after(piece.channel).total_seconds() // 60)
        words = Words.of("late_held.text", minutes=minutes, limit=limit)
        text = str(words)
        job = job_for(piece)
        job.state, job.lease_owner, job.lease_expires_at = JobState.LATE.value, None, None
        job.next_attempt_at = None
        record_error(job, words, "late")
        if job.late_at is None:
            job.late_at = now
            users = [*approvers(piece)[:1], *managers(), manual_assignee(piece)]
            title = Words.of("late_held", piece=piece.title)
            alert(Event.MISSED, piece, users, title, words, now)
            audit.record(None, "piece.late_hold", piece, reason=text)
    return {piece.id: "late" for piece in pieces}
