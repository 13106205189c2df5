"""Scheduled publishing: claim due pieces exactly once, re-check, publish, retry, watch, alert."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from app import audit
from app.compliance import Hit, Report
from app.content.services import transition
from app.dispatch import leases
from app.dispatch.adapters import build_adapter, build_package
from app.dispatch.alerts import alert, approvers, managers
from app.dispatch.leases import Clock, LeaseLost
from app.errors import Conflict, InvalidInput, PermissionDenied
from app.extensions import db
from app.lexicon.cache import current_lexicon
from app.lexicon.checks import check_draft, describe_hits, ensure_not_blocked
from app.models import AdapterKind, JobState, Piece, PublishJob, Role, User, utcnow
from app.notices.services import notify
from app.publishing import OutcomeUnknownError, PublishError, Result, Status, TransientError
from app.publishing.manual import ready_package
from app.publishing.notify import Event
from app.workflow import Action, advance
from app.workflow import Status as PieceStatus

log = logging.getLogger("hemline.dispatch")

EDITED_AFTER_APPROVAL = "当前内容与审核通过的版本不一致（审核通过后被修改），已退回审核"
LIVE_STATES = (PieceStatus.SCHEDULED.value, PieceStatus.PUBLISHING.value)


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
    "lost": "已被其他 worker 接管",
}


def clock_for(now: datetime | None) -> Clock:
    """A fixed clock for ``now`` (tests, dry runs), else the real one."""
    return (lambda: now) if now is not None else utcnow


# --- one pass ---------------------------------------------------------------------------------


def publish_due(now: datetime | None = None, *, limit: int | None = None) -> PassReport:
    """One pass: claim due pieces and resumable jobs one at a time and publish each."""
    clock = clock_for(now)
    current_lexicon()  # compile a new word-list version before holding any claim
    report = PassReport()
    while limit is None or report.count() < limit:
        claimed = _claim_next(clock)
        if claimed is None:
            break
        piece_id, outcome = claimed
        report.add(outcome or _publish(piece_id, clock), piece_id)
    db.session.commit()
    return report


def _claim_next(clock: Clock) -> tuple[int, str | None] | None:
    """The next piece this worker holds: (id, None) to publish, or (id, outcome) if stopped."""
    for piece_id in leases.due_jobs(clock()):
        if leases.claim_job(piece_id, clock()):
            db.session.commit()
            return piece_id, None
        db.session.rollback()
    for piece_id in leases.due_scheduled(clock()):
        if not leases.claim_scheduled(piece_id, clock()):
            db.session.rollback()
            continue
        try:
            return piece_id, _start(piece_id, clock())
        except IntegrityError:  # the watchdog created the job row at the same moment
            db.session.rollback()
    db.session.rollback()
    return None


def _start(piece_id: int, now: datetime) -> str | None:
    """Re-check a claimed scheduled piece; start publishing it, or hold / send it back."""
    piece: Piece = db.session.get(Piece, piece_id, populate_existing=True)  # type: ignore[assignment]
    if _edited_after_approval(piece):
        _send_back(piece, None, EDITED_AFTER_APPROVAL, now)
        db.session.commit()
        return "refused"
    blocking = blocking_hits(piece)
    if blocking:
        _hold(piece, blocking)
        db.session.commit()
        return "held"
    transition(piece, Action.START_PUBLISHING, None, reason="到达发布时间，开始发布")
    _open_job(piece, now)
    db.session.commit()
    return None


def _edited_after_approval(piece: Piece) -> bool:
    revision = piece.current_revision
    return revision is None or revision.content_hash != piece.approved_hash


def current_check(piece: Piece) -> Report:
    """The current revision checked against the current word lists (nothing stored)."""
    revision = piece.current_revision
    assert revision is not None
    return check_draft(revision.title, revision.summary, revision.body, revision.channel_code)


def blocking_hits(piece: Piece) -> list[Hit]:
    """Block-severity hits of the current revision against the current word lists."""
    return [hit for hit in current_check(piece).hits if hit.severity == "block"]


def job_for(piece: Piece) -> PublishJob:
    """The piece's publish job, created (state pending, empty checkpoint) if it has none."""
    job = db.session.get(PublishJob, piece.id)
    if job is None:
        job = PublishJob(piece_id=piece.id, state=JobState.PENDING.value, checkpoint={})
        job.attempts = job.failures = 0
        db.session.add(job)
    return job


