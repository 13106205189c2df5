"""Every event of PRODUCT §6 has one name and reaches bots and e-mail per the routing settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.compliance import Entry
from app.content.services import submit
from app.extensions import db
from app.models import Decision, Notification, OutboxMessage, Piece, User, utcnow
from app.notifications.events import EVENT_LABELS, Event
from app.notifications.outbox import ROUTABLE_EVENTS
from app.notifications.routes import RouteSettings, add_route
from app.notifications.services import notify
from app.publishing.services import run_pass
from app.review.services import decide
from app.review.sla import alert_sla_breaches
from tests.conftest import _acks

PRODUCT_EVENTS = {
    "submitted",
    "changes_requested",
    "approved",
    "legal_signoff",
    "held",
    "failed",
    "missed",
    "sla_breach",
    "wordlist_changed",
}


def routed(event: str) -> list[OutboxMessage]:
    """Outbox rows of one event, oldest first."""
    query = select(OutboxMessage).where(OutboxMessage.event == event).order_by(OutboxMessage.id)
    return list(db.session.scalars(query))


def notified(event: str) -> set[int]:
    """Ids of the users notified in the app of one event."""
    return set(db.session.scalars(select(Notification.user_id).where(Notification.event == event)))


@pytest.fixture
def route_everything(make_user: Callable[..., User]) -> None:
    """A 企业微信 group that takes every event, on every channel."""
    events = tuple(event.value for event in ROUTABLE_EVENTS)
    add_route(
        make_user("admin"),
        RouteSettings("运营群", "wecom", events, url="https://qyapi.example/send?key=k"),
    )


def test_in_app_bots_and_routes_share_one_vocabulary() -> None:
    names = {event.value for event in Event}
    assert set(EVENT_LABELS) == names  # one label table for the bell, bots and e-mail
    assert PRODUCT_EVENTS <= {event.value for event in ROUTABLE_EVENTS}
    with pytest.raises(ValueError, match="needs_legal"):
        notify([], "needs_legal", "旧的事件名")


def test_submit_and_decisions_reach_the_routed_group_once_each(
    route_everything: None, make_piece: Callable[..., Piece], make_user: Callable[..., User]
) -> None:
    reviewer = make_user("reviewer")
    piece = make_piece()

    submit(piece.owner, piece)
    decide(reviewer, piece, piece.current_revision_id, Decision.REQUEST_CHANGES, "补充面料")
    submit(piece.owner, piece)
    decide(reviewer, piece, piece.current_revision_id, Decision.APPROVE, "")

    assert [len(routed(e)) for e in ("submitted", "changes_requested", "approved")] == [2, 1, 1]
    (approved,) = routed("approved")
    assert approved.piece_id == piece.id and approved.url.endswith(f"/pieces/{piece.id}")
    assert approved.title.endswith(piece.title)


def test_a_lottery_piece_routes_legal_signoff(
    route_everything: None,
    load_lexicon: Callable[..., int],
    make_piece: Callable[..., Piece],
    make_user: Callable[..., User],
) -> None:
    load_lexicon(Entry("抽奖", "lottery", "review"))
    piece = make_piece(status="in_review", body="转发本文参与抽奖", content_type="interactive")
    reviewer, legal = make_user("reviewer"), make_user("legal")

    decide(reviewer, piece, piece.current_revision_id, Decision.APPROVE, "", _acks(piece))

    assert notified("legal_signoff") == {legal.id} and len(routed("legal_signoff")) == 1


def test_a_piece_in_review_past_its_sla_alerts_once_per_submission(
    route_everything: None, make_piece: Callable[..., Piece], make_user: Callable[..., User]
) -> None:
    reviewer, manager = make_user("reviewer"), make_user("manager")
    piece = make_piece(status="in_review")
    piece.channel.review_sla_hours = 4
    piece.submitted_at = utcnow() - timedelta(hours=3, minutes=59)
    db.session.commit()

    assert alert_sla_breaches() == 0
    piece.submitted_at = utcnow() - timedelta(hours=4, minutes=1)
    db.session.commit()
    assert run_pass()["sla_alerts"] == 1  # the worker's pass raises it
    assert alert_sla_breaches() == 0  # once per submission

    assert {reviewer.id, manager.id} <= notified("sla_breach")
    (message,) = routed("sla_breach")
    assert "审核时限 4 小时" in message.text and message.url.endswith(f"/review/{piece.id}")

    piece.submitted_at = utcnow() + timedelta(seconds=1)  # sent back and submitted again
    db.session.commit()
    assert alert_sla_breaches(utcnow() + timedelta(hours=3)) == 0
    assert alert_sla_breaches(utcnow() + timedelta(hours=5)) == 1


def test_a_new_word_list_version_tells_legal_and_managers(
    route_everything: None, load_lexicon: Callable[..., int], make_user: Callable[..., User]
) -> None:
    legal, manager, writer = make_user("legal"), make_user("manager"), make_user("writer")

    version = load_lexicon(Entry("违禁词", "sensitive", "block"), reason="新增违禁词")

    assert notified("wordlist_changed") == {legal.id, manager.id}
    assert writer.id not in notified("wordlist_changed")
    (message,) = routed("wordlist_changed")
    assert f"第 {version} 版" in message.title and "新增违禁词" in message.text
