"""Word lists in the database: reading any version, importing, exporting and committing changes.

Every change is one new ``LexiconVersion`` written by ``commit_changes`` in one transaction: the
changed and removed entries' current rows are closed and new rows opened. Imports replace the
entries of the categories present in the imported files and leave other categories alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, insert, select, text, update

from app.audit import record
from app.checks.store import (
    CHUNK,
    entries_at,
    latest_version,
    rows_at,
    stable_id,
)
from app.compliance import Entry, verify_examples
from app.compliance.wordlist_csv import WordlistError, read_numbered_entries, write_entries
from app.errors import N_, Conflict, InvalidInput, Joined, MessageId
from app.extensions import db
from app.models import Category, LexiconEntry, LexiconVersion, Role, User
from app.models.lexicon import entry_values
from app.notifications.events import Words
from app.notifications.services import notify, users_with_roles

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class ChangeSet:
    """Entries to add, entries to replace (by stable id) and entry ids to remove."""

    added: Sequence[Entry] = ()
    changed: Sequence[tuple[int, Entry, bool]] = ()  # (entry_id, new values, enabled)
    removed: Sequence[int] = ()
    unchanged: int = 0
    base_version: int = 0
    skipped: Sequence[tuple[str, int, str]] = ()  # (file, line, why) left out of an import

    @property
    def empty(self) -> bool:
        """True when applying the change set would change nothing."""
        return not (self.added or self.changed or self.removed)


@dataclass
class ImportFile:
    """One parsed word-list file with the line number of each entry."""

    source: str
    entries: list[tuple[int, Entry]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # duplicates left out


def category_names() -> set[str]:
    """Names of every category legal has defined."""
    return set(db.session.scalars(select(Category.name)))


class ImportRejected(InvalidInput):
    """Bad word-list files: nothing was imported; `errors` lists (file, line, message)."""

    def __init__(self, errors: list[tuple[str, int, str]]) -> None:
        self.errors = errors
        where = N_("%(file)s 第 %(line)s 行：%(why)s")  # why: a message id, or user content
        lines = Joined(
            [MessageId(where, file=source, line=line, why=why) for source, line, why in errors],
            sep="\n",
        )
        super().__init__(
            N_("导入被拒绝，共 %(count)s 处错误，词库没有任何改动：\n%(lines)s"),
            params={"count": len(errors), "lines": lines},
        )


def parse_files(
    named_contents: Iterable[tuple[str, bytes | str]], *, skip_duplicates: bool = False
) -> list[ImportFile]:
    """Parse word-list files; raise ImportRejected listing every bad line of every file.

    With skip_duplicates, terms that repeat one of their category after normalisation (in one
    file) are left out and listed in each file's ``skipped`` instead of rejecting the import."""
    known = category_names()
    files: list[ImportFile] = []
    errors: list[tuple[str, int, str]] = []
    for source, content in named_contents:
        skipped: list[tuple[int, str]] | None = [] if skip_duplicates else None
        try:
            parsed = read_numbered_entries(
                content, source=source, known_categories=known, skipped=skipped
            )
        except WordlistError as error:
            errors.extend((source, line, message) for line, message in error.errors)
            continue
        errors.extend((source, line, problem) for line, problem in _example_problems(parsed))
        files.append(ImportFile(source, parsed, skipped or []))
    errors.extend(_cross_file_duplicates(files))
    if errors:
        raise ImportRejected(errors)
    return files


def _example_problems(parsed: list[tuple[int, Entry]]) -> list[tuple[int, str]]:
    """Check every entry's must-hit and must-pass examples; (line, problem) for each failure."""
    return [
        (line, problem)
        for line, entry in parsed
        if entry.examples_hit or entry.examples_pass
        for problem in verify_examples(None, entry)
    ]


def _cross_file_duplicates(files: list[ImportFile]) -> list[tuple[str, int, str]]:
    """The same (category, term) in two files."""
    seen: dict[tuple[str, str], str] = {}
    errors: list[tuple[str, int, str]] = []
    for file in files:
        for line, entry in file.entries:
            key = (entry.category, entry.term)
            if key in seen and seen[key] != file.source:
                again = MessageId(
                    N_("词条“%(term)s”已在 %(file)s 中出现"), term=entry.term, file=seen[key]
                )
                errors.append((file.source, line, again))
            seen.setdefault(key, file.source)
    return errors


def plan_import(files: list[ImportFile]) -> ChangeSet:
    """Compare imported entries with the current lexicon, within the imported categories."""
    incoming = {(e.category, e.term): e for file in files for _line, e in file.entries}
    scope = {category for category, _term in incoming}
    current = db.session.scalars(rows_at().where(LexiconEntry.category.in_(scope))).all()
    existing = {(row.category, row.term): row for row in current}
    changed, unchanged = [], 0
    for key, entry in incoming.items():
        row = existing.get(key)
        if row is None:
            continue
        if row.enabled and entry_values(row.to_entry()) == entry_values(entry):
            unchanged += 1
        else:
            changed.append((stable_id(row), entry, True))
    added = [entry for key, entry in incoming.items() if key not in existing]
    removed = [stable_id(row) for key, row in existing.items() if key not in incoming]
    skipped = [(file.source, line, why) for file in files for line, why in file.skipped]
    return ChangeSet(added, changed, removed, unchanged, latest_version(), skipped)


