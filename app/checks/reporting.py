"""Reports for people and for batch tools: labels, the CLI's text form and JSON lines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.checks.services import FIELD_LABELS, check_fields, check_piece, hit_key
from app.compliance import VERDICTS, Hit, Report
from app.errors import N_, InvalidInput, MessageId
from app.inputs import loads_json
from app.models import Piece, Revision
from app.rendering import Span, mark_plain, render_marked_markdown

VERDICT_LABELS = {
    "pass": _l("通过"),
    "warn": _l("提示"),
    "review": _l("需人工审核"),
    "block": _l("禁止发布"),
}
SEVERITY_LABELS = {
    "info": _l("信息"),
    "warn": _l("提示"),
    "review": _l("需审核"),
    "block": _l("禁止"),
}


def report_labels() -> dict[str, dict[str, str]]:
    """Labels the report views need, as plain strings in the current language (JSON-ready);
    read once a request (the review page wants them for its marked article and its report)."""
    from flask import g, has_request_context
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Category

    if has_request_context() and "report_labels" in g:
        return g.report_labels
    categories = dict(db.session.execute(select(Category.name, Category.label)).all())
    labels = {
        "categories": categories,
        "severities": _plain(SEVERITY_LABELS),
        "verdicts": _plain(VERDICT_LABELS),
        "fields": _plain(FIELD_LABELS),
    }
    if has_request_context():
        g.report_labels = labels
    return labels


def _plain(labels: dict[str, Any]) -> dict[str, str]:
    """Lazy labels evaluated now, so that the dict can go through json.dumps or |tojson."""
    return {key: str(label) for key, label in labels.items()}


@dataclass(frozen=True)
class HitView:
    """One hit prepared for a page: its text in context and, for review hits, the ack key."""

    hit: Hit
    key: str
    before: str
    after: str

    @property
    def needs_acknowledgement(self) -> bool:
        """Review-severity hits need a reviewer's reason before approval."""
        return self.hit.severity == "review"


def hit_views(report: Report, texts: dict[str, str], radius: int = 16) -> list[HitView]:
    """Hits with `radius` characters of context from their field's original text."""
    views = []
    for hit in report.hits:
        text = texts.get(hit.field, "")
        before = text[max(0, hit.start - radius) : hit.start]
        after = text[hit.end : hit.end + radius]
        views.append(HitView(hit, hit_key(hit), before, after))
    return views


def verdict_rank(verdict: str) -> int:
    """Position of a verdict in pass < warn < review < block."""
    return VERDICTS.index(verdict)


def report_as_text(report: Report, texts: dict[str, str]) -> str:
    """A readable Chinese rendering of a report; `texts` maps field name to its original text."""
    head = (
        f"结论：{VERDICT_LABELS[report.verdict]}（{report.verdict}）"
        f" · 词库版本 {report.lexicon_version} · {len(report.hits)} 处命中"
    )
    lines = [head]
    for hit in report.hits:
        text = texts.get(hit.field, "")
        line_no = text.count("\n", 0, hit.start) + 1
        where = f"{FIELD_LABELS.get(hit.field, hit.field)}第 {line_no} 行（{hit.start}–{hit.end}）"
        severity = SEVERITY_LABELS.get(hit.severity, hit.severity)
        lines.append(f"- {where}“{hit.text}” → {hit.term} [{hit.category} · {severity}]")
        if hit.suggestion:
            lines.append(f"    建议：{hit.suggestion}")
        if hit.basis:
            lines.append(f"    依据：{hit.basis}")
    return "\n".join(lines)


def to_json_line(payload: dict[str, Any]) -> str:
    """One JSON line, readable UTF-8; lone surrogates fall back to \\u escapes."""
    line = json.dumps(payload, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(payload)
    return line


@dataclass(frozen=True)
class BatchLine:
    """The output of one input line of a JSON-lines batch check."""

    output: str
    rank: int | None  # verdict rank, or None when the input line was bad


def check_json_lines(lines: Iterable[str], channel: str | None) -> Iterator[BatchLine]:
    """Check `{"id":…, "text":…}` lines (title/channel optional); bad lines give error objects."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            item = _batch_item(raw)
            report = check_fields(item["title"], item["text"], item["channel"] or channel)
        except (ValueError, InvalidInput) as error:
            said = error.args[0] if error.args else None  # a MessageId: the reader's language
            message = (
                error.message
                if isinstance(error, InvalidInput)
                else said.translated()
                if isinstance(said, MessageId)
                else str(error)
            )
            yield BatchLine(to_json_line({"line": number, "error": message}), None)
            continue
        payload = {"id": item["id"], **report.to_dict()}
        yield BatchLine(to_json_line(payload), verdict_rank(report.verdict))


def _batch_item(raw: str) -> dict[str, Any]:
    """Parse and validate one batch line."""
    try:
        item = loads_json(raw)  # ValueError when nested too deeply
    except json.JSONDecodeError as error:
        raise ValueError(
            MessageId(N_("不是合法的 JSON（第 %(column)s 列附近）"), column=error.colno)
        ) from None
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise ValueError(
            MessageId(N_('每行必须是含字符串字段 text 的 JSON 对象，如 {"id": 1, "text": "…"}'))
        )
    for name in ("title", "channel"):
        if item.get(name) is not None and not isinstance(item[name], str):
            raise ValueError(MessageId(N_("字段 %(name)s 必须是字符串"), name=name))
    return {
        "id": item.get("id"),
        "text": item["text"],
        "title": item.get("title") or "",
        "channel": item.get("channel"),
    }


def hit_spans(report: Report) -> dict[str, list[Span]]:
    """The report's hits as marked spans per field, with category, suggestion and basis."""
    labels = report_labels()
    spans: dict[str, list[Span]] = {"title": [], "summary": [], "body": []}
    for hit in report.hits:
        category = labels["categories"].get(hit.category, hit.category)
        severity = labels["severities"].get(hit.severity, hit.severity)
        tip = f"{category} · {severity}\n建议：{hit.suggestion or '—'}\n依据：{hit.basis or '—'}"
        spans.setdefault(hit.field, []).append(Span(hit.start, hit.end, f"sev-{hit.severity}", tip))
    return spans


def marked_article(revision: Revision, report: Report) -> dict[str, Markup]:
    """Title, summary and rendered body of a revision with every hit marked in place."""
    spans = hit_spans(report)
    return {
        "title": mark_plain(revision.title, spans["title"]),
        "summary": mark_plain(revision.summary, spans["summary"]),
        "body": render_marked_markdown(revision.body, spans["body"]),
    }


def current_report(piece: Piece) -> tuple[Report, list[HitView]]:
    """The latest revision checked against the current lexicon (not stored), with hit context."""
    revision = piece.current_revision
    assert revision is not None
    report = check_piece(piece)
    texts = {"title": revision.title, "summary": revision.summary, "body": revision.body}
    return report, hit_views(report, texts)
