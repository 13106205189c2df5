"""A UGC piece whose authorisation allows showing the name gets no name hit for it (item 4)."""

from __future__ import annotations

from collections.abc import Callable

from app.checks.services import check_piece
from app.consent import services
from app.models import Channel, Piece, User
from tests.consent.conftest import MakeAuthorisation

BODY = "本期获奖者王小明，另一位获奖者李娜。"


def names_hit(piece: Piece) -> list[str]:
    return [hit.text for hit in check_piece(piece).hits if hit.term == "姓名"]


def test_a_name_shown_with_consent_is_no_hit_and_comes_back_after_withdrawal(
    make_piece: Callable[..., Piece],
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    channel = make_channel("xiaohongshu")
    piece = make_piece(channel=channel, content_type="ugc", body=BODY)
    assert names_hit(piece) == ["王小明", "李娜"]
    shown = make_authorisation(channel, customer="王小明", show_name=True)
    hidden = make_authorisation(channel, customer="李娜", show_name=False)

    services.attach(piece.owner, piece, shown)
    services.attach(piece.owner, piece, hidden)

    assert names_hit(piece) == ["李娜"]
    stored = piece.current_revision.report
    assert [hit["text"] for hit in stored["hits"] if hit["term"] == "姓名"] == ["李娜"]
    services.withdraw(make_user("legal"), shown, "用户撤回")
    assert names_hit(piece) == ["王小明", "李娜"]
