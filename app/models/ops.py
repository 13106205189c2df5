"""Operations: worker heartbeats, the watchdog's own clock, and incidents alerted once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class WorkerHeartbeat(db.Model):  # type: ignore[name-defined]
    """One publish worker's sign of life, written every pass (app.worker)."""

    __tablename__ = "worker_heartbeat"

    worker_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # app.runtime.worker_id
    host: Mapped[str] = mapped_column(String(100), default="")
    pid: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a clean shutdown


class WatchdogRun(db.Model):  # type: ignore[name-defined]
    """When the independent watchdog last ran, shared by every process (one row per name)."""

    __tablename__ = "watchdog_run"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_run_by: Mapped[str] = mapped_column(String(64), default="")


class Incident(db.Model):  # type: ignore[name-defined]
    """A problem alerted once while it lasts (``closed_at`` empty) and once when it ends.

    One row per key (``worker_stale``, ``missed:<piece id>``): opening and closing are conditional
    updates, so of several processes seeing the same problem exactly one alerts it.
    """

    __tablename__ = "ops_incident"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    title: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")


class LexiconImportJob(db.Model):  # type: ignore[name-defined]
    """A confirmed browser import of word lists, run by a worker; its progress for every process.

    The staged files stay in ``UPLOAD_FOLDER/lexicon-imports/<token>/`` (app.lexicon.transfer);
    the job survives a web restart, and a worker that dies mid-import leaves nothing half-done
    (the import is one transaction): its lease expires and another worker runs it again.
    """

    __tablename__ = "lexicon_import_job"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default="queued")  # queued|running|done|failed
    phase: Mapped[str] = mapped_column(String(10), default="queued")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    version_id: Mapped[int | None] = mapped_column(Integer)
    flagged: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
