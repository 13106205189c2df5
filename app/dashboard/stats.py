"""Figures for the home page's desks: legal's hit statistics and the admins' channel health.

Hit statistics read the stored hit log (``hit_log``: one row per entry per saved revision) in
one grouped query over the index ``ix_hit_log_at_entry`` (at, entry_id): both windows at once,
counted by the database, so the work in Python grows with the number of entries hit, never with
the number of hits (``flask demo-scale`` writes a large hit log).

Channel health is read per channel in three grouped queries (latest outcome, failures of the
last 24 hours, the 公众号 access tokens), whatever the number of channels. At scale (a year of
publish jobs) the first two are most of the home page's time: ``channel_figures`` gives them as
plain values, which the home page keeps for ``HOME_CACHE_SECONDS`` in the shared cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import joinedload

from app.analytics.services import entry_labels
from app.extensions import db
from app.models import (
    Channel,
    ChannelPublishing,
    HitLog,
    JobState,
    Piece,
    PublishJob,
    WeChatToken,
)

WINDOWS = (7, 30)  # days, newest first in the page


@dataclass(frozen=True)
class EntryHits:
    """One word-list entry with its hits in the short and the long window."""

    entry_id: int
    term: str
    category: str  # the category's label (legal's own words)
    recent: int  # hits in the last WINDOWS[0] days
    total: int  # hits in the last WINDOWS[1] days


@dataclass(frozen=True)
class CategoryHits:
    """One category's hits in the short and the long window."""

    category: str
    recent: int
    total: int


@dataclass(frozen=True)
class HitStats:
    """Legal's hit statistics: per category and the top entries, in both windows."""

    categories: list[CategoryHits]
    top: list[EntryHits]
    recent: int
    total: int


def hit_stats(now: datetime, limit: int = 10) -> HitStats:
    """Hits per category and the `limit` most-hit entries, last 7 and last 30 days to `now`."""
    short, long = (now - timedelta(days=days) for days in WINDOWS)
    recent_hits = func.sum(case((HitLog.at >= short, 1), else_=0))
    rows = db.session.execute(
        select(HitLog.entry_id, recent_hits, func.count())
        .where(HitLog.at >= long, HitLog.at < now)
        .group_by(HitLog.entry_id)
    ).all()
    counts = {entry_id: (int(recent or 0), int(total)) for entry_id, recent, total in rows}
    entries = entry_labels(counts)
    per_category: dict[str, list[int]] = {}
    per_entry = []
    for entry_id, (recent, total) in counts.items():
        entry = entries[entry_id]
        category = "—" if entry.deleted else entry.label
        sums = per_category.setdefault(category, [0, 0])
        sums[0] += recent
        sums[1] += total
        per_entry.append(EntryHits(entry_id, entry.term, category, recent, total))
    per_entry.sort(key=lambda e: (-e.total, -e.recent, e.term))
    categories = [CategoryHits(c, r, t) for c, (r, t) in per_category.items()]
    categories.sort(key=lambda c: (-c.total, -c.recent, c.category))
    return HitStats(
        categories,
        per_entry[:limit],
        sum(c.recent for c in categories),
        sum(c.total for c in categories),
    )


FINISHED = (JobState.DONE.value, JobState.FAILED.value)
FAILURE_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class ChannelHealth:
    """One channel as an admin checks it: how it publishes and how publishing went lately."""

    channel: Channel
    settings: ChannelPublishing | None  # None: no publishing settings, a person publishes
    last_state: str | None  # JobState of the latest finished job (done or failed); None: none yet
    last_at: datetime | None
    last_error: str  # the latest finished job's error, Chinese as stored
    # …and its words (``Words`` JSON), shown through job_error / job_error_text (issue 20)
    last_error_params: Any
    failures: int  # jobs that failed in the last 24 hours
    token_expires_at: datetime | None  # the 公众号 access token's expiry, when one is cached

    @property
    def automatic(self) -> bool:
        """True if the worker publishes (settings with an adapter other than manual)."""
        return self.settings is not None and self.settings.adapter != "manual"


@dataclass(frozen=True)
class ChannelFigures:
    """The costly part of channel health, plain values (kept in the shared cache by the home
    page): per channel id, the latest finished job (state, finished at, error and its words) and
    the failures of the last 24 hours."""

    latest: dict[int, tuple[str, datetime | None, str, Any]]
    failures: dict[int, int]


def channel_figures(now: datetime) -> ChannelFigures:
    """Latest outcome and recent failures per channel, in two grouped queries."""
    finished = (
        select(Piece.channel_id, func.max(PublishJob.finished_at).label("at"))
        .select_from(PublishJob)
        .join(Piece, Piece.id == PublishJob.piece_id)
        .where(PublishJob.state.in_(FINISHED), PublishJob.finished_at.is_not(None))
        .group_by(Piece.channel_id)
        .subquery()
    )
    latest = {
        channel_id: (state, at, error or "", params)
        for channel_id, state, at, error, params in db.session.execute(
            select(
                Piece.channel_id,
                PublishJob.state,
                PublishJob.finished_at,
                PublishJob.last_error,
                PublishJob.last_error_params,
            )
            .select_from(PublishJob)
            .join(Piece, Piece.id == PublishJob.piece_id)
            .join(
                finished,
                and_(
                    finished.c.channel_id == Piece.channel_id,
                    finished.c.at == PublishJob.finished_at,
                ),
            )
            .where(PublishJob.state.in_(FINISHED))
        )
    }
    failures = {
        channel_id: int(count)
        for channel_id, count in db.session.execute(
            select(Piece.channel_id, func.count())
            .select_from(PublishJob)
            .join(Piece, Piece.id == PublishJob.piece_id)
            .where(
                PublishJob.state == JobState.FAILED.value,
                PublishJob.finished_at >= now - FAILURE_WINDOW,
                PublishJob.finished_at <= now,
            )
            .group_by(Piece.channel_id)
        )
    }
    return ChannelFigures(latest, failures)


def channel_health(now: datetime, figures: ChannelFigures | None = None) -> list[ChannelHealth]:
    """Every channel, active first then by name, with its publishing health at `now` (from
    `figures` when the caller has them, e.g. from the shared cache)."""
    query = select(Channel).order_by(Channel.active.desc(), Channel.name)
    # the settings joined: one statement per channel for them was a third of the home page's
    # statements (issue 16)
    channels = db.session.scalars(query.options(joinedload(Channel.publishing))).all()
    figures = figures or channel_figures(now)
    latest, failures = figures.latest, figures.failures
    tokens = dict(db.session.execute(select(WeChatToken.appid, WeChatToken.expires_at)).all())
    health = []
    for channel in channels:
        settings = channel.publishing
        state, at, error, params = latest.get(channel.id) or (None, None, "", None)
        appid = settings.appid if settings is not None else ""
        health.append(
            ChannelHealth(
                channel,
                settings,
                state,
                at,
                error,
                params,
                failures.get(channel.id, 0),
                tokens.get(appid) if appid else None,
            )
        )
    return health
