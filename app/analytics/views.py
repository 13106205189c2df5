"""运营数据 `/dashboard`: the dashboard, the export, metric imports and their column mappings.

Who sees what: managers and admins everything; writers the performance of their own pieces;
legal the compliance section. Reviewers have no dashboard.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response as BaseResponse

from app.analytics import exports, followers, imports, reserve_history, services
from app.analytics.commands import digest_command, metrics_cli
from app.analytics.parsing import CANONICAL, COLUMN_NAMES
from app.auth import roles_required
from app.errors import DomainError, InvalidInput, NotFound, say
from app.extensions import db, reads_alone
from app.models import (
    CONTENT_TYPE_LABELS,
    Channel,
    MetricImport,
    MetricSource,
    PieceMetric,
    Role,
    get_or_404,
)
from app.notifications.events import N_
from app.zones import brand_zone

bp = Blueprint("analytics", __name__, url_prefix="/dashboard", cli_group=None)
bp.cli.add_command(metrics_cli)
bp.cli.add_command(digest_command)

VIEWERS = (Role.WRITER, Role.LEGAL, Role.MANAGER, Role.ADMIN)
MANAGERS = (Role.MANAGER, Role.ADMIN)
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


@bp.app_context_processor
def _piece_performance() -> dict[str, Any]:
    """``piece_performance(piece)`` for the piece page (analytics/_piece_performance.html)."""

    def piece_performance(piece: Any) -> dict[str, Any] | None:
        if piece.published_at is None or not current_user.is_authenticated:
            return None
        if not (current_user.has_role(*MANAGERS) or piece.owner_id == current_user.id):
            return None
        return services.piece_summary(piece.id)

    return {"piece_performance": piece_performance}


def _today() -> date:
    from app.models import utcnow

    return utcnow().astimezone(brand_zone()).date()


def _filters() -> services.Filters:
    """The filters of the query string; bad values are a 400 naming the parameter."""
    period = request.args.get("period", "week")
    if period not in services.PERIODS:
        raise InvalidInput(_("周期只能是 day、week 或 month。"))
    anchor = None
    if request.args.get("date"):
        try:
            anchor = date.fromisoformat(request.args["date"])
        except ValueError:
            raise InvalidInput(_("日期格式应为 2026-12-01。")) from None
    channel_id = None
    if request.args.get("channel"):
        channel = db.session.scalar(select(Channel).where(Channel.code == request.args["channel"]))
        if channel is None:
            raise InvalidInput(_("没有这个渠道。"))
        channel_id = channel.id
    content_type = request.args.get("type") or None
    if content_type and content_type not in CONTENT_TYPE_LABELS:
        raise InvalidInput(_("没有这个内容类型。"))
    # writers see their own pieces' performance; legal's compliance section covers every piece
    mine = current_user.has_role(Role.WRITER) and not current_user.has_role(*MANAGERS)
    owner_id = current_user.id if mine else None
    return services.Filters(period, anchor, channel_id, content_type, owner_id)


def _sections() -> dict[str, bool]:
    everything = current_user.has_role(*MANAGERS)
    return {
        "performance": everything or current_user.has_role(Role.WRITER),
        "pipeline": everything,
        "compliance": everything or current_user.has_role(Role.LEGAL),
    }


@bp.route("/")
@reads_alone
@roles_required(*VIEWERS)
def dashboard() -> str:
    """The dashboard of one period beside the previous one."""
    filters = _filters()
    current, before = filters.windows(_today())
    show = _sections()
    data, charts = _cached_figures(filters, current, before, show)
    account = None  # the 公众号 followers: managers and admins only (issue 17)
    if show["performance"] and current_user.has_role(*MANAGERS):
        account = followers.growth(filters.channel_id, current, before)
        charts = {**charts, "followers": _followers_chart(account)}
    return render_template(
        "analytics/dashboard.html",
        filters=filters,
        current=current,
        before=before,
        channels=db.session.scalars(select(Channel).order_by(Channel.id)).all(),
        types=CONTENT_TYPE_LABELS,
        weekdays=WEEKDAYS,
        charts=charts,
        reference=services.REFERENCE_OPEN_RATE,
        outcome_labels=OUTCOME_LABELS,
        followers=account,
        **data,
    )


def _followers_chart(rows: list[followers.ChannelFollowers]) -> dict[str, Any]:
    """Net follower growth per channel, this period beside the previous one."""
    return {
        "kind": "bar",
        "labels": [r.channel for r in rows],
        "series": [
            {"name": _("本期净增"), "data": [r.now.net for r in rows]},
            {"name": _("上期净增"), "data": [r.before.net for r in rows]},
        ],
    }


def _cached_figures(
    filters: services.Filters,
    current: services.Window,
    before: services.Window,
    show: dict[str, bool],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The figures, kept DASHBOARD_CACHE_SECONDS (120) per filters, sections and language.

    Any import changes the newest metric row id, which is part of the key: new platform data
    shows at once; pipeline and compliance figures may be up to the cache time old.
    """
    seconds = int(current_app.config.get("DASHBOARD_CACHE_SECONDS", 120))
    if not seconds:
        return _figures(filters, current, before, show)
    from flask_babel import get_locale

    from app.extensions import cache

    newest = db.session.scalar(select(func.max(PieceMetric.id)))
    key = f"dashboard:{newest}:{get_locale()}:{sorted(show.items())}:{filters}:{current}"
    found = cache.get(key)
    if found is None:
        found = _figures(filters, current, before, show)
        cache.set(key, found, timeout=seconds)
    return found


