"""Use cases on the writer's side: topics, the topic meeting, saving pieces, submitting."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar

from flask import current_app
from PIL import Image
from sqlalchemy import func, select, update

from app import audit
from app.channels import http_link
from app.checks.services import check_draft, check_revision, ensure_not_blocked
from app.errors import N_, Conflict, InvalidInput, Joined, MessageId, PermissionDenied
from app.extensions import db, rowcount
from app.models import (
    AdapterKind,
    Channel,
    ContentType,
    JobState,
    Piece,
    PublishJob,
    Revision,
    Role,
    Topic,
    User,
    content_hash,
    utcnow,
)
from app.notifications.events import Words
from app.notifications.services import ids_with_roles, notify_ids
from app.rendering import strip_markers
from app.workflow import APPROVED_STATES, EDITABLE, Action, Status, TopicStatus, advance

T = TypeVar("T")

TITLE_MAX = 64
SUMMARY_MAX = 120
IMAGE_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpg",
    b"GIF87a": "gif",
    b"GIF89a": "gif",
}


@dataclass(frozen=True)
class Draft:
    """The editable content of a piece, as a writer submits it from the editor."""

    title: str
    summary: str
    body: str
    content_type: str
    channel: Channel
    cover: str = ""
    tags: tuple[str, ...] = ()
    planned_date: date | None = None
    # A new cover (its name is ``cover``), written only once the draft is valid.
    cover_upload: CoverUpload | None = None

    def __post_init__(self) -> None:
        # The private-use characters U+E000–E002 mark hits on the review page; none come in.
        for name in ("title", "summary", "body"):
            object.__setattr__(self, name, strip_markers(getattr(self, name)))

    def hashed_fields(self) -> dict[str, str]:
        """The fields an approval is pinned to."""
        return {
            "title": self.title,
            "summary": self.summary,
            "body": self.body,
            "cover": self.cover,
            "content_type": self.content_type,
            "channel": self.channel.code,
        }


def transition(
    piece: Piece,
    action: Action,
    actor: User | None,
    *,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Move a piece through the workflow table and write the audit row (no commit)."""
    before = piece.status
    piece.status = advance(before, action).value
    audit.record(
        actor,
        f"piece.{action.value}",
        piece,
        from_state=before,
        to_state=piece.status,
        reason=reason,
        details=details,
    )


# --- topics -----------------------------------------------------------------------------------


def propose_topic(
    user: User,
    *,
    title: str,
    brief: str,
    content_type: str,
    channels: list[Channel],
    target_week: date | None,
) -> Topic:
    """A writer (or anyone on the team) proposes a topic for the next topic meeting."""
    title, brief = strip_markers(title).strip(), strip_markers(brief)
    if not title:
        raise InvalidInput(N_("选题标题不能为空。"))
    _check_content_type(content_type)
    if not channels:
        raise InvalidInput(N_("请至少选择一个渠道。"))
    topic = Topic(
        title=title,
        brief=brief.strip(),
        content_type=content_type,
        channels=channels,
        target_week=_monday(target_week) if target_week else None,
        proposer=user,
        owner=user,
    )
    db.session.add(topic)
    db.session.flush()
    audit.record(user, "topic.propose", topic, to_state=topic.status)
    db.session.commit()
    return topic


def decide_topic(
    manager: User, topic: Topic, *, accept: bool, note: str, owner: User | None = None
) -> list[Piece]:
    """The topic meeting: accept (spawning one draft piece per channel) or reject with a note."""
    if topic.status != TopicStatus.PROPOSED:
        raise InvalidInput(N_("该选题已经评审过了。"))
    if not accept and not note.strip():
        raise InvalidInput(N_("未采纳选题时请填写原因。"), field="note")
    before = topic.status
    topic.status = (TopicStatus.ACCEPTED if accept else TopicStatus.REJECTED).value
    topic.decided_by, topic.decided_at, topic.decision_note = manager, utcnow(), note.strip()
    if owner is not None:
        topic.owner = owner
    audit.record(
        manager, "topic.decide", topic, from_state=before, to_state=topic.status, reason=note
    )
    pieces = (
        [_piece_from_topic(topic, channel, manager) for channel in topic.channels] if accept else []
    )
    db.session.commit()
    return pieces


