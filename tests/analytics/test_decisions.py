"""The review turnaround facts (``review_turnaround``): written with every decision, equal to the
computation from the decisions, pieces and audit log, rebuilt by `flask metrics rollup`; the
dashboard's approvals, median, p90 and SLA breaches the same from either."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import time_machine
from flask.testing import FlaskCliRunner
from sqlalchemy import delete, select

from app.analytics import decisions, services
from app.content.services import submit
from app.extensions import db
from app.models import Decision, Piece, User
from app.models.metrics import ReviewTurnaround
from app.review.services import decide
from tests.conftest import _acks

# Monday 2026-11-30 09:00 in Shanghai.
START = datetime(2026, 11, 30, 1, tzinfo=UTC)


def stored() -> list[dict[str, Any]]:
    t = ReviewTurnaround
    return [
        {
            "decision_id": row.decision_id,
            "piece_id": row.piece_id,
            "channel_id": row.channel_id,
            "content_type": row.content_type,
            "decision": row.decision,
            "decided_at": row.decided_at,
            "hours": row.hours,
        }
        for row in db.session.scalars(select(t).order_by(t.decision_id))
    ]


def story(
    make_piece: Callable[..., Piece], make_user: Callable[..., User]
) -> tuple[Piece, Piece, Piece]:
    """a: changes requested after 5 h, resubmitted, approved 30 h later (over the 24 h SLA);
    b (promotion): approved after 1 h; c: in review, no decision."""
    reviewer = make_user("reviewer")
    with time_machine.travel(START, tick=False) as clock:
        a = make_piece(title="甲")
        b = make_piece(channel=a.channel, title="乙", content_type="promotion")
        c = make_piece(title="丙")
        for piece in (a, b, c):
            submit(piece.owner, piece)
        clock.shift(timedelta(hours=1))
        decide(reviewer, b, b.current_revision_id, Decision.APPROVE, "", _acks(b))
        clock.shift(timedelta(hours=4))
        decide(reviewer, a, a.current_revision_id, Decision.REQUEST_CHANGES, "再改改")
        clock.shift(timedelta(hours=2))
        submit(a.owner, a)
        clock.shift(timedelta(hours=30))
        decide(reviewer, a, a.current_revision_id, Decision.APPROVE, "", _acks(a))
    return a, b, c


def week() -> tuple[services.Filters, services.Window]:
    filters = services.Filters("week", date(2026, 11, 30))
    return filters, filters.windows(date(2026, 11, 30))[0]


def test_every_decision_writes_its_fact_equal_to_the_raw_computation(
    make_piece: Callable[..., Piece], make_user: Callable[..., User]
) -> None:
    a, b, _c = story(make_piece, make_user)
    assert stored() == decisions.raw_rows()
    assert [(r["piece_id"], r["decision"], r["hours"]) for r in stored()] == [
        (b.id, "approve", 1.0),
        (a.id, "request_changes", 5.0),  # the piece's latest submission is later: still counted
        (a.id, "approve", 30.0),
    ]
    assert decisions.ready()

    filters, span = week()
    shown = services.turnaround(filters, span)
    assert shown == {"decisions": 3, "median": 5.0, "p90": 30.0, "breaches": 1}
    assert services.pipeline(filters, span)["approved"] == 2
    start, end = span.instants()
    for narrowed in (
        filters,
        services.Filters("week", date(2026, 11, 30), channel_id=a.channel_id),
        services.Filters("week", date(2026, 11, 30), content_type="promotion"),
        services.Filters("week", date(2026, 11, 30), owner_id=a.owner_id),
    ):
        fast = decisions.figures(narrowed, start, end)
        assert fast == decisions.figures_raw(narrowed, start, end)
    promo = services.Filters("week", date(2026, 11, 30), content_type="promotion")
    assert decisions.figures(promo, start, end)["decisions"] == 1
    before = services.previous("week", span)
    assert services.turnaround(filters, before)["decisions"] == 0


def test_flask_metrics_rollup_rebuilds_the_facts_of_decisions_written_in_bulk(
    runner: FlaskCliRunner, make_piece: Callable[..., Piece], make_user: Callable[..., User]
) -> None:
    story(make_piece, make_user)
    expected = stored()
    db.session.execute(delete(ReviewTurnaround))  # as flask demo-scale leaves them: no facts
    db.session.commit()
    assert not decisions.ready()
    filters, span = week()
    # Not in step: the dashboard computes from the decisions (the same figures).
    assert services.turnaround(filters, span) == {
        "decisions": 3,
        "median": 5.0,
        "p90": 30.0,
        "breaches": 1,
    }

    result = runner.invoke(args=["metrics", "rollup"])
    assert result.exit_code == 0, result.output
    assert stored() == expected
    assert decisions.ready()


def test_percentiles_are_median_and_nearest_rank() -> None:
    assert decisions.summarise([1.0, 2.0, 10.0, 4.0], 1, 0)["median"] == 3.0
    assert decisions.percentile([float(n) for n in range(1, 11)], 0.9) == 9.0
    assert decisions.percentile([], 0.9) is None
