"""The last stored errors in the reader's language (issue 20): the calendar's blackout badge,
the channel-health panel, take-down tasks and the notification outbox say what went wrong in
English to an English reader; Chinese pages are unchanged; older rows show their stored text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from app.models import BlackoutWindow, Piece, User
from app.publishing import services
from tests.conftest import login
from tests.english import merged_english
from tests.publishing.conftest import NOW

DuePiece = Callable[..., Piece]
CHINESE_BLACKOUT = "处于禁发时段（12-01 07:00 至 12-01 14:00，全部渠道，全国哀悼日）"
ENGLISH_BLACKOUT = "In a blackout (12-01 07:00 to 12-01 14:00, all channels, 全国哀悼日)"


def _get(client: FlaskClient, monkeypatch: pytest.MonkeyPatch, url: str, lang: str) -> str:
    with merged_english(monkeypatch):
        joiner = "&" if "?" in url else "?"
        return client.get(f"{url}{joiner}lang={lang}").get_data(as_text=True)


def _titles(page: str, css_class: str) -> list[str]:
    """The (unescaped) title attributes of the badges with ``css_class``."""
    found = re.findall(rf'<span class="badge {css_class}" title="([^"]*)"', page)
    return [html.unescape(title) for title in found]


# --- 1. the calendar's blackout badge ----------------------------------------------------------


def test_the_calendar_blackout_badge_says_why_in_the_readers_language(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    mourning: BlackoutWindow,
    webhook_piece: Piece,
    manager: User,
) -> None:
    assert services.publish_due(NOW).outcomes == {"blackout": [webhook_piece.id]}
    login(client, manager)
    week = f"/calendar?view=week&date={NOW.date().isoformat()}"

    [english] = _titles(_get(client, monkeypatch, week, "en"), "overdue-flag")
    [chinese] = _titles(_get(client, monkeypatch, week, "zh_Hans_CN"), "overdue-flag")

    assert english.startswith(ENGLISH_BLACKOUT) and "禁发时段" not in english
    assert chinese.startswith(CHINESE_BLACKOUT)