def _open_job(piece: Piece, now: datetime) -> None:
    """Lease the piece's job to this worker; a new approval starts with an empty checkpoint."""
    job = job_for(piece)
    if job.content_hash != piece.approved_hash:
        job.checkpoint, job.platform_id, job.platform_url = {}, "", ""
        job.outcome_unknown = False
    settings = piece.channel.publishing
    job.adapter = settings.adapter if settings else AdapterKind.MANUAL.value
    job.content_hash = piece.approved_hash or ""
    job.state, job.lease_owner = JobState.RUNNING.value, leases.worker_id()
    job.lease_expires_at = now + leases.lease_length()
    job.attempts, job.failures = (job.attempts or 0) + 1, 0
    job.next_attempt_at, job.last_error, job.last_error_code = None, "", ""
    job.started_at, job.finished_at = now, None


def _hold(piece: Piece, hits: list[Hit]) -> None:
    """A new block hit at publish time: hold the piece, tell its reviewer; nothing goes out."""
    reason = f"发布前复检命中禁止发布的内容：{describe_hits(hits)}"
    transition(piece, Action.HOLD, None, reason=reason)
    job = job_for(piece)
    job.state, job.last_error, job.last_error_code = JobState.STOPPED.value, reason, "blocked"
    job.lease_owner = job.lease_expires_at = None
    users = [*approvers(piece)[:1], piece.owner]
    alert(Event.HELD, piece, users, piece.title, reason)


def _send_back(piece: Piece, actor: User | None, reason: str, now: datetime) -> None:
    """Back to review: the approval no longer covers what would go out."""
    transition(piece, Action.REVISE, actor, reason=reason)
    piece.approved_hash, piece.publish_at, piece.submitted_at = None, None, now
    job = db.session.get(PublishJob, piece.id)
    if job is not None:
        job.state, job.lease_owner, job.lease_expires_at = JobState.STOPPED.value, None, None
    notify(
        approvers(piece)[:1],
        "submitted",
        f"稿件已退回审核：{piece.title}",
        text=reason,
        url=f"/review/{piece.id}",
        piece=piece,
    )


# --- talking to the platform ------------------------------------------------------------------


def _publish(piece_id: int, clock: Clock) -> str:
    """Run the adapter for a piece this worker holds and record what happened."""
    piece: Piece = db.session.get(Piece, piece_id, populate_existing=True)  # type: ignore[assignment]
    job: PublishJob = db.session.get(PublishJob, piece_id, populate_existing=True)  # type: ignore[assignment]
    checkpoint = dict(job.checkpoint or {})
    try:
        adapter = build_adapter(piece.channel, piece.channel.publishing)
        package = build_package(piece)
    except (ValueError, OSError) as error:
        return _fail(piece_id, PublishError(f"发布设置有误：{error}", "settings"), clock())
    db.session.commit()  # nothing stays locked while the platform answers
    try:
        result = adapter.publish(package, checkpoint, leases.checkpoint_saver(piece_id, clock))
    except LeaseLost as lost:
        log.warning("%s", lost)
        return "lost"
    except TransientError as error:
        return _after_transient(piece_id, error, clock())
    except PublishError as error:
        return _fail(piece_id, error, clock())
    except DBAPIError:
        raise  # the database went away: the lease expires and a worker resumes later
    except Exception as error:  # a bug must not leave the piece in limbo: fail it visibly
        log.exception("发布稿件 #%s 时出现内部错误", piece_id)
        db.session.rollback()  # the committed checkpoints stay; nothing half-done is kept
        return _fail(piece_id, PublishError(f"发布时出现内部错误：{error!r}", "internal"), clock())
    return _record(piece_id, result, clock())


def _owned(piece_id: int, now: datetime, **values: object) -> tuple[Piece, PublishJob]:
    """Confirm our lease (LeaseLost otherwise) and load the piece and job for an update."""
    leases.renew(piece_id, now, **values)
    piece = db.session.get(Piece, piece_id, populate_existing=True)
    job = db.session.get(PublishJob, piece_id, populate_existing=True)
    assert piece is not None and job is not None
    return piece, job


