"""Right before anything goes out: blackouts, the approved hash and the CURRENT word lists."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.models import BlackoutWindow, Channel, JobState, OutboxMessage, Piece, User
from app.publishing import services
from app.schedule import services as scheduling
from app.workflow import Status
from tests.channels.fakes import WebhookReceiver, WeChatFake
from tests.conftest import login
from tests.publishing.conftest import (
    BANNED,
    NOW,
    add_cover,
    blackout,
    job_of,
    later,
    notices,
)

DuePiece = Callable[..., Piece]


# --- blackouts --------------------------------------------------------------------------------


def test_a_due_piece_inside_an_all_channel_blackout_is_held_until_rescheduled(
    receiver: WebhookReceiver, mourning: BlackoutWindow, webhook_piece: Piece, manager: User
) -> None:
    piece = webhook_piece

    assert services.publish_due(later(seconds=1)).outcomes == {"blackout": [piece.id]}
    assert services.publish_due(later(hours=7)).count() == 0  # not even after the window
    assert services.watchdog(later(hours=7)) == 0  # stopped, not "missed": already alerted

    assert receiver.requests == []
    job = job_of(piece)
    assert job.state == JobState.BLACKOUT and "禁发时段" in job.last_error
    assert db.session.get(Piece, piece.id).status == Status.SCHEDULED
    (alert,) = notices("held")
    assert alert.user_id == manager.id and "全国哀悼日" in alert.text
    assert services.problems(later(hours=7))["blackout"] == [db.session.get(Piece, piece.id)]
    assert services.problems(later(hours=7))["missed"] == []

    scheduling.reschedule(
        manager, db.session.get(Piece, piece.id), later(hours=8), now=later(hours=7)
    )

    assert job_of(piece).blackout_at is None
    assert services.publish_due(later(hours=8)).outcomes == {"published": [piece.id]}


def test_a_blackout_on_another_channel_does_not_stop_this_one(
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
    make_channel: Callable[..., Channel],
    make_user: Callable[..., User],
) -> None:
    blackout(make_user("manager"), later(hours=-1), later(hours=6), make_channel("douyin"))
    piece = due_piece(webhook_channel)

    assert services.publish_due(NOW).outcomes == {"published": [piece.id]}


def test_a_retry_falling_into_a_channel_blackout_waits_for_a_person(
    webhook_channel: Channel, receiver: WebhookReceiver, webhook_piece: Piece, manager: User
) -> None:
    receiver.status = 503
    piece = webhook_piece
    assert services.publish_due(NOW).outcomes == {"retrying": [piece.id]}
    blackout(manager, later(seconds=10), later(hours=1), webhook_channel)

    assert services.publish_due(later(seconds=30)).outcomes == {"blackout": [piece.id]}
    assert services.publish_due(later(hours=2)).count() == 0
    assert len(receiver.requests) == 1 and job_of(piece).state == JobState.BLACKOUT

    receiver.status = 200
    # a person decides it may go now
    services.retry(manager, db.session.get(Piece, piece.id), now=later(hours=2))
    assert services.publish_due(later(hours=2)).outcomes == {"published": [piece.id]}


def test_the_problems_page_and_the_calendar_say_why_a_piece_did_not_go_out(
    client: FlaskClient, mourning: BlackoutWindow, webhook_piece: Piece, manager: User
) -> None:
    piece = webhook_piece
    services.publish_due(NOW)
    login(client, manager)

    problems = client.get("/publishing").get_data(as_text=True)
    week = client.get(f"/calendar?view=week&date={NOW.date().isoformat()}").get_data(as_text=True)

    assert "禁发时段" in problems and piece.title in problems and "全国哀悼日" in problems
    assert f"/calendar/pieces/{piece.id}/schedule" in problems  # 调整排期
    assert piece.title in week and "禁发时段暂停，请重新排期" in week


# --- the re-check before every attempt that still has a platform step ---------------------


def test_a_retry_is_rechecked_against_the_current_word_lists(
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
    load_lexicon: Callable[..., int],
) -> None:
    receiver.status = 503
    piece = due_piece(webhook_channel, body="今天介绍新款亚麻衬衫，附带违禁词一枚。")
    assert services.publish_due(NOW).outcomes == {"retrying": [piece.id]}
    load_lexicon(BANNED)  # legal adds a block entry while the retry waits
    receiver.status = 200

    assert services.publish_due(later(seconds=30)).outcomes == {"held": [piece.id]}

    assert len(receiver.requests) == 1  # only the first, failed attempt
    assert db.session.get(Piece, piece.id).status == Status.HELD
    (approval,) = [d for d in piece.decisions if d.decision == "approve"]
    assert approval.reviewer_id in {n.user_id for n in notices("held")}


def test_a_retry_of_content_changed_after_approval_goes_back_to_review(
    webhook_channel: Channel, receiver: WebhookReceiver, due_piece: DuePiece
) -> None:
    receiver.status = 503
    piece = due_piece(webhook_channel)
    assert services.publish_due(NOW).outcomes == {"retrying": [piece.id]}
    piece.approved_hash = "0" * 64
    db.session.commit()

    assert services.publish_due(later(seconds=30)).outcomes == {"refused": [piece.id]}

    assert len(receiver.requests) == 1
    assert db.session.get(Piece, piece.id).status == Status.IN_REVIEW
    assert job_of(piece).state == JobState.STOPPED


def test_a_send_already_submitted_is_polled_without_a_recheck(
    app: Flask,
    wechat_channel: Channel,
    wechat: WeChatFake,
    due_piece: DuePiece,
    load_lexicon: Callable[..., int],
) -> None:
    wechat.polls_until_done = 100
    piece = due_piece(wechat_channel, body="今天介绍新款亚麻衬衫，附带违禁词一枚。")
    add_cover(app, piece)
    assert services.publish_due(NOW).outcomes == {"polling": [piece.id]}
    load_lexicon(BANNED)  # too late: WeChat already has it
    wechat.polls_until_done = 0

    assert services.publish_due(later(minutes=1)).outcomes == {"published": [piece.id]}


# --- a group send: the re-check and the lead -----------------------------------------------


def test_a_blocked_piece_leaves_its_group_send_before_the_submit_and_the_rest_goes(
    app: Flask,
    wechat_channel: Channel,
    wechat: WeChatFake,
    due_piece: DuePiece,
    load_lexicon: Callable[..., int],
) -> None:
    first = due_piece(wechat_channel, body="今天介绍新款亚麻衬衫，附带违禁词一枚。")
    second = due_piece(wechat_channel, title="第二篇")
    for piece in (first, second):
        add_cover(app, piece)
    wechat.throttled["/cgi-bin/draft/add"] = "45"  # HTTP 429: the send is retried later
    assert services.publish_due(NOW).outcomes == {"retrying": [first.id, second.id]}
    assert job_of(first).next_attempt_at == later(seconds=45)  # Retry-After beats the 30 s
    load_lexicon(BANNED)

    report = services.publish_due(later(seconds=45))

    assert report.outcomes == {"held": [first.id], "published": [second.id]}
    ((_, articles),) = wechat.draft_articles.items()
    assert [a["title"] for a in articles] == ["第二篇"]
    assert len(wechat.materials) == 2  # the covers uploaded before the retry were reused
    assert job_of(second).batch_id == second.id and job_of(first).batch_id is None
    assert db.session.get(Piece, first.id).status == Status.HELD


def test_outbox_copies_of_a_blackout_hold_follow_the_routes(
    webhook_channel: Channel, due_piece: DuePiece, make_user: Callable[..., User]
) -> None:
    from app.notifications.routes import RouteSettings, add_route

    admin = make_user("admin")
    add_route(admin, RouteSettings("值班群", "wecom", ("held",), url="https://qyapi.example/x"))
    blackout(make_user("manager"), later(hours=-1), later(hours=1))
    due_piece(webhook_channel)

    services.publish_due(NOW)
    services.publish_due(later(minutes=30))

    (message,) = db.session.scalars(select(OutboxMessage))
    assert message.event == "held" and "禁发时段" in message.text
