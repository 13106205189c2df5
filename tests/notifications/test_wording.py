"""Notices in the reader's language: stored as message keys with parameters, written when read."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import refresh
from sqlalchemy import select

from app.analytics import digests
from app.content.services import submit
from app.extensions import db
from app.models import Notification
from app.notifications import wording
from app.notifications.events import NOTICE_WORDS, Words
from app.notifications.services import notify
from tests.conftest import login
from tests.english import chinese_in, merged_english

NAME = "春装上新"  # a piece title, a channel name, a reason …: user content, shown as written
NUMBERS = {"hours", "limit", "minutes", "due", "version", "added", "changed", "removed"}
NUMBERS |= {"entries", "number", "days"}


def sample_params(key: str) -> dict[str, str | int]:
    """Parameters for the message of ``key``: numbers for counts, a user-written name else."""
    names = re.findall(r"%\((\w+)\)s", NOTICE_WORDS[key])
    return {name: 17 if name in NUMBERS else NAME for name in names}


@pytest.mark.parametrize("key", sorted(NOTICE_WORDS))
def test_every_wording_reads_in_chinese_and_english(
    app: Flask, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    params = sample_params(key)
    words = Words.of(key, **params)
    chinese = NOTICE_WORDS[key] % params
    assert str(words) == wording.say(words) == chinese  # outside a request: Chinese
    with app.test_request_context("/"):
        refresh()  # Flask-Babel keeps the locale on `g`, which outlives a test request
        assert wording.say(words) == chinese
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        refresh()
        english = wording.say(words)
        html = str(wording.write(words))
    assert chinese_in(english.replace(NAME, "")) == [], english
    assert english != chinese
    for name, value in params.items():
        assert str(value) in english, name
        if isinstance(value, str):  # names stay as written and are marked as user content
            assert f"<span data-user-content>{value}</span>" in html
    assert chinese_in(re.sub(r"<span data-user-content>[^<]*</span>", "", html)) == []


def test_words_keep_their_parts_through_json() -> None:
    words = Words.of("missed.text", minutes=7) + Words.of("missed.last_error", error="超时")
    words += Words.as_is("审核员写的原因")
    assert Words.from_json(words.to_json()) == words
    assert str(words) == "计划发布时间已过 7 分钟，稿件仍未发布。最近的错误：超时审核员写的原因"
    assert Words.from_json([["no_such_key", {}]]) is None
    assert Words.from_json([["submitted", {}]]) is None  # its parameter is missing
    assert Words.from_json("待审核") is None
    with pytest.raises(KeyError):
        Words.of("no_such_key")


def _page(client: FlaskClient, lang: str) -> str:
    response = client.get(f"/notifications/?lang={lang}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_bell_shows_each_reader_their_language(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch, make_piece, make_user
) -> None:
    reviewer = make_user("reviewer")
    piece = make_piece()
    submit(piece.owner, piece)
    [notice] = db.session.query(Notification).filter_by(user_id=reviewer.id).all()
    assert notice.title == f"待审核：{piece.title}"  # stored in Chinese for bots, e-mail, search
    assert notice.params == {"title": [["submitted", {"piece": piece.title}]], "text": []}
    login(client, reviewer)
    assert f"待审核：<span data-user-content>{piece.title}</span>" in _page(client, "zh_Hans_CN")
    with merged_english(monkeypatch):
        page = _page(client, "en")
    assert f"To review: <span data-user-content>{piece.title}</span>" in page
    assert "待审核" not in page


def test_a_reason_people_wrote_stays_as_written_in_english(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch, make_user
) -> None:
    writer = make_user("writer")
    title = Words.of("changes_requested", piece="秋季新品")
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        assert notify([writer], "changes_requested", title, text="补充面料成分") == [writer.id]
    db.session.commit()
    notice = db.session.scalars(select(Notification).filter_by(user_id=writer.id)).one()
    assert (notice.title, notice.text) == ("稿件需要修改：秋季新品", "补充面料成分")
    login(client, writer)
    with merged_english(monkeypatch):
        page = _page(client, "en")
    assert "Changes requested: <span data-user-content>秋季新品</span>" in page
    assert "<span data-user-content>补充面料成分</span>" in page


@pytest.mark.parametrize(
    "params", [None, {"title": [["no_such_key", {}]], "text": [["submitted", {}]]}]
)
def test_an_old_or_unreadable_row_shows_its_stored_text(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch, make_user, params: dict | None
) -> None:
    user = make_user("reviewer")
    notice = Notification(
        user_id=user.id, event="held", title="旧通知：夏季清仓", text="旧的正文", params=params
    )
    db.session.add(notice)
    db.session.commit()
    login(client, user)
    with merged_english(monkeypatch):
        page = _page(client, "en")
    assert "<span data-user-content>旧通知：夏季清仓</span>" in page
    assert "<span data-user-content>旧的正文</span>" in page


def test_a_digest_reads_in_english_with_its_figures(
    app: Flask, monkeypatch: pytest.MonkeyPatch, make_user
) -> None:
    make_user("manager")
    digest = digests.send("day", datetime(2026, 12, 7, 1, 0, tzinfo=UTC))
    [notice] = db.session.query(Notification).filter_by(event="digest").all()
    assert notice.text == digest.text and notice.text.startswith("阅读 ")
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        refresh()
        text = str(wording.text(notice))
        title = str(wording.title(notice))
    assert "Daily operations report" in title
    assert "Reads " in text and "Publishing: 0 on time" in text and "Details: " in text
    assert chinese_in(text) == []


def test_a_translation_that_lost_a_parameter_falls_back_to_chinese(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wording, "_", lambda source: "To review: %(title)s")  # a broken msgstr
    words = Words.of("submitted", piece="秋季新品")
    with app.test_request_context("/?lang=en"):
        assert wording.say(words) == "待审核：秋季新品"
        assert str(wording.write(words)) == "待审核：<span data-user-content>秋季新品</span>"
