"""Assembling the calendar: entries per brand-zone day, weekly progress, empty and blackout days.

Days are brand-zone days (Asia/Shanghai) because those are the days and weeks the rules count;
the page says so and shows a viewer in another zone their own time next to each entry.
Scheduled entries (scheduled, publishing, published, failed, held) sit on the day of their
publish time; planned entries (draft … approved, not scheduled) on their planned date.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache, cached_property
from typing import Any

from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy import (
    BigInteger,
    Integer,
    Select,
    Text,
    bindparam,
    case,
    cast,
    func,
    literal,
    select,
)
from sqlalchemy.orm import joinedload

from app.errors import N_, InvalidInput
from app.extensions import db
from app.inputs import int_arg
from app.labels import STATUS_LABELS
from app.models import (
    CONTENT_TYPE_LABELS,
    Channel,
    ContentType,
    EpochSeconds,
    JobState,
    Piece,
    PublishJob,
    Revision,
    ScheduleOverride,
    User,
)
from app.notifications.wording import error_text
from app.schedule import policy
from app.schedule.overview import looks_promotional, report_looks_promotional
from app.schedule.services import (
    blackouts_between,
    channel_policies,
    ensure_sane_year,
    parse_instant,
    publishing_notice,
)
from app.templating import IdUrl, user_content
from app.workflow import Status
from app.zones import brand_zone, display_zone

MODES = ("month", "week")
ACTIVE = (Status.SCHEDULED, Status.PUBLISHING)  # entries still to be published
S = Status
SCHEDULED_STATES = frozenset({S.SCHEDULED, S.PUBLISHING, S.PUBLISHED, S.FAILED, S.HELD})
PLANNED_STATES = frozenset({S.DRAFT, S.IN_REVIEW, S.CHANGES_REQUESTED, S.APPROVED})
MOVABLE_STATES = frozenset({S.APPROVED, S.SCHEDULED})  # dragged to another day (calendar.js)
LATE_STATES = frozenset({S.SCHEDULED, S.PUBLISHING})  # red once their time has passed
TROUBLE_STATES = frozenset({S.FAILED, S.HELD})  # always red
MAX_SPAN_DAYS = 400
# Entries shown per day cell; the rest is counted ("还有 N 篇") so that a month of a busy year
# loads a bounded number of pieces (issue 16: 50,000 pieces, ~140 a day).
PER_DAY = {"month": 4, "week": 20}


@dataclass(frozen=True)
class Filters:
    """The calendar's filters; unknown values are ignored."""

    channel: str = ""  # Channel.code
    content_type: str = ""
    status: str = ""
    owner: int | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Filters:
        """Filters from query arguments, dropping values that are not valid."""
        kind, status, owner = args.get("type", ""), args.get("status", ""), args.get("owner", "")
        return cls(
            channel=args.get("channel", "")[:32],
            content_type=kind if kind in {t.value for t in ContentType} else "",
            status=status if status in {s.value for s in Status} else "",
            owner=int_arg(owner, "owner"),
        )

    def as_args(self) -> dict[str, str]:
        """The filters as query arguments, for links that keep them."""
        values = {"channel": self.channel, "type": self.content_type, "status": self.status}
        values["owner"] = str(self.owner) if self.owner else ""
        return {k: v for k, v in values.items() if v}

    def apply(self, query: Select) -> Select:
        """Restrict a piece query to the filters."""
        values = (self.channel, self.content_type, self.status, self.owner)
        return _restricted(query, *(value or None for value in values))

    @property
    def shape(self) -> tuple[bool, ...]:
        """Which filters are set: the statements built once (_page_statements) differ by it."""
        return tuple(
            bool(value) for value in (self.channel, self.content_type, self.status, self.owner)
        )

    def params(self) -> dict[str, Any]:
        """The values of the filters' parameters (FILTER_PARAMS) in those statements."""
        values = (self.channel, self.content_type, self.status, self.owner)
        return {name: value for name, value in zip(FILTER_PARAMS, values, strict=True) if value}


FILTER_PARAMS = ("filter_channel", "filter_type", "filter_status", "filter_owner")


def _restricted(query: Select, channel: Any, content_type: Any, status: Any, owner: Any) -> Select:
    """`query` restricted to the filters that are not None: values, or parameters."""
    if channel is not None:
        query = query.join(Piece.channel).where(Channel.code == channel)
    if content_type is not None:
        query = query.where(Piece.content_type == content_type)
    if status is not None:
        query = query.where(Piece.status == status)
    if owner is not None:
        query = query.where(Piece.owner_id == owner)
    return query


