"""Scheduled publishing: claim due pieces exactly once, re-check, publish, retry, alert.

Group sends and blackouts are in ``app.publishing.sends``, claims and leases in
``app.publishing.leases``, the watchdog for late pieces in ``app.publishing.watchdog``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import cast

from flask import current_app
from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from app import audit
from app.channels import (
    Adapter,
    Checkpoint,
    Delivery,
    OutcomeUnknownError,
    Package,
    PublishError,
    Result,
    SaveCheckpoint,
    SettingsError,
    TransientError,
    http_link,
)
from app.channels.base import BatchAdapter
from app.channels.manual import ready_package
from app.channels.messages import Said, as_written, said
from app.checks.current import current_lexicon
from app.checks.services import check_piece, describe_hits, ensure_not_blocked, hit_words
from app.compliance import Hit
from app.consent.services import hold_words
from app.content.services import transition
from app.errors import N_, Conflict, InvalidInput, PermissionDenied
from app.extensions import db
from app.models import AdapterKind, JobState, Piece, PublishJob, Role, User, utcnow
from app.notifications.events import Event, Words
from app.notifications.outbox import alert, approvers, managers
from app.notifications.services import notify
from app.publishing import leases
from app.publishing.adapters import build_adapter, build_package, manual_assignee, steps_left
from app.publishing.job_errors import clear_error, error_words, record_error
from app.publishing.leases import Clock, LeaseLost, release
from app.publishing.sends import (
    batch_members,
    blackout_now,
    hold_for_blackout,
    hold_late,
    job_for,
    lead,
    sends_in_groups,
    too_late,
)
from app.publishing.takedowns import process_takedowns
from app.publishing.watchdog import LIVE_STATES, watchdog
from app.review.sla import alert_sla_breaches
from app.workflow import Action, advance
from app.workflow import Status as PieceStatus

log = logging.getLogger("hemline.dispatch")

EDITED_AFTER_APPROVAL = str(Words.of("sent_back.edited"))
SENT_BACK_BY_PERSON = str(Words.of("sent_back.by_person"))  # when the person gave no reason
# Send-back reasons the system writes, said in the reader's language in the notice.
SEND_BACK_WORDS = {
    EDITED_AFTER_APPROVAL: "sent_back.edited",
    SENT_BACK_BY_PERSON: "sent_back.by_person",
}


@dataclass
class PassReport:
    """What one pass did, by outcome, as lists of piece ids."""

    outcomes: dict[str, list[int]] = field(default_factory=dict)

    def add(self, outcome: str, piece_id: int) -> None:
        """Record ``outcome`` for one piece."""
        self.outcomes.setdefault(outcome, []).append(piece_id)

    def count(self, outcome: str | None = None) -> int:
        """How many pieces had ``outcome`` (all outcomes when None)."""
        if outcome is not None:
            return len(self.outcomes.get(outcome, []))
        return sum(len(ids) for ids in self.outcomes.values())


OUTCOME_LABELS = {
    "published": "已发布",
    "awaiting_person": "等待人工发布",
    "polling": "等待平台结果",
    "retrying": "稍后重试",
    "failed": "发布失败",
    "held": "复检拦截",
    "refused": "退回审核",
    "lost": "已被其他发布进程接管",
    "blackout": "禁发时段暂停",
    "late": "超时未发，待人工决定",
}


def clock_for(now: datetime | None) -> Clock:
    """A fixed clock for ``now`` (tests, dry runs), else the real one."""
    return (lambda: now) if now is not None else utcnow


# --- one pass ---------------------------------------------------------------------------------

Outcomes = dict[int, str]  # piece id → outcome (OUTCOME_LABELS)


def publish_due(now: datetime | None = None, *, limit: int | None = None) -> PassReport:
    """One pass: claim due pieces, group sends and resumable jobs one at a time and publish them."""
    clock = clock_for(now)
    current_lexicon()  # compile a new word-list version before holding any claim
    report = PassReport()
    while limit is None or report.count() < limit:
        outcomes = _claim_next(clock)
        if outcomes is None:
            break
        for piece_id, outcome in outcomes.items():
            report.add(outcome, piece_id)
    db.session.commit()
    return report


def _claim_next(clock: Clock) -> Outcomes | None:
    """Take the next resumable job or due piece (with the rest of its send) and carry it on."""
    for piece_id in leases.due_jobs(clock()):
        if leases.claim_job(piece_id, clock()):
            db.session.commit()
            return _resume(piece_id, clock)
        db.session.rollback()
    for piece_id in leases.due_scheduled(clock()):
        started = _claim_scheduled(piece_id, clock())
        if started is not None:
            outcomes, leader = started
            return outcomes | (_publish(leader, clock) if leader else {})
    db.session.rollback()
    return None


def _claim_scheduled(piece_id: int, now: datetime) -> tuple[Outcomes, int | None] | None:
    """Claim a due piece (and its 公众号 send) and start it; None if another worker has it."""
    channel_id = db.session.scalar(select(Piece.channel_id).where(Piece.id == piece_id))
    grouped = channel_id is not None and sends_in_groups(channel_id)
    if grouped:
        assert channel_id is not None  # only a piece found on a channel is grouped
        db.session.rollback()  # wait for the channel holding no piece row (lock order)
        leases.lock_channel(channel_id)
    if not leases.claim_scheduled(piece_id, now):
        db.session.rollback()
        return None
    try:
        ids = [piece_id, *leases.claim_send(piece_id, now)] if grouped else [piece_id]
        return _start(sorted(ids), now, grouped)
    except IntegrityError:  # the watchdog created a job row at the same moment
        db.session.rollback()
        return None


def _start(piece_ids: list[int], now: datetime, grouped: bool) -> tuple[Outcomes, int | None]:
    """Check claimed due pieces; stop those that may not go out, open the others' jobs."""
    # the rows were just claimed, so each one is there
    pieces = [cast(Piece, db.session.get(Piece, n, populate_existing=True)) for n in piece_ids]
    window = blackout_now(pieces[0].channel, now)
    if window is not None:
        outcomes = hold_for_blackout(pieces, window, now)
        db.session.commit()
        return outcomes, None
    late = [piece for piece in pieces if too_late(piece, now)]
    outcomes = hold_late(late, now)
    checked, going = _recheck([piece for piece in pieces if piece not in late], now)
    outcomes |= checked
    leader = going[0].id if going else None
    for piece in going:
        transition(piece, Action.START_PUBLISHING, None, reason="到达发布时间，开始发布")
        _open_job(piece, now, leader if grouped else None)
    db.session.commit()
    return outcomes, leader


