"""The daily / weekly / monthly reports and the worker's timetable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from app.analytics import digests, schedule
from app.extensions import db
from app.models import Notification, Piece, PieceMetric, User
from tests.conftest import count_rows

# Monday 2026-12-07 09:45 in Shanghai
MONDAY_MORNING = datetime(2026, 12, 7, 1, 45, tzinfo=UTC)


def test_the_report_covers_the_last_complete_period(app: Flask) -> None:
    assert digests.last_complete("day", MONDAY_MORNING).start == date(2026, 12, 6)
    week = digests.last_complete("week", MONDAY_MORNING)
    assert (week.start, week.last) == (date(2026, 11, 30), date(2026, 12, 6))
    assert digests.last_complete("month", MONDAY_MORNING).start == date(2026, 11, 1)


def test_dry_run_shows_the_key_numbers_and_sends_nothing(
    app: Flask,
    runner: FlaskCliRunner,
    make_user: Callable[..., User],
    make_piece: Callable[..., Piece],
) -> None:
    make_user("manager")
    piece = make_piece()
    yesterday = digests.last_complete("day", datetime.now(UTC)).start
    db.session.add(
        PieceMetric(
            day=yesterday,
            channel_id=piece.channel_id,
            piece_id=piece.id,
            reads=1234,
            delivered=10000,
        )
    )
    db.session.commit()
    result = runner.invoke(args=["digest", "--period", "day", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"运营日报 {yesterday.isoformat()}" in result.output
    assert "阅读 1,234" in result.output and "打开率 12.3%" in result.output
    assert f"/dashboard/?period=day&date={yesterday.isoformat()}" in result.output
    assert count_rows(Notification) == 0


def test_the_report_goes_to_the_managers(
    runner: FlaskCliRunner, make_user: Callable[..., User]
) -> None:
    manager, writer = make_user("manager"), make_user("writer")
    result = runner.invoke(args=["digest", "--period", "week"])
    assert result.exit_code == 0, result.output
    notices = db.session.scalars(select(Notification)).all()
    assert [(n.user_id, n.event) for n in notices] == [(manager.id, "digest")]
    assert notices[0].title.startswith("运营周报")
    assert writer.id not in {n.user_id for n in notices}


def test_the_worker_sends_each_report_once_per_period(
    app: Flask, make_user: Callable[..., User]
) -> None:
    app.config["ANALYTICS_SCHEDULE"] = True
    make_user("manager")
    early = datetime(2026, 12, 7, 0, 30, tzinfo=UTC)  # Monday 08:30
    # November's report, due since the 1st, and the day's reserve snapshot
    assert schedule.run_due(early) == 2
    assert schedule.run_due(MONDAY_MORNING) == 2  # yesterday's and last week's
    assert schedule.run_due(MONDAY_MORNING) == 0
    titles = sorted(n.title for n in db.session.scalars(select(Notification)))
    assert [t.split(" ")[0] for t in titles] == ["运营周报", "运营日报", "运营月报"]
    tuesday = datetime(2026, 12, 8, 1, 45, tzinfo=UTC)
    assert schedule.run_due(tuesday) == 2  # the next daily report and reserve snapshot
