"""The piece page shows the piece's current compliance report (checked against today's lexicon)."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from app.compliance import Entry
from app.models import Piece
from tests.conftest import login


def test_the_piece_page_shows_its_current_report(
    client: FlaskClient, make_piece: Callable[..., Piece], load_lexicon: Callable[..., int]
) -> None:
    piece = make_piece(title="秋冬大衣", body="这是今年最好的大衣，最好的羊毛。")
    login(client, piece.owner)
    page = client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    assert "<h2>合规检查</h2>" in page and "未发现问题。" in page
    # a word-list change shows at once, without a new revision
    load_lexicon(Entry("最好", "ad_absolute", "review", suggestion="写具体优点"))
    page = client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    assert "未发现问题。" not in page and "2 处命中" in page
    assert "建议：<span data-user-content>写具体优点</span>" in page
    assert 'name="ack:' not in page  # acknowledging hits belongs to the review page
