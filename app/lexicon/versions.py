"""Lexicon versions: history, field-by-field diff between any two versions, and rollback.

Only entries touched between two versions are read (rows opened or closed in between), so a
diff or rollback costs in proportion to what changed, not to the 64k entries of the lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import and_, or_, select

from app.compliance import Entry
from app.errors import InvalidInput, NotFound
from app.extensions import db
from app.lexicon.services import CHUNK, ChangeSet, latest_version, rows_at, stable_id
from app.models import LexiconEntry, LexiconVersion, User, VersionKind
from app.models.lexicon import ENTRY_FIELDS, entry_values


@dataclass(frozen=True)
class EntryState:
    """An entry's values and whether it was enabled, at one version."""

    entry: Entry
    enabled: bool

    def values(self) -> dict[str, object]:
        """Every field, for comparisons."""
        return {**entry_values(self.entry), "enabled": self.enabled}


@dataclass
class VersionDiff:
    """What changed from version `old` to version `new`."""

    old: int
    new: int
    added: list[EntryState] = field(default_factory=list)
    removed: list[EntryState] = field(default_factory=list)
    changed: list[tuple[EntryState, EntryState, list[str]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when both versions hold the same entries."""
        return not (self.added or self.removed or self.changed)


def history(page: int = 1, per_page: int = 25) -> Pagination:
    """Versions, newest first, paginated."""
    query = select(LexiconVersion).order_by(LexiconVersion.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def get_version(version_id: int) -> LexiconVersion:
    """A version by number or NotFound."""
    version = db.session.get(LexiconVersion, version_id)
    if version is None:
        raise NotFound(f"词库版本 {version_id} 不存在。")
    return version


def touched_between(low: int, high: int) -> list[int]:
    """Entry ids whose rows were opened or closed in versions (low, high]."""
    opened = and_(LexiconEntry.valid_from > low, LexiconEntry.valid_from <= high)
    closed = and_(LexiconEntry.valid_to > low, LexiconEntry.valid_to <= high)
    query = select(LexiconEntry.entry_id).where(or_(opened, closed)).distinct()
    return [entry_id for entry_id in db.session.scalars(query) if entry_id is not None]


def states_at(version: int | None, entry_ids: list[int]) -> dict[int, EntryState]:
    """The given entries as they stood at `version` (current when None); absent ones omitted."""
    states: dict[int, EntryState] = {}
    for start in range(0, len(entry_ids), CHUNK):
        chunk = entry_ids[start : start + CHUNK]
        rows = db.session.scalars(rows_at(version).where(LexiconEntry.entry_id.in_(chunk)))
        for row in rows:
            states[stable_id(row)] = EntryState(row.to_entry(), row.enabled)
    return states


def diff_versions(old: int, new: int) -> VersionDiff:
    """Entries added, removed and changed (field by field) from version `old` to `new`."""
    for number in (old, new):
        if number != 0:
            get_version(number)
    low, high = sorted((old, new))
    touched = touched_between(low, high)
    before, after = states_at(old, touched), states_at(new, touched)
    diff = VersionDiff(old, new)
    for entry_id in touched:
        was, now = before.get(entry_id), after.get(entry_id)
        if was is None and now is not None:
            diff.added.append(now)
        elif now is None and was is not None:
            diff.removed.append(was)
        elif was is not None and now is not None and was.values() != now.values():
            fields = [
                name
                for name in (*ENTRY_FIELDS, "enabled")
                if was.values()[name] != now.values()[name]
            ]
            diff.changed.append((was, now, fields))
    return diff


def rollback_changes(target: int) -> ChangeSet:
    """The change set that makes the current lexicon equal to version `target` again."""
    current = latest_version()
    if target >= current:
        raise InvalidInput("只能回滚到比当前更早的版本。")
    get_version(target)
    touched = touched_between(target, current)
    then, now = states_at(target, touched), states_at(None, touched)
    changed = [
        (entry_id, state.entry, state.enabled)
        for entry_id, state in then.items()
        if entry_id not in now or now[entry_id].values() != state.values()
    ]
    removed = [entry_id for entry_id in now if entry_id not in then]
    return ChangeSet(changed=changed, removed=removed, base_version=current)


def rollback(author: User | None, target: int, reason: str) -> LexiconVersion:
    """Restore version `target` as a new version (history is never rewritten)."""
    changes = rollback_changes(target)
    if changes.empty:
        raise InvalidInput(f"当前词库与版本 {target} 相同，无需回滚。")
    from app.lexicon.editing import save_changes  # editing → impact → versions

    version, _impact = save_changes(
        changes, author=author, reason=reason, kind=VersionKind.ROLLBACK, rollback_of=target
    )
    return version
