"""User administration and the audit-log page."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from app.admin.forms import EditUserForm, ResetPasswordForm, UserForm
from app.auth import roles_required
from app.auth.services import create_user, reset_password, update_user
from app.errors import InvalidInput
from app.extensions import db
from app.models import AuditEvent, Role, User, get_or_404

bp = Blueprint("admin", __name__)


@bp.route("/admin/users", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def users() -> Response | tuple[str, int]:
    """List users and create new ones."""
    form = UserForm()
    if form.validate_on_submit():
        try:
            user = create_user(
                form.username.data or "",
                form.password.data or "",
                list(form.roles.data or []),
                display_name=form.display_name.data or "",
                email=form.email.data or None,
                actor=current_user,
            )
        except InvalidInput as error:
            flash(error.message, "danger")
        else:
            flash(_("已创建用户 %(username)s。", username=user.username), "success")
            return redirect(url_for("admin.users"))
    query = request.args.get("q", "").strip()[:64]
    page = db.paginate(
        _user_search(query),
        page=request.args.get("page", 1, type=int),  # bounded (app.inputs)
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    status = 400 if request.method == "POST" else 200
    return render_template("admin/users.html", page=page, query=query, form=form), status


def _user_search(text: str) -> Select[tuple[User]]:
    """Users by username, those whose username, display name or e-mail contains `text`."""
    query = select(User).options(selectinload(User.role_rows)).order_by(User.username, User.id)
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                User.username.ilike(pattern, escape="\\"),
                User.display_name.ilike(pattern, escape="\\"),
                User.email.ilike(pattern, escape="\\"),
            )
        )
    return query


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_user(user_id: int) -> Response | tuple[str, int]:
    """Change a user's roles or deactivate the account."""
    user = get_or_404(User, user_id)
    form = EditUserForm()
    if request.method == "GET":
        form.roles.data, form.active.data = sorted(user.roles), user.active
    if form.validate_on_submit():
        try:
            update_user(
                user,
                roles=list(form.roles.data or []),
                active=bool(form.active.data),
                actor=current_user,
            )
        except InvalidInput as error:
            flash(error.message, "danger")
        else:
            flash(_("已更新用户 %(username)s。", username=user.username), "success")
            return redirect(url_for("admin.users"))
    status = 400 if request.method == "POST" else 200
    page = render_template(
        "admin/edit_user.html", user=user, form=form, reset_form=ResetPasswordForm()
    )
    return page, status


@bp.post("/admin/users/<int:user_id>/password")
@roles_required(Role.ADMIN)
def reset_user_password(user_id: int) -> Response | tuple[str, int]:
    """Set a temporary password; the user's log-ins end and they must change it next time."""
    user = get_or_404(User, user_id)
    reset_form = ResetPasswordForm()
    if reset_form.validate_on_submit():
        try:
            reset_password(user, reset_form.password.data or "", actor=current_user)
        except InvalidInput as error:
            reset_form.password.errors = [*reset_form.password.errors, _(error.message)]
        else:
            flash(
                _(
                    "已重置 %(username)s 的密码；其登录已全部退出，下次登录时必须修改密码。",
                    username=user.username,
                ),
                "success",
            )
            return redirect(url_for("admin.edit_user", user_id=user.id))
    form = EditUserForm()
    form.roles.data, form.active.data = sorted(user.roles), user.active
    page = render_template("admin/edit_user.html", user=user, form=form, reset_form=reset_form)
    return page, 400


@bp.route("/audit")
@roles_required(Role.ADMIN, Role.MANAGER, Role.LEGAL)
def audit_log() -> str:
    """The append-only audit log, newest first, filterable by object."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc())
    object_type = request.args.get("type", "")
    object_id = request.args.get("id", type=int)
    if object_type:
        query = query.where(AuditEvent.object_type == object_type)
    if object_id:
        query = query.where(AuditEvent.object_id == object_id)
    page = db.paginate(
        query,
        page=request.args.get("page", 1, type=int),  # bounded (app.inputs)
        per_page=current_app.config["PAGE_SIZE"] * 2,
        error_out=False,
    )
    return render_template(
        "admin/audit.html", page=page, object_type=object_type, object_id=object_id
    )
