"""The reserve over time: daily snapshots by the worker, backfilled from the audit log, shown
on the dashboard beside the target."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.analytics import reserve_history, schedule
from app.content.services import transition
from app.extensions import db
from app.models import Piece, ReserveSnapshot, User
from app.workflow import Action

# 02:00 UTC is 10:00 in Asia/Shanghai.
DEC_1, DEC_2, DEC_3, DEC_4 = (datetime(2026, 12, d, 2, tzinfo=UTC) for d in (1, 2, 3, 4))


def history(make_piece: Callable[..., Piece], make_user: Callable[..., User]) -> None:
    """Two pieces approved on Dec 1, one more on Dec 2, one scheduled on Dec 3."""
    with time_machine.travel(DEC_1, tick=False):
        first = make_piece(status="approved")
        make_piece(status="approved")
    with time_machine.travel(DEC_2, tick=False):
        make_piece(status="approved")
    with time_machine.travel(DEC_3, tick=False):
        transition(first, Action.SCHEDULE, make_user("manager"))
        db.session.commit()


def snapshots() -> list[tuple[date, int, bool]]:
    rows = db.session.scalars(select(ReserveSnapshot).order_by(ReserveSnapshot.day))
    return [(s.day, s.total, s.estimated) for s in rows if s.total or s.day >= date(2026, 11, 30)]


def test_the_worker_writes_yesterday_and_backfills_from_the_audit_log(
    app: Flask, make_piece: Callable[..., Piece], make_user: Callable[..., User]
) -> None:
    history(make_piece, make_user)
    app.config["ANALYTICS_SCHEDULE"] = True
    with time_machine.travel(DEC_4, tick=False):
        assert schedule.run_due(DEC_4) >= 1
        assert schedule.run_due(DEC_4) == 0  # once a day
    assert snapshots() == [
        (date(2026, 11, 30), 0, True),
        (date(2026, 12, 1), 2, True),
        (date(2026, 12, 2), 3, True),
        (date(2026, 12, 3), 2, False),  # yesterday: the worker's own snapshot
    ]
    total = db.session.scalar(select(ReserveSnapshot.target).limit(1))
    assert total == 200
    # The next day only adds the new yesterday; written days are not rewritten.
    later = datetime(2026, 12, 5, 2, tzinfo=UTC)
    with time_machine.travel(later, tick=False):
        assert reserve_history.record(later) == 1
        db.session.commit()
    assert snapshots()[-1] == (date(2026, 12, 4), 2, False)


def test_the_dashboard_shows_the_reserve_over_the_period(
    client: FlaskClient,
    make_piece: Callable[..., Piece],
    make_user: Callable[..., User],
    login_as: Callable[..., User],
) -> None:
    history(make_piece, make_user)
    with time_machine.travel(DEC_4, tick=False):
        reserve_history.record(DEC_4)
        db.session.commit()
        login_as("manager")
        page = client.get("/dashboard/?period=week&date=2026-12-01").get_data(as_text=True)
    assert 'data-chart="reserve"' in page
    table = page.split('data-table="reserve"', 1)[1].split("</table>", 1)[0]
    assert "2026-11-30" in table and "2026-12-03" in table and "2026-12-05" not in table
    assert table.count("低于目标") == 5  # Nov 30 … Dec 3 and today's live figure, all < 200
    assert "现在" in table  # Dec 4 is today: the live figure
