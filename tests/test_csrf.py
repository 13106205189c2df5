"""CSRF: with protection on, as in production, a form POST without its token is refused."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from app.extensions import db
from app.models import AuditEvent, Channel, Piece, Revision, Topic, User
from tests.conftest import PASSWORD, count_rows, editor_form

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CSRF_MESSAGE = "缺少安全令牌（CSRF）"


def token_from(client: FlaskClient, url: str) -> str:
    """GET `url` and return the CSRF token of the form rendered there."""
    response = client.get(url)
    assert response.status_code == 200
    match = TOKEN.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def assert_refused(response: TestResponse) -> None:
    """The request was refused as a CSRF failure, with the Chinese explanation."""
    assert response.status_code == 400
    assert CSRF_MESSAGE in response.get_data(as_text=True)


def sign_in(client: FlaskClient, user: User) -> None:
    """Sign in through the protected login form, token included."""
    data = {"username": user.username, "password": PASSWORD}
    response = client.post("/login", data={**data, "csrf_token": token_from(client, "/login")})
    assert response.status_code == 302


def test_login_without_token_is_refused(
    csrf_client: FlaskClient, make_user: Callable[..., User]
) -> None:
    user = make_user("writer")
    events = count_rows(AuditEvent)
    data = {"username": user.username, "password": PASSWORD}

    assert_refused(csrf_client.post("/login", data=data))
    assert csrf_client.get("/").status_code == 302  # still signed out
    assert count_rows(AuditEvent) == events

    data["csrf_token"] = token_from(csrf_client, "/login")
    response = csrf_client.post("/login", data=data)
    assert response.status_code == 302
    assert csrf_client.get("/").status_code == 200


def test_forged_token_is_refused(csrf_client: FlaskClient, make_user: Callable[..., User]) -> None:
    user = make_user("writer")
    data = {"username": user.username, "password": PASSWORD, "csrf_token": "forged"}
    assert_refused(csrf_client.post("/login", data=data))
    assert csrf_client.get("/").status_code == 302


def test_topic_proposal_without_token_is_refused(
    csrf_client: FlaskClient,
    make_user: Callable[..., User],
    make_channel: Callable[..., Channel],
) -> None:
    channel = make_channel()
    sign_in(csrf_client, make_user("writer"))
    data = {"title": "早春风衣选题", "content_type": "styling", "channels": [str(channel.id)]}

    assert_refused(csrf_client.post("/topics/new", data=data))
    assert count_rows(Topic) == 0

    data["csrf_token"] = token_from(csrf_client, "/topics/new")
    response = csrf_client.post("/topics/new", data=data)
    assert response.status_code == 302
    assert db.session.scalars(select(Topic.title)).all() == ["早春风衣选题"]


def test_piece_save_without_token_is_refused(
    csrf_client: FlaskClient, make_piece: Callable[..., Piece]
) -> None:
    piece = make_piece()
    sign_in(csrf_client, piece.owner)
    before = (count_rows(Revision), piece.current_revision_id)
    data = editor_form(piece, title="改过的标题")
    url = f"/pieces/{piece.id}/edit"

    assert_refused(csrf_client.post(url, data=data))
    db.session.expire_all()
    assert (count_rows(Revision), db.session.get(Piece, piece.id).current_revision_id) == before

    data["csrf_token"] = token_from(csrf_client, url)
    assert csrf_client.post(url, data=data).status_code == 302
    db.session.expire_all()
    assert count_rows(Revision) == before[0] + 1
    assert db.session.get(Piece, piece.id).title == "改过的标题"


def test_submit_and_logout_buttons_need_the_token(
    csrf_client: FlaskClient, make_piece: Callable[..., Piece]
) -> None:
    piece = make_piece()
    sign_in(csrf_client, piece.owner)

    assert_refused(csrf_client.post(f"/pieces/{piece.id}/submit"))
    assert_refused(csrf_client.post("/logout"))
    db.session.expire_all()
    assert db.session.get(Piece, piece.id).status == "draft"
    assert csrf_client.get("/").status_code == 200  # still signed in

    token = token_from(csrf_client, f"/pieces/{piece.id}")
    response = csrf_client.post(f"/pieces/{piece.id}/submit", data={"csrf_token": token})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Piece, piece.id).status == "in_review"
