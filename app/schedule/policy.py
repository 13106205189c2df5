"""Posting policy for the content calendar: promo share, 公众号 group sends, blackouts, targets.

Pure standard-library code — no Flask, no database, no app models (a test parses the imports). The
schedule service loads a channel's items, calls ``check`` when a piece is scheduled, rescheduled or
dragged and ``check_unschedule`` when it is taken off the calendar, and turns a refused ``Verdict``
into a 409 or a flash message, or records a manager's override with its reason.

Decisions
---------
Instants and zones
    Every datetime must be aware; a naive one raises ``NaiveDatetime``. Instants are kept in UTC.
    Days and weeks are computed in the brand zone ``tz`` (default Asia/Shanghai), never in the
    viewer's zone; ``display_tz`` only changes how times are written in messages. Week dates in
    messages are always brand-zone dates, because that is what the rule counts.
Names
    Content types, channel kinds and statuses are the values of ``app.models.ContentType``,
    ``ChannelKind`` and ``app.workflow.Status``; their StrEnum members compare equal, so callers may
    pass either (a test keeps the constants below in step with the enums).
What counts
    Items on the policy's channel whose status is scheduled, publishing or published; anything
    else in ``others`` is ignored, so the caller may pass a loose query. An entry in ``others``
    with the piece's own id is its current slot: it is not counted, and the week it leaves is
    checked as well (``needed_range`` says which items to load). Moving a piece to another channel
    is an unschedule on the old channel plus a schedule on the new one.
Promo share (``promo_share``)
    Per channel and calendar week (Monday 00:00 to the next Monday 00:00, brand zone): promos /
    all pieces ≤ ``promo_share_max_pct``, counted after the change, in exact integer arithmetic.
    An operation is refused only when it *raises* a week's share above the cap — adding a promo,
    or moving away or unscheduling an ordinary piece. Operations that lower the share always pass,
    so a week pushed over the cap by an override can still be repaired. Small weeks follow from the
    ratio: one promo needs four other pieces in its week (1/5 = 20 %), two need eight. The calendar
    must therefore let people place the ordinary pieces first; ``WeeklyProgress.promo_room`` says
    how many promos still fit and a refusal says how many ordinary pieces are missing.
公众号 group sends (``daily_sends``, ``articles_per_send``; kind wechat_oa only)
    Items on one channel with the same publish minute (``send_key``) are one group send. What
    we call a send is WeChat's free-publish (发表, ``freepublish/submit``) of one draft: the
    runner (app.publishing.sends) claims the due items of one channel and minute together, ordered
    by piece id, and publishes them as one draft of up to 8 articles, one submit and one status
    poll; each piece gets its own article URL. A brand-zone day holds at most ``sends_per_day``
    (1) distinct send minutes and a send at most ``articles_per_send`` (8) items. So a second
    article joins the day's send by taking its time; any other time that day is refused, and so
    is a ninth article. People pick one time per day and no extra grouping field is needed.
    Other kinds have no send limit.
Blackouts (``blackout``)
    Half-open windows [start, end) for one channel or for all (``channel=None``), separate from
    ``ChannelPolicy`` because the all-channel ones (days of national mourning) are shared.
    ``Blackout.on_dates`` makes whole brand-zone days; windows may cross midnight.
Overrides (``Verdict.overridable``)
    A manager may override the counting rules (promo share, group sends, articles per send) with a
    written reason; the service records it. A blackout is absolute: a refusal that contains a
    ``blackout`` violation is never overridable (``ABSOLUTE_RULES``), whatever else it contains.
    To post inside a blackout, the blackout itself must be changed or removed — an audited act on
    the blackout page — and the move checked again. Marking a piece published by hand is checked
    as a schedule for the current instant, so it meets the same rules and the same blackouts.
Interactive target and daily cadence (warnings, never refusals)
    ``weekly_progress`` counts 互动活动 per channel-week against ``interactive_weekly_target``
    and warns once the brand-zone Thursday of that week has begun and fewer are on the calendar,
    until the week is over (a past week is history: no warning).
    ``ChannelPolicy.for_channel`` gives the 公众号 the plan's target of 3 and a daily cadence and
    other kinds no target (0); a manager can change both. ``check`` adds these warnings for the
    weeks it touches when given ``now``, and warns when a move empties a daily-cadence day.
Suggestion
    ``suggest_slot`` tries candidate times ≥ the requested time, earliest first, and returns the
    first that passes every rule: the requested brand-zone time of day on each day of the horizon
    (``search_days``, half-open), the channel's existing send minutes (joining a 公众号 send) and
    blackout ends that fall inside a day (not at midnight: a whole-day blackout is better followed
    by the usual time next day than by a 00:00 post). It is the nearest *sensible* time, not a
    minute-by-minute scan. ``None`` when nothing in the horizon fits.
Not here
    Scheduling in the past, piece status and overrides belong to the service: they need the clock,
    the database and the audit log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from fractions import Fraction
from math import ceil
from typing import TypeAlias, Union
from zoneinfo import ZoneInfo

BRAND_TZ = "Asia/Shanghai"
SEARCH_DAYS = 28
PROMOTION = "promotion"  # ContentType.PROMOTION, 促销活动
INTERACTIVE = "interactive"  # ContentType.INTERACTIVE, 互动活动
WECHAT_OA = "wechat_oa"  # ChannelKind.WECHAT_OA, 微信公众号
SCHEDULED = "scheduled"  # Status.SCHEDULED
COUNTED_STATUSES = frozenset({"scheduled", "publishing", "published"})
WECHAT_MAX_ARTICLES = 8  # the platform's limit for one group send
WEEKDAYS = "一二三四五六日"

Zone: TypeAlias = str | ZoneInfo  # a zone name such as "Asia/Shanghai", or the zone


class NaiveDatetime(ValueError):
    """A datetime without a time zone where an aware instant is required."""


class Rule(StrEnum):
    """Codes of violations and warnings, stable for the API and the UI."""

    PROMO_SHARE = "promo_share"  # promos above the weekly share (refusal)
    DAILY_SENDS = "daily_sends"  # a second 公众号 group send on one day (refusal)
    ARTICLES_PER_SEND = "articles_per_send"  # a ninth article in one group send (refusal)
    BLACKOUT = "blackout"  # inside a blackout window (refusal)
    INTERACTIVE_TARGET = "interactive_target"  # weekly interactive target behind (warning)
    MANUAL_PUBLISH = "manual_publish"  # the channel does not publish itself; a person (warning)
    DAILY_CADENCE = "daily_cadence"  # a daily-cadence channel left with an empty day (warning)


# Refusals no override reaches: the window itself must be changed (see "Overrides" above).
ABSOLUTE_RULES = frozenset({Rule.BLACKOUT})


def zone_of(tz: Zone) -> ZoneInfo:
    """The ZoneInfo for a zone name (or the zone itself)."""
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)


def aware_utc(value: datetime, what: str = "time") -> datetime:
    """`value` in UTC; raises NaiveDatetime if it has no time zone."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetime(
            f"{what} {value.isoformat()} has no time zone; pass an aware datetime (UTC)"
        )
    return value.astimezone(UTC)


