"""Importing metric files: read, map, find each row's piece, then save all or nothing.

A file is read (CSV in UTF-8 or GB18030, or the first sheet of an .xlsx), its rows mapped
through the chosen source's saved mapping (``app.analytics.parsing``), and each row's piece
found by ``piece_id``, then ``platform_id`` (the publish job's platform id; for a 公众号 msgid
``<msg_data_id>_<index>`` also its part before ``_``), then ``url`` (the piece's post URL or
the job's article URL), then the title among the channel's published pieces (the latest one
published on or before the row's day). Rows without a piece are *unmatched*: listed with a way
to choose the piece by hand in the browser, skipped (and counted) by the CLI.

Saving is one transaction: any bad row rejects the whole import, with every bad row named.
A row replaces what is stored for the same piece, day and channel, so re-importing the same
day changes nothing twice.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, or_, select

from app.analytics import rollup
from app.analytics.parsing import (
    COUNTS,
    MONEY,
    MetricRow,
    ParsedFile,
    identity_mapping,
    parse_rows,
)
from app.errors import N_, InvalidInput, Joined, MessageId, NotFound
from app.extensions import db
from app.models import (
    Channel,
    MetricImport,
    MetricSource,
    Piece,
    PieceMetric,
    PublishJob,
    Revision,
    User,
    utcnow,
)
from app.zones import brand_zone

SOURCES_FILE = Path(__file__).with_name("sources.json")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
CANONICAL_SOURCE = "canonical"


class MetricImportRejected(InvalidInput):
    """A metric file with bad rows: nothing was saved; ``problems`` names every bad row."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:50]
        more = MessageId(N_("（另有 %(count)s 处问题未列出）"), count=len(problems) - 50)
        super().__init__(
            N_("导入失败，没有保存任何数据：%(problems)s%(more)s"),
            params={"problems": Joined(shown), "more": more if len(problems) > 50 else ""},
        )
        self.problems = problems


