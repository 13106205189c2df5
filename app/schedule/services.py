"""Scheduling use cases: the calendar pages, drag and drop and the API all call these functions.

``schedule`` (approved → scheduled), ``reschedule`` (stays scheduled) and ``unschedule``
(scheduled → approved) load the channel's items in ``policy.needed_range``, ask the pure
``app.schedule.policy`` module, and either commit the move (with its audit row) or raise
``PolicyViolation`` carrying the refusals and the nearest slot that fits. A manager may override a
refusal with a written reason: the move goes through, a ``ScheduleOverride`` row marks the slot on
the calendar and the audit log records the rules overridden. No override reaches into a blackout
(``policy.ABSOLUTE_RULES``): the blackout itself must be changed, which is audited.

Decisions
---------
* Who: reviewers and managers schedule (PRODUCT §1); only managers override.
* Channel: an approval is pinned to a content hash that includes the channel, so a piece is
  scheduled on its own channel; another channel is refused (edit the piece and send it back to
  review). Scheduling locks the channel row (``SELECT … FOR UPDATE`` on PostgreSQL) so that two
  people cannot both take the last promo slot of a week.
* Time: instants must be aware and in the future; days and weeks are brand-zone days
  (``HEMLINE_TIMEZONE``, Asia/Shanghai), messages use the user's zone.
* A piece flagged by a word-list change (``compliance_flag``) cannot be scheduled.
* The worker may claim a due piece at any moment. Every change is written with a conditional
  UPDATE on the status and publish time read under the channel lock (``_guard``): if the worker
  claimed the piece in between, nothing changes and the user gets a 409 (``Conflict``).
* Rescheduling or unscheduling re-arms the piece's publish job: a blackout hold is lifted and
  the missed / escalation / blackout alerts are forgotten, so a second miss is alerted again.
* Dates are accepted for the years 2000–2100 only (``ensure_sane_year``); anything else,
  however valid ISO-8601, is a 400 with a Chinese message.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select, update

from app import audit
from app.consent.services import ensure_publishable, ensure_schedulable
from app.content import services as content_services
from app.content.services import transition
from app.errors import (
    ComplianceBlocked,
    Conflict,
    DomainError,
    InvalidInput,
    MessageId,
    PermissionDenied,
)
from app.extensions import db, rowcount
from app.labels import STATUS_LABELS
from app.models import (
    AdapterKind,
    BlackoutWindow,
    Channel,
    ChannelPolicySetting,
    JobState,
    Piece,
    PublishJob,
    Role,
    ScheduleOverride,
    User,
    utcnow,
)
from app.schedule import policy, wording
from app.schedule.policy import (
    COUNTED_STATUSES,
    N_,
    Blackout,
    ChannelPolicy,
    NaiveDatetime,
    PlannedItem,
    Verdict,
    aware_utc,
)
from app.workflow import Action, Status
from app.zones import brand_zone, display_zone

SCHEDULERS = (Role.REVIEWER, Role.MANAGER)
DEFAULT_SEND_TIME = time(20, 0)  # brand-zone time for a piece dropped on a day without a time
YEARS = (2000, 2100)  # dates outside these years are refused, not computed with
CLAIMED_MEANWHILE = N_(
    "这篇稿件刚刚已开始发布（或已被他人改动），不能再改期或取消排期；请刷新页面查看最新状态。"
)


class PolicyViolation(DomainError):
    """The posting policy refuses the move; carries the refusals and the nearest slot."""

    status_code = 409
    code = "policy"

    def __init__(self, verdict: Verdict) -> None:
        data = wording.to_dict(verdict)  # the messages in the reader's language
        super().__init__(
            wording.message(verdict),
            violations=data["violations"],
            warnings=data["warnings"],
            suggested_at=data["suggested_at"],
            suggestion=data["suggestion"],
            overridable=verdict.overridable,  # false inside a blackout: no override form
        )
        self.verdict = verdict


# --- zones and instants ----------------------------------------------------------------------


def brand_instant(day: date, clock: time) -> datetime:
    """The UTC instant of brand-zone `day` at `clock` (years 2000–2100, else InvalidInput)."""
    ensure_sane_year(day)
    local = datetime.combine(day, clock.replace(second=0, microsecond=0), brand_zone())
    return local.astimezone(UTC)


def parse_instant(text: Any, what: str = N_("时间")) -> datetime:
    """An ISO-8601 string with a zone as an aware UTC datetime; InvalidInput otherwise."""
    example, what = MessageId(N_("例如 2026-11-25T20:00:00+08:00")), MessageId(what)
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput(
            N_("请提供%(what)s（ISO-8601 格式，带时区，%(example)s）。"),
            params={"what": what, "example": example},
        )
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            N_("%(what)s“%(text)s”不是合法的 ISO-8601 时间，%(example)s。"),
            params={"what": what, "text": text, "example": example},
        ) from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(
            N_("%(what)s“%(text)s”没有时区，%(example)s（或以 Z 结尾表示 UTC）。"),
            params={"what": what, "text": text, "example": example},
        )
    ensure_sane_year(value, what)
    return aware_utc(value)


def ensure_sane_year(value: date, what: str = N_("日期")) -> date:
    """``value`` (a date or datetime) if its year is 2000–2100; InvalidInput otherwise."""
    first, last = YEARS
    if not first <= value.year <= last:
        raise InvalidInput(
            N_("%(what)s的年份必须在 %(first)s 到 %(last)s 年之间（收到 %(year)s 年）。"),
            params={"what": MessageId(what), "first": first, "last": last, "year": value.year},
        )
    return value


def _future(at: datetime, now: datetime) -> datetime:
    try:
        at = aware_utc(at, "publish time")
    except NaiveDatetime:
        raise InvalidInput(N_("发布时间缺少时区，无法确定具体时刻。")) from None
    ensure_sane_year(at, N_("发布时间"))
    if at <= now:
        shown = at.astimezone(brand_zone()).strftime("%Y-%m-%d %H:%M")
        raise InvalidInput(
            N_("不能排在过去的时间（%(shown)s），请选择将来的时间。"), params={"shown": shown}
        )
    return at


# --- loading what the rules look at ----------------------------------------------------------


def channel_policy(channel: Channel) -> ChannelPolicy:
    """The channel's rules: the manager's settings, else the plan's defaults for its kind."""
    return _with_settings(channel, db.session.get(ChannelPolicySetting, channel.id))


