"""The dashboard's rollups: equal to the raw rows after an import, a re-import and by hand;
rebuilt by `flask metrics rollup`; the dashboard's figures the same from either."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask.testing import FlaskCliRunner
from sqlalchemy import func, insert, select

from app.analytics import rollup, services
from app.extensions import db
from app.models import MetricDaily, MetricPiecePeriod, Piece, PieceMetric
from tests.analytics.test_imports import cli_import, write
from tests.conftest import count_rows

# 2026-11-30 is a Monday: 12:00 UTC is 20:00 in Asia/Shanghai.
MONDAY_NOON = datetime(2026, 11, 30, 12, tzinfo=UTC)


def pieces(make_piece: Callable[..., Piece]) -> tuple[Piece, Piece, Piece]:
    a = make_piece(title="甲", content_type="styling")
    b = make_piece(channel=a.channel, title="乙", content_type="promotion")
    c = make_piece(channel=a.channel, title="丙", content_type="styling")
    a.published_at = MONDAY_NOON
    b.published_at = datetime(2026, 12, 2, 1, 30, tzinfo=UTC)  # Wednesday 09:30 in Shanghai
    c.published_at = MONDAY_NOON
    db.session.commit()
    return a, b, c


def lines(a: Piece, b: Piece, c: Piece, reads_a: int = 150) -> list[str]:
    code = a.channel.code
    return [
        f"2026-12-01,{code},{a.id},,,,1000,{reads_a},10,,,,,,",
        f"2026-12-02,{code},{a.id},,,,1000,50,,,,,,,",
        f"2026-12-02,{code},{b.id},,,,,80,1,2,3,4,5,600.00,200.00",
        f"2026-12-08,{code},{b.id},,,,2000,400,,,,,,,",
        f"2026-11-30,{code},{c.id},,,,500,60,,,,,,,",
        f"2026-12-31,{code},{c.id},,,,,,,,,,,,",
    ]


def raw_daily() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """metric_daily as it must be: piece_metric grouped by day, channel and content type."""
    m = PieceMetric
    query = (
        select(
            m.day,
            m.channel_id,
            Piece.content_type,
            func.count(m.id),
            func.count(func.distinct(m.piece_id)),
            *rollup.sums(),
        )
        .join(Piece, Piece.id == m.piece_id)
        .group_by(m.day, m.channel_id, Piece.content_type)
    )
    return {tuple(r[:3]): _plain(r[3:]) for r in db.session.execute(query)}


def stored_daily() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    d = MetricDaily
    columns = [getattr(d, c) for c in rollup.SUM_COLUMNS]
    query = select(d.day, d.channel_id, d.content_type, d.rows, d.pieces, *columns)
    return {tuple(r[:3]): _plain(r[3:]) for r in db.session.execute(query)}


def _plain(values: Any) -> tuple[Any, ...]:
    return tuple(None if v is None else Decimal(v).quantize(Decimal("0.01")) for v in values)


def figures(anchor: date) -> list[dict[str, Any]]:
    """The dashboard's performance figures from the rollups and from the raw rows."""
    out = []
    for period in ("day", "week", "month"):
        for content_type in (None, "promotion"):
            filters = services.Filters(period, anchor, content_type=content_type)
            current, before = filters.windows(anchor)
            out.append(
                {
                    "rollup": services.performance(filters, current, before),
                    "raw": services.performance_raw(filters, current, before),
                }
            )
    return out


def assert_same_figures(anchor: date) -> None:
    for pair in figures(anchor):
        rolled, raw = pair["rollup"], pair["raw"]
        for key in ("totals", "old_totals", "open_rates", "old_open_rates", "by_type"):
            assert rolled[key] == raw[key], key
        for key in ("by_weekday", "by_hour"):
            assert rolled[key] == raw[key], key
        for key in ("top", "bottom"):
            assert [r["piece_id"] for r in rolled[key]] == [r["piece_id"] for r in raw[key]]
            assert [r["reads"] for r in rolled[key]] == [r["reads"] for r in raw[key]]


