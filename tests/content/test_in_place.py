"""The piece page answers in place (issue 20 item 3): a refused submit, archive or "published"
comes back on the piece page by its button, status kept, JSON for JSON callers; the page offers
only the actions the person may take (the services' own rules)."""

from __future__ import annotations

import pytest

from app.compliance import Entry
from app.extensions import db
from tests.conftest import login
from tests.in_place import has_form, refusal_in, value_of

JSON = {"Accept": "application/json"}
BANNED = Entry("国家级", "ad_absolute", "block", suggestion="删去", basis="《广告法》第九条")


def test_a_blocked_submit_is_said_by_the_submit_button(
    client, load_lexicon, make_piece, make_user
) -> None:
    load_lexicon(BANNED)
    writer = make_user("writer")
    piece = make_piece(writer, body="国家级工艺的羊绒衫。")
    login(client, writer)
    response = client.post(f"/pieces/{piece.id}/submit")
    assert response.status_code == 409
    reason = refusal_in(response.get_data(as_text=True), "submit-form")
    assert "国家级" in reason
    db.session.refresh(piece)
    assert piece.status == "draft"
    as_json = client.post(f"/pieces/{piece.id}/submit", headers=JSON)
    assert as_json.status_code == 409 and as_json.json["error"] == "compliance_blocked"
    assert as_json.json["message"] == reason and as_json.json["field"] is None


def test_a_submit_no_longer_possible_is_said_in_the_actions(client, make_piece, make_user) -> None:
    writer = make_user("writer")
    piece = make_piece(writer, status="in_review")  # submitted in another tab meanwhile
    login(client, writer)
    response = client.post(f"/pieces/{piece.id}/submit")
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert not has_form(html, "submit-form")  # nothing to submit any more: no button
    assert refusal_in(html, "submit-form", inside="piece-actions")


def test_a_missing_url_stands_next_to_the_url(client, make_piece, make_user) -> None:
    reviewer = make_user("reviewer")
    piece = make_piece(status="approved")
    login(client, reviewer)
    response = client.post(f"/calendar/pieces/{piece.id}/published", data={"url": ""})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert refusal_in(html, "published-form", "url") == "请填写发布链接。"
    as_json = client.post(f"/calendar/pieces/{piece.id}/published", headers=JSON)
    assert as_json.status_code == 400 and as_json.json["field"] == "url"


def test_a_refused_url_is_kept_next_to_it(client, make_piece, make_user) -> None:
    piece = make_piece(status="approved")
    login(client, make_user("reviewer"))
    url = "mp.weixin.qq.com/s/abc"
    response = client.post(f"/calendar/pieces/{piece.id}/published", data={"url": url})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "http://" in refusal_in(html, "published-form", "url")
    assert value_of(html, "published-form", "url") == url
    db.session.refresh(piece)
    assert piece.status == "approved"


@pytest.mark.parametrize(
    ("who", "edit", "review", "schedule"),
    [
        ("owner", True, False, False),
        ("other_writer", False, False, False),
        ("reviewer", False, False, True),
        ("manager", True, False, True),
        ("legal", False, False, False),
    ],
)
def test_the_actions_offered_on_an_approved_piece(
    client, make_piece, make_user, who, edit, review, schedule
) -> None:
    owner = make_user("writer")
    piece = make_piece(owner, status="approved")
    user = owner if who == "owner" else make_user(who.replace("other_", ""))
    login(client, user)
    html = client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    assert (f'href="/pieces/{piece.id}/edit"' in html) is edit
    assert has_form(html, "archive-form") is edit
    assert (f'href="/calendar/pieces/{piece.id}/schedule"' in html) is schedule
    assert has_form(html, "published-form") is schedule
    assert (f'href="/review/{piece.id}"' in html) is review


def test_go_review_only_for_who_may_decide(client, make_piece, make_user) -> None:
    author = make_user("writer", "reviewer")
    piece = make_piece(author, status="in_review")
    login(client, author)
    html = client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    assert f'href="/review/{piece.id}"' not in html  # separation of duties
    client.post("/logout")
    login(client, make_user("reviewer"))
    html = client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    assert f'href="/review/{piece.id}"' in html


def test_submit_only_for_who_may_change_the_piece(client, make_piece, make_user) -> None:
    piece = make_piece(make_user("writer"))
    login(client, make_user("writer"))
    html = client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    assert not has_form(html, "submit-form")
    refused = client.post(f"/pieces/{piece.id}/submit")
    assert refused.status_code == 403
    assert "你不能修改别人的稿件。" in refusal_in(
        refused.get_data(as_text=True), "submit-form", inside="piece-actions"
    )
