"""XLSX uploads are bounded before openpyxl parses them (issue 14 item 13): members, total
uncompressed size over the whole upload, and cells."""

from __future__ import annotations

import io
import zipfile

import pytest

from app.compliance.wordlist_csv import HEADER
from app.lexicon import spreadsheets
from app.lexicon.services import ImportRejected
from app.lexicon.spreadsheets import (
    MAX_XLSX_CELLS,
    MAX_XLSX_MEMBERS,
    MAX_XLSX_UNZIPPED,
    parse_uploads,
    rows_to_xlsx,
)

pytestmark = pytest.mark.usefixtures("app")
ROW = ["最好", "ad_absolute", "review", "substring", "", "", "写具体优点", "广告法", "", "", ""]


def _workbook(extra: dict[str, bytes] | None = None, sheet: bytes | None = None) -> bytes:
    """A real one-row word-list workbook, with members added or its first sheet replaced."""
    base = rows_to_xlsx([list(HEADER), ROW])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if sheet is not None and info.filename == "xl/worksheets/sheet1.xml":
                data = sheet
            new.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            new.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if openpyxl is asked to open the workbook."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the workbook was parsed before its limits were checked")

    monkeypatch.setattr(spreadsheets.openpyxl, "load_workbook", refuse)


def _refusal(uploads) -> str:
    with pytest.raises(ImportRejected) as rejected:
        parse_uploads(uploads)
    return " ".join(message for _name, _line, message in rejected.value.errors)


def test_a_plain_workbook_still_imports() -> None:
    (file,) = parse_uploads([("词库.xlsx", _workbook())])
    assert [entry.term for _line, entry in file.entries] == ["最好"]


def test_too_many_members_are_refused_before_parsing(no_parsing) -> None:
    extra = {f"xl/media/pad{n}.bin": b"x" for n in range(MAX_XLSX_MEMBERS)}
    assert "内部文件" in _refusal([("多文件.xlsx", _workbook(extra))])


def test_the_uncompressed_total_counts_every_workbook_of_the_upload(no_parsing) -> None:
    # each workbook alone is under the limit (and was under the old 256 MB one); both are not
    half = {"xl/media/pad.bin": bytes(MAX_XLSX_UNZIPPED // 2 + 1)}
    uploads = [("一.xlsx", _workbook(half)), ("二.xlsx", _workbook(half))]
    assert sum(len(data) for _name, data in uploads) < 200_000  # a small upload
    assert "解压后共超过" in _refusal(uploads)


def test_a_sheet_of_too_many_cells_is_refused_before_parsing(no_parsing) -> None:
    rows = "<row>" + "<c/>" * 12 + "</row>"  # the 0.9 MB file of the report: empty cells
    count = MAX_XLSX_CELLS // 12 + 1
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>" + rows * count + "</sheetData></worksheet>"
    ).encode()
    data = _workbook(sheet=sheet)
    assert len(data) < 1_000_000 and len(sheet) < MAX_XLSX_UNZIPPED
    assert "单元格超过" in _refusal([("空格子.xlsx", data)])
