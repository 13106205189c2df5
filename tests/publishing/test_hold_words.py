"""The publish-time re-check's hold notice in the reader's language (issue 20 item 2): the hits
are parameters, stored as words; the history and the job keep the Chinese."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from app.extensions import db
from app.models import Channel, Piece
from app.publishing import services
from tests.channels.fakes import WebhookReceiver
from tests.conftest import login
from tests.english import merged_english
from tests.publishing.conftest import BANNED, NOW, job_of, notices


def test_the_recheck_hold_notice_reads_english_for_an_english_reader(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: Callable[..., Piece],
    load_lexicon: Callable[..., int],
) -> None:
    piece = due_piece(webhook_channel, body="今天介绍新款亚麻衬衫，附带违禁词一枚。")
    load_lexicon(BANNED)  # legal adds a block entry after the approval

    assert services.publish_due(NOW).outcomes == {"held": [piece.id]}

    chinese = "发布前复检命中禁止发布的内容：“违禁词”（违禁词：删除）"
    [notice] = [n for n in notices("held") if n.user_id == piece.owner_id]
    assert notice.text == chinese and job_of(piece).last_error == chinese
    login(client, db.session.get(Piece, piece.id).owner)
    with merged_english(monkeypatch):
        page = client.get("/notifications/?lang=en").get_data(as_text=True)
    assert (
        "The publish-time re-check found content that may not be published: "
        "“<span data-user-content>违禁词</span>” (<span data-user-content>违禁词</span>: "
        "<span data-user-content>删除</span>)"
    ) in page
    assert "发布前复检" not in page