def test_the_rollups_equal_the_raw_rows_after_import_and_reimport(
    runner: FlaskCliRunner, make_piece: Callable[..., Piece], tmp_path: Path
) -> None:
    a, b, c = pieces(make_piece)
    path = write(tmp_path, "m.csv", *lines(a, b, c))
    assert cli_import(runner, path).exit_code == 0
    assert stored_daily() == raw_daily()
    assert len(stored_daily()) == 6
    assert_same_figures(date(2026, 12, 2))
    assert_same_figures(date(2026, 12, 8))

    before = (stored_daily(), count_rows(MetricPiecePeriod))
    again = cli_import(runner, path)
    assert "替换 6 行" in again.output
    assert (stored_daily(), count_rows(MetricPiecePeriod)) == before  # idempotent

    changed = write(tmp_path, "n.csv", lines(a, b, c, reads_a=900)[0])
    assert cli_import(runner, changed).exit_code == 0
    assert stored_daily() == raw_daily()
    assert_same_figures(date(2026, 12, 1))
    week = db.session.scalars(
        select(MetricPiecePeriod.reads).where(
            MetricPiecePeriod.grain == "week",
            MetricPiecePeriod.start == date(2026, 11, 30),
            MetricPiecePeriod.piece_id == a.id,
        )
    ).one()
    assert week == 950


def test_the_rollups_by_hand(
    runner: FlaskCliRunner, make_piece: Callable[..., Piece], tmp_path: Path
) -> None:
    a, b, c = pieces(make_piece)
    path = write(tmp_path, "m.csv", *lines(a, b, c))
    assert cli_import(runner, path).exit_code == 0
    day = db.session.scalars(
        select(MetricDaily).where(
            MetricDaily.day == date(2026, 12, 2), MetricDaily.content_type == "promotion"
        )
    ).one()
    # b on 12-02: reads 80, delivered unknown → no open-rate part; ROI parts 600 / 200.
    assert (day.rows, day.pieces, day.reads, day.delivered) == (1, 1, 80, None)
    assert (day.rate_reads, day.rate_delivered) == (0, 0)
    assert (day.interactions, day.conversions) == (1 + 2 + 3 + 4, 5)
    assert (day.roi_revenue, day.roi_cost) == (Decimal("600.00"), Decimal("200.00"))

    r = MetricPiecePeriod
    month = db.session.execute(
        select(r.piece_id, r.reads, r.rate_reads, r.rate_delivered, r.weekday, r.hour)
        .where(r.grain == "month", r.start == date(2026, 12, 1))
        .order_by(r.piece_id)
    ).all()
    assert [tuple(row) for row in month] == [
        (a.id, 200, 200, 2000, 0, 20),  # Monday 20:00 in Shanghai
        (b.id, 480, 400, 2000, 2, 9),  # Wednesday 09:30
        (c.id, None, 0, 0, 0, 20),  # only an all-unknown row in December
    ]
    weeks = db.session.execute(
        select(r.start, r.reads).where(r.grain == "week", r.piece_id == b.id).order_by(r.start)
    ).all()
    assert [tuple(w) for w in weeks] == [(date(2026, 11, 30), 80), (date(2026, 12, 7), 400)]

    filters = services.Filters("month", date(2026, 12, 1))
    current, before = filters.windows(date(2026, 12, 1))
    shown = services.performance(filters, current, before)
    assert (shown["totals"]["pieces"], shown["totals"]["reads"]) == (3, 680)
    assert (shown["old_totals"]["pieces"], shown["old_totals"]["reads"]) == (1, 60)
    assert [t["piece_id"] for t in shown["top"]] == [b.id, a.id, c.id]
    assert [t["piece_id"] for t in shown["bottom"]] == [c.id, a.id, b.id]
    assert [(g["key"], g["pieces"], g["reads"]) for g in shown["by_weekday"]] == [
        (0, 2, 200),
        (2, 1, 480),
    ]


