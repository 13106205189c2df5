"""Recording a post made by hand cannot bypass the publisher or its publish-time checks."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.content.services import mark_published
from app.errors import ComplianceBlocked, Conflict, InvalidInput
from app.extensions import db
from app.models import Channel, Piece, User
from app.publishing import services
from app.workflow import Status
from tests.channels.fakes import WebhookReceiver
from tests.publishing.conftest import BANNED, NOW

DuePiece = Callable[..., Piece]


def test_a_manual_post_is_refused_while_the_api_publish_waits_to_retry(
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
    make_user: Callable[..., User],
) -> None:
    receiver.status = 503
    piece = due_piece(webhook_channel)
    assert services.publish_due(NOW).outcomes == {"retrying": [piece.id]}

    with pytest.raises(Conflict, match="发布进程正在通过平台接口发布"):
        mark_published(make_user("reviewer"), piece, url="https://weibo.example/p/1")

    db.session.expire_all()
    assert db.session.get(Piece, piece.id).status == Status.PUBLISHING


def test_a_manual_post_of_content_changed_after_approval_is_refused(
    manual_channel: Channel, due_piece: DuePiece
) -> None:
    piece = due_piece(manual_channel)
    services.publish_due(NOW)
    piece.approved_hash = "0" * 64
    db.session.commit()

    with pytest.raises(Conflict, match="与审核通过的版本不一致"):
        mark_published(manual_channel.publishing.assignee, piece, url="https://xhslink.com/a")


def test_a_manual_post_is_rechecked_against_the_current_word_lists(
    manual_channel: Channel, due_piece: DuePiece, load_lexicon: Callable[..., int]
) -> None:
    piece = due_piece(manual_channel, body="今天介绍新款亚麻衬衫，附带违禁词一枚。")
    services.publish_due(NOW)  # handed to the assignee
    load_lexicon(BANNED)  # legal adds a block entry before the assignee posts

    with pytest.raises(ComplianceBlocked, match="违禁词"):
        mark_published(manual_channel.publishing.assignee, piece, url="https://xhslink.com/a")

    db.session.expire_all()
    assert db.session.get(Piece, piece.id).status == Status.PUBLISHING


@pytest.mark.real_db  # the worker's claim commits on another connection
def test_a_manual_post_racing_the_workers_claim_is_refused(
    webhook_channel: Channel, due_piece: DuePiece, make_user: Callable[..., User]
) -> None:
    from sqlalchemy import text

    piece = due_piece(webhook_channel)
    reviewer = make_user("reviewer")
    with db.engine.begin() as worker:  # the worker claims it after the page was loaded
        worker.execute(
            text("UPDATE piece SET status = 'publishing' WHERE id = :id"), {"id": piece.id}
        )

    with pytest.raises(Conflict):
        mark_published(reviewer, piece, url="https://weibo.example/p/1")


def test_a_receivers_javascript_link_never_becomes_the_pieces_link(
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
    client,
    make_user: Callable[..., User],
) -> None:
    receiver.answer = {"url": "javascript:fetch('/admin')", "id": "post-1"}
    piece = due_piece(webhook_channel)

    assert services.publish_due(NOW).outcomes == {"published": [piece.id]}

    db.session.expire_all()
    assert db.session.get(Piece, piece.id).post_url == ""


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "https:evil"])
def test_a_manual_post_url_must_be_http(make_piece, make_user, url: str) -> None:
    piece = make_piece(status="approved")

    with pytest.raises(InvalidInput, match="http"):
        mark_published(make_user("reviewer"), piece, url=url)


def test_a_stored_javascript_link_is_not_rendered_as_a_link(client, make_piece, make_user) -> None:
    from tests.conftest import login

    piece = make_piece(status="approved")
    piece.post_url = "javascript:alert(1)"  # as stored by the old code
    db.session.commit()
    login(client, make_user("reviewer"))

    page = client.get(f"/pieces/{piece.id}").get_data(as_text=True)

    assert 'href="javascript' not in page and "javascript:alert(1)" in page