def _figures(
    filters: services.Filters,
    current: services.Window,
    before: services.Window,
    show: dict[str, bool],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every section's numbers for the two periods, and the charts' data."""
    data: dict[str, Any] = {"show": show}
    charts: dict[str, Any] = {}
    # DASHBOARD_ROLLUP off (the bench's baseline) or rollups not built yet: raw rows.
    fast = bool(current_app.config.get("DASHBOARD_ROLLUP", True))
    if show["performance"]:
        use_rollup = fast and services.rollup_ready()
        compute = services.performance if use_rollup else services.performance_raw
        data.update(compute(filters, current, before))
        charts["by_type"] = {
            "kind": "bar",
            "labels": [str(CONTENT_TYPE_LABELS.get(g["key"], g["key"])) for g in data["by_type"]],
            "series": [{"name": _("阅读"), "data": [g["reads"] or 0 for g in data["by_type"]]}],
        }
        charts["by_weekday"] = {
            "kind": "bar",
            "labels": [_(WEEKDAYS[g["key"]]) for g in data["by_weekday"]],
            "series": [
                {
                    "name": _("篇均阅读"),
                    "data": [round(g["reads_per_piece"] or 0) for g in data["by_weekday"]],
                }
            ],
        }
        charts["open_rates"] = {
            "kind": "bar",
            "percent": True,
            "labels": [_(r["label"]) for r in data["open_rates"]],
            "series": [
                {"name": _("本期"), "data": [_pct(r["rate"]) for r in data["open_rates"]]},
                {"name": _("上期"), "data": [_pct(r["rate"]) for r in data["old_open_rates"]]},
                {"name": _("参考"), "data": [_pct(r["reference"]) for r in data["open_rates"]]},
            ],
        }
    if show["pipeline"]:
        data["pipeline"] = services.pipeline(filters, current, fast)
        data["old_pipeline"] = services.pipeline(filters, before, fast)
        data["turnaround"] = services.turnaround(filters, current, fast)
        data["old_turnaround"] = services.turnaround(filters, before, fast)
        data["outcomes"] = services.outcomes(filters, current, fast)
        data["old_outcomes"] = services.outcomes(filters, before, fast)
        data["mix"] = services.mix(filters, current)
        data["weekly_mix"] = services.weekly_mix(filters, current) if current.days > 7 else []
        from app.models import utcnow
        from app.schedule.overview import reserve

        now = reserve()
        data["reserve"] = now.total
        data["reserve_target"] = now.target
        data["reserve_days"] = reserve_history.series(
            current.start, current.end, utcnow(), (now.total, now.target)
        )
        charts["reserve"] = {
            "kind": "line",
            "labels": [d["day"].strftime("%m-%d") for d in data["reserve_days"]],
            "series": [
                {"name": _("储备"), "data": [d["total"] for d in data["reserve_days"]]},
                {"name": _("目标"), "data": [d["target"] for d in data["reserve_days"]]},
            ],
        }
        labels = [_("新建"), _("提交"), _("通过"), _("发布")]
        charts["pipeline"] = {
            "kind": "bar",
            "labels": labels,
            "series": [
                {"name": _("本期"), "data": list(data["pipeline"].values())},
                {"name": _("上期"), "data": list(data["old_pipeline"].values())},
            ],
        }
    if show["compliance"]:
        data["compliance"] = services.compliance(current)
        data["old_compliance"] = {"hits": services.hit_count(before)}
        charts["compliance"] = {
            "kind": "bar",
            "labels": [c["category"] for c in data["compliance"]["by_category"]],
            "series": [
                {
                    "name": _("命中"),
                    "data": [c["hits"] for c in data["compliance"]["by_category"]],
                }
            ],
        }
    return data, charts


OUTCOME_LABELS = {
    "on_time": N_("按时"),
    "late": N_("迟发"),
    "held": N_("暂停"),
    "failed": N_("失败"),
    "missed": N_("错过"),
}


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


@bp.route("/export.csv")
@roles_required(Role.WRITER, Role.MANAGER, Role.ADMIN)
def export() -> Response:
    """One row per piece of the period with the canonical columns and the rates."""
    filters = _filters()
    current, _before = filters.windows(_today())
    fast = bool(current_app.config.get("DASHBOARD_ROLLUP", True))
    rows = services.export_rows(filters, current) if fast else services.piece_rows(filters, current)
    body = exports.export_csv(rows, current)
    name = f"hemline-metrics-{current.start.isoformat()}-{filters.period}.csv"
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# -- imports ------------------------------------------------------------------------------


def _staging() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "metric-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _import_page(status: int = 200, **context: Any) -> tuple[str, int]:
    recent = db.session.scalars(
        select(MetricImport).order_by(MetricImport.id.desc()).limit(20)
    ).all()
    page = render_template(
        "analytics/import.html",
        sources=imports.sources(),
        channels=db.session.scalars(select(Channel).order_by(Channel.id)).all(),
        recent=recent,
        **context,
    )
    db.session.commit()  # the shipped sources, added at first use
    return page, status


@bp.route("/import", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def upload() -> tuple[str, int] | BaseResponse:
    """Upload a metric file: a preview with unmatched rows to match by hand."""
    if request.method == "GET":
        return _import_page()
    file = request.files.get("file")
    source = request.form.get("source", imports.CANONICAL_SOURCE)
    channel = request.form.get("channel", "")
    if file is None or not file.filename:
        return _import_page(400, error=_("请选择要导入的 CSV 或 XLSX 文件。"))
    data = file.read(imports.MAX_UPLOAD_BYTES + 1)
    try:
        result = imports.preview(file.filename, data, source, channel)
    except DomainError as error:
        return _import_page(400, error=error.message)
    token = secrets.token_hex(16)
    (_staging() / token).write_bytes(data)
    return render_template(
        "analytics/import_preview.html",
        result=replace(result, errors=[say(problem) for problem in result.errors]),
        token=token,
        source=source,
        channel=channel,
        filename=file.filename,
    ), 200


@bp.route("/import/<token>", methods=["POST"])
@roles_required(*MANAGERS)
def confirm(token: str) -> tuple[str, int] | BaseResponse:
    """Save a previewed import with the hand-made matches; all or nothing."""
    if len(token) != 32 or not all(c in "0123456789abcdef" for c in token):
        raise NotFound(_("这个导入预览不存在或已过期，请重新上传。"))
    path = _staging() / token
    if not path.exists():
        raise NotFound(_("这个导入预览不存在或已过期，请重新上传。"))
    filename = request.form.get("filename", "upload.csv")[:200]
    manual: dict[int, int] = {}
    for key, value in request.form.items():
        if key.startswith("match-") and value.strip():
            line = key.removeprefix("match-")
            piece = value.strip().lstrip("#")
            if not (line.isdigit() and piece.isdigit()):
                return _import_page(400, error=_("手动匹配的稿件编号必须是数字。"))
            manual[int(line)] = int(piece)
    try:
        result = imports.preview(
            filename,
            path.read_bytes(),
            request.form.get("source", imports.CANONICAL_SOURCE),
            request.form.get("channel", ""),
        )
        batch = imports.apply(result, current_user, manual)
    except DomainError as error:
        return _import_page(400, error=error.message)
    path.unlink(missing_ok=True)
    from flask import flash

    flash(
        _(
            "已导入：新增 %(inserted)s 行，替换 %(replaced)s 行，跳过 %(skipped)s 行。",
            inserted=batch.rows_inserted,
            replaced=batch.rows_replaced,
            skipped=batch.rows_skipped,
        ),
        "success",
    )
    return redirect(url_for("analytics.upload"))


@bp.route("/sources/<int:source_id>", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def edit_source(source_id: int) -> tuple[str, int] | BaseResponse:
    """Edit one source's column mapping (canonical column → the export's headers)."""
    source = get_or_404(MetricSource, source_id)
    error = ""
    if request.method == "POST":
        mapping = {column: request.form.get(column, "") for column in CANONICAL}
        try:
            imports.save_mapping(source, mapping, current_user)
        except DomainError as problem:
            error = problem.message
        else:
            return redirect(url_for("analytics.upload"))
    return render_template(
        "analytics/source.html",
        source=source,
        columns=CANONICAL,
        names=COLUMN_NAMES,
        error=error,
    ), (400 if error else 200)
