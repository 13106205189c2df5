"""The publishing actions are offered by the rules their services refuse by (issue 20 item 3):
retry, publish now and send back shown only when may_retry / may_publish_now / may_send_back
allow them for this user and this piece; forced anyway, the action is refused in place."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.publishing import services
from tests.conftest import login
from tests.in_place import has_form, refusal_in


def _stopped(make_piece, status: str):
    piece = make_piece(status="approved")
    piece.status = status
    db.session.commit()
    return piece


@pytest.mark.parametrize(
    ("status", "retry", "send_back"),
    [("failed", True, True), ("held", False, True)],
)
def test_the_problems_page_offers_what_the_rules_allow(
    client, make_piece, make_user, status, retry, send_back
) -> None:
    piece = _stopped(make_piece, status)
    reviewer = make_user("reviewer")
    login(client, reviewer)
    html = client.get("/publishing").get_data(as_text=True)
    assert has_form(html, f"retry-{piece.id}-form") is retry
    assert has_form(html, f"send-back-{piece.id}-form") is send_back
    assert not has_form(html, f"publish-now-{piece.id}-form")  # not stopped as too late
    assert services.may_retry(reviewer, piece) is retry
    assert services.may_send_back(reviewer, piece) is send_back
    assert not services.may_publish_now(reviewer, piece)


def test_a_retry_not_offered_is_refused_when_forced(client, make_piece, make_user) -> None:
    piece = _stopped(make_piece, "held")
    login(client, make_user("reviewer"))
    response = client.post(f"/publishing/{piece.id}/retry")
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert not has_form(html, f"retry-{piece.id}-form")
    assert refusal_in(html, f"retry-{piece.id}-form", inside=None)
    db.session.refresh(piece)
    assert piece.status == "held"


def test_who_may_not_dispatch_sees_no_publishing_action(make_piece, make_user) -> None:
    piece = _stopped(make_piece, "failed")
    writer = make_user("writer")
    assert not services.may_retry(writer, piece)
    assert not services.may_send_back(writer, piece)
