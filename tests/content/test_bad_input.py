"""Bad input to the pipeline: each refused with a clear Chinese message, nothing changed."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage
from werkzeug.test import TestResponse, encode_multipart

from app.extensions import db
from app.models import AuditEvent, Piece, ReviewDecision, Revision, Topic, User
from app.review.services import review_queue
from config import Config
from tests.channels.conftest import PNG  # a real image: covers are decoded
from tests.conftest import count_rows, editor_form, login


def snapshot(piece: Piece | None = None) -> tuple[Any, ...]:
    """Everything a refused request must leave as it was."""
    db.session.expire_all()
    counts = tuple(count_rows(m) for m in (Piece, Revision, Topic, AuditEvent, ReviewDecision))
    if piece is None:
        return counts
    fresh = db.session.get(Piece, piece.id)
    assert fresh is not None
    return (*counts, fresh.status, fresh.current_revision_id, fresh.approved_hash, fresh.title)


def refused(response: TestResponse, status: int, message: str) -> None:
    """The response has `status` and shows `message` to the user."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert message in response.get_data(as_text=True)


@pytest.fixture
def own_piece(make_piece: Callable[..., Piece], client: FlaskClient) -> Piece:
    """A draft piece whose owner is signed in on `client`."""
    piece = make_piece()
    login(client, piece.owner)
    return piece


def save(client: FlaskClient, piece: Piece, **changes: Any) -> TestResponse:
    """Post the editor for `piece` with `changes` applied to its current content."""
    return client.post(f"/pieces/{piece.id}/edit", data=editor_form(piece, **changes))


# --- empty title, long body -------------------------------------------------------------------


def test_empty_title_is_refused_on_edit(client: FlaskClient, own_piece: Piece) -> None:
    before = snapshot(own_piece)
    refused(save(client, own_piece, title="   "), 400, "标题不能为空。")
    assert snapshot(own_piece) == before


def test_empty_title_is_refused_on_create(client: FlaskClient, own_piece: Piece) -> None:
    before = snapshot()
    data = editor_form(own_piece, title="")
    refused(client.post("/pieces/new", data=data), 400, "标题不能为空。")
    assert snapshot() == before


def test_body_limit_defaults_to_50000_characters(app: Flask) -> None:
    assert Config.MAX_BODY_CHARS == 50_000
    assert app.config["MAX_BODY_CHARS"] == 50_000


def test_body_over_default_limit_is_refused(client: FlaskClient, own_piece: Piece) -> None:
    before = snapshot(own_piece)
    refused(save(client, own_piece, body="棉" * 50_001), 400, "正文不能超过 50000 个字符")
    assert snapshot(own_piece) == before

    assert save(client, own_piece, body="棉" * 50_000).status_code == 302
    assert len(db.session.get(Piece, own_piece.id).current_revision.body) == 50_000


def test_body_limit_follows_configuration(
    app: Flask, client: FlaskClient, own_piece: Piece
) -> None:
    app.config["MAX_BODY_CHARS"] = 20
    before = snapshot(own_piece)
    refused(save(client, own_piece, body="麻" * 21), 400, "正文不能超过 20 个字符")
    assert snapshot(own_piece) == before
    assert save(client, own_piece, body="麻" * 20).status_code == 302


# --- covers -----------------------------------------------------------------------------------


def upload_cover(client: FlaskClient, piece: Piece, data: bytes) -> TestResponse:
    """Save the editor with `data` as the cover file (encoded in memory: no temp file leaks)."""
    form = editor_form(piece, cover=FileStorage(io.BytesIO(data), "cover.png", "cover"))
    boundary, body = encode_multipart(form)
    content_type = f"multipart/form-data; boundary={boundary}"
    return client.post(f"/pieces/{piece.id}/edit", data=body, content_type=content_type)