@dataclass
class Preview:
    """What an import would do: the rows with their piece, the unmatched rows, the problems."""

    filename: str
    source: str
    matched: list[tuple[MetricRow, int, int]] = field(default_factory=list)  # row, piece, channel
    unmatched: list[MetricRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # message ids (app.messages), by line


# -- sources ------------------------------------------------------------------------------


def shipped_sources() -> list[dict[str, Any]]:
    """The mappings shipped with the app (``sources.json``)."""
    data = json.loads(SOURCES_FILE.read_text(encoding="utf-8"))
    return list(data["sources"])


def ensure_sources() -> None:
    """Add the shipped mappings that the database does not have yet (never overwrites edits)."""
    have = set(db.session.scalars(select(MetricSource.name)))
    for source in shipped_sources():
        if source["name"] not in have:
            db.session.add(
                MetricSource(
                    name=source["name"],
                    channel_kind=source.get("channel_kind", ""),
                    mapping=dict(source["mapping"]),
                    note=source.get("note", ""),
                )
            )
    db.session.flush()


def sources() -> list[MetricSource]:
    """Every saved source, the canonical one first."""
    ensure_sources()
    rows = db.session.scalars(select(MetricSource).order_by(MetricSource.id)).all()
    return sorted(rows, key=lambda s: (s.name != CANONICAL_SOURCE, s.id))


def source_named(name: str) -> MetricSource:
    """The saved source ``name``; NotFound in Chinese listing the known ones."""
    ensure_sources()
    source = db.session.scalar(select(MetricSource).where(MetricSource.name == name))
    if source is None:
        known = "、".join(s.name for s in sources())
        raise NotFound(
            N_("没有名为“%(name)s”的数据来源。已有：%(known)s。"),
            params={"name": name, "known": known},
        )
    return source


def save_mapping(source: MetricSource, mapping: dict[str, str], user: User | None) -> None:
    """Replace a source's mapping (canonical column → header alternatives)."""
    cleaned = {k: v.strip() for k, v in mapping.items() if k in identity_mapping() and v.strip()}
    if "date" not in cleaned:
        raise InvalidInput(N_("列映射必须包含日期列（date）。"))
    if not any(k in cleaned for k in ("piece_id", "platform_id", "url", "title")):
        raise InvalidInput(N_("列映射至少要包含稿件编号、平台内容 ID、链接或标题中的一列。"))
    source.mapping = cleaned
    source.updated_by_id = user.id if user else None
    db.session.commit()


# -- reading files ------------------------------------------------------------------------


def read_records(filename: str, data: bytes) -> list[tuple[int, list[str]]]:
    """(line number, cells) of a CSV or of the first worksheet of an .xlsx file."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput(
            N_("%(filename)s：文件太大（超过 %(value)s MB）。"),
            params={"filename": filename, "value": MAX_UPLOAD_BYTES // 1024 // 1024},
        )
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_records(filename, data)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise InvalidInput(
            N_("%(filename)s：无法识别文件编码，请另存为 UTF-8 CSV。"),
            params={"filename": filename},
        )
    if "\x00" in text:
        raise InvalidInput(
            N_("%(filename)s：不是文本 CSV 文件，请上传 CSV 或 .xlsx。"),
            params={"filename": filename},
        )
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            records.append((reader.line_num, cells))
            if len(records) > MAX_ROWS:
                raise InvalidInput(
                    N_("%(filename)s：行数超过 %(max_rows)s，请分成几个文件导入。"),
                    params={"filename": filename, "max_rows": MAX_ROWS},
                )
    except csv.Error as error:
        where = MessageId(N_("%(file)s 第 %(line)s 行"), file=filename, line=reader.line_num)
        raise InvalidInput(
            N_("%(where)s：CSV 格式错误（%(error)s）。"), params={"where": where, "error": error}
        ) from None
    return records


def _xlsx_records(filename: str, data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if sum(info.file_size for info in archive.infolist()) > 8 * MAX_UPLOAD_BYTES:
            raise InvalidInput(
                N_("%(filename)s：工作簿解压后太大，请分成几个文件导入。"),
                params={"filename": filename},
            )
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except InvalidInput:
        raise
    except Exception:  # openpyxl raises many kinds for broken files
        raise InvalidInput(
            N_("%(filename)s：无法读取这个 .xlsx 工作簿，请用 Excel 另存后再试。"),
            params={"filename": filename},
        ) from None
    records: list[tuple[int, list[str]]] = []
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            records.append((number, [_cell_text(v) for v in values]))
            if len(records) > MAX_ROWS:
                raise InvalidInput(
                    N_("%(filename)s：行数超过 %(max_rows)s，请分成几个文件导入。"),
                    params={"filename": filename, "max_rows": MAX_ROWS},
                )
    finally:
        workbook.close()
    return records


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- preview and matching -----------------------------------------------------------------


def preview(
    filename: str, data: bytes, source_name: str = CANONICAL_SOURCE, channel_code: str = ""
) -> Preview:
    """Read and map a file and find each row's piece; saves nothing."""
    source = source_named(source_name)
    default_channel = channel_code
    if not default_channel and source.channel_kind:
        codes = db.session.scalars(
            select(Channel.code).where(Channel.kind == source.channel_kind)
        ).all()
        if len(codes) == 1:
            default_channel = codes[0]
    parsed: ParsedFile = parse_rows(
        read_records(filename, data), dict(source.mapping), default_channel
    )
    result = Preview(filename=filename, source=source.name, errors=list(parsed.errors))
    channels = {c.code: c for c in db.session.scalars(select(Channel))}
    for row in parsed.rows:
        channel = channels.get(row.channel) if row.channel else None
        if row.channel and channel is None:
            unknown = N_("第 %(line)s 行：没有代码为“%(channel)s”的渠道。")
            result.errors.append(MessageId(unknown, line=row.line, channel=row.channel))
            continue
        piece = find_piece(row, channel)
        if piece is None:
            if channel is None and row.piece_id is None:
                no_channel = N_(
                    "第 %(line)s 行：缺少渠道（channel 列为空，导入时也没有选择渠道）。"
                )
                result.errors.append(MessageId(no_channel, line=row.line))
            else:
                result.unmatched.append(row)
            continue
        if channel is not None and piece.channel_id != channel.id:
            other = N_("第 %(line)s 行：稿件 #%(piece)s 属于渠道“%(its)s”，不是“%(channel)s”。")
            result.errors.append(
                MessageId(
                    other,
                    line=row.line,
                    piece=piece.id,
                    its=piece.channel.code,
                    channel=channel.code,
                )
            )
            continue
        result.matched.append((row, piece.id, piece.channel_id))
    _same_piece_twice(result)
    return result


def _same_piece_twice(result: Preview) -> None:
    seen: dict[tuple[int, date], int] = {}
    for row, piece_id, _channel in result.matched:
        key = (piece_id, row.day)
        if key in seen:
            result.errors.append(_twice(row, seen[key], piece_id))
        seen.setdefault(key, row.line)


def _twice(row: MetricRow, first: int, piece_id: int) -> MessageId:
    """The problem of a row for the same piece and day as the row on line `first`."""
    twice = N_("第 %(line)s 行：与第 %(other_line)s 行都是稿件 #%(piece)s 在 %(day)s 的数据。")
    return MessageId(twice, line=row.line, other_line=first, piece=piece_id, day=row.day)


def find_piece(row: MetricRow, channel: Channel | None) -> Piece | None:
    """The piece a row belongs to, by piece id, platform id, URL, then title (see the module)."""
    if row.piece_id is not None:
        return db.session.get(Piece, row.piece_id)
    scope = select(Piece)
    if channel is not None:
        scope = scope.where(Piece.channel_id == channel.id)
    if row.platform_id:
        ids = {row.platform_id}
        if "_" in row.platform_id:
            msg_data_id, _sep, index = row.platform_id.rpartition("_")
            ids.add(msg_data_id)
            if index == "1":  # a one-article send: the job that recorded this msg_data_id
                jobs = db.session.scalars(
                    scope.join(PublishJob, PublishJob.piece_id == Piece.id)
                    .where(PublishJob.checkpoint["msg_data_id"].as_string() == msg_data_id)
                    .limit(2)
                ).all()
                if len(jobs) == 1:
                    return jobs[0]
        piece = db.session.scalar(
            scope.join(PublishJob, PublishJob.piece_id == Piece.id)
            .where(PublishJob.platform_id.in_(ids))
            .order_by(Piece.id.desc())
            .limit(1)
        )
        if piece is not None:
            return piece
    if row.url:
        piece = db.session.scalar(
            scope.outerjoin(PublishJob, PublishJob.piece_id == Piece.id)
            .where(or_(Piece.post_url == row.url, PublishJob.platform_url == row.url))
            .order_by(Piece.id.desc())
            .limit(1)
        )
        if piece is not None:
            return piece
    if row.title and channel is not None:
        end_of_day = datetime.combine(row.day + timedelta(days=1), time(), brand_zone())
        return db.session.scalar(
            scope.join(Revision, Revision.id == Piece.current_revision_id)
            .where(
                func.trim(Revision.title) == row.title.strip(),
                Piece.published_at.is_not(None),
                Piece.published_at < end_of_day,
            )
            .order_by(Piece.published_at.desc(), Piece.id.desc())
            .limit(1)
        )
    return None


# -- saving -------------------------------------------------------------------------------


def apply(
    result: Preview,
    user: User | None,
    manual: dict[int, int] | None = None,
    also: Callable[[MetricImport], None] | None = None,
) -> MetricImport:
    """Save a preview's rows in one transaction; ``manual`` maps unmatched lines to pieces;
    ``also`` saves more of the batch in the same transaction (the pull's account figures).

    Raises MetricImportRejected (nothing saved) when the preview has errors or a manual match
    names a piece that does not exist. Unmatched rows without a manual match are skipped.
    """
    errors = list(result.errors)
    rows = list(result.matched)
    skipped = 0
    for row in result.unmatched:
        piece_id = (manual or {}).get(row.line)
        if piece_id is None:
            skipped += 1
            continue
        piece = db.session.get(Piece, piece_id)
        if piece is None:
            gone = N_("第 %(line)s 行：手动选择的稿件 #%(piece)s 不存在。")
            errors.append(MessageId(gone, line=row.line, piece=piece_id))
            continue
        rows.append((row, piece.id, piece.channel_id))
    seen: dict[tuple[int, date, int], int] = {}
    for row, piece_id, channel_id in rows:
        line = seen.setdefault((piece_id, row.day, channel_id), row.line)
        twice = _twice(row, line, piece_id)
        if line != row.line and twice not in errors:  # the preview may have said it already
            errors.append(twice)
    if errors:
        db.session.rollback()
        raise MetricImportRejected(errors)
    batch = MetricImport(
        source=result.source,
        filename=result.filename[:200],
        user_id=user.id if user else None,
        created_at=utcnow(),
        rows_total=len(rows) + skipped,
        rows_skipped=skipped,
    )
    db.session.add(batch)
    db.session.flush()
    replaced = _replace(rows, batch.id)
    batch.rows_replaced = replaced
    batch.rows_inserted = len(rows) - replaced
    if also is not None:
        also(batch)
    db.session.commit()
    return batch


CHUNK = 1000


def _replace(rows: list[tuple[MetricRow, int, int]], import_id: int) -> int:
    """Delete the stored rows of the same piece, day and channel, insert the new ones in bulk;
    returns how many were replaced."""
    if not rows:
        return 0
    keys = {(piece_id, row.day, channel_id) for row, piece_id, channel_id in rows}
    pieces = sorted({piece_id for piece_id, _day, _channel in keys})
    first, last = min(k[1] for k in keys), max(k[1] for k in keys)
    stale: list[int] = []
    for start in range(0, len(pieces), CHUNK):
        found = db.session.execute(
            select(
                PieceMetric.id, PieceMetric.piece_id, PieceMetric.day, PieceMetric.channel_id
            ).where(
                PieceMetric.piece_id.in_(pieces[start : start + CHUNK]),
                PieceMetric.day >= first,
                PieceMetric.day <= last,
            )
        )
        stale += [m.id for m in found if (m.piece_id, m.day, m.channel_id) in keys]
    for start in range(0, len(stale), CHUNK):
        db.session.execute(
            delete(PieceMetric)
            .where(PieceMetric.id.in_(stale[start : start + CHUNK]))
            .execution_options(synchronize_session=False)
        )
    now = utcnow()
    values = [
        {
            "day": row.day,
            "channel_id": channel_id,
            "piece_id": piece_id,
            "platform_id": row.platform_id,
            "url": row.url,
            "title": row.title,
            "import_id": import_id,
            "updated_at": now,
            **{c: row.values.get(c) for c in COUNTS + MONEY},
        }
        for row, piece_id, channel_id in rows
    ]
    for start in range(0, len(values), CHUNK):
        db.session.execute(insert(PieceMetric), values[start : start + CHUNK])
    rollup.refresh((piece_id, day) for piece_id, day, _channel in keys)
    return len(stale)


def import_file(
    path: Path,
    source_name: str = CANONICAL_SOURCE,
    channel_code: str = "",
    user: User | None = None,
) -> tuple[MetricImport, Preview]:
    """Import one file from disk (the CLI): unmatched rows are skipped and returned."""
    result = preview(path.name, path.read_bytes(), source_name, channel_code)
    return apply(result, user), result