def _resume(leader_id: int, clock: Clock) -> Outcomes:
    """Carry on a job; while a platform step is left, re-check its pieces before the attempt."""
    # the job row exists: this worker has just claimed it (and holds its lease)
    job: PublishJob = db.session.get(PublishJob, leader_id, populate_existing=True)  # type: ignore[assignment]
    if not steps_left(job.adapter, dict(job.checkpoint or {})):
        return _publish(leader_id, clock)
    members, now = _live_members(job), clock()
    if not members:
        return {}
    window = blackout_now(members[0].channel, now)
    if window is not None:
        outcomes = hold_for_blackout(members, window, now)
        db.session.commit()
        return outcomes
    grouped = job.batch_id is not None
    outcomes, going = _recheck(members, now)
    leader = lead(job, going, now, grouped) if going else None
    db.session.commit()
    return outcomes | (_publish(leader, clock) if leader else {})


def _live_members(job: PublishJob) -> list[Piece]:
    """The pieces the job still publishes; a job with none left is stopped (committed)."""
    members = batch_members(job)
    if not members:
        release(job, JobState.STOPPED)
        db.session.commit()
    return members


def _recheck(pieces: list[Piece], now: datetime) -> tuple[Outcomes, list[Piece]]:
    """The approved hash and the CURRENT word lists, per piece: send back, hold, or let go."""
    outcomes: Outcomes = {}
    going = []
    for piece in pieces:
        if _edited_after_approval(piece):
            _send_back(piece, None, EDITED_AFTER_APPROVAL, now)
            outcomes[piece.id] = "refused"
        elif blocking := blocking_hits(piece):
            _hold(piece, blocking, now)
            outcomes[piece.id] = "held"
        elif words := hold_words(piece, now):  # UGC authorisation expired or withdrawn
            _hold_for_consent(piece, words, now)
            outcomes[piece.id] = "held"
        else:
            going.append(piece)
    return outcomes, going


