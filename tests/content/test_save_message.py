"""The editor's save message says what was saved, not “内容没有变化” when tags or the date were."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask.testing import FlaskClient

from app.models import Piece, utcnow
from tests.conftest import editor_form, login


def _save(client: FlaskClient, piece: Piece, **changes: str) -> str:
    response = client.post(
        f"/pieces/{piece.id}/edit", data=editor_form(piece, **changes), follow_redirects=True
    )
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_tags_and_the_planned_date_are_named_when_only_they_changed(
    client: FlaskClient, make_piece: Callable[..., Piece]
) -> None:
    piece = make_piece()
    login(client, piece.owner)
    number = piece.current_revision.number
    day = (utcnow() + timedelta(days=3)).date().isoformat()
    page = _save(client, piece, tags="针织，秋冬", planned_date=day)
    assert "已保存标签、计划日期；正文等内容没有变化，未生成新版本。" in page
    assert "内容没有变化，未生成新版本。" not in page.replace("正文等内容没有变化", "")
    page = _save(client, piece, tags="针织")
    assert "已保存标签；正文等内容没有变化，未生成新版本。" in page
    assert piece.current_revision.number == number
    assert "已保存为第" in _save(client, piece, body="新的正文")
