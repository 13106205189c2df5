"""Comments on a piece and on a highlighted span of one revision, with replies."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from app import audit
from app.content.services import can_edit
from app.errors import N_, InvalidInput, NotFound, PermissionDenied
from app.extensions import db
from app.models import Comment, Piece, Revision, Role, User
from app.rendering import strip_markers

COMMENT_MAX = 5000
FIELDS = ("title", "summary", "body")


@dataclass(frozen=True)
class Anchor:
    """A span [start, end) of one field of one revision, in code points."""

    revision_id: int
    field: str
    start: int
    end: int


@dataclass
class Thread:
    """A top-level comment, the text it points at, and its replies."""

    comment: Comment
    quote: str = ""
    replies: list[Comment] = field(default_factory=list)


def may_comment(user: User, piece: Piece) -> bool:
    """The writer (or a manager) and everyone who reviews."""
    return can_edit(user, piece) or user.has_role(Role.REVIEWER, Role.LEGAL, Role.MANAGER)


def add_comment(
    user: User,
    piece: Piece,
    body: str,
    *,
    anchor: Anchor | None = None,
    parent_id: int | None = None,
) -> Comment:
    """Add a comment (optionally on a span, optionally as a reply); InvalidInput on bad input."""
    if not may_comment(user, piece):
        raise PermissionDenied(N_("你不能评论这篇稿件。"))
    body = strip_markers(body).strip()
    if not body:
        raise InvalidInput(N_("评论不能为空。"), field="body")
    if len(body) > COMMENT_MAX:
        raise InvalidInput(
            N_("评论不能超过 %(comment_max)s 个字符（当前 %(count)s 个）。"),
            params={"comment_max": COMMENT_MAX, "count": len(body)},
            field="body",
        )
    if parent_id is not None:
        parent = db.session.get(Comment, parent_id)
        if parent is None or parent.piece_id != piece.id:
            raise NotFound(N_("要回复的评论不存在。"))
        anchor = None  # a reply belongs to its thread
    if anchor is not None:
        _check_anchor(piece, anchor)
    comment = Comment(
        piece_id=piece.id,
        revision_id=anchor.revision_id if anchor else piece.current_revision_id,
        parent_id=parent_id,
        author_id=user.id,
        body=body,
        anchor_field=anchor.field if anchor else None,
        anchor_start=anchor.start if anchor else None,
        anchor_end=anchor.end if anchor else None,
    )
    db.session.add(comment)
    db.session.flush()
    audit.record(user, "comment.add", comment, details={"piece_id": piece.id})
    db.session.commit()
    return comment


def _check_anchor(piece: Piece, anchor: Anchor) -> None:
    revision = db.session.get(Revision, anchor.revision_id)
    if revision is None or revision.piece_id != piece.id:
        raise InvalidInput(N_("评论所指的版本不存在。"))
    if anchor.field not in FIELDS:
        raise InvalidInput(N_("只能评论标题、摘要或正文中的文字。"))
    text = getattr(revision, anchor.field)
    if not 0 <= anchor.start < anchor.end <= len(text):
        raise InvalidInput(N_("选中的文字范围无效，请重新选择。"))


def threads(piece: Piece) -> list[Thread]:
    """Top-level comments oldest first, each with its quoted span and replies."""
    return threads_of([piece.id])[piece.id]


def threads_of(piece_ids: list[int]) -> dict[int, list[Thread]]:
    """threads() for several pieces with one statement for their comments (for lists)."""
    comments = db.session.scalars(
        select(Comment).where(Comment.piece_id.in_(piece_ids)).order_by(Comment.id)
    ).all()
    by_id: dict[int, Thread] = {}
    found: dict[int, list[Thread]] = {piece_id: [] for piece_id in piece_ids}
    for comment in comments:
        if comment.parent_id is None:
            by_id[comment.id] = Thread(comment, _quote(comment))
            found[comment.piece_id].append(by_id[comment.id])
        elif comment.parent_id in by_id:
            by_id[comment.parent_id].replies.append(comment)
    return found


def _quote(comment: Comment) -> str:
    if comment.anchor_field is None or comment.revision_id is None:
        return ""
    revision = db.session.get(Revision, comment.revision_id)
    text = getattr(revision, comment.anchor_field, "") if revision else ""
    return text[comment.anchor_start : comment.anchor_end]
