"""Metric imports: CLI and browser, idempotent, atomic, unmatched rows, the export round trip."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from click.testing import Result
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select
from werkzeug.test import TestResponse

from app.extensions import db
from app.models import Channel, MetricImport, MetricSource, Piece, PieceMetric
from tests.conftest import count_rows

HEADER = (
    "date,channel,piece_id,platform_id,url,title,delivered,reads,likes,shares,comments,"
    "favorites,conversions,revenue,cost\n"
)


def write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def reads_line(piece: Piece, day: str, reads: object) -> str:
    """A canonical row giving only the piece's reads of ``day``."""
    return f"{day},{piece.channel.code},{piece.id},,,,,{reads},,,,,,,"


def cli_import(runner: FlaskCliRunner, path: Path, *options: str) -> Result:
    return runner.invoke(args=["metrics", "import", str(path), *options])


def browser_import(client: FlaskClient, data: bytes) -> TestResponse:
    """Upload a canonical file at /dashboard/import (the preview page)."""
    return client.post(
        "/dashboard/import",
        data={"file": (io.BytesIO(data), "m.csv"), "source": "canonical"},
        content_type="multipart/form-data",
    )


def published(piece: Piece, when: datetime = datetime(2026, 11, 30, 12, tzinfo=UTC)) -> Piece:
    piece.published_at = when
    db.session.commit()
    return piece


def test_cli_import_is_idempotent_and_keeps_unknown_as_null(
    runner: FlaskCliRunner, make_piece: Callable[..., Piece], tmp_path: Path
) -> None:
    piece = make_piece()
    code = piece.channel.code
    path = write(
        tmp_path, "m.csv", f"2026-12-01,{code},{piece.id},,,,1000,150,10,,,,2,300.00,100.00"
    )
    first = cli_import(runner, path)
    assert first.exit_code == 0, first.output
    assert "新增 1 行，替换 0 行" in first.output
    again = cli_import(runner, path)
    assert "新增 0 行，替换 1 行" in again.output
    assert count_rows(PieceMetric) == 1
    metric = db.session.scalars(select(PieceMetric)).one()
    assert (metric.reads, metric.delivered, metric.shares) == (150, 1000, None)
    assert count_rows(MetricImport) == 2


def test_a_reimport_replaces_the_day_not_adds(
    runner: FlaskCliRunner, make_piece: Callable[..., Piece], tmp_path: Path
) -> None:
    piece = make_piece()
    cli_import(runner, write(tmp_path, "a.csv", reads_line(piece, "2026-12-01", 100)))
    cli_import(runner, write(tmp_path, "b.csv", reads_line(piece, "2026-12-01", 130)))
    assert db.session.scalars(select(PieceMetric.reads)).all() == [130]


def test_one_bad_row_rejects_the_whole_file_naming_every_bad_row(
    runner: FlaskCliRunner, make_piece: Callable[..., Piece], tmp_path: Path
) -> None:
    piece = make_piece()
    path = write(
        tmp_path,
        "bad.csv",
        reads_line(piece, "2026-12-01", 100),
        reads_line(piece, "2026-12-02", "很多"),
        f"2026-12-03,nosuch,{piece.id},,,,,1,,,,,,,",
    )
    result = cli_import(runner, path)
    assert result.exit_code == 1
    assert "第 3 行" in result.output and "阅读（reads）“很多”不是数字" in result.output
    assert "第 4 行：没有代码为“nosuch”的渠道" in result.output
    assert count_rows(PieceMetric) == 0
    assert count_rows(MetricImport) == 0


def test_unmatched_rows_are_listed_and_skipped_by_the_cli(
    runner: FlaskCliRunner, make_piece: Callable[..., Piece], tmp_path: Path
) -> None:
    piece = make_piece()
    code = piece.channel.code
    path = write(
        tmp_path,
        "u.csv",
        reads_line(piece, "2026-12-01", 100),
        f"2026-12-01,{code},,,https://example.com/unknown,,,7,,,,,,,",
    )
    result = cli_import(runner, path)
    assert "跳过 1 行" in result.output
    assert "未匹配：第 3 行" in result.output and "https://example.com/unknown" in result.output
    assert count_rows(PieceMetric) == 1


def test_a_platform_export_through_its_saved_mapping_matches_by_title(
    runner: FlaskCliRunner,
    make_piece: Callable[..., Piece],
    make_channel: Callable[..., Channel],
    tmp_path: Path,
) -> None:
    channel = make_channel("xiaohongshu", code="xhs")
    piece = published(make_piece(channel=channel, title="秋冬叠穿公式"))
    path = tmp_path / "xhs.csv"
    path.write_text(
        "笔记标题,首次发布时间,曝光,观看量,点赞,评论,收藏,分享\n"
        '秋冬叠穿公式,2026-12-01 19:00:00,"12,000",1.5万,300,20,80,12\n',
        encoding="utf-8",
    )
    result = cli_import(runner, path, "--source", "xiaohongshu_notes")
    assert result.exit_code == 0, result.output
    metric = db.session.scalars(select(PieceMetric)).one()
    assert (metric.piece_id, metric.delivered, metric.reads, metric.favorites) == (
        piece.id,
        12000,
        15000,
        80,
    )


def test_an_unknown_source_is_named(runner: FlaskCliRunner, tmp_path: Path) -> None:
    result = cli_import(runner, write(tmp_path, "x.csv"), "--source", "nope")
    assert result.exit_code == 1
    assert "没有名为“nope”的数据来源" in result.output


