"""Metric files as rows: the canonical columns, column mappings, cell parsing. Pure.

Decisions (documented for users in ``app/analytics/README.md``):

- A mapping says, for each canonical column, which header of the export holds it; several
  alternatives are separated by ``|`` (``阅读人数|图文阅读人数``). Headers are compared after
  trimming spaces and ignoring case. The canonical format is the identity mapping.
- An empty cell, ``-``, ``--`` or ``/`` is *unknown* (None), never 0.
- Counts accept ``1,234``, ``1234.0`` and ``1.2万`` / ``3亿``; a negative or fractional count is
  an error. Money accepts ``¥1,234.50``; a negative cost or revenue is an error.
- A date is ``YYYY-MM-DD``, ``YYYY/MM/DD``, ``YYYYMMDD`` or ``YYYY年M月D日``, with an optional
  time after it (platform exports give the publish time); the row's day is that date.
- Every problem is one message naming the line (``第 N 行``) and the column: an
  ``app.messages.Message``, Chinese as a str (the CLI prints it) and said in the reader's
  language by the web layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from app.messages import N_, Joined, Message

CANONICAL = (
    "date",
    "channel",
    "piece_id",
    "platform_id",
    "url",
    "title",
    "delivered",
    "reads",
    "likes",
    "shares",
    "comments",
    "favorites",
    "conversions",
    "revenue",
    "cost",
)
COUNTS = ("delivered", "reads", "likes", "shares", "comments", "favorites", "conversions")
MONEY = ("revenue", "cost")
IDENTIFIERS = ("piece_id", "platform_id", "url", "title")
COLUMN_NAMES = {
    "date": N_("日期"),
    "channel": N_("渠道"),
    "piece_id": N_("稿件编号"),
    "platform_id": N_("平台内容 ID"),
    "url": N_("链接"),
    "title": N_("标题"),
    "delivered": N_("送达"),
    "reads": N_("阅读"),
    "likes": N_("点赞"),
    "shares": N_("分享"),
    "comments": N_("评论"),
    "favorites": N_("收藏"),
    "conversions": N_("转化"),
    "revenue": N_("收入"),
    "cost": N_("成本"),
}
UNKNOWN = {"", "-", "--", "/", "—", "N/A", "n/a"}
MAX_TEXT = {"platform_id": 200, "url": 500, "title": 200, "channel": 32}
_DATE = re.compile(r"^(\d{4})(?:[-/.年])?(\d{1,2})(?:[-/.月])?(\d{1,2})日?(?:[ T].*)?$")
_UNITS = {"万": Decimal(10_000), "w": Decimal(10_000), "W": Decimal(10_000), "亿": Decimal(10**8)}

Value = int | Decimal | None


@dataclass(frozen=True)
class MetricRow:
    """One valid row of a metric file, before the piece it belongs to is found."""

    line: int
    day: date
    channel: str
    piece_id: int | None
    platform_id: str
    url: str
    title: str
    values: dict[str, Value]

    def describe(self) -> str:
        """How a person recognises the row: its identifiers in a few words."""
        parts = [self.day.isoformat()]
        if self.channel:
            parts.append(self.channel)
        if self.piece_id is not None:
            parts.append(f"#{self.piece_id}")
        for text in (self.platform_id, self.title or self.url):
            if text:
                parts.append(text[:60])
        return " · ".join(parts)


@dataclass
class ParsedFile:
    """The valid rows of one file and the problems of the others."""

    rows: list[MetricRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # Message ids (see app.messages)


def identity_mapping() -> dict[str, str]:
    """The canonical format's mapping: every column under its own name."""
    return {column: column for column in CANONICAL}


def _key(header: str) -> str:
    return header.strip().lstrip("\ufeff").lower()


def column_index(header: list[str], mapping: dict[str, str]) -> dict[str, int]:
    """Canonical column → position in this file's header, for the columns the mapping finds."""
    positions = {_key(h): i for i, h in enumerate(header) if h.strip()}
    found: dict[str, int] = {}
    for column in CANONICAL:
        for alternative in str(mapping.get(column, "")).split("|"):
            if alternative.strip() and _key(alternative) in positions:
                found[column] = positions[_key(alternative)]
                break
    return found