def _release(job: PublishJob, state: JobState) -> None:
    job.state, job.lease_owner, job.lease_expires_at = state.value, None, None


def _record(piece_id: int, result: Result, now: datetime) -> str:
    try:
        piece, job = _owned(piece_id, now)
    except LeaseLost as lost:
        log.warning("%s", lost)
        return "lost"
    job.platform_id = result.platform_id[:200] or job.platform_id
    if result.status is Status.PUBLISHED:
        _published(piece, job, result, now)
        outcome = "published"
    elif result.needs_person:
        _hand_to_person(piece, job, result)
        outcome = "awaiting_person"
    else:
        _release(job, JobState.PENDING)
        job.next_attempt_at = now + timedelta(seconds=current_app.config["PUBLISH_POLL_SECONDS"])
        outcome = "polling"
    db.session.commit()
    return outcome


def _published(piece: Piece, job: PublishJob, result: Result, now: datetime) -> None:
    _release(job, JobState.DONE)
    job.platform_url, job.finished_at, job.last_error = result.url[:500], now, ""
    if piece.status != PieceStatus.PUBLISHING:  # someone recorded a manual post meanwhile
        log.warning("稿件 #%s 已是“%s”，只记录平台结果", piece.id, piece.status)
        return
    transition(piece, Action.MARK_PUBLISHED, None, reason=result.message)
    piece.post_url, piece.published_at = result.url[:500], now


def _hand_to_person(piece: Piece, job: PublishJob, result: Result) -> None:
    """Manual channel: wait for the assignee, who gets the ready package."""
    _release(job, JobState.AWAITING_PERSON)
    job.last_error = ""
    settings = piece.channel.publishing
    assignee = settings.assignee if settings else None
    users = [assignee] if assignee is not None and assignee.active else managers()
    alert(Event.MANUAL_READY, piece, users, piece.title, result.ready_package)


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


def _after_transient(piece_id: int, error: TransientError, now: datetime) -> str:
    """Retry later with exponential backoff, or fail once the attempts are used up."""
    try:
        piece, job = _owned(piece_id, now)
    except LeaseLost:
        return "lost"
    job.failures = (job.failures or 0) + 1
    limit = current_app.config["PUBLISH_MAX_ATTEMPTS"]
    if job.failures >= limit:
        message = f"已尝试 {job.failures} 次仍未成功，最后一次：{_no_retry_promise(str(error))}"
        _failed(piece, job, message, error, now)
        db.session.commit()
        return "failed"
    delay = backoff(job.failures, error.retry_after)
    _release(job, JobState.PENDING)
    job.next_attempt_at = now + timedelta(seconds=delay)
    plain = _no_retry_promise(str(error))
    job.last_error = f"{plain}（第 {job.failures} 次失败，约 {int(delay)} 秒后自动重试）"
    job.last_error_code = str(error.code or "")[:64]
    audit.record(None, "piece.publish_retry", piece, reason=job.last_error)
    db.session.commit()
    return "retrying"


def _no_retry_promise(message: str) -> str:
    """An adapter's transient message without its "will retry" clause, once retries are over."""
    return re.sub(r"[，,]?\s*请?稍后(自动)?重试", "", message)


def _fail(piece_id: int, error: PublishError, now: datetime) -> str:
    try:
        piece, job = _owned(piece_id, now)
    except LeaseLost:
        return "lost"
    _failed(piece, job, str(error), error, now)
    db.session.commit()
    return "failed"


def _failed(
    piece: Piece, job: PublishJob, message: str, error: PublishError, now: datetime
) -> None:
    """Fail the piece with the error shown on it, and alert its reviewer and writer."""
    if isinstance(error, OutcomeUnknownError):
        job.outcome_unknown = True
        if "确认" not in message:
            message += "：发布结果不明，请先在平台上确认是否已发布，再决定是否重试"
    _release(job, JobState.FAILED)
    job.last_error, job.last_error_code = message, str(error.code or "")[:64]
    job.finished_at = now
    transition(piece, Action.FAIL, None, reason=message)
    users = [*approvers(piece)[:1], piece.owner]
    alert(Event.FAILED, piece, users, piece.title, message)


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
    plans = [_plan_resume(job) for job in _resumable_jobs(at)]
    due = select(Piece).where(Piece.status == PieceStatus.SCHEDULED.value, Piece.publish_at <= at)
    plans += [_plan_fresh(piece) for piece in db.session.scalars(due.order_by(Piece.publish_at))]
    db.session.rollback()
    return plans


