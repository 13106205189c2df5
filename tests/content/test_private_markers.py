"""The private-use characters U+E000–E002 mark hits on the review page; input cannot carry them."""

from __future__ import annotations

from app.content.comments import add_comment
from app.extensions import db
from app.rendering import mark_plain, render_marked_markdown
from tests.conftest import edit_body, login

MARKERS = "\ue0007\ue001坏\ue002"


def test_markers_are_stripped_from_titles_bodies_and_comments(make_piece, make_user) -> None:
    writer = make_user("writer")
    piece = make_piece(writer, title=f"标题{MARKERS}", body="正文")
    assert piece.current_revision.title == "标题7坏"
    edit_body(writer, piece, f"正文{MARKERS}<b>")
    assert piece.current_revision.body == "正文7坏<b>"
    comment = add_comment(writer, piece, f"评论{MARKERS}")
    assert comment.body == "评论7坏"


def test_review_page_survives_markers_stored_before_the_fix(client, make_piece, make_user) -> None:
    piece = make_piece(status="in_review", body="正文")
    revision = piece.current_revision
    revision.body = f"亚麻{MARKERS}衬衫"  # as stored by the old code
    revision.title = f"标题{MARKERS}"
    db.session.commit()
    login(client, make_user("reviewer"))
    response = client.get(f"/review/{piece.id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "亚麻\ufffd7\ufffd坏\ufffd衬衫" in page


def test_marking_never_lets_a_marker_open_a_tag() -> None:
    assert "<mark" not in str(render_marked_markdown(f"a{MARKERS}", []))
    assert "</mark>" not in str(mark_plain(f"a{MARKERS}", []))
