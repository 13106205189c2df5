"""The dashboard's export: one row per piece of a period, canonical columns plus the rates.

``date`` is the period's first day; the counts are the sums over the period's days (unknown
cells stay empty), ``open_rate`` and ``roi`` are fractions (0.153 = 15.3 %) and empty when
unknown. Text cells a spreadsheet would run as a formula are escaped the way the word-list
export escapes them (``app.lexicon.spreadsheets.escape_cell``).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from app.analytics.parsing import CANONICAL
from app.analytics.services import Window
from app.lexicon.spreadsheets import escape_cell

HEADER = (*CANONICAL, "open_rate", "interactions", "roi")
TEXT = frozenset({"channel", "platform_id", "url", "title"})


def _cell(column: str, row: dict[str, Any], span: Window) -> str:
    if column == "date":
        return span.start.isoformat()
    value = row.get(column)
    if value is None:
        return ""
    if column in TEXT:
        return escape_cell(str(value))
    if column in ("open_rate", "roi"):
        return f"{value:.4f}"
    return str(value)


def export_csv(rows: list[dict[str, Any]], span: Window) -> bytes:
    """UTF-8 CSV with a BOM (Excel opens it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in sorted(rows, key=lambda r: r["piece_id"]):
        writer.writerow([_cell(column, row, span) for column in HEADER])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