def _resumable_jobs(at: datetime) -> list[PublishJob]:
    query = select(PublishJob).join(Piece).where(Piece.status == PieceStatus.PUBLISHING.value)
    jobs = db.session.scalars(
        query.where(
            PublishJob.state.in_([JobState.PENDING.value, JobState.RUNNING.value]),
            or_(PublishJob.next_attempt_at.is_(None), PublishJob.next_attempt_at <= at),
            or_(PublishJob.lease_owner.is_(None), PublishJob.lease_expires_at < at),
        )
    )
    return list(jobs)


def _plan_resume(job: PublishJob) -> Plan:
    steps = "、".join(sorted(job.checkpoint or {})) or "无"
    action = f"继续发布（第 {job.attempts + 1} 次尝试，已完成的步骤：{steps}）"
    return Plan(job.piece_id, job.piece.title, job.piece.channel.name, action)


def _plan_fresh(piece: Piece) -> Plan:
    if _edited_after_approval(piece):
        action = f"退回审核：{EDITED_AFTER_APPROVAL}"
    elif hits := blocking_hits(piece):
        action = f"拦截（held）：{describe_hits(hits)}"
    else:
        settings = piece.channel.publishing
        label = settings.adapter_label if settings else "人工发布（未配置发布设置）"
        action = f"发布（{label}）"
    return Plan(piece.id, piece.title, piece.channel.name, action)


# --- the watchdog -----------------------------------------------------------------------------


def watchdog(now: datetime | None = None) -> int:
    """Flag pieces unpublished 5 min after their time as missed (once), chase manual posts."""
    at = now or utcnow()
    late = at - timedelta(minutes=current_app.config["PUBLISH_MISSED_MINUTES"])
    query = (
        select(Piece.id)
        .outerjoin(PublishJob, PublishJob.piece_id == Piece.id)
        .where(Piece.status.in_(LIVE_STATES), Piece.publish_at <= late)
        .where(or_(PublishJob.piece_id.is_(None), PublishJob.missed_at.is_(None)))
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
            Piece.status == PieceStatus.PUBLISHED.value,
        )
    )
    for job in db.session.scalars(query):
        _release(job, JobState.DONE)
        job.platform_url, job.finished_at = job.piece.post_url, job.piece.published_at or at
    db.session.commit()


def _mark_missed(piece_id: int, at: datetime) -> bool:
    """Flag one piece as missed unless another worker just did; alert in the same transaction."""
    try:
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
    users = [*approvers(piece)[:1], *managers(), _assignee(piece)]
    text = _missed_text(piece, db.session.get(PublishJob, piece_id), at)
    alert(Event.MISSED, piece, users, piece.title, text)
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
    if changed.rowcount != 1:
        db.session.rollback()
        return False
    return True


def _assignee(piece: Piece) -> User | None:
    settings = piece.channel.publishing
    if settings is None or settings.adapter != AdapterKind.MANUAL:
        return None
    return settings.assignee


