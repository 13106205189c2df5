"""Word lists as uploaded and downloaded in the browser: CSV and XLSX in the columns of wordlists/.

Reading: ``parse_uploads`` tells the formats apart by content (an XLSX workbook is a zip file, so
it starts with ``PK\\x03\\x04``; anything else must be UTF-8 CSV), turns every file into CSV text
and hands it to ``parse_files``, so both formats go through exactly the same checks. Errors are
reported by the line (CSV) or row (XLSX) number of the uploaded file.

Writing: one CSV file (UTF-8 with a BOM, so that Excel opens Chinese text correctly) or one XLSX
sheet holding every category, sorted as ``write_entries`` sorts. Exports are for people, who open
them in a spreadsheet, so cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
``@``, tab, CR) get a leading ``'`` (CSV injection). Import undoes exactly that escape: a cell
that is ``'`` followed by a formula-like cell loses its first ``'``. A value that itself starts
with quotes before a formula character is exported with one more ``'``, so export → import gives
back every value unchanged.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from flask_babel import lazy_gettext as _l
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from app.checks.store import entries_at
from app.compliance.wordlist_csv import HEADER, escape_formula, write_entries
from app.errors import N_, MessageId
from app.lexicon.services import ImportFile, ImportRejected, parse_files
from app.messages import Message

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MAGIC = b"PK\x03\x04"
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What one upload's workbooks may cost, checked from each zip's directory and by counting the
# worksheets' cells in a stream, before openpyxl parses anything (issue 14 item 13). A word
# list of 100,000 entries in the 12 columns fits; a zip bomb or a sheet of a million empty
# cells does not. The totals are over every workbook of the upload.
MAX_XLSX_UNZIPPED = 48 * 1024 * 1024  # bytes of all members, as the zip directories say
MAX_XLSX_MEMBERS = 64  # files in one workbook (Excel writes about 10)
MAX_XLSX_CELLS = 1_200_000  # <c> elements in all worksheets of all workbooks
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,40}:)?c[\s/>]")  # <c …>, <x:c …>: at most 44 bytes
COLUMN_IDS = {
    "term": N_("词条"),
    "category": N_("类别"),
    "severity": N_("级别"),
    "match": N_("匹配方式"),
    "allow_contexts": N_("例外语境"),
    "channels": N_("渠道"),
    "suggestion": N_("修改建议"),
    "basis": N_("依据"),
    "note": N_("备注"),
    "examples_hit": N_("必须命中的示例"),
    "examples_pass": N_("必须不命中的示例"),
    "conditions": N_("条件"),
    "enabled": N_("启用"),
}
COLUMN_LABELS = {name: _l(label) for name, label in COLUMN_IDS.items()}
COLUMN_WIDTHS = (18, 14, 9, 11, 24, 14, 36, 28, 28, 36, 36, 28)
_SIGNATURES = (
    (b"\x89PNG", N_("PNG 图片")),
    (b"\xff\xd8\xff", N_("JPEG 图片")),
    (b"GIF8", N_("GIF 图片")),
    (b"%PDF", N_("PDF 文档")),
    (b"\xd0\xcf\x11\xe0", N_("旧版 Office 文件（如 .xls、.doc）")),
    (b"Rar!", N_("RAR 压缩包")),
    (b"\x1f\x8b", N_("gzip 压缩包")),
    (b"7z\xbc\xaf", N_("7z 压缩包")),
)
Row = tuple[int, list[str]]  # (line or row number in the uploaded file, cells)
Errors = list[tuple[str, int, str]]  # (file, line, message: a message id, see app.messages)
PLEASE = MessageId(N_("请上传 UTF-8 编码的 CSV 文件或 Excel 的 .xlsx 工作簿。"))
SAVE_AS = MessageId(N_("请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，或直接上传 .xlsx。"))


def escape_cell(cell: str) -> str:
    """Escape a cell for a download so that no spreadsheet runs it as a formula."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + cell
    return escape_formula(cell)


def unescape_cell(cell: str) -> str:
    """Undo ``escape_cell`` on an uploaded cell (surrounding whitespace is ignored)."""
    stripped = cell.strip()
    if stripped.startswith("'") and stripped.lstrip("'").startswith(FORMULA_STARTS):
        return stripped[1:]
    return cell


# ---------------------------------------------------------------------------- exports


def export_rows(version: int | None = None) -> list[list[str]]:
    """Header and escaped rows of every enabled entry of `version` (default: current)."""
    buffer = io.StringIO(newline="")
    write_entries(entries_at(version), buffer)
    rows = csv.reader(io.StringIO(buffer.getvalue(), newline=""))
    return [[escape_cell(cell) for cell in row] for row in rows]


