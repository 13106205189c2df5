"""Calendar fixtures: a future brand-zone week, approved pieces and a way to fill a week."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from app.models import Channel, Piece, User
from app.schedule import services

SH = ZoneInfo("Asia/Shanghai")
# The calendar tests happen on a Wednesday morning in Shanghai, whatever the machine's date: dates
# the tests call "past" (2020) or "future" (2030) stay so, and weeks never straddle today.
TODAY = datetime(2026, 11, 18, 10, 0, tzinfo=SH)


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[time_machine.Coordinates]:
    """Travel to TODAY; the clock ticks on from there."""
    with time_machine.travel(TODAY, tick=True) as traveller:
        yield traveller


def brand_at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """Brand-zone (Asia/Shanghai) `day` at hour:minute as an aware UTC datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=SH).astimezone(UTC)


@pytest.fixture
def monday() -> date:
    """The Monday two weeks from now (brand zone): always in the future, never this week."""
    today = datetime.now(SH).date()
    return today - timedelta(days=today.weekday()) + timedelta(days=14)


@pytest.fixture
def team(make_user: Callable[..., User]) -> dict[str, User]:
    """One writer, one reviewer and one manager."""
    return {role: make_user(role) for role in ("writer", "reviewer", "manager")}


@pytest.fixture
def approved(make_piece: Callable[..., Piece], team: dict[str, User]) -> Callable[..., Piece]:
    """An approved piece of `content_type` on `channel`, written and approved by the team."""
    counter = iter(range(1, 10_000))

    def factory(channel: Channel, content_type: str = "styling", **fields: str) -> Piece:
        title = fields.pop("title", f"{content_type} 稿件 {next(counter)}")
        return make_piece(
            team["writer"],
            status="approved",
            channel=channel,
            content_type=content_type,
            reviewer=team["reviewer"],
            title=title,
            **fields,
        )

    return factory


@pytest.fixture
def fill(approved: Callable[..., Piece], team: dict[str, User]) -> Callable[..., list[Piece]]:
    """Schedule pieces of the given types on `channel`, one a day from `first` at 10:00."""

    def factory(channel: Channel, first: date, types: str) -> list[Piece]:
        kinds = {"S": "styling", "P": "promotion", "I": "interactive", "B": "brand_story"}
        pieces = []
        for n, letter in enumerate(types):
            piece = approved(channel, kinds[letter])
            services.schedule(team["manager"], piece, brand_at(first + timedelta(days=n % 7)))
            pieces.append(piece)
        return pieces

    return factory


@pytest.fixture
def crowd(fill: Callable[..., list[Piece]]) -> Callable[[Channel, date], None]:
    """A promo-full week from `first` (4 ordinary + 1 promo = 20 %), then 4 ordinary pieces."""

    def factory(channel: Channel, first: date) -> None:
        fill(channel, first, "SSSSP")
        fill(channel, first + timedelta(days=7), "SSSS")

    return factory
