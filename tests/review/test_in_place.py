"""Review refusals answered in place, and the desk's controls only for those who can use them
(issue 20 item 3): the review page comes back with the reason next to the decision form or the
claim button, the reviewer's choice and words kept, the status kept; JSON callers get the same
reason as JSON."""

from __future__ import annotations

import pytest

from app.compliance import Entry
from app.extensions import db
from app.models import Decision
from app.review.claims import claim
from app.review.services import decide
from tests.conftest import login
from tests.in_place import has_form, read, refusal_in, value_of

JSON = {"Accept": "application/json"}


def _decide(client, piece, headers=None, **data):
    form = {"revision_id": str(piece.current_revision_id), "decision": "approve", **data}
    return client.post(f"/review/{piece.id}/decide", data=form, headers=headers or {})


@pytest.mark.parametrize(
    ("decision", "reason", "field", "says", "kept"),
    [
        # a missing reason stands next to the reason, the choice kept
        ("reject", "   ", "reason", "请填写原因。", ("decision", "reject")),
        # no decision chosen stands next to the choices, the words kept
        ("", "写了一半的理由", "decision", "请选择决定后再提交。", ("reason", "写了一半的理由")),
    ],
)
def test_a_refused_decision_stands_next_to_its_field_with_the_rest_kept(
    client, make_piece, make_user, decision, reason, field, says, kept
) -> None:
    piece = make_piece(status="in_review")
    login(client, make_user("reviewer"))
    response = _decide(client, piece, decision=decision, reason=reason)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert refusal_in(html, "decision-form", field) == says
    assert value_of(html, "decision-form", kept[0]) == kept[1]
    db.session.refresh(piece)
    assert piece.status == "in_review"


def test_a_missing_reason_as_json(client, make_piece, make_user) -> None:
    piece = make_piece(status="in_review")
    login(client, make_user("reviewer"))
    response = _decide(client, piece, JSON, decision="request_changes", reason="")
    assert response.status_code == 400
    assert response.json == {
        "error": "invalid_input",
        "message": "请填写原因。",
        "status": 400,
        "field": "reason",
    }


