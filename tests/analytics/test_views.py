"""Who sees what on /dashboard and on the piece page; periods and filters."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from app.analytics import rollup, services
from app.extensions import db
from app.models import Piece, PieceMetric, User
from tests.conftest import login


def metric(piece: Piece, day: date, reads: int, delivered: int | None = None) -> None:
    db.session.add(
        PieceMetric(
            day=day,
            channel_id=piece.channel_id,
            piece_id=piece.id,
            reads=reads,
            delivered=delivered,
        )
    )
    rollup.refresh([(piece.id, day)])  # as an import does
    db.session.commit()


def test_periods_and_the_previous_one() -> None:
    assert services.window("day", date(2026, 12, 3)) == services.Window(
        date(2026, 12, 3), date(2026, 12, 4)
    )
    week = services.window("week", date(2026, 12, 3))  # a Thursday
    assert (week.start, week.end) == (date(2026, 11, 30), date(2026, 12, 7))
    assert services.previous("week", week).start == date(2026, 11, 23)
    month = services.window("month", date(2026, 12, 31))
    assert (month.start, month.end) == (date(2026, 12, 1), date(2027, 1, 1))
    assert services.previous("month", month) == services.Window(
        date(2026, 11, 1), date(2026, 12, 1)
    )


def test_writers_see_only_their_own_pieces(
    client: FlaskClient,
    make_user: Callable[..., User],
    make_piece: Callable[..., Piece],
) -> None:
    me, other = make_user("writer"), make_user("writer")
    mine = make_piece(me, title="我的稿件")
    theirs = make_piece(other, channel=mine.channel, title="别人的稿件")
    metric(mine, date(2026, 12, 1), 11)
    metric(theirs, date(2026, 12, 1), 500)
    login(client, me)
    page = client.get("/dashboard/?period=day&date=2026-12-01").get_data(as_text=True)
    assert 'data-metric="reads">11<' in page
    assert "别人的稿件" not in page
    assert "对比上期 2026-11-30。只显示你自己的稿件。" in page
    assert "流程与审核" not in page and 'id="comp-h"' not in page
    export = client.get("/dashboard/export.csv?period=day&date=2026-12-01").get_data(as_text=True)
    ids = [r["piece_id"] for r in csv.DictReader(io.StringIO(export.lstrip("\ufeff")))]
    assert ids == [str(mine.id)]


def test_legal_sees_the_compliance_section_only(
    client: FlaskClient, login_as: Callable[..., User], make_piece: Callable[..., Piece]
) -> None:
    metric(make_piece(), date(2026, 12, 1), 42)
    login_as("legal")
    page = client.get("/dashboard/?period=day&date=2026-12-01").get_data(as_text=True)
    assert 'id="comp-h"' in page
    assert 'id="perf-h"' not in page and 'id="pipe-h"' not in page
    assert "只显示你自己的稿件" not in page  # the compliance section covers every piece


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_managers_and_admins_see_every_section_with_the_previous_period(
    client: FlaskClient,
    login_as: Callable[..., User],
    make_user: Callable[..., User],
    make_piece: Callable[..., Piece],
    role: str,
) -> None:
    piece = make_piece(make_user("writer"))  # someone else's piece: all pieces are shown
    metric(piece, date(2026, 12, 1), 300, 1000)
    metric(piece, date(2026, 11, 30), 100, 1000)
    login_as(role)
    page = client.get("/dashboard/?period=day&date=2026-12-01").get_data(as_text=True)
    for heading in ('id="perf-h"', 'id="pipe-h"', 'id="comp-h"'):
        assert heading in page
    assert 'data-metric="reads">300<' in page
    assert "<td>30.0%</td><td>10.0%</td>" in page  # open rate, now and before


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("period=year", "周期只能是"),
        ("date=2026-13-01", "日期格式"),
        ("channel=nope", "没有这个渠道"),
    ],
)
def test_bad_filters_are_a_400_in_chinese(
    client: FlaskClient, login_as: Callable[..., User], query: str, message: str
) -> None:
    login_as("manager")
    response = client.get(f"/dashboard/?{query}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_the_piece_page_shows_its_performance_to_its_writer_after_publishing(
    client: FlaskClient, make_user: Callable[..., User], make_piece: Callable[..., Piece]
) -> None:
    writer = make_user("writer")
    piece = make_piece(writer)
    metric(piece, date(2026, 12, 1), 77, 700)
    login(client, writer)
    assert "发布后表现" not in client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    piece.published_at = datetime(2026, 11, 30, 12, tzinfo=UTC)
    db.session.commit()
    page = client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    assert "发布后表现" in page and "<b>77</b>" in page and "11.0%" in page
    client.post("/logout")
    login(client, make_user("writer"))  # another writer: not theirs
    assert "发布后表现" not in client.get(f"/pieces/{piece.id}").get_data(as_text=True)


def test_cached_figures_change_as_soon_as_metrics_are_imported(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[..., User],
    make_piece: Callable[..., Piece],
) -> None:
    from app.extensions import cache

    app.config["DASHBOARD_CACHE_SECONDS"] = 120
    cache.clear()
    piece = make_piece()
    metric(piece, date(2026, 12, 1), 5)
    login_as("manager")
    url = "/dashboard/?period=day&date=2026-12-01"
    assert 'data-metric="reads">5<' in client.get(url).get_data(as_text=True)
    db.session.execute(update(PieceMetric).values(reads=6))  # not through an import: cached
    rollup.refresh([(piece.id, date(2026, 12, 1))])  # (as `flask metrics rollup` would)
    db.session.commit()
    assert 'data-metric="reads">5<' in client.get(url).get_data(as_text=True)
    metric(make_piece(channel=piece.channel), date(2026, 12, 1), 10)  # a new row: new figures
    assert 'data-metric="reads">16<' in client.get(url).get_data(as_text=True)
    cache.clear()


def test_a_month_shows_the_mix_week_by_week_against_the_policy(
    client: FlaskClient, login_as: Callable[..., User], make_piece: Callable[..., Piece]
) -> None:
    first = make_piece(content_type="promotion")
    second = make_piece(channel=first.channel, content_type="styling")
    first.published_at = datetime(2026, 12, 1, 4, tzinfo=UTC)  # week of Monday 11-30
    second.published_at = datetime(2026, 12, 8, 4, tzinfo=UTC)  # week of Monday 12-07
    db.session.commit()
    login_as("manager")
    page = client.get("/dashboard/?period=month&date=2026-12-01").get_data(as_text=True)
    weeks = page.split("按周")[1].split("</table>")[0]
    assert "<td>2026-11-30</td><td>1</td>" in weeks and "<td>2026-12-07</td><td>1</td>" in weeks
    assert weeks.count("超过 20%") == 1  # the promotion's week only
    assert weeks.count("少于 3 篇") == 2
