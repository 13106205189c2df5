"""Lexicon versions: history, field-by-field diff between any two versions, and rollback.

Only entries touched between two versions are read (rows opened or closed in between), so a
diff or rollback costs in proportion to what changed, not to the 64k entries of the lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select

from app.checks.store import EntryState, latest_version, states_at, touched_between
from app.errors import N_, InvalidInput, NotFound
from app.extensions import db
from app.lexicon.services import ChangeSet
from app.models import LexiconVersion, User, VersionKind
from app.models.lexicon import ENTRY_FIELDS


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
        raise NotFound(N_("词库版本 %(version_id)s 不存在。"), params={"version_id": version_id})
    return version


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
        raise InvalidInput(N_("只能回滚到比当前更早的版本。"))
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
        raise InvalidInput(
            N_("当前词库与版本 %(target)s 相同，无需回滚。"), params={"target": target}
        )
    from app.lexicon.editing import save_changes  # editing → impact → versions

    version, _impact = save_changes(
        changes, author=author, reason=reason, kind=VersionKind.ROLLBACK, rollback_of=target
    )
    return version
