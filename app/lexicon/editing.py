"""Legal's edits: browsing entries, saving one entry (examples verified first), categories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import load_only

from app.audit import record
from app.checks.current import current_lexicon
from app.checks.store import latest_version, rows_at
from app.compliance import Entry, EntryError, build_lexicon, verify_examples
from app.compliance.engine import lexicon_hits
from app.compliance.lexicon import entries_with_key, entry_problems
from app.errors import N_, InvalidInput, Joined, MessageId, NotFound
from app.extensions import db
from app.lexicon.changes import apply_changes
from app.lexicon.impact import Impact
from app.lexicon.services import ChangeSet
from app.models import (
    Category,
    FalsePositiveReport,
    HitLog,
    LexiconEntry,
    LexiconVersion,
    ReportStatus,
    User,
    VersionKind,
    utcnow,
)

HIT_WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class EntryFilters:
    """The entry list's filters; empty strings mean “any”."""

    category: str = ""
    severity: str = ""
    match: str = ""
    channel: str = ""
    enabled: str = ""  # "", "1" or "0"
    text: str = ""


def search_entries(filters: EntryFilters, page: int, per_page: int) -> Pagination:
    """Current entries matching the filters, paginated, sorted by category then term: the
    columns the list shows, not the contexts, conditions and examples (the longest entries hold
    hundreds of allowed contexts; loading them was most of a search's time, issue 16)."""
    query = rows_at().options(load_only(*(getattr(LexiconEntry, name) for name in LIST_COLUMNS)))
    if filters.category:
        query = query.where(LexiconEntry.category == filters.category)
    if filters.severity:
        query = query.where(LexiconEntry.severity == filters.severity)
    if filters.match:
        query = query.where(LexiconEntry.match == filters.match)
    if filters.enabled in ("0", "1"):
        query = query.where(LexiconEntry.enabled.is_(filters.enabled == "1"))
    if filters.channel:
        channels = cast(LexiconEntry.channels, String)
        scoped = channels.like(f'%"{_like(filters.channel)}"%', escape="\\")
        query = query.where(or_(channels == "[]", scoped))
    if filters.text.strip():
        pattern = f"%{_like(filters.text.strip())}%"
        query = query.where(
            or_(
                LexiconEntry.term.like(pattern, escape="\\"),
                LexiconEntry.suggestion.like(pattern, escape="\\"),
                LexiconEntry.note.like(pattern, escape="\\"),
            )
        )
    return db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)


# What lexicon/entries.html shows of a row (besides its primary key).
LIST_COLUMNS = (
    "entry_id",
    "term",
    "category",
    "severity",
    "match",
    "channels",
    "suggestion",
    "enabled",
)