@dataclass(frozen=True)
class PausedJob:
    """The publish job of a piece a blackout paused: the cell's badge names its error."""

    state: str
    last_error: str
    last_error_params: Any


@dataclass(frozen=True)
class CellPiece:
    """What a day cell shows of a piece, read as columns: building ~200 pieces a month as models
    with their revision, job, channel and settings was a quarter of the page (issue 16)."""

    id: int
    status: str
    content_type: str
    channel_id: int
    channel: Channel
    title: str
    publish_at: datetime | None
    planned_date: date | None
    publish_job: PausedJob | None  # only a job a blackout paused: the only one a cell names
    looks_promo: bool


@dataclass(frozen=True)
class Entry:
    """One piece on one day of the calendar."""

    piece: Any  # Piece, or a CellPiece on the calendar page
    day: date
    at: datetime | None  # publish time (UTC); None for planned entries
    planned: bool  # a planned date, not a publish time
    overdue: bool
    overridden: bool  # scheduled at this slot by a manager's override
    looks_promo: bool
    manual_notice: str = ""  # who publishes when the channel does not publish automatically

    @property
    def clock(self) -> str:
        """Brand-zone time of day, empty for planned entries."""
        return self.at.astimezone(brand_zone()).strftime("%H:%M") if self.at else ""


@dataclass
class Day:
    """One brand-zone day cell."""

    day: date
    in_period: bool
    today: bool
    entries: list[Entry] = field(default_factory=list)
    more: int = 0  # entries of the day beyond the page's cap (PER_DAY), counted, not loaded
    empty_channels: list[str] = field(default_factory=list)  # daily cadence, nothing planned
    blackouts: list[str] = field(default_factory=list)
    label: str = ""  # “11月30日”, the cell's name for screen readers


@dataclass(frozen=True)
class ChannelWeek:
    """Weekly progress of one channel: promo share and interactive target."""

    channel: Channel
    progress: policy.WeeklyProgress
    max_pct: int


@dataclass(frozen=True)
class Week:
    """Seven day cells and the progress of each channel that week."""

    days: list[Day]
    progress: list[ChannelWeek]


@dataclass(frozen=True)
class Calendar:
    """A month or week of the calendar."""

    mode: str
    anchor: date
    first: date
    last: date
    weeks: list[Week]
    previous: date
    next: date
    channels: list[Channel] = field(default_factory=list)  # the active ones, for the filter

    @cached_property
    def labels(self) -> CellLabels:
        """The day cells' repeated texts, translated once when the page is rendered."""
        return cell_labels()

    @property
    def title(self) -> str:
        """Heading such as 2026年11月 or 11月23日–11月29日."""
        if self.mode == "month":
            return _("%(year)s年%(month)s月", year=self.anchor.year, month=self.anchor.month)
        first = _("%(month)s月%(day)s日", month=self.first.month, day=self.first.day)
        last = _("%(month)s月%(day)s日", month=self.last.month, day=self.last.day)
        return f"{first}–{last}"