def rows_to_csv(rows: list[list[str]]) -> bytes:
    """CSV bytes with a UTF-8 BOM (Excel needs it to read Chinese text as UTF-8)."""
    buffer = io.StringIO(newline="")
    buffer.write(BOM)
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def rows_to_xlsx(rows: list[list[str]], title: str = "词库") -> bytes:
    """One-sheet XLSX workbook; every cell is written as text, the header bold and frozen."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    for number, row in enumerate(rows):
        cells = [ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row]
        sheet.append([_bold(sheet, cell) for cell in cells] if number == 0 else cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold(sheet: Any, value: str) -> WriteOnlyCell:
    """A bold header cell."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def export_csv(version: int | None = None) -> bytes:
    """The whole lexicon of `version` as one CSV download."""
    return rows_to_csv(export_rows(version))


def export_xlsx(version: int | None = None) -> bytes:
    """The whole lexicon of `version` as one XLSX download."""
    return rows_to_xlsx(export_rows(version))


# ---------------------------------------------------------------------------- uploads


@dataclass
class _Sheet:
    """One uploaded file as rows of text cells, before the word-list checks."""

    source: str
    rows: list[Row]
    errors: list[tuple[int, str]] = field(default_factory=list)  # found while reading cells


class _Budget:
    """What the workbooks of one upload have used so far of the XLSX limits."""

    def __init__(self) -> None:
        self.unzipped = 0
        self.cells = 0


def parse_uploads(
    named_bytes: Iterable[tuple[str, bytes]], *, skip_duplicates: bool = False
) -> list[ImportFile]:
    """Parse uploaded CSV or XLSX word lists; ImportRejected lists every bad line of every file.

    With skip_duplicates, duplicates after normalisation are left out (``ImportFile.skipped``)."""
    uploads = _unique_names(named_bytes)
    sheets: list[_Sheet] = []
    errors: Errors = []
    budget = _Budget()
    for name, data in uploads:
        try:
            sheets.append(_read_upload(name, data, budget))
        except ImportRejected as error:
            errors.extend(error.errors)
    errors += [(sheet.source, line, message) for sheet in sheets for line, message in sheet.errors]
    files, found = _parse_sheets(sheets, skip_duplicates)
    if found:
        errors += found + _errors_of_the_other_lines(sheets, found)
    if errors:
        order = {name: index for index, (name, _data) in enumerate(uploads)}
        raise ImportRejected(sorted(errors, key=lambda e: (order.get(e[0], 0), e[1], e[2])))
    return files


def _parse_sheets(
    sheets: list[_Sheet], skip_duplicates: bool = False
) -> tuple[list[ImportFile], Errors]:
    """parse_files on the sheets' rows: (files, []) or ([], errors), numbered as uploaded."""
    canonical = {sheet.source: _canonical_csv(sheet.rows) for sheet in sheets}
    try:
        files = parse_files(
            ((source, text) for source, (text, _lines) in canonical.items()),
            skip_duplicates=skip_duplicates,
        )
    except ImportRejected as error:
        return [], _remap_errors(error.errors, canonical)
    return [_remap_file(file, canonical[file.source][1]) for file in files], []


def _errors_of_the_other_lines(sheets: list[_Sheet], found: Errors) -> Errors:
    """Errors of the lines not yet reported (parse_files skips the examples of a file with bad
    lines), found by parsing again without the bad lines, so that one upload lists them all."""
    bad = {(source, line) for source, line, _message in found}
    rest = [_Sheet(s.source, [r for r in s.rows if (s.source, r[0]) not in bad]) for s in sheets]
    _files, more = _parse_sheets(rest)
    return [error for error in more if error not in found]


