"""The independent watchdog: missed pieces and a stopped worker are alerted even with no worker.

The worker's own pass cannot see the one failure that matters most — the worker being down. So
the same checks run from three places, whichever is alive:

* every web process, on a request, at most once per ``WATCHDOG_INTERVAL_SECONDS`` (60) per
  process and, across the fleet, at most once per interval (``incidents.claim_run``, a conditional
  update of one ``watchdog_run`` row) — a monitoring probe of ``/healthz`` keeps it running on a
  site nobody uses;
* ``flask watchdog`` for cron, every minute;
* each worker pass (it also writes the heartbeat).

Each problem is an incident alerted once through ``notify()`` (bell, bots, e-mail) and once more
when it ends: ``worker_stale`` (no heartbeat for ``HEMLINE_WORKER_STALE``) and ``missed:<piece>``
(opened by app.publishing.watchdog, closed here once the piece is out, rescheduled or handled).
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from flask import Flask, current_app, request
from sqlalchemy import func, select

from app import audit
from app.extensions import db
from app.models import Piece, PublishJob, Role, utcnow
from app.notifications.events import Event, Words
from app.notifications.outbox import approvers, managers
from app.notifications.services import notify, users_with_roles
from app.publishing import incidents
from app.publishing.adapters import manual_assignee
from app.publishing.watchdog import LIVE_STATES, watchdog
from app.workflow import Status

log = logging.getLogger("hemline.watchdog")

RUN_NAME = "watchdog"
WORKER_INCIDENT = "worker_stale"
MISSED_PREFIX = "missed:"

_next_local_check = 0.0  # this process's own throttle (time.monotonic), before asking the database


def interval() -> timedelta:
    """How often the watchdog runs at most across all processes."""
    return timedelta(seconds=current_app.config["WATCHDOG_INTERVAL_SECONDS"] or 60)


def check(now: datetime | None = None, *, force: bool = False) -> dict[str, int] | None:
    """Run the watchdog if no process ran it within the interval (always with ``force``).

    Returns the alerts raised, or None when another process had the turn.
    """
    at = now or utcnow()
    if not force and not incidents.claim_run(RUN_NAME, at, interval()):
        return None
    return {
        "missed_alerts": watchdog(at),
        "worker_alerts": check_workers(at),
        "recoveries": recover_missed(at),
    }


def due_unpublished(now: datetime) -> int:
    """Pieces whose publish time has come and which are not out yet."""
    query = select(func.count()).where(Piece.status.in_(LIVE_STATES), Piece.publish_at <= now)
    return db.session.scalar(query) or 0


def check_workers(now: datetime) -> int:
    """Alert once when no worker has a fresh heartbeat, and once when one is back (commits)."""
    people = users_with_roles(Role.MANAGER, Role.ADMIN)
    if incidents.worker_stale(now):
        seen = incidents.last_heartbeat()
        due = due_unpublished(now)
        words = (
            Words.of("worker_down.seen", minutes=int((now - seen).total_seconds() // 60), due=due)
            if seen
            else Words.of("worker_down.never", due=due)
        )
        title_words = Words.of("worker_down")
        title, text = str(title_words), str(words)
        if not incidents.open_once(WORKER_INCIDENT, now, title, text):
            db.session.rollback()
            return 0
        notify(people, Event.WORKER_DOWN.value, title_words, text=words, url="/publishing", at=now)
        audit.record(None, "ops.worker_down", None, reason=text)
        db.session.commit()
        log.error("%s：%s", title, text)
        return 1
    incident = incidents.close_once(WORKER_INCIDENT, now)
    if incident is None:
        db.session.rollback()
        return 0
    minutes = int((now - incident.opened_at).total_seconds() // 60)
    words = Words.of("worker_back.text", minutes=minutes)
    back = Words.of("worker_back")
    notify(people, Event.RECOVERED.value, back, text=words, url="/publishing", at=now)
    audit.record(None, "ops.worker_recovered", None, reason=str(words))
    db.session.commit()
    return 1


def recover_missed(now: datetime) -> int:
    """Tell once that a missed piece is no longer missed: published, rescheduled or handled."""
    told = 0
    for incident in incidents.open_incidents(MISSED_PREFIX):
        piece = db.session.get(Piece, int(incident.key.removeprefix(MISSED_PREFIX)))
        job = db.session.get(PublishJob, piece.id) if piece else None
        if piece is not None and piece.status in LIVE_STATES and job and job.missed_at:
            continue  # still missed
        if incidents.close_once(incident.key, now) is None:
            db.session.rollback()
            continue
        if piece is None:
            db.session.commit()
            continue
        if piece.status == Status.PUBLISHED:
            text = Words.of("recovered.published")
        elif piece.status in LIVE_STATES:
            text = Words.of("recovered.rescheduled")
        else:
            text = Words.of("recovered.handled")
        users = [*approvers(piece)[:1], *managers(), manual_assignee(piece)]
        url = f"/pieces/{piece.id}"
        title = Words.as_is(piece.title)
        notify(users, Event.RECOVERED.value, title, text=text, url=url, piece=piece, at=now)
        db.session.commit()
        told += 1
    return told


# --- from the web processes -------------------------------------------------------------------


def init_app(app: Flask) -> None:
    """Run the watchdog from the web processes too (WATCHDOG_INTERVAL_SECONDS; 0 turns it off)."""
    app.before_request(_check_from_web)


def reset_local_throttle() -> None:
    """Forget when this process last looked (tests play several processes)."""
    global _next_local_check
    _next_local_check = 0.0


def _check_from_web() -> None:
    global _next_local_check
    seconds = current_app.config["WATCHDOG_INTERVAL_SECONDS"]
    if not seconds or request.endpoint in (None, "static"):
        return
    if time.monotonic() < _next_local_check:
        return
    _next_local_check = time.monotonic() + seconds
    try:
        check()
    except Exception:  # the watchdog must never break a page
        db.session.rollback()
        log.exception("看门狗检查失败")