def parse_day(text: str) -> date | None:
    """A date in one of the accepted forms, or None."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_count(text: str) -> int | None:
    """A count; raises ValueError (its argument a Message) when it is not a whole number ≥ 0."""
    number = _number(text)
    if number is None:
        return None
    if number < 0 or number != number.to_integral_value():
        raise ValueError(Message(N_("“%(value)s”不是非负整数"), value=text.strip()))
    return int(number)


def parse_money(text: str) -> Decimal | None:
    """An amount in yuan with at most 2 decimals; raises ValueError (a Message) otherwise."""
    number = _number(text.replace("¥", "").replace("￥", "").replace("元", ""))
    if number is None:
        return None
    if number < 0:
        raise ValueError(Message(N_("“%(value)s”是负数"), value=text.strip()))
    return number.quantize(Decimal("0.01"))


def _number(text: str) -> Decimal | None:
    cleaned = text.strip().replace(",", "").replace("，", "")
    if cleaned in UNKNOWN:
        return None
    factor = Decimal(1)
    if cleaned and cleaned[-1] in _UNITS:
        factor = _UNITS[cleaned[-1]]
        cleaned = cleaned[:-1]
    try:
        value = Decimal(cleaned) * factor
    except InvalidOperation:
        raise _not_a_number(text) from None
    if not value.is_finite():
        raise _not_a_number(text)
    return value


def _not_a_number(text: str) -> ValueError:
    return ValueError(Message(N_("“%(value)s”不是数字"), value=text.strip()))


def parse_rows(
    records: list[tuple[int, list[str]]], mapping: dict[str, str], default_channel: str = ""
) -> ParsedFile:
    """Rows of a file (the first is the header) through a mapping into metric rows."""
    result = ParsedFile()
    if not records:
        result.errors.append(Message(N_("文件是空的：第一行应是表头。")))
        return result
    header_line, header = records[0]
    index = column_index(header, mapping)
    if "date" not in index:
        no_date = N_(
            "第 %(line)s 行（表头）：找不到日期列（%(column)s），请检查所选的数据来源与列映射。"
        )
        column = mapping.get("date") or "date"
        result.errors.append(Message(no_date, line=header_line, column=column))
        return result
    if not any(column in index for column in IDENTIFIERS):
        no_identifier = N_(
            "第 %(line)s 行（表头）：找不到能识别稿件的列"
            "（稿件编号、平台内容 ID、链接或标题，至少一列）。"
        )
        result.errors.append(Message(no_identifier, line=header_line))
        return result
    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        row, problems = _row(line, cells, index, default_channel)
        if problems:
            said = Joined(problems, "；")
            result.errors.append(
                Message(N_("第 %(line)s 行：%(problems)s。"), line=line, problems=said)
            )
        elif row is not None:
            result.rows.append(row)
    _duplicates(result)
    return result


def _cell(cells: list[str], index: dict[str, int], column: str) -> str:
    position = index.get(column)
    if position is None or position >= len(cells):
        return ""
    return cells[position].strip()


def _row(
    line: int, cells: list[str], index: dict[str, int], default_channel: str
) -> tuple[MetricRow | None, list[str]]:
    problems: list[str] = []
    raw_day = _cell(cells, index, "date")
    day = parse_day(raw_day)
    if day is None:
        unknown = Message(N_("日期“%(value)s”无法识别（请用 2026-12-01）"), value=raw_day)
        problems.append(unknown if raw_day else Message(N_("缺少日期")))
    piece_id: int | None = None
    raw_piece = _cell(cells, index, "piece_id").lstrip("#")
    if raw_piece:
        if raw_piece.isdigit() and 0 < int(raw_piece) < 2**31:
            piece_id = int(raw_piece)
        else:
            problems.append(Message(N_("稿件编号“%(value)s”不是正整数"), value=raw_piece))
    texts = {c: _cell(cells, index, c) for c in ("channel", "platform_id", "url", "title")}
    for column, limit in MAX_TEXT.items():
        if len(texts[column]) > limit:
            name = Message(COLUMN_NAMES[column])
            problems.append(Message(N_("%(name)s超过 %(limit)s 个字符"), name=name, limit=limit))
    if piece_id is None and not any(texts[c] for c in ("platform_id", "url", "title")):
        problems.append(Message(N_("没有可识别稿件的内容（稿件编号、平台内容 ID、链接或标题）")))
    values: dict[str, Value] = {}
    for column in COUNTS + MONEY:
        raw = _cell(cells, index, column)
        try:
            values[column] = parse_count(raw) if column in COUNTS else parse_money(raw)
        except ValueError as error:
            name, reason = Message(COLUMN_NAMES[column]), error.args[0]
            where = N_("%(name)s（%(column)s）%(reason)s")
            problems.append(Message(where, name=name, column=column, reason=reason))
    if problems or day is None:
        return None, problems
    row = MetricRow(
        line=line,
        day=day,
        channel=texts["channel"] or default_channel,
        piece_id=piece_id,
        platform_id=texts["platform_id"],
        url=texts["url"],
        title=texts["title"],
        values=values,
    )
    return row, []


def _duplicates(result: ParsedFile) -> None:
    """Two rows of one file for the same piece and day are an error (which one counts?). The
    second row leaves ``rows`` like any row with a problem, so that the importer's own check
    (two rows matched to one piece) does not report it a second time."""
    seen: dict[tuple[object, ...], int] = {}
    kept: list[MetricRow] = []
    for row in result.rows:
        identity = row.piece_id or row.platform_id or row.url or row.title
        key = (row.day, row.channel, identity)
        if key in seen:
            twice = N_(
                "第 %(line)s 行：与第 %(other_line)s 行是同一稿件同一天的数据，请只保留一行。"
            )
            result.errors.append(Message(twice, line=row.line, other_line=seen[key]))
        else:
            seen[key] = row.line
            kept.append(row)
    result.rows = kept


def open_rate(reads: int | None, delivered: int | None) -> float | None:
    """reads ÷ delivered, or None when either is unknown or nothing was delivered."""
    if reads is None or not delivered:
        return None
    return reads / delivered


def roi(revenue: Decimal | None, cost: Decimal | None) -> float | None:
    """(revenue − cost) ÷ cost, or None when either is unknown or the cost is 0."""
    if revenue is None or not cost:
        return None
    return float((revenue - cost) / cost)


def interactions(values: dict[str, Value]) -> int | None:
    """likes + shares + comments + favorites over the known ones; None when none is known."""
    known = [values.get(c) for c in ("likes", "shares", "comments", "favorites")]
    numbers = [int(v) for v in known if v is not None]
    return sum(numbers) if numbers else None
