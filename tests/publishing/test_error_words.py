"""Publish errors in the reader's language (issue 20 item 2): an adapter's error is message keys
with parameters, stored on the job next to its Chinese text, and written in the reader's
language on the monitor and the piece page; older rows show the text they stored."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.channels.messages import chinese
from app.channels.wechat_oa import error_for
from app.errors import Conflict
from app.extensions import db
from app.models import Channel, JobState, Piece, PublishJob, User
from app.notifications.events import Words
from app.publishing import services
from app.publishing.job_errors import job_error_text, stored_words
from tests.channels.fakes import WebhookReceiver, WeChatFake
from tests.conftest import login
from tests.english import chinese_in, merged_english
from tests.publishing.conftest import NOW, add_cover, job_of, later, notices

DuePiece = Callable[..., Piece]

CHINESE_40125 = "AppSecret 无效，请在公众平台核对或重置（错误码 40125）"
ENGLISH_40125 = (
    "Invalid AppSecret; check or reset it on the WeChat Official Accounts Platform "
    "(error code 40125)"
)


def _failed(make_piece: Callable[..., Piece], **fields: object) -> Piece:
    """An approved piece put straight into ``failed`` (the runner's path is tested above)."""
    piece = make_piece(status="approved", **fields)
    piece.status = "failed"
    db.session.commit()
    return piece


def _monitor(client: FlaskClient, monkeypatch: pytest.MonkeyPatch, lang: str) -> str:
    with merged_english(monkeypatch):
        return client.get(f"/publishing?lang={lang}").get_data(as_text=True)


def test_str_of_an_error_stays_chinese_and_its_words_are_keys() -> None:
    error = error_for(40125, "invalid appsecret rid: 6751-abc")

    assert str(error) == CHINESE_40125
    assert error.message == "AppSecret 无效，请在公众平台核对或重置"
    assert [part[0] for part in error.said] == ["wechat.errcode.40125", "channel.code"]
    assert chinese(error.said) == CHINESE_40125


def test_a_platform_errmsg_is_a_parameter_kept_as_written_not_translated(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = error_for(61234, "invalid thing hint: [xyz]")

    assert str(error) == "微信接口返回错误 61234（错误码 61234）"
    assert dict(error.said[0][1]) == {"errcode": 61234, "errmsg": "invalid thing hint: [xyz]"}
    words = Words(error.said)
    assert Words.from_json(words.to_json()) == words  # stored and read back unchanged
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        from app.notifications.wording import say

        assert say(words) == "The WeChat API returned error 61234 (error code 61234)"


def test_a_wechat_error_reads_english_on_the_monitor_and_the_piece_page(
    app: Flask,
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    wechat_channel: Channel,
    wechat: WeChatFake,
    due_piece: DuePiece,
    make_user: Callable[..., User],
) -> None:
    wechat.secret = "rotated-on-the-platform"
    piece = due_piece(wechat_channel)
    add_cover(app, piece)

    assert services.publish_due(NOW).outcomes == {"failed": [piece.id]}

    job = job_of(piece)
    assert job.last_error == CHINESE_40125  # the Chinese, for logs, the CLI and bots
    assert job.last_error_params == [
        ["wechat.errcode.40125", {}],
        ["channel.code", {"code": 40125}],
    ]
    login(client, make_user("reviewer"))
    english = _monitor(client, monkeypatch, "en")
    assert ENGLISH_40125 in english and "AppSecret 无效" not in english
    assert CHINESE_40125 in _monitor(client, monkeypatch, "zh_Hans_CN")
    with merged_english(monkeypatch):
        page = client.get(f"/pieces/{piece.id}?lang=en").get_data(as_text=True)
    assert ENGLISH_40125 in page and "AppSecret 无效" not in page
    # the alert to the reviewer and the writer says it in their language too
    [notice] = [n for n in notices("failed") if n.user_id == piece.owner_id]
    assert notice.text == CHINESE_40125


def test_retries_and_giving_up_are_said_in_the_readers_language(
    app: Flask,
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
    make_user: Callable[..., User],
) -> None:
    receiver.status = 503
    piece = due_piece(webhook_channel)

    assert services.publish_due(NOW).outcomes == {"retrying": [piece.id]}
    retrying = job_of(piece)
    assert retrying.last_error == (
        "Webhook 接收方暂时不可用（HTTP 503）（错误码 503）（第 1 次失败，约 30 秒后自动重试）"
    )
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        assert job_error_text(retrying) == (
            "The webhook receiver is temporarily unavailable (HTTP 503) (error code 503) "
            "(failure 1; retrying automatically in about 30 seconds)"
        )

    services.publish_due(later(minutes=5))
    services.publish_due(later(minutes=10))

    failed = job_of(piece)
    assert failed.state == JobState.FAILED
    # once retries are over, the "will retry" clause is gone in both languages
    assert failed.last_error == (
        "已尝试 3 次仍未成功，最后一次：Webhook 接收方暂时不可用（HTTP 503）（错误码 503）"
    )
    login(client, make_user("reviewer"))
    english = _monitor(client, monkeypatch, "en")
    assert (
        "Still failing after 3 attempts; the last one: The webhook receiver is temporarily "
        "unavailable (HTTP 503) (error code 503)"
    ) in english
    assert "已尝试" not in english and "Webhook 接收方" not in english


def test_an_older_row_without_words_shows_its_stored_text(
    app: Flask,
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    make_piece: Callable[..., Piece],
    make_user: Callable[..., User],
) -> None:
    old = _failed(make_piece, title="旧稿件")
    overwritten = _failed(make_piece, title="被改写的稿件")
    words = Words(error_for(45028).said)
    db.session.add_all(
        [
            PublishJob(piece=old, state="failed", last_error="旧版本保存的错误（错误码 45028）"),
            # another writer replaced the text without the words: the text wins
            PublishJob(
                piece=overwritten,
                state="failed",
                last_error="后来写入的原因",
                last_error_params=words.to_json(),
            ),
        ]
    )
    db.session.commit()

    assert stored_words(job_of(old)) is None and stored_words(job_of(overwritten)) is None
    login(client, make_user("reviewer"))
    english = _monitor(client, monkeypatch, "en")
    assert "<span data-user-content>旧版本保存的错误（错误码 45028）</span>" in english
    assert "<span data-user-content>后来写入的原因</span>" in english
    assert "today’s publishing quota" not in english
    # nothing else on the rows is left in Chinese: titles and stored texts are user content
    rows = english.split('id="failed"', 1)[1].split("</section>", 1)[0]
    unmarked = re.sub(r"<span data-user-content>[^<]*</span>", "", rows)
    assert "旧稿件" not in unmarked and chinese_in(unmarked) == [], chinese_in(unmarked)


def test_a_retry_of_an_edited_piece_is_refused_without_claiming_it_was_sent_back(
    app: Flask,
    monkeypatch: pytest.MonkeyPatch,
    make_piece: Callable[..., Piece],
    make_user: Callable[..., User],
) -> None:
    piece = _failed(make_piece)
    db.session.add(PublishJob(piece=piece, state="failed", last_error="网络错误"))
    piece.approved_hash = "0" * 64  # the content was edited after the approval
    db.session.commit()
    reviewer = make_user("reviewer")

    with pytest.raises(Conflict) as caught:
        services.retry(reviewer, piece)

    assert str(caught.value) == (
        "不能重试：当前内容与审核通过的版本不一致（审核通过后被修改），请退回审核后重新审核。"
    )
    assert "已退回审核" not in str(caught.value)
    db.session.refresh(piece)
    assert piece.status == "failed"  # nothing was sent back: the sentence says so
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        assert caught.value.message == (
            "Cannot retry: the current content differs from the approved version (it was edited "
            "after approval). Send it back to review and have it reviewed again."
        )
