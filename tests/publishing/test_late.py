"""The late publishing policy: after an outage a piece too far past its time waits for a person.

A 公众号 push at 03:00 instead of 20:00 is worse than none: a piece first claimed more than its
channel's ``late_after_minutes`` (30) after its time is not published automatically; it goes to
the problems page for a person to publish now, reschedule or send back.
"""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Channel, ChannelPublishing, JobState, Notification, Piece, User
from app.publishing import services
from app.workflow import Status
from tests.channels.fakes import WebhookReceiver
from tests.publishing.conftest import job_of, later

DuePiece = Callable[..., Piece]


def late_notices() -> list[Notification]:
    query = select(Notification).where(Notification.title.startswith("超时未自动发布"))
    return list(db.session.scalars(query))


def test_a_piece_found_more_than_30_minutes_late_is_not_published_but_waits_for_a_person(
    receiver: WebhookReceiver, webhook_piece: Piece, manager: User
) -> None:
    piece = webhook_piece  # due at NOW; the worker comes back 31 minutes later

    assert services.publish_due(later(minutes=31)).outcomes == {"late": [piece.id]}
    assert services.publish_due(later(minutes=32)).count() == 0  # it is not picked up again
    assert services.watchdog(later(minutes=33)) == 0  # the late alert was the alert

    assert receiver.requests == []
    job = job_of(piece)
    assert job.state == JobState.LATE and job.late_at == later(minutes=31)
    assert "31 分钟" in job.last_error and "30 分钟的上限" in job.last_error
    assert db.session.get(Piece, piece.id).status == Status.SCHEDULED
    assert manager.id in {notice.user_id for notice in late_notices()}
    assert len({notice.user_id for notice in late_notices()}) == len(late_notices())  # once each
    problems = services.problems(later(minutes=33))
    assert [p.id for p in problems["late"]] == [piece.id] and problems["missed"] == []


def test_a_piece_within_the_limit_still_goes_out_late(
    receiver: WebhookReceiver, webhook_piece: Piece
) -> None:
    piece = webhook_piece

    assert services.publish_due(later(minutes=30)).outcomes == {"published": [piece.id]}
    assert len(receiver.requests) == 1


def test_the_limit_is_set_per_channel(
    webhook_channel: Channel, receiver: WebhookReceiver, due_piece: DuePiece
) -> None:
    db.session.get(ChannelPublishing, webhook_channel.id).late_after_minutes = 90
    db.session.commit()
    piece = due_piece(webhook_channel)

    assert services.publish_due(later(minutes=60)).outcomes == {"published": [piece.id]}


def test_a_channel_without_publishing_settings_uses_30_minutes(
    make_channel: Callable[..., Channel], due_piece: DuePiece
) -> None:
    piece = due_piece(make_channel("douyin"))

    assert services.publish_due(later(minutes=45)).outcomes == {"late": [piece.id]}


def test_publish_now_sends_a_late_piece_in_the_next_pass(
    receiver: WebhookReceiver, webhook_piece: Piece, make_user: Callable[..., User]
) -> None:
    reviewer = make_user("reviewer")
    piece = webhook_piece
    services.publish_due(later(hours=2))

    services.publish_now(reviewer, piece, now=later(hours=2, minutes=1))

    assert services.publish_due(later(hours=2, minutes=1)).outcomes == {"published": [piece.id]}
    assert len(receiver.requests) == 1
    audit = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "piece.publish_late_now")
    )
    assert audit.actor_id == reviewer.id and audit.details["planned"].startswith("2026-12-01T00")


def test_a_late_piece_can_be_sent_back_or_rescheduled(
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
    make_user: Callable[..., User],
) -> None:
    from app.schedule.services import reschedule

    reviewer, manager = make_user("reviewer"), make_user("manager")
    back, moved = due_piece(webhook_channel), due_piece(webhook_channel, title="改期")
    services.publish_due(later(hours=2))

    services.send_back(reviewer, back, reason="时机已过，改稿", now=later(hours=2))
    reschedule(manager, moved, later(days=1), now=later(hours=2))

    assert db.session.get(Piece, back.id).status == Status.IN_REVIEW
    assert job_of(moved).state == JobState.PENDING and job_of(moved).late_at is None
    assert services.publish_due(later(days=1)).outcomes == {"published": [moved.id]}


def test_the_problems_page_offers_publish_now_for_a_late_piece(
    client: FlaskClient,
    login_as,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
) -> None:
    piece = due_piece(webhook_channel, title="迟到的推送")
    services.publish_due(later(hours=3))
    login_as("reviewer")

    page = client.get("/publishing").get_data(as_text=True)
    section = page[page.index('id="late"') : page.index('id="missed"')]
    assert "迟到的推送" in section and f"/publishing/{piece.id}/publish-now" in section

    assert client.post(f"/publishing/{piece.id}/publish-now").status_code == 302
    assert job_of(piece).state == JobState.PENDING
    assert services.publish_due().outcomes == {"published": [piece.id]}
    assert client.post(f"/publishing/{piece.id}/publish-now").status_code == 400  # not late now


def test_the_late_limit_is_a_channel_publishing_setting(
    client: FlaskClient, login_as, make_channel: Callable[..., Channel]
) -> None:
    channel = make_channel("douyin")
    login_as("admin")
    assert 'value="30"' in client.get(f"/publishing/channels/{channel.id}").get_data(as_text=True)

    form = {"adapter": "manual", "late_after_minutes": "120"}
    assert client.post(f"/publishing/channels/{channel.id}", data=form).status_code == 302
    assert db.session.get(ChannelPublishing, channel.id).late_after_minutes == 120
    refused = client.post(
        f"/publishing/channels/{channel.id}", data=form | {"late_after_minutes": "0"}
    )
    assert refused.status_code == 400 and "1440" in refused.get_data(as_text=True)


def test_the_problem_lists_are_in_publish_order_whatever_the_ids(
    webhook_channel: Channel, due_piece: DuePiece
) -> None:
    """Put in order in Python since issue 16 (an ORDER BY sent SQLite through the wrong index)."""
    from tests.publishing.conftest import NOW

    last = due_piece(webhook_channel, NOW)  # made first, due last
    first = due_piece(webhook_channel, later(minutes=-20))
    middle = due_piece(webhook_channel, later(minutes=-10))
    missed = services.problems(later(minutes=15))["missed"]
    assert [p.id for p in missed] == [first.id, middle.id, last.id]
    for piece in (last, first, middle):
        piece.status = Status.FAILED
    db.session.commit()
    failed = services.problems(later(minutes=15))["failed"]
    assert [p.id for p in failed] == [first.id, middle.id, last.id]
