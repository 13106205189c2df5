"""Browser imports of word lists: staged upload, preview, then an atomic apply in the background.

An upload is parsed and planned at once; its files, the planned change set and a preview summary
(counts, samples, impact) are kept under ``UPLOAD_FOLDER/lexicon-imports/<token>/``. Confirming
queues a job (``lexicon_import_job``) that a worker runs (``run_imports``, every worker pass):
exactly that stored change set, through the one path of every word-list change
(``app.lexicon.changes.apply_changes``: version, flags and notices in one transaction; a change
set whose base version is no longer the latest is refused). Its progress is on the job row, so
any web process answers the progress page, and a web restart loses nothing; a worker that dies
mid-import leaves nothing half-done and another runs the job again after ``IMPORT_LEASE``.
The staged files must be on storage the workers share with the web processes.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from app.checks.store import latest_version, states_at
from app.compliance import Entry
from app.compliance.wordlist_csv import LIST_FIELDS
from app.errors import N_, Conflict, DomainError, InvalidInput, NotFound
from app.extensions import db, rowcount
from app.lexicon.changes import apply_changes
from app.lexicon.impact import Impact, PieceImpact, preview_impact
from app.lexicon.services import ChangeSet, Progress, plan_import
from app.lexicon.spreadsheets import ZIP_MAGIC, parse_uploads
from app.models import LexiconImportJob, User, VersionKind, utcnow
from app.models.lexicon import entry_values
from app.runtime import worker_id

log = logging.getLogger(__name__)
IMPORTS = "lexicon-imports"
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
SAMPLE = 200  # entries of each kind listed on the preview page
KEEP_FOR = timedelta(days=7)
PHASES = {
    "queued": _l("排队中"),
    "impact": _l("计算对稿件的影响"),
    "write": _l("写入词条"),
    "flag": _l("标记受影响的已通过/已排期稿件"),
    "done": _l("已完成"),
    "failed": _l("失败"),
}
IMPORT_LEASE = timedelta(minutes=30)  # a worker that dies mid-import: another runs it after this


@dataclass
class Pending:
    """One staged import: its folder and what was recorded when it was uploaded."""

    token: str
    folder: Path
    meta: dict[str, Any]

    def read(self, name: str) -> Any:
        """A JSON file of the import."""
        return json.loads((self.folder / name).read_text(encoding="utf-8"))

    @property
    def started(self) -> bool:
        """True once someone confirmed it (its job is queued, running or finished)."""
        return db.session.get(LexiconImportJob, self.token) is not None


def imports_root() -> Path:
    """The folder holding staged imports."""
    return Path(current_app.config["UPLOAD_FOLDER"]) / IMPORTS


def _write_json(path: Path, data: Any) -> None:
    """Write JSON atomically (readers never see half a file)."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


# ---------------------------------------------------------------------------- staging


def stage_import(
    owner: User, uploads: list[tuple[str, bytes]], *, skip_duplicates: bool = False
) -> Pending:
    """Parse and plan an upload, store it with its preview; ImportRejected if any line is bad."""
    _prune_old()
    folder = imports_root() / secrets.token_urlsafe(24)
    (folder / "files").mkdir(parents=True)
    files = []
    for index, (name, data) in enumerate(uploads):
        kind = "xlsx" if data.startswith(ZIP_MAGIC) else "csv"
        stored = f"{index:02d}.{kind}"
        (folder / "files" / stored).write_bytes(data)
        files.append({"name": name, "format": kind, "size": len(data), "stored": stored})
    meta = {
        "owner_id": owner.id,
        "created_at": datetime.now(UTC).isoformat(),
        "files": files,
        "skip_duplicates": skip_duplicates,
    }
    pending = Pending(folder.name, folder, meta)
    try:
        _plan(pending)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return pending


def _uploads(pending: Pending) -> list[tuple[str, bytes]]:
    """The stored files with their original names."""
    files = pending.folder / "files"
    return [(f["name"], (files / f["stored"]).read_bytes()) for f in pending.meta["files"]]