def _unique_names(named_bytes: Iterable[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The uploads with distinct names (a repeated name gets “（2）” etc.)."""
    seen: dict[str, int] = {}
    unique = []
    for name, data in named_bytes:
        seen[name] = seen.get(name, 0) + 1
        unique.append((name if seen[name] == 1 else f"{name}（{seen[name]}）", data))
    return unique


def _read_upload(name: str, data: bytes, budget: _Budget) -> _Sheet:
    """Rows of one upload, XLSX or CSV; ImportRejected for anything else."""
    if not data.strip():
        raise ImportRejected([(name, 1, MessageId(N_("文件是空的。%(please)s"), please=PLEASE))])
    if data.startswith(ZIP_MAGIC):
        return _xlsx_sheet(name, data, budget)
    problem = _not_csv(data)
    if problem:
        raise ImportRejected([(name, 1, problem)])
    try:
        return _Sheet(name, csv_records(data.decode("utf-8").removeprefix(BOM)))
    except _CsvError as error:
        problem = MessageId(N_("CSV 格式错误：%(error)s"), error=error.reason)
        raise ImportRejected([(name, error.line, problem)]) from None


def _not_csv(data: bytes) -> str | None:
    """Why the bytes cannot be a UTF-8 CSV word list (None when they can)."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            other = N_("这不是表格文件，看起来是%(kind)s。%(please)s")
            return MessageId(other, kind=MessageId(kind), please=PLEASE)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return MessageId(N_("文件是 UTF-16 编码。%(save_as)s"), save_as=SAVE_AS)
    if b"\x00" in data[:65536]:
        return MessageId(N_("这不是文本或表格文件（含二进制内容）。%(please)s"), please=PLEASE)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return MessageId(
            N_("文件不是 UTF-8 编码（第 %(byte)s 个字节无法解码，可能是 GBK）。%(save_as)s"),
            byte=error.start + 1,
            save_as=SAVE_AS,
        )
    return None


class _CsvError(Exception):
    """Malformed CSV at a line."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def csv_records(text: str) -> list[Row]:
    """Every non-blank CSV record with the number of the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[Row] = []
    line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                records.append((line, row))
            line = reader.line_num + 1
    except csv.Error as error:
        raise _CsvError(line, str(error)) from None
    return records


def _canonical_csv(rows: list[Row]) -> tuple[str, dict[int, int]]:
    """CSV text of the rows with cells un-escaped, and its line numbers → the upload's numbers.

    Blank lines pad the text so that its line numbers equal the upload's wherever they can (a
    cell holding a line break takes one XLSX row but two CSV lines), and the map does the rest.
    """
    sink = _LineCounter()
    writer = csv.writer(sink, lineterminator="\n")
    for index, (number, cells) in enumerate(rows):
        if index and number > sink.newlines + 1:
            sink.write("\n" * (number - sink.newlines - 1))
        writer.writerow([unescape_cell(cell) for cell in cells])
    text = "".join(sink.parts)
    written = [line for line, _cells in csv_records(text)]
    return text, dict(zip(written, (number for number, _cells in rows), strict=True))


class _LineCounter:
    """A write target for csv.writer that keeps the text and counts its line breaks."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.newlines = 0

    def write(self, text: str) -> int:
        """Keep `text`."""
        self.parts.append(text)
        self.newlines += text.count("\n")
        return len(text)


def _remap_errors(errors: Errors, canonical: dict[str, tuple[str, dict[int, int]]]) -> Errors:
    """Errors of the canonical text with line numbers (also inside messages) of the upload."""
    remapped = []
    for source, line, message in errors:
        lines = canonical.get(source, ("", {}))[1]
        remapped.append((source, lines.get(line, line), _renumber(message, lines)))
    return remapped


def _renumber(message: str, lines: dict[int, int]) -> str:
    """Line numbers quoted in a message (“与第 3 行重复”: its parameters named ``…_line``), as
    numbers of the upload."""
    if not isinstance(message, Message):
        return message
    moved = {
        name: lines.get(value, value)
        for name, value in message.params.items()
        if name.endswith("_line") and isinstance(value, int)
    }
    return message.replace_params(**moved) if moved else message


def _remap_file(file: ImportFile, lines: dict[int, int]) -> ImportFile:
    """A parsed file with the upload's line numbers."""
    return ImportFile(
        file.source,
        [(lines.get(line, line), entry) for line, entry in file.entries],
        [(lines.get(line, line), why) for line, why in file.skipped],
    )


# ---------------------------------------------------------------------------- XLSX


def _xlsx_sheet(name: str, data: bytes, budget: _Budget) -> _Sheet:
    """The first worksheet of an XLSX workbook as text rows; ImportRejected if malformed or
    over the limits (checked before the workbook is parsed)."""
    problem = _zip_problem(data, budget)
    if problem:
        raise ImportRejected([(name, 1, problem)])
    try:
        with warnings.catch_warnings():  # openpyxl warns about harmless extensions and styles
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001  any failure of the parser means the same to the user
        raise ImportRejected([(name, 1, _BROKEN_XLSX)]) from None
    try:
        return _sheet_rows(name, workbook)
    except ImportRejected:
        raise
    except Exception:  # noqa: BLE001  a workbook can also turn out broken while rows are read
        raise ImportRejected([(name, 1, _BROKEN_XLSX)]) from None
    finally:
        workbook.close()


_TOO_MANY_CELLS = MessageId(
    N_(
        "工作簿的单元格超过 %(count)s 个，拒绝读取。"
        "请删除多余的工作表、行或列后重试，或分成几个文件上传。"
    ),
    count=f"{MAX_XLSX_CELLS:,}",
)
_BROKEN_XLSX = MessageId(
    N_(
        "这不是有效的 XLSX 工作簿（文件已损坏，或是 .docx、.zip 等其他压缩文件）。"
        "请在 Excel 中重新另存为 .xlsx，或上传 UTF-8 编码的 CSV。"
    )
)


def _zip_problem(data: bytes, budget: _Budget) -> str | None:
    """Why the zip cannot be a workbook we read (None when it may be one): read from its
    directory (members, sizes) and from a capped count of its worksheets' cells."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_XLSX_MEMBERS:
                return MessageId(
                    N_(
                        "工作簿包含 %(count)s 个内部文件，超过上限 %(limit)s，拒绝读取。"
                        "请在 Excel 中另存为新的 .xlsx，或上传 CSV。"
                    ),
                    count=len(members),
                    limit=MAX_XLSX_MEMBERS,
                )
            names = [info.filename for info in members]
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                return _BROKEN_XLSX
            budget.unzipped += sum(info.file_size for info in members)
            if budget.unzipped > MAX_XLSX_UNZIPPED:
                limit = MAX_XLSX_UNZIPPED // 2**20
                return MessageId(
                    N_(
                        "工作簿解压后共超过 %(limit)s MB，拒绝读取。"
                        "请删除多余的工作表或内容后重试。"
                    ),
                    limit=limit,
                )
            sheets = [i for i in members if i.filename.startswith("xl/worksheets/")]
            if not _count_cells(archive, sheets, budget):
                return _TOO_MANY_CELLS
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return _BROKEN_XLSX
    return None


def _count_cells(archive: zipfile.ZipFile, sheets: list[zipfile.ZipInfo], budget: _Budget) -> bool:
    """Add the worksheets' cells to the budget, streaming; False as soon as it is exceeded."""
    for info in sheets:
        with archive.open(info) as stream:
            tail = b""
            while chunk := stream.read(1 << 20):
                window = tail + chunk
                # tags starting in the last 64 bytes may be cut: they are counted next time
                cut = max(0, len(window) - 64)
                budget.cells += sum(1 for tag in _CELL.finditer(window) if tag.start() < cut)
                tail = window[cut:]
                if budget.cells > MAX_XLSX_CELLS:
                    return False
            budget.cells += len(_CELL.findall(tail))
            if budget.cells > MAX_XLSX_CELLS:
                return False
    return True


def _sheet_rows(name: str, workbook: Any) -> _Sheet:
    """Text rows of the first worksheet; formula cells are listed as errors."""
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()  # some writers store wrong dimensions; read what is there
    result = _Sheet(name, [])
    seen = 0  # cells openpyxl hands out, the empty ones it fills gaps with included
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        seen += max(len(cells), 1)
        if seen > MAX_XLSX_CELLS:  # e.g. one cell at XFD1048576 makes a huge empty grid
            raise ImportRejected([(name, number, _TOO_MANY_CELLS)])
        texts = [_text(cell.value) for cell in cells]
        if not any(text.strip() for text in texts):
            continue
        for index, cell in enumerate(cells):
            if cell.data_type == "f":
                formula = N_("%(column)s是公式（%(formula)s），请改为纯文本")
                problem = MessageId(formula, column=_column(index), formula=str(cell.value))
                result.errors.append((number, problem))
        result.rows.append((number, _fit(texts)))
    return result


def _column(index: int) -> MessageId:
    """“term（词条）列” for a 0-based column index."""
    if index >= len(HEADER):
        return MessageId(N_("第 %(number)s 列"), number=index + 1)
    name = HEADER[index]
    return MessageId(N_("%(name)s（%(label)s）列"), name=name, label=MessageId(COLUMN_IDS[name]))


def _text(value: object) -> str:
    """A cell value as text: whole numbers without “.0”, empty cells as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _fit(cells: list[str]) -> list[str]:
    """Drop empty cells after the last column and fill short rows up to it."""
    while len(cells) > len(HEADER) and not cells[-1].strip():
        cells.pop()
    return cells + [""] * (len(HEADER) - len(cells))
