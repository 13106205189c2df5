"""The word-list CSV format of ``wordlists/`` (import/export), read and written losslessly.

UTF-8 (a BOM is accepted), header exactly ``HEADER``, one entry per record, ``\\n`` line ends.
List columns (allow_contexts, channels, examples_hit, examples_pass) separate items with ``|``.
Reading strips surrounding whitespace from every cell and list item and drops empty items;
writing refuses values that would not survive that (so ``read(write(x)) == x``, ids aside).
Cells are not formula-escaped here: ``escape_formula`` is for spreadsheet downloads only.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO, Any

from app.compliance.lexicon import entry_problems
from app.compliance.model import Entry
from app.compliance.normalize import normalise_key
from app.messages import N_, Message

HEADER: tuple[str, ...] = (
    "term",
    "category",
    "severity",
    "match",
    "allow_contexts",
    "channels",
    "suggestion",
    "basis",
    "note",
    "examples_hit",
    "examples_pass",
    "conditions",
)
OLD_HEADER = HEADER[:-1]  # before conditions (issue 18)
LIST_FIELDS = frozenset(
    {"allow_contexts", "channels", "examples_hit", "examples_pass", "conditions"}
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_Seen = dict[tuple[str, str, tuple[int, ...] | None], tuple[int, str]]


class WordlistError(ValueError):
    """A word list with bad lines; errors lists (line number, message) for every one: a
    ``Message``, Chinese as a str (the CLI prints it), translatable by the web layer."""

    def __init__(self, errors: list[tuple[int, str]], source: str = "") -> None:
        self.errors = errors
        self.source = source
        lines = (f"{source} 第 {line} 行：{message}" for line, message in errors)
        super().__init__("\n".join(lines))


def _as_text(text_or_file: str | bytes | IO[str] | IO[bytes], source: str) -> str:
    """Return the CSV content as str without a BOM."""
    data = text_or_file if isinstance(text_or_file, str | bytes) else text_or_file.read()
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problem = Message(N_("文件不是 UTF-8 编码：%(error)s"), error=str(error))
            raise WordlistError([(1, problem)], source) from error
    return data.removeprefix("\ufeff")


def _records(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, cells) of every CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as error:
        problem = Message(N_("CSV 格式错误：%(error)s"), error=str(error))
        raise WordlistError([(line, problem)], source) from error


def _split(cell: str) -> tuple[str, ...]:
    """Split a list cell on | into stripped, non-empty items."""
    return tuple(item.strip() for item in cell.split("|") if item.strip())


def _entry(row: list[str]) -> Entry:
    """Build an entry from the 11 cells of one record."""
    cells = {name: cell.strip() for name, cell in zip(HEADER, row, strict=True)}
    values: dict[str, Any] = {
        name: _split(cells[name]) if name in LIST_FIELDS else cells[name] for name in HEADER
    }
    return Entry(**values)


def _line_problems(entry: Entry, known_categories: set[str] | None) -> list[str]:
    """Entry problems plus an unknown category."""
    problems = entry_problems(entry)
    if known_categories is not None and entry.category and entry.category not in known_categories:
        problems.append(Message(N_("未知的类别“%(category)s”"), category=entry.category))
    return problems


def read_entries(
    text_or_file: str | bytes | IO[str] | IO[bytes],
    *,
    source: str = "<词表>",
    known_categories: set[str] | None = None,
) -> list[Entry]:
    """Parse a word-list CSV; raise WordlistError listing every bad line."""
    lines = read_numbered_entries(text_or_file, source=source, known_categories=known_categories)
    return [entry for _line, entry in lines]


def read_numbered_entries(
    text_or_file: str | bytes | IO[str] | IO[bytes],
    *,
    source: str = "<词表>",
    known_categories: set[str] | None = None,
    skipped: list[tuple[int, str]] | None = None,
) -> list[tuple[int, Entry]]:
    """Parse a word-list CSV into (line number, entry) pairs; raise WordlistError on bad lines.

    With a `skipped` list, a line whose term duplicates an earlier one of its category after
    normalisation is left out and reported there as (line, reason) instead of an error."""
    records = _records(_as_text(text_or_file, source), source)
    header = next(records, None)
    names = tuple(cell.strip() for cell in header[1]) if header else ()
    while names and not names[-1]:  # spreadsheets pad short rows
        names = names[:-1]
    if names not in (HEADER, OLD_HEADER):
        problem = Message(N_("表头必须是 %(header)s"), header=",".join(HEADER))
        raise WordlistError([(1, problem)], source)
    columns = len(names)
    entries: list[tuple[int, Entry]] = []
    errors: list[tuple[int, str]] = []
    seen: _Seen = {}
    for line, row in records:
        if not any(cell.strip() for cell in row):
            continue
        if columns < len(HEADER) and len(row) == len(HEADER) and not row[-1].strip():
            row = row[:columns]  # a padded spreadsheet row of an old-format file
        if len(row) == len(OLD_HEADER):
            row = row + [""] * (columns - len(row))  # a line written before conditions
        if len(row) != columns:
            count = N_("应有 %(expected)s 列，实际 %(actual)s 列")
            errors.append((line, Message(count, expected=columns, actual=len(row))))
            continue
        entry = _entry(row + [""] * (len(HEADER) - columns))
        problems = _line_problems(entry, known_categories)
        if not problems:
            duplicate = _duplicate(seen, entry, line)
            if duplicate and skipped is not None:
                skipped.extend((line, reason) for reason in duplicate)
                continue
            problems = duplicate
        errors.extend((line, problem) for problem in problems)
        entries.append((line, entry))
    if errors:
        raise WordlistError(errors, source)
    return entries


def _duplicate(seen: _Seen, entry: Entry, line: int) -> list[str]:
    """Record a valid entry; return a problem if its category already has the same term."""
    key = normalise_key(entry.term)
    marker = (entry.category, key.chars, key.runs)
    if marker in seen:
        first, term = seen[marker]
        # `other_line`: a line number inside the message (renumbered for spreadsheet uploads)
        twice = N_("词条“%(term)s”与第 %(other_line)s 行的“%(other)s”在类别“%(category)s”中重复")
        return [
            Message(twice, term=entry.term, other_line=first, other=term, category=entry.category)
        ]
    seen[marker] = (line, entry.term)
    return []


def _cell(entry: Entry, name: str) -> str:
    """Render one field, refusing values that would not read back identically."""
    value = getattr(entry, name)
    items = value if name in LIST_FIELDS else (value,)
    for item in items:
        lossy = item != item.strip() or (name in LIST_FIELDS and (not item or "|" in item))
        if lossy:
            raise ValueError(f"词条“{entry.term}”的 {name} 值“{item}”无法无损写入 CSV")
    return "|".join(value) if name in LIST_FIELDS else value


def write_entries(entries: Iterable[Entry], file: IO[str]) -> None:
    """Write entries as word-list CSV sorted by category then term (ids are not written)."""
    rows = [[_cell(entry, name) for name in HEADER] for entry in entries]
    rows.sort(key=lambda row: (row[1], row[0], row))
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)


def escape_formula(cell: str) -> str:
    """Prefix ' to a cell a spreadsheet would run as a formula (for browser downloads only)."""
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell
