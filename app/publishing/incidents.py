"""Heartbeats of the publish workers, and incidents alerted once per process fleet.

Every worker pass writes its heartbeat (``beat``). An incident is one row per key: ``open_once``
and ``close_once`` are conditional writes, so when several web processes, workers and cron runs
see the same problem at the same moment, exactly one of them alerts it and exactly one tells that
it ended. ``claim_run`` is the watchdog's shared clock: at most one run per interval in the fleet.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db, rowcount
from app.models import Incident, WatchdogRun, WorkerHeartbeat
from app.runtime import worker_id

HEARTBEAT_KEEP = timedelta(days=2)  # heartbeat rows of workers gone this long are dropped


def stale_after() -> timedelta:
    """How long without a heartbeat before the workers count as down (HEMLINE_WORKER_STALE)."""
    return timedelta(seconds=current_app.config["WORKER_STALE_SECONDS"])


def beat(now: datetime) -> None:
    """Record that this worker is alive at ``now`` (committed)."""
    me = worker_id()
    row = db.session.get(WorkerHeartbeat, me)
    if row is None:
        row = WorkerHeartbeat(worker_id=me, host=socket.gethostname()[:100], pid=os.getpid())
        row.started_at = now
        db.session.add(row)
    row.last_seen, row.stopped_at = now, None
    db.session.execute(
        delete(WorkerHeartbeat)
        .where(WorkerHeartbeat.last_seen < now - HEARTBEAT_KEEP)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def stopped(now: datetime) -> None:
    """Record a clean shutdown of this worker (committed)."""
    row = db.session.get(WorkerHeartbeat, worker_id())
    if row is not None:
        row.stopped_at = now
        db.session.commit()


def last_heartbeat() -> datetime | None:
    """The latest heartbeat of any worker still running (None: no worker ever, or all stopped)."""
    query = select(func.max(WorkerHeartbeat.last_seen)).where(WorkerHeartbeat.stopped_at.is_(None))
    return db.session.scalar(query)


def heartbeat_age(now: datetime) -> float | None:
    """Seconds since the latest heartbeat of a running worker; None when there is none."""
    seen = last_heartbeat()
    return None if seen is None else max(0.0, (now - seen).total_seconds())


def worker_stale(now: datetime) -> bool:
    """No running worker has written a heartbeat for HEMLINE_WORKER_STALE."""
    seen = last_heartbeat()
    return seen is None or now - seen > stale_after()


def claim_run(name: str, now: datetime, every: timedelta) -> bool:
    """Take the run of ``name``, due ``every``, for this process; False if another has it."""
    due = or_(WatchdogRun.last_run_at.is_(None), WatchdogRun.last_run_at <= now - every)
    return take_run(name, now, worker_id(), due)


def take_run(name: str, now: datetime, by: str, *conditions: Any) -> bool:
    """Mark the ``watchdog_run`` row ``name`` as run at ``now`` by ``by`` if its row meets
    ``conditions`` (one conditional UPDATE, so one process of several wins), or create it on
    the first run; committed. False if the row exists and does not meet them, or another
    process created it first."""
    claimed = db.session.execute(
        update(WatchdogRun)
        .where(WatchdogRun.name == name, *conditions)
        .values(last_run_at=now, last_run_by=by)
        .execution_options(synchronize_session=False)
    )
    if rowcount(claimed) == 1:
        db.session.commit()
        return True
    db.session.rollback()
    if db.session.get(WatchdogRun, name) is not None:
        return False
    try:  # the first run on this database
        db.session.add(WatchdogRun(name=name, last_run_at=now, last_run_by=by))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def open_once(key: str, now: datetime, title: str, text: str) -> bool:
    """Open the incident ``key`` unless it is open already; True for the one caller that did it.

    No commit: the caller alerts in the same transaction and commits both.
    """
    reopened = db.session.execute(
        update(Incident)
        .where(Incident.key == key, Incident.closed_at.is_not(None))
        .values(opened_at=now, closed_at=None, title=title[:200], text=text)
        .execution_options(synchronize_session=False)
    )
    if rowcount(reopened) == 1:
        return True
    if db.session.get(Incident, key, populate_existing=True) is not None:
        return False  # open already
    try:
        with db.session.begin_nested():
            db.session.add(Incident(key=key, opened_at=now, title=title[:200], text=text))
    except IntegrityError:
        return False
    return True


def close_once(key: str, now: datetime) -> Incident | None:
    """Close the open incident ``key``; the incident for the one caller that did it, else None.

    No commit: the caller tells of the recovery in the same transaction and commits both.
    """
    closed = db.session.execute(
        update(Incident)
        .where(Incident.key == key, Incident.closed_at.is_(None))
        .values(closed_at=now)
        .execution_options(synchronize_session=False)
    )
    if rowcount(closed) != 1:
        return None
    return db.session.get(Incident, key, populate_existing=True)


def open_incidents(prefix: str = "") -> list[Incident]:
    """Incidents still open, whose key starts with ``prefix``."""
    query = select(Incident).where(Incident.closed_at.is_(None), Incident.key.startswith(prefix))
    return list(db.session.scalars(query.order_by(Incident.key)))
