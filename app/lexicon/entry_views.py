"""Routes for editing entries and categories, versions, the sandbox and false-positive reports."""

from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.auth import roles_required
from app.checks.current import current_lexicon
from app.checks.reporting import HitView, hit_views
from app.checks.services import channel_kind, check_with
from app.checks.store import latest_version
from app.compliance import Report, build_lexicon
from app.errors import DomainError, say, wants_json
from app.extensions import db
from app.forms import answers_in_place, keep_in_place, validated
from app.lexicon import feedback
from app.lexicon.editing import current_row, entry_changes, save_category, save_changes, set_enabled
from app.lexicon.forms import CategoryForm, EntryForm, ReasonForm, ResolveForm, SandboxForm
from app.lexicon.impact import preview_impact, preview_token
from app.lexicon.versions import diff_versions, get_version, history, rollback, rollback_changes
from app.lexicon.views import EDITORS, bp, categories
from app.models import Category, Piece, Role, get_or_404
from app.templating import USER_CONTENT

# --- entries ----------------------------------------------------------------------------------


def _entry_form() -> EntryForm:
    form = EntryForm()
    form.category.choices = [
        SelectChoice(c.name, f"{c.label}（{c.name}）", USER_CONTENT) for c in categories()
    ]
    return form


@bp.route("/entries/new", methods=["GET", "POST"])
@roles_required(*EDITORS)
def new_entry() -> Response | tuple[str, int] | str:
    """Create an entry: examples verified, impact previewed, then saved as a new version."""
    return _edit(None)


@bp.route("/entries/<int:entry_id>", methods=["GET", "POST"])
@roles_required(*EDITORS)
def edit_entry(entry_id: int) -> Response | tuple[str, int] | str:
    """Edit every field of an entry; preview first, then save with a reason."""
    return _edit(entry_id)


def _edit(entry_id: int | None) -> Response | tuple[str, int] | str:
    row = current_row(entry_id) if entry_id is not None else None
    form = _entry_form()
    if request.method == "GET":
        form.base_version.data = str(latest_version())
        if row is not None:
            form.fill(row.to_entry(), row.enabled)
        elif (category := db.session.get(Category, request.args.get("category", ""))) is not None:
            form.category.data, form.severity.data = category.name, category.default_severity
        return render_template("lexicon/entry.html", form=form, row=row, impact=None)
    if not form.validate_on_submit():
        if wants_json():
            validated(form)  # the first field's error as JSON, naming the field
        return render_template("lexicon/entry.html", form=form, row=row, impact=None), 400
    base = int(form.base_version.data or latest_version())
    try:
        changes = entry_changes(form.entry(), entry_id, bool(form.enabled.data), base)
        token = preview_token(changes)
        if request.form.get("action") != "save" or request.form.get("previewed") != token:
            # Nothing is saved before its impact was shown for exactly these values.
            impact = preview_impact(changes)
            return render_template(
                "lexicon/entry.html", form=form, row=row, impact=impact, previewed=token
            )
        version, _impact = save_changes(changes, author=current_user, reason=form.reason.data or "")
    except DomainError as error:  # on the editor, every field kept (JSON callers: JSON)
        keep_in_place(error, "entry-form")
        problems = error.extra.get("others", error.extra.get("problems", [_(error.message)]))
        problems = [say(problem) for problem in problems]  # in the reader's language
        return render_template(
            "lexicon/entry.html",
            form=form,
            row=row,
            impact=None,
            problems=problems,
            failures=error.extra.get("examples", []),
        ), error.status_code
    flash(
        _("已保存为词库版本 %(version)s，所有进程将在 1 秒内使用新词库。", version=version.id),
        "success",
    )
    return redirect(url_for("lexicon.entries", text=form.term.data))


def _toggle_page(entry_id: int, form: ReasonForm | None = None) -> str:
    """The toggle page: the impact of switching the entry, and the reason to give."""
    row = current_row(entry_id)
    try:
        changes = entry_changes(row.to_entry(), entry_id, not row.enabled, latest_version())
    except DomainError:  # e.g. re-enabling a duplicate: its refusal is said on this page
        if not g.get("refusal"):
            raise
        impact, token = None, ""
    else:
        impact, token = preview_impact(changes), preview_token(changes)
    return render_template(
        "lexicon/toggle.html",
        row=row,
        form=form or ReasonForm(),
        impact=impact,
        previewed=token,
    )


