"""Word lists at run time: categories, lexicon versions and versioned entries.

An entry's rows are immutable snapshots: a change closes the current row (``valid_to``) and opens a
new one in the new version, so any version's lexicon is ``valid_from <= v < valid_to`` and a diff
or a rollback is a query, never a copy of 64k rows. ``entry_id`` is the entry's stable identity
across versions (the id of its first row); hits and false-positive reports refer to it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.compliance import MATCH_MODES, SEVERITIES, Entry
from app.compliance.wordlist_csv import HEADER, LIST_FIELDS
from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.models.people import User


def _in_values(column: str, values: tuple[str, ...]) -> str:
    """SQL for a check constraint that keeps `column` inside a tuple of strings."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


# db.Model is created at run time, so mypy cannot use it as a base class: hence the
# `type: ignore[name-defined]` on the model classes of this module.
class Category(db.Model):  # type: ignore[name-defined]
    """A word-list category such as ad_absolute; legal can add more."""

    __tablename__ = "category"
    __table_args__ = (
        CheckConstraint(_in_values("default_severity", SEVERITIES), name="severity_valid"),
    )

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    default_severity: Mapped[str] = mapped_column(String(10), default="review")
    # A hit in this category needs legal's sign-off after the reviewer's (PRODUCT §3).
    requires_legal: Mapped[bool] = mapped_column(default=False)


class VersionKind:
    """How a lexicon version came about."""

    IMPORT = "import"
    EDIT = "edit"
    ROLLBACK = "rollback"


class LexiconVersion(db.Model):  # type: ignore[name-defined]
    """One change to the word lists: who, when, why and how much changed."""

    __tablename__ = "lexicon_version"

    id: Mapped[int] = mapped_column(primary_key=True)  # the version number in every report
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reason: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    rollback_of: Mapped[int | None] = mapped_column(Integer)  # the version a rollback restored
    added: Mapped[int] = mapped_column(default=0)
    changed: Mapped[int] = mapped_column(default=0)
    removed: Mapped[int] = mapped_column(default=0)
    entry_count: Mapped[int] = mapped_column(default=0)

    author: Mapped[User | None] = relationship(lazy="joined")


class LexiconEntry(db.Model):  # type: ignore[name-defined]
    """One entry as it stood from version `valid_from` until (not including) `valid_to`."""

    __tablename__ = "lexicon_entry"
    __table_args__ = (
        CheckConstraint(_in_values("severity", SEVERITIES), name="severity_valid"),
        CheckConstraint(_in_values("match", MATCH_MODES), name="match_valid"),
        Index("ix_lexicon_entry_current", "valid_to", "category"),
        Index("ix_lexicon_entry_valid_from", "valid_from"),
        # /lexicon/'s order over the current entries (issue 16, migration 0016).
        Index(
            "ix_lexicon_entry_current_order",
            "category",
            "term",
            "entry_id",
            postgresql_where=text("valid_to IS NULL"),
            sqlite_where=text("valid_to IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int | None] = mapped_column(Integer, index=True)
    valid_from: Mapped[int] = mapped_column(ForeignKey("lexicon_version.id"))
    valid_to: Mapped[int | None] = mapped_column(ForeignKey("lexicon_version.id"))
    term: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(ForeignKey("category.name"))
    severity: Mapped[str] = mapped_column(String(10))
    match: Mapped[str] = mapped_column(String(10), default="substring")
    allow_contexts: Mapped[list[str]] = mapped_column(JSON, default=list)
    channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    suggestion: Mapped[str] = mapped_column(Text, default="")
    basis: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    examples_hit: Mapped[list[str]] = mapped_column(JSON, default=list)
    examples_pass: Mapped[list[str]] = mapped_column(JSON, default=list)
    # issue 18, migration 0011 (existing rows: no conditions)
    conditions: Mapped[list[str]] = mapped_column(JSON, default=list)
    enabled: Mapped[bool] = mapped_column(default=True)

    def to_entry(self) -> Entry:
        """The engine's frozen entry for this row, carrying the stable entry id."""
        return Entry(
            term=self.term,
            category=self.category,
            severity=self.severity,
            match=self.match,
            allow_contexts=tuple(self.allow_contexts),
            channels=tuple(self.channels),
            suggestion=self.suggestion,
            basis=self.basis,
            note=self.note,
            examples_hit=tuple(self.examples_hit),
            examples_pass=tuple(self.examples_pass),
            conditions=tuple(self.conditions or ()),
            id=self.entry_id,
        )


ENTRY_FIELDS = HEADER  # the columns of the word-list format, in order


def entry_values(entry: Entry) -> dict[str, object]:
    """Column values of an engine entry (lists for the list fields)."""
    return {
        name: list(getattr(entry, name)) if name in LIST_FIELDS else getattr(entry, name)
        for name in ENTRY_FIELDS
    }


class ReportStatus:
    """Where a false-positive report stands."""

    OPEN = "open"
    RESOLVED = "resolved"  # legal changed the entry (a new lexicon version)
    DISMISSED = "dismissed"  # legal kept the entry as it is


class FalsePositiveReport(db.Model):  # type: ignore[name-defined]
    """A reviewer's “误报” on one hit, for legal's inbox."""

    __tablename__ = "false_positive"
    __table_args__ = (Index("ix_false_positive_open", "status", "entry_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(Integer)
    piece_id: Mapped[int | None] = mapped_column(ForeignKey("piece.id", ondelete="SET NULL"))
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id", ondelete="SET NULL"))
    hit: Mapped[dict] = mapped_column(JSON)  # the hit as reported (field, span, text, term …)
    context: Mapped[str] = mapped_column(Text, default="")  # text around the hit
    note: Mapped[str] = mapped_column(Text, default="")
    reporter_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(10), default=ReportStatus.OPEN)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution: Mapped[str] = mapped_column(Text, default="")
    lexicon_version: Mapped[int | None] = mapped_column(Integer)  # the version that resolved it

    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id], lazy="joined")
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])


class HitLog(db.Model):  # type: ignore[name-defined]
    """One hit of one entry in a saved revision: feeds “hits in the last 30 days”."""

    __tablename__ = "hit_log"
    __table_args__ = (
        Index("ix_hit_log_entry_at", "entry_id", "at"),
        # /dashboard's hits of a period per entry, read from the index alone (issue 17, 0015).
        Index("ix_hit_log_at_entry", "at", "entry_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(Integer)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