def local_day(at: datetime, tz: Zone = BRAND_TZ) -> date:
    """The calendar date of instant `at` in zone `tz`."""
    return aware_utc(at).astimezone(zone_of(tz)).date()


def week_start(at: datetime | date, tz: Zone = BRAND_TZ) -> date:
    """The Monday of the week holding `at` (an instant, or a date already in zone `tz`)."""
    day = local_day(at, tz) if isinstance(at, datetime) else at
    return day - timedelta(days=day.weekday())


def day_bounds(day: date, tz: Zone = BRAND_TZ) -> tuple[datetime, datetime]:
    """UTC instants [start, end) of local day `day` in zone `tz`."""
    return _midnight(day, zone_of(tz)), _midnight(day + timedelta(days=1), zone_of(tz))


def week_bounds(at: datetime | date, tz: Zone = BRAND_TZ) -> tuple[datetime, datetime]:
    """UTC instants [Monday 00:00, next Monday 00:00) of the week holding `at`, in zone `tz`."""
    monday = week_start(at, tz)
    return _midnight(monday, zone_of(tz)), _midnight(monday + timedelta(days=7), zone_of(tz))


def send_key(at: datetime) -> datetime:
    """The 公众号 group send an item at `at` belongs to: its publish minute, in UTC."""
    return aware_utc(at).replace(second=0, microsecond=0)


