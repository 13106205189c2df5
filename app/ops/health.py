"""Health for operators: GET /healthz for probes and GET /metrics for Prometheus.

Every figure but one is read from the database at the moment of the request, so whichever web
process answers, the numbers are the same (no per-process counters to add up, nothing to lose on
a restart). The exception is the check-latency histogram (app.checks.latency): it counts the
checks of the process that answers.

Neither says anything secret: counts, ages and the lexicon version number; a database error is
reported as "unreachable", never with its message (it may carry the database URL).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import InstrumentedAttribute

from app.checks import latency
from app.checks.store import latest_version
from app.extensions import db
from app.models import OutboxMessage, Piece, PublishJob, WorkerHeartbeat
from app.publishing import incidents
from app.publishing.watchdog import LIVE_STATES
from app.workflow import Status

log = logging.getLogger("hemline.health")

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


@dataclass
class Snapshot:
    """What the database says about the state of publishing, at one instant."""

    database_ok: bool
    heartbeat_age: float | None = None  # seconds; None: no running worker ever beat
    workers_live: int = 0
    stale: bool = True
    due: int = 0  # live pieces whose time has come
    late: int = 0  # of those, past the missed threshold (PUBLISH_MISSED_MINUTES)
    lexicon_version: int = 0
    pieces: dict[str, int] = field(default_factory=dict)  # by status
    jobs: dict[str, int] = field(default_factory=dict)  # publish jobs by state
    outbox: dict[str, int] = field(default_factory=dict)  # notification outbox by status


def snapshot(now: datetime) -> Snapshot:
    """Read the figures; a database that does not answer gives ``database_ok=False``."""
    try:
        return _read(now)
    except SQLAlchemyError as error:
        db.session.rollback()
        log.error("健康检查：数据库不可用（%s）", type(error).__name__)
        return Snapshot(database_ok=False)
    finally:
        db.session.rollback()  # read only: end the transaction


def _read(now: datetime) -> Snapshot:
    stale_after = incidents.stale_after()
    late_after = timedelta(minutes=current_app.config["PUBLISH_MISSED_MINUTES"])
    live = Piece.status.in_(LIVE_STATES)

    def count(*conditions: ColumnElement[bool]) -> int:
        return db.session.scalar(select(func.count()).select_from(Piece).where(*conditions)) or 0

    def grouped(column: InstrumentedAttribute[str]) -> dict[str, int]:
        query = select(column, func.count()).group_by(column)
        return {str(key): int(n) for key, n in db.session.execute(query)}

    age = incidents.heartbeat_age(now)
    workers = select(func.count()).where(
        WorkerHeartbeat.stopped_at.is_(None), WorkerHeartbeat.last_seen >= now - stale_after
    )
    return Snapshot(
        database_ok=True,
        heartbeat_age=age,
        workers_live=db.session.scalar(workers) or 0,
        stale=incidents.worker_stale(now),
        due=count(live, Piece.publish_at <= now),
        late=count(live, Piece.publish_at <= now - late_after),
        lexicon_version=latest_version(),
        pieces=grouped(Piece.status),
        jobs=grouped(PublishJob.state),
        outbox=grouped(OutboxMessage.status),
    )


def healthz(now: datetime) -> tuple[dict[str, object], int]:
    """The /healthz answer and its status: 503 when the database or the worker is down."""
    shot = snapshot(now)
    if not shot.database_ok:
        return {"status": "down", "database": "unreachable"}, 503
    age = None if shot.heartbeat_age is None else round(shot.heartbeat_age, 1)
    body: dict[str, object] = {
        "status": "stale_worker" if shot.stale else "ok",
        "database": "ok",
        "worker": {
            "heartbeat_age_seconds": age,
            "stale": shot.stale,
            "stale_after_seconds": current_app.config["WORKER_STALE_SECONDS"],
            "live": shot.workers_live,
        },
        "publishing": {"due": shot.due, "late": shot.late},
        "lexicon_version": shot.lexicon_version,
    }
    return body, 503 if shot.stale else 200


class _DatabaseCollector(Collector):
    """The database's figures as Prometheus metrics (built per scrape)."""

    def __init__(self, shot: Snapshot) -> None:
        self.shot = shot

    def collect(self) -> Iterator[Metric]:
        shot = self.shot
        yield GaugeMetricFamily(
            "hemline_database_up", "1 when the database answered this scrape.", shot.database_ok
        )
        if not shot.database_ok:
            return
        age = math.inf if shot.heartbeat_age is None else shot.heartbeat_age
        yield GaugeMetricFamily(
            "hemline_worker_heartbeat_age_seconds",
            "Seconds since the latest heartbeat of a running publish worker (+Inf: none).",
            age,
        )
        yield GaugeMetricFamily(
            "hemline_workers_live", "Publish workers with a fresh heartbeat.", shot.workers_live
        )
        yield GaugeMetricFamily(
            "hemline_publish_due",
            "Scheduled or publishing pieces whose publish time has come (queue depth).",
            shot.due,
        )
        yield GaugeMetricFamily(
            "hemline_publish_late",
            "Due pieces still not out after the missed threshold (PUBLISH_MISSED_MINUTES).",
            shot.late,
        )
        yield _labelled(
            "hemline_pieces",
            "Pieces by workflow status.",
            "status",
            shot.pieces,
            [s.value for s in Status],
        )
        yield _labelled(
            "hemline_publish_jobs",
            "Publish jobs by state (done and failed are the publish outcomes).",
            "state",
            shot.jobs,
        )
        yield _labelled(
            "hemline_notification_outbox",
            "Bot and e-mail notices by delivery status (pending is the backlog).",
            "status",
            shot.outbox,
            ["pending", "sent", "dead"],
        )
        yield GaugeMetricFamily(
            "hemline_lexicon_version", "The current word-list version.", shot.lexicon_version
        )


def _labelled(
    name: str, text: str, label: str, values: dict[str, int], known: list[str] | None = None
) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, text, labels=[label])
    for key in sorted(set(known or []) | set(values)):
        family.add_metric([key], values.get(key, 0))
    return family


def metrics(now: datetime) -> tuple[bytes, bool]:
    """The /metrics page (Prometheus text format) and whether the database answered."""
    shot = snapshot(now)
    registry = CollectorRegistry()
    registry.register(_DatabaseCollector(shot))
    return generate_latest(registry) + generate_latest(latency.REGISTRY), shot.database_ok