def test_flask_metrics_rollup_rebuilds_what_was_written_around_the_import(
    runner: FlaskCliRunner, make_piece: Callable[..., Piece], tmp_path: Path
) -> None:
    a, b, c = pieces(make_piece)
    rows = [
        {"day": date(2026, 12, n), "channel_id": a.channel_id, "piece_id": a.id, "reads": n}
        for n in range(1, 11)
    ]
    db.session.execute(insert(PieceMetric), rows)  # as the bench does: straight into the table
    db.session.commit()
    assert count_rows(MetricDaily) == 0
    assert not services.rollup_ready()  # the dashboard sums the raw rows meanwhile

    part = runner.invoke(args=["metrics", "rollup", "--from", "2026-12-01", "--to", "2026-12-03"])
    assert part.exit_code == 0, part.output
    assert "每日汇总 3 行" in part.output
    assert sorted(stored_daily()) == sorted(k for k in raw_daily() if k[0] <= date(2026, 12, 3))

    whole = runner.invoke(args=["metrics", "rollup"])
    assert whole.exit_code == 0, whole.output
    assert stored_daily() == raw_daily()
    assert services.rollup_ready()
    assert_same_figures(date(2026, 12, 5))

    bad = runner.invoke(args=["metrics", "rollup", "--from", "2026-12-05", "--to", "2026-12-01"])
    assert bad.exit_code != 0 and "不能晚于" in bad.output
    assert runner.invoke(args=["metrics", "rollup", "--from", "12/01"]).exit_code != 0


def test_grain_of_a_window() -> None:
    assert rollup.grain_of(date(2026, 12, 3), date(2026, 12, 4)) == "day"
    assert rollup.grain_of(date(2026, 11, 30), date(2026, 12, 7)) == "week"
    assert rollup.grain_of(date(2026, 12, 1), date(2027, 1, 1)) == "month"
    assert rollup.grain_of(date(2026, 12, 2), date(2026, 12, 9)) is None


def test_the_export_reads_the_rollup_with_the_raw_rows_figures(
    runner: FlaskCliRunner, make_piece: Callable[..., Piece], tmp_path: Path
) -> None:
    a, b, c = pieces(make_piece)
    code = a.channel.code
    extra = [
        f"2026-12-03,{code},{a.id},2247_1,https://mp.example/a,,100,20,,,,,,,",
        f"2026-12-04,{code},{b.id},2248_1,,,,,,,,,1,9.50,3.00",
    ]
    path = write(tmp_path, "m.csv", *lines(a, b, c), *extra)
    assert cli_import(runner, path).exit_code == 0

    def both() -> list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
        out = []
        for anchor in (date(2026, 12, 2), date(2026, 12, 3), date(2026, 12, 8)):
            for period in services.PERIODS:
                for content_type in (None, "promotion"):
                    filters = services.Filters(period, anchor, content_type=content_type)
                    span = filters.windows(anchor)[0]
                    raw = sorted(services.piece_rows(filters, span), key=lambda r: r["piece_id"])
                    out.append((services.export_rows(filters, span), raw))
        return out

    for rolled, raw in both():
        assert rolled == raw
    month = services.Filters("month", date(2026, 12, 1))
    shown = services.export_rows(month, month.windows(date(2026, 12, 1))[0])
    assert [(r["piece_id"], r["platform_id"], r["reads"]) for r in shown] == [
        (a.id, "2247_1", 220),
        (b.id, "2248_1", 480),
        (c.id, "", None),
    ]
    assert shown[0]["url"] == "https://mp.example/a"

    assert runner.invoke(args=["metrics", "rollup"]).exit_code == 0
    for rolled, raw in both():
        assert rolled == raw