def needed_range(
    at: datetime,
    *,
    previous_at: datetime | None = None,
    tz: Zone = BRAND_TZ,
    search_days: int = SEARCH_DAYS,
) -> tuple[datetime, datetime]:
    """UTC range [start, end) of a channel's items to load for `check` and its suggestion."""
    earliest = min(aware_utc(at), aware_utc(previous_at)) if previous_at else aware_utc(at)
    start, _ = week_bounds(earliest, tz)
    _, end = week_bounds(aware_utc(at) + timedelta(days=search_days), tz)
    return start, end


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return _local_instant(day, time(0), zone)


def _local_instant(day: date, clock: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class ChannelPolicy:
    """One channel's posting rules, configurable by a manager."""

    channel: str  # Channel.code
    kind: str  # ChannelKind value
    promo_share_max_pct: int = 20  # whole percent: exact arithmetic, as a manager types it
    sends_per_day: int = 1  # wechat_oa only
    articles_per_send: int = WECHAT_MAX_ARTICLES  # wechat_oa only
    interactive_weekly_target: int = 3  # 0 = no target
    daily_cadence: bool = False  # the calendar marks empty days

    def __post_init__(self) -> None:
        if not 0 <= self.promo_share_max_pct <= 100:
            raise ValueError("promo_share_max_pct must be between 0 and 100")
        if self.sends_per_day < 1:
            raise ValueError("sends_per_day must be at least 1")
        if not 1 <= self.articles_per_send <= WECHAT_MAX_ARTICLES:
            raise ValueError(f"articles_per_send must be between 1 and {WECHAT_MAX_ARTICLES}")
        if self.interactive_weekly_target < 0:
            raise ValueError("interactive_weekly_target must not be negative")

    @classmethod
    def for_channel(cls, channel: str, kind: str) -> ChannelPolicy:
        """The plan's defaults: the 公众号 posts daily with 3 interactive posts a week."""
        is_oa = kind == WECHAT_OA
        return cls(channel, kind, interactive_weekly_target=3 if is_oa else 0, daily_cadence=is_oa)

    @property
    def limits_sends(self) -> bool:
        """True if group sends per day and articles per send are limited on this channel."""
        return self.kind == WECHAT_OA


@dataclass(frozen=True)
class PlannedItem:
    """A piece on the calendar: where, what and when (UTC)."""

    piece_id: int
    channel: str  # Channel.code
    content_type: str  # ContentType value
    at: datetime  # publish time, aware; stored as UTC
    status: str = SCHEDULED  # Status value; only COUNTED_STATUSES take part in the rules

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", aware_utc(self.at, f"publish time of piece {self.piece_id}"))

    @property
    def counted(self) -> bool:
        """True if the item occupies its slot (scheduled, publishing or published)."""
        return self.status in COUNTED_STATUSES

    @property
    def is_promo(self) -> bool:
        """True for 促销活动."""
        return self.content_type == PROMOTION


@dataclass(frozen=True)
class Blackout:
    """A window [start, end) in which nothing may go out on one channel or on all (None)."""

    start: datetime
    end: datetime
    channel: str | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", aware_utc(self.start, "blackout start"))
        object.__setattr__(self, "end", aware_utc(self.end, "blackout end"))
        if self.end <= self.start:
            raise ValueError("a blackout must end after it starts")

    @classmethod
    def on_dates(
        cls,
        first: date,
        last: date | None = None,
        *,
        channel: str | None = None,
        reason: str = "",
        tz: Zone = BRAND_TZ,
    ) -> Blackout:
        """Whole local days `first`–`last` (inclusive) in zone `tz`."""
        start, _ = day_bounds(first, tz)
        _, end = day_bounds(last or first, tz)
        return cls(start, end, channel, reason)

    def applies_to(self, channel: str) -> bool:
        """True if the blackout covers `channel`."""
        return self.channel is None or self.channel == channel

    def covers(self, at: datetime) -> bool:
        """True if instant `at` falls inside the window."""
        return self.start <= aware_utc(at) < self.end


@dataclass(frozen=True)
class Violation:
    """A broken rule (or a warning) with a Chinese message naming the numbers.

    ``phrase`` is the same message as message ids and parameters, for the reader's language
    (``app.schedule.wording``); ``message`` stays Chinese for logs and the stored overrides.
    """

    code: Rule
    message: str
    details: dict[str, object] = field(default_factory=dict, hash=False)
    phrase: Phrase | None = field(default=None, compare=False, hash=False)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form for the API."""
        return {"code": self.code.value, "message": self.message, "details": dict(self.details)}


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: refusals, warnings and the nearest time that fits."""

    violations: tuple[Violation, ...] = ()
    warnings: tuple[Violation, ...] = ()
    suggested_at: datetime | None = None
    suggestion: str = ""  # Chinese sentence about suggested_at; empty when nothing was refused
    # The suggestion's sentences as phrases (joined with "；" in ``suggestion``).
    suggestion_phrases: tuple[Phrase, ...] = field(default=(), compare=False, hash=False)

    def with_hint(self, hint: str) -> Verdict:
        """The verdict with one more sentence (a message id, no parameters) after the suggestion."""
        suggestion = "；".join(part for part in (self.suggestion, hint) if part)
        phrases = (*self.suggestion_phrases, Phrase.of(hint))
        return replace(self, suggestion=suggestion, suggestion_phrases=phrases)

    @property
    def ok(self) -> bool:
        """True if nothing was refused (warnings allowed)."""
        return not self.violations

    @property
    def overridable(self) -> bool:
        """True if a manager's written reason may override the refusals (no absolute rule)."""
        return not any(v.code in ABSOLUTE_RULES for v in self.violations)

    @property
    def message(self) -> str:
        """All refusals and the suggestion as one Chinese sentence, for a flash message."""
        parts = [v.message for v in self.violations]
        return "；".join([*parts, self.suggestion] if self.suggestion else parts)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form for the API (the 409 body adds "error": "policy")."""
        return {
            "ok": self.ok,
            "violations": [v.to_dict() for v in self.violations],
            "warnings": [w.to_dict() for w in self.warnings],
            "suggested_at": self.suggested_at.isoformat() if self.suggested_at else None,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class WeeklyProgress:
    """One channel-week on the calendar: content mix, promo room and interactive target."""

    channel: str
    first_day: date  # Monday, brand zone
    last_day: date  # Sunday, brand zone
    total: int
    promos: int
    promo_room: int | None  # promos that still fit; None = no cap
    interactive_done: int
    interactive_target: int
    warning: Violation | None = None

    @property
    def behind(self) -> bool:
        """True if fewer interactive posts than the target are on the calendar."""
        return self.interactive_done < self.interactive_target


@dataclass(frozen=True)
class _Scene:
    """What the rules look at: one channel's counted items, minus the piece being moved."""

    policy: ChannelPolicy
    zone: ZoneInfo
    display: ZoneInfo
    items: tuple[PlannedItem, ...]
    previous: PlannedItem | None
    blackouts: tuple[Blackout, ...]


def _scene(
    item: PlannedItem,
    others: Iterable[PlannedItem],
    policy: ChannelPolicy,
    blackouts: Iterable[Blackout],
    tz: Zone,
    display_tz: Zone | None,
) -> _Scene:
    if item.channel != policy.channel:
        raise ValueError(f"item is on channel {item.channel!r}, policy is for {policy.channel!r}")
    mine = [o for o in others if o.channel == policy.channel and o.counted]
    zone = zone_of(tz)
    return _Scene(
        policy=policy,
        zone=zone,
        display=zone_of(display_tz) if display_tz else zone,
        items=tuple(o for o in mine if o.piece_id != item.piece_id),
        previous=next((o for o in mine if o.piece_id == item.piece_id), None),
        blackouts=tuple(b for b in blackouts if b.applies_to(policy.channel)),
    )


def check(
    item: PlannedItem,
    others: Iterable[PlannedItem],
    policy: ChannelPolicy,
    blackouts: Iterable[Blackout] = (),
    *,
    tz: Zone = BRAND_TZ,
    now: datetime | None = None,
    display_tz: Zone | None = None,
    search_days: int = SEARCH_DAYS,
) -> Verdict:
    """Check scheduling (or rescheduling) `item` at `item.at`; suggest a time if refused."""
    scene = _scene(item, others, policy, blackouts, tz, display_tz)
    placed = replace(item, status=SCHEDULED)
    violations = tuple(_violations(placed, scene))
    warnings = tuple(_warnings(placed, scene.previous, scene, now))
    if not violations:
        return Verdict(warnings=warnings)
    at = _search(placed, scene, search_days)
    suggestion = _suggestion_phrase(at, scene, search_days)
    return Verdict(violations, warnings, at, str(suggestion), (suggestion,))


def check_unschedule(
    item: PlannedItem,
    others: Iterable[PlannedItem],
    policy: ChannelPolicy,
    *,
    tz: Zone = BRAND_TZ,
    now: datetime | None = None,
    display_tz: Zone | None = None,
) -> Verdict:
    """Check taking `item` (its current slot) off the calendar."""
    scene = _scene(item, others, policy, (), tz, display_tz)
    violations = tuple(_promo_violations(None, item, scene))
    return Verdict(violations, tuple(_warnings(None, item, scene, now)))


def suggest_slot(
    item: PlannedItem,
    others: Iterable[PlannedItem],
    policy: ChannelPolicy,
    blackouts: Iterable[Blackout] = (),
    *,
    tz: Zone = BRAND_TZ,
    search_days: int = SEARCH_DAYS,
) -> datetime | None:
    """The nearest candidate time ≥ `item.at` at which `check` passes; None if none fits."""
    scene = _scene(item, others, policy, blackouts, tz, None)
    return _search(replace(item, status=SCHEDULED), scene, search_days)


def weekly_progress(
    items: Iterable[PlannedItem],
    policy: ChannelPolicy,
    week_of: datetime | date,
    *,
    tz: Zone = BRAND_TZ,
    now: datetime | None = None,
) -> WeeklyProgress:
    """Content mix and interactive progress of one channel-week; warns Thursday–Sunday if behind."""
    first = week_start(week_of, tz)
    zone = zone_of(tz)
    mine = [i for i in items if i.channel == policy.channel and i.counted]
    week = [i for i in mine if week_start(i.at, zone) == first]
    interactive = sum(i.content_type == INTERACTIVE for i in week)
    counts = WeekCounts(len(week), sum(i.is_promo for i in week), interactive)
    return counted_progress(counts, policy, first, tz=zone, now=now)


@dataclass
class WeekCounts:
    """How many counted items one channel has in one week: all, promotions, interactive."""

    total: int = 0
    promos: int = 0
    interactive: int = 0


def counted_progress(
    counts: WeekCounts,
    policy: ChannelPolicy,
    first: date,
    *,
    tz: Zone = BRAND_TZ,
    now: datetime | None = None,
) -> WeeklyProgress:
    """weekly_progress() from the week's counts (the Monday `first`), e.g. counted by the
    database instead of from every item of a busy month (issue 16)."""
    now = aware_utc(now, "now") if now is not None else None
    progress = WeeklyProgress(
        channel=policy.channel,
        first_day=first,
        last_day=first + timedelta(days=6),
        total=counts.total,
        promos=counts.promos,
        promo_room=_promo_room(counts.promos, counts.total, policy.promo_share_max_pct),
        interactive_done=counts.interactive,
        interactive_target=policy.interactive_weekly_target,
    )
    if now is not None and progress.behind and _warning_time(first, now, zone_of(tz)):
        return replace(progress, warning=_interactive_warning(progress))
    return progress


def empty_days(
    items: Iterable[PlannedItem],
    policy: ChannelPolicy,
    first: date,
    last: date,
    *,
    tz: Zone = BRAND_TZ,
) -> list[date]:
    """Local days `first`–`last` with nothing on a daily-cadence channel (none otherwise)."""
    if not policy.daily_cadence:
        return []
    busy = {local_day(i.at, tz) for i in items if i.channel == policy.channel and i.counted}
    return days_without(busy, policy, first, last)


def days_without(
    busy: Collection[date], policy: ChannelPolicy, first: date, last: date
) -> list[date]:
    """empty_days() from the local days that have a counted item on the channel."""
    if not policy.daily_cadence:
        return []
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [day for day in days if day not in busy]


# --- rules ---------------------------------------------------------------------------------------


def _violations(item: PlannedItem, scene: _Scene) -> list[Violation]:
    return [
        *_blackout_violations(item, scene),
        *_send_violations(item, scene),
        *_promo_violations(item, scene.previous, scene),
    ]


def _blackout_violations(item: PlannedItem, scene: _Scene) -> list[Violation]:
    return [_blackout_violation(item, b, scene) for b in scene.blackouts if b.covers(item.at)]


def _send_violations(item: PlannedItem, scene: _Scene) -> list[Violation]:
    policy = scene.policy
    if not policy.limits_sends:
        return []
    day = local_day(item.at, scene.zone)
    sends = Counter(send_key(o.at) for o in scene.items if local_day(o.at, scene.zone) == day)
    key = send_key(item.at)
    found = []
    if key not in sends and len(sends) >= policy.sends_per_day:
        found.append(_daily_sends_violation(day, sorted(sends), scene))
    if sends[key] + 1 > policy.articles_per_send:
        found.append(_articles_violation(key, sends[key] + 1, scene))
    return found


def _promo_violations(
    added: PlannedItem | None, removed: PlannedItem | None, scene: _Scene
) -> list[Violation]:
    cap = Fraction(scene.policy.promo_share_max_pct, 100)
    found = []
    for first in _touched_weeks(added, removed, scene.zone):
        promos, total = _week_counts(scene.items, first, scene.zone)
        rp, rt = _week_delta(removed, first, scene.zone)
        ap, at = _week_delta(added, first, scene.zone)
        before, after = _share(promos + rp, total + rt), _share(promos + ap, total + at)
        if after > cap and after > before:
            found.append(_promo_violation(first, promos + ap, total + at, ap > 0, scene))
    return found


def _week_counts(items: Iterable[PlannedItem], first: date, zone: ZoneInfo) -> tuple[int, int]:
    week = [i for i in items if week_start(i.at, zone) == first]
    return sum(i.is_promo for i in week), len(week)


def _week_delta(item: PlannedItem | None, first: date, zone: ZoneInfo) -> tuple[int, int]:
    if item is None or week_start(item.at, zone) != first:
        return 0, 0
    return int(item.is_promo), 1


def _share(promos: int, total: int) -> Fraction:
    return Fraction(promos, total) if total else Fraction(0)


def _promo_room(promos: int, total: int, cap_pct: int) -> int | None:
    # largest k with (promos + k) / (total + k) <= cap
    if cap_pct == 100:
        return None
    return max(0, (cap_pct * total - 100 * promos) // (100 - cap_pct))


def _ordinary_needed(promos: int, total: int, cap_pct: int) -> int | None:
    # smallest n with promos / (total + n) <= cap; None if no number of pieces is enough
    if cap_pct == 0:
        return None
    return max(0, ceil((100 * promos - cap_pct * total) / cap_pct))


def _warning_time(first: date, now: datetime, zone: ZoneInfo) -> bool:
    """From the week's Thursday until it ends: a past week is history, not a task."""
    at = aware_utc(now, "now")
    return _midnight(first + timedelta(days=3), zone) <= at < _midnight(first + timedelta(7), zone)


def _warnings(
    added: PlannedItem | None, removed: PlannedItem | None, scene: _Scene, now: datetime | None
) -> list[Violation]:
    found = _cadence_warnings(added, removed, scene)
    if now is None:
        return found
    now = aware_utc(now, "now")
    after = _after(added, scene)
    for first in _touched_weeks(added, removed, scene.zone):
        progress = weekly_progress(after, scene.policy, first, tz=scene.zone, now=now)
        found += [progress.warning] if progress.warning else []
    return found


def _cadence_warnings(
    added: PlannedItem | None, removed: PlannedItem | None, scene: _Scene
) -> list[Violation]:
    if not scene.policy.daily_cadence or removed is None:
        return []
    day = local_day(removed.at, scene.zone)
    still = [i for i in _after(added, scene) if local_day(i.at, scene.zone) == day]
    return [] if still else [_cadence_warning(day)]


def _after(added: PlannedItem | None, scene: _Scene) -> tuple[PlannedItem, ...]:
    return (*scene.items, added) if added else scene.items


def _touched_weeks(
    added: PlannedItem | None, removed: PlannedItem | None, zone: ZoneInfo
) -> list[date]:
    return sorted({week_start(x.at, zone) for x in (added, removed) if x is not None})


# --- suggestion ----------------------------------------------------------------------------------


def _search(item: PlannedItem, scene: _Scene, search_days: int) -> datetime | None:
    for at in _candidates(item, scene, search_days):
        if not _violations(replace(item, at=at), scene):
            return at
    return None


def _candidates(item: PlannedItem, scene: _Scene, search_days: int) -> list[datetime]:
    start, zone = item.at, scene.zone
    horizon = start + timedelta(days=search_days)
    local = start.astimezone(zone)
    days = [local.date() + timedelta(days=n) for n in range(search_days + 1)]
    same_time = [_local_instant(day, local.time(), zone) for day in days]
    joins = [send_key(o.at) for o in scene.items] if scene.policy.limits_sends else []
    reopen = [b.end for b in scene.blackouts if b.end.astimezone(zone).time() != time(0)]
    return sorted({at for at in (*same_time, *joins, *reopen) if start <= at < horizon})


# --- messages ------------------------------------------------------------------------------------
#
# Every message is a Chinese message id with named parameters (marked with N_ for the catalog)
# and is kept as a Phrase: ``str(phrase)`` writes it in Chinese, and app.schedule.wording writes
# it in the reader's language (dates, times and spans through the locale's formats).


def N_(text: str) -> str:  # noqa: N802 — the catalog's marker for a message id translated later
    """Mark `text` as a message id (the extractor looks for N_); returns it unchanged."""
    return text


@dataclass(frozen=True)
class Day:
    """A brand-zone day in a message: 11月30日（周一）."""

    day: date

    def __str__(self) -> str:
        return _day_text(self.day)


@dataclass(frozen=True)
class Week:
    """A brand-zone week (Monday to Sunday) in a message: 11月30日–12月6日."""

    first: date

    def __str__(self) -> str:
        return _week_text(self.first)


@dataclass(frozen=True)
class At:
    """An instant in a message: day and time in the display zone (named if not the brand's)."""

    at: datetime
    display: ZoneInfo
    zone: ZoneInfo

    @property
    def local(self) -> datetime:
        """The instant in the display zone."""
        return self.at.astimezone(self.display)

    @property
    def foreign(self) -> bool:
        """True if the display zone is not the brand zone (the message names it)."""
        return self.display.key != self.zone.key

    def __str__(self) -> str:
        local = self.local
        text = f"{_day_text(local.date())}{local:%H:%M}"
        return f"{text}（{self.display.key}）" if self.foreign else text


@dataclass(frozen=True)
class Clocks:
    """Times of day (display zone) in a message: 08:00、20:00."""

    times: tuple[datetime, ...]
    display: ZoneInfo

    def clocks(self) -> list[str]:
        """Each time as HH:MM."""
        return [f"{at.astimezone(self.display):%H:%M}" for at in self.times]

    def __str__(self) -> str:
        return "、".join(self.clocks())


Param: TypeAlias = Union[str, int, Day, Week, At, Clocks, "Phrase"]


@dataclass(frozen=True)
class Phrase:
    """A message as message ids with parameters, read in order; Chinese when written with str()."""

    parts: tuple[tuple[str, tuple[tuple[str, Param], ...]], ...]

    @classmethod
    def of(cls, text: str, **params: Param) -> Phrase:
        """One message id with its parameters."""
        return cls(((text, tuple(params.items())),))

    def __add__(self, other: Phrase) -> Phrase:
        return Phrase(self.parts + other.parts)

    def __str__(self) -> str:
        return "".join(text % {k: str(v) for k, v in params} for text, params in self.parts)


def _violation(code: Rule, phrase: Phrase, details: dict[str, object]) -> Violation:
    return Violation(code, str(phrase), details, phrase)


def _day_text(day: date) -> str:
    return f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


def _week_text(first: date) -> str:
    last = first + timedelta(days=6)
    return f"{first.month}月{first.day}日–{last.month}月{last.day}日"


def _at(at: datetime, scene: _Scene) -> At:
    return At(at, scene.display, scene.zone)


def _span(start: datetime, end: datetime, scene: _Scene) -> Phrase:
    first, last = start.astimezone(scene.zone), end.astimezone(scene.zone)
    if first.time() == time(0) and last.time() == time(0):
        final = last.date() - timedelta(days=1)
        if final == first.date():
            return Phrase.of(N_("%(day)s全天"), day=Day(first.date()))
        return Phrase.of(N_("%(first)s至%(last)s全天"), first=Day(first.date()), last=Day(final))
    return Phrase.of(N_("%(start)s 至 %(end)s"), start=_at(start, scene), end=_at(end, scene))


def _pct_text(share: Fraction) -> str:
    pct = share * 100
    return f"{pct.numerator}%" if pct.denominator == 1 else f"{float(pct):.1f}%"


def _promo_violation(
    first: date, promos: int, total: int, adding: bool, scene: _Scene
) -> Violation:
    cap = scene.policy.promo_share_max_pct
    share = _share(promos, total)
    needed = _ordinary_needed(promos, total, cap)
    text = (
        N_("%(week)s这一周促销占比将达到 %(share)s（%(promos)s/%(total)s），上限 %(cap)s%%")
        if adding
        else N_(
            "%(week)s这一周促销占比在移出这篇后将升至 %(share)s（%(promos)s/%(total)s），"
            "上限 %(cap)s%%"
        )
    )
    phrase = Phrase.of(
        text, week=Week(first), share=_pct_text(share), promos=promos, total=total, cap=cap
    )
    if needed:
        phrase += Phrase.of(N_("，该周还需再排 %(needed)s 篇非促销内容"), needed=needed)
    return _violation(
        Rule.PROMO_SHARE,
        phrase,
        {
            "week_start": first.isoformat(),
            "week_end": (first + timedelta(days=6)).isoformat(),
            "promos": promos,
            "total": total,
            "share_pct": float(share * 100),
            "max_pct": cap,
            "non_promo_needed": needed,
        },
    )


def _daily_sends_violation(day: date, sends: list[datetime], scene: _Scene) -> Violation:
    limit = scene.policy.sends_per_day
    phrase = Phrase.of(
        N_(
            "%(day)s已有 %(sends)s 次群发（%(times)s），公众号每天最多群发 %(limit)s 次；"
            "同一天的文章请排在已有的群发时间"
        ),
        day=Day(day),
        sends=len(sends),
        times=Clocks(tuple(sends), scene.display),
        limit=limit,
    )
    return _violation(
        Rule.DAILY_SENDS,
        phrase,
        {
            "day": day.isoformat(),
            "send_times": [s.isoformat() for s in sends],
            "max_sends": limit,
        },
    )


def _articles_violation(key: datetime, articles: int, scene: _Scene) -> Violation:
    limit = scene.policy.articles_per_send
    phrase = Phrase.of(
        N_("%(at)s 这次群发将有 %(articles)s 篇文章，每次群发最多 %(limit)s 篇"),
        at=_at(key, scene),
        articles=articles,
        limit=limit,
    )
    return _violation(
        Rule.ARTICLES_PER_SEND,
        phrase,
        {"send_at": key.isoformat(), "articles": articles, "max_articles": limit},
    )


def _blackout_violation(item: PlannedItem, blackout: Blackout, scene: _Scene) -> Violation:
    at, span = _at(item.at, scene), _span(blackout.start, blackout.end, scene)
    if blackout.channel is None:
        phrase = Phrase.of(N_("%(at)s 处于禁发时段（%(span)s，全部渠道"), at=at, span=span)
    else:
        phrase = Phrase.of(
            N_("%(at)s 处于禁发时段（%(span)s，渠道 %(channel)s"),
            at=at,
            span=span,
            channel=blackout.channel,
        )
    if blackout.reason:
        phrase += Phrase.of(N_("：%(reason)s"), reason=blackout.reason)
    phrase += Phrase.of(N_("），不能发布"))
    return _violation(
        Rule.BLACKOUT,
        phrase,
        {
            "start": blackout.start.isoformat(),
            "end": blackout.end.isoformat(),
            "channel": blackout.channel,
            "reason": blackout.reason,
        },
    )


def _interactive_warning(progress: WeeklyProgress) -> Violation:
    done, target = progress.interactive_done, progress.interactive_target
    phrase = Phrase.of(
        N_("%(week)s这一周互动活动只排了 %(done)s 篇，目标 %(target)s 篇，还差 %(missing)s 篇"),
        week=Week(progress.first_day),
        done=done,
        target=target,
        missing=target - done,
    )
    return _violation(
        Rule.INTERACTIVE_TARGET,
        phrase,
        {
            "week_start": progress.first_day.isoformat(),
            "done": done,
            "target": target,
        },
    )


def _cadence_warning(day: date) -> Violation:
    phrase = Phrase.of(N_("%(day)s将没有内容发出，该渠道要求每天发布"), day=Day(day))
    return _violation(Rule.DAILY_CADENCE, phrase, {"day": day.isoformat()})


def _suggestion_phrase(at: datetime | None, scene: _Scene, search_days: int) -> Phrase:
    if at is None:
        return Phrase.of(
            N_("未来 %(days)s 天内没有符合规则的时间，请先调整排期或由运营主管说明理由后强制排期"),
            days=search_days,
        )
    return Phrase.of(N_("最近可排的时间：%(at)s"), at=_at(at, scene))