def channel_policies(channels: list[Channel]) -> dict[int, ChannelPolicy]:
    """channel_policy() of every channel, by channel id, in one statement (a missing settings
    row cannot be remembered by the session, so get() per channel asked again every time)."""
    ids = [channel.id for channel in channels]
    rows = db.session.scalars(
        select(ChannelPolicySetting).where(ChannelPolicySetting.channel_id.in_(ids))
    )
    settings = {row.channel_id: row for row in rows}
    return {channel.id: _with_settings(channel, settings.get(channel.id)) for channel in channels}


def _with_settings(channel: Channel, row: ChannelPolicySetting | None) -> ChannelPolicy:
    default = ChannelPolicy.for_channel(channel.code, channel.kind)
    if row is None:
        return default
    return replace(
        default,
        promo_share_max_pct=row.promo_share_max_pct,
        sends_per_day=row.sends_per_day,
        articles_per_send=row.articles_per_send,
        interactive_weekly_target=row.interactive_weekly_target,
        daily_cadence=row.daily_cadence,
    )


def blackouts_between(
    start: datetime, end: datetime, channel: Channel | None = None
) -> list[Blackout]:
    """Blackouts overlapping [start, end): all-channel ones and, if given, the channel's."""
    query = select(BlackoutWindow).where(
        BlackoutWindow.start_at < end, BlackoutWindow.end_at > start
    )
    if channel is not None:
        query = query.where(
            (BlackoutWindow.channel_id.is_(None)) | (BlackoutWindow.channel_id == channel.id)
        )
    rows = db.session.scalars(query.order_by(BlackoutWindow.start_at))
    return [as_blackout(row) for row in rows]


def as_blackout(row: BlackoutWindow) -> Blackout:
    """The policy's view of a stored blackout window."""
    code = row.channel.code if row.channel else None
    return Blackout(row.start_at, row.end_at, code, row.reason)