def covers_stored(app: Flask) -> list[str]:
    """Names of cover files written to the upload folder."""
    folder = Path(app.config["UPLOAD_FOLDER"]) / "covers"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"just some text, renamed to look like a picture", "封面必须是 PNG、JPEG、GIF 或 WebP"),
        (b"%PDF-1.7\n" + b"0" * 100, "封面必须是 PNG、JPEG、GIF 或 WebP"),
        (PNG + b"\x00" * (5 * 1024 * 1024), "封面图片不能超过 5 MB"),
    ],
    ids=["text-as-png", "pdf", "over-5mb"],
)
def test_bad_cover_is_refused(
    app: Flask, client: FlaskClient, own_piece: Piece, data: bytes, message: str
) -> None:
    assert app.config["MAX_COVER_BYTES"] == 5 * 1024 * 1024
    before = snapshot(own_piece)
    refused(upload_cover(client, own_piece, data), 400, message)
    assert snapshot(own_piece) == before
    assert covers_stored(app) == []


def test_request_over_upload_limit_is_refused(
    app: Flask, client: FlaskClient, own_piece: Piece
) -> None:
    before = snapshot(own_piece)
    huge = PNG + b"\x00" * app.config["MAX_CONTENT_LENGTH"]
    refused(upload_cover(client, own_piece, huge), 413, "超过了大小限制")
    assert snapshot(own_piece) == before


def test_image_cover_is_accepted_and_served(
    app: Flask, client: FlaskClient, own_piece: Piece
) -> None:
    assert upload_cover(client, own_piece, PNG).status_code == 302
    [name] = covers_stored(app)
    assert db.session.get(Piece, own_piece.id).current_revision.cover == name
    with client.get(f"/covers/{name}") as response:
        assert response.data.startswith(b"\x89PNG") and name.endswith(".png")


# --- illegal transitions ----------------------------------------------------------------------

# (piece state, who posts, url under /…/{id}, form data) for moves the table does not allow
ILLEGAL = [
    ("in_review", "owner", "/pieces/{id}/submit", {}),
    ("approved", "owner", "/pieces/{id}/submit", {}),
    ("scheduled", "owner", "/pieces/{id}/submit", {}),
    ("rejected", "owner", "/pieces/{id}/submit", {}),
    ("draft", "reviewer", "/review/{id}/decide", {"decision": "approve"}),
    ("approved", "reviewer", "/review/{id}/decide", {"decision": "reject", "reason": "再驳回"}),
    ("rejected", "reviewer", "/review/{id}/decide", {"decision": "approve"}),
    ("draft", "reviewer", "/calendar/pieces/{id}/published", {"url": "https://example.com/p/1"}),
    ("rejected", "reviewer", "/calendar/pieces/{id}/published", {"url": "https://example.com/p/1"}),
]


@pytest.mark.parametrize(("state", "who", "url", "data"), ILLEGAL)
def test_crafted_post_for_illegal_transition_is_409(
    client: FlaskClient,
    make_piece: Callable[..., Piece],
    make_user: Callable[..., User],
    state: str,
    who: str,
    url: str,
    data: dict[str, str],
) -> None:
    reviewer = make_user("reviewer")
    piece = make_piece(status=state, reviewer=make_user("reviewer"))
    login(client, piece.owner if who == "owner" else reviewer)
    before = snapshot(piece)
    data = {"revision_id": str(piece.current_revision_id), **data}
    refused(client.post(url.format(id=piece.id), data=data), 409, "不能执行")
    assert snapshot(piece) == before


# --- someone else's piece ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        (("writer",), "你不能修改别人的稿件。"),
        (("reviewer",), "你的角色无权访问此页面。"),
        (("legal",), "你的角色无权访问此页面。"),
    ],
)
def test_editing_someone_elses_piece_is_403(
    client: FlaskClient,
    make_piece: Callable[..., Piece],
    make_user: Callable[..., User],
    roles: tuple[str, ...],
    message: str,
) -> None:
    piece = make_piece()
    login(client, make_user(*roles))
    before = snapshot(piece)
    refused(client.get(f"/pieces/{piece.id}/edit"), 403, message)
    refused(save(client, piece, title="别人改的标题"), 403, message)
    refused(client.post(f"/pieces/{piece.id}/submit"), 403, message)
    refused(client.post(f"/pieces/{piece.id}/archive"), 403, message)
    assert snapshot(piece) == before


def test_manager_may_edit_someone_elses_piece(
    client: FlaskClient, make_piece: Callable[..., Piece], make_user: Callable[..., User]
) -> None:
    piece = make_piece()
    login(client, make_user("manager"))
    assert save(client, piece, title="主管改的标题").status_code == 302
    assert db.session.get(Piece, piece.id).title == "主管改的标题"


