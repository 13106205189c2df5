"""The worker's operations-data timetable: the 公众号 pull after 08:00, the three reports and
the daily reserve snapshot (the first pass of each day).

Every worker pass calls ``run_due(now)``; each task runs once per period across all workers.
A task is claimed in ``watchdog_run`` (row ``analytics:<task>``): ``last_run_by`` holds
``done:<key>`` once the period's run succeeded (``key`` = the day or period start it covers) and
``try:<key>`` while a run is in progress or failed; a failed run (a network error, WeChat's
``is_delay``) is tried again ``RETRY`` later, never more often.

The 公众号 pull keeps one row per channel (``pull:<code>``) whose key is a day: ``done:<day>``
means every day up to it is pulled, ``try:<day>`` that this day is being pulled or failed. Each
pass pulls the days after the last one done up to yesterday, oldest first, and stops at the
first day that fails: a day WeChat has not finished (``is_delay``) is asked again ``RETRY``
later — the next morning too if need be — and no later day is marked done before it. After a
daily-quota refusal (45009) the channel waits for 00:00 Beijing time. A channel that has not
pulled for longer than ``PULL_CATCH_UP_DAYS`` starts again that many days back (older days:
``flask metrics pull --date``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial

from flask import current_app
from sqlalchemy import or_, select, update

from app.analytics import digests, reserve_history
from app.errors import DomainError
from app.extensions import db
from app.models import AdapterKind, Channel, ChannelPublishing, WatchdogRun
from app.publishing.incidents import take_run
from app.zones import brand_zone

log = logging.getLogger("hemline.analytics")
RETRY = timedelta(minutes=30)
PULL_AFTER_HOUR = 8  # WeChat's statistics of a day are ready after 08:00 the next morning
PULL_CATCH_UP_DAYS = 7  # days an idle or delayed channel catches up by itself


def claim(task: str, key: str, now: datetime) -> bool:
    """Take ``task`` for ``key`` unless it is done or was tried less than RETRY ago."""
    return take_run(
        f"analytics:{task}",
        now,
        f"try:{key}",
        WatchdogRun.last_run_by != f"done:{key}",
        or_(
            WatchdogRun.last_run_by != f"try:{key}",
            WatchdogRun.last_run_at.is_(None),
            WatchdogRun.last_run_at <= now - RETRY,
        ),
    )


def finish(task: str, key: str) -> None:
    """Mark ``task`` done for ``key``."""
    db.session.execute(
        update(WatchdogRun)
        .where(WatchdogRun.name == f"analytics:{task}")
        .values(last_run_by=f"done:{key}")
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _attempt(task: str, key: str, now: datetime, work: Callable[[], object]) -> int:
    if not claim(task, key, now):
        return 0
    try:
        work()
    except DomainError as error:
        db.session.rollback()
        log.warning("%s（%s）未完成，%s 后重试：%s", task, key, RETRY, error.message)
        return 0
    finish(task, key)
    return 1


def _pull_days(code: str, yesterday: date, now: datetime) -> int:
    """Pull the channel's days not done yet, oldest first, up to ``yesterday``."""
    from app.analytics.pull import MetricsPullFailed, pull

    task, done = f"pull:{code}", 0
    for _ in range(PULL_CATCH_UP_DAYS):
        day = _next_pull_day(task, yesterday)
        if day is None or not claim(task, day.isoformat(), now):
            break
        try:
            pull(code, day)
        except DomainError as error:
            db.session.rollback()
            if isinstance(error, MetricsPullFailed) and error.until_tomorrow:
                _wait_until(task, now, _next_midnight(now))
            log.warning("%s（%s）未完成，稍后重试：%s", task, day, error.message)
            break
        finish(task, day.isoformat())
        done += 1
    return done


def _next_pull_day(task: str, yesterday: date) -> date | None:
    """The first day after the last one done (within the catch-up), or None when up to date."""
    row = db.session.get(WatchdogRun, f"analytics:{task}")
    state, _sep, value = (row.last_run_by if row else "").partition(":")
    try:
        last = date.fromisoformat(value)
    except ValueError:
        return yesterday
    following = last + timedelta(days=1) if state == "done" else last
    following = max(following, yesterday - timedelta(days=PULL_CATCH_UP_DAYS - 1))
    return following if following <= yesterday else None


def _wait_until(task: str, now: datetime, until: datetime) -> None:
    """Let ``claim`` refuse ``task`` until ``until`` (it retries RETRY after last_run_at)."""
    db.session.execute(
        update(WatchdogRun)
        .where(WatchdogRun.name == f"analytics:{task}")
        .values(last_run_at=max(now, until - RETRY))
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _next_midnight(now: datetime) -> datetime:
    local = now.astimezone(brand_zone())
    return datetime.combine(local.date() + timedelta(days=1), time(0), brand_zone())


def run_due(now: datetime) -> int:
    """Run whatever is due at ``now``; returns the tasks completed."""
    if not current_app.config.get("ANALYTICS_SCHEDULE", True):
        return 0
    done = 0
    local = now.astimezone(brand_zone())
    if local.hour >= PULL_AFTER_HOUR:
        day = local.date() - timedelta(days=1)
        codes = db.session.scalars(
            select(Channel.code)
            .join(ChannelPublishing, ChannelPublishing.channel_id == Channel.id)
            .where(Channel.active, ChannelPublishing.adapter == AdapterKind.WECHAT_OA.value)
            .order_by(Channel.id)
        ).all()
        for code in codes:
            done += _pull_days(code, day, now)
    yesterday = local.date() - timedelta(days=1)
    done += _attempt("reserve", yesterday.isoformat(), now, partial(reserve_history.record, now))
    for period in ("day", "week", "month"):
        if digests.due(period, now):
            key = digests.period_key(period, now)
            work = partial(digests.send, period, now)
            done += _attempt(f"digest:{period}", key, now, work)
    return done