def _like(text: str) -> str:
    """Escape LIKE wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def usage_counts(entry_ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """(hits in saved revisions over the last 30 days, open false-positive reports) per entry."""
    if not entry_ids:
        return {}, {}
    since = utcnow() - HIT_WINDOW
    hits = db.session.execute(
        select(HitLog.entry_id, func.count())
        .where(HitLog.entry_id.in_(entry_ids), HitLog.at >= since)
        .group_by(HitLog.entry_id)
    ).all()
    reports = db.session.execute(
        select(FalsePositiveReport.entry_id, func.count())
        .where(
            FalsePositiveReport.entry_id.in_(entry_ids),
            FalsePositiveReport.status == ReportStatus.OPEN,
        )
        .group_by(FalsePositiveReport.entry_id)
    ).all()
    return dict(hits), dict(reports)


def current_row(entry_id: int) -> LexiconEntry:
    """The current row of an entry or NotFound."""
    row = db.session.scalar(rows_at().where(LexiconEntry.entry_id == entry_id))
    if row is None:
        raise NotFound(N_("词条 #%(entry_id)s 不存在或已删除。"), params={"entry_id": entry_id})
    return row


@dataclass(frozen=True)
class ExampleFailure:
    """An example that does not do what its field says: a must-hit example that hits nothing
    (``hits`` empty), or a must-pass example that hits (where, and what)."""

    field: str  # "examples_hit" or "examples_pass", the editor's field it is shown next to
    example: str
    term: str
    hits: tuple[tuple[int, int, str], ...] = ()  # (first, last character (1-based), text)

    def as_json(self) -> dict[str, object]:
        expected = "hit" if self.field == "examples_hit" else "pass"
        hits = [{"start": first, "end": last, "text": text} for first, last, text in self.hits]
        return {"field": self.field, "example": self.example, "expected": expected, "hits": hits}


def example_failures(entry: Entry) -> list[ExampleFailure]:
    """The entry's examples that fail, checked as ``verify_examples`` does (the entry alone, its
    conditions applied), each with what it got."""
    alone = build_lexicon((entry,))
    failures = []
    for name in ("examples_hit", "examples_pass"):
        for example in getattr(entry, name):
            hits = tuple(
                (h.start + 1, h.end, h.text) for h in lexicon_hits(alone, example, None, "body")
            )
            if (name == "examples_hit") == (not hits):
                failures.append(ExampleFailure(name, example, entry.term, hits))
    return failures


def entry_problems_for_save(entry: Entry, entry_id: int | None) -> list[str]:
    """Why the entry cannot be saved (message ids): fields, category, duplicate, examples."""
    problems = list(entry_problems(entry))
    if db.session.get(Category, entry.category) is None:
        problems.append(MessageId(N_("未知的类别“%(category)s”"), category=entry.category))
    if problems:
        return problems
    problems += _duplicate(entry, entry_id)
    try:
        problems += verify_examples(None, entry)
    except EntryError as error:
        problems.append(str(error))
    return problems


def _duplicate(entry: Entry, entry_id: int | None) -> list[str]:
    """Another enabled entry of the same category whose term normalises the same way."""
    for other in entries_with_key(current_lexicon(), entry.term):
        if other.category == entry.category and other.id != entry_id:
            again = N_("类别“%(category)s”中已有词条“%(term)s”（#%(id)s），请编辑那一条")
            return [MessageId(again, category=entry.category, term=other.term, id=other.id)]
    return []


def entry_changes(entry: Entry, entry_id: int | None, enabled: bool, base: int) -> ChangeSet:
    """The change set of saving one entry; InvalidInput listing every problem."""
    problems = entry_problems_for_save(entry, entry_id) if enabled or entry_id is None else []
    if problems:
        # Failing examples go next to the examples fields (``examples``); the rest at the top.
        failures = example_failures(entry) if not entry_problems(entry) else []
        said = set(verify_examples(None, entry)) if failures else set()
        raise InvalidInput(
            N_("词条未保存：%(problems)s"),
            params={"problems": Joined(problems, "；")},
            problems=problems,
            others=[problem for problem in problems if problem not in said],
            examples=[failure.as_json() for failure in failures],
            field=failures[0].field if failures else None,
        )
    if entry_id is None:
        return ChangeSet(added=[entry], base_version=base)
    current_row(entry_id)
    return ChangeSet(changed=[(entry_id, entry, enabled)], base_version=base)


def save_changes(
    changes: ChangeSet,
    *,
    author: User | None,
    reason: str,
    kind: str = VersionKind.EDIT,
    rollback_of: int | None = None,
) -> tuple[LexiconVersion, Impact]:
    """Commit a change set as a new version with its flags and notices (apply_changes)."""
    applied = apply_changes(
        changes, author=author, reason=reason, kind=kind, rollback_of=rollback_of
    )
    return applied.version, applied.impact


def save_entry(
    author: User, entry: Entry, *, entry_id: int | None, enabled: bool, reason: str, base: int
) -> tuple[LexiconVersion, Impact]:
    """Create or change one entry (verified first) as a new lexicon version."""
    return save_changes(entry_changes(entry, entry_id, enabled, base), author=author, reason=reason)


def set_enabled(author: User, entry_id: int, enabled: bool, reason: str) -> LexiconVersion:
    """Disable (or re-enable) an entry as a new version."""
    row = current_row(entry_id)
    changes = entry_changes(row.to_entry(), entry_id, enabled, latest_version())
    return save_changes(changes, author=author, reason=reason)[0]


def save_category(
    author: User, name: str, *, label: str, description: str, severity: str, legal: bool
) -> Category:
    """Create or update a category (name is the key used in word lists)."""
    name, label = name.strip(), label.strip()
    if not name.isascii() or not name.replace("_", "").isalnum() or not name[:1].isalpha():
        raise InvalidInput(
            N_("类别代码只能用英文字母、数字和下划线，并以字母开头，如 ad_absolute。")
        )
    if not label:
        raise InvalidInput(N_("请填写类别名称。"))
    category = db.session.get(Category, name) or Category(name=name)
    category.label, category.description = label, description.strip()
    category.default_severity, category.requires_legal = severity, legal
    db.session.add(category)
    record(author, "category.save", None, details={"name": name, "label": label})
    db.session.commit()
    return category