def _edited_after_approval(piece: Piece) -> bool:
    revision = piece.current_revision
    return revision is None or revision.content_hash != piece.approved_hash


def blocking_hits(piece: Piece) -> list[Hit]:
    """Block-severity hits of the current revision against the current word lists."""
    return [hit for hit in check_piece(piece).hits if hit.severity == "block"]


def _open_job(piece: Piece, now: datetime, batch_id: int | None = None) -> None:
    """Open the piece's job: leased to this worker, or (group send) waiting for its leader."""
    job = job_for(piece)
    if job.content_hash != piece.approved_hash:  # a new approval starts with an empty checkpoint
        job.checkpoint, job.platform_id, job.platform_url = {}, "", ""
        job.outcome_unknown = False
    settings = piece.channel.publishing
    job.adapter = settings.adapter if settings else AdapterKind.MANUAL.value
    job.content_hash = piece.approved_hash or ""
    job.batch_id = batch_id
    if batch_id is None or batch_id == piece.id:
        job.state, job.lease_owner = JobState.RUNNING.value, leases.worker_id()
        job.lease_expires_at = now + leases.lease_length()
    else:
        job.state, job.lease_owner, job.lease_expires_at = JobState.PENDING.value, None, None
    job.attempts, job.failures = (job.attempts or 0) + 1, 0
    job.next_attempt_at = None
    clear_error(job)
    job.started_at, job.finished_at = now, None


def _stop(piece: Piece) -> PublishJob:
    """Stop the piece's job; it leaves its group send."""
    job = job_for(piece)
    job.state, job.lease_owner, job.lease_expires_at = JobState.STOPPED.value, None, None
    job.batch_id = None
    return job


def _hold(piece: Piece, hits: list[Hit], now: datetime) -> None:
    """A new block hit at publish time: hold the piece, tell its reviewer; nothing goes out."""
    words = Words.of("held.recheck.head") + hit_words(hits)
    transition(piece, Action.HOLD, None, reason=str(words))
    record_error(_stop(piece), words, "blocked")
    users = [*approvers(piece)[:1], piece.owner]
    alert(Event.HELD, piece, users, piece.title, words, now)


def _hold_for_consent(piece: Piece, words: Words, now: datetime) -> None:
    """No valid authorisation at publish time: hold the piece, tell its reviewer (issue 19); the
    notice says why in the reader's language (``words``), the history and the job in Chinese."""
    transition(piece, Action.HOLD, None, reason=str(words))
    record_error(_stop(piece), words, "consent")
    users = [*approvers(piece)[:1], piece.owner]
    alert(Event.HELD, piece, users, piece.title, words, now)


def _send_back(piece: Piece, actor: User | None, reason: str, now: datetime) -> None:
    """Back to review: the approval no longer covers what would go out."""
    transition(piece, Action.REVISE, actor, reason=reason)
    piece.approved_hash, piece.publish_at, piece.submitted_at = None, None, now
    if db.session.get(PublishJob, piece.id) is not None:
        _stop(piece).clear_alert_markers()
    notify(
        approvers(piece)[:1],
        "submitted",
        Words.of("sent_back", piece=piece.title),
        text=Words.of(SEND_BACK_WORDS[reason]) if reason in SEND_BACK_WORDS else reason,
        url=f"/review/{piece.id}",
        piece=piece,
        at=now,
    )


# --- talking to the platform ------------------------------------------------------------------


