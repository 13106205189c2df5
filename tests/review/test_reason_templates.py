"""The review page's ready-made reasons: shown in the reader's language, kept as configured."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.models import Piece
from tests.english import chinese_in, merged_english


def _options(page: str) -> list[tuple[str, str, str]]:
    select = page[page.index('name="template"') :]
    select = select[: select.index("</select>")]
    return re.findall(r'<option([^>]*)value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_shipped_reasons_read_in_english_and_keep_their_chinese_value(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[..., object],
    make_piece: Callable[..., Piece],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    piece = make_piece(status="in_review")
    login_as("reviewer")
    app.config["REVIEW_REASON_TEMPLATES"] = (
        "含绝对化用语，请改为可证实的具体描述。",
        "本店自定义的理由",
    )
    with merged_english(monkeypatch):
        page = client.get(f"/review/{piece.id}?lang=en").get_data(as_text=True)
    shipped, custom = _options(page)[1:]
    assert shipped[1] == "含绝对化用语，请改为可证实的具体描述。"  # the value stays as configured
    assert shipped[2].startswith("Uses absolute claims") and not chinese_in(shipped[2])
    assert "data-user-content" not in shipped[0]
    assert custom[1:] == ("本店自定义的理由", "本店自定义的理由")  # as written, marked as such
    assert "data-user-content" in custom[0]
    chinese = client.get(f"/review/{piece.id}?lang=zh_Hans_CN").get_data(as_text=True)
    assert _options(chinese)[1][2] == "含绝对化用语，请改为可证实的具体描述。"
