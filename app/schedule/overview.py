"""What the calendar, the home page and the review page show: reserve and promo detection."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    CONTENT_TYPE_LABELS,
    DEFAULT_RESERVE_TARGET,
    Channel,
    ContentType,
    Piece,
    ReserveTarget,
)
from app.schedule.policy import PROMOTION
from app.workflow import Status

PROMO_MARKER = "promo_marker"


# --- promo detection -------------------------------------------------------------------------


def promo_markers(piece: Piece) -> list[str]:
    """Promotional wording found in the piece's current revision (distinct terms, in order)."""
    revision = piece.current_revision
    return _markers(revision.report if revision is not None else None)


def _markers(report: dict[str, Any] | None) -> list[str]:
    hits = (report or {}).get("hits", [])
    terms = [h.get("term") or h.get("text", "") for h in hits if h.get("category") == PROMO_MARKER]
    return list(dict.fromkeys(t for t in terms if t))


def looks_promotional(piece: Piece) -> bool:
    """True if the text hits promo_marker entries but the piece is not typed 促销活动."""
    return piece.content_type != PROMOTION and bool(promo_markers(piece))


def report_looks_promotional(content_type: str, report_json: str | None) -> bool:
    """looks_promotional() from the stored report as JSON text, decoded only when it names the
    category: a busy calendar month shows ~200 pieces and decoding every report was ~3 ms of its
    page (issue 16)."""
    if content_type == PROMOTION or not report_json or f'"{PROMO_MARKER}"' not in report_json:
        return False
    return bool(_markers(json.loads(report_json)))


# --- reserve ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReserveLine:
    """Approved, unscheduled pieces of one channel or type against its optional target."""

    key: str  # channel code or content type
    label: str
    count: int
    target: int | None

    @property
    def short(self) -> int:
        """How many pieces are missing to reach the target (0 if none or reached)."""
        return max(0, (self.target or 0) - self.count)


@dataclass(frozen=True)
class Reserve:
    """The content reserve (PRODUCT §2): approved pieces not yet on the calendar."""

    total: int
    target: int
    channels: tuple[ReserveLine, ...]
    types: tuple[ReserveLine, ...]
    cells: dict[tuple[str, str], int]  # (channel code, content type) → count

    @property
    def short(self) -> int:
        """How many pieces are missing to reach the overall target."""
        return max(0, self.target - self.total)

    @property
    def percent(self) -> int:
        """The reserve as a whole percentage of the target (capped at 100)."""
        return 100 if self.target == 0 else min(100, self.total * 100 // self.target)


def reserve() -> Reserve:
    """Approved, unscheduled pieces per channel and type against the targets (200 in all).

    Counted per channel id and named here: joined to the channels in SQL, SQLite read the
    approved pieces once per channel (~2 ms more at 50,000 pieces, issue 16)."""
    channels = list(db.session.scalars(select(Channel).order_by(Channel.id)))
    codes = {channel.id: channel.code for channel in channels}
    rows = db.session.execute(
        select(Piece.channel_id, Piece.content_type, func.count())
        .where(Piece.status == Status.APPROVED.value)
        .group_by(Piece.channel_id, Piece.content_type)
    ).all()
    cells = {(codes[channel_id], kind): n for channel_id, kind, n in rows}
    targets = {
        (t.channel.code if t.channel else None, t.content_type): t.target
        for t in db.session.scalars(select(ReserveTarget))
    }
    return Reserve(
        total=sum(cells.values()),
        target=targets.get((None, None), DEFAULT_RESERVE_TARGET),
        channels=tuple(
            _line(c.code, c.name, cells, targets, by_channel=True)
            for c in channels
            if c.active or any(code == c.code for code, _ in cells)
        ),
        types=tuple(
            _line(t.value, CONTENT_TYPE_LABELS[t], cells, targets, by_channel=False)
            for t in ContentType
        ),
        cells=cells,
    )


def _line(
    key: str,
    label: str,
    cells: dict[tuple[str, str], int],
    targets: dict[tuple[str | None, str | None], int],
    *,
    by_channel: bool,
) -> ReserveLine:
    position = 0 if by_channel else 1
    count = sum(n for cell, n in cells.items() if cell[position] == key)
    target = targets.get((key, None) if by_channel else (None, key))
    return ReserveLine(key, label, count, target)
