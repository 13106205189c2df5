"""A posted role that is not one of the app's roles is refused in the app's words, in the
reader's language (issue 20): WTForms' own message was English on the Chinese page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from app.models import User
from tests.conftest import login
from tests.english import merged_english

JSON = {"Accept": "application/json"}


@pytest.mark.parametrize(
    ("lang", "says"),
    [("zh_Hans_CN", "请只选择列出的角色。"), ("en", "Choose only the roles listed.")],
)
def test_an_unknown_role_is_refused_in_our_words(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    make_user: Callable[..., User],
    lang: str,
    says: str,
) -> None:
    admin, writer = make_user("admin"), make_user("writer")
    login(client, admin)
    url = f"/admin/users/{writer.id}?lang={lang}"

    with merged_english(monkeypatch):
        page = client.post(url, data={"roles": ["reviewer", "overlord"]})
        body = client.post(url, data={"roles": "overlord"}, headers=JSON).get_json()

    html = page.get_data(as_text=True)
    assert page.status_code == 400 and says in html
    assert "valid choice" not in html
    assert body["field"] == "roles" and body["message"] == says
    assert sorted(writer.roles) == ["writer"]  # nothing was changed
