"""The demo's UGC pieces carry their customers' authorisations (issue 19), except the 公众号
piece in review, which shows the gate."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from app.consent import services
from app.demo.loader import load_demo
from app.extensions import db
from app.models import ContentType, Piece
from tests.consent.conftest import TODAY


def test_demo_ugc_pieces_are_covered_and_one_shows_the_gate(client: FlaskClient) -> None:
    load_demo(today=TODAY)

    ugc = db.session.scalars(select(Piece).where(Piece.content_type == ContentType.UGC)).all()
    live = [p for p in ugc if p.status in ("approved", "scheduled", "published")]
    assert live and all(services.authorisations_of(p) for p in live)
    assert all(services.problems(p, services.day_of(p)) == [] for p in live)
    waiting = [p for p in ugc if p.status == "in_review" and not services.authorisations_of(p)]
    assert [p.channel.kind for p in waiting] == ["wechat_oa"]
