"""The transition table: every (state, action) pair, pure and through the database."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import func, select

from app.content.services import transition
from app.extensions import db
from app.models import AuditEvent
from app.workflow import TRANSITIONS, Action, IllegalTransition, Status, advance, allowed_actions

EXPECTED = {
    ("draft", "submit"): "in_review",
    ("changes_requested", "submit"): "in_review",
    ("in_review", "approve"): "approved",
    ("in_review", "request_changes"): "changes_requested",
    ("in_review", "reject"): "rejected",
    ("approved", "revise"): "in_review",
    ("scheduled", "revise"): "in_review",
    ("held", "revise"): "in_review",
    ("failed", "revise"): "in_review",
    ("publishing", "revise"): "in_review",
    ("approved", "schedule"): "scheduled",
    ("scheduled", "unschedule"): "approved",
    ("scheduled", "start_publishing"): "publishing",
    ("publishing", "mark_published"): "published",
    ("publishing", "fail"): "failed",
    ("publishing", "hold"): "held",
    ("scheduled", "hold"): "held",
    ("failed", "retry"): "scheduled",
    **{
        (state, "archive"): "archived"
        for state in (
            "draft",
            "in_review",
            "changes_requested",
            "approved",
            "rejected",
            "failed",
            "held",
        )
    },
}
ALL_PAIRS = list(itertools.product([s.value for s in Status], [a.value for a in Action]))


def test_table_is_exactly_the_product_table() -> None:
    assert {(s.value, a.value): t.value for (s, a), t in TRANSITIONS.items()} == EXPECTED


@pytest.mark.parametrize(("state", "action"), ALL_PAIRS)
def test_advance_pure(state: str, action: str) -> None:
    if (state, action) in EXPECTED:
        assert advance(state, action) == EXPECTED[(state, action)]
        assert Action(action) in allowed_actions(state)
    else:
        with pytest.raises(IllegalTransition) as caught:
            advance(state, action)
        assert (caught.value.state, caught.value.action) == (Status(state), Action(action))
        assert "不能执行" in str(caught.value)
        assert Action(action) not in allowed_actions(state)


@pytest.mark.parametrize(("state", "action"), ALL_PAIRS)
def test_transition_on_a_piece(state: str, action: str, make_piece, make_user) -> None:
    piece = make_piece()
    piece.status = state
    db.session.commit()
    actor = make_user("reviewer")
    audits_before = db.session.scalar(select(func.count(AuditEvent.id)))
    if (state, action) in EXPECTED:
        transition(piece, Action(action), actor)
        db.session.commit()
        db.session.refresh(piece)
        assert piece.status == EXPECTED[(state, action)]
        last = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (last.action, last.from_state, last.to_state, last.actor_id) == (
            f"piece.{action}",
            state,
            EXPECTED[(state, action)],
            actor.id,
        )
    else:
        with pytest.raises(IllegalTransition):
            transition(piece, Action(action), actor)
        db.session.rollback()
        db.session.refresh(piece)
        assert piece.status == state
        assert db.session.scalar(select(func.count(AuditEvent.id))) == audits_before


def test_database_refuses_unknown_status(make_piece) -> None:
    piece = make_piece()
    piece.status = "floating"
    with pytest.raises(Exception, match="(?i)check|constraint"):
        db.session.commit()
    db.session.rollback()