def _publish(leader_id: int, clock: Clock) -> Outcomes:
    """Run the adapter for the job this worker holds (one piece or a group send) and record it."""
    # the job row exists: this worker holds its lease
    job: PublishJob = db.session.get(PublishJob, leader_id, populate_existing=True)  # type: ignore[assignment]
    members = _live_members(job)
    if not members:
        return {}
    ids = [piece.id for piece in members]
    checkpoint = dict(job.checkpoint or {})
    try:
        adapter = build_adapter(members[0].channel, members[0].channel.publishing)
        packages = [build_package(piece) for piece in members]
    except ValueError as error:
        problem = error.said if isinstance(error, SettingsError) else as_written(str(error))
        return _fail(
            leader_id, PublishError(said("publish.settings") + problem, "settings"), clock()
        )
    except OSError:
        message = said("publish.cover_unreadable")
        return _fail(leader_id, PublishError(message, "cover_unreadable"), clock())
    db.session.commit()  # nothing stays locked while the platform answers
    save = leases.checkpoint_saver(leader_id, clock)
    try:
        results = _send(adapter, packages, checkpoint, save, batched=job.batch_id is not None)
    except LeaseLost as lost:
        log.warning("%s", lost)
        return dict.fromkeys(ids, "lost")
    except TransientError as error:
        return _after_transient(leader_id, error, clock())
    except PublishError as error:
        return _fail(leader_id, error, clock())
    except DBAPIError:
        raise  # the database went away: the lease expires and a worker resumes later
    except Exception as error:  # a bug must not leave the piece in limbo: fail it visibly
        log.exception("发布稿件 #%s 时出现内部错误", leader_id)
        db.session.rollback()  # the committed checkpoints stay; nothing half-done is kept
        message = said("publish.internal", error=str(error))
        return _fail(leader_id, PublishError(message, "internal"), clock())
    return _record(leader_id, dict(zip(ids, results, strict=True)), clock())


def _send(
    adapter: Adapter,
    packages: list[Package],
    checkpoint: Checkpoint,
    save: SaveCheckpoint,
    *,
    batched: bool,
) -> list[Result]:
    """One publish, or one 公众号 group send of every package (one result per package)."""
    if batched:
        return cast(BatchAdapter, adapter).publish_batch(packages, checkpoint, save)
    return [adapter.publish(packages[0], checkpoint, save)]


def _owned(leader_id: int, now: datetime) -> tuple[PublishJob, list[Piece]]:
    """Confirm our lease (LeaseLost otherwise); the job and the pieces it publishes."""
    leases.renew(leader_id, now)
    job = db.session.get(PublishJob, leader_id, populate_existing=True)
    assert job is not None
    return job, batch_members(job)


def _record(leader_id: int, results: dict[int, Result], now: datetime) -> Outcomes:
    try:
        job, members = _owned(leader_id, now)
    except LeaseLost as lost:
        log.warning("%s", lost)
        return dict.fromkeys(results, "lost")
    first = results[members[0].id]
    job.platform_id = first.platform_id[:200] or job.platform_id
    if first.status is Delivery.PUBLISHED:
        for piece in members:
            _published(piece, job_for(piece), results[piece.id], now)
        outcome = "published"
    elif first.needs_person:
        _hand_to_person(members[0], job, first, now)
        outcome = "awaiting_person"
    else:
        release(job, JobState.PENDING)
        job.next_attempt_at = now + timedelta(seconds=current_app.config["PUBLISH_POLL_SECONDS"])
        outcome = "polling"
    db.session.commit()
    return dict.fromkeys(results, outcome)


def _published(piece: Piece, job: PublishJob, result: Result, now: datetime) -> None:
    release(job, JobState.DONE)
    job.platform_id = result.platform_id[:200] or job.platform_id
    url = http_link(result.url)[:500]  # shown as a link: http(s) only, whatever an adapter says
    job.platform_url, job.finished_at = url, now
    job.last_error, job.last_error_params = "", None
    if piece.status != PieceStatus.PUBLISHING:  # someone recorded a manual post meanwhile
        log.warning("稿件 #%s 已是“%s”，只记录平台结果", piece.id, piece.status)
        return
    transition(piece, Action.MARK_PUBLISHED, None, reason=result.message)
    piece.post_url, piece.published_at = url, now


def _hand_to_person(piece: Piece, job: PublishJob, result: Result, now: datetime) -> None:
    """Manual channel: wait for the assignee, who gets the ready package at the publish time."""
    release(job, JobState.AWAITING_PERSON)
    job.last_error, job.last_error_params = "", None
    assignee = manual_assignee(piece)
    users = [assignee] if assignee is not None and assignee.active else managers()
    alert(Event.MANUAL_READY, piece, users, piece.title, result.ready_package, now)


def manual_package(piece: Piece) -> str:
    """The ready package of a manual post: title, digest, plain-text body, cover, as Markdown."""
    try:
        return ready_package(build_package(piece), piece.channel.kind_label)
    except OSError:
        return ""


