"""`flask demo-scale`: a year of data in bulk, its rows as consistent as the services make them.

Run at a small size (the size is a parameter): counts, every piece's revisions and stored report,
states reachable through the workflow (each piece's audit trail replays to its status), approvals
pinned to the current revision, and a calendar whose entries agree with the states.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import select, text

from app.demo.scale import SCALE_PASSWORD
from app.extensions import db
from app.models import (
    AuditEvent,
    Channel,
    Decision,
    LexiconEntry,
    Notification,
    Piece,
    PublishJob,
    ReviewDecision,
    Revision,
    Role,
    User,
    UserRole,
    utcnow,
)
from app.workflow import Action, Status, advance
from tests.conftest import count_rows

PIECES, USERS = 300, 40
WORDS = ["规模测试词甲", "规模测试词乙", "规模测试词丙"]


@pytest.fixture
def scale(runner: FlaskCliRunner, tmp_path: Path) -> str:
    dictionary = tmp_path / "dictionary.txt"
    dictionary.write_text("\n".join(WORDS), encoding="utf-8")
    result = runner.invoke(
        args=[
            "demo-scale",
            "--pieces",
            str(PIECES),
            "--users",
            str(USERS),
            "--dictionary",
            str(dictionary),
        ]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_scale_counts_people_channels_and_lexicon(scale: str) -> None:
    assert count_rows(User) == USERS
    held = set(db.session.scalars(select(UserRole.role)))
    assert held == {role.value for role in Role}
    assert count_rows(Channel) == 12
    demo_pieces = 60  # the demo's own pieces come first
    assert count_rows(Piece) >= PIECES + 50 and count_rows(Piece) <= PIECES + demo_pieces + 10
    terms = set(
        db.session.scalars(select(LexiconEntry.term).where(LexiconEntry.valid_to.is_(None)))
    )
    assert set(WORDS) <= terms
    assert count_rows(Notification) > PIECES and count_rows(AuditEvent) > 3 * PIECES
    assert "规模数据已生成" in scale and SCALE_PASSWORD in scale


def test_every_piece_has_its_revisions_report_and_a_legal_history(scale: str) -> None:
    pieces = db.session.scalars(select(Piece)).all()
    revisions = defaultdict(list)
    for revision in db.session.scalars(select(Revision).order_by(Revision.number)):
        revisions[revision.piece_id].append(revision)
    trail = defaultdict(list)
    for event in db.session.scalars(
        select(AuditEvent).where(AuditEvent.object_type == "piece").order_by(AuditEvent.id)
    ):
        trail[event.object_id].append(event)
    now = utcnow()
    for piece in pieces:
        own = revisions[piece.id]
        assert [r.number for r in own] == list(range(1, len(own) + 1)), piece.id
        assert piece.current_revision_id == own[-1].id
        assert all(r.report is not None and r.verdict for r in own), piece.id
        # the audit trail replays through the workflow table to the piece's status
        state = Status.DRAFT
        assert trail[piece.id][0].action == "piece.create"
        for event in trail[piece.id][1:]:
            action = Action(event.action.removeprefix("piece."))
            assert event.from_state == state.value, piece.id
            state = advance(state, action)
            assert event.to_state == state.value
        assert state.value == piece.status, piece.id
        if piece.status in ("approved", "scheduled", "published"):
            assert piece.approved_hash == own[-1].content_hash
            approvals = db.session.scalars(
                select(ReviewDecision).where(
                    ReviewDecision.piece_id == piece.id,
                    ReviewDecision.decision == Decision.APPROVE.value,
                )
            ).all()
            assert [a.revision_id for a in approvals] == [own[-1].id]
        if piece.status == "in_review":
            assert piece.submitted_at is not None and piece.submitted_at <= now
        if piece.status == "scheduled":
            assert piece.publish_at is not None and piece.publish_at > now
        if piece.status == "published":
            assert piece.published_at is not None and piece.published_at <= now
            job = db.session.get(PublishJob, piece.id)
            if piece.id > 60:  # the demo's own pieces were published by hand, without a job
                assert job is not None and job.state == "done"


def test_the_calendar_spans_a_year_around_today(scale: str) -> None:
    today = utcnow().date()
    days = [d for d in db.session.scalars(select(Piece.planned_date)) if d is not None]
    assert min(days) <= today - timedelta(days=200) and max(days) >= today + timedelta(days=30)
    scheduled = db.session.scalars(select(Piece).where(Piece.publish_at.is_not(None))).all()
    assert {p.status for p in scheduled} <= {"scheduled", "published"}
    assert {"scheduled", "published"} <= {p.status for p in scheduled}
    statuses = set(db.session.scalars(select(Piece.status)))
    assert {s.value for s in (Status.DRAFT, Status.IN_REVIEW, Status.APPROVED)} <= statuses


def test_the_planner_has_statistics_after_the_bulk_load(scale: str) -> None:
    """The calendar's range queries use the publish_at index only when the planner knows the
    table (issue 16: 50 ms a week at 50,000 pieces without statistics on SQLite)."""
    if db.engine.dialect.name == "sqlite":
        analysed = set(db.session.scalars(text("SELECT DISTINCT tbl FROM sqlite_stat1")))
    else:
        analysed = set(
            db.session.scalars(
                text("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")
            )
        )
    assert {"piece", "revision", "review_decision"} <= analysed