def planned_items(channel: Channel, start: datetime, end: datetime) -> list[PlannedItem]:
    """The channel's scheduled, publishing and published pieces with times in [start, end)."""
    # Light columns, not pieces: the calendar asks this for every channel of a month.
    query = select(Piece.id, Piece.content_type, Piece.publish_at, Piece.status).where(
        Piece.channel_id == channel.id,
        Piece.status.in_(COUNTED_STATUSES),
        Piece.publish_at >= start,
        Piece.publish_at < end,
    )
    return [
        PlannedItem(piece_id, channel.code, content_type, at, status)
        for piece_id, content_type, at, status in db.session.execute(query)
        if at is not None  # the query asks for a time; the column may be NULL for others
    ]


def as_item(piece: Piece, at: datetime | None = None) -> PlannedItem:
    """The policy's view of a piece, at its publish time or at `at`."""
    when = at or piece.publish_at
    assert when is not None, "a planned item needs a time"
    return PlannedItem(piece.id, piece.channel.code, piece.content_type, when, piece.status)


# --- use cases -------------------------------------------------------------------------------


def schedule(
    user: User,
    piece: Piece,
    at: datetime,
    channel: Channel | str | None = None,
    override_reason: str | None = None,
    *,
    now: datetime | None = None,
) -> Verdict:
    """Put an approved piece on the calendar at `at`; PolicyViolation unless a manager overrides."""
    ensure_scheduler(user, override_reason)
    return _place(user, piece, at, channel, override_reason, now or utcnow(), Status.APPROVED)


def reschedule(
    user: User,
    piece: Piece,
    at: datetime,
    channel: Channel | str | None = None,
    override_reason: str | None = None,
    *,
    now: datetime | None = None,
) -> Verdict:
    """Move a scheduled piece to `at`; the week it leaves is checked as well."""
    ensure_scheduler(user, override_reason)
    return _place(user, piece, at, channel, override_reason, now or utcnow(), Status.SCHEDULED)


def place(
    user: User,
    piece: Piece,
    at: datetime,
    channel: Channel | str | None = None,
    override_reason: str | None = None,
    *,
    now: datetime | None = None,
) -> Verdict:
    """Schedule an approved piece or reschedule a scheduled one (drag and drop, the API)."""
    use_case = reschedule if piece.status == Status.SCHEDULED else schedule
    return use_case(user, piece, at, channel, override_reason, now=now)


def unschedule(
    user: User, piece: Piece, override_reason: str | None = None, *, now: datetime | None = None
) -> Verdict:
    """Take a scheduled piece off the calendar (back to approved); frees its slot."""
    ensure_scheduler(user, override_reason)
    channel = _locked_channel(piece, None)
    _require(piece, Status.SCHEDULED)
    assert piece.publish_at is not None
    start, end = policy.week_bounds(piece.publish_at, brand_zone())
    verdict = policy.check_unschedule(
        as_item(piece),
        planned_items(channel, start, end),
        channel_policy(channel),
        tz=brand_zone(),
        now=now or utcnow(),
        display_tz=display_zone(user),
    )
    overridden = _override_or_refuse(user, piece, verdict, override_reason, None)
    before = piece.publish_at
    _guard(piece, now or utcnow())
    transition(
        piece, Action.UNSCHEDULE, user, details={"from": before.isoformat(), "override": overridden}
    )
    piece.publish_at = None
    _rearm_job(piece)
    db.session.commit()
    return verdict


def mark_published(
    user: User, piece: Piece, *, url: str, now: datetime | None = None
) -> Verdict | None:
    """Record a post made by hand, after the posting policy allowed it as a schedule for now.

    An approved piece is checked as if scheduled at `now`, a scheduled one as if moved to `now`
    (promo share, 公众号 group sends, blackouts): a post by hand is on the calendar like any
    other, and no override applies here — move it, or change the calendar, first. A piece the
    publisher handed to a person (publishing, a manual channel) was checked when it was
    scheduled. The recording itself (URL, approved content, current word lists, audit) is
    ``content.services.mark_published``.
    """
    now = now or utcnow()
    verdict = None
    if piece.status in (Status.APPROVED, Status.SCHEDULED):
        ensure_publishable(piece, now)  # UGC: consent still valid and not withdrawn (issue 19)
        ensure_scheduler(user)
        channel = _locked_channel(piece, None)
        if piece.status in (Status.APPROVED, Status.SCHEDULED):  # read again under the lock
            verdict = _check_slot(user, piece, channel, now, now)
            if not verdict.ok:
                hint = N_("手动标记发布按“现在排期”检查：请改到建议时间或先调整日历")
                raise PolicyViolation(verdict.with_hint(hint))
    content_services.mark_published(user, piece, url=url)
    return verdict