def _plan(pending: Pending) -> None:
    """Parse the stored files, plan the change, preview its impact and store all three."""
    files = parse_uploads(
        _uploads(pending), skip_duplicates=bool(pending.meta.get("skip_duplicates"))
    )
    changes = plan_import(files)
    impact = preview_impact(changes) if not changes.empty else Impact()
    categories = sorted({entry.category for file in files for _line, entry in file.entries})
    pending.meta.update(base_version=changes.base_version, categories=categories)
    pending.meta["planned_at"] = datetime.now(UTC).isoformat()
    _write_json(pending.folder / "changes.json", _changes_to_json(changes))
    _write_json(pending.folder / "preview.json", _preview(changes, impact))
    _write_json(pending.folder / "meta.json", pending.meta)


def replan(pending: Pending) -> None:
    """Preview the stored files again against the current lexicon (after a conflict)."""
    if pending.started:
        raise Conflict(N_("这次导入已经确认过，不能再重新预览。"))
    _plan(pending)


def load_pending(token: str, user: User) -> Pending:
    """A staged import of `user`, or NotFound (also for other users' imports)."""
    folder = imports_root() / token
    if not TOKEN.fullmatch(token) or not (folder / "meta.json").is_file():
        raise NotFound(N_("找不到这次导入，可能已过期被清理。请重新上传文件。"))
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if meta.get("owner_id") != user.id:
        raise NotFound(N_("找不到这次导入，可能已过期被清理。请重新上传文件。"))
    return Pending(token, folder, meta)


def _prune_old() -> None:
    """Delete staged imports older than KEEP_FOR (finished or never confirmed)."""
    root = imports_root()
    if not root.is_dir():
        return
    cutoff = time.time() - KEEP_FOR.total_seconds()
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff and not _running(folder.name):
            shutil.rmtree(folder, ignore_errors=True)


def _running(token: str) -> bool:
    job = db.session.get(LexiconImportJob, token)
    return job is not None and job.state in ("queued", "running")


# ---------------------------------------------------------------------------- change sets


def _changes_to_json(changes: ChangeSet) -> dict[str, Any]:
    """A change set as JSON."""
    return {
        "base_version": changes.base_version,
        "unchanged": changes.unchanged,
        "added": [entry_values(entry) for entry in changes.added],
        "changed": [[eid, entry_values(entry), on] for eid, entry, on in changes.changed],
        "removed": list(changes.removed),
    }


def _entry(values: dict[str, Any]) -> Entry:
    """An engine entry from stored column values."""
    fields: dict[str, Any] = {k: tuple(v) if k in LIST_FIELDS else v for k, v in values.items()}
    return Entry(**fields)


def load_changes(pending: Pending) -> ChangeSet:
    """The change set planned when the import was previewed."""
    data = pending.read("changes.json")
    return ChangeSet(
        added=[_entry(values) for values in data["added"]],
        changed=[(eid, _entry(values), on) for eid, values, on in data["changed"]],
        removed=data["removed"],
        unchanged=data["unchanged"],
        base_version=data["base_version"],
    )


def _preview(changes: ChangeSet, impact: Impact) -> dict[str, Any]:
    """What the preview page shows: counts, samples of each kind of change, the impact."""
    touched = [eid for eid, _e, _on in changes.changed[:SAMPLE]] + list(changes.removed[:SAMPLE])
    before = states_at(None, touched)
    changed = []
    for eid, entry, on in changes.changed[:SAMPLE]:
        old = before[eid].values()
        new = {**entry_values(entry), "enabled": on}
        fields = [name for name in new if old.get(name) != new[name]]
        changed.append({"entry_id": eid, **_brief(entry), "fields": fields})
    removed = [
        {"entry_id": eid, **_brief(before[eid].entry), "enabled": before[eid].enabled}
        for eid in changes.removed[:SAMPLE]
        if eid in before
    ]
    return {
        "counts": {
            "added": len(changes.added),
            "changed": len(changes.changed),
            "removed": len(changes.removed),
            "unchanged": changes.unchanged,
        },
        "added": [_brief(entry) for entry in changes.added[:SAMPLE]],
        "changed": changed,
        "removed": removed,
        "impact": _impact_to_json(impact),
        "skipped": [list(item) for item in changes.skipped[:SAMPLE]],
        "skipped_count": len(changes.skipped),
    }


