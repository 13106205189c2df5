"""The worker's operations-data timetable: the 公众号 pull after 08:00, the three reports and
the daily reserve snapshot (the first pass of each day).

Every worker pass calls ``run_due(now)``; each task runs once per period across all workers.
A task is claimed in ``watchdog_run`` (row ``analytics:<task>``): ``last_run_by`` holds
``done:<key>`` once the period's run succeeded (``key`` = the day or period start it covers) and
``try:<key>`` while a run is in progress or failed; a failed run (a network error, WeChat's
``is_delay``) is tried again ``RETRY`` later, never more often.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

from flask import current_app
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from app.analytics import digests, reserve_history
from app.errors import DomainError
from app.extensions import db, rowcount
from app.models import AdapterKind, Channel, ChannelPublishing, WatchdogRun
from app.zones import brand_zone

log = logging.getLogger("hemline.analytics")
RETRY = timedelta(minutes=30)
PULL_AFTER_HOUR = 8  # WeChat's statistics of a day are ready after 08:00 the next morning


def claim(task: str, key: str, now: datetime) -> bool:
    """Take ``task`` for ``key`` unless it is done or was tried less than RETRY ago."""
    name = f"analytics:{task}"
    taken = db.session.execute(
        update(WatchdogRun)
        .where(
            WatchdogRun.name == name,
            WatchdogRun.last_run_by != f"done:{key}",
            or_(
                WatchdogRun.last_run_by != f"try:{key}",
                WatchdogRun.last_run_at.is_(None),
                WatchdogRun.last_run_at <= now - RETRY,
            ),
        )
        .values(last_run_at=now, last_run_by=f"try:{key}")
        .execution_options(synchronize_session=False)
    )
    if rowcount(taken) == 1:
        db.session.commit()
        return True
    db.session.rollback()
    if db.session.get(WatchdogRun, name) is not None:
        return False
    try:
        db.session.add(WatchdogRun(name=name, last_run_at=now, last_run_by=f"try:{key}"))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


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


def run_due(now: datetime) -> int:
    """Run whatever is due at ``now``; returns the tasks completed."""
    from app.analytics.pull import pull

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
            done += _attempt(f"pull:{code}", day.isoformat(), now, partial(pull, code, day))
    yesterday = local.date() - timedelta(days=1)
    done += _attempt("reserve", yesterday.isoformat(), now, partial(reserve_history.record, now))
    for period in ("day", "week", "month"):
        if digests.due(period, now):
            key = digests.period_key(period, now)
            work = partial(digests.send, period, now)
            done += _attempt(f"digest:{period}", key, now, work)
    return done
