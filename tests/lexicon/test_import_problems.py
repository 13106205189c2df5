"""A word-list import's row problems in the reader's language; the CLI's output stays Chinese."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from werkzeug.test import TestResponse

from app.compliance import Entry
from app.compliance.wordlist_csv import HEADER
from app.errors import say
from app.lexicon.services import ImportRejected
from app.lexicon.spreadsheets import parse_uploads
from app.models import User
from tests.english import chinese_in, merged_english
from tests.lexicon.test_transfer import BAD_LINES, BEST, _as, _csv
from tests.lexicon.test_views import _form

ENGLISH_ROWS = [
    (3, "Unknown category “no_such_category”"),
    (4, "Unknown severity “fatal”; it should be one of info, warn, review, block"),
    (5, "Must-hit example “纯棉短袖” does not hit the entry “治疗”"),
    (6, "The term “最 好” repeats “最好” of line 2 in category “ad_absolute”"),
]


def _upload_in_english(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: bytes,
    headers: dict[str, str] | None = None,
) -> TestResponse:
    with merged_english(monkeypatch):
        return client.post(
            "/lexicon/transfer/upload?lang=en",
            data={"files": [(io.BytesIO(content), name)]},
            content_type="multipart/form-data",
            headers=headers or {},
        )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_upload_with_bad_rows_lists_them_in_english(
    fmt: str,
    client: FlaskClient,
    login_as: Callable[..., User],
    load_lexicon: Callable[..., object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load_lexicon(BEST)
    login_as("legal")
    response = _upload_in_english(client, monkeypatch, *_as(fmt, _csv(*BAD_LINES)))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    for line, problem in ENGLISH_ROWS:
        assert f"<td>row {line}</td><td>{problem}</td>" in page
    if fmt == "csv":
        assert "<td>row 7</td><td>12 columns expected, 10 found</td>" in page
    table = page.split('class="list import-errors"')[1].split("</table>")[0]
    # only user content (file name, terms, examples) stays Chinese
    assert set(chinese_in(table)) <= {"词表", "纯棉短袖", "治疗", "最", "好", "最好"}


def test_a_spreadsheet_problem_names_its_column_and_renumbered_line_in_english(
    app: Flask, load_lexicon: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_lexicon(BEST)
    book = openpyxl.Workbook()
    book.active.append(list(HEADER))
    # a cell with a line break: the sheet's row 2 is two lines of the CSV the checks read
    book.active.append(["最好", "ad_absolute", "review", "substring", *[""] * 4, "一\n二"])
    book.active.append(["最 好", "ad_absolute", "warn", "substring"])
    book.active.append(['=A2&"!"', "ad_absolute", "info", "substring"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportRejected) as rejected:
        parse_uploads([("表.xlsx", buffer.getvalue())])
    errors = {line: why for _file, line, why in rejected.value.errors}
    assert str(errors[3]) == "词条“最 好”与第 2 行的“最好”在类别“ad_absolute”中重复"
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        twice, formula = say(errors[3]), say(errors[4])
        message = rejected.value.message
    assert twice == "The term “最 好” repeats “最好” of line 2 in category “ad_absolute”"
    assert formula == 'column term (Entry) is a formula (=A2&"!"); change it to plain text'
    assert "表.xlsx line 3: The term “最 好” repeats “最好” of line 2" in message


def test_a_file_that_is_not_a_word_list_is_refused_in_english(
    client: FlaskClient, login_as: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    login_as("legal")
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    response = _upload_in_english(client, monkeypatch, "logo.png", png)
    assert response.status_code == 400
    assert (
        "This is not a spreadsheet; it looks like a PNG image. Please upload a UTF-8 CSV file "
        "or an Excel .xlsx workbook." in response.get_data(as_text=True)
    )


def test_the_editor_says_a_duplicate_entry_in_english(
    client: FlaskClient,
    login_as: Callable[..., User],
    load_lexicon: Callable[..., object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load_lexicon(BEST)
    login_as("legal")
    data = _form(term="最 好", examples_hit="最好的", examples_pass="", action="save")
    with merged_english(monkeypatch):
        page = client.post("/lexicon/entries/new?lang=en", data=data).get_data(as_text=True)
    assert "Category “ad_absolute” already has the entry “最好” (#" in page
    assert "已有词条" not in page


def test_the_cli_still_reports_bad_rows_in_chinese(
    app: Flask, runner: FlaskCliRunner, load_lexicon: Callable[..., object], tmp_path: Path
) -> None:
    load_lexicon(Entry("最好", "ad_absolute", "review"))
    path = tmp_path / "词表.csv"
    path.write_bytes(_csv(*BAD_LINES))
    result = runner.invoke(args=["wordlists", "import", str(path)])
    assert result.exit_code != 0
    assert result.output.splitlines() == [
        "Error: 导入被拒绝，共 4 处错误，词库没有任何改动：",
        f"{path.name} 第 3 行：未知的类别“no_such_category”",
        f"{path.name} 第 4 行：未知的严重级别“fatal”，应为 info、warn、review、block 之一",
        f"{path.name} 第 6 行：词条“最 好”与第 2 行的“最好”在类别“ad_absolute”中重复",
        f"{path.name} 第 7 行：应有 12 列，实际 10 列",
    ]


def test_a_json_caller_gets_the_rejected_rows_in_english(
    client: FlaskClient,
    login_as: Callable[..., User],
    load_lexicon: Callable[..., object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load_lexicon(BEST)
    login_as("legal")
    name, content = _as("csv", _csv(*BAD_LINES))
    json = {"Accept": "application/json"}
    response = _upload_in_english(client, monkeypatch, name, content, json)
    assert response.status_code == 400 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["field"] is None and body["errors"] == {"": [body["message"]]}
    assert f"{name} line 3: Unknown category “no_such_category”" in body["message"]
    assert f"{name} line 7: 12 columns expected, 10 found" in body["message"]


def test_the_editors_json_lists_each_problem_in_english(
    client: FlaskClient,
    login_as: Callable[..., User],
    load_lexicon: Callable[..., object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load_lexicon(BEST)
    login_as("legal")
    data = _form(term="最 好", examples_hit="最好的", examples_pass="", action="save")
    with merged_english(monkeypatch):
        response = client.post(
            "/lexicon/entries/new?lang=en", data=data, headers={"Accept": "application/json"}
        )
    assert response.status_code == 400
    [problem] = response.get_json()["problems"]
    assert problem.startswith("Category “ad_absolute” already has the entry “最好” (#")