def backoff(failures: int, retry_after: float | None = None) -> float:
    """Seconds before the next attempt: base × 2^(failures−1), capped, at least Retry-After."""
    config = current_app.config
    delay = config["PUBLISH_BACKOFF_SECONDS"] * 2 ** max(failures - 1, 0)
    return max(min(delay, config["PUBLISH_BACKOFF_MAX_SECONDS"]), retry_after or 0.0)


def _after_transient(leader_id: int, error: TransientError, now: datetime) -> Outcomes:
    """Retry later with exponential backoff, or fail once the attempts are used up."""
    try:
        job, members = _owned(leader_id, now)
    except LeaseLost:
        return {leader_id: "lost"}
    job.failures = (job.failures or 0) + 1
    plain = Words(_no_retry_promise(error.said))
    if job.failures >= current_app.config["PUBLISH_MAX_ATTEMPTS"]:
        words = Words.of("publish.gave_up", failures=job.failures) + plain
        for piece in members:
            _failed(piece, job_for(piece), words, error, now)
        db.session.commit()
        return {piece.id: "failed" for piece in members}
    delay = backoff(job.failures, error.retry_after)
    release(job, JobState.PENDING)
    job.next_attempt_at = now + timedelta(seconds=delay)
    words = plain + Words.of("publish.retrying", failures=job.failures, seconds=int(delay))
    for piece in members:
        record_error(job_for(piece), words, str(error.code or ""))
        audit.record(None, "piece.publish_retry", piece, reason=str(words))
    db.session.commit()
    return {piece.id: "retrying" for piece in members}


def _no_retry_promise(parts: Said) -> Said:
    """An adapter's transient message without its "will retry" clause, once retries are over."""
    return tuple(
        re.sub(r"[，,]?\s*请?稍后(自动)?重试", "", part) if isinstance(part, str) else part
        for part in parts
        if part != said("retry.later")[0]
    )


def _fail(leader_id: int, error: PublishError, now: datetime) -> Outcomes:
    try:
        _job, members = _owned(leader_id, now)
    except LeaseLost:
        return {leader_id: "lost"}
    for piece in members:
        _failed(piece, job_for(piece), error_words(error), error, now)
    db.session.commit()
    return {piece.id: "failed" for piece in members}


def _failed(
    piece: Piece, job: PublishJob, words: Words, error: PublishError, now: datetime
) -> None:
    """Fail the piece with the error shown on it, and alert its reviewer and writer."""
    if isinstance(error, OutcomeUnknownError):
        job.outcome_unknown = True
        if "确认" not in str(words):
            words += Words.of("failed.outcome_unknown")
    release(job, JobState.FAILED)
    record_error(job, words, str(error.code or ""))
    job.finished_at = now
    transition(piece, Action.FAIL, None, reason=str(words))
    users = [*approvers(piece)[:1], piece.owner]
    alert(Event.FAILED, piece, users, piece.title, words, now)


# --- dry run ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What a pass would do with one piece."""

    piece_id: int
    title: str
    channel: str
    action: str


def plan_due(now: datetime | None = None) -> list[Plan]:
    """What ``publish_due`` would do now, without claiming or changing anything."""
    at = now or utcnow()
    resumable = select(PublishJob).where(*leases.resumable(at)).order_by(PublishJob.piece_id)
    plans = [_plan_resume(job) for job in db.session.scalars(resumable)]
    due = select(Piece).where(
        Piece.status == PieceStatus.SCHEDULED.value, Piece.publish_at <= at, leases.not_held()
    )
    pieces = db.session.scalars(due.order_by(Piece.publish_at, Piece.id))
    plans += [_plan_fresh(piece, at) for piece in pieces]
    db.session.rollback()
    return plans


def _plan_resume(job: PublishJob) -> Plan:
    steps = "、".join(sorted(job.checkpoint or {})) or "无"
    action = f"继续发布（第 {job.attempts + 1} 次尝试，已完成的步骤：{steps}）"
    return Plan(job.piece_id, job.piece.title, job.piece.channel.name, action)


