"""Pages for topics, the topic meeting, the piece editor, revisions and covers."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.auth import roles_required
from app.checks.reporting import current_report
from app.checks.services import check_draft as check_draft_fields
from app.checks.services import reasons_by_severity
from app.content import services
from app.content.comments import threads as comment_threads
from app.content.forms import ConfirmForm, DecideTopicForm, PieceForm, PublishedForm, TopicForm
from app.content.services import Draft
from app.errors import InvalidInput, NotFound
from app.extensions import db, reads_alone
from app.forms import answers_in_place, validated
from app.inputs import int_arg
from app.models import Channel, Piece, Revision, Role, Topic, User, get_or_404, piece_row_options
from app.rendering import diff_lines
from app.templating import USER_CONTENT, user_content
from app.workflow import Status, TopicStatus, allowed_actions

bp = Blueprint("content", __name__)

WRITERS = (Role.WRITER, Role.MANAGER)


def _active_channels() -> list[Channel]:
    return list(db.session.scalars(select(Channel).where(Channel.active).order_by(Channel.id)))


def _piece(piece_id: int) -> Piece:
    return get_or_404(Piece, piece_id)


# --- topics -----------------------------------------------------------------------------------


@bp.route("/topics")
@login_required
def topics() -> str:
    """All topics, newest first, filterable by status."""
    status = request.args.get("status", "")
    query = select(Topic).order_by(Topic.created_at.desc(), Topic.id.desc())
    if status in {s.value for s in TopicStatus}:
        query = query.where(Topic.status == status)
    page = db.paginate(
        query,
        page=request.args.get("page", 1, type=int),  # bounded (app.inputs)
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    return render_template("content/topics.html", page=page, status=status)


@bp.route("/topics/new", methods=["GET", "POST"])
@roles_required(*WRITERS)
def new_topic() -> Response | tuple[str, int]:
    """Propose a topic for the topic meeting."""
    form = TopicForm()
    form.channels.choices = [SelectChoice(c.id, user_content(c.name)) for c in _active_channels()]
    if form.validate_on_submit():
        channels = [db.session.get(Channel, cid) for cid in form.channels.data or []]
        try:
            topic = services.propose_topic(
                current_user,
                title=form.title.data or "",
                brief=form.brief.data or "",
                content_type=form.content_type.data or "",
                channels=[c for c in channels if c is not None],
                target_week=form.target_week.data,
            )
        except InvalidInput as error:
            flash(error.message, "danger")
        else:
            flash(_("选题已提交，等待选题会评审。"), "success")
            return redirect(url_for("content.topic", topic_id=topic.id))
    return render_template("content/new_topic.html", form=form), 200 if not form.errors else 400


@bp.route("/topics/<int:topic_id>")
@login_required
def topic(topic_id: int) -> str:
    """One topic with its decision and pieces."""
    return render_template("content/topic.html", topic=get_or_404(Topic, topic_id))


@bp.route("/topics/meeting")
@roles_required(Role.MANAGER)
def meeting() -> str:
    """The topic meeting: proposed topics, oldest first, each with a decision form."""
    proposed = db.session.scalars(
        select(Topic).where(Topic.status == TopicStatus.PROPOSED.value).order_by(Topic.created_at)
    ).all()
    writers = _writers()
    forms = {t.id: _decide_form(t, writers) for t in proposed}
    return render_template("content/meeting.html", topics=proposed, forms=forms)


def _writers() -> list[User]:
    query = select(User).where(User.active).options(selectinload(User.role_rows))
    return [
        u for u in db.session.scalars(query.order_by(User.display_name)) if u.has_role(Role.WRITER)
    ]


def _decide_form(topic: Topic, writers: list[User]) -> DecideTopicForm:
    form = DecideTopicForm(prefix=f"t{topic.id}")
    form.owner.choices = [SelectChoice(u.id, u.display_name) for u in writers]
    if not form.owner.data:
        form.owner.data = topic.owner_id or topic.proposer_id
    return form


def _meeting_again(topic_id: int) -> str:
    """The meeting page, for a refused decision on one of its topics."""
    return meeting()


@bp.route("/topics/<int:topic_id>/decide", methods=["POST"])
@roles_required(Role.MANAGER)
@answers_in_place("topic-{topic_id}-form", _meeting_again, fields=("decision", "note"))
def decide_topic(topic_id: int) -> Response:
    """Accept or reject one topic; a refusal is shown on the meeting page by that topic's form,
    what the manager chose and wrote kept."""
    topic = get_or_404(Topic, topic_id)
    form = _decide_form(topic, _writers())
    if not form.validate_on_submit() or form.decision.data not in {"accept", "reject"}:
        raise InvalidInput(_("请选择采纳或不采纳。"), field="decision")
    owner = db.session.get(User, form.owner.data) if form.owner.data else None
    pieces = services.decide_topic(
        current_user,
        topic,
        accept=form.decision.data == "accept",
        note=form.note.data or "",
        owner=owner,
    )
    title = topic.title
    done = (
        _("选题“%(title)s”已采纳，生成 %(count)s 篇稿件。", title=title, count=len(pieces))
        if pieces
        else _("选题“%(title)s”已标记为不采纳。", title=title)
    )
    flash(done, "success")
    return redirect(url_for("content.meeting"))


# --- pieces -----------------------------------------------------------------------------------


@bp.route("/pieces")
@reads_alone
@login_required
def pieces() -> str:
    """Pieces, newest activity first; filter by status, channel, and “mine”."""
    query = select(Piece).options(*piece_row_options())
    query = query.order_by(Piece.updated_at.desc(), Piece.id.desc())
    status, channel, mine = (request.args.get(k, "") for k in ("status", "channel", "mine"))
    if status in {s.value for s in Status}:
        query = query.where(Piece.status == status)
    if (channel_id := int_arg(channel, "channel")) is not None:
        query = query.where(Piece.channel_id == channel_id)
    if mine:
        query = query.where(Piece.owner_id == current_user.id)
    page = db.paginate(
        query,
        page=request.args.get("page", 1, type=int),  # bounded (app.inputs)
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    return render_template(
        "content/pieces.html",
        page=page,
        channels=_active_channels(),
        filters={"status": status, "channel": channel, "mine": mine},
    )


@bp.route("/pieces/new", methods=["GET", "POST"])
@reads_alone
@roles_required(*WRITERS)
def new_piece() -> Response | tuple[str, int]:
    """Start a piece, optionally from an accepted topic (?topic=ID)."""
    topic = _topic_arg()
    form = _piece_form()
    if request.method == "GET" and topic is not None:
        form.title.data, form.content_type.data = topic.title, topic.content_type
        form.planned_date.data = topic.target_week
    if form.validate_on_submit():
        try:
            piece = services.create_piece(current_user, _draft_from(form), topic=topic)
        except InvalidInput as error:
            flash(error.message, "danger")
            return render_template("content/edit.html", form=form, piece=None, topic=topic), 400
        flash(_("稿件已创建。"), "success")
        return redirect(url_for("content.piece", piece_id=piece.id))
    status = 400 if form.errors else 200
    return render_template("content/edit.html", form=form, piece=None, topic=topic), status


def _topic_arg() -> Topic | None:
    topic_id = request.args.get("topic", type=int)
    return get_or_404(Topic, topic_id) if topic_id else None


def _piece_form(piece: Piece | None = None) -> PieceForm:
    form = PieceForm()
    form.channel.choices = [
        SelectChoice(
            c.id,
            _("%(name)s（%(platform)s）", name=c.name, platform=c.kind_label),
            USER_CONTENT,
        )
        for c in _active_channels()
    ]
    if piece is not None and request.method == "GET":
        revision = piece.current_revision
        assert revision is not None
        form.title.data, form.summary.data, form.body.data = (
            revision.title,
            revision.summary,
            revision.body,
        )
        form.content_type.data, form.channel.data = piece.content_type, piece.channel_id
        form.tags.data = "，".join(piece.tag_list)
        form.planned_date.data = piece.planned_date
    return form


def _draft_from(form: PieceForm, current_cover: str = "") -> Draft:
    """Build the Draft from the editor form, with an uploaded cover verified (not yet stored)."""
    channel = db.session.get(Channel, form.channel.data)
    if channel is None:
        raise NotFound(_("渠道不存在。"))
    cover = "" if form.remove_cover.data else current_cover
    upload, prepared = form.cover.data, None
    if upload and getattr(upload, "filename", ""):
        prepared = services.prepare_cover(upload.stream)  # verified; stored once the draft is
        cover = prepared.name
    tags = (form.tags.data or "").replace("，", ",").split(",")
    return Draft(
        title=(form.title.data or "").strip(),
        summary=(form.summary.data or "").strip(),
        body=(form.body.data or "").replace("\r\n", "\n"),
        content_type=form.content_type.data or "",
        channel=channel,
        cover=cover,
        cover_upload=prepared,
        tags=tuple(t.strip() for t in tags if t.strip()),
        planned_date=form.planned_date.data,
    )


@bp.route("/pieces/<int:piece_id>")
@reads_alone
@login_required
def piece(piece_id: int) -> str:
    """A piece as readers will see it, with its state, actions and history."""
    item = _piece(piece_id)
    return render_template(
        "content/piece.html",
        piece=item,
        actions=allowed_actions(item.status),
        can_edit=services.may_change(current_user, item),
        confirm=ConfirmForm(),
        published_form=PublishedForm(),
        threads=comment_threads(item),
        checked=current_report(item) if item.current_revision else None,
    )


@bp.route("/pieces/<int:piece_id>/edit", methods=["GET", "POST"])
@reads_alone
@roles_required(*WRITERS)
def edit_piece(piece_id: int) -> Response | tuple[str, int]:
    """The editor; saving creates a revision only when the content changed."""
    item = _piece(piece_id)
    services.ensure_can_edit(current_user, item)
    form = _piece_form(item)
    if form.validate_on_submit():
        cover = item.current_revision.cover if item.current_revision else ""
        before = (item.tags, item.planned_date)
        try:
            revision = services.save_piece(current_user, item, _draft_from(form, cover))
        except InvalidInput as error:
            flash(error.message, "danger")
            return render_template("content/edit.html", form=form, piece=item, topic=None), 400
        # Tags and the planned date are kept outside revisions: say so when only they changed.
        saved = [
            str(label)
            for label, old, new in (
                (_("标签"), before[0], item.tags),
                (_("计划日期"), before[1], item.planned_date),
            )
            if old != new
        ]
        if revision:
            message = _("已保存为第 %(number)s 版。", number=revision.number)
        elif saved:
            message = _(
                "已保存%(what)s；正文等内容没有变化，未生成新版本。", what=_("、").join(saved)
            )
        else:
            message = _("内容没有变化，未生成新版本。")
        flash(message, "success" if revision or saved else "info")
        return redirect(url_for("content.piece", piece_id=item.id))
    status = 400 if form.errors else 200
    return render_template("content/edit.html", form=form, piece=item, topic=None), status


@bp.post("/pieces/check")
@roles_required(*WRITERS)
def check_draft() -> Response:
    """The editor's live compliance report for unsaved text (JSON; CSRF token in a header)."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidInput(_("请求格式不正确。"))
    fields = {name: data.get(name) or "" for name in ("title", "summary", "body")}
    if not all(isinstance(value, str) for value in fields.values()):
        raise InvalidInput(_("标题、摘要和正文必须是文本。"))
    if len(fields["body"]) > current_app.config["MAX_BODY_CHARS"]:
        raise InvalidInput(
            _("正文不能超过 %(count)s 个字符。", count=current_app.config["MAX_BODY_CHARS"])
        )
    channel_id = int_arg(str(data.get("channel") or ""), "channel")
    channel = db.session.get(Channel, channel_id) if channel_id is not None else None
    report = check_draft_fields(**fields, channel=channel.code if channel else None)
    # Block and review reasons per field, each term once with its count (like the submit refusal).
    return jsonify({**report.to_dict(), "reasons": reasons_by_severity(report)})


