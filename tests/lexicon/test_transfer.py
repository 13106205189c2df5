"""Import and export of word lists in the browser: CSV/XLSX, preview, atomic apply, downloads."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import TestResponse, encode_multipart

from app.checks.store import entries_at, latest_version
from app.compliance import Entry
from app.compliance.wordlist_csv import HEADER, read_entries, write_entries
from app.extensions import db
from app.lexicon import transfer
from app.lexicon.services import ImportRejected, plan_import
from app.lexicon.spreadsheets import (
    XLSX_MIMETYPE,
    csv_records,
    escape_cell,
    parse_uploads,
    rows_to_xlsx,
    unescape_cell,
)
from app.models import LexiconEntry, LexiconImportJob, LexiconVersion, User
from tests.conftest import SHIPPED_WORDLISTS, count_rows, login
from tests.test_csrf import sign_in, token_from

BEST = Entry("最好", "ad_absolute", "review", allow_contexts=("最好搭配",), suggestion="写具体卖点")
CURE = Entry("治疗", "ad_claim", "block", basis="《广告法》第十七条")
RAFFLE = Entry("抽奖", "lottery", "review", note="需法务会签")
SHIFTY = Entry(
    "@官方",
    "sensitive",
    "warn",
    suggestion='=HYPERLINK("http://evil.example","点我")',
    basis="+86 热线",
    note="'=已经带引号",
    examples_hit=("-官方渠道，@官方发布",),
)
HEADER_LINE = ",".join(HEADER)


def _no_ids(entries: list[Entry]) -> list[Entry]:
    return sorted(
        (dataclasses.replace(e, id=None) for e in entries), key=lambda e: (e.category, e.term)
    )


def _csv(*lines: str) -> bytes:
    return ("\n".join([HEADER_LINE, *lines]) + "\n").encode("utf-8")


def _xlsx(csv_bytes: bytes) -> bytes:
    """The same rows as an XLSX workbook (rows numbered as the CSV lines when no cell breaks)."""
    text = csv_bytes.decode("utf-8").removeprefix("\ufeff")
    return rows_to_xlsx([row for _line, row in csv_records(text)])


def _as(fmt: str, csv_bytes: bytes) -> tuple[str, bytes]:
    return (f"词表.{fmt}", csv_bytes if fmt == "csv" else _xlsx(csv_bytes))


def _upload(client: FlaskClient, *files: tuple[str, bytes]) -> TestResponse:
    # The multipart body is encoded in memory: the test client's own encoding spools a body over
    # 500 KB to a temporary file that nothing closes (werkzeug's EnvironBuilder closes only the
    # files it was given), so a ResourceWarning surfaced later in another test; the shipped
    # lists' export passes that size.
    boundary, body = encode_multipart(
        MultiDict([("files", FileStorage(io.BytesIO(content), name)) for name, content in files]),
    )
    with client.post(
        "/lexicon/transfer/upload",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    ) as response:
        return response


def _token(response: TestResponse) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"].rstrip("/").split("/")[-1]


def _download(client: FlaskClient, url: str) -> bytes:
    with client.get(url) as response:
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        return response.get_data()


def _confirm(client: FlaskClient, token: str, reason: str = "更新词表") -> dict[str, Any]:
    """Confirm an import, wait for the background job and return the status JSON."""
    response = client.post(f"/lexicon/transfer/{token}/apply", data={"reason": reason})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    transfer.wait(token)
    return client.get(f"/lexicon/transfer/{token}/status").get_json()


@pytest.fixture
def legal(client: FlaskClient, login_as: Callable[..., User]) -> User:
    return login_as("legal")


# --------------------------------------------------------------------- formats and round trips


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(
    fmt: str, client: FlaskClient, legal: User, shipped_lexicon: int, load_lexicon
) -> None:
    load_lexicon(SHIFTY)
    exported = _download(client, f"/lexicon/export.{fmt}")
    files = parse_uploads([(f"export.{fmt}", exported)])
    assert _no_ids([e for f in files for _l, e in f.entries]) == _no_ids(entries_at())
    page = client.get(f"/lexicon/transfer/{_token(_upload(client, (f'e.{fmt}', exported)))}")
    assert "文件与当前词库完全相同" in page.get_data(as_text=True)
    assert plan_import(files).empty


def test_formula_like_cells_are_escaped_in_both_exports(
    client: FlaskClient, legal: User, load_lexicon
) -> None:
    load_lexicon(SHIFTY)
    text = _download(client, "/lexicon/export.csv").decode("utf-8")
    assert text.startswith("\ufeff" + HEADER_LINE)
    row = next(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert row["term"] == "'@官方"
    assert row["suggestion"].startswith("'=HYPERLINK(")
    assert row["basis"] == "'+86 热线"
    assert row["note"] == "''=已经带引号"  # one more quote, so that import restores it exactly
    assert row["examples_hit"] == "'-官方渠道，@官方发布"
    book = openpyxl.load_workbook(io.BytesIO(_download(client, "/lexicon/export.xlsx")))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert all(cell.data_type == "s" for cell in cells if cell.value)  # no cell is a formula
    assert [c.value for c in book.active[2]][:3] == ["'@官方", "sensitive", "warn"]
    book.close()


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+86", "-5", "@a", "'=x", "''-x", "'plain", "a=b", "", "\t=x", "普通文本"],
)
def test_escape_and_unescape_are_inverse(value: str) -> None:
    assert unescape_cell(escape_cell(value)) == value
    assert not escape_cell(value).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_xlsx_import_of_the_shipped_lists_equals_the_csv_import(app: Flask) -> None:
    csv_files = [(path.name, path.read_bytes()) for path in SHIPPED_WORDLISTS]
    xlsx_files = [(name.replace(".csv", ".xlsx"), _xlsx(data)) for name, data in csv_files]
    from_csv, from_xlsx = parse_uploads(csv_files), parse_uploads(xlsx_files)
    assert [f.entries for f in from_xlsx] == [f.entries for f in from_csv]  # same line numbers
    assert sum(len(f.entries) for f in from_csv) > 900
    assert plan_import(from_xlsx) == plan_import(from_csv)


def test_download_headers_and_past_versions(client: FlaskClient, legal: User, load_lexicon) -> None:
    first = load_lexicon(BEST, CURE)
    load_lexicon(RAFFLE)
    with client.get(f"/lexicon/export.csv?version={first}") as response:
        assert response.mimetype == "text/csv"
        disposition = response.headers["Content-Disposition"]
        assert disposition == f'attachment; filename="hemline-wordlists-v{first}.csv"'
        past = read_entries(response.get_data())
    assert _no_ids(past) == _no_ids(entries_at(first)) == _no_ids([BEST, CURE])
    with client.get(f"/lexicon/export.xlsx?version={first}") as response:
        assert response.mimetype == XLSX_MIMETYPE
        workbook = response.get_data()
    files = parse_uploads([("past.xlsx", workbook)])
    assert _no_ids([e for _l, e in files[0].entries]) == _no_ids(entries_at(first))
    current = read_entries(_download(client, "/lexicon/export.csv"))
    assert _no_ids(current) == _no_ids([BEST, CURE, RAFFLE])
    with client.get("/lexicon/export.csv?version=99") as response:
        assert response.status_code == 404


# --------------------------------------------------------------------- bad input


BAD_LINES = (
    "最好,ad_absolute,review,substring,,,,,,,",
    "这款,no_such_category,review,substring,,,,,,,",
    "顶级,ad_absolute,fatal,substring,,,,,,,",
    "治疗,ad_claim,block,substring,,,,,,纯棉短袖,颈椎舒适",
    "最 好,ad_absolute,warn,substring,,,,,,,",
    "少一列,ad_absolute,review,substring,,,,,,",
)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_one_bad_line_rejects_the_whole_file_with_every_error(
    fmt: str, client: FlaskClient, legal: User, load_lexicon, app: Flask
) -> None:
    load_lexicon(BEST)
    rows, versions = count_rows(LexiconEntry), latest_version()
    response = _upload(client, _as(fmt, _csv(*BAD_LINES)))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "导入被拒绝，共" in page and "词库没有任何改动" in page
    for line, text in [(3, "未知的类别“no_such_category”"), (4, "未知的严重级别“fatal”")]:
        assert f"<td>第 {line} 行</td><td>{text}" in page
    assert "<td>第 5 行</td>" in page and "纯棉短袖" in page  # a must-hit example that misses
    assert "<td>第 6 行</td><td>词条“最 好”与第 2 行的“最好”" in page
    if fmt == "csv":
        assert "<td>第 7 行</td><td>应有 12 列，实际 10 列" in page
    assert count_rows(LexiconEntry) == rows and latest_version() == versions
    assert (
        not list((transfer.imports_root()).glob("*")) if transfer.imports_root().exists() else True
    )


def test_xlsx_errors_use_the_row_numbers_of_the_sheet(app: Flask, load_lexicon) -> None:
    load_lexicon(BEST)
    rows = [list(HEADER)]
    rows.append(
        ["最好", "ad_absolute", "review", "substring", "", "", "", "", "第一行\n第二行", "", ""]
    )
    rows.append(["顶级", "ad_absolute", "fatal", "substring", *[""] * 7])
    rows.append(["最好", "ad_absolute", "warn", "substring", *[""] * 7])
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.active.cell(row=5, column=1, value='=A2&"!"')
    book.active.cell(row=5, column=2, value="ad_absolute")
    book.active.cell(row=5, column=3, value="info")
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportRejected) as rejected:
        parse_uploads([("表.xlsx", buffer.getvalue())])
    lines = {(line, message.split("“")[0]) for _f, line, message in rejected.value.errors}
    assert (3, "未知的严重级别") in lines
    assert (4, "词条") in lines and "与第 2 行的“最好”" in str(rejected.value)
    assert (5, 'term（词条）列是公式（=A2&"!"），请改为纯文本') in lines


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "看起来是PNG 图片"),
        ("合同.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "看起来是PDF 文档"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "旧版 Office 文件"),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00garbage" * 100, "不是有效的 XLSX 工作簿"),
        ("empty.csv", b"", "文件是空的"),
        ("gbk.csv", "词条,类别\n最好,极限词\n".encode("gbk"), "不是 UTF-8 编码"),
        ("bad.csv", b'term,category\n"unterminated,x\n', "CSV 格式错误"),
    ],
)
def test_files_that_are_not_word_lists_are_refused_clearly(
    name: str, content: bytes, expected: str, client: FlaskClient, legal: User
) -> None:
    response = _upload(client, (name, content))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert name in page and expected in page and "词库没有任何改动" in page


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return buffer.getvalue()


def test_zips_that_are_not_workbooks_and_wrong_headers_are_refused(app: Flask) -> None:
    docx = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    fake = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<not-a-workbook"})
    wrong = rows_to_xlsx([["词条", "类别"], ["最好", "ad_absolute"]])
    with pytest.raises(ImportRejected) as rejected:
        parse_uploads([("a.docx", docx), ("b.xlsx", fake), ("c.xlsx", wrong)])
    errors = {source: message for source, _line, message in rejected.value.errors}
    assert "不是有效的 XLSX 工作簿" in errors["a.docx"] and "不是有效的 XLSX" in errors["b.xlsx"]
    assert errors["c.xlsx"].startswith("表头必须是 term,category,severity")


def _huge_upload(client: FlaskClient, **fields: str) -> TestResponse:
    """POST 20 MB as a multipart upload (encoded in memory: a refused body leaves no temp file)."""
    files = {"files": FileStorage(io.BytesIO(b"x" * (20 * 2**20)), "huge.xlsx")}
    boundary, body = encode_multipart({**fields, **files})
    content_type = f"multipart/form-data; boundary={boundary}"
    return client.post("/lexicon/transfer/upload", data=body, content_type=content_type)


def test_a_20_mb_upload_is_refused_naming_the_limit(client: FlaskClient, legal: User) -> None:
    response = _huge_upload(client)
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "上传大小上限为 10 MB" in page and "约 20.0 MB" in page
    assert latest_version() == 0


def test_a_20_mb_upload_is_refused_clearly_with_csrf_on(
    csrf_client: FlaskClient, make_user: Callable[..., User]
) -> None:
    sign_in(csrf_client, make_user("legal"))
    response = _huge_upload(csrf_client, csrf_token=token_from(csrf_client, "/lexicon/transfer"))
    assert response.status_code == 413
    assert "上传大小上限为 10 MB" in response.get_data(as_text=True)


def test_upload_without_a_file_asks_for_one(client: FlaskClient, legal: User) -> None:
    response = client.post("/lexicon/transfer/upload", data={})
    assert response.status_code == 400
    assert "请选择要导入的 CSV 或 XLSX 文件" in response.get_data(as_text=True)


# --------------------------------------------------------------------- preview and apply


def test_preview_shows_counts_lists_and_impact(
    client: FlaskClient, legal: User, load_lexicon, make_piece
) -> None:
    load_lexicon(BEST, RAFFLE, dataclasses.replace(CURE, severity="review"))
    draft = make_piece(body="远红外理疗面料，可以治疗颈椎不适")
    scheduled = make_piece(status="scheduled", body="这款大衣真的显瘦")
    make_piece(body="纯棉短袖，透气舒适")
    lines = [
        "最好,ad_absolute,review,substring,最好搭配,,写具体卖点,,,,",  # unchanged
        "显瘦,ad_claim,block,substring,,,,,,,",  # added
        "治疗,ad_claim,block,substring,,,,《广告法》第十七条 医疗用语,,,",  # severity, basis
    ]  # 抽奖 (lottery) is not in the file, but lottery is not an imported category: kept
    token = _token(_upload(client, ("claims.csv", _csv(*lines))))
    page = client.get(f"/lexicon/transfer/{token}").get_data(as_text=True)
    for count, label in [(1, "新增"), (1, "修改"), (0, "删除"), (1, "未变")]:
        assert f"<b>{count}</b><span>{label}</span>" in page
    assert "<b>显瘦</b>" in page and "级别、依据" in page
    assert f'href="/pieces/{draft.id}"' in page and f'href="/pieces/{scheduled.id}"' in page
    assert "需人工审核 → 禁止发布" in page and 'name="reason"' in page
    assert latest_version() == 1  # nothing applied yet


@pytest.mark.real_db  # the confirmed import is run (as by a worker) and commits
def test_confirm_applies_exactly_the_previewed_change(
    client: FlaskClient, legal: User, load_lexicon, make_piece
) -> None:
    load_lexicon(BEST, CURE, RAFFLE)
    piece = make_piece(status="approved", body="最好的羊毛衫，软糯不扎")
    lines = [
        "最好,ad_absolute,block,substring,最好搭配,,写具体卖点,,,,",
        "顶级,ad_absolute,review,,,,,,,,",
    ]
    lines[1] = lines[1].replace("review,,", "review,word,")
    token = _token(_upload(client, ("absolute.xlsx", _xlsx(_csv(*lines)))))
    assert client.post(f"/lexicon/transfer/{token}/apply", data={"reason": " "}).status_code == 400
    assert not (transfer.imports_root() / token / "progress.json").exists()

    status = _confirm(client, token, reason="平台新规：最好一律禁止")
    assert status["state"] == "done" and status["version"] == latest_version() == 2
    assert status["version_url"] == "/lexicon/versions/diff?old=1&new=2"
    assert status["flagged"] == 1
    version = db.session.get(LexiconVersion, 2)
    assert (version.added, version.changed, version.removed) == (1, 1, 0)
    assert version.kind == "import" and version.reason == "平台新规：最好一律禁止"
    assert version.author_id == legal.id
    top = Entry("顶级", "ad_absolute", "review", match="word")
    expected = [dataclasses.replace(BEST, severity="block"), top, CURE, RAFFLE]
    assert _no_ids(entries_at()) == _no_ids(expected)
    db.session.refresh(piece)
    assert "词库版本 2" in piece.compliance_flag  # approved piece newly blocked → flagged
    page = client.get(f"/lexicon/transfer/{token}/progress").get_data(as_text=True)
    assert '已创建词库版本 <b data-field="version">2</b>' in page
    assert client.get(f"/lexicon/transfer/{token}").status_code == 302  # preview → progress
    again = client.post(f"/lexicon/transfer/{token}/apply", data={"reason": "再来一次"})
    assert again.status_code == 409 and latest_version() == 2


@pytest.mark.real_db  # the confirmed import is run (as by a worker) and commits
def test_a_stale_preview_is_refused_and_can_be_previewed_again(
    client: FlaskClient, legal: User, load_lexicon
) -> None:
    load_lexicon(BEST)
    token = _token(_upload(client, ("lottery.csv", _csv("抽奖,lottery,review,substring,,,,,,,"))))
    load_lexicon(CURE, reason="同事同时修改了词库")
    response = client.post(f"/lexicon/transfer/{token}/apply", data={"reason": "导入抽奖词"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "预览基于版本 1，当前是版本 2" in page and "请重新预览" in page
    assert (
        latest_version() == 2 and not (transfer.imports_root() / token / "progress.json").exists()
    )

    seen = transfer.load_pending(token, legal).meta["planned_at"]
    assert client.post(f"/lexicon/transfer/{token}/refresh").status_code == 302
    assert "预览基于词库版本 2" in client.get(f"/lexicon/transfer/{token}").get_data(as_text=True)
    old_tab = {"reason": "导入抽奖词", "planned_at": seen}  # confirming the preview seen before
    response = client.post(f"/lexicon/transfer/{token}/apply", data=old_tab)
    assert response.status_code == 409 and "请查看最新的预览" in response.get_data(as_text=True)
    assert _confirm(client, token)["version"] == 3
    assert _no_ids(entries_at()) == _no_ids([BEST, CURE, Entry("抽奖", "lottery", "review")])


@pytest.mark.real_db  # the confirmed import is run (as by a worker) and commits
def test_a_conflict_inside_the_background_job_changes_nothing(
    client: FlaskClient, legal: User, load_lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_lexicon(BEST)
    token = _token(_upload(client, ("lottery.csv", _csv("抽奖,lottery,review,substring,,,,,,,"))))
    pending = transfer.load_pending(token, legal)
    pending.meta["base_version"] = 1
    stale = transfer.load_changes(pending)
    monkeypatch.setattr(
        transfer, "load_changes", lambda _p: dataclasses.replace(stale, base_version=0)
    )
    status = _confirm(client, token)
    assert status["state"] == "failed" and "请重新预览" in status["message"]
    assert "词库没有任何改动" in status["message"] and latest_version() == 1


@pytest.mark.real_db  # the worker's pass commits the import for real
def test_a_confirmed_import_waits_for_a_worker_and_reports_its_progress_from_the_database(
    client: FlaskClient, legal: User, load_lexicon
) -> None:
    from app.worker import run_once

    load_lexicon(BEST)
    lines = [f"敏感词{n:04d},sensitive,review,substring,,,,,,," for n in range(2_500)]
    token = _token(_upload(client, ("big.csv", _csv(*lines))))
    assert client.get(f"/lexicon/transfer/{token}/status").get_json()["state"] == "pending"
    response = client.post(f"/lexicon/transfer/{token}/apply", data={"reason": "批量导入"})
    assert response.headers["Location"].endswith(f"/lexicon/transfer/{token}/progress")

    queued = client.get(f"/lexicon/transfer/{token}/status").get_json()
    assert (queued["state"], queued["phase"]) == ("running", "queued")
    assert latest_version() == 1  # nothing happens inside the web process
    job = db.session.get(LexiconImportJob, token)
    assert job is not None and job.state == "queued"  # in the database: a restart keeps it

    run_once()  # a worker pass (it ends with a fresh session)
    db.session.add(legal)

    status = client.get(f"/lexicon/transfer/{token}/status").get_json()
    assert status == {**status, "state": "done", "done": 2_500, "total": 2_500, "version": 2}
    assert status["percent"] == 100 and status["phase_label"] == "已完成"
    assert len(entries_at()) == 2_501
    run_once()  # done is done: a second pass does not import again
    assert latest_version() == 2


@pytest.mark.real_db  # the confirmed import is run (as by a worker) and commits
def test_progress_page_polls_with_the_served_script(
    client: FlaskClient, legal: User, load_lexicon
) -> None:
    load_lexicon(BEST)
    token = _token(_upload(client, ("l.csv", _csv("抽奖,lottery,review,substring,,,,,,,"))))
    _confirm(client, token)
    page = client.get(f"/lexicon/transfer/{token}/progress").get_data(as_text=True)
    assert f'data-status-url="/lexicon/transfer/{token}/status"' in page
    assert re.search(r'src="/static/js/import-progress\.js(\?v=[0-9a-f]+)?"', page)
    with client.get("/static/js/import-progress.js") as script:
        assert script.status_code == 200 and b"data-status-url" in script.get_data()


def test_imports_belong_to_their_uploader(
    client: FlaskClient, legal: User, load_lexicon, make_user
) -> None:
    load_lexicon(BEST)
    token = _token(_upload(client, ("l.csv", _csv("抽奖,lottery,review,substring,,,,,,,"))))
    client.post("/logout")
    login(client, make_user("admin"))
    assert client.get(f"/lexicon/transfer/{token}").status_code == 404
    assert client.post(f"/lexicon/transfer/{token}/apply", data={"reason": "x"}).status_code == 404
    assert client.get("/lexicon/transfer/..%2F..%2Fetc/status").status_code == 404
    assert latest_version() == 1


def test_transfer_page_lists_versions_with_downloads_and_an_empty_state(
    client: FlaskClient, legal: User, load_lexicon
) -> None:
    page = client.get("/lexicon/transfer").get_data(as_text=True)
    assert "词库还是空的，没有可导出的版本" in page and 'enctype="multipart/form-data"' in page
    load_lexicon(BEST, reason="第一版")
    load_lexicon(CURE, reason="第二版")
    page = client.get("/lexicon/transfer").get_data(as_text=True)
    assert "/lexicon/export.csv?version=1" in page and "/lexicon/export.xlsx?version=2" in page
    assert "第一版" in page and "大小上限 10 MB" in page


@pytest.mark.real_db  # the confirmed import is run (as by a worker) and commits
def test_confirming_needs_the_csrf_token(
    csrf_client: FlaskClient, make_user: Callable[..., User], load_lexicon
) -> None:
    load_lexicon(BEST)
    sign_in(csrf_client, make_user("legal"))
    token = token_from(csrf_client, "/lexicon/transfer")
    data = {
        "csrf_token": token,
        "files": [(io.BytesIO(_csv("抽奖,lottery,review,substring,,,,,,,")), "l.csv")],
    }
    upload = csrf_client.post("/lexicon/transfer/upload", data=data)
    preview = upload.headers["Location"]
    refused = csrf_client.post(f"{preview}/apply", data={"reason": "导入"})
    assert refused.status_code == 400 and latest_version() == 1
    form_token = token_from(csrf_client, preview)
    done = csrf_client.post(f"{preview}/apply", data={"reason": "导入", "csrf_token": form_token})
    assert done.status_code == 302
    transfer.wait(preview.rsplit("/", 1)[-1])
    assert latest_version() == 2


def test_csv_export_reimports_with_or_without_bom(app: Flask, load_lexicon) -> None:
    load_lexicon(BEST, CURE)
    buffer = io.StringIO()
    write_entries(entries_at(), buffer)
    plain = buffer.getvalue().encode("utf-8")
    for data in (plain, b"\xef\xbb\xbf" + plain):
        assert plan_import(parse_uploads([("x.csv", data)])).empty


@pytest.mark.real_db  # the worker's pass commits; progress is read on another connection
def test_progress_moves_page_by_page_while_the_import_runs_on_sqlite_too(
    client: FlaskClient,
    legal: User,
    load_lexicon,
    make_piece,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sqlalchemy import create_engine, select

    from app.lexicon import impact

    load_lexicon(BEST)
    for n in range(5):
        make_piece(status="in_review", title=f"待审稿件 {n}")
    to_check = sum(1 for _ in impact._texts())  # every piece the impact scan covers
    token = _token(
        _upload(
            client,
            ("two.csv", _csv(*(f"词{n},sensitive,review,substring,,,,,,," for n in range(2)))),
        )
    )
    client.post(f"/lexicon/transfer/{token}/apply", data={"reason": "导入两条"})
    monkeypatch.setattr(impact, "PAGE", 2)

    # What a web process would read while the worker is in the middle of the import.
    reader = create_engine(db.engine.url)
    seen: list[tuple[str, int, int]] = []
    record = transfer._record

    def record_and_read(job: str, phase: str, done: int, total: int) -> None:
        record(job, phase, done, total)
        with reader.connect() as connection:
            row = connection.execute(
                select(LexiconImportJob.phase, LexiconImportJob.done, LexiconImportJob.total).where(
                    LexiconImportJob.token == job
                )
            ).one()
        seen.append((row.phase, row.done, row.total))

    monkeypatch.setattr(transfer, "_record", record_and_read)
    try:
        assert transfer.run_imports() == 1
    finally:
        reader.dispose()

    assert to_check >= 5
    assert ("impact", 2, to_check) in seen and ("impact", 4, to_check) in seen
    assert seen.index(("impact", 2, to_check)) < seen.index(("impact", 4, to_check))
    assert seen[-1][0] == "write" and seen[-1][2] == 2  # then the two rows are written
    assert db.session.get(LexiconImportJob, token).state == "done"
