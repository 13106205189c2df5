"""The pure part of metric imports: mappings, cells, rows, rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.analytics.parsing import (
    identity_mapping,
    interactions,
    open_rate,
    parse_count,
    parse_day,
    parse_money,
    parse_rows,
    roi,
)

HEADER = ["date", "channel", "piece_id", "title", "delivered", "reads", "likes", "revenue", "cost"]


def records(*rows: list[str]) -> list[tuple[int, list[str]]]:
    return list(enumerate([HEADER, *rows], start=1))


def test_empty_cells_are_unknown_not_zero() -> None:
    parsed = parse_rows(
        records(["2026-12-01", "oa", "7", "", "", "120", "-", "", "0"]), identity_mapping()
    )
    assert parsed.errors == []
    (row,) = parsed.rows
    assert row.values["delivered"] is None
    assert row.values["likes"] is None
    assert row.values["reads"] == 120
    assert row.values["cost"] == Decimal("0.00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,234", 1234), ("1.2万", 12000), ("56.0", 56), ("", None), ("--", None)],
)
def test_counts(text: str, expected: int | None) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["-3", "1.5", "abc", "nan"])
def test_bad_counts(text: str) -> None:
    with pytest.raises(ValueError):
        parse_count(text)


def test_money_and_dates() -> None:
    assert parse_money("¥1,234.5") == Decimal("1234.50")
    assert parse_day("2026/12/01") == date(2026, 12, 1)
    assert parse_day("20261201") == date(2026, 12, 1)
    assert parse_day("2026年12月1日") == date(2026, 12, 1)
    assert parse_day("2026-12-01 20:30:00") == date(2026, 12, 1)
    assert parse_day("2026-13-01") is None


def test_every_bad_row_is_named_in_chinese() -> None:
    parsed = parse_rows(
        records(
            ["2026-12-01", "oa", "7", "", "", "abc", "", "", ""],
            ["昨天", "oa", "8", "", "", "1", "", "", ""],
            ["2026-12-01", "oa", "", "", "", "1", "", "", ""],
            ["2026-12-01", "oa", "9", "", "", "1", "", "", "-5"],
        ),
        identity_mapping(),
    )
    assert parsed.rows == []
    assert [e.split("：")[0] for e in parsed.errors] == ["第 2 行", "第 3 行", "第 4 行", "第 5 行"]
    assert "阅读（reads）“abc”不是数字" in parsed.errors[0]
    assert "日期“昨天”无法识别" in parsed.errors[1]
    assert "没有可识别稿件的内容" in parsed.errors[2]
    assert "成本（cost）“-5”是负数" in parsed.errors[3]


def test_a_mapping_reads_a_platform_export() -> None:
    mapping = {"date": "发表时间|日期", "title": "内容标题", "reads": "阅读人数|图文阅读人数"}
    parsed = parse_rows(
        [
            (1, ["内容标题", "发表时间", "图文阅读人数"]),
            (2, ["春装上新", "2026-12-01 20:00", "3.4万"]),
        ],
        mapping,
        default_channel="oa",
    )
    (row,) = parsed.rows
    assert (row.title, row.day, row.channel, row.values["reads"]) == (
        "春装上新",
        date(2026, 12, 1),
        "oa",
        34000,
    )


def test_a_header_without_date_or_identifier_is_refused() -> None:
    assert "找不到日期列" in parse_rows([(1, ["title"])], identity_mapping()).errors[0]
    assert (
        "找不到能识别稿件的列" in parse_rows([(1, ["date", "reads"])], identity_mapping()).errors[0]
    )


def test_the_same_piece_and_day_twice_is_an_error() -> None:
    parsed = parse_rows(
        records(
            ["2026-12-01", "oa", "7", "", "", "1", "", "", ""],
            ["2026-12-01", "oa", "7", "", "", "2", "", "", ""],
        ),
        identity_mapping(),
    )
    assert parsed.errors == ["第 3 行：与第 2 行是同一稿件同一天的数据，请只保留一行。"]


def test_rates() -> None:
    assert open_rate(15, 100) == 0.15
    assert open_rate(None, 100) is None and open_rate(5, 0) is None
    assert roi(Decimal(300), Decimal(100)) == 2.0
    assert roi(Decimal(300), None) is None
    assert interactions({"likes": 1, "shares": None, "comments": 2}) == 3
    assert interactions({}) is None