def _piece_from_topic(topic: Topic, channel: Channel, actor: User) -> Piece:
    """Create the first draft of a piece from an accepted topic."""
    writer = topic.owner or topic.proposer
    draft = Draft(
        title=topic.title[:TITLE_MAX],
        summary="",
        body="",
        content_type=topic.content_type,
        channel=channel,
        planned_date=topic.target_week,
    )
    piece = _new_piece(writer, draft, topic=topic)
    audit.record(actor, "piece.create", piece, to_state=piece.status, details={"topic": topic.id})
    return piece


# --- pieces -----------------------------------------------------------------------------------


def create_piece(user: User, draft: Draft, *, topic: Topic | None = None) -> Piece:
    """A writer starts a new piece; its first save is revision 1."""
    validate_draft(draft)
    if topic is not None and topic.status != TopicStatus.ACCEPTED:
        raise InvalidInput(N_("只能基于已采纳的选题创建稿件。"))
    store_cover(draft.cover_upload)
    piece = _new_piece(user, draft, topic=topic)
    audit.record(user, "piece.create", piece, to_state=piece.status)
    db.session.commit()
    return piece


def _new_piece(user: User, draft: Draft, *, topic: Topic | None) -> Piece:
    piece = Piece(
        topic=topic,
        channel=draft.channel,
        content_type=draft.content_type,
        status=Status.DRAFT.value,
        owner=user,
        last_editor=user,
        tags=",".join(draft.tags),
        planned_date=draft.planned_date,
    )
    db.session.add(piece)
    db.session.flush()
    _add_revision(piece, draft, user)
    return piece


def save_piece(user: User, piece: Piece, draft: Draft) -> Revision | None:
    """Save the editor: a new revision only if the content changed; an approval is then reset."""
    ensure_can_edit(user, piece)
    validate_draft(draft)
    store_cover(draft.cover_upload)
    piece.tags = ",".join(draft.tags)
    piece.planned_date = draft.planned_date
    current = piece.current_revision
    if current is not None and current.content_hash == content_hash(draft.hashed_fields()):
        db.session.commit()
        return None
    piece.channel, piece.content_type, piece.last_editor = draft.channel, draft.content_type, user
    revision = _add_revision(piece, draft, user)
    if piece.status in APPROVED_STATES:
        piece.approved_hash = None
        piece.compliance_flag = ""  # back to review: the flag has done its job
        piece.publish_at = None
        piece.submitted_at = utcnow()
        transition(piece, Action.REVISE, user, reason="审核通过后内容被修改，需重新审核")
        if (job := db.session.get(PublishJob, piece.id)) is not None:
            job.clear_alert_markers()  # its next publish time is a new one
    db.session.commit()
    return revision


def _add_revision(piece: Piece, draft: Draft, author: User) -> Revision:
    """Append a revision to the piece and make it current (no commit)."""
    number = (
        db.session.scalar(select(func.max(Revision.number)).where(Revision.piece_id == piece.id))
        or 0
    ) + 1
    revision = Revision(
        piece_id=piece.id,
        number=number,
        title=draft.title,
        summary=draft.summary,
        body=draft.body,
        cover=draft.cover,
        content_type=draft.content_type,
        channel_code=draft.channel.code,
        content_hash=content_hash(draft.hashed_fields()),
        author=author,
    )
    db.session.add(revision)
    db.session.flush()
    check_revision(revision, log_hits=True)
    piece.current_revision = revision
    return revision


def submit(user: User, piece: Piece) -> None:
    """The writer sends the piece to the review queue."""
    # The transition table decides which states may be submitted: an illegal move is a 409.
    ensure_can_edit(user, piece, allow_states=None)
    advance(piece.status, Action.SUBMIT)
    revision = piece.current_revision
    if revision is None or not revision.body.strip():
        raise InvalidInput(N_("正文为空，不能提交审核。"))
    ensure_not_blocked(check_revision(revision), "提交审核")
    transition(piece, Action.SUBMIT, user)
    piece.submitted_at = utcnow()
    others = [i for i in ids_with_roles(Role.REVIEWER) if i not in (piece.owner_id, user.id)]
    title = Words.of("submitted", piece=revision.title)
    notify_ids(others, "submitted", title, url=f"/review/{piece.id}", piece=piece)
    db.session.commit()


