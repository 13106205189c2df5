"""Nothing fails silently: missed pieces are flagged once; manual posts handed over and chased."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from app.content.services import mark_published
from app.extensions import db
from app.models import AuditEvent, Channel, JobState, Notification, Piece, PublishJob, User
from app.publishing import services
from app.workflow import Status
from tests.publishing.conftest import NOW, later

DuePiece = Callable[..., Piece]


def notified(event: str) -> list[tuple[int, str]]:
    """(user id, title) of the in-app notifications of one event."""
    query = select(Notification).where(Notification.event == event).order_by(Notification.id)
    return [(n.user_id, n.title) for n in db.session.scalars(query)]


def test_a_piece_unpublished_five_minutes_after_its_time_is_missed_once(
    webhook_channel: Channel, due_piece: DuePiece, make_user: Callable[..., User]
) -> None:
    manager = make_user("manager")
    piece = due_piece(webhook_channel)  # no worker ran: it is still scheduled

    assert services.watchdog(later(minutes=4, seconds=59)) == 0
    assert services.watchdog(later(minutes=5)) == 1
    assert services.watchdog(later(minutes=30)) == 0

    job = db.session.get(PublishJob, piece.id)
    assert job.missed_at == later(minutes=5)
    users = {user_id for user_id, _ in notified("missed")}
    assert manager.id in users and len(users) == 2  # the approving reviewer and the manager
    reason = db.session.scalar(select(AuditEvent.reason).where(AuditEvent.action == "piece.missed"))
    assert "发布进程可能没有运行" in reason
    # a late worker still publishes it within the late limit (30 min), from the placeholder job
    assert services.publish_due(later(minutes=30)).outcomes == {"published": [piece.id]}


def test_a_piece_waiting_for_a_retry_is_missed_with_its_last_error(
    webhook_channel: Channel, receiver, due_piece: DuePiece
) -> None:
    receiver.status = 502
    piece = due_piece(webhook_channel)
    services.publish_due(NOW)

    assert services.run_pass(later(minutes=6))["missed_alerts"] == 1

    text = db.session.scalar(select(AuditEvent.reason).where(AuditEvent.action == "piece.missed"))
    assert "HTTP 502" in text
    assert db.session.get(Piece, piece.id).status == Status.PUBLISHING


def test_published_held_and_failed_pieces_are_not_missed(
    webhook_channel: Channel, receiver, due_piece: DuePiece
) -> None:
    due_piece(webhook_channel)
    services.publish_due(NOW)
    receiver.status = 400
    due_piece(webhook_channel)
    services.publish_due(NOW)

    assert services.watchdog(later(hours=2)) == 0


def test_a_manual_channel_hands_the_package_to_its_assignee_who_marks_it_published(
    manual_channel: Channel, due_piece: DuePiece, make_user: Callable[..., User]
) -> None:
    manager = make_user("manager")
    piece = due_piece(manual_channel, title="小红书：亚麻衬衫三种穿法")
    assignee = manual_channel.publishing.assignee

    assert services.publish_due(NOW).outcomes == {"awaiting_person": [piece.id]}
    assert services.publish_due(later(minutes=1)).count() == 0  # handed over once

    (ready,) = db.session.scalars(select(Notification).where(Notification.event == "manual_ready"))
    assert ready.user_id == assignee.id
    assert "# 小红书：亚麻衬衫三种穿法" in ready.text and "发布平台：小红书" in ready.text
    job = db.session.get(PublishJob, piece.id)
    assert job.state == JobState.AWAITING_PERSON and job.lease_owner is None

    # the assignee was told at the publish time; no generic "missed" alert at five minutes,
    # one escalation to the managers (and a reminder to the assignee) after HEMLINE_MANUAL_ESCALATE
    assert services.watchdog(later(minutes=5)) == 0
    assert services.watchdog(later(minutes=59)) == 0 and notified("missed") == []
    assert services.watchdog(later(minutes=60)) == 1
    assert services.watchdog(later(minutes=90)) == 0
    titles = {user_id: title for user_id, title in notified("missed")}
    assert titles == {
        manager.id: "手动发布超时：小红书：亚麻衬衫三种穿法",
        assignee.id: "手动发布超时：小红书：亚麻衬衫三种穿法",
    }

    mark_published(assignee, db.session.get(Piece, piece.id), url="https://xhslink.com/a1")

    db.session.expire_all()
    piece = db.session.get(Piece, piece.id)
    assert piece.status == Status.PUBLISHED and piece.post_url == "https://xhslink.com/a1"
    assert services.watchdog(later(hours=3)) == 0
    job = db.session.get(PublishJob, piece.id)
    assert job.state == JobState.DONE and job.platform_url == "https://xhslink.com/a1"


def test_the_piece_page_lets_the_assignee_record_the_manual_post(
    manual_channel: Channel, due_piece: DuePiece, client
) -> None:
    from tests.conftest import login

    piece = due_piece(manual_channel)
    services.publish_due(NOW)
    login(client, manual_channel.publishing.assignee)

    page = client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    assert "等待人工发布" in page and "标记为已发布" in page
    assert "发布平台：小红书" in page  # the ready package, to copy from

    response = client.post(
        f"/calendar/pieces/{piece.id}/published", data={"url": "https://xhslink.com/b"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Piece, piece.id).status == Status.PUBLISHED


def test_a_retried_piece_that_is_late_again_is_alerted_again(
    webhook_channel: Channel, receiver, due_piece: DuePiece, make_user: Callable[..., User]
) -> None:
    reviewer = make_user("reviewer")
    receiver.status = 503
    piece = due_piece(webhook_channel)
    services.publish_due(NOW)
    assert services.watchdog(later(minutes=6)) == 1
    for at in (later(seconds=30), later(seconds=90)):
        services.publish_due(at)
    assert db.session.get(Piece, piece.id).status == Status.FAILED

    services.retry(reviewer, db.session.get(Piece, piece.id))

    assert db.session.get(PublishJob, piece.id).missed_at is None
    assert services.watchdog(later(minutes=20)) == 1  # still not out: a second alert


def test_a_piece_sent_back_and_scheduled_again_is_alerted_again(
    webhook_channel: Channel, receiver, due_piece: DuePiece, make_user: Callable[..., User]
) -> None:
    reviewer = make_user("reviewer")
    receiver.status = 400
    piece = due_piece(webhook_channel)
    services.publish_due(NOW)
    job = db.session.get(PublishJob, piece.id)
    job.missed_at = job.escalated_at = later(minutes=5)
    db.session.commit()

    services.send_back(reviewer, db.session.get(Piece, piece.id), reason="改标题")

    db.session.expire_all()
    job = db.session.get(PublishJob, piece.id)
    assert (job.missed_at, job.escalated_at) == (None, None)