def commit_changes(
    changes: ChangeSet,
    *,
    author: User | None,
    reason: str,
    kind: str,
    rollback_of: int | None = None,
    progress: Progress | None = None,
    before_commit: Callable[[LexiconVersion], object] | None = None,
) -> LexiconVersion:
    """Write a change set as a new lexicon version in one transaction and audit it.

    ``before_commit`` runs in the same transaction, right before the commit: the flags and
    notices of app.lexicon.changes.apply_changes, the one way every change is saved.
    """
    if not reason.strip():
        raise InvalidInput(N_("请填写修改原因。"))
    _lock_lexicon()
    if latest_version() != changes.base_version:
        raise Conflict(N_("词库在你预览之后已被他人修改，请重新预览后再保存。"))
    version = LexiconVersion(
        author_id=author.id if author else None,
        reason=reason.strip(),
        kind=kind,
        rollback_of=rollback_of,
        added=len(changes.added),
        changed=len(changes.changed),
        removed=len(changes.removed),
    )
    db.session.add(version)
    db.session.flush()
    _close_rows([eid for eid, _e, _on in changes.changed] + list(changes.removed), version.id)
    _open_rows(changes, version.id, progress)
    version.entry_count = db.session.execute(
        select(func.count()).select_from(rows_at(enabled_only=True).subquery())
    ).scalar_one()
    record(author, f"lexicon_{kind}", version, reason=reason.strip(), details=_summary(changes))
    _announce(version)
    if before_commit is not None:
        before_commit(version)
    db.session.commit()
    _refresh_this_process()
    return version


def _announce(version: LexiconVersion) -> None:
    """Tell legal and the managers (in the app and per the routing settings) about a new version."""
    text = Words.of(
        "wordlist_changed.text",
        added=version.added or 0,
        changed=version.changed or 0,
        removed=version.removed or 0,
        entries=version.entry_count or 0,
        reason=version.reason or "",
    )
    notify(
        users_with_roles(Role.LEGAL, Role.MANAGER),
        "wordlist_changed",
        Words.of("wordlist_changed", version=version.id),
        text=text,
        url="/lexicon/versions",
    )


def _refresh_this_process() -> None:
    """Make this process's checks use the new version at once (others follow within 1 s)."""
    from app.checks.current import invalidate

    invalidate()


def _lock_lexicon() -> None:
    """Serialise lexicon writers (PostgreSQL advisory lock; SQLite has one writer anyway)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(4242001)"))


def _close_rows(entry_ids: list[int], version: int) -> None:
    """End the current rows of the given entries at `version`."""
    for start in range(0, len(entry_ids), CHUNK):
        chunk = entry_ids[start : start + CHUNK]
        db.session.execute(
            update(LexiconEntry)
            .where(LexiconEntry.entry_id.in_(chunk), LexiconEntry.valid_to.is_(None))
            .values(valid_to=version)
        )


def _open_rows(changes: ChangeSet, version: int, progress: Progress | None) -> None:
    """Insert the new rows of changed and added entries; new entries get their stable id."""
    rows = [
        {**entry_values(entry), "entry_id": eid, "enabled": enabled, "valid_from": version}
        for eid, entry, enabled in changes.changed
    ]
    rows += [
        {**entry_values(entry), "entry_id": None, "enabled": True, "valid_from": version}
        for entry in changes.added
    ]
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(LexiconEntry), rows[start : start + CHUNK])
        if progress:
            progress(min(start + CHUNK, len(rows)), len(rows))
    db.session.execute(
        update(LexiconEntry)
        .where(LexiconEntry.entry_id.is_(None))
        .values(entry_id=LexiconEntry.id)
        .execution_options(synchronize_session=False)
    )


def _summary(changes: ChangeSet) -> dict[str, int]:
    """Counts for the audit log."""
    return {
        "added": len(changes.added),
        "changed": len(changes.changed),
        "removed": len(changes.removed),
        "unchanged": changes.unchanged,
    }


def export_version(directory: Path, version: int | None = None) -> list[Path]:
    """Write one CSV per category of `version` (default: current) into `directory`."""
    by_category: dict[str, list[Entry]] = {}
    for entry in entries_at(version):
        by_category.setdefault(entry.category, []).append(entry)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for category, entries in sorted(by_category.items()):
        path = directory / f"{category}.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            write_entries(entries, file)
        written.append(path)
    return written