@dataclass(frozen=True)
class CellLabels:
    """Everything the day cells repeat, translated and escaped once per page instead of once per
    entry (issue 16: a month of a busy year shows ~170 entries; ``_()`` and ``url_for`` per entry
    were most of the page's time)."""

    weekdays: tuple[str, ...]
    today: str
    plan: str
    untitled: str
    overdue: str
    paused: str
    manual: str
    forced: str
    forced_title: str
    promo: str
    promo_title: str
    move: str
    types: dict[str, str]
    badges: dict[str, Markup]
    piece_href: IdUrl  # the piece page's URL
    place_href: IdUrl  # the page to schedule or move the piece
    zone: Any  # the viewer's zone (ZoneInfo)

    def local(self, at: datetime) -> str:
        """`at` in the viewer's zone, as the localtime filter writes it."""
        return at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")

    @cached_property
    def _html(self) -> dict[str, str]:
        """The texts and URL patterns the entries repeat, escaped once."""
        names = ("plan", "overdue", "paused", "manual", "forced", "forced_title", "promo")
        texts = {name: str(escape(getattr(self, name))) for name in (*names, "promo_title", "move")}
        texts["piece"] = str(escape(self.piece_href.pattern))
        texts["place"] = str(escape(self.place_href.pattern))
        return texts

    @cached_property
    def _types(self) -> dict[str, str]:
        return {kind: str(escape(label)) for kind, label in self.types.items()}

    def items(self, entries: list[Entry], can_schedule: bool, show_channel: bool) -> Markup:
        """A day cell's entries (the ``<li>`` of each), written here rather than in
        ``_cells.html``: ~170 entries of ~20 template expressions each were a third of the month
        page's rendering at scale (issue 16). Every text is escaped; titles and channel names
        are marked as people's (``uc``)."""
        html, types, out = self._html, self._types, []
        same_zone = getattr(self.zone, "key", None) == brand_zone().key  # the viewer reads ours
        for e in entries:
            p, status = e.piece, e.piece.status
            piece_id = int(p.id)
            kind = str(escape(p.content_type))
            out.append(f'\n<li class="cal-item ct-{kind} {"planned" if e.planned else "timed"}')
            out.append(' overdue"' if e.overdue else '"')
            movable = can_schedule and status in MOVABLE_STATES
            if movable:
                out.append(f' draggable="true" data-piece="{piece_id}"')
            out.append(f'>\n<a href="{html["piece"].format(piece_id)}">')
            if e.at:
                at, local = e.at.isoformat(), self.local(e.at)
                clock = local[11:] if same_zone else e.clock  # "%Y-%m-%d %H:%M"[11:]: "%H:%M"
                out.append(
                    f'<time datetime="{escape(at)}" title="{escape(local)}">{escape(clock)}</time>'
                )
            else:
                out.append(f'<span class="muted">{html["plan"]}</span>')
            out.append(f' {user_content(p.title, self.untitled)}</a>\n<span class="cal-meta">')
            out.append(types[p.content_type])
            if show_channel:
                out.append(f" · {user_content(p.channel.name)}")
            out.append(f" · {self.badges[status]}")
            if e.overdue:
                out.append(f' <span class="badge overdue-flag">{html["overdue"]}</span>')
            job = p.publish_job
            if status in ACTIVE and job and job.state == JobState.BLACKOUT:
                error, paused = escape(error_text(job)), html["paused"]
                out.append(f' <span class="badge overdue-flag" title="{error}">{paused}</span>')
            if e.manual_notice:
                notice, manual = escape(e.manual_notice), html["manual"]
                out.append(f' <span class="badge manual-flag" title="{notice}">{manual}</span>')
            if e.overridden:
                forced, forced_title = html["forced"], html["forced_title"]
                out.append(f' <span class="override-mark" title="{forced_title}">⚑ {forced}</span>')
            if e.looks_promo:
                promo, promo_title = html["promo"], html["promo_title"]
                out.append(f' <span class="badge promo-flag" title="{promo_title}">{promo}</span>')
            out.append("</span>\n")
            if movable:
                place = html["place"].format(piece_id)
                out.append(f'<a class="cal-move" href="{place}">{html["move"]}</a>')
            out.append("\n</li>\n")
        return Markup("".join(out))