def _missed_text(piece: Piece, job: PublishJob | None, at: datetime) -> str:
    minutes = int((at - piece.publish_at).total_seconds() // 60) if piece.publish_at else 0
    text = f"计划发布时间已过 {minutes} 分钟，稿件仍未发布。"
    if job is None or (job.state == JobState.PENDING and not job.attempts):
        return text + "发布 worker 可能没有运行，请检查。"
    if job.state == JobState.AWAITING_PERSON:
        return text + "正在等待负责人手动发布。"
    return text + (f"最近的错误：{job.last_error}" if job.last_error else "正在发布中。")


def _escalate_manual(at: datetime) -> int:
    """Manual posts still not done long after their time: tell the managers, once."""
    late = at - timedelta(minutes=current_app.config["PUBLISH_MANUAL_ESCALATE_MINUTES"])
    query = (
        select(PublishJob.piece_id)
        .join(Piece)
        .where(
            PublishJob.state == JobState.AWAITING_PERSON.value,
            PublishJob.escalated_at.is_(None),
            Piece.status == PieceStatus.PUBLISHING.value,
            Piece.publish_at <= late,
        )
    )
    raised = 0
    for piece_id in list(db.session.scalars(query)):
        if not _set_once(piece_id, "escalated_at", at):
            continue
        piece: Piece = db.session.get(Piece, piece_id)  # type: ignore[assignment]
        assignee = _assignee(piece)
        who = assignee.display_name if assignee else "（未指定负责人）"
        text = f"手动发布任务已超时：负责人 {who} 尚未标记发布，请跟进。"
        alert(Event.MISSED, piece, managers(), f"手动发布超时：{piece.title}", text)
        audit.record(None, "piece.manual_escalated", piece, reason=text)
        db.session.commit()
        raised += 1
    return raised


# --- people acting on problems ----------------------------------------------------------------


def ensure_can_dispatch(user: User) -> None:
    """Reviewers and managers act on held, failed and missed pieces."""
    if not user.has_role(Role.REVIEWER, Role.MANAGER):
        raise PermissionDenied("只有审核员或运营主管可以处理发布问题。")


def retry(user: User, piece: Piece, *, confirmed_not_published: bool = False) -> str:
    """Publish a failed piece again after a fresh check, or bring a waiting retry forward."""
    ensure_can_dispatch(user)
    job = db.session.get(PublishJob, piece.id)
    if piece.status == PieceStatus.PUBLISHING and job and job.state == JobState.PENDING:
        job.next_attempt_at = utcnow()
        audit.record(user, "piece.publish_hurry", piece, reason="立即重试")
        db.session.commit()
        return "hurried"
    advance(piece.status, Action.RETRY)  # IllegalTransition for anything but failed
    if _edited_after_approval(piece):
        raise Conflict(f"不能重试：{EDITED_AFTER_APPROVAL}。")
    ensure_not_blocked(current_check(piece), "重试发布")
    if job is not None and job.outcome_unknown:
        _confirm_unknown_outcome(job, confirmed_not_published)
    transition(piece, Action.RETRY, user, reason="手动重试发布")
    if job is not None:
        _release(job, JobState.PENDING)
        job.failures, job.next_attempt_at, job.last_error = 0, None, ""
    db.session.commit()
    return "scheduled"


def _confirm_unknown_outcome(job: PublishJob, confirmed: bool) -> None:
    """A submit with no answer is repeated only after a person checked the platform."""
    if not confirmed:
        raise InvalidInput(
            "上次发布的结果不明：请先在平台上确认文章没有发表，勾选“我已确认”后再重试；"
            "如果已经发表，请直接标记为已发布。"
        )
    job.checkpoint = {k: v for k, v in (job.checkpoint or {}).items() if k != "submit_sent"}
    job.outcome_unknown = False


def send_back(user: User, piece: Piece, *, reason: str = "") -> None:
    """Send a held or failed piece back to review (e.g. to fix a blocking hit)."""
    ensure_can_dispatch(user)
    if piece.status not in (PieceStatus.HELD, PieceStatus.FAILED):
        advance(piece.status, Action.REVISE)  # IllegalTransition for the other states
        raise InvalidInput("只有被拦截或发布失败的稿件可以在这里退回审核。")
    _send_back(piece, user, reason.strip() or "发布问题处理：退回审核", utcnow())
    db.session.commit()


def problems(now: datetime | None = None) -> dict[str, list[Piece]]:
    """Held, failed and missed (still unpublished 5 minutes after their time) pieces."""
    at = now or utcnow()
    late = at - timedelta(minutes=current_app.config["PUBLISH_MISSED_MINUTES"])

    def pieces(*conditions: ColumnElement[bool]) -> list[Piece]:
        query = select(Piece).where(*conditions).order_by(Piece.publish_at, Piece.id)
        return list(db.session.scalars(query))

    return {
        "held": pieces(Piece.status == PieceStatus.HELD.value),
        "failed": pieces(Piece.status == PieceStatus.FAILED.value),
        "missed": pieces(Piece.status.in_(LIVE_STATES), Piece.publish_at <= late),
    }


def run_pass(now: datetime | None = None) -> dict[str, int]:
    """Publish due pieces and run the watchdog: what the worker and cron do each time."""
    report = publish_due(now)
    counts = {outcome: len(ids) for outcome, ids in report.outcomes.items()}
    counts["missed_alerts"] = watchdog(now)
    return counts
