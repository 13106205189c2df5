"""The operations reports: daily (09:00), weekly (Monday 09:30) and monthly (the 1st, 09:00).

Each report covers the last *complete* period before ``now`` in the brand zone (yesterday, last
week Monday–Sunday, last month) beside the one before it, with the key numbers and a link to
the dashboard. It goes to the managers as a notice (event ``digest``), so the notification
routes send it on to the configured group bots and e-mail through the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from app.analytics import services
from app.analytics.services import Filters, Window
from app.extensions import db
from app.models import Role
from app.notifications.events import Event, Words
from app.notifications.services import notify, users_with_roles
from app.zones import brand_zone


@dataclass(frozen=True)
class Digest:
    """One report: its period, title, text and link."""

    period: str
    window: Window
    title: str
    text: str
    url: str
    words: Words  # the text as message keys with parameters, for the managers' bells


def last_complete(period: str, now: datetime) -> Window:
    """The last whole day, ISO week or month before ``now`` (brand zone)."""
    today = now.astimezone(brand_zone()).date()
    current = services.window(period, today)
    return services.previous(period, current)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _num(value: object) -> str:
    return "—" if value is None else f"{value:,}"


def _change(now: object, before: object) -> Words:
    if not isinstance(now, int | float) or not isinstance(before, int | float) or not before:
        return Words()
    return Words.of("digest.change", change=f"{(now - before) / before * 100:+.0f}%")


def _count(value: object) -> int | str:
    return value if isinstance(value, int) and not isinstance(value, bool) else str(value)


def build(period: str, now: datetime) -> Digest:
    """The report of the last complete ``period`` before ``now``."""
    span = last_complete(period, now)
    before = services.previous(period, span)
    filters = Filters(period=period)
    t = services.totals(services.piece_rows(filters, span))
    o = services.totals(services.piece_rows(filters, before))
    flow = services.pipeline(filters, span)
    review = services.turnaround(filters, span)
    outcomes = services.outcomes(filters, span)
    hits = services.compliance(span)["hits"]
    reads = (
        Words.of("digest.reads", reads=_num(t["reads"]))
        + _change(t["reads"], o["reads"])
        + Words.of("digest.open_rate", rate=_pct(t["open_rate"]), before=_pct(o["open_rate"]))
        + Words.of("digest.interactions", interactions=_num(t["interactions"]))
        + _change(t["interactions"], o["interactions"])
        + Words.of("digest.conversions", conversions=_num(t["conversions"]), roi=_pct(t["roi"]))
    )
    counts = {k: _count(flow[k]) for k in ("created", "submitted", "approved", "published")}
    kinds = ("on_time", "late", "held", "failed", "missed")
    url = f"/dashboard/?period={period}&date={span.start.isoformat()}"
    base = str(current_app.config.get("HEMLINE_BASE_URL", "")).rstrip("/")
    lines = [
        reads,
        Words.of("digest.flow", **counts, breaches=_count(review["breaches"])),
        Words.of("digest.outcomes", **{k: _count(outcomes[k]) for k in kinds}, hits=_count(hits)),
        Words.of("digest.details", link=f"{base}{url}"),
    ]
    words = lines[0]
    for line in lines[1:]:
        words += Words.as_is("\n") + line
    return Digest(period, span, str(_title(period, span)), str(words), url, words)


def _title(period: str, span: Window) -> Words:
    return Words.of(f"digest.{period}", span=span.label())


def send(period: str, now: datetime, dry_run: bool = False) -> Digest:
    """Build the report and, unless ``dry_run``, notify the managers (bots and e-mail follow)."""
    digest = build(period, now)
    if not dry_run:
        notify(
            users_with_roles(Role.MANAGER),
            Event.DIGEST.value,
            _title(period, digest.window),
            text=digest.words,
            url=digest.url,
            at=now,
        )
        db.session.commit()
    return digest


def due(period: str, now: datetime) -> bool:
    """True once the report's time has come in the current period (09:00; weekly 09:30 Mon)."""
    local = now.astimezone(brand_zone())
    if period == "day":
        return local.hour >= 9
    if period == "week":
        return local.weekday() > 0 or (local.hour, local.minute) >= (9, 30)
    return local.hour >= 9 or local.day > 1


def period_key(period: str, now: datetime) -> str:
    """Which report is due: the start of the period it covers."""
    return last_complete(period, now).start.isoformat()
