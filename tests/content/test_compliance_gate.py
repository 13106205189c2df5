"""The compliance check in the pipeline: stored per revision, gating submit and approval."""

from __future__ import annotations

import pytest

from app.checks.services import hit_key
from app.compliance import Entry
from app.content.services import Draft, save_piece, submit
from app.errors import ComplianceBlocked, InvalidInput
from app.extensions import db
from app.models import Decision, ReviewDecision
from app.review.services import decide
from tests.conftest import count_rows, login

ABSOLUTE = Entry("最好", "ad_absolute", "review", suggestion="写具体优点", basis="《广告法》第九条")
BANNED = Entry("国家级", "ad_absolute", "block", suggestion="删去", basis="《广告法》第九条")


@pytest.fixture
def words(load_lexicon) -> int:
    return load_lexicon(ABSOLUTE, BANNED)


def _draft(piece, **changes) -> Draft:
    revision = piece.current_revision
    values = dict(
        title=revision.title,
        summary=revision.summary,
        body=revision.body,
        content_type=piece.content_type,
        channel=piece.channel,
    )
    return Draft(**(values | changes))


def test_every_saved_revision_stores_its_report(words, make_piece) -> None:
    piece = make_piece(body="这是最好的羊绒衫。", title="新品")
    revision = piece.current_revision
    assert revision.verdict == "review" and revision.lexicon_version == words
    [hit] = revision.report["hits"]
    assert (hit["field"], hit["start"], hit["end"], hit["term"]) == ("body", 2, 4, "最好")


def test_summary_hits_are_reported_on_their_own_field(words, make_piece) -> None:
    piece = make_piece(body="柔软的羊绒衫。")
    save_piece(piece.owner, piece, _draft(piece, summary="国家级工艺"))
    [hit] = piece.current_revision.report["hits"]
    assert hit["field"] == "summary" and hit["severity"] == "block"


def test_submit_refuses_a_block_verdict_with_the_reasons(words, make_piece, client) -> None:
    piece = make_piece(body="国家级工艺的真丝衬衫。")
    with pytest.raises(ComplianceBlocked) as caught:
        submit(piece.owner, piece)
    assert "正文：国家级（1 次）" in caught.value.message  # the field, the term once, its count
    db.session.rollback()
    assert piece.status == "draft"
    login(client, piece.owner)
    response = client.post(f"/pieces/{piece.id}/submit", follow_redirects=True)
    assert "国家级" in response.get_data(as_text=True)
    db.session.refresh(piece)
    assert piece.status == "draft"


def test_submit_uses_the_current_lexicon_not_the_stored_report(load_lexicon, make_piece) -> None:
    piece = make_piece(body="国家级工艺的真丝衬衫。")
    assert piece.current_revision.verdict == "pass"  # no word lists yet when it was saved
    load_lexicon(BANNED)
    with pytest.raises(ComplianceBlocked):
        submit(piece.owner, piece)


def test_approval_requires_a_reason_for_each_review_hit(words, make_piece, make_user) -> None:
    piece = make_piece(status="in_review", body="最好的面料，最好的做工。")
    reviewer = make_user("reviewer")
    revision_id = piece.current_revision_id
    hits = piece.current_revision.report["hits"]
    keys = [f"body:{h['start']}:{h['end']}:{h['entry_id']}" for h in hits]
    with pytest.raises(InvalidInput) as caught:
        decide(reviewer, piece, revision_id, Decision.APPROVE, "", {keys[0]: "有检测报告"})
    assert caught.value.extra["missing"] == [keys[1]]
    with pytest.raises(InvalidInput):
        decide(
            reviewer,
            piece,
            revision_id,
            Decision.APPROVE,
            "",
            {k: "理由" for k in keys} | {"body:0:1:99": "x"},
        )
    with pytest.raises(InvalidInput):
        decide(reviewer, piece, revision_id, Decision.APPROVE, "", {k: "  " for k in keys})
    db.session.rollback()
    assert piece.status == "in_review" and count_rows(ReviewDecision) == 0

    decide(reviewer, piece, revision_id, Decision.APPROVE, "", {k: "对比口径已注明" for k in keys})
    assert piece.status == "approved"
    decision = db.session.query(ReviewDecision).one()
    assert decision.acknowledgements == {k: "对比口径已注明" for k in keys}
    assert decision.lexicon_version == words


def test_block_hit_cannot_be_approved(load_lexicon, make_piece, make_user) -> None:
    piece = make_piece(status="in_review", body="国家级工艺。")  # submitted before the rule
    load_lexicon(BANNED)
    with pytest.raises(ComplianceBlocked):
        decide(make_user("reviewer"), piece, piece.current_revision_id, Decision.APPROVE, "")
    db.session.rollback()
    assert piece.status == "in_review"


def test_request_changes_needs_no_acknowledgement(load_lexicon, make_piece, make_user) -> None:
    piece = make_piece(status="in_review", body="国家级工艺。")
    load_lexicon(BANNED)
    reviewer = make_user("reviewer")
    decide(reviewer, piece, piece.current_revision_id, Decision.REQUEST_CHANGES, "删掉国家级")
    assert piece.status == "changes_requested"


def test_hit_key_matches_the_stored_report(words, make_piece) -> None:
    from app.compliance import Hit

    piece = make_piece(body="最好")
    [stored] = piece.current_revision.report["hits"]
    assert hit_key(Hit.from_dict(stored)) == f"body:0:2:{stored['entry_id']}"
