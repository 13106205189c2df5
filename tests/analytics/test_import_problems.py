"""A metric import's row problems in the reader's language; the CLI's output stays Chinese."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from flask.testing import FlaskClient, FlaskCliRunner

from app.models import Piece
from tests.analytics.test_imports import HEADER, cli_import, reads_line, write
from tests.english import merged_english


def _bad_rows(piece: Piece) -> list[str]:
    code = piece.channel.code
    return [
        reads_line(piece, "2026-12-01", 100),
        reads_line(piece, "2026-12-02", "很多"),  # line 3: not a number
        f"2026-13-45,{code},x7,,,,,-1,,,,,,,",  # line 4: date, piece number and a negative count
        f"2026-12-03,nosuch,{piece.id},,,,,1,,,,,,,",  # line 5: no such channel
        reads_line(piece, "2026-12-01", 120),  # line 6: the same piece and day as line 2
    ]


def test_a_browser_import_with_bad_rows_lists_them_in_english(
    client: FlaskClient,
    login_as: Callable[..., object],
    make_piece: Callable[..., Piece],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    login_as("manager")
    piece = make_piece()
    data = (HEADER + "".join(line + "\n" for line in _bad_rows(piece))).encode()
    with merged_english(monkeypatch):
        page = client.post(
            "/dashboard/import?lang=en",
            data={"file": (io.BytesIO(data), "m.csv"), "source": "canonical"},
            content_type="multipart/form-data",
        ).get_data(as_text=True)
    assert "Line 3: Reads (reads): “很多” is not a number." in page
    assert (
        "Line 4: date “2026-13-45” not recognised (use 2026-12-01); piece number “x7” is not "
        "a positive whole number; nothing identifies the piece (piece number, platform content "
        "ID, link or title); Reads (reads): “-1” is not a whole number of 0 or more." in page
    )
    assert "Line 5: there is no channel with the code “nosuch”." in page
    assert "Line 6: the same piece and day as line 2; keep only one of them." in page
    assert "不是数字" not in page and "第 3 行" not in page


def test_the_cli_still_reports_bad_rows_in_chinese(
    runner: FlaskCliRunner, make_piece: Callable[..., Piece], tmp_path: Path
) -> None:
    piece = make_piece()
    path = write(tmp_path, "bad.csv", *_bad_rows(piece))
    result = cli_import(runner, path)
    assert result.exit_code == 1
    assert result.output == (
        f"{path}：导入失败，没有保存任何数据："
        "第 3 行：阅读（reads）“很多”不是数字。 "
        "第 4 行：日期“2026-13-45”无法识别（请用 2026-12-01）；稿件编号“x7”不是正整数；"
        "没有可识别稿件的内容（稿件编号、平台内容 ID、链接或标题）；"
        "阅读（reads）“-1”不是非负整数。 "
        "第 6 行：与第 2 行是同一稿件同一天的数据，请只保留一行。 "
        "第 5 行：没有代码为“nosuch”的渠道。\n"  # line 6's duplicate said once (it was thrice)
    )
