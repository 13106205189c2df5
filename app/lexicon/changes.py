"""One path for every word-list change: browser edits, browser and CLI imports, rollbacks.

``apply_changes`` computes which pieces the change affects, writes the new version, flags the
approved and scheduled pieces it newly blocks (and lifts flags it no longer justifies) and queues
the notices — the version's announcement and each flagged piece's reviewer — all in ONE
transaction: either the version exists with its flags and notices, or nothing does. Whoever
changes the lists (legal in the browser, an operator's ``flask wordlists import``, a rollback, the
demo loader) gets the same flags and the same notices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from app.checks.store import latest_version
from app.errors import N_, InvalidInput
from app.lexicon.impact import Impact, flag_newly_blocked, preview_impact
from app.lexicon.services import ChangeSet, Progress, commit_changes, parse_files, plan_import
from app.models import LexiconVersion, User, VersionKind


@dataclass(frozen=True)
class Applied:
    """A saved change: its version, what it did to the pipeline and how many pieces it flagged."""

    version: LexiconVersion
    impact: Impact
    flagged: int


def apply_changes(
    changes: ChangeSet,
    *,
    author: User | None,
    reason: str,
    kind: str,
    rollback_of: int | None = None,
    progress: Progress | None = None,
    scanning: Progress | None = None,
) -> Applied:
    """Save a change set as a new version with its flags and notices, in one transaction.

    ``scanning`` hears the impact scan (pieces checked, to check), before anything is written;
    ``progress`` the rows written (done, total), inside the transaction.
    """
    if changes.empty:
        raise InvalidInput(N_("没有任何改动，未创建新版本。"))
    impact = preview_impact(changes, scanning)
    flagged: list[int] = []

    def flag(version: LexiconVersion) -> None:
        flagged.append(flag_newly_blocked(impact, version, author))

    version = commit_changes(
        changes,
        author=author,
        reason=reason,
        kind=kind,
        rollback_of=rollback_of,
        progress=progress,
        before_commit=flag,
    )
    return Applied(version, impact, sum(flagged))


def import_files(
    paths: Sequence[Path],
    *,
    author: User | None,
    reason: str,
    progress: Progress | None = None,
    skip_duplicates: bool = False,
) -> tuple[Applied | None, ChangeSet]:
    """Import word-list CSV files as one new version; None when nothing would change.

    With skip_duplicates, duplicates after normalisation are left out (``ChangeSet.skipped``)."""
    files = parse_files(
        ((path.name, path.read_bytes()) for path in paths), skip_duplicates=skip_duplicates
    )
    changes = plan_import(files)
    if changes.empty:
        return None, changes
    applied = apply_changes(
        changes, author=author, reason=reason, kind=VersionKind.IMPORT, progress=progress
    )
    return applied, changes


def import_defaults_if_empty(author: User | None = None) -> LexiconVersion | None:
    """Import the shipped word lists from WORDLISTS_DIR when the database has no lexicon yet."""
    if latest_version() != 0:
        return None
    paths = sorted(Path(current_app.config["WORDLISTS_DIR"]).glob("*.csv"))
    applied, _changes = import_files(paths, author=author, reason="载入随产品提供的默认词库")
    return applied.version if applied else None