def test_a_stale_revision_says_so_on_the_form_with_a_link_and_the_words_kept(
    client, make_piece, make_user
) -> None:
    piece = make_piece(status="in_review")
    login(client, make_user("reviewer"))
    response = _decide(
        client, piece, revision_id="999", decision="request_changes", reason="第三段要改"
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    reason = refusal_in(html, "decision-form")
    assert reason.startswith("稿件已有更新的版本") and reason.endswith("查看最新版本")
    assert f'href="/review/{piece.id}"' in html
    assert value_of(html, "decision-form", "reason") == "第三段要改"
    assert value_of(html, "decision-form", "decision") == "request_changes"
    # the form now carries the revision the page shows, so a resubmission decides on it
    assert value_of(html, "decision-form", "revision_id") == str(piece.current_revision_id)


def test_a_stale_revision_as_json_names_the_latest(client, make_piece, make_user) -> None:
    piece = make_piece(status="in_review")
    login(client, make_user("reviewer"))
    response = _decide(client, piece, JSON, revision_id="999")
    assert response.status_code == 409
    assert response.json["error"] == "conflict" and response.json["field"] is None
    assert response.json["latest_revision_id"] == piece.current_revision_id
    assert response.json["message"] == "稿件已有更新的版本，请查看最新版本后再做决定。"


def test_someone_elses_claim_stands_on_the_decision_form(client, make_piece, make_user) -> None:
    piece = make_piece(status="in_review")
    holder = make_user("reviewer")
    claim(holder, piece)
    login(client, make_user("reviewer"))
    response = _decide(client, piece, reason="可以发")
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert f"{holder.display_name} 已认领此稿件" in refusal_in(html, "decision-form")
    assert value_of(html, "decision-form", "reason") == "可以发"


def test_separation_of_duties_is_said_where_the_form_would_be(
    client, make_piece, make_user
) -> None:
    author = make_user("writer", "reviewer")
    piece = make_piece(author, status="in_review")
    login(client, author)
    response = _decide(client, piece, reason="自己通过")
    html = response.get_data(as_text=True)
    assert response.status_code == 403
    assert not has_form(html, "decision-form")  # the form is not offered to the author
    assert "职责分离" in refusal_in(html, "decision-form", inside="decision-card")
    db.session.refresh(piece)
    assert piece.status == "in_review"
    as_json = _decide(client, piece, JSON)
    assert as_json.status_code == 403 and as_json.json["error"] == "forbidden"
    assert "职责分离" in as_json.json["message"]


def test_a_piece_no_longer_in_review_is_said_in_place(client, make_piece, make_user) -> None:
    piece = make_piece(status="approved")
    login(client, make_user("reviewer"))
    response = _decide(client, piece, decision="reject", reason="晚了一步")
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert refusal_in(html, "decision-form", inside="decision-card")
    assert "该稿件当前不在审核中。" in html


def test_a_claim_refused_stands_next_to_the_claim_button(client, make_piece, make_user) -> None:
    piece = make_piece(status="in_review")
    holder = make_user("reviewer")
    claim(holder, piece)
    login(client, make_user("reviewer"))
    response = client.post(f"/review/{piece.id}/claim")
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert refusal_in(html, "claim-form", inside="claim-bar").startswith(
        f"{holder.display_name} 正在审核此稿件"
    )
    as_json = client.post(f"/review/{piece.id}/claim", headers=JSON)
    assert as_json.status_code == 409 and as_json.json["claimed_by"] == holder.username
    db.session.refresh(piece)
    assert piece.claimed_by_id == holder.id


def test_who_may_not_decide_may_not_claim(client, make_piece, make_user) -> None:
    author = make_user("writer", "reviewer")
    piece = make_piece(author, status="in_review")
    login(client, author)
    response = client.post(f"/review/{piece.id}/claim")
    assert response.status_code == 403
    assert "不能认领" in refusal_in(
        response.get_data(as_text=True), "claim-form", inside="decision-card"
    )
    db.session.refresh(piece)
    assert piece.claimed_by_id is None


def _awaiting_legal(load_lexicon, make_piece, make_user):
    """A piece the reviewer approved and whose legal sign-off is due."""
    from app.models import Category
    from tests.conftest import _acks

    db.session.get(Category, "ad_claim").requires_legal = True
    db.session.commit()
    load_lexicon(Entry("抗菌", "ad_claim", "review"))
    piece = make_piece(status="in_review", body="抗菌面料")
    reviewer = make_user("reviewer")
    decide(reviewer, piece, piece.current_revision_id, Decision.APPROVE, "", _acks(piece))
    assert piece.status == "in_review"
    return piece, reviewer


def test_on_the_legal_step_only_legal_gets_the_controls(
    client, load_lexicon, make_piece, make_user
) -> None:
    piece, reviewer = _awaiting_legal(load_lexicon, make_piece, make_user)
    login(client, make_user("reviewer"))
    html = client.get(f"/review/{piece.id}").get_data(as_text=True)
    assert not has_form(html, "decision-form") and not has_form(html, "claim-form")
    client.post("/logout")
    login(client, make_user("legal"))
    html = client.get(f"/review/{piece.id}").get_data(as_text=True)
    assert has_form(html, "decision-form") and has_form(html, "claim-form")
    client.post("/logout")
    login(client, reviewer)
    refused = client.post(f"/review/{piece.id}/claim")  # the reviewer's step is over
    assert refused.status_code == 403
    assert "需要法务会签，只有法务可以认领" in refusal_in(
        refused.get_data(as_text=True), "claim-form", inside="decision-card"
    )


@pytest.mark.parametrize(
    ("roles", "decides"),
    [
        (("reviewer",), True),
        (("legal",), False),  # a reviewer's step: not legal's to take
        (("manager", "reviewer"), True),
    ],
)
def test_decision_and_claim_controls_only_for_who_may_decide(
    client, make_piece, make_user, roles, decides
) -> None:
    piece = make_piece(status="in_review")
    login(client, make_user(*roles))
    html = client.get(f"/review/{piece.id}").get_data(as_text=True)
    assert has_form(html, "decision-form") is decides
    assert has_form(html, "claim-form") is decides


def test_the_author_sees_neither_decision_nor_claim(client, make_piece, make_user) -> None:
    author = make_user("writer", "reviewer")
    piece = make_piece(author, status="in_review")
    login(client, author)
    html = client.get(f"/review/{piece.id}").get_data(as_text=True)
    assert not has_form(html, "decision-form") and not has_form(html, "claim-form")
    assert "职责分离" in html


def test_a_piece_not_in_review_offers_no_decision(client, make_piece, make_user) -> None:
    piece = make_piece(status="approved")
    login(client, make_user("reviewer"))
    html = client.get(f"/review/{piece.id}").get_data(as_text=True)
    assert not has_form(html, "decision-form") and not has_form(html, "claim-form")


def test_bulk_checkboxes_only_for_pieces_the_reviewer_may_approve_in_bulk(
    client, make_piece, make_user
) -> None:
    author = make_user("writer", "reviewer")
    make_piece(author, status="in_review")
    other = make_piece(status="in_review")
    login(client, author)
    html = client.get("/review/").get_data(as_text=True)
    boxes = {e.attrs.get("value") for e in read(html).fields if e.attrs.get("name") == "piece_id"}
    assert boxes == {str(other.id)}  # never one's own piece (separation of duties)
    assert has_form(html, "bulk-form") and "bulk-actions" in read(html).by_id


def test_a_bulk_approval_forced_on_ones_own_piece_is_refused(client, make_piece, make_user) -> None:
    author = make_user("writer", "reviewer")
    own = make_piece(author, status="in_review")
    login(client, author)
    response = client.post("/review/bulk-approve", data={"piece_id": str(own.id)})
    assert response.status_code == 302
    page = client.get("/review/").get_data(as_text=True)
    assert "职责分离" in page  # named among the skipped
    db.session.refresh(own)
    assert own.status == "in_review"


def test_no_bulk_button_when_nothing_may_be_approved_in_bulk(client, make_piece, make_user) -> None:
    author = make_user("writer", "reviewer")
    make_piece(author, status="in_review")
    login(client, author)
    html = client.get("/review/").get_data(as_text=True)
    assert "bulk-actions" not in read(html).by_id


def test_the_queues_batched_authorship_is_the_separation_rule(make_piece, make_user) -> None:
    """bulk_approvable reads who wrote the text for the whole page at once: it must say what
    authors_since_approval says, piece by piece (laundered text, cleared by a later approval)."""
    from app.content.services import submit
    from app.review.queue import _authored
    from app.review.services import authors_since_approval
    from tests.conftest import edit_body

    manager = make_user("manager", "reviewer")
    laundered = make_piece(status="changes_requested", body="亚麻衬衫配阔腿裤。")
    edit_body(manager, laundered, "经理写的整段正文。")
    edit_body(laundered.owner, laundered, "经理写的整段正文！")  # the writer edits last
    submit(laundered.owner, laundered)
    cleared = make_piece(status="changes_requested")
    edit_body(manager, cleared, "经理改过的正文。")
    submit(cleared.owner, cleared)
    decide(make_user("reviewer"), cleared, cleared.current_revision_id, Decision.APPROVE, "")
    edit_body(cleared.owner, cleared, "作者在通过后又改了一句。")  # back in review
    untouched = make_piece(status="in_review")
    pieces = [laundered, cleared, untouched]
    expected = {p.id for p in pieces if manager.id in authors_since_approval(p)}
    assert expected == {laundered.id}
    assert _authored(manager, pieces) == expected
