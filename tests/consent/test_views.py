"""The consent pages: recording with evidence, the panel on the piece and review pages, the
evidence served to reviewers, legal and admins only, withdrawal and take-down confirmation."""

from __future__ import annotations

import io
from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import select

from app.consent import services
from app.extensions import db
from app.models import Authorisation, Channel, Piece, User
from tests.channels.conftest import PNG
from tests.conftest import login
from tests.consent.conftest import MakeAuthorisation, MakeUgc


def form(channel: Channel, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "customer": "豆豆妈",
        "contact": "13812345678",
        "channels": [channel.code],
        "valid_from": "2026-11-01",
        "valid_until": "2026-12-31",
        "allow_text": "y",
        "allow_photos": "y",
        "how_given": "screenshot",
        "evidence": (io.BytesIO(PNG), "私信截图.png"),
    }
    data.update(changes)
    return data


def test_a_writer_records_an_authorisation_from_the_piece_and_it_is_attached(
    client: FlaskClient, make_piece: Callable[..., Piece], make_channel: Callable[..., Channel]
) -> None:
    channel = make_channel("xiaohongshu")
    piece = make_piece(channel=channel, content_type="ugc")
    login(client, piece.owner)
    page = client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    assert "用户内容须先关联有效的用户授权" in page and f"/consent/new?piece={piece.id}" in page

    response = client.post(
        f"/consent/new?piece={piece.id}", data=form(channel), content_type="multipart/form-data"
    )

    assert response.status_code == 302 and response.headers["Location"].endswith("#consent")
    row = db.session.scalars(select(Authorisation)).one()
    assert row.customer == "豆豆妈" and row.allow_photos and not row.allow_video
    page = client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    assert "豆豆妈" in page and "授权覆盖 2026-12-01" in page
    assert "13812345678" not in page  # the contact is shown to evidence readers only


def test_a_bad_upload_re_renders_the_form_with_the_error_next_to_the_field(
    client: FlaskClient, make_user: Callable[..., User], make_channel: Callable[..., Channel]
) -> None:
    channel = make_channel("weibo")
    login(client, make_user("writer"))
    bad = form(channel, evidence=(io.BytesIO(b"MZ\x90\x00"), "form.exe"))

    response = client.post("/consent/new", data=bad, content_type="multipart/form-data")

    assert response.status_code == 400
    assert "只能是 PDF、PNG 或 JPEG" in response.get_data(as_text=True)
    assert db.session.scalars(select(Authorisation)).all() == []


def test_the_evidence_is_served_to_reviewers_legal_and_admins_only(
    client: FlaskClient,
    make_user: Callable[..., User],
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
) -> None:
    row = make_authorisation(make_channel("weibo"))
    for role, status in (("writer", 403), ("manager", 403), ("reviewer", 200), ("admin", 200)):
        client.post("/logout")
        login(client, make_user(role))
        response = client.get(f"/consent/{row.id}/evidence")
        assert response.status_code == status, role
        if status == 200:
            assert response.data == PNG and response.mimetype == "image/png"
            assert "no-store" in response.headers["Cache-Control"]
        response.close()


def test_the_review_page_shows_the_authorisation_and_the_reviewer_approves(
    client: FlaskClient,
    make_ugc: MakeUgc,
    make_user: Callable[..., User],
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
) -> None:
    channel = make_channel("xiaohongshu")
    piece = make_ugc(channel, make_authorisation(channel, customer="青柠"), status="in_review")
    login(client, make_user("reviewer"))

    page = client.get(f"/review/{piece.id}").get_data(as_text=True)
    assert "青柠" in page and "查看凭证" in page and "授权覆盖" in page

    response = client.post(
        f"/review/{piece.id}/decide",
        data={"revision_id": piece.current_revision_id, "decision": "approve", "reason": ""},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert piece.status == "approved"


def test_approval_without_authorisation_is_refused_with_the_reason(
    client: FlaskClient,
    make_ugc: MakeUgc,
    make_user: Callable[..., User],
    make_channel: Callable[..., Channel],
) -> None:
    piece = make_ugc(make_channel("xiaohongshu"), status="in_review")
    login(client, make_user("reviewer"))

    response = client.post(
        f"/review/{piece.id}/decide",
        data={"revision_id": piece.current_revision_id, "decision": "approve", "reason": ""},
    )

    assert response.status_code == 409
    assert "用户内容须先关联有效的用户授权" in response.get_data(as_text=True)


def test_withdrawal_and_take_down_confirmation_through_the_pages(
    client: FlaskClient,
    make_ugc: MakeUgc,
    make_user: Callable[..., User],
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
) -> None:
    channel = make_channel("xiaohongshu")
    row = make_authorisation(channel)
    piece = make_ugc(channel, row, status="published")
    login(client, make_user("manager"))

    assert client.post(f"/consent/{row.id}/withdraw", data={"reason": ""}).status_code == 400
    response = client.post(f"/consent/{row.id}/withdraw", data={"reason": "用户私信撤回"})
    assert response.status_code == 302
    page = client.get("/consent/takedowns").get_data(as_text=True)
    assert piece.title in page and "人工删除" in page

    (task,) = services.open_takedowns()
    response = client.post(f"/consent/takedowns/{task.id}/confirm", data={"note": "已删除"})
    assert response.status_code == 302
    assert services.open_takedowns() == []
    assert "没有待下架的稿件" in client.get("/consent/takedowns").get_data(as_text=True)
