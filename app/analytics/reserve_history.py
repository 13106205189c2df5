"""The reserve over time (PRODUCT §2, 200 approved pieces not yet on the calendar): one snapshot
per day, written by the worker, backfilled from the audit log.

Decisions:
- A day's figure is the reserve at the end of that day in the brand zone. It is computed from
  the reserve now minus every piece's moves into ``approved`` (+1) and out of it (−1) logged in
  the audit log since then, so a snapshot taken late (the worker was down) is still the day's
  own figure.
- The worker writes yesterday's snapshot once a day (its first pass after midnight) and fills
  the missing days of the last ``BACKFILL_DAYS`` days, marked ``estimated``: they rest on the
  audit log only (moves made outside the app's services are not in it).
- A snapshot written once is not rewritten; the dashboard shows the period's snapshots and,
  when the period holds today, today's live figure.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import or_, select

from app.extensions import db
from app.models import AuditEvent, ReserveSnapshot
from app.workflow import Status
from app.zones import brand_zone

BACKFILL_DAYS = 90
APPROVED = Status.APPROVED.value


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(), brand_zone())


def _current() -> tuple[int, int]:
    from app.schedule.overview import reserve

    now = reserve()
    return now.total, now.target


def ends_of_days(first: date, last: date, now: datetime) -> dict[date, int]:
    """The reserve at the end of each day first … last (days after ``now`` left out)."""
    total, _target = _current()
    moves = db.session.execute(
        select(AuditEvent.at, AuditEvent.from_state, AuditEvent.to_state).where(
            AuditEvent.object_type == "piece",
            AuditEvent.at >= _end_of(first),
            or_(AuditEvent.to_state == APPROVED, AuditEvent.from_state == APPROVED),
        )
    ).all()
    zone = brand_zone()
    change: dict[date, int] = defaultdict(int)  # net moves into the reserve per local day
    for at, before, after in moves:
        if before == after:
            continue
        change[at.astimezone(zone).date()] += 1 if after == APPROVED else -1
    today = now.astimezone(zone).date()
    out: dict[date, int] = {}
    running = total
    day = today
    while day >= first:
        # ``running`` is the reserve at the end of ``day`` (today: now).
        if day <= last and day < today:
            out[day] = running
        running -= change.get(day, 0)
        day -= timedelta(days=1)
    return out


def record(now: datetime) -> int:
    """Yesterday's snapshot and the missing ones of the last BACKFILL_DAYS days; returns the
    snapshots written (the caller commits)."""
    today = now.astimezone(brand_zone()).date()
    yesterday = today - timedelta(days=1)
    first = today - timedelta(days=BACKFILL_DAYS)
    have = set(
        db.session.scalars(
            select(ReserveSnapshot.day).where(
                ReserveSnapshot.day >= first, ReserveSnapshot.day <= yesterday
            )
        )
    )
    if len(have) == (yesterday - first).days + 1:
        return 0
    _total, target = _current()
    written = 0
    for day, total in sorted(ends_of_days(first, yesterday, now).items()):
        if day in have:
            continue
        db.session.add(
            ReserveSnapshot(
                day=day, total=total, target=target, estimated=day != yesterday, taken_at=now
            )
        )
        written += 1
    return written


def series(
    start: date, end: date, now: datetime, live: tuple[int, int] | None = None
) -> list[dict[str, Any]]:
    """The reserve per day of [start, end): the snapshots, and today's live figure (``live``:
    the reserve and its target now, when the caller has them)."""
    rows = {
        s.day: s
        for s in db.session.scalars(
            select(ReserveSnapshot).where(ReserveSnapshot.day >= start, ReserveSnapshot.day < end)
        )
    }
    today = now.astimezone(brand_zone()).date()
    total, target = live or _current()
    out = []
    day = start
    while day < end and day <= today:
        snap = rows.get(day)
        if day == today:
            out.append({"day": day, "total": total, "target": target, "live": True})
        elif snap is not None:
            out.append(
                {
                    "day": day,
                    "total": snap.total,
                    "target": snap.target,
                    "estimated": snap.estimated,
                }
            )
        day += timedelta(days=1)
    return out
