"""Consent fixtures: a frozen brand-zone day, authorisations with evidence, UGC pieces."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from app.consent import services
from app.consent.services import AuthorisationInput, Evidence
from app.content.services import transition
from app.extensions import db
from app.models import Authorisation, Channel, Decision, Piece, User
from app.review.services import decide
from app.workflow import Action, Status
from tests.channels.conftest import PNG

SH = ZoneInfo("Asia/Shanghai")
# The consent tests happen on 2026-12-01, 10:00 in Shanghai, whatever the machine's date.
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=SH).astimezone(UTC)
TODAY = date(2026, 12, 1)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

MakeAuthorisation = Callable[..., Authorisation]
MakeUgc = Callable[..., Piece]


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[time_machine.Coordinates]:
    """Travel to NOW; the clock ticks on from there."""
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


def brand_at(day: date, hour: int = 10) -> datetime:
    """Brand-zone ``day`` at ``hour`` as an aware UTC datetime."""
    return datetime.combine(day, time(hour), tzinfo=SH).astimezone(UTC)


@pytest.fixture
def make_authorisation(make_user: Callable[..., User]) -> MakeAuthorisation:
    """Record an authorisation (2026-11-01 … 2026-12-31 on ``channels``) through the service."""

    def factory(
        *channels: Channel, recorder: User | None = None, **fields: object
    ) -> Authorisation:
        data = AuthorisationInput(
            customer=str(fields.pop("customer", "王小明")),
            contact=str(fields.pop("contact", "13812345678")),
            channel_codes=[channel.code for channel in channels],
            valid_from=fields.pop("valid_from", date(2026, 11, 1)),  # type: ignore[arg-type]
            valid_until=fields.pop("valid_until", date(2026, 12, 31)),  # type: ignore[arg-type]
            how_given=str(fields.pop("how_given", "signed_form")),
            **fields,  # type: ignore[arg-type]
        )
        evidence = Evidence("授权书.png", PNG)
        return services.record_authorisation(recorder or make_user("writer"), data, evidence)

    return factory


@pytest.fixture
def make_ugc(make_piece: Callable[..., Piece], make_user: Callable[..., User]) -> MakeUgc:
    """A UGC piece walked to ``status`` with ``authorisations`` attached before the review."""

    def factory(
        channel: Channel,
        *authorisations: Authorisation,
        status: str = "approved",
        publish_at: datetime | None = None,
        **fields: object,
    ) -> Piece:
        piece = make_piece(status="in_review", channel=channel, content_type="ugc", **fields)
        for row in authorisations:
            services.attach(piece.owner, piece, row)
        if status == "in_review":
            return piece
        reviewer = make_user("reviewer")
        decide(reviewer, piece, piece.current_revision_id, Decision.APPROVE, "")
        if status in ("scheduled", "published"):
            transition(piece, Action.SCHEDULE, reviewer)
            piece.publish_at = publish_at or NOW + timedelta(days=1)
        if status == "published":
            transition(piece, Action.START_PUBLISHING, None)
            transition(piece, Action.MARK_PUBLISHED, None)
            piece.published_at, piece.post_url = NOW, "https://example.com/post"
        db.session.commit()
        assert piece.status == Status(status)
        return piece

    return factory
