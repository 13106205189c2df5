"""The false-positive loop: reviewers report “误报” on a hit, legal fixes the entry or dismisses."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import select

from app.audit import record
from app.checks.reporting import current_report
from app.checks.store import latest_version
from app.compliance import SEVERITIES
from app.compliance.conditions import ConditionError, parse_condition
from app.compliance.proposals import Proposal, propose
from app.errors import N_, Conflict, InvalidInput, MessageId, NotFound, PermissionDenied
from app.extensions import db
from app.lexicon.editing import current_row, entry_changes, save_changes
from app.models import FalsePositiveReport, LexiconEntry, Piece, ReportStatus, Role, User, utcnow

NOTE_MAX = 2000
ACTIONS = {
    "add_context": "加入例外语境",
    "add_condition": "加入条件",
    "set_severity": "调整严重级别",
    "disable": "停用词条",
}


@dataclass
class InboxGroup:
    """Open reports about one entry, with the entry as it stands now."""

    entry: LexiconEntry
    reports: list[FalsePositiveReport]
    proposals: list[Proposal] = field(default_factory=list)  # verified fixes, best first

    @property
    def proposal(self) -> Proposal | None:
        """The fix offered in the form: the one that clears the most reports."""
        return self.proposals[0] if self.proposals else None


def report_false_positive(reporter: User, piece: Piece, key: str, note: str) -> FalsePositiveReport:
    """Record a reviewer's “误报” on one hit of the piece's latest revision."""
    if not reporter.has_role(Role.REVIEWER, Role.LEGAL):
        raise PermissionDenied(N_("只有审核员和法务可以报告误报。"))
    if len(note) > NOTE_MAX:
        raise InvalidInput(
            N_("说明不能超过 %(note_max)s 个字符。"), params={"note_max": NOTE_MAX}, field="note"
        )
    _report, views = current_report(piece)
    view = next((v for v in views if v.key == key and v.hit.entry_id is not None), None)
    if view is None:
        raise InvalidInput(N_("该命中已不存在（稿件或词库可能已更新），请刷新页面。"))
    report = FalsePositiveReport(
        entry_id=view.hit.entry_id,
        piece_id=piece.id,
        revision_id=piece.current_revision_id,
        hit=view.hit.to_dict(),
        context=f"{view.before}【{view.hit.text}】{view.after}",
        note=note.strip(),
        reporter_id=reporter.id,
    )
    db.session.add(report)
    db.session.flush()
    record(reporter, "lexicon.false_positive", report, reason=note.strip())
    db.session.commit()
    return report


def inbox() -> list[InboxGroup]:
    """Open reports grouped by entry, entries with the most reports first."""
    reports = db.session.scalars(
        select(FalsePositiveReport)
        .where(FalsePositiveReport.status == ReportStatus.OPEN)
        .order_by(FalsePositiveReport.id)
    ).all()
    groups: dict[int, list[FalsePositiveReport]] = {}
    for report in reports:
        groups.setdefault(report.entry_id, []).append(report)
    result = []
    for entry_id, items in groups.items():
        try:
            row = current_row(entry_id)
            proposals = propose(row.to_entry(), [r.context for r in items])
            result.append(InboxGroup(row, items, proposals))
        except NotFound:  # the entry was removed since: the reports are moot
            _close(items, None, ReportStatus.RESOLVED, "词条已被删除", None)
    db.session.commit()
    return sorted(result, key=lambda group: -len(group.reports))


def resolve(author: User, entry_id: int, action: str, value: str, reason: str) -> int:
    """Change the entry in one step (a new version) and close its open reports; the version."""
    row = current_row(entry_id)
    entry, enabled = row.to_entry(), row.enabled
    value = value.strip()
    if action == "add_context":
        if not value:
            raise InvalidInput(N_("请填写要加入的例外语境，例如“第一眼”。"), field="value")
        entry = replace(entry, allow_contexts=(*entry.allow_contexts, value))
    elif action == "add_condition":
        if not value:
            raise InvalidInput(
                N_("请填写要加入的条件，例如“unless:广告”或“near:6:燃烧/甩掉”。"), field="value"
            )
        try:
            parse_condition(value)
        except ConditionError as error:
            raise InvalidInput(
                N_("条件“%(value)s”：%(error)s"),
                params={"value": value, "error": MessageId(error.msgid, **error.params)},
                field="value",
            ) from error
        entry = replace(entry, conditions=(*entry.conditions, value))
    elif action == "set_severity":
        if value not in SEVERITIES:
            raise InvalidInput(N_("请选择新的严重级别。"))
        entry = replace(entry, severity=value)
    elif action == "disable":
        enabled = False
    else:
        raise InvalidInput(N_("未知的处理方式。"))
    changes = entry_changes(entry, entry_id, enabled, latest_version())
    if not reason.strip():
        raise InvalidInput(N_("请填写处理原因（记入词库版本历史）。"), field="reason")
    reason = f"{reason.strip()}（处理误报：{ACTIONS[action]}）"
    version, _impact = save_changes(changes, author=author, reason=reason)
    _close(_open_reports(entry_id), author, ReportStatus.RESOLVED, reason, version.id)
    db.session.commit()
    return version.id


def dismiss(author: User, entry_id: int, reason: str) -> int:
    """Keep the entry as it is and close its open reports; returns how many were closed."""
    if not reason.strip():
        raise InvalidInput(N_("请填写驳回误报的理由。"), field="reason")
    reports = _open_reports(entry_id)
    if not reports:
        raise Conflict(N_("该词条没有待处理的误报（可能刚被其他人处理）。"))
    _close(reports, author, ReportStatus.DISMISSED, reason.strip(), None)
    record(
        author,
        "lexicon.false_positive_dismissed",
        None,
        reason=reason.strip(),
        details={"entry_id": entry_id, "reports": [r.id for r in reports]},
    )
    db.session.commit()
    return len(reports)


def _open_reports(entry_id: int) -> list[FalsePositiveReport]:
    query = select(FalsePositiveReport).where(
        FalsePositiveReport.entry_id == entry_id,
        FalsePositiveReport.status == ReportStatus.OPEN,
    )
    return list(db.session.scalars(query))


def _close(
    reports: list[FalsePositiveReport],
    author: User | None,
    status: str,
    note: str,
    version: int | None,
) -> None:
    for report in reports:
        report.status, report.resolution, report.lexicon_version = status, note, version
        report.resolved_by_id = author.id if author else None
        report.resolved_at = utcnow()