def _brief(entry: Entry) -> dict[str, str]:
    """The fields a preview row shows."""
    return {"term": entry.term, "category": entry.category, "severity": entry.severity}


def _impact_to_json(impact: Impact) -> dict[str, Any]:
    """An impact preview as JSON (every piece: at most the pieces in the pipeline)."""
    groups = ("newly_flagged", "no_longer_flagged", "otherwise_changed")
    return {
        "scanned": impact.scanned,
        **{name: [asdict(item) for item in getattr(impact, name)] for name in groups},
    }


def load_impact(pending: Pending) -> Impact:
    """The impact preview computed when the import was previewed."""
    data = pending.read("preview.json")["impact"]
    return Impact(
        scanned=data["scanned"],
        newly_flagged=[PieceImpact(**item) for item in data["newly_flagged"]],
        no_longer_flagged=[PieceImpact(**item) for item in data["no_longer_flagged"]],
        otherwise_changed=[PieceImpact(**item) for item in data["otherwise_changed"]],
    )


# ---------------------------------------------------------------------------- applying


def start_apply(pending: Pending, author: User, reason: str, planned_at: str | None) -> None:
    """Check the confirmation and queue the stored change set for a worker (committed).

    `planned_at` is the preview the person saw (from the form): a preview recomputed since, in
    another tab, must be looked at before it can be applied.
    """
    if not reason.strip():
        raise InvalidInput(N_("请填写导入原因（会记录在词库版本历史中）。"))
    if planned_at is not None and planned_at != pending.meta["planned_at"]:
        raise Conflict(N_("预览已在别处重新计算过，请查看最新的预览后再确认导入。"))
    base, current = pending.meta["base_version"], latest_version()
    if current != base:
        raise Conflict(
            N_(
                "词库在你预览之后已被修改（预览基于版本 %(base)s，当前是版本 %(current)s），"
                "请重新预览后再确认导入。"
            ),
            params={"base": base, "current": current},
        )
    counts = pending.read("preview.json")["counts"]
    if not (counts["added"] or counts["changed"] or counts["removed"]):
        raise InvalidInput(N_("文件与当前词库完全相同，没有需要导入的改动。"))
    job = LexiconImportJob(token=pending.token, author_id=author.id, reason=reason.strip())
    try:
        with db.session.begin_nested():
            db.session.add(job)
    except IntegrityError:
        return  # confirmed twice (a double click): the first confirmation is queued
    db.session.commit()