def slot_on_day(piece: Piece, day: date) -> datetime:
    """The time for a piece dropped on brand-zone `day`: its time of day, the day's send, 20:00."""
    zone = brand_zone()
    if piece.publish_at is not None:
        return brand_instant(day, piece.publish_at.astimezone(zone).time())
    if channel_policy(piece.channel).limits_sends:
        start, end = policy.day_bounds(day, zone)
        sends = sorted(policy.send_key(i.at) for i in planned_items(piece.channel, start, end))
        if sends:
            return sends[0]
    return brand_instant(day, DEFAULT_SEND_TIME)


# --- steps -----------------------------------------------------------------------------------


def may_schedule(user: User) -> bool:
    """Whether `user` may schedule, move, unschedule and mark pieces published (pages too)."""
    return user.has_role(*SCHEDULERS)


def may_override(user: User) -> bool:
    """Whether `user` may override the posting policy with a written reason (pages too)."""
    return user.has_role(Role.MANAGER)


def ensure_scheduler(user: User, override_reason: str | None = None) -> None:
    """Raise unless `user` may schedule (and, with a reason, override); a reason must be written."""
    if not may_schedule(user):
        raise PermissionDenied(N_("只有审核员和运营主管可以排期。"))
    if override_reason is None:
        return
    if not may_override(user):
        raise PermissionDenied(N_("只有运营主管可以说明理由后强制排期。"))
    if not override_reason.strip():
        raise InvalidInput(N_("强制排期必须写明理由。"), field="override_reason")


def _require(piece: Piece, status: Status) -> None:
    """Raise Conflict unless the piece is in `status` (approved to schedule, scheduled to move)."""
    if piece.status != status:
        message = (
            N_("只有已通过审核的稿件才能排期，这篇稿件当前是“%(current)s”。")
            if status == Status.APPROVED
            else N_("只有已排期的稿件才能改期或取消，这篇稿件当前是“%(current)s”。")
        )
        current = STATUS_LABELS[Status(piece.status)]  # a lazy label: in the reader's language
        raise Conflict(message, params={"current": current})


def _place(
    user: User,
    piece: Piece,
    at: datetime,
    channel: Channel | str | None,
    override_reason: str | None,
    now: datetime,
    expected: Status,
) -> Verdict:
    at = _future(at, now)
    target = _locked_channel(piece, channel)
    _require(piece, expected)
    if piece.compliance_flag:
        raise ComplianceBlocked(
            N_("词库更新后这篇稿件出现禁止词，不能排期：%(compliance_flag)s"),
            params={"compliance_flag": piece.compliance_flag},
        )
    ensure_schedulable(piece, at)  # UGC: not beyond its authorisation's end (issue 19)
    verdict = _check_slot(user, piece, target, at, now)
    overridden = _override_or_refuse(user, piece, verdict, override_reason, at)
    _guard(piece, now)
    details = {"to": at.isoformat(), "override": overridden}
    if piece.status == Status.SCHEDULED:
        assert piece.publish_at is not None
        details["from"] = piece.publish_at.isoformat()
        state = piece.status
        audit.record(
            user, "piece.reschedule", piece, from_state=state, to_state=state, details=details
        )
    else:
        transition(piece, Action.SCHEDULE, user, details=details)
    piece.publish_at = at
    _rearm_job(piece)
    db.session.commit()
    return _with_publishing_notice(verdict, target)


def publishing_notice(channel: Channel) -> str:
    """Who publishes on ``channel`` when it is not done automatically; empty when it is."""
    settings = channel.publishing
    if settings is None:
        return _(
            "“%(channel)s”没有配置发布设置：到点不会自动发布，将通知运营主管手动发布"
            "（管理员可在“发布设置”中配置）。",
            channel=channel.name,
        )
    if settings.adapter != AdapterKind.MANUAL:
        return ""
    if settings.assignee is None:
        return _(
            "“%(channel)s”为人工发布：到点不会自动发布，将通知运营主管手动发布。",
            channel=channel.name,
        )
    return _(
        "“%(channel)s”为人工发布：到点不会自动发布，将通知%(who)s手动发布。",
        channel=channel.name,
        who=settings.assignee.display_name,
    )


