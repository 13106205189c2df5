"""Issue 14.2: log-out and password changes end log-ins; remember tokens are per log-in."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from flask import Flask, g
from flask.testing import FlaskClient
from flask_login.utils import encode_cookie
from sqlalchemy import select

from app.extensions import db
from app.models import UserSession, utcnow
from tests.conftest import PASSWORD, login

NEW_PASSWORD = "plum-blossom-river-7"


def _forget_request_state() -> None:
    """The tests' requests share the test's app context, hence `g`, where Flask-Login caches the
    user it loaded: forget it so that each request authenticates from its own cookies."""
    g.pop("_login_user", None)
    g.pop("csrf_token", None)


def _signed_in(client: FlaskClient) -> bool:
    _forget_request_state()
    response = client.get("/")
    return response.status_code == 200


def _post(client: FlaskClient, url: str, **kwargs):  # type: ignore[no-untyped-def]
    _forget_request_state()
    return client.post(url, **kwargs)


def _copy(client: FlaskClient, app: Flask, *names: str) -> FlaskClient:
    """A second browser holding copies of `client`'s cookies `names`."""
    other = app.test_client()
    for name in names:
        cookie = client.get_cookie(name)
        assert cookie is not None, name
        other.set_cookie(name, cookie.value)
    return other


def _remember(client: FlaskClient, user) -> None:
    data = {"username": user.username, "password": PASSWORD, "remember": "y"}
    assert _post(client, "/login", data=data).status_code == 302


def test_a_session_cookie_copied_before_logout_no_longer_works_after(app, client, make_user):
    login(client, make_user("writer"))
    thief = _copy(client, app, "session")
    assert _signed_in(thief)
    _post(client, "/logout")
    assert not _signed_in(client)
    _forget_request_state()
    response = thief.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_remember_cookie_dies_with_logout_and_differs_per_log_in(app, client, make_user):
    user = make_user("writer")
    _remember(client, user)
    first = client.get_cookie("remember_token").value
    thief = _copy(client, app, "remember_token")  # a browser that only has the remember cookie
    assert _signed_in(thief)
    second_browser = app.test_client()
    _remember(second_browser, user)
    assert second_browser.get_cookie("remember_token").value != first
    _post(client, "/logout")
    assert not _signed_in(_copy(client, app)) and not _signed_in(app.test_client())
    late = app.test_client()
    late.set_cookie("remember_token", first)
    assert not _signed_in(late)
    assert _signed_in(second_browser)  # the other log-in is untouched by this log-out


def test_remember_me_lasts_14_days_not_a_year(app, client, make_user):
    user = make_user("writer")
    data = {"username": user.username, "password": PASSWORD, "remember": "y"}
    response = _post(client, "/login", data=data)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "remember_token" in c)
    row = db.session.scalar(select(UserSession))
    assert row.remember and row.expires_at - row.created_at == timedelta(days=14)
    assert "Max-Age" not in cookie or "Max-Age=1209600" in cookie
    remembered = client.get_cookie("remember_token").value
    with time_machine.travel(utcnow() + timedelta(days=14, minutes=1)):
        late = app.test_client()
        late.set_cookie("remember_token", remembered)
        assert not _signed_in(late)  # expired on the server even if the browser kept it


def test_a_forged_remember_cookie_with_a_user_id_is_refused(app, make_user):
    """Today the remember cookie is the user id signed with SECRET_KEY: whoever knows the key
    (the public default) signs in as anyone. Now it must name a live log-in."""
    admin = make_user("admin")
    forger = app.test_client()
    forger.set_cookie("remember_token", encode_cookie(str(admin.id)))
    assert not _signed_in(forger)
    with forger.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(admin.id), True
    assert not _signed_in(forger)


def test_changing_the_password_ends_the_other_log_ins(app, client, make_user):
    user = make_user("writer")
    _remember(client, user)
    laptop = _copy(client, app, "session", "remember_token")
    phone = app.test_client()
    _forget_request_state()
    login(phone, user)
    form = {"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    response = _post(phone, "/account/password", data=form)
    assert response.status_code == 302
    assert _signed_in(phone)  # this browser goes on with a new log-in
    assert not _signed_in(laptop) and not _signed_in(client)


def test_the_session_is_emptied_on_log_in(app, client, make_user):
    user = make_user("writer")
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"], session["csrf_token"] = "by-an-attacker", "fixed-csrf-token"
    login(client, user)
    with client.session_transaction() as session:
        assert "planted" not in session and session.get("csrf_token") != "fixed-csrf-token"


def test_deactivating_a_user_ends_their_log_ins(app, client, make_user):
    from app.auth.services import update_user

    user, admin = make_user("writer"), make_user("admin")
    login(client, user)
    update_user(user, roles=["writer"], active=False, actor=admin)
    assert not _signed_in(client)
    assert db.session.scalar(select(UserSession).where(UserSession.user_id == user.id)) is None