def run_imports(now: datetime | None = None, *, limit: int = 5) -> int:
    """Run queued imports (and those whose worker died) in this process; how many finished.

    Called by every worker pass; the claim is a conditional UPDATE, so one worker runs each.
    """
    finished = 0
    for _ in range(limit):
        at = now or utcnow()
        token = db.session.scalar(
            select(LexiconImportJob.token)
            .where(*_runnable(at))
            .order_by(LexiconImportJob.created_at)
            .limit(1)
        )
        db.session.rollback()
        if token is None:
            break
        claimed = db.session.execute(
            update(LexiconImportJob)
            .where(LexiconImportJob.token == token, *_runnable(at))
            .values(
                state="running",
                phase="impact",
                lease_owner=worker_id(),
                lease_expires_at=at + IMPORT_LEASE,
                attempts=LexiconImportJob.attempts + 1,
                updated_at=at,
            )
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        if rowcount(claimed) == 1:
            _apply(token)
            finished += 1
    return finished


def _runnable(at: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        or_(
            LexiconImportJob.state == "queued",
            and_(LexiconImportJob.state == "running", LexiconImportJob.lease_expires_at < at),
        ),
    )


def _apply(token: str) -> None:
    """Run one claimed import: impact, one-transaction commit with flags and notices."""
    # the row was just claimed by this worker
    job: LexiconImportJob = db.session.get(LexiconImportJob, token)  # type: ignore[assignment]
    folder = imports_root() / token
    version_id = None
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        pending = Pending(token, folder, meta)
        changes = load_changes(pending)
        author = db.session.get(User, job.author_id) if job.author_id else None
        rows = len(changes.added) + len(changes.changed)
        applied = apply_changes(
            changes,
            author=author,
            reason=job.reason,
            kind=VersionKind.IMPORT,
            progress=_progress_writer(token),
            scanning=_scan_writer(token, rows),
        )
        version_id = applied.version.id
        flagged = applied.flagged
        _finish(token, "done", version_id=version_id, done=rows, total=rows, flagged=flagged)
    except Exception as error:  # noqa: BLE001  the job must always record how it ended
        db.session.rollback()
        _finish(token, "failed", version_id=version_id, message=_failure(error, version_id))


def _finish(token: str, state: str, **values: Any) -> None:
    db.session.execute(
        update(LexiconImportJob)
        .where(LexiconImportJob.token == token)
        .values(state=state, phase=state, lease_owner=None, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _record(token: str, phase: str, done: int, total: int) -> None:
    """Write the job's progress on a connection of its own (committed at once): the import's
    own transaction is still open, and other processes read progress."""
    with db.engine.begin() as connection:
        connection.execute(
            update(LexiconImportJob)
            .where(LexiconImportJob.token == token)
            .values(phase=phase, done=done, total=total, updated_at=utcnow())
        )


def _scan_writer(token: str, rows: int) -> Progress:
    """The impact scan's progress callback: pieces checked of pieces to check, page by page.

    Nothing is written yet, so this works on SQLite too. There the rows' write that follows
    holds the database's one write lock until the commit, so the row says "writing `rows`
    rows" from the end of the scan to the end of the import.
    """
    sqlite = db.engine.dialect.name == "sqlite"

    def write(done: int, total: int) -> None:
        _record(token, "impact", done, total)
        if sqlite and done >= total:
            _record(token, "write", 0, rows)

    return write


def _progress_writer(token: str) -> Progress | None:
    """The rows' progress callback (done, total), called inside the import's transaction.

    None on SQLite (see _scan_writer); PostgreSQL shows the rows as they are written.
    """
    if db.engine.dialect.name == "sqlite":
        return None
    return lambda done, total: _record(token, "write", done, total)


def _failure(error: Exception, version_id: int | None) -> str:
    """The Chinese message of a failed import."""
    if isinstance(error, DomainError):
        return str(error) + "（词库没有任何改动。）"  # str: Chinese, as stored
    log.exception("lexicon import failed")
    return "导入失败（服务器内部错误），词库没有任何改动。请稍后重试或联系管理员。"


def progress(pending: Pending) -> dict[str, Any]:
    """Where the import stands: pending, queued, running (done/total), done (version) or failed."""
    job = db.session.get(LexiconImportJob, pending.token, populate_existing=True)
    if job is None:
        return {"state": "pending", "phase": "pending", "done": 0, "total": 0}
    state = {
        "state": "running" if job.state in ("queued", "running") else job.state,
        "phase": job.phase,
        "done": job.done,
        "total": job.total,
        "at": job.updated_at.timestamp(),
    }
    if job.version_id is not None:
        state["version"] = job.version_id
    if job.state == "done":
        state["flagged"] = job.flagged
    if job.message:
        state["message"] = job.message
    return state


def wait(token: str, timeout: float = 120.0) -> None:
    """Run the queued import of `token` now, in this process (tests, CLI); a worker would."""
    del timeout  # kept for callers written for the thread
    run_imports()
