"""Issue 16: the queue's writer filter lists the writers with pieces in review, not every
writer account (which grows with the team), and keeps the one chosen."""

from __future__ import annotations

import re


def _options(page: str) -> list[str]:
    [select] = re.findall(r'<select name="writer".*?</select>', page, re.S)
    return re.findall(r'<option value="(\d+)"', select)


def test_the_writer_filter_offers_writers_with_pieces_in_review(
    client, login_as, make_user, make_piece
) -> None:
    waiting = make_user("writer", username="has-one-in-review")
    idle = make_user("writer", username="only-drafts")
    make_piece(waiting, status="in_review")
    make_piece(idle, status="draft")
    login_as("reviewer")
    page = client.get("/review/").get_data(as_text=True)
    assert _options(page) == [str(waiting.id)]
    chosen = client.get(f"/review/?writer={idle.id}").get_data(as_text=True)
    assert sorted(_options(chosen)) == sorted([str(waiting.id), str(idle.id)])
    assert f'<option value="{idle.id}" selected' in chosen