@bp.post("/entries/<int:entry_id>/toggle")
@roles_required(*EDITORS)
@answers_in_place("toggle-form", _toggle_page, fields=("reason",))
def toggle_entry(entry_id: int) -> Response | str:
    """Disable or re-enable an entry: first its impact and a reason, then a new version; a
    refusal (e.g. the list changed meanwhile) comes back on that page, the reason kept."""
    row = current_row(entry_id)
    form = ReasonForm()
    changes = entry_changes(row.to_entry(), entry_id, not row.enabled, latest_version())
    if not form.validate_on_submit() or request.form.get("previewed") != preview_token(changes):
        return _toggle_page(entry_id, form)
    version = set_enabled(current_user, entry_id, not row.enabled, form.reason.data or "")
    values = {"term": row.term, "version": version.id}
    if row.enabled:
        flash(_("已停用“%(term)s”（版本 %(version)s）。", **values), "success")
    else:
        flash(_("已启用“%(term)s”（版本 %(version)s）。", **values), "success")
    return redirect(url_for("lexicon.edit_entry", entry_id=entry_id))


# --- categories -------------------------------------------------------------------------------


@bp.route("/categories", endpoint="categories", methods=["GET", "POST"])
@roles_required(*EDITORS)
def categories_page() -> Response | tuple[str, int] | str:
    """List categories and create or update one."""
    form = CategoryForm()
    if request.method == "GET" and request.args.get("name"):
        category = db.session.get(Category, request.args["name"])
        if category is not None:
            form.process(obj=category)
    if form.validate_on_submit():
        save_category(
            current_user,
            form.name.data or "",
            label=form.label.data or "",
            description=form.description.data or "",
            severity=form.default_severity.data or "review",
            legal=bool(form.requires_legal.data),
        )
        flash(_("类别已保存。"), "success")
        return redirect(url_for("lexicon.categories"))
    status = 400 if form.errors else 200
    return render_template("lexicon/categories.html", form=form, categories=categories()), status


# --- versions ---------------------------------------------------------------------------------


@bp.get("/versions")
@roles_required(*EDITORS)
def versions() -> str:
    """Every lexicon version, newest first."""
    page = history(request.args.get("page", 1, type=int), current_app.config["PAGE_SIZE"])
    return render_template("lexicon/versions.html", page=page)


@bp.get("/versions/diff")
@roles_required(*EDITORS)
def diff() -> str:
    """Entries added, removed and changed (field by field) between two versions."""
    new = request.args.get("new", latest_version(), type=int)
    old = request.args.get("old", max(new - 1, 0), type=int)
    return render_template("lexicon/diff.html", diff=diff_versions(old, new))


@bp.route("/versions/<int:version_id>/rollback", methods=["GET", "POST"])
@roles_required(*EDITORS)
def rollback_version(version_id: int) -> Response | tuple[str, int]:
    """Show what restoring a version would change, then restore it as a new version."""
    get_version(version_id)
    form = ReasonForm()
    if form.validate_on_submit():
        version = rollback(current_user, version_id, form.reason.data or "")
        flash(
            _("已回滚到版本 %(old)s，新版本为 %(new)s。", old=version_id, new=version.id), "success"
        )
        return redirect(url_for("lexicon.versions"))
    changes = rollback_changes(version_id)
    return render_template(
        "lexicon/rollback.html",
        form=form,
        target=version_id,
        diff=diff_versions(latest_version(), version_id),
        impact=preview_impact(changes),
    ), (400 if request.method == "POST" else 200)  # a refused form: its errors by the fields


# --- sandbox ----------------------------------------------------------------------------------


