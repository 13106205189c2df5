"""The user list (issue 16): paginated, searchable, its size bounded by the page size."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from app.models import User


def test_the_user_list_is_paginated(
    app: Flask, client: FlaskClient, login_as: Callable[..., User], make_user: Callable[..., User]
) -> None:
    login_as("admin")
    size = app.config["PAGE_SIZE"]
    names = [make_user(username=f"zz-person-{n:03d}").username for n in range(size + 3)]
    first = client.get("/admin/users").get_data(as_text=True)
    shown = [name for name in names if name in first]
    assert 0 < len(shown) < size + 1  # one page only
    rest = client.get("/admin/users?page=2").get_data(as_text=True)
    assert names[-1] in rest
    assert names[-1] not in first


def test_search_finds_by_name_display_name_or_email(
    client: FlaskClient, login_as: Callable[..., User], make_user: Callable[..., User]
) -> None:
    login_as("admin")
    make_user(username="lin-wen")
    make_user(username="zhou-min")
    found = client.get("/admin/users?q=LIN-W").get_data(as_text=True)
    assert "lin-wen" in found
    assert "zhou-min" not in found


def test_search_treats_wildcards_as_text_and_says_when_nothing_matches(
    client: FlaskClient, login_as: Callable[..., User], make_user: Callable[..., User]
) -> None:
    login_as("admin")
    make_user(username="plain-name")
    response = client.get("/admin/users?q=%25")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "plain-name" not in page
    assert "没有用户名、显示名或邮箱含“%”的用户。" in page
