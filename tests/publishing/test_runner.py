"""The publishing pass: due pieces go out once, re-checked, with retries and clear failures."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Channel, JobState, Piece
from app.publishing import services
from app.workflow import Status
from tests.channels.fakes import WebhookReceiver, WeChatFake
from tests.publishing.conftest import BANNED, NOW, add_cover, job_of, later, notices

DuePiece = Callable[..., Piece]


def test_a_due_piece_is_published_once_with_the_platform_url(
    webhook_channel: Channel, receiver: WebhookReceiver, due_piece: DuePiece
) -> None:
    piece = due_piece(webhook_channel)

    report = services.publish_due(later(seconds=1))
    again = services.publish_due(later(minutes=10))

    assert report.outcomes == {"published": [piece.id]} and again.count() == 0
    (request,) = receiver.requests
    assert request["valid"] and json.loads(request["body"])["title"] == piece.title
    db.session.refresh(piece)
    assert piece.status == Status.PUBLISHED
    assert piece.post_url == "https://brand.example/posts/1" and piece.published_at == later(
        seconds=1
    )
    job = job_of(piece)
    assert (job.state, job.platform_id, job.lease_owner) == (JobState.DONE, "post-1", None)
    assert "delivered_at" in job.checkpoint
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_id == piece.id).order_by(AuditEvent.id)
    ).all()
    assert actions[-2:] == ["piece.start_publishing", "piece.mark_published"]


def test_a_piece_is_not_published_before_its_time(
    webhook_channel: Channel, receiver: WebhookReceiver, due_piece: DuePiece
) -> None:
    piece = due_piece(webhook_channel, at=later(hours=1))

    assert services.publish_due(later(minutes=59, seconds=59)).count() == 0
    assert receiver.requests == []
    assert services.publish_due(later(hours=1)).count("published") == 1
    assert db.session.get(Piece, piece.id).status == Status.PUBLISHED


def test_eight_oclock_shanghai_is_published_at_midnight_utc_not_before(
    webhook_channel: Channel, receiver: WebhookReceiver, due_piece: DuePiece
) -> None:
    eight_shanghai = datetime(2026, 12, 2, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    piece = due_piece(webhook_channel, at=eight_shanghai)
    db.session.expire_all()
    assert db.session.get(Piece, piece.id).publish_at == datetime(2026, 12, 2, 0, 0, tzinfo=UTC)

    # 23:59:59 UTC is 07:59:59 in Shanghai: one second too early
    assert services.publish_due(datetime(2026, 12, 1, 23, 59, 59, tzinfo=UTC)).count() == 0
    assert receiver.requests == []

    assert services.publish_due(datetime(2026, 12, 2, 0, 0, tzinfo=UTC)).count("published") == 1
    assert len(receiver.requests) == 1


def test_a_piece_edited_after_approval_is_sent_back_to_review_and_not_published(
    webhook_channel: Channel, receiver: WebhookReceiver, due_piece: DuePiece
) -> None:
    piece = due_piece(webhook_channel)
    piece.approved_hash = "0" * 64  # the approval covers other content than the current revision
    db.session.commit()

    report = services.publish_due(later(seconds=1))

    assert report.outcomes == {"refused": [piece.id]} and receiver.requests == []
    db.session.refresh(piece)
    assert piece.status == Status.IN_REVIEW and piece.approved_hash is None
    assert piece.publish_at is None


def test_a_new_block_hit_holds_the_piece_alerts_the_reviewer_and_sends_nothing(
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
    load_lexicon: Callable[..., int],
) -> None:
    piece = due_piece(webhook_channel, body="今天介绍新款亚麻衬衫，附带违禁词一枚。")
    load_lexicon(BANNED)  # legal adds a block entry after the approval

    report = services.publish_due(later(seconds=1))

    assert report.outcomes == {"held": [piece.id]} and receiver.requests == []
    db.session.refresh(piece)
    assert piece.status == Status.HELD
    job = job_of(piece)
    assert job.state == JobState.STOPPED and "违禁词" in job.last_error
    (approval,) = [d for d in piece.decisions if d.decision == "approve"]
    held = notices("held")
    assert {n.user_id for n in held} == {approval.reviewer_id, piece.owner_id}
    assert all("违禁词" in n.text and n.url == f"/pieces/{piece.id}" for n in held)


def test_a_transient_error_is_retried_with_backoff_then_fails_with_the_error_shown(
    webhook_channel: Channel, receiver: WebhookReceiver, due_piece: DuePiece, client, login_as
) -> None:
    receiver.status = 503
    piece = due_piece(webhook_channel)

    assert services.publish_due(NOW).outcomes == {"retrying": [piece.id]}
    job = job_of(piece)
    assert job.next_attempt_at == later(seconds=30) and job.state == JobState.PENDING
    assert "HTTP 503" in job.last_error and "第 1 次失败" in job.last_error
    assert db.session.get(Piece, piece.id).status == Status.PUBLISHING

    assert services.publish_due(later(seconds=29)).count() == 0  # backoff respected
    assert services.publish_due(later(seconds=30)).outcomes == {"retrying": [piece.id]}
    assert job_of(piece).next_attempt_at == later(seconds=90)  # 30 s, then 60 s
    assert services.publish_due(later(seconds=90)).outcomes == {"failed": [piece.id]}

    assert len(receiver.requests) == 3
    db.session.expire_all()
    assert db.session.get(Piece, piece.id).status == Status.FAILED
    last_error = job_of(piece).last_error
    assert last_error.startswith("已尝试 3 次仍未成功") and "稍后" not in last_error
    assert len(notices("failed")) == 2
    login_as("reviewer")
    page = client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    assert "HTTP 503" in page and "重试发布" in page


def test_a_429_waits_as_long_as_the_receiver_asks(
    webhook_channel: Channel, receiver: WebhookReceiver, due_piece: DuePiece
) -> None:
    receiver.status, receiver.retry_after = 429, "300"
    piece = due_piece(webhook_channel)

    assert services.publish_due(NOW).outcomes == {"retrying": [piece.id]}

    job = job_of(piece)
    assert job.next_attempt_at == later(seconds=300)  # not the 30 s backoff
    assert "约 300 秒后自动重试" in job.last_error
    assert services.publish_due(later(seconds=299)).count() == 0


def test_a_permanent_error_fails_at_once_with_the_message(
    webhook_channel: Channel, receiver: WebhookReceiver, due_piece: DuePiece
) -> None:
    receiver.status = 400
    piece = due_piece(webhook_channel)

    assert services.publish_due(NOW).outcomes == {"failed": [piece.id]}

    assert len(receiver.requests) == 1
    job = job_of(piece)
    assert job.state == JobState.FAILED and "拒绝了请求（HTTP 400）" in job.last_error
    assert db.session.get(Piece, piece.id).status == Status.FAILED


def test_the_wechat_flow_publishes_and_shares_the_token_through_the_database(
    app: Flask, wechat_channel: Channel, wechat: WeChatFake, due_piece: DuePiece
) -> None:
    first, second = due_piece(wechat_channel), due_piece(wechat_channel, at=later(minutes=1))
    add_cover(app, first)
    add_cover(app, second)

    report = services.publish_due(later(minutes=1))

    assert report.count("published") == 2
    assert (len(wechat.drafts), len(wechat.publishes)) == (2, 2)  # two minutes: two sends
    assert len(wechat.token_requests) == 1  # the second publish used the stored token
    stored = db.session.execute(select(db.metadata.tables["wechat_token"])).one()
    assert stored.appid == wechat.appid and "token-" not in stored.token_encrypted
    db.session.refresh(first)
    assert first.post_url.startswith("https://mp.weixin.qq.com/s/pub-")


def test_pieces_of_one_channel_and_minute_go_out_as_one_group_send(
    app: Flask, wechat_channel: Channel, wechat: WeChatFake, due_piece: DuePiece
) -> None:
    pieces = [due_piece(wechat_channel, title=f"第{n}篇") for n in (1, 2, 3)]
    pieces[2].publish_at = later(seconds=30)  # the same minute, not yet due on its own
    db.session.commit()
    for piece in pieces:
        add_cover(app, piece)

    report = services.publish_due(later(seconds=1))

    assert report.outcomes == {"published": [p.id for p in pieces]}
    ((publish_id, job),) = wechat.publishes.items()
    assert [a["title"] for a in wechat.draft_articles[job.media_id]] == ["第1篇", "第2篇", "第3篇"]
    assert wechat.calls.count("/cgi-bin/freepublish/submit") == 1
    db.session.expire_all()
    urls = [db.session.get(Piece, p.id).post_url for p in pieces]
    base = f"https://mp.weixin.qq.com/s/{publish_id}"
    assert urls == [base, f"{base}-2", f"{base}-3"]
    assert {job_of(p).batch_id for p in pieces} == {pieces[0].id}
    assert [job_of(p).state for p in pieces] == [JobState.DONE] * 3


def test_a_group_send_waiting_for_its_result_is_polled_once_for_all_its_pieces(
    app: Flask, wechat_channel: Channel, wechat: WeChatFake, due_piece: DuePiece
) -> None:
    wechat.polls_until_done = 100
    pieces = [due_piece(wechat_channel) for _ in range(2)]
    for piece in pieces:
        add_cover(app, piece)

    assert services.publish_due(NOW).outcomes == {"polling": [p.id for p in pieces]}
    polls = wechat.calls.count("/cgi-bin/freepublish/get")
    wechat.polls_until_done = 0
    report = services.publish_due(later(minutes=1))

    assert report.outcomes == {"published": [p.id for p in pieces]}
    assert wechat.calls.count("/cgi-bin/freepublish/get") == polls + 1
    assert len(wechat.drafts) == len(wechat.publishes) == 1


def test_invalid_wechat_credentials_fail_with_a_clear_message_and_no_retry_storm(
    app: Flask, wechat_channel: Channel, wechat: WeChatFake, due_piece: DuePiece
) -> None:
    wechat.secret = "rotated-on-the-platform"
    piece = due_piece(wechat_channel)
    add_cover(app, piece)

    assert services.publish_due(NOW).outcomes == {"failed": [piece.id]}
    assert services.publish_due(later(hours=1)).count() == 0

    assert "AppSecret 无效" in job_of(piece).last_error
    assert len(wechat.token_requests) == 1


def test_an_unknown_outcome_fails_and_a_retry_needs_a_person_to_confirm(
    app: Flask, wechat_channel: Channel, wechat: WeChatFake, due_piece: DuePiece, make_user
) -> None:
    app.config["WECHAT_TIMEOUT_SECONDS"] = 0.2
    wechat.delays["/cgi-bin/freepublish/submit"] = 0.5
    piece = due_piece(wechat_channel)
    add_cover(app, piece)

    assert services.publish_due(NOW).outcomes == {"failed": [piece.id]}
    job = job_of(piece)
    assert job.outcome_unknown and "请先在公众平台确认" in job.last_error

    reviewer = make_user("reviewer")
    with pytest.raises(Exception, match="我已确认"):
        services.retry(reviewer, db.session.get(Piece, piece.id))
    services.retry(reviewer, db.session.get(Piece, piece.id), confirmed_not_published=True)
    wechat.delays.clear()
    app.config["WECHAT_TIMEOUT_SECONDS"] = 2.0

    assert services.publish_due(later(minutes=1)).outcomes == {"published": [piece.id]}
    assert len(wechat.drafts) == 1  # the draft from the first attempt was reused


def test_a_channel_without_settings_is_handed_to_the_managers_by_hand(
    make_channel, due_piece: DuePiece, make_user
) -> None:
    manager = make_user("manager")
    piece = due_piece(make_channel("douyin"))

    assert services.publish_due(NOW).outcomes == {"awaiting_person": [piece.id]}

    (ready,) = notices("manual_ready")
    assert ready.user_id == manager.id and piece.title in ready.text


def test_an_unreachable_webhook_is_retried_later(
    make_channel, due_piece: DuePiece, make_user
) -> None:
    from app.models import AdapterKind
    from tests.publishing.conftest import configure

    channel = make_channel("weibo")
    configure(channel, AdapterKind.WEBHOOK, secret="s", webhook_url="http://127.0.0.1:9/in")
    piece = due_piece(channel)

    assert services.publish_due(NOW).outcomes == {"retrying": [piece.id]}
    assert "无法送达 Webhook 地址" in job_of(piece).last_error


def test_a_bug_in_an_adapter_fails_the_piece_visibly_instead_of_leaving_it_in_limbo(
    webhook_channel: Channel, due_piece: DuePiece, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.channels.webhook import WebhookAdapter

    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(WebhookAdapter, "publish", broken)
    piece = due_piece(webhook_channel)

    assert services.publish_due(NOW).outcomes == {"failed": [piece.id]}
    assert "内部错误" in job_of(piece).last_error and "boom" in job_of(piece).last_error
