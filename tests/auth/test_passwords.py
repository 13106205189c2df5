"""Issue 14.3: changing one's password, an admin's reset, and the password rule."""

from __future__ import annotations

import pytest
from flask import g
from sqlalchemy import select

from app.auth.passwords import common_passwords, password_problem
from app.auth.services import authenticate, create_user
from app.errors import InvalidInput
from app.extensions import db
from app.models import AuditEvent
from tests.conftest import PASSWORD, login

NEW = "plum-blossom-river-7"
TEMP = "temporary-Lantern-42"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Short-1a", "至少需要 10 个字符"),
        ("password1234", "常见密码"),  # 12 characters: today's 8-character rule lets it in
        ("qwertyuiop", "常见密码"),
        ("Dragon2026!!", "常见密码"),  # a listed word with digits and punctuation around it
        ("woaini1314", "常见密码"),
        ("13812345678", "只由数字"),  # a phone number
        ("abababababab", "更多不同的字符"),
        ("liwei-2026!", "用户名"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password: str, reason: str) -> None:
    problem = password_problem(password, username="liwei")
    assert problem is not None and reason in problem


def test_good_passwords_pass_and_the_list_is_shipped() -> None:
    assert len(common_passwords()) >= 10_000
    for password in (PASSWORD, NEW, TEMP, "秋冬针织系列上新啦2026"):
        assert password_problem(password, username="liwei") is None


def test_create_user_applies_the_rule(app) -> None:
    with pytest.raises(InvalidInput, match="常见密码"):
        create_user("liwei", "password1234", ["writer"])
    with pytest.raises(InvalidInput, match="10 个字符"):
        create_user("liwei", "Abc-12345", ["writer"])  # 9 characters


def test_a_user_changes_their_own_password(client, make_user) -> None:
    user = make_user("writer")
    login(client, user)
    page = client.get("/")
    assert "/account/password" in page.get_data(as_text=True)  # in the user menu
    wrong = {"current": "not-my-password", "new": NEW, "confirm": NEW}
    response = client.post("/account/password", data=wrong)
    assert response.status_code == 400 and "当前密码不正确" in response.get_data(as_text=True)
    weak = {"current": PASSWORD, "new": "password1234", "confirm": "password1234"}
    response = client.post("/account/password", data=weak)
    assert response.status_code == 400 and "常见密码" in response.get_data(as_text=True)
    assert authenticate(user.username, PASSWORD) is user
    good = {"current": PASSWORD, "new": NEW, "confirm": NEW}
    assert client.post("/account/password", data=good).status_code == 302
    assert authenticate(user.username, PASSWORD) is None
    assert authenticate(user.username, NEW) is user
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == user.id))
    assert "user.password_change" in set(actions)


def test_after_an_admin_reset_every_page_leads_to_the_change_form(app, client, make_user):
    user, admin = make_user("writer"), make_user("admin")
    login(client, user)
    admin_browser = app.test_client()
    g.pop("_login_user", None)  # the tests' requests share `g`: let each load its own user
    login(admin_browser, admin)
    unconfirmed = admin_browser.post(f"/admin/users/{user.id}/password", data={"password": TEMP})
    assert unconfirmed.status_code == 400 and "请勾选确认" in unconfirmed.get_data(as_text=True)
    reset = {"password": TEMP, "confirm": "y"}
    assert admin_browser.post(f"/admin/users/{user.id}/password", data=reset).status_code == 302
    assert user.must_change_password
    g.pop("_login_user", None)
    assert client.get("/").status_code == 302  # the user's log-in ended with the reset

    fresh = app.test_client()
    g.pop("_login_user", None)
    login(fresh, user, password=TEMP)
    for path in ("/", "/pieces", "/calendar"):
        response = fresh.get(path)
        assert response.status_code == 302 and response.headers["Location"].endswith(
            "/account/password"
        ), path
    assert fresh.get("/account/password").status_code == 200
    form = {"current": TEMP, "new": NEW, "confirm": NEW}
    assert fresh.post("/account/password", data=form).status_code == 302
    assert not user.must_change_password
    assert fresh.get("/pieces").status_code == 200
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == user.id))
    assert {"user.password_reset", "user.password_change"} <= set(actions)


def test_the_reset_needs_a_good_temporary_password(client, make_user) -> None:
    user = make_user("writer")
    login(client, make_user("admin"))
    response = client.post(
        f"/admin/users/{user.id}/password", data={"password": "1234567890", "confirm": "y"}
    )
    assert response.status_code == 400 and "只由数字" in response.get_data(as_text=True)
    assert not user.must_change_password