def _plan_fresh(piece: Piece, at: datetime) -> Plan:
    if blackout_now(piece.channel, at) is not None:
        action = "禁发时段：不发布，等待重新排期"
    elif too_late(piece, at):
        action = "超时：不自动发布，交给人工决定（立即发布、调整排期或退回审核）"
    elif _edited_after_approval(piece):
        action = f"退回审核：{EDITED_AFTER_APPROVAL}"
    elif hits := blocking_hits(piece):
        action = f"复检拦截：{describe_hits(hits)}"
    else:
        settings = piece.channel.publishing
        label = settings.adapter_label if settings else "人工发布（未配置发布设置）"
        action = f"发布（{label}）"
    return Plan(piece.id, piece.title, piece.channel.name, action)


# --- people acting on problems ----------------------------------------------------------------


def ensure_can_dispatch(user: User) -> None:
    """Reviewers and managers act on held, failed and missed pieces."""
    if not may_dispatch(user):
        raise PermissionDenied(N_("只有审核员或运营主管可以处理发布问题。"))


# The rules of the actions below, one predicate each: the pages offer an action by it (issue 20)
# and the action refuses by it, so that a control is shown exactly when it can be used.


def may_dispatch(user: User) -> bool:
    return user.has_role(Role.REVIEWER, Role.MANAGER)


def may_retry(user: User, piece: Piece) -> bool:
    """A failed piece, or one whose next attempt waits (back-off, blackout): retry / hurry."""
    if not may_dispatch(user):
        return False
    if piece.status == PieceStatus.FAILED:
        return True
    job = db.session.get(PublishJob, piece.id)
    waiting = (JobState.PENDING, JobState.BLACKOUT)
    return piece.status == PieceStatus.PUBLISHING and job is not None and job.state in waiting


def may_publish_now(user: User, piece: Piece) -> bool:
    """A piece stopped as too late: publish it after all."""
    return may_dispatch(user) and _stopped_late(piece)


def may_send_back(user: User, piece: Piece) -> bool:
    """A held, failed or too-late piece: back to review."""
    held_or_failed = piece.status in (PieceStatus.HELD, PieceStatus.FAILED)
    return may_dispatch(user) and (held_or_failed or _stopped_late(piece))


def retry(
    user: User,
    piece: Piece,
    *,
    confirmed_not_published: bool = False,
    now: datetime | None = None,
) -> str:
    """Publish a failed piece again after a fresh check, or bring a waiting retry forward to now."""
    ensure_can_dispatch(user)
    if not may_retry(user, piece):
        advance(piece.status, Action.RETRY)  # IllegalTransition names the piece's state
        raise Conflict(N_("这篇稿件当前没有可以重试的发布。"))
    job = db.session.get(PublishJob, piece.id)
    if piece.status == PieceStatus.PUBLISHING and job is not None:  # a waiting retry
        _hurry(job, now or utcnow())
        audit.record(user, "piece.publish_hurry", piece, reason="立即重试")
        db.session.commit()
        return "hurried"
    if _edited_after_approval(piece):  # refused here: nothing is sent back by a retry
        raise Conflict(
            N_(
                "不能重试：当前内容与审核通过的版本不一致（审核通过后被修改），"
                "请退回审核后重新审核。"
            )
        )
    ensure_not_blocked(check_piece(piece), "重试发布")
    if job is not None and job.outcome_unknown:
        _confirm_unknown_outcome(job, confirmed_not_published)
    transition(piece, Action.RETRY, user, reason="手动重试发布")
    if job is not None:
        _rearm(job)
    db.session.commit()
    return "scheduled"


def _hurry(job: PublishJob, now: datetime) -> None:
    """Bring the next attempt of a job (its whole group send) forward to ``now``."""
    leader = db.session.get(PublishJob, job.batch_id or job.piece_id) or job
    send = [leader, *[job_for(piece) for piece in batch_members(leader)]]
    for member in send:
        if member.state == JobState.BLACKOUT:
            member.state = JobState.PENDING.value
        member.clear_alert_markers()
    leader.next_attempt_at = now


def _rearm(job: PublishJob) -> None:
    """A failed piece's job, ready to start afresh as a scheduled piece (alone or in a new send)."""
    release(job, JobState.PENDING)
    job.failures, job.next_attempt_at, job.batch_id = 0, None, None
    job.last_error, job.last_error_params = "", None  # the code tells the checkpoint below
    job.clear_alert_markers()
    if job.last_error_code.startswith("publish_status_"):  # the platform said that send failed
        sent = ("publish_id", "submit_sent")
        job.checkpoint = {k: v for k, v in (job.checkpoint or {}).items() if k not in sent}


