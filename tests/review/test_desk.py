"""Review-desk rules: legal sign-off, separation of duties, claims, idempotency, queue, bulk."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.compliance import Entry
from app.content.comments import Anchor, add_comment, threads
from app.content.services import submit
from app.errors import Conflict, InvalidInput, PermissionDenied
from app.extensions import db
from app.models import AuditEvent, Decision, Notification, ReviewDecision, utcnow
from app.review.claims import active_claim, claim
from app.review.queue import QueueFilters, bulk_approve, last_reviewed_revision, queue_items
from app.review.services import Outcome, awaiting_legal, decide
from tests.conftest import count_rows, edit_body

LOTTERY = Entry(
    "抽奖", "lottery", "review", suggestion="公示规则", basis="《反不正当竞争法》第十条"
)
BEST = Entry("最好", "ad_absolute", "review")


def _approve(reviewer, piece) -> str:
    """The reviewer approves the latest revision, with a reason for every review hit."""
    from tests.conftest import _acks

    return decide(reviewer, piece, piece.current_revision_id, Decision.APPROVE, "", _acks(piece))


@pytest.fixture
def lottery_piece(load_lexicon, make_piece):
    load_lexicon(LOTTERY, BEST)
    return make_piece(
        status="in_review", body="转发本文参与抽奖，送出十件羊绒衫", content_type="interactive"
    )


def test_lottery_piece_needs_legal_after_the_reviewer(lottery_piece, make_user) -> None:
    piece = lottery_piece
    reviewer, legal = make_user("reviewer"), make_user("legal")
    outcome = _approve(reviewer, piece)
    assert outcome == Outcome.AWAITING_LEGAL and piece.status == "in_review"
    assert awaiting_legal(piece) and piece.approved_hash is None
    assert [n.user_id for n in db.session.query(Notification).filter_by(event="legal_signoff")] == [
        legal.id
    ]

    assert (
        decide(legal, piece, piece.current_revision_id, Decision.APPROVE, "规则已公示")
        == "approved"
    )
    assert piece.status == "approved" and piece.approved_hash == piece.current_revision.content_hash
    kinds = [d.decision for d in db.session.query(ReviewDecision).order_by(ReviewDecision.id)]
    assert kinds == ["approve", "legal_approve"]


def test_separation_of_duties_in_both_steps(lottery_piece, make_user) -> None:
    from app.review.services import ensure_can_sign_off

    piece = lottery_piece
    both = make_user("reviewer", "legal")
    with pytest.raises(PermissionDenied):
        decide(piece.owner, piece, piece.current_revision_id, Decision.APPROVE, "")
    _approve(both, piece)
    with pytest.raises(PermissionDenied, match="职责分离"):
        ensure_can_sign_off(both, piece)  # the approving reviewer cannot also sign off
    assert decide(both, piece, piece.current_revision_id, Decision.APPROVE, "") == "unchanged"
    plain_reviewer = make_user("reviewer")
    with pytest.raises(PermissionDenied, match="法务"):
        decide(plain_reviewer, piece, piece.current_revision_id, Decision.APPROVE, "")
    assert piece.status == "in_review" and awaiting_legal(piece)


def test_legal_may_send_back(lottery_piece, make_user) -> None:
    piece = lottery_piece
    _approve(make_user("reviewer"), piece)
    legal = make_user("legal")
    assert decide(
        legal, piece, piece.current_revision_id, Decision.REQUEST_CHANGES, "写明开奖时间"
    ) == ("changes_requested")
    assert piece.status == "changes_requested" and not awaiting_legal(piece)


def test_an_edit_voids_the_reviewers_approval(lottery_piece, make_user) -> None:
    piece = lottery_piece
    _approve(make_user("reviewer"), piece)
    assert awaiting_legal(piece)
    edit_body(piece.owner, piece, piece.current_revision.body + "开奖时间：12月1日。")
    assert not awaiting_legal(piece)  # the approval was for the old content
    with pytest.raises(PermissionDenied):  # so the next step is a reviewer's again, not legal's
        decide(make_user("legal"), piece, piece.current_revision_id, Decision.APPROVE, "")


def test_double_submission_is_idempotent(load_lexicon, make_piece, make_user) -> None:
    piece = make_piece(status="in_review")
    reviewer = make_user("reviewer")
    revision_id = piece.current_revision_id
    assert (
        decide(reviewer, piece, revision_id, Decision.REQUEST_CHANGES, "补图")
        == "changes_requested"
    )
    audits, decisions = count_rows(AuditEvent), count_rows(ReviewDecision)
    assert (
        decide(reviewer, piece, revision_id, Decision.REQUEST_CHANGES, "补图") == Outcome.UNCHANGED
    )
    assert (count_rows(AuditEvent), count_rows(ReviewDecision)) == (audits, decisions)


def test_stale_revision_is_refused_with_a_link(make_piece, make_user) -> None:
    piece = make_piece(status="in_review")
    with pytest.raises(Conflict) as caught:
        decide(
            make_user("reviewer"), piece, piece.current_revision_id - 1 or 999, Decision.APPROVE, ""
        )
    assert caught.value.extra["latest_revision_id"] == piece.current_revision_id


def test_claims_block_others_expire_and_can_be_taken_over(app, make_piece, make_user) -> None:
    piece = make_piece(status="in_review")
    first, second = make_user("reviewer"), make_user("reviewer")
    claim(first, piece)
    assert active_claim(piece) == first
    with pytest.raises(Conflict, match="正在审核"):
        claim(second, piece)
    claim(second, piece, take_over=True)
    assert active_claim(piece) == second
    assert db.session.query(AuditEvent).filter_by(action="piece.claim_take_over").count() == 1
    piece.claimed_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert active_claim(piece) is None
    claim(first, piece)  # an expired claim needs no take-over
    with pytest.raises(Conflict, match="接手审核"):  # nobody decides over someone else's claim
        decide(second, piece, piece.current_revision_id, Decision.REQUEST_CHANGES, "补图")
    assert piece.status == "in_review"
    decide(first, piece, piece.current_revision_id, Decision.REQUEST_CHANGES, "补图")
    assert piece.claimed_by_id is None  # a decision releases the claim


@pytest.mark.parametrize("status", ["draft", "approved", "changes_requested"])
def test_only_pieces_in_review_are_claimed_whoever_asks(make_piece, make_user, status) -> None:
    piece, reviewer = make_piece(status=status), make_user("reviewer")
    with pytest.raises(InvalidInput, match="不在审核中"):  # the CLI, the API and the worker too
        claim(reviewer, piece)
    assert active_claim(piece) is None and piece.claimed_by_id is None


def test_queue_filters_sla_and_waiting(lottery_piece, make_piece, make_user, make_channel) -> None:
    reviewer, legal = make_user("reviewer"), make_user("legal")
    douyin = make_channel("douyin")
    old = make_piece(status="in_review", channel=douyin)
    old.submitted_at = utcnow() - timedelta(hours=30)
    db.session.commit()
    _approve(reviewer, lottery_piece)
    everything = queue_items(reviewer, QueueFilters())
    assert [i.piece.id for i in everything] == [old.id, lottery_piece.id]
    assert everything[0].sla_state == "breach" and everything[1].legal_pending
    assert [i.piece.id for i in queue_items(reviewer, QueueFilters(channel=str(douyin.id)))] == [
        old.id
    ]
    assert [i.piece.id for i in queue_items(legal, QueueFilters(waiting="legal"))] == [
        lottery_piece.id
    ]
    assert [i.piece.id for i in queue_items(legal, QueueFilters(waiting="me"))] == [
        lottery_piece.id
    ]
    assert [i.piece.id for i in queue_items(reviewer, QueueFilters(waiting="me"))] == [old.id]
    assert [i.piece.id for i in queue_items(reviewer, QueueFilters(verdict="review"))] == [
        lottery_piece.id
    ]


def test_waiting_for_one_who_reviews_and_signs_off(lottery_piece, make_piece, make_user) -> None:
    """A reviewer who is also legal is waited for by the pieces to review and those to sign off,
    but not by a piece waiting for legal on their own approval (one condition in SQL)."""
    both, other = make_user("reviewer", "legal"), make_user("reviewer", "legal")
    plain = make_piece(status="in_review")
    _approve(both, lottery_piece)
    assert awaiting_legal(lottery_piece)

    def waiting(user) -> set[int]:
        return {item.piece.id for item in queue_items(user, QueueFilters(waiting="me"))}

    assert waiting(both) == {plain.id}
    assert waiting(other) == {plain.id, lottery_piece.id}


def test_bulk_approve_only_passes(load_lexicon, make_piece, make_user) -> None:
    load_lexicon(BEST, LOTTERY)
    clean = make_piece(status="in_review", body="纯棉短袖，透气")
    flagged = make_piece(status="in_review", body="最好的面料")
    draft = make_piece(body="纯棉")
    result = bulk_approve(make_user("reviewer"), [clean.id, flagged.id, draft.id, 999999])
    assert [p.id for p in result.approved] == [clean.id]
    reasons = dict(result.skipped)
    assert "逐篇审核" in reasons[flagged.id] and "不在审核中" in reasons[draft.id]
    assert reasons[999999] == "稿件不存在" and flagged.status == "in_review"
    with pytest.raises(InvalidInput, match="请先勾选"):
        bulk_approve(make_user("reviewer"), [])


def test_bulk_approve_rechecks_at_the_moment_of_approval(load_lexicon, make_piece, make_user):
    clean = make_piece(status="in_review", body="最好的面料")  # no word lists when saved: pass
    assert clean.current_revision.verdict == "pass"
    load_lexicon(BEST)
    result = bulk_approve(make_user("reviewer"), [clean.id])
    assert result.approved == [] and clean.status == "in_review"


def test_comments_on_spans_with_replies_and_limits(make_piece, make_user) -> None:
    piece = make_piece(status="in_review", body="这件大衣采用双面羊绒。")
    reviewer = make_user("reviewer")
    anchor = Anchor(piece.current_revision_id, "body", 6, 10)
    top = add_comment(reviewer, piece, "请附羊绒含量检测报告", anchor=anchor)
    add_comment(piece.owner, piece, "已补充", parent_id=top.id)
    [thread] = threads(piece)
    assert thread.quote == "双面羊绒" and [r.body for r in thread.replies] == ["已补充"]
    with pytest.raises(InvalidInput, match="5000"):
        add_comment(reviewer, piece, "长" * 5001)
    with pytest.raises(InvalidInput, match="范围"):
        add_comment(
            reviewer, piece, "越界", anchor=Anchor(piece.current_revision_id, "body", 5, 99)
        )
    with pytest.raises(InvalidInput):
        add_comment(reviewer, piece, "  ")
    with pytest.raises(PermissionDenied):
        add_comment(make_user("writer"), piece, "路过")


def test_last_reviewed_revision_for_what_changed(make_piece, make_user) -> None:
    piece = make_piece(status="changes_requested", body="第一版正文")
    first = piece.current_revision
    edit_body(piece.owner, piece, "第二版正文")
    submit(piece.owner, piece)
    assert last_reviewed_revision(piece) == first


def test_a_resubmission_makes_the_same_decision_count_again(make_piece, make_user) -> None:
    piece = make_piece(status="in_review")
    reviewer = make_user("reviewer")
    decide(reviewer, piece, piece.current_revision_id, Decision.REQUEST_CHANGES, "补图")
    submit(piece.owner, piece)  # resubmitted without edits: a new round on the same revision
    again = decide(reviewer, piece, piece.current_revision_id, Decision.REQUEST_CHANGES, "仍缺图")
    assert again == "changes_requested" and piece.status == "changes_requested"
    reasons = [d.reason for d in db.session.query(ReviewDecision).order_by(ReviewDecision.id)]
    assert reasons == ["补图", "仍缺图"]


@pytest.mark.parametrize("decision", [Decision.REQUEST_CHANGES, Decision.REJECT])
def test_sending_back_needs_a_reason(make_piece, make_user, decision) -> None:
    piece = make_piece(status="in_review")
    with pytest.raises(InvalidInput, match="原因"):
        decide(make_user("reviewer"), piece, piece.current_revision_id, decision, "   ")
    assert piece.status == "in_review" and count_rows(ReviewDecision) == 0


def test_the_last_editor_may_not_approve(make_piece, make_user) -> None:
    manager = make_user("manager", "reviewer")
    piece = make_piece(status="changes_requested")
    edit_body(manager, piece, "经理改过的正文")
    submit(piece.owner, piece)
    with pytest.raises(PermissionDenied, match="职责分离"):
        decide(manager, piece, piece.current_revision_id, Decision.APPROVE, "")


def test_a_lottery_hit_needs_legal_on_any_content_type(load_lexicon, make_piece, make_user):
    load_lexicon(LOTTERY)
    piece = make_piece(status="in_review", content_type="styling", body="评论区抽奖送围巾")
    outcome = _approve(make_user("reviewer"), piece)
    assert outcome == Outcome.AWAITING_LEGAL


def test_a_category_legal_marks_needs_legal(load_lexicon, make_piece, make_user) -> None:
    from app.models import Category

    db.session.get(Category, "ad_claim").requires_legal = True
    db.session.commit()
    load_lexicon(Entry("抗菌", "ad_claim", "review"))
    piece = make_piece(status="in_review", body="抗菌面料")
    outcome = _approve(make_user("reviewer"), piece)
    assert outcome == Outcome.AWAITING_LEGAL


def test_without_legal_categories_an_interactive_lottery_still_needs_legal(
    load_lexicon, make_piece, make_user
) -> None:
    from app.models import Category

    db.session.get(Category, "lottery").requires_legal = False
    db.session.commit()
    load_lexicon(LOTTERY)
    styling = make_piece(status="in_review", content_type="styling", body="抽奖送围巾")
    interactive = make_piece(status="in_review", content_type="interactive", body="抽奖送围巾")
    reviewer = make_user("reviewer")
    assert _approve(reviewer, styling) == Outcome.APPROVED
    assert _approve(reviewer, interactive) == Outcome.AWAITING_LEGAL


def test_queue_says_legal_is_needed_before_the_reviewer_approves(lottery_piece, make_user):
    [item] = queue_items(make_user("reviewer"), QueueFilters())
    assert item.legal_needed and not item.legal_pending
