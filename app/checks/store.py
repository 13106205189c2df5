"""The stored word lists, read side: versions and the entries that make up each one.

Every reader of the lexicon goes through here: the per-process current lexicon
(app.checks.current), the word-list editor, diffs and rollbacks (app.lexicon). Writing new
versions belongs to app.lexicon.services.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, String, and_, cast, func, or_, select

from app.compliance import Entry
from app.extensions import db
from app.models import Category, LexiconEntry, LexiconVersion
from app.models.lexicon import ENTRY_FIELDS, LIST_FIELDS, entry_values

CHUNK = 2_000  # ids per IN (…) list


def latest_version() -> int:
    """The newest lexicon version number, 0 when nothing was ever imported."""
    return db.session.scalar(select(func.max(LexiconVersion.id))) or 0


def rows_at(version: int | None = None, *, enabled_only: bool = False) -> Select[LexiconEntry]:
    """A select of the entry rows that make up `version` (the current one when None)."""
    query = select(LexiconEntry)
    if version is None:
        query = query.where(LexiconEntry.valid_to.is_(None))
    else:
        query = query.where(
            LexiconEntry.valid_from <= version,
            or_(LexiconEntry.valid_to.is_(None), LexiconEntry.valid_to > version),
        )
    if enabled_only:
        query = query.where(LexiconEntry.enabled.is_(True))
    return query.order_by(LexiconEntry.category, LexiconEntry.term, LexiconEntry.entry_id)


def stable_id(row: LexiconEntry) -> int:
    """A stored row's entry id: only a row being inserted by commit_changes is without one."""
    assert row.entry_id is not None
    return row.entry_id


_ENTRY_COLUMNS = (
    *(
        cast(getattr(LexiconEntry, name), String)
        if name in LIST_FIELDS
        else getattr(LexiconEntry, name)
        for name in ENTRY_FIELDS
    ),
    LexiconEntry.entry_id,
)


def entries_at(version: int | None = None, *, enabled_only: bool = True) -> list[Entry]:
    """The engine entries of `version` (default: current), enabled ones unless told otherwise."""
    # Plain columns with the JSON lists as text, decoded once per distinct value: 64k entries
    # load in well under a second, which keeps a new version live in every process within 1 s.
    query = rows_at(version, enabled_only=enabled_only).with_only_columns(*_ENTRY_COLUMNS)
    query = query.order_by(None).order_by(LexiconEntry.entry_id)  # sorting by term costs 0.3 s
    decoded: dict[str, tuple[str, ...]] = {"[]": ()}

    def items(raw: str | None) -> tuple[str, ...]:
        if raw is None:
            return ()
        if raw not in decoded:
            decoded[raw] = tuple(json.loads(raw))
        return decoded[raw]

    return [
        Entry(
            term,
            category,
            severity,
            match,
            items(contexts),
            items(channels),
            suggestion,
            basis,
            note,
            items(hit),
            items(passing),
            items(conditions),
            entry_id,
        )
        for (
            term,
            category,
            severity,
            match,
            contexts,
            channels,
            suggestion,
            basis,
            note,
            hit,
            passing,
            conditions,
            entry_id,
        ) in db.session.execute(query)
    ]


@dataclass(frozen=True)
class EntryState:
    """An entry's values and whether it was enabled, at one version."""

    entry: Entry
    enabled: bool

    def values(self) -> dict[str, object]:
        """Every field, for comparisons."""
        return {**entry_values(self.entry), "enabled": self.enabled}


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


def current_rows(entry_ids: Iterable[int]) -> dict[int, LexiconEntry]:
    """The current rows of these entries by entry id (an entry deleted since is missing)."""
    ids = sorted(set(entry_ids))
    found: dict[int, LexiconEntry] = {}
    for start in range(0, len(ids), CHUNK):
        query = rows_at().where(LexiconEntry.entry_id.in_(ids[start : start + CHUNK]))
        found.update((stable_id(row), row) for row in db.session.scalars(query))
    return found


def category_labels() -> dict[str, str]:
    """Each category's label (legal's own words) by its name."""
    return dict(db.session.execute(select(Category.name, Category.label)).all())