@bp.route("/pieces/<int:piece_id>/submit", methods=["POST"])
@roles_required(*WRITERS)
@answers_in_place("submit-form", "content.piece")
def submit(piece_id: int) -> Response:
    """Send the piece to review; a refusal (empty, blocked words…) is shown by the button."""
    item = _piece(piece_id)
    services.submit(current_user, item)
    flash(_("已提交审核。"), "success")
    return redirect(url_for("content.piece", piece_id=item.id))


@bp.route("/pieces/<int:piece_id>/archive", methods=["POST"])
@roles_required(*WRITERS)
@answers_in_place("archive-form", "content.piece")
def archive(piece_id: int) -> Response:
    """Archive a piece that is not live."""
    item = _piece(piece_id)
    form = ConfirmForm()
    validated(form)
    services.archive(current_user, item, reason=form.reason.data or "")
    flash(_("稿件已归档。"), "success")
    return redirect(url_for("content.piece", piece_id=item.id))


@bp.route("/pieces/<int:piece_id>/revisions")
@login_required
def revisions(piece_id: int) -> str:
    """Revision list, and a diff between any two (?a=N&b=M, revision numbers)."""
    item = _piece(piece_id)
    by_number = {r.number: r for r in item.revisions}
    latest = max(by_number)
    a = request.args.get("a", type=int) or max(latest - 1, 1)
    b = request.args.get("b", type=int) or latest
    if a not in by_number or b not in by_number:
        abort(404)
    old, new = by_number[a], by_number[b]
    diffs = {
        field: diff_lines(getattr(old, field), getattr(new, field))
        for field in ("title", "summary", "body")
    }
    return render_template(
        "content/revisions.html",
        piece=item,
        old=old,
        new=new,
        diffs=diffs,
        changed=_changed(old, new),
    )


# What a revision may change, in the order the comparison page names the changes.
REVISION_FIELDS = {
    "title": _l("标题"),
    "summary": _l("摘要"),
    "body": _l("正文"),
    "cover": _l("封面"),
    "content_type": _l("内容类型"),
    "channel_code": _l("渠道"),
}


def _changed(old: Revision, new: Revision) -> list[str]:
    fields = REVISION_FIELDS.items()
    return [str(label) for field, label in fields if getattr(old, field) != getattr(new, field)]


@bp.route("/covers/<name>")
@login_required
def cover(name: str) -> Response:
    """Serve an uploaded cover image to signed-in users (cached by their browser only)."""
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "covers"
    response = send_from_directory(folder, name, max_age=3600)
    response.cache_control.public = False
    response.cache_control.private = True
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