@bp.route("/sandbox", methods=["GET", "POST"])
@roles_required(*EDITORS)
def sandbox() -> tuple[str, int]:
    """Paste text: the report against the current lexicon and against an unsaved draft entry."""
    form = SandboxForm()
    form.category.choices = [
        SelectChoice(c.name, f"{c.label}（{c.name}）", USER_CONTENT) for c in categories()
    ]
    current: tuple[Report, list[HitView]] | None = None
    draft: tuple[Report, list[HitView]] | None = None
    problems: list[str] = []
    if form.validate_on_submit():
        text, kind = form.text.data or "", channel_kind(form.channel.data or None)
        lexicon = current_lexicon()
        report = check_with(lexicon, "", "", text, kind)
        trial_report: Report | None = None
        if (form.term.data or "").strip():
            try:
                entry = form.entry()
                others = [
                    e
                    for e in lexicon.entries
                    if (e.category, e.term) != (entry.category, entry.term)
                ]
                trial = build_lexicon([*others, entry], version=lexicon.version)
                trial_report = check_with(trial, "", "", text, kind)
            except ValueError as error:
                problems.append(str(error))
        texts = {"body": text}
        current = (report, hit_views(report, texts))
        draft = (trial_report, hit_views(trial_report, texts)) if trial_report else None
    refused = request.method == "POST" and current is None  # the form's errors by its fields
    page = render_template(
        "lexicon/sandbox.html", form=form, current=current, draft=draft, problems=problems
    )
    return page, (400 if refused else 200)


# --- false positives --------------------------------------------------------------------------


@bp.get("/reports")
@roles_required(*EDITORS)
def reports() -> str:
    """Legal's inbox of “误报” reports grouped by entry."""
    return render_template(
        "lexicon/reports.html",
        groups=feedback.inbox(),
        form=ResolveForm(),
        dismiss_form=ReasonForm(),
    )


@bp.post("/reports/<int:entry_id>/resolve")
@roles_required(*EDITORS)
@answers_in_place("resolve-{entry_id}-form", "lexicon.reports", fields=("value", "reason"))
def resolve_reports(entry_id: int) -> Response:
    """Fix the entry in one step (new version) and close its reports; a refusal (e.g. a context
    that swallows a must-hit example) comes back in the inbox by that entry's form."""
    current_row(entry_id)  # an unknown entry is 404 before anything else
    form = ResolveForm()
    action = form.action.data or ""
    value = request.form.get("severity", "") if action == "set_severity" else form.value.data or ""
    validated(form)
    version = feedback.resolve(current_user, entry_id, action, value, form.reason.data or "")
    flash(_("已处理，词库版本 %(version)s。", version=version), "success")
    return redirect(url_for("lexicon.reports", _anchor=f"entry-{entry_id}"))


@bp.post("/reports/<int:entry_id>/dismiss")
@roles_required(*EDITORS)
@answers_in_place("dismiss-{entry_id}-form", "lexicon.reports", fields=("reason",))
def dismiss_reports(entry_id: int) -> Response:
    """Keep the entry and close its reports, with a reason."""
    form = ReasonForm()
    validated(form)
    count = feedback.dismiss(current_user, entry_id, form.reason.data or "")
    flash(_("已驳回 %(count)s 条误报。", count=count), "success")
    return redirect(url_for("lexicon.reports"))


def fp_form_id(key: str) -> str:
    """The id of the “误报” form of one hit (its key, e.g. body:3:5:17, made id-safe)."""
    return "fp-" + "".join(c if c.isalnum() else "-" for c in key) + "-form"


bp.add_app_template_global(fp_form_id, "fp_form_id")


@bp.post("/pieces/<int:piece_id>/false-positive")
@roles_required(Role.REVIEWER, Role.LEGAL)
@answers_in_place(
    lambda piece_id: fp_form_id(request.form.get("key", "")), "review.review", fields=("note",)
)
def report_false_positive(piece_id: int) -> Response:
    """A reviewer reports “误报” on one hit of the review page."""
    from app.lexicon.forms import FalsePositiveForm

    piece = get_or_404(Piece, piece_id)
    form = FalsePositiveForm()
    validated(form)
    feedback.report_false_positive(current_user, piece, form.key.data or "", form.note.data or "")
    flash(_("已报告误报，法务会尽快处理。"), "success")
    return redirect(url_for("review.review", piece_id=piece.id))
