"""Time zones: the brand's, in which days and weeks are counted, and each user's, for reading."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import current_app

from app.models import User


def brand_zone() -> ZoneInfo:
    """The zone days and weeks are counted in (HEMLINE_TIMEZONE, Asia/Shanghai)."""
    return ZoneInfo(current_app.config["HEMLINE_TIMEZONE"])


def display_zone(user: User | None) -> ZoneInfo:
    """The zone a user reads times in: their own, else the brand zone."""
    name = getattr(user, "timezone", None)
    return ZoneInfo(name) if name else brand_zone()