def _with_publishing_notice(verdict: Verdict, channel: Channel) -> Verdict:
    """A scheduling verdict that also says when a person, not the worker, will publish."""
    notice = publishing_notice(channel)
    if not notice:
        return verdict
    warning = policy.Violation(policy.Rule.MANUAL_PUBLISH, notice, {"channel": channel.code})
    return replace(verdict, warnings=(*verdict.warnings, warning))


def _guard(piece: Piece, now: datetime) -> None:
    """Take the piece's row for this change; Conflict (409) if the worker claimed it meanwhile.

    The UPDATE matches only the status and publish time this request read under the channel
    lock: a worker's claim either committed first (no match: 409) or waits for this transaction
    and then finds the new time (not due any more).
    """
    same_time = (
        Piece.publish_at == piece.publish_at
        if piece.publish_at is not None
        else Piece.publish_at.is_(None)
    )
    taken = db.session.execute(
        update(Piece)
        .where(Piece.id == piece.id, Piece.status == piece.status, same_time)
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if rowcount(taken) != 1:
        db.session.rollback()
        raise Conflict(CLAIMED_MEANWHILE)


def _rearm_job(piece: Piece) -> None:
    """A new time (or none): lift a blackout or late hold and forget the old time's alerts."""
    job = db.session.get(PublishJob, piece.id)
    if job is None:
        return
    job.clear_alert_markers()
    if job.state in (JobState.BLACKOUT, JobState.LATE):
        job.state, job.last_error, job.last_error_code = JobState.PENDING.value, "", ""


def _locked_channel(piece: Piece, channel: Channel | str | None) -> Channel:
    code = channel.code if isinstance(channel, Channel) else (channel or piece.channel.code)
    found = db.session.scalar(select(Channel).where(Channel.code == code).with_for_update())
    # Holding the channel's lock, read the piece again: someone may have just moved it.
    db.session.refresh(piece)
    if found is None:
        raise InvalidInput(N_("未知渠道“%(code)s”。"), params={"code": code})
    if found.id != piece.channel_id:
        raise InvalidInput(
            N_(
                "这篇稿件是按“%(name)s”审核通过的，不能排到“%(name2)s”；如需更换渠道，请修改稿件并重新送审。"
            ),
            params={"name": piece.channel.name, "name2": found.name},
        )
    if not found.active:
        raise InvalidInput(N_("渠道“%(name)s”已停用，不能排期。"), params={"name": found.name})
    return found


def _check_slot(user: User, piece: Piece, channel: Channel, at: datetime, now: datetime) -> Verdict:
    zone = brand_zone()
    previous = piece.publish_at if piece.status == Status.SCHEDULED else None
    start, end = policy.needed_range(at, previous_at=previous, tz=zone)
    return policy.check(
        as_item(piece, at),
        planned_items(channel, start, end),
        channel_policy(channel),
        blackouts_between(start, end, channel),
        tz=zone,
        now=now,
        display_tz=display_zone(user),
    )


def _override_or_refuse(
    user: User, piece: Piece, verdict: Verdict, reason: str | None, at: datetime | None
) -> bool:
    """True if a manager overrode refusals (recorded); raises PolicyViolation if refused."""
    if verdict.ok:
        return False
    if reason is None:
        raise PolicyViolation(verdict)
    if not verdict.overridable:
        hint = N_(
            "禁发时段不能强制排期：如确需在此时发布，请先修改或删除该禁发时段（记入审计日志）"
        )
        raise PolicyViolation(verdict.with_hint(hint))
    rules = [v.code.value for v in verdict.violations]
    messages = [v.message for v in verdict.violations]
    db.session.add(
        ScheduleOverride(
            piece=piece,
            manager=user,
            reason=reason.strip(),
            rules=rules,
            messages=messages,
            publish_at=at,
        )
    )
    audit.record(
        user,
        "piece.policy_override",
        piece,
        reason=reason.strip(),
        details={"rules": rules, "messages": messages, "at": at.isoformat() if at else None},
    )
    return True