def _confirm_unknown_outcome(job: PublishJob, confirmed: bool) -> None:
    """A submit with no answer is repeated only after a person checked the platform."""
    if not confirmed:
        raise InvalidInput(
            N_(
                "上次发布的结果不明：请先在平台上确认文章没有发表，勾选“我已确认”后再重试；"
                "如果已经发表，请直接标记为已发布。"
            ),
            field="confirmed",
        )
    job.checkpoint = {k: v for k, v in (job.checkpoint or {}).items() if k != "submit_sent"}
    job.outcome_unknown = False


def publish_now(user: User, piece: Piece, *, now: datetime | None = None) -> None:
    """Release a piece stopped as too late: it goes out in the next pass, its time set to now."""
    ensure_can_dispatch(user)
    at = now or utcnow()
    if not may_publish_now(user, piece):
        raise InvalidInput(N_("只有超时未自动发布的稿件可以在这里立即发布。"))
    job = job_for(piece)
    job.state = JobState.PENDING.value
    clear_error(job)
    job.clear_alert_markers()
    before = piece.publish_at
    piece.publish_at = at
    audit.record(
        user,
        "piece.publish_late_now",
        piece,
        reason="超时稿件由人工决定立即发布",
        details={"planned": before.isoformat() if before else None, "now": at.isoformat()},
    )
    db.session.commit()


def _stopped_late(piece: Piece) -> bool:
    job = db.session.get(PublishJob, piece.id)
    return piece.status == PieceStatus.SCHEDULED and job is not None and job.state == JobState.LATE


def send_back(user: User, piece: Piece, *, reason: str = "", now: datetime | None = None) -> None:
    """Send a held, failed or too-late piece back to review (e.g. to fix a blocking hit)."""
    ensure_can_dispatch(user)
    if not may_send_back(user, piece):
        advance(piece.status, Action.REVISE)  # IllegalTransition for the other states
        raise InvalidInput(N_("只有被拦截或发布失败的稿件可以在这里退回审核。"))
    _send_back(piece, user, reason.strip() or SENT_BACK_BY_PERSON, now or utcnow())
    db.session.commit()


def problems(now: datetime | None = None) -> dict[str, list[Piece]]:
    """Held, failed, stopped by a blackout or as too late, and missed (unpublished 5 min after
    their time)."""
    at = now or utcnow()
    late = at - timedelta(minutes=current_app.config["PUBLISH_MISSED_MINUTES"])
    waiting = [JobState.BLACKOUT.value, JobState.LATE.value]
    stopped = select(PublishJob.piece_id).where(PublishJob.state.in_(waiting))
    blackout = select(PublishJob.piece_id).where(PublishJob.state == JobState.BLACKOUT.value)
    too_late_ = select(PublishJob.piece_id).where(PublishJob.state == JobState.LATE.value)

    def pieces(*conditions: ColumnElement[bool]) -> list[Piece]:
        # Few rows, put in order here: an ORDER BY publish_at led SQLite (statistics without
        # histograms) to walk every piece in publish order instead of the (status, publish_at)
        # index — ~50 ms for the missed list at 50,000 pieces (issue 16).
        found = db.session.scalars(select(Piece).where(*conditions))
        return sorted(found, key=lambda p: (p.publish_at is None, p.publish_at or at, p.id))

    return {
        "held": pieces(Piece.status == PieceStatus.HELD.value),
        "failed": pieces(Piece.status == PieceStatus.FAILED.value),
        "blackout": pieces(Piece.status.in_(LIVE_STATES), Piece.id.in_(blackout)),
        "late": pieces(Piece.status.in_(LIVE_STATES), Piece.id.in_(too_late_)),
        "missed": pieces(
            Piece.status.in_(LIVE_STATES), Piece.publish_at <= late, Piece.id.not_in(stopped)
        ),
    }


def run_pass(now: datetime | None = None) -> dict[str, int]:
    """Publish due pieces, run the watchdog and the review SLA: what the worker and cron do."""
    report = publish_due(now)
    counts = {outcome: len(ids) for outcome, ids in report.outcomes.items()}
    counts["missed_alerts"] = watchdog(now)
    counts["sla_alerts"] = alert_sla_breaches(now)
    counts["takedowns"] = process_takedowns(now)
    return counts
