"""A duplicate metric row is reported once (issue 20): the parser's "same piece, same day" and
the importer's "two rows of one piece" used to say it twice, and saving a third time."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.analytics.imports import MetricImportRejected, apply, preview
from app.extensions import db
from app.models import Piece, PieceMetric
from tests.conftest import count_rows

HEADER = "date,channel,piece_id,url,reads\n"


def _lines_named(problems: list[str], line: int) -> list[str]:
    return [problem for problem in problems if problem.startswith(f"第 {line} 行：")]


def test_the_same_row_twice_is_one_problem(make_piece: Callable[..., Piece]) -> None:
    piece = make_piece()
    code = piece.channel.code
    data = f"{HEADER}2026-12-01,{code},{piece.id},,5\n2026-12-01,{code},{piece.id},,6\n"

    result = preview("m.csv", data.encode())

    assert result.errors == ["第 3 行：与第 2 行是同一稿件同一天的数据，请只保留一行。"]
    with pytest.raises(MetricImportRejected) as caught:
        apply(result, None)
    assert caught.value.problems == result.errors
    assert count_rows(PieceMetric) == 0


def test_two_rows_found_to_be_one_piece_are_one_problem_in_the_preview_and_when_saving(
    make_piece: Callable[..., Piece],
) -> None:
    piece = make_piece()
    piece.post_url = "https://e.cn/p/1"
    db.session.commit()
    code = piece.channel.code
    data = f"{HEADER}2026-12-01,{code},{piece.id},,5\n2026-12-01,{code},,{piece.post_url},6\n"

    result = preview("m.csv", data.encode())

    twice = f"第 3 行：与第 2 行都是稿件 #{piece.id} 在 2026-12-01 的数据。"
    assert result.errors == [twice]
    with pytest.raises(MetricImportRejected) as caught:
        apply(result, None)
    assert _lines_named(caught.value.problems, 3) == [twice]
    assert count_rows(PieceMetric) == 0
