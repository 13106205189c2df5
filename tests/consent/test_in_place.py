"""The consent gate answers in place (issue 20 item 3): approving a customer's content without a
valid authorisation comes back on the review page, the reason on the decision form; JSON
callers get the gate's code and problems."""

from __future__ import annotations

from collections.abc import Callable

from app.extensions import db
from app.models import Channel, User
from app.workflow import Status
from tests.conftest import login
from tests.consent.conftest import MakeUgc
from tests.in_place import refusal_in, value_of


def test_the_consent_gate_is_said_on_the_decision_form(
    client, make_ugc: MakeUgc, make_channel: Callable[..., Channel], make_user: Callable[..., User]
) -> None:
    piece = make_ugc(make_channel("xiaohongshu"), status="in_review")
    login(client, make_user("reviewer"))
    data = {"revision_id": str(piece.current_revision_id), "decision": "approve", "reason": "好"}
    response = client.post(f"/review/{piece.id}/decide", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "用户内容须先关联有效的用户授权" in refusal_in(html, "decision-form")
    assert value_of(html, "decision-form", "decision") == "approve"
    assert value_of(html, "decision-form", "reason") == "好"
    as_json = client.post(
        f"/review/{piece.id}/decide", data=data, headers={"Accept": "application/json"}
    )
    assert as_json.status_code == 409 and as_json.json["error"] == "consent_missing"
    assert as_json.json["problems"] and as_json.json["piece_id"] == piece.id
    db.session.expire_all()
    assert piece.status == Status.IN_REVIEW