# --- unknown ids ------------------------------------------------------------------------------

UNKNOWN = [
    ("GET", "/pieces/999999"),
    ("GET", "/pieces/999999/edit"),
    ("POST", "/pieces/999999/edit"),
    ("POST", "/pieces/999999/submit"),
    ("POST", "/pieces/999999/archive"),
    ("POST", "/calendar/pieces/999999/published"),
    ("GET", "/pieces/999999/revisions"),
    ("GET", "/pieces/{piece}/revisions?a=1&b=999"),
    ("GET", "/pieces/{piece}/revisions?a=999&b=1"),
    ("GET", "/topics/999999"),
    ("POST", "/topics/999999/decide"),
    ("GET", "/pieces/new?topic=999999"),
    ("GET", "/covers/no-such-cover.png"),
    ("GET", "/review/999999"),
    ("POST", "/review/999999/decide"),
]


@pytest.mark.parametrize(("method", "url"), UNKNOWN)
def test_unknown_id_is_404(
    client: FlaskClient,
    make_piece: Callable[..., Piece],
    make_user: Callable[..., User],
    method: str,
    url: str,
) -> None:
    piece = make_piece()
    login(client, make_user("writer", "reviewer", "manager"))
    before = snapshot(piece)
    response = client.open(url.format(piece=piece.id), method=method)
    refused(response, 404, "你要找的内容不存在")
    assert snapshot(piece) == before


# --- saves that change nothing, edits after approval ------------------------------------------


@pytest.mark.parametrize("state", ["draft", "in_review", "approved", "scheduled"])
def test_save_without_changes_keeps_revision_and_review(
    client: FlaskClient, make_piece: Callable[..., Piece], state: str
) -> None:
    piece = make_piece(status=state)
    login(client, piece.owner)
    before = snapshot(piece)
    response = client.post(
        f"/pieces/{piece.id}/edit", data=editor_form(piece), follow_redirects=True
    )
    assert response.status_code == 200
    assert "内容没有变化，未生成新版本。" in response.get_data(as_text=True)
    assert snapshot(piece) == before


def test_metadata_change_after_approval_keeps_approval(
    client: FlaskClient, make_piece: Callable[..., Piece]
) -> None:
    piece = make_piece(status="approved")
    login(client, piece.owner)
    before = snapshot(piece)
    assert save(client, piece, tags="通勤，早春").status_code == 302
    assert snapshot(piece) == before
    assert db.session.get(Piece, piece.id).tag_list == ["通勤", "早春"]


@pytest.mark.parametrize("state", ["approved", "scheduled"])
def test_edit_after_approval_sends_piece_back_to_review(
    client: FlaskClient,
    make_piece: Callable[..., Piece],
    make_user: Callable[..., User],
    state: str,
) -> None:
    reviewer = make_user("reviewer")
    piece = make_piece(status=state, reviewer=reviewer)
    old_revision, old_hash = piece.current_revision_id, piece.approved_hash
    assert old_hash is not None
    login(client, piece.owner)

    response = save(client, piece, body="改后的正文：亚麻衬衫配九分裤。")
    assert response.status_code == 302
    db.session.expire_all()
    piece = db.session.get(Piece, piece.id)
    assert piece.status == "in_review"
    assert piece.current_revision_id != old_revision
    assert piece.current_revision.number == 2
    assert piece.approved_hash is None and piece.publish_at is None
    assert piece in review_queue()
    revise = db.session.query(AuditEvent).filter_by(action="piece.revise", object_id=piece.id)
    assert [(e.from_state, e.to_state) for e in revise] == [(state, "in_review")]

    # the reviewer's next approval is pinned to the new content, not the old one
    client.post("/logout")
    login(client, reviewer)
    data = {"revision_id": str(piece.current_revision_id), "decision": "approve"}
    assert client.post(f"/review/{piece.id}/decide", data=data).status_code == 302
    db.session.expire_all()
    piece = db.session.get(Piece, piece.id)
    assert piece.status == "approved"
    assert piece.approved_hash == piece.current_revision.content_hash != old_hash