def test_browser_import_preview_hand_match_and_export_round_trip(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[..., object],
    make_piece: Callable[..., Piece],
) -> None:
    login_as("manager")
    piece = published(make_piece(title="通勤西装"))
    other = published(make_piece(channel=piece.channel, title="别的稿件"))
    code = piece.channel.code
    data = (
        HEADER
        + f'2026-12-01,{code},{piece.id},@SUM(1),,=HYPERLINK("x"),2000,321,10,5,3,2,4,500,100\n'
        + f"2026-12-01,{code},,,https://example.com/lost,,1000,77,,,,,,,\n"
    ).encode()
    page = browser_import(client, data)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "已匹配 1 行" in html and "未匹配 1 行" in html and "https://example.com/lost" in html
    token = html.split("/dashboard/import/")[1].split('"')[0]
    assert count_rows(PieceMetric) == 0  # a preview saves nothing
    done = client.post(
        f"/dashboard/import/{token}",
        data={"source": "canonical", "filename": "m.csv", "match-3": str(other.id)},
    )
    assert done.status_code == 302
    assert count_rows(PieceMetric) == 2

    dashboard = client.get("/dashboard/?period=day&date=2026-12-01")
    assert dashboard.status_code == 200
    text = dashboard.get_data(as_text=True)
    assert 'data-metric="reads">398<' in text  # 321 + 77
    assert 'id="dashboard-data"' in text

    export = client.get("/dashboard/export.csv?period=day&date=2026-12-01")
    assert export.status_code == 200
    rows = {
        r["piece_id"]: r
        for r in csv.DictReader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff")))
    }
    assert rows[str(piece.id)]["reads"] == "321"
    assert rows[str(other.id)]["reads"] == "77"
    assert rows[str(piece.id)]["open_rate"] == "0.1605"
    assert rows[str(piece.id)]["interactions"] == "20"
    assert rows[str(piece.id)]["roi"] == "4.0000"
    assert rows[str(piece.id)]["title"] == "通勤西装"
    assert rows[str(piece.id)]["platform_id"] == "'@SUM(1)"  # formula cells escaped
    assert rows[str(other.id)]["likes"] == ""  # unknown stays empty, not 0


def test_a_bad_browser_upload_is_explained_and_saves_nothing(
    client: FlaskClient, login_as: Callable[..., object], make_piece: Callable[..., Piece]
) -> None:
    login_as("admin")
    piece = make_piece()
    data = (HEADER + f"2026-12-01,{piece.channel.code},{piece.id},,,,,-1,,,,,,,\n").encode()
    page = browser_import(client, data)
    html = page.get_data(as_text=True)
    assert "有 1 处错误，不能导入" in html
    assert "第 2 行：阅读（reads）“-1”不是非负整数" in html
    assert count_rows(PieceMetric) == 0


def test_mappings_are_editable_and_saved_per_source(
    client: FlaskClient, login_as: Callable[..., object]
) -> None:
    login_as("manager")
    assert client.get("/dashboard/import").status_code == 200
    source = db.session.scalars(
        select(MetricSource).where(MetricSource.name == "douyin_works")
    ).one()
    refused = client.post(f"/dashboard/sources/{source.id}", data={"reads": "播放"})
    assert refused.status_code == 400
    assert "列映射必须包含日期列" in refused.get_data(as_text=True)
    saved = client.post(
        f"/dashboard/sources/{source.id}",
        data={"date": "日期", "title": "作品", "reads": "播放|观看"},
    )
    assert saved.status_code == 302
    db.session.refresh(source)
    assert source.mapping == {"date": "日期", "title": "作品", "reads": "播放|观看"}


def test_a_hand_match_onto_a_matched_piece_and_day_is_refused(
    client: FlaskClient, login_as: Callable[..., object], make_piece: Callable[..., Piece]
) -> None:
    login_as("manager")
    piece = make_piece()
    code = piece.channel.code
    data = (
        HEADER
        + f"2026-12-01,{code},{piece.id},,,,,5,,,,,,,\n"
        + f"2026-12-01,{code},,,https://example.com/lost,,,7,,,,,,,\n"
    ).encode()
    page = browser_import(client, data)
    token = page.get_data(as_text=True).split("/dashboard/import/")[1].split('"')[0]
    refused = client.post(
        f"/dashboard/import/{token}",
        data={"source": "canonical", "filename": "m.csv", "match-3": str(piece.id)},
    )
    assert refused.status_code == 400
    assert f"第 3 行：与第 2 行都是稿件 #{piece.id} 在 2026-12-01 的数据" in refused.get_data(
        as_text=True
    )
    assert count_rows(PieceMetric) == 0


def test_an_xlsx_export_imports_like_a_csv(
    runner: FlaskCliRunner, make_piece: Callable[..., Piece], tmp_path: Path
) -> None:
    from openpyxl import Workbook

    piece = make_piece()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["date", "channel", "piece_id", "reads", "delivered", "likes"])
    sheet.append([datetime(2026, 12, 1), piece.channel.code, piece.id, 88.0, 800, None])
    path = tmp_path / "m.xlsx"
    workbook.save(path)
    result = cli_import(runner, path)
    assert result.exit_code == 0, result.output
    metric = db.session.scalars(select(PieceMetric)).one()
    assert (metric.day.isoformat(), metric.reads, metric.delivered, metric.likes) == (
        "2026-12-01",
        88,
        800,
        None,
    )
