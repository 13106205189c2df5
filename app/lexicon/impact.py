"""What a word-list change would do to the pieces in the pipeline, before it is saved.

Entries never interact (each has its own contexts and channel scope), so a change can only alter
a piece's hits from the changed entries. Every piece is scanned with two tiny lexicons — the
changed entries as they are and as they would be — and only pieces where either hits get a full
check. A one-entry change over 10,000 pieces is therefore a fast scan, not 20,000 full checks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select

from app.audit import record
from app.checks.current import current_lexicon
from app.checks.reporting import VERDICT_LABELS, verdict_rank
from app.checks.services import check_with
from app.checks.store import states_at
from app.compliance import Entry, Hit, Lexicon, build_lexicon
from app.compliance.model import verdict_for
from app.extensions import db
from app.lexicon.services import ChangeSet, Progress
from app.models import (
    Channel,
    Decision,
    LexiconVersion,
    Piece,
    ReviewDecision,
    Revision,
    User,
)
from app.models.lexicon import entry_values
from app.notifications.events import Words
from app.notifications.services import notify
from app.workflow import Status

IMPACT_STATES = (Status.DRAFT, Status.IN_REVIEW, Status.APPROVED, Status.SCHEDULED)
PAGE = 500  # pieces read at a time by the impact scan (one progress step each)
FLAGGED = verdict_rank("review")


@dataclass(frozen=True)
class PieceImpact:
    """One piece whose verdict the change would alter."""

    piece_id: int
    title: str
    status: str
    before: str
    after: str

    @property
    def label(self) -> str:
        """“需人工审核 → 禁止发布”."""
        return f"{VERDICT_LABELS[self.before]} → {VERDICT_LABELS[self.after]}"


@dataclass
class Impact:
    """Pieces newly flagged, no longer flagged, or flagged differently, by pipeline state."""

    scanned: int = 0
    newly_flagged: list[PieceImpact] = field(default_factory=list)
    no_longer_flagged: list[PieceImpact] = field(default_factory=list)
    otherwise_changed: list[PieceImpact] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Pieces whose verdict changes."""
        return len(self.newly_flagged) + len(self.no_longer_flagged) + len(self.otherwise_changed)

    def counts(self) -> dict[str, dict[str, int]]:
        """{group: {status: count}} for the summary table."""
        groups = {
            "newly_flagged": self.newly_flagged,
            "no_longer_flagged": self.no_longer_flagged,
            "otherwise_changed": self.otherwise_changed,
        }
        return {
            name: {s.value: sum(p.status == s.value for p in items) for s in IMPACT_STATES}
            for name, items in groups.items()
        }

    def newly_blocked_live(self) -> list[PieceImpact]:
        """Approved or scheduled pieces that the change gives a block verdict."""
        live = (Status.APPROVED.value, Status.SCHEDULED.value)
        changed = self.newly_flagged + self.otherwise_changed
        return [p for p in changed if p.status in live and p.after == "block" != p.before]


@dataclass(frozen=True)
class _Text:
    piece_id: int
    status: str
    title: str
    summary: str
    body: str
    kind: str | None


def _tiny(entries: list[Entry], allow_list: tuple[str, ...]) -> Lexicon:
    return build_lexicon(entries, version=0, allow_list=allow_list)


def _changed_entries(changes: ChangeSet) -> tuple[list[Entry], list[Entry], set[int]]:
    """(entries as they are, entries as they would be, entry ids touched)."""
    ids = [eid for eid, _entry, _on in changes.changed] + list(changes.removed)
    before = [state.entry for state in states_at(None, ids).values() if state.enabled]
    after = [replace(entry, id=eid) for eid, entry, enabled in changes.changed if enabled]
    after += [replace(entry, id=-1) for entry in changes.added]  # not saved yet: no id
    return before, after, set(ids)


def _texts(progress: Progress | None = None) -> Iterator[_Text]:
    """The current revision of every piece the preview covers, a page of PAGE pieces at a time.

    Each page is read to its end before the next one (by id), so no read stays open between
    pages: on SQLite another connection may write there — ``progress`` (pieces read, pieces to
    read) is called after each page, and the import's progress row is written at those moments.
    """
    kinds = dict(db.session.execute(select(Channel.code, Channel.kind)).all())
    covered = Piece.status.in_([s.value for s in IMPACT_STATES])
    total = db.session.scalar(select(func.count()).select_from(Piece).where(covered)) or 0
    query = (
        select(
            Piece.id,
            Piece.status,
            Revision.title,
            Revision.summary,
            Revision.body,
            Revision.channel_code,
        )
        .join(Revision, Revision.id == Piece.current_revision_id)
        .where(covered)
        .order_by(Piece.id)
        .limit(PAGE)
    )
    read, last = 0, 0
    while True:
        rows = db.session.execute(query.where(Piece.id > last)).all()
        for pid, status, title, summary, body, code in rows:
            yield _Text(pid, status, title, summary, body, kinds.get(code))
        read, last = read + len(rows), rows[-1][0] if rows else last
        if progress is not None:
            progress(read, max(total, read))
        if len(rows) < PAGE:
            return


