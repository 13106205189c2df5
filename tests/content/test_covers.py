"""Covers are decoded and re-encoded, stored only with a valid draft, and served privately."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import TestResponse, encode_multipart

from app.extensions import db
from app.models import Piece
from tests.conftest import editor_form, login


def image_bytes(kind: str = "JPEG", size: tuple[int, int] = (8, 6), **save: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind, **save)
    return out.getvalue()


def upload(client: FlaskClient, piece: Piece, data: bytes, **changes: object) -> TestResponse:
    form = editor_form(piece, cover=FileStorage(io.BytesIO(data), "cover.jpg"), **changes)
    boundary, body = encode_multipart(form)
    return client.post(
        f"/pieces/{piece.id}/edit",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def stored(app: Flask) -> list[Path]:
    folder = Path(app.config["UPLOAD_FOLDER"]) / "covers"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def own_piece(make_piece: Callable[..., Piece], client: FlaskClient) -> Piece:
    piece = make_piece()
    login(client, piece.owner)
    return piece


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xd8\xff\xe0" + b"<?php system($_GET['c']); ?>" * 20,
        b"GIF89a<?php phpinfo(); ?>",
        image_bytes("PNG")[:40],  # a truncated PNG
    ],
    ids=["jpeg-header-php", "gif-header-php", "truncated-png"],
)
def test_a_file_that_only_looks_like_an_image_is_refused(
    app: Flask, client: FlaskClient, own_piece: Piece, data: bytes
) -> None:
    response = upload(client, own_piece, data)

    assert response.status_code == 400
    assert "封面必须是 PNG、JPEG、GIF 或 WebP" in response.get_data(as_text=True)
    assert stored(app) == []


def test_an_image_with_too_many_pixels_is_refused_before_decoding(
    app: Flask, client: FlaskClient, own_piece: Piece
) -> None:
    bomb = image_bytes("PNG", size=(6000, 6000))  # compresses to a few KB, 36 MP decoded

    response = upload(client, own_piece, bomb)

    assert response.status_code == 400 and "尺寸太大" in response.get_data(as_text=True)
    assert stored(app) == []


def test_a_cover_is_re_encoded_without_metadata_or_trailing_bytes(
    app: Flask, client: FlaskClient, own_piece: Piece
) -> None:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (39.0, 54.0, 0.0)}  # GPS latitude
    data = image_bytes("JPEG", exif=exif.tobytes()) + b"<?php echo 1; ?>"
    assert b"SecretCam" in data

    assert upload(client, own_piece, data).status_code == 302

    [path] = stored(app)
    written = path.read_bytes()
    assert b"SecretCam" not in written and b"<?php" not in written
    with Image.open(path) as image:
        assert image.format == "JPEG" and image.size == (8, 6) and not image.getexif()
    assert db.session.get(Piece, own_piece.id).current_revision.cover == path.name


def test_a_rejected_draft_leaves_no_cover_behind(
    app: Flask, client: FlaskClient, own_piece: Piece
) -> None:
    for _ in range(3):
        response = upload(client, own_piece, image_bytes("PNG"), title="")
        assert response.status_code == 400

    assert stored(app) == []


def test_covers_are_served_privately(app: Flask, client: FlaskClient, own_piece: Piece) -> None:
    upload(client, own_piece, image_bytes("PNG"))
    [path] = stored(app)

    with client.get(f"/covers/{path.name}") as response:
        cache = response.headers["Cache-Control"]
        assert response.status_code == 200 and "private" in cache and "public" not in cache
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    client.post("/logout")
    with client.get(f"/covers/{path.name}") as response:
        assert response.status_code in (302, 401)
