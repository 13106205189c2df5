"""Routes for importing and exporting word lists in the browser (CSV and XLSX)."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response as BaseResponse

from app.auth import roles_required
from app.checks.store import latest_version
from app.errors import Conflict, DomainError, error_response, note_page_error, say
from app.lexicon import spreadsheets
from app.lexicon import transfer as imports
from app.lexicon.services import ImportRejected
from app.lexicon.versions import get_version, history
from app.lexicon.views import EDITORS, bp, categories

FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the CSRF field around the files
SHOWN_ERRORS = 1000  # bad lines listed on the page; the total is always given


def _mb(size: int) -> str:
    """A byte size in MB for messages (“10 MB”, “20.0 MB”)."""
    return f"{size / 2**20:g} MB" if size % 2**20 == 0 else f"{size / 2**20:.1f} MB"


def _limit() -> int:
    """The upload limit in bytes."""
    return int(current_app.config["LEXICON_UPLOAD_MAX_BYTES"])


def _transfer_page(status: int = 200, **context: Any) -> tuple[str, int]:
    """The import/export page, with an upload error or rejected lines when given."""
    page = history(request.args.get("page", 1, type=int), 20)
    rejected: ImportRejected | None = context.pop("rejected", None)
    if rejected is not None:
        note_page_error(rejected.message)  # every rejected line, for JSON callers
    return render_template(
        "lexicon/transfer.html",
        versions=page,
        version=latest_version(),
        limit=_mb(_limit()),
        columns=spreadsheets.COLUMN_LABELS,
        categories=categories(),
        errors=[(s, line, say(why)) for s, line, why in rejected.errors[:SHOWN_ERRORS]]
        if rejected
        else [],
        error_count=len(rejected.errors) if rejected else 0,
        **context,
    ), status


def _too_large(size: int | None) -> tuple[str, int]:
    """The page refusing an upload over the limit, naming the limit."""
    actual = _("（本次上传约 %(size)s）", size=_mb(size)) if size else ""
    message = _(
        "文件太大，未导入：上传大小上限为 %(limit)s%(actual)s。"
        "请拆分词表（例如每个类别一个文件）后分别导入。",
        limit=_mb(_limit()),
        actual=actual,
    )
    return _transfer_page(413, upload_error=message)


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error: RequestEntityTooLarge) -> tuple[Response | str, int]:
    """A body over MAX_CONTENT_LENGTH: a clear refusal on the upload page, else the usual 413."""
    editor = current_user.is_authenticated and current_user.has_role(*EDITORS)
    if request.endpoint == "lexicon.upload" and editor:
        return _too_large(request.content_length)
    return error_response(413, _("上传内容超过了大小限制。"))


@bp.get("/transfer")
@roles_required(*EDITORS)
def transfer() -> tuple[str, int]:
    """Upload form and downloads of the current and past versions."""
    return _transfer_page()


@bp.post("/transfer/upload")
@roles_required(*EDITORS)
def upload() -> BaseResponse | tuple[str, int]:
    """Parse and plan an uploaded word list, then show its preview (nothing changes yet)."""
    if (request.content_length or 0) > _limit() + FORM_OVERHEAD:
        return _too_large(request.content_length)
    uploads = [(f.filename or "", f.read(_limit() + 1)) for f in request.files.getlist("files")]
    uploads = [(name, data) for name, data in uploads if name or data]
    if not uploads:
        return _transfer_page(400, upload_error=_("请选择要导入的 CSV 或 XLSX 文件。"))
    if sum(len(data) for _name, data in uploads) > _limit():
        return _too_large(sum(len(data) for _name, data in uploads))
    try:
        skip = request.form.get("skip_duplicates") == "y"
        pending = imports.stage_import(current_user, uploads, skip_duplicates=skip)
    except ImportRejected as rejected:
        return _transfer_page(400, rejected=rejected)
    return redirect(url_for(".import_preview", token=pending.token))


def _preview_page(pending: imports.Pending, status: int = 200, **context: Any) -> tuple[str, int]:
    """The preview of a staged import."""
    return render_template(
        "lexicon/import_preview.html",
        pending=pending,
        preview=pending.read("preview.json"),
        impact=imports.load_impact(pending),
        version=latest_version(),
        category_labels={c.name: c.label for c in categories()},
        columns=spreadsheets.COLUMN_LABELS,
        **context,
    ), status


@bp.get("/transfer/<token>")
@roles_required(*EDITORS)
def import_preview(token: str) -> BaseResponse | tuple[str, int]:
    """What the import would change and which pieces it would flag; confirm with a reason."""
    pending = imports.load_pending(token, current_user)
    if pending.started:
        return redirect(url_for(".import_progress", token=token))
    return _preview_page(pending)


@bp.post("/transfer/<token>/apply")
@roles_required(*EDITORS)
def apply_import(token: str) -> BaseResponse | tuple[str, int]:
    """Apply the previewed change set (in the background) and show its progress."""
    pending = imports.load_pending(token, current_user)
    reason, planned_at = request.form.get("reason", ""), request.form.get("planned_at")
    try:
        imports.start_apply(pending, current_user, reason, planned_at)
    except DomainError as error:
        stale = isinstance(error, Conflict)
        return _preview_page(pending, error.status_code, error=error.message, stale=stale)
    return redirect(url_for(".import_progress", token=token))


@bp.post("/transfer/<token>/refresh")
@roles_required(*EDITORS)
def refresh_import(token: str) -> BaseResponse | tuple[str, int]:
    """Preview the same files again against the current lexicon."""
    pending = imports.load_pending(token, current_user)
    try:
        imports.replan(pending)
    except ImportRejected as rejected:
        return _transfer_page(400, rejected=rejected)
    return redirect(url_for(".import_preview", token=token))


def _status(pending: imports.Pending) -> dict[str, Any]:
    """The progress record with labels and links, for the page and the JSON endpoint."""
    state = imports.progress(pending)
    version = state.get("version")
    return {
        **state,
        "phase_label": str(imports.PHASES.get(state["phase"], "")),
        "percent": round(100 * state["done"] / state["total"]) if state["total"] else None,
        "version_url": _version_url(version) if version else None,
    }


def _version_url(version: int) -> str:
    """Where a new version is shown: its changes against the version before."""
    return url_for(".diff", old=version - 1, new=version)


@bp.get("/transfer/<token>/progress")
@roles_required(*EDITORS)
def import_progress(token: str) -> str:
    """Progress bar of a confirmed import (polls import_status), then a link to its version."""
    pending = imports.load_pending(token, current_user)
    return render_template(
        "lexicon/import_progress.html",
        pending=pending,
        status=_status(pending),
        counts=pending.read("preview.json")["counts"],
    )


@bp.get("/transfer/<token>/status")
@roles_required(*EDITORS)
def import_status(token: str) -> Response:
    """JSON progress: state, phase, done/total rows and the new version when finished."""
    response = jsonify(_status(imports.load_pending(token, current_user)))
    response.headers["Cache-Control"] = "no-store"
    return response


def _download(data: bytes, filename: str, mimetype: str) -> Response:
    """A file download (bytes in memory, so nothing is left open)."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _export_version() -> tuple[int | None, str]:
    """(version for entries_at, file name stem) from ?version=N; NotFound for unknown versions."""
    asked = request.args.get("version", type=int)
    number = get_version(asked).id if asked is not None else latest_version()
    return asked, f"hemline-wordlists-v{number}"


@bp.get("/export.csv")
@roles_required(*EDITORS)
def export_csv() -> Response:
    """Every enabled entry of the version as one CSV file (UTF-8 with BOM)."""
    version, stem = _export_version()
    data = spreadsheets.export_csv(version)
    return _download(data, f"{stem}.csv", "text/csv; charset=utf-8")


@bp.get("/export.xlsx")
@roles_required(*EDITORS)
def export_xlsx() -> Response:
    """Every enabled entry of the version as one XLSX workbook."""
    version, stem = _export_version()
    data = spreadsheets.export_xlsx(version)
    return _download(data, f"{stem}.xlsx", spreadsheets.XLSX_MIMETYPE)
