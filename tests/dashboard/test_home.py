"""The home page has something for every role: legal and admins too."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from app.compliance import Entry
from app.models import Channel, User
from tests.conftest import login


def test_legal_sees_the_inbox_and_the_latest_word_list_versions(
    client: FlaskClient, make_user: Callable[..., User], load_lexicon: Callable[..., int]
) -> None:
    version = load_lexicon(Entry("最好", "ad_absolute", "review"), reason="季度更新")
    login(client, make_user("legal"))
    page = client.get("/").get_data(as_text=True)
    assert "等待法务会签（0）" in page and "没有等待法务会签的稿件。" in page
    assert "没有待处理的误报报告。" in page
    assert f"版本 {version}" in page and "<span data-user-content>季度更新</span>" in page


def test_admins_see_users_channels_and_tokens(
    client: FlaskClient, make_user: Callable[..., User], make_channel: Callable[..., Channel]
) -> None:
    channel = make_channel()
    login(client, make_user("admin"))
    page = client.get("/").get_data(as_text=True)
    assert "启用中的用户：" in page and "有效的 API 令牌：0" in page
    assert f'href="/publishing/channels/{channel.id}"' in page


def test_writers_do_not_see_the_legal_or_admin_desks(
    client: FlaskClient, make_user: Callable[..., User]
) -> None:
    login(client, make_user("writer"))
    page = client.get("/").get_data(as_text=True)
    assert "误报收件箱" not in page and "系统管理" not in page
