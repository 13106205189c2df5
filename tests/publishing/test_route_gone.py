"""Deleting a notification route that is already gone (a double click, a second tab) ends on the
routes page with a notice, not on an error page; JSON callers get the app's 404 JSON."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from app.extensions import db
from app.models import NotificationRoute
from tests.english import merged_english

GONE = "该通知渠道已被删除。"
GONE_EN = "This notification route has already been deleted."


def _route() -> NotificationRoute:
    route = NotificationRoute(name="运营群", kind="email", recipients="ops@brand.example")
    db.session.add(route)
    db.session.commit()
    return route


def test_deleting_a_route_twice_says_it_is_gone_on_the_routes_page(
    client: FlaskClient, login_as
) -> None:
    login_as("admin")
    route_id = _route().id

    first = client.post(f"/publishing/notifications/{route_id}/delete")
    second = client.post(f"/publishing/notifications/{route_id}/delete", follow_redirects=True)

    assert first.status_code == 302
    assert second.status_code == 200 and second.request.path == "/publishing/notifications"
    assert GONE in second.get_data(as_text=True)
    assert db.session.get(NotificationRoute, route_id) is None


def test_a_json_caller_gets_404_json_for_a_route_already_gone(
    client: FlaskClient, login_as
) -> None:
    login_as("admin")
    route_id = _route().id
    client.post(f"/publishing/notifications/{route_id}/delete")

    answer = client.post(
        f"/publishing/notifications/{route_id}/delete", headers={"Accept": "application/json"}
    )

    assert answer.status_code == 404
    assert answer.get_json() == {"error": "not_found", "message": GONE, "status": 404}


def test_the_notice_that_a_route_is_gone_reads_english(
    client: FlaskClient, login_as, monkeypatch: pytest.MonkeyPatch
) -> None:
    login_as("admin")
    route_id = _route().id
    client.post(f"/publishing/notifications/{route_id}/delete")

    with merged_english(monkeypatch):
        page = client.post(
            f"/publishing/notifications/{route_id}/delete?lang=en", follow_redirects=True
        ).get_data(as_text=True)

    assert GONE_EN in page and GONE not in page