def archive(user: User, piece: Piece, *, reason: str = "") -> None:
    """Put a piece away from any non-live state."""
    ensure_can_edit(user, piece, allow_states=None)
    transition(piece, Action.ARCHIVE, user, reason=reason)
    db.session.commit()


def mark_published(user: User, piece: Piece, *, url: str) -> None:
    """Record a post made by hand: approved/scheduled → publishing → published, all audited.

    Callers go through ``app.schedule.services.mark_published``, which first checks the posting
    policy as a schedule for now (promo share, group sends, blackouts); this is the recording.

    Refused while the publisher is posting the piece through an API (a second, manual post would
    be a duplicate), and when what would be recorded is no longer what was approved or now has a
    blocking hit against the CURRENT word lists.
    """
    url = http_link(url)
    if not url:
        raise InvalidInput(N_("请填写以 http:// 或 https:// 开头的发布链接。"), field="url")
    if piece.status not in (Status.APPROVED, Status.SCHEDULED):
        advance(piece.status, Action.MARK_PUBLISHED)  # IllegalTransition before any other check
    _ensure_no_api_publish(piece)
    revision = piece.current_revision
    if revision is None or revision.content_hash != piece.approved_hash:
        raise Conflict(
            N_("当前内容与审核通过的版本不一致（审核通过后被修改），请重新送审后再发布。")
        )
    report = check_draft(revision.title, revision.summary, revision.body, revision.channel_code)
    ensure_not_blocked(report, "标记为已发布")
    _take(piece)
    if piece.status == Status.APPROVED:
        transition(piece, Action.SCHEDULE, user, reason="手动发布")
    if piece.status == Status.SCHEDULED:
        transition(piece, Action.START_PUBLISHING, user, reason="手动发布")
    transition(piece, Action.MARK_PUBLISHED, user)
    piece.post_url, piece.published_at = url, utcnow()
    db.session.commit()


def _ensure_no_api_publish(piece: Piece) -> None:
    """Conflict while a non-manual publish job holds the piece (running, or waiting to retry)."""
    job = db.session.get(PublishJob, piece.id, populate_existing=True)
    busy = (JobState.RUNNING.value, JobState.PENDING.value)
    if (
        piece.status == Status.PUBLISHING
        and job is not None
        and job.adapter != AdapterKind.MANUAL.value
        and job.state in busy
    ):
        raise Conflict(
            N_(
                "发布进程正在通过平台接口发布这篇稿件，不能同时手动标记为已发布；"
                "请等待结果，或在发布失败后再手动处理。"
            )
        )