def cell_labels() -> CellLabels:
    """The translated texts of the day cells, once per page (a request with a locale)."""
    weekdays = (_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日"))
    return CellLabels(
        weekdays=weekdays,
        today=_("今天"),
        plan=_("计划"),
        untitled=_("（无标题）"),
        overdue=_("逾期"),
        paused=_("禁发时段暂停，请重新排期"),
        manual=_("人工发布"),
        forced=_("强制"),
        forced_title=_("运营主管说明理由后强制排期"),
        promo=_("疑似促销"),
        promo_title=_("正文命中促销用语，但类型不是促销活动"),
        move=_("调整"),
        types={str(t): str(label) for t, label in CONTENT_TYPE_LABELS.items()},
        badges={
            str(s): Markup('<span class="badge st-{}">{}</span>').format(s, escape(str(label)))
            for s, label in STATUS_LABELS.items()
        },
        piece_href=IdUrl("content.piece", "piece_id"),
        place_href=IdUrl("schedule.place", "piece_id"),
        zone=display_zone(current_user),
    )


DAY_SECONDS = 86_400


class DayIndex:
    """The brand-zone days of a window and their UTC starts: the day of an instant by bisection,
    without converting every instant of a busy month to the zone (thousands per page)."""

    def __init__(self, first: date, last: date, zone: Any) -> None:
        self.days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        self.starts = [policy.day_bounds(day, zone)[0].timestamp() for day in self.days]
        self.end = policy.day_bounds(last, zone)[1].timestamp()
        self.zone = zone
        origin = int(self.starts[0]) if self.starts else 0
        whole_days = all(start == origin + DAY_SECONDS * n for n, start in enumerate(self.starts))
        # The start of day 0 in seconds where every day of the window is 24 hours long, else None
        self.origin = (
            origin if whole_days and self.end == origin + DAY_SECONDS * len(self.days) else None
        )

    def case(self, column: Any) -> Any:
        """SQL: the number of the day (0 …) holding the instant in `column` (inside the window);
        a statement with it runs with ``params()``.

        Where every day of the window is 24 hours long (a zone without a clock change in it, as
        the brand's Asia/Shanghai always), it is arithmetic on the column's whole seconds: one
        parameter, the same statement every page. Across a clock change, one comparison per
        day boundary (a CASE of up to 41 branches, each a parameter: ~9 % of the month page to
        build, and a statement too long for psycopg's cache of converted queries)."""
        if self.origin is not None:
            return _day_number(column)
        starts = [policy.day_bounds(day, self.zone)[0] for day in self.days[1:]]
        whens = [(column < start, number) for number, start in enumerate(starts)]
        return case(*whens, else_=len(self.days) - 1) if whens else literal(0)

    def params(self) -> dict[str, Any]:
        """The value of case()'s parameter (none for the CASE)."""
        return {} if self.origin is None else {"day_origin": self.origin}

    def day_of(self, at: datetime) -> date:
        """The brand-zone day of an aware instant (zone arithmetic only outside the window)."""
        if at.tzinfo is None:
            return policy.local_day(at, self.zone)  # raises NaiveDatetime
        stamp = at.timestamp()
        if not self.starts or stamp < self.starts[0] or stamp >= self.end:
            return policy.local_day(at, self.zone)
        return self.days[bisect_right(self.starts, stamp) - 1]


def _day_number(column: Any) -> Any:
    """DayIndex.case's arithmetic, with the start of day 0 as the parameter ``day_origin``."""
    return (EpochSeconds(column) - bindparam("day_origin", type_=BigInteger())) // DAY_SECONDS


def period(mode: str, anchor: date) -> tuple[date, date, date, date]:
    """First and last day shown, and the anchors of the previous and next page."""
    if mode == "week":
        first = anchor - timedelta(days=anchor.weekday())
        return first, first + timedelta(days=6), first - timedelta(days=7), first + timedelta(7)
    start = anchor.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    first = start - timedelta(days=start.weekday())
    last = end + timedelta(days=6 - end.weekday())
    return first, last, (start - timedelta(days=1)).replace(day=1), end + timedelta(days=1)


def build_calendar(mode: str, anchor: date, filters: Filters, now: datetime) -> Calendar:
    """The month or week around `anchor` (a brand-zone date) with everything the page shows."""
    mode = mode if mode in MODES else "month"
    first, last, previous, following = period(mode, anchor)
    zone = brand_zone()
    today = policy.local_day(now, zone)
    shown = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    name = _("%(month)s月%(day)s日")  # the pattern, filled per day below
    days = {
        day: Day(
            day,
            in_period=mode == "week" or day.month == anchor.month,
            today=day == today,
            label=name % {"month": day.month, "day": day.day},
        )
        for day in shown
    }
    start, end = policy.day_bounds(first, zone)[0], policy.day_bounds(last, zone)[1]
    index = DayIndex(first, last, zone)
    channels = _active_channels()
    entries, hidden = page_entries(start, end, filters, now, PER_DAY[mode], index, channels)
    for entry in entries:
        days[entry.day].entries.append(entry)
    for day, count in hidden.items():
        if day in days:
            days[day].more = count
    shown_channels = [c for c in channels if c.code == filters.channel or not filters.channel]
    progress = _progress(shown_channels, first, last, now, days, index)
    _mark_blackouts(days, start, end, filters, channels)
    weeks = [
        Week([days[d] for d in shown[7 * w : 7 * w + 7]], progress[w])
        for w in range(len(shown) // 7)
    ]
    return Calendar(mode, anchor, first, last, weeks, previous, following, channels)


def collect_entries(start: datetime, end: datetime, filters: Filters, now: datetime) -> list[Entry]:
    """Scheduled entries with publish times in [start, end) and planned ones dated inside it."""
    zone = brand_zone()
    first, last = policy.local_day(start, zone), policy.local_day(end - timedelta(seconds=1), zone)
    scheduled = filters.apply(
        select(Piece).where(
            Piece.status.in_(SCHEDULED_STATES), Piece.publish_at >= start, Piece.publish_at < end
        )
    )
    planned = filters.apply(
        select(Piece).where(
            Piece.status.in_(PLANNED_STATES),
            Piece.planned_date >= first,
            Piece.planned_date <= last,
        )
    )
    timed = list(db.session.scalars(scheduled.order_by(Piece.publish_at)).unique())
    dated = list(db.session.scalars(planned.order_by(Piece.id)).unique())
    overridden = _overridden(timed)
    today = policy.local_day(now, zone)
    return [_timed_entry(p, now, p.id in overridden) for p in timed] + [
        _planned_entry(p, today) for p in dated
    ]


def page_entries(
    start: datetime,
    end: datetime,
    filters: Filters,
    now: datetime,
    per_day: int,
    index: DayIndex,
    channels: list[Channel],
) -> tuple[list[Entry], dict[date, int]]:
    """Like collect_entries, at most `per_day` entries a day (timed first), and the number left
    out per day: only the ids shown and a count per day are read, the shown pieces' columns only
    for those (CellPiece; their channels from `channels`, the active ones)."""
    zone = brand_zone()
    first, last = policy.local_day(start, zone), policy.local_day(end - timedelta(seconds=1), zone)
    # The cap per day is applied by the database (a window function over the brand-zone day of
    # each row): only the entries shown and one count per day come back, however busy the month.
    timed, planned = _page_statements(filters.shape, index)
    params = filters.params() | index.params()
    params |= {"start": start, "end": end, "first": first, "last": last, "per_day": per_day}
    timed_rows = db.session.execute(timed, params).all()
    dated_rows = db.session.execute(planned, params).all()
    shown: dict[date, list[int]] = defaultdict(list)
    totals: dict[date, int] = defaultdict(int)
    timed_ids: set[int] = set()
    for piece_id, day_number, _rank, total in timed_rows:  # timed first, in time order
        day = index.days[day_number]
        shown[day].append(piece_id)
        timed_ids.add(piece_id)
        totals[day] = total
    for piece_id, day, rank, total in dated_rows:  # then planned ones, by id
        if len(shown[day]) < per_day:
            shown[day].append(piece_id)
        if rank == 1:
            totals[day] += total
    hidden = {day: totals[day] - len(shown[day]) for day in totals if totals[day] > len(shown[day])}
    ids = [piece_id for day_ids in shown.values() for piece_id in day_ids]
    pieces = _cell_pieces(ids, channels)
    overridden = _overridden([pieces[i] for i in ids if i in timed_ids])
    today = policy.local_day(now, zone)
    notices: dict[int, str] = {}  # per channel: the notice names the channel, not the piece
    entries = [
        _timed_entry(pieces[i], now, i in overridden, index, notices)
        if i in timed_ids
        else _planned_entry(pieces[i], today)
        for i in ids
    ]
    return entries, hidden


def _page_statements(shape: tuple[bool, ...], index: DayIndex) -> tuple[Select, Select]:
    """page_entries' statements for filters of `shape`: the timed and the planned entries shown
    per day, each row (id, day, rank, total). Their parameters: start, end, first, last, per_day,
    the filters' (Filters.params) and the day's (DayIndex.params). Built once per shape where
    the days are arithmetic (always in the brand's zone): ~1 ms of CPU each to build (issue 16)."""
    if index.origin is None:
        return _build_page_statements(shape, index.case(Piece.publish_at))
    return _cached_page_statements(shape)


@cache
def _cached_page_statements(shape: tuple[bool, ...]) -> tuple[Select, Select]:
    return _build_page_statements(shape, _day_number(Piece.publish_at))


def _build_page_statements(shape: tuple[bool, ...], day: Any) -> tuple[Select, Select]:
    used: list[Any] = [
        bindparam(name) if on else None for name, on in zip(FILTER_PARAMS, shape, strict=True)
    ]
    # The day of each row is computed once, in a subquery: written into the window functions'
    # partitions, SQLite computed it three times a row (~0.8 ms of ~4 at 1,900 pieces a month).
    timed = _restricted(
        select(Piece.id, Piece.publish_at, day.label("day")).where(
            Piece.status.in_(SCHEDULED_STATES),
            Piece.publish_at >= bindparam("start"),
            Piece.publish_at < bindparam("end"),
        ),
        *used,
    ).subquery()
    timed_ranked = select(
        timed.c.id,
        timed.c.day,
        func.row_number()
        .over(partition_by=timed.c.day, order_by=(timed.c.publish_at, timed.c.id))
        .label("rank"),
        func.count().over(partition_by=timed.c.day).label("total"),
    )
    planned_ranked = _restricted(
        select(
            Piece.id,
            Piece.planned_date.label("day"),
            func.row_number()
            .over(partition_by=Piece.planned_date, order_by=Piece.id)
            .label("rank"),
            func.count().over(partition_by=Piece.planned_date).label("total"),
        ).where(
            Piece.status.in_(PLANNED_STATES),
            Piece.planned_date >= bindparam("first"),
            Piece.planned_date <= bindparam("last"),
        ),
        *used,
    )
    return _first_per_day(timed_ranked), _first_per_day(planned_ranked)


def _first_per_day(query: Select) -> Select:
    """The rows (id, day, rank, total) of a ranked query with rank ≤ the parameter per_day, by
    day and rank."""
    ranked = query.subquery()
    return (
        select(ranked.c.id, ranked.c.day, ranked.c.rank, ranked.c.total)
        .where(ranked.c.rank <= bindparam("per_day", type_=Integer()))
        .order_by(ranked.c.day, ranked.c.rank)
    )


def _cell_pieces(ids: list[int], channels: list[Channel]) -> dict[int, CellPiece]:
    """The pieces the page shows by id, in one statement of columns: the title, the report as
    text (report_looks_promotional), the job only when a blackout paused it."""
    if not ids:
        return {}
    query = _cell_statement()
    by_id = {channel.id: channel for channel in channels}
    found = {}
    for row in db.session.execute(query, {"ids": ids}):
        piece_id, status, kind, channel_id, at, day, title, report, state, error, params = row
        paused = PausedJob(state, error, params) if state == JobState.BLACKOUT else None
        channel = by_id.get(channel_id) or db.session.get_one(Channel, channel_id)  # inactive
        looks = report_looks_promotional(kind, report)
        cell = CellPiece(
            piece_id, status, kind, channel_id, channel, title or "", at, day, paused, looks
        )
        found[piece_id] = cell
    return found


@cache
def _cell_statement() -> Select:
    """_cell_pieces' statement, built once; the parameter ``ids`` (a list) expands."""
    return (
        select(
            Piece.id,
            Piece.status,
            Piece.content_type,
            Piece.channel_id,
            Piece.publish_at,
            Piece.planned_date,
            Revision.title,
            cast(Revision.report, Text),
            PublishJob.state,
            PublishJob.last_error,
            PublishJob.last_error_params,
        )
        .outerjoin(Revision, Revision.id == Piece.current_revision_id)
        .outerjoin(PublishJob, PublishJob.piece_id == Piece.id)
        .where(Piece.id.in_(bindparam("ids", expanding=True)))
    )


def piece_json(piece: Piece) -> dict[str, Any]:
    """A piece as the JSON API returns it."""
    return {
        "id": piece.id,
        "title": piece.title,
        "status": piece.status,
        "content_type": piece.content_type,
        "channel": piece.channel.code,
        "owner": piece.owner.username,
        "publish_at": piece.publish_at.isoformat() if piece.publish_at else None,
        "planned_date": piece.planned_date.isoformat() if piece.planned_date else None,
        "looks_promotional": looks_promotional(piece),
        "publishing": publishing_json(piece.channel),
    }


def publishing_json(channel: Channel) -> dict[str, Any]:
    """How the piece's channel publishes: automatically, or a person is asked (and why)."""
    settings = channel.publishing
    notice = publishing_notice(channel)
    return {
        "adapter": settings.adapter if settings else None,
        "automatic": not notice,
        "notice": notice,
    }


def entry_json(entry: Entry) -> dict[str, Any]:
    """A calendar entry as the JSON API returns it."""
    return piece_json(entry.piece) | {
        "kind": "planned" if entry.planned else "scheduled",
        "day": entry.day.isoformat(),
        "overdue": entry.overdue,
        "override": entry.overridden,
    }


def api_range(raw_from: str | None, raw_to: str | None, now: datetime) -> tuple[datetime, datetime]:
    """[start, end) from ISO dates (brand-zone days, `to` inclusive) or instants with a zone."""
    zone = brand_zone()
    start = _range_bound(raw_from, "from", end=False) or policy.week_bounds(now, zone)[0]
    end = _range_bound(raw_to, "to", end=True) or start + timedelta(days=28)
    if end <= start:
        raise InvalidInput(N_("“to”必须晚于“from”。"))
    if end - start > timedelta(days=MAX_SPAN_DAYS):
        raise InvalidInput(
            N_("一次最多查询 %(max_span_days)s 天。"), params={"max_span_days": MAX_SPAN_DAYS}
        )
    return start, end


def _range_bound(raw: str | None, name: str, *, end: bool) -> datetime | None:
    if not raw:
        return None
    if len(raw) == 10:
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise InvalidInput(
                N_("“%(name)s”不是合法日期（YYYY-MM-DD）：%(raw)s"),
                params={"name": name, "raw": raw},
            ) from None
        ensure_sane_year(day, f"“{name}”")
        return policy.day_bounds(day, brand_zone())[1 if end else 0]
    return parse_instant(raw, f"“{name}”")


@dataclass(frozen=True)
class TrayPiece:
    """What the tray shows of an approved piece, read as columns (like CellPiece): the tray's
    60 pieces as models with their revision and its decoded report were ~4 ms of the page."""

    id: int
    content_type: str
    channel: Channel
    title: str
    looks_promo: bool


def tray(filters: Filters, channels: list[Channel], limit: int = 60) -> list[TrayPiece]:
    """Approved pieces not on the calendar yet (the reserve), the longest-waiting first;
    `channels` are the page's (the active ones), another piece's channel is read by id."""
    query = filters.apply(
        select(
            Piece.id,
            Piece.content_type,
            Piece.channel_id,
            Revision.title,
            cast(Revision.report, Text),
        )
        .outerjoin(Revision, Revision.id == Piece.current_revision_id)
        .where(Piece.status == Status.APPROVED.value)
    )
    by_id = {channel.id: channel for channel in channels}
    return [
        TrayPiece(
            piece_id,
            kind,
            by_id.get(channel_id) or db.session.get_one(Channel, channel_id),  # inactive
            title or "",
            report_looks_promotional(kind, report),
        )
        for piece_id, kind, channel_id, title, report in db.session.execute(
            query.order_by(Piece.updated_at, Piece.id).limit(limit)
        )
    ]


# --- pieces of the page ----------------------------------------------------------------------


def _timed_entry(
    piece: Piece | CellPiece,
    now: datetime,
    overridden: bool,
    index: DayIndex | None = None,
    notices: dict[int, str] | None = None,
) -> Entry:
    at = piece.publish_at
    assert at is not None
    late = piece.status in LATE_STATES and at < now
    notice = ""
    if piece.status in ACTIVE:
        if notices is None:
            notice = publishing_notice(piece.channel)
        elif piece.channel_id in notices:
            notice = notices[piece.channel_id]
        else:
            notice = notices[piece.channel_id] = publishing_notice(piece.channel)
    return Entry(
        piece=piece,
        day=index.day_of(at) if index else policy.local_day(at, brand_zone()),
        at=at,
        planned=False,
        overdue=late or piece.status in TROUBLE_STATES,
        overridden=overridden,
        looks_promo=_looks_promo(piece),
        manual_notice=notice,
    )


def _planned_entry(piece: Piece | CellPiece, today: date) -> Entry:
    assert piece.planned_date is not None
    return Entry(
        piece=piece,
        day=piece.planned_date,
        at=None,
        planned=True,
        overdue=piece.planned_date < today,
        overridden=False,
        looks_promo=_looks_promo(piece),
    )


def _looks_promo(piece: Piece | CellPiece) -> bool:
    return piece.looks_promo if isinstance(piece, CellPiece) else looks_promotional(piece)


_OVERRIDES = select(ScheduleOverride.piece_id, ScheduleOverride.publish_at).where(
    ScheduleOverride.piece_id.in_(bindparam("ids", expanding=True))
)


def _overridden(pieces: Sequence[Piece | CellPiece]) -> set[int]:
    """Ids of pieces whose current slot was allowed by a manager's override."""
    if not pieces:
        return set()
    slots = {p.id: p.publish_at for p in pieces}
    rows = db.session.execute(_OVERRIDES, {"ids": list(slots)}).all()
    return {piece_id for piece_id, at in rows if at is not None and at == slots[piece_id]}


def owner_choices(filters: Filters) -> list[Any]:
    """The owner filter's people: active users who own a piece (and the one filtered by), as
    (id, display_name) rows — not every account as a model with its roles (issue 16: at 1,000
    accounts that list was 40 % of the calendar's CPU)."""
    owns = select(Piece.id).where(Piece.owner_id == User.id).exists()
    chosen = User.id == filters.owner if filters.owner else literal(False)
    query = select(User.id, User.display_name).where(User.active, owns | chosen)
    return list(db.session.execute(query.order_by(User.display_name, User.id)))


def _active_channels() -> list[Channel]:
    """The active channels with their publishing settings, once per page: the filter, the
    progress column, the blackouts and every entry's channel (issue 16)."""
    query = select(Channel).where(Channel.active).order_by(Channel.id)
    return list(db.session.scalars(query.options(joinedload(Channel.publishing))))


def _progress(
    channels: list[Channel],
    first: date,
    last: date,
    now: datetime,
    days: dict[date, Day],
    index: DayIndex,
) -> list[list[ChannelWeek]]:
    """Per week, the progress of each channel; also marks empty days of daily-cadence channels."""
    zone = brand_zone()
    weeks: list[list[ChannelWeek]] = [[] for _ in range(((last - first).days + 1) // 7)]
    today = policy.local_day(now, zone)
    start, end = policy.day_bounds(first, zone)[0], policy.day_bounds(last, zone)[1]
    counted = _counted_days(index, start, end)  # one statement for every channel
    policies = channel_policies(channels)  # and one for their rules
    for channel in channels:
        rules = policies[channel.id]
        by_week: dict[int, policy.WeekCounts] = defaultdict(policy.WeekCounts)
        busy: set[date] = set()
        for number, total, promos, interactive in counted.get(channel.id, []):
            counts = by_week[number // 7]  # the window starts on a Monday
            counts.total, counts.promos = counts.total + total, counts.promos + promos
            counts.interactive += interactive
            busy.add(index.days[number])
        for w, rows in enumerate(weeks):
            monday = first + timedelta(days=7 * w)
            found = policy.counted_progress(by_week[w], rules, monday, tz=zone, now=now)
            # A past week with nothing on the channel is history, not a task: leave it out.
            if found.total or (found.interactive_target and found.last_day >= today):
                rows.append(ChannelWeek(channel, found, rules.promo_share_max_pct))
        for day in policy.days_without(busy, rules, max(first, today), last):
            days[day].empty_channels.append(channel.name)
    return weeks


def _counted_days(
    index: DayIndex, start: datetime, end: datetime
) -> dict[int, list[tuple[int, int, int, int]]]:
    """Per channel id, the counted items (policy.COUNTED_STATUSES) of each day of the window as
    (day number, all, promotions, interactive), counted by the database: a busy month has
    ~2,000 and building each as a PlannedItem was a fifth of the page (issue 16)."""
    query = _counted_statement(index)
    params = index.params() | {"start": start, "end": end}
    found: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    for channel_id, number, total, promos, interactive in db.session.execute(query, params):
        found[channel_id].append((number, total, promos or 0, interactive or 0))
    return found


def _counted_statement(index: DayIndex) -> Select:
    """_counted_days' statement; parameters start, end and the day's (DayIndex.params). Built
    once where the days are arithmetic (always in the brand's zone)."""
    if index.origin is None:
        return _build_counted_statement(index.case(Piece.publish_at))
    return _cached_counted_statement()


@cache
def _cached_counted_statement() -> Select:
    return _build_counted_statement(_day_number(Piece.publish_at))


def _build_counted_statement(day: Any) -> Select:
    rows = (
        select(Piece.channel_id, Piece.content_type, day.label("day"))
        .where(
            Piece.status.in_(policy.COUNTED_STATUSES),
            Piece.publish_at >= bindparam("start"),
            Piece.publish_at < bindparam("end"),
        )
        .subquery()
    )
    kind = rows.c.content_type
    return select(
        rows.c.channel_id,
        rows.c.day,
        func.count(),
        func.sum(case((kind == policy.PROMOTION, 1), else_=0)),
        func.sum(case((kind == policy.INTERACTIVE, 1), else_=0)),
    ).group_by(rows.c.channel_id, rows.c.day)


def _mark_blackouts(
    days: dict[date, Day], start: datetime, end: datetime, filters: Filters, channels: list[Channel]
) -> None:
    channel = next((c for c in channels if c.code == filters.channel), None)
    if channel is None and filters.channel:  # an inactive channel
        channel = db.session.scalar(select(Channel).where(Channel.code == filters.channel))
    by_day: dict[date, list[str]] = defaultdict(list)
    for blackout in blackouts_between(start, end, channel):
        for day in days:
            day_start, day_end = policy.day_bounds(day, brand_zone())
            if blackout.start < day_end and blackout.end > day_start:
                scope = _("（%(channel)s）", channel=blackout.channel) if blackout.channel else ""
                by_day[day].append((blackout.reason or _("禁发")) + scope)
    for day, reasons in by_day.items():
        days[day].blackouts = reasons