def _entry_hits(lexicon: Lexicon, text: _Text) -> list[Hit]:
    """Hits of word-list entries only (no PII) of one piece."""
    report = check_with(lexicon, text.title, text.summary, text.body, text.kind)
    return [hit for hit in report.hits if hit.entry_id is not None]  # PII hits have no entry


def preview_impact(changes: ChangeSet, progress: Progress | None = None) -> Impact:
    """Which pieces in draft, review, approved or scheduled would change verdict; ``progress``
    hears (pieces checked, pieces to check) page by page."""
    before, after, touched = _changed_entries(changes)
    full = current_lexicon()
    old_tiny, new_tiny = _tiny(before, full.allow_list), _tiny(after, full.allow_list)
    impact = Impact()
    for text in _texts(progress):
        impact.scanned += 1
        old_hits, new_hits = _entry_hits(old_tiny, text), _entry_hits(new_tiny, text)
        if not old_hits and not new_hits:
            continue
        now = check_with(full, text.title, text.summary, text.body, text.kind)
        kept = [hit for hit in now.hits if hit.entry_id not in touched]
        _classify(impact, text, now.verdict, verdict_for([*kept, *new_hits]))
    return impact


def _classify(impact: Impact, text: _Text, before: str, after: str) -> None:
    if before == after:
        return
    item = PieceImpact(text.piece_id, text.title, text.status, before, after)
    was, will = verdict_rank(before) >= FLAGGED, verdict_rank(after) >= FLAGGED
    if will and not was:
        impact.newly_flagged.append(item)
    elif was and not will:
        impact.no_longer_flagged.append(item)
    else:
        impact.otherwise_changed.append(item)


def flag_newly_blocked(impact: Impact, version: LexiconVersion, author: User | None) -> int:
    """Mark approved/scheduled pieces the new version blocks and tell their reviewer; lift the
    mark from pieces the new version no longer blocks (no commit: it is part of the change's
    transaction, app.lexicon.changes.apply_changes)."""
    _lift_flags(impact, version, author)
    flagged = 0
    for item in impact.newly_blocked_live():
        piece = db.session.get(Piece, item.piece_id)
        if piece is None:
            continue
        flag = Words.of("compliance_flag.text", version=version.id)
        piece.compliance_flag = str(flag)
        record(
            author,
            "piece.compliance_flag",
            piece,
            reason=version.reason,
            details={"lexicon_version": version.id},
        )
        notify(
            _approvers(piece),
            "compliance_flag",
            Words.of("compliance_flag", piece=item.title),
            text=flag,
            url=f"/review/{piece.id}",
            piece=piece,
        )
        flagged += 1
    return flagged


def _lift_flags(impact: Impact, version: LexiconVersion, author: User | None) -> None:
    """Pieces whose block hit the new version removes lose their compliance flag."""
    for item in impact.no_longer_flagged + impact.otherwise_changed:
        if item.before != "block" or item.after == "block":
            continue
        piece = db.session.get(Piece, item.piece_id)
        if piece is not None and piece.compliance_flag:
            piece.compliance_flag = ""
            record(
                author,
                "piece.compliance_flag_lifted",
                piece,
                reason=version.reason,
                details={"lexicon_version": version.id},
            )


def _approvers(piece: Piece) -> list[User]:
    """The reviewers who approved the piece (latest first)."""
    query = (
        select(ReviewDecision)
        .where(
            ReviewDecision.piece_id == piece.id, ReviewDecision.decision == Decision.APPROVE.value
        )
        .order_by(ReviewDecision.id.desc())
    )
    return [decision.reviewer for decision in db.session.scalars(query)]


def preview_token(changes: ChangeSet) -> str:
    """A fingerprint of a change set: a save must carry the one its impact preview showed."""
    payload = {
        "base": changes.base_version,
        "added": [entry_values(e) for e in changes.added],
        "changed": [[eid, entry_values(e), on] for eid, e, on in changes.changed],
        "removed": list(changes.removed),
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