def _take(piece: Piece) -> None:
    """Take the piece's row unless the publisher claimed it since it was read (Conflict)."""
    taken = db.session.execute(
        update(Piece)
        .where(Piece.id == piece.id, Piece.status == piece.status)
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if rowcount(taken) != 1:
        db.session.rollback()
        raise Conflict(N_("这篇稿件刚刚已开始自动发布，请刷新页面查看最新状态。"))


# --- rules ------------------------------------------------------------------------------------


def can_edit(user: User, piece: Piece) -> bool:
    """Owners edit their pieces; managers may edit anyone's."""
    return piece.owner_id == user.id or user.has_role(Role.MANAGER)


def may_change(user: User, piece: Piece) -> bool:
    """Whether `user` may edit, submit or archive the piece (the state aside): the rule of
    `ensure_can_edit`, for pages deciding which controls to show."""
    return user.has_role(Role.WRITER, Role.MANAGER) and can_edit(user, piece)


def ensure_can_edit(
    user: User, piece: Piece, *, allow_states: frozenset[Status] | None = EDITABLE
) -> None:
    """Raise PermissionDenied unless `user` may change this piece in its current state."""
    if not may_change(user, piece):
        raise PermissionDenied(N_("你不能修改别人的稿件。"))
    if allow_states is not None and piece.status not in allow_states:
        raise InvalidInput(N_("该稿件当前状态下不能修改。"))


def validate_draft(draft: Draft) -> None:
    """Check the editor's fields; raise InvalidInput with every problem in Chinese."""
    problems: list[str] = []
    if not draft.title.strip():
        problems.append(MessageId(N_("标题不能为空。")))
    if len(draft.title) > TITLE_MAX:
        problems.append(MessageId(N_("标题不能超过 %(count)s 个字符。"), count=TITLE_MAX))
    if len(draft.summary) > SUMMARY_MAX:
        problems.append(MessageId(N_("摘要不能超过 %(count)s 个字符。"), count=SUMMARY_MAX))
    limit = current_app.config["MAX_BODY_CHARS"]
    if len(draft.body) > limit:
        problems.append(
            MessageId(
                N_("正文不能超过 %(limit)s 个字符（当前 %(count)s 个）。"),
                limit=limit,
                count=len(draft.body),
            )
        )
    if draft.content_type not in {t.value for t in ContentType}:
        problems.append(MessageId(N_("请选择内容类型。")))
    if problems:
        raise InvalidInput("%(problems)s", params={"problems": Joined(problems)})


def _check_content_type(content_type: str) -> None:
    if content_type not in {t.value for t in ContentType}:
        raise InvalidInput(N_("请选择内容类型。"))


def _monday(day: date) -> date:
    return date.fromordinal(day.toordinal() - day.weekday())


# --- covers -----------------------------------------------------------------------------------

COVER_MAX_PIXELS = 25_000_000  # decoded size is checked before decoding (decompression bombs)
COVER_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")


@dataclass(frozen=True)
class CoverUpload:
    """A verified, re-encoded cover image waiting to be stored under ``name``."""

    name: str
    data: bytes = field(repr=False)


def prepare_cover(stream: IO[bytes]) -> CoverUpload:
    """Verify an uploaded cover by decoding it, and re-encode it (no metadata, no trailing bytes).

    PNG/JPEG/GIF/WebP of at most MAX_COVER_BYTES and COVER_MAX_PIXELS; JPEG stays JPEG, the others
    become PNG (the first frame of an animation). Nothing is written: ``store_cover`` does that
    once the draft it belongs to is valid.
    """
    limit = current_app.config["MAX_COVER_BYTES"]
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput(
            N_("封面图片不能超过 %(value)s MB。"), params={"value": limit // (1024 * 1024)}
        )
    not_an_image = InvalidInput(N_("封面必须是 PNG、JPEG、GIF 或 WebP 格式的图片。"))
    if image_extension(data) is None:
        raise not_an_image
    try:
        with Image.open(io.BytesIO(data), formats=COVER_FORMATS) as image:
            width, height = image.size
            if width * height > COVER_MAX_PIXELS:
                raise InvalidInput(
                    N_("封面图片的尺寸太大（%(width)s×%(height)s），请缩小到 2500 万像素以内。"),
                    params={"width": width, "height": height},
                )
            image.load()
            encoded, extension = _reencode(image)
    except InvalidInput:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, EOFError):
        raise not_an_image from None
    return CoverUpload(f"{hashlib.sha256(encoded).hexdigest()[:32]}.{extension}", encoded)


def _reencode(image: Image.Image) -> tuple[bytes, str]:
    """The image's pixels written afresh: JPEG as JPEG, everything else as PNG; no metadata."""
    out = io.BytesIO()
    if image.format == "JPEG":
        frame = image.convert("L" if image.mode == "L" else "RGB")
        frame.info = {}
        frame.save(out, "JPEG", quality=90, optimize=True)
        return out.getvalue(), "jpg"
    keep = image.mode if image.mode in ("RGB", "RGBA", "L", "LA") else "RGBA"
    frame = image.convert(keep)
    frame.info = {}
    frame.save(out, "PNG", optimize=True)
    return out.getvalue(), "png"


def store_cover(upload: CoverUpload | None) -> None:
    """Write a prepared cover into the uploads (by content hash, so a repeat is a no-op)."""
    if upload is None:
        return
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "covers"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / upload.name
    if not path.exists():
        path.write_bytes(upload.data)


def image_extension(data: bytes) -> str | None:
    """The image type from its magic bytes, or None if it is not a supported image."""
    for signature, extension in IMAGE_SIGNATURES.items():
        if data.startswith(signature):
            return extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None
