"""Authorisations (issue 19): recording, attaching, the gates, withdrawal, take-downs, erasure.

Decisions written down here:

* A UGC piece needs at least one attached authorisation, and **every** attached one must cover
  it: a buyer-show with five customers goes out only if all five agreed. Other content types are
  not gated.
* "Covers" means: neither withdrawn nor erased; the piece's channel is among its channels; the
  day (brand zone) lies within from–until, both inclusive; and it allows each use the piece makes —
  text always, photos when the current revision has a cover or a Markdown image, video on 视频号
  and 抖音.
* The day is the publish time's day when the piece has one, else its planned date, else today.
  Approval checks that day; scheduling checks the new time's day and names the authorisation's
  end; the publisher checks the day it goes out and holds the piece (``held``) otherwise.
* Withdrawal lists every piece using it: scheduled (or publishing) pieces are held, approved ones
  go back to review (the workflow has no hold before scheduling), published ones get a take-down
  task — a 公众号 with an article id through the platform's delete call (``app.publishing.
  takedowns``, run by the worker), any other channel by a person who confirms. Each step is
  audited and alerted; a task stays open (and listed) until done.
* PIPL erasure removes the contact, the evidence file and the customer's name; the row stays as
  a tombstone (dates, channels, who recorded it) with an audit entry, and counts as withdrawn.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from app import audit
from app.checks.services import check_revision
from app.content.services import transition
from app.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from app.extensions import db
from app.models import (
    AdapterKind,
    Authorisation,
    Channel,
    ChannelKind,
    ContentType,
    HowGiven,
    JobState,
    Piece,
    PieceAuthorisation,
    PublishJob,
    Role,
    TakedownKind,
    TakedownState,
    TakedownTask,
    User,
    utcnow,
)
from app.notifications.events import N_, Event, Words
from app.notifications.outbox import alert, approvers, managers
from app.notifications.services import notify, users_with_roles
from app.notifications.wording import say
from app.runtime import secret_box
from app.workflow import Action, Status
from app.zones import brand_zone

EVIDENCE_FOLDER = "consent"
EVIDENCE_TYPES = {  # extension → (content type, leading bytes)
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
CUSTOMER_MAX = 80
CONTACT_MAX = 200
VIDEO_KINDS = frozenset({ChannelKind.CHANNELS.value, ChannelKind.DOUYIN.value})
RECORDERS = (Role.WRITER, Role.REVIEWER, Role.LEGAL, Role.MANAGER, Role.ADMIN)
EVIDENCE_READERS = (Role.REVIEWER, Role.LEGAL, Role.ADMIN)
WITHDRAWERS = (Role.REVIEWER, Role.LEGAL, Role.MANAGER, Role.ADMIN)
ERASERS = (Role.LEGAL, Role.ADMIN)
TAKEDOWN_CONFIRMERS = (Role.REVIEWER, Role.MANAGER, Role.ADMIN)
USE_LABELS = {"text": N_("文字"), "photos": N_("图片"), "video": N_("视频")}
TAKEDOWN_REMIND_AFTER = timedelta(hours=24)


class ConsentMissing(Conflict):
    """A UGC piece without a valid authorisation for what is being done.

    ``words`` is the refusal as message keys with parameters; the message and ``problems`` are
    written from them in the reader's language when raised (Chinese outside a request).
    """

    code = "consent_missing"

    def __init__(self, words: Words, found: list[Words], piece_id: int) -> None:
        super().__init__(
            say(words).strip(), problems=[say(reason) for reason in found], piece_id=piece_id
        )
        self.words = words


@dataclass
class AuthorisationInput:
    """What a person records about one customer's consent."""

    customer: str
    contact: str
    channel_codes: list[str]
    valid_from: date | None
    valid_until: date | None
    how_given: str
    allow_text: bool = True
    allow_photos: bool = False
    allow_video: bool = False
    show_name: bool = False
    note: str = ""
    minor: bool = False  # under 14 (PIPL Art. 31): a guardian's consent is required
    guardian: str = ""


@dataclass
class Evidence:
    """An uploaded evidence file."""

    filename: str
    data: bytes


@dataclass
class WithdrawalReport:
    """What a withdrawal did, piece ids by outcome."""

    held: list[int] = field(default_factory=list)
    back_to_review: list[int] = field(default_factory=list)
    takedowns: list[int] = field(default_factory=list)
    unaffected: list[int] = field(default_factory=list)


def _ensure_role(user: User, roles: tuple[Role, ...], message: str) -> None:
    if not any(user.has_role(role) for role in roles):
        raise PermissionDenied(message)


def may_read_evidence(user: User) -> bool:
    """Reviewers, legal and admins (issue 19 item 5)."""
    return any(user.has_role(role) for role in EVIDENCE_READERS)


# --- recording -----------------------------------------------------------------------------------


def record_authorisation(user: User, data: AuthorisationInput, evidence: Evidence) -> Authorisation:
    """Validate and store one authorisation with its evidence file; audited."""
    _ensure_role(user, RECORDERS, N_("你没有登记用户授权的权限。"))
    customer = data.customer.strip()
    if not customer:
        raise InvalidInput(N_("请填写用户姓名或昵称。"), field="customer")
    if len(customer) > CUSTOMER_MAX:
        raise InvalidInput(
            N_("用户姓名或昵称不能超过 %(customer_max)s 个字符。"),
            params={"customer_max": CUSTOMER_MAX},
            field="customer",
        )
    contact = data.contact.strip()
    if len(contact) > CONTACT_MAX:
        raise InvalidInput(
            N_("联系方式不能超过 %(contact_max)s 个字符。"),
            params={"contact_max": CONTACT_MAX},
            field="contact",
        )
    guardian = data.guardian.strip()
    if data.minor and not guardian:
        raise InvalidInput(
            N_(
                "未满 14 周岁的用户须由监护人同意，"
                "请填写监护人姓名（《个人信息保护法》第三十一条）。"
            ),
            field="guardian",
        )
    if len(guardian) > CUSTOMER_MAX:
        raise InvalidInput(
            N_("监护人姓名不能超过 %(customer_max)s 个字符。"),
            params={"customer_max": CUSTOMER_MAX},
            field="guardian",
        )
    codes = _known_channels(data.channel_codes)
    if data.valid_from is None or data.valid_until is None:
        raise InvalidInput(N_("请填写授权的起止日期。"), field="valid_from")
    if data.valid_until < data.valid_from:
        raise InvalidInput(N_("授权截止日期不能早于开始日期。"), field="valid_until")
    if data.how_given not in {how.value for how in HowGiven}:
        raise InvalidInput(N_("请选择授权方式。"), field="how_given")
    if not (data.allow_text or data.allow_photos or data.allow_video):
        raise InvalidInput(
            N_("请至少勾选一种授权使用的内容（文字、图片或视频）。"), field="allow_text"
        )
    stored_name, content_type = _store_evidence(evidence)
    row = Authorisation(
        customer=customer,
        contact_encrypted=secret_box().encrypt(contact) if contact else "",
        allow_text=data.allow_text,
        allow_photos=data.allow_photos,
        allow_video=data.allow_video,
        show_name=data.show_name,
        minor=data.minor,
        guardian=guardian if data.minor else "",
        channel_codes=codes,
        valid_from=data.valid_from,
        valid_until=data.valid_until,
        how_given=data.how_given,
        note=data.note.strip()[:2000],
        evidence_file=stored_name,
        evidence_name=os.path.basename(evidence.filename)[:200],
        evidence_type=content_type,
        recorded_by_id=user.id,
        withdrawal_reason="",
    )
    db.session.add(row)
    db.session.flush()
    audit.record(user, "consent.record", row, details={"channels": codes})
    db.session.commit()
    return row


def _known_channels(codes: list[str]) -> list[str]:
    wanted = sorted({code.strip() for code in codes if code.strip()})
    if not wanted:
        raise InvalidInput(N_("请至少选择一个授权的渠道。"), field="channel_codes")
    known = set(db.session.scalars(select(Channel.code).where(Channel.code.in_(wanted))))
    unknown = [code for code in wanted if code not in known]
    if unknown:
        raise InvalidInput(
            N_("未知渠道：%(value)s。"), params={"value": "、".join(unknown)}, field="channel_codes"
        )
    return wanted


def evidence_folder() -> Path:
    """Where evidence files are kept: under UPLOAD_FOLDER, never under static."""
    return Path(current_app.config["UPLOAD_FOLDER"]) / EVIDENCE_FOLDER


def _store_evidence(evidence: Evidence) -> tuple[str, str]:
    """Check the file's size, extension and leading bytes; store it under a random name."""
    if not evidence.data:
        raise InvalidInput(N_("请上传授权凭证（签署的授权书或截图）。"), field="evidence")
    limit = int(current_app.config.get("CONSENT_EVIDENCE_MAX_BYTES", EVIDENCE_MAX_BYTES))
    if len(evidence.data) > limit:
        size = limit // (1024 * 1024)
        raise InvalidInput(
            N_("授权凭证不能超过 %(size)s MB。"), params={"size": size}, field="evidence"
        )
    extension = Path(evidence.filename).suffix.lower()
    known = EVIDENCE_TYPES.get(extension)
    if known is None or not evidence.data.startswith(known[1]):
        raise InvalidInput(N_("授权凭证只能是 PDF、PNG 或 JPEG 文件。"), field="evidence")
    folder = evidence_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{uuid.uuid4().hex}{extension}"
    (folder / stored).write_bytes(evidence.data)
    return stored, known[0]


def evidence_path(user: User, authorisation: Authorisation) -> tuple[Path, str, str]:
    """The evidence file for a reader allowed to see it: path, content type, download name."""
    _ensure_role(user, EVIDENCE_READERS, N_("只有审核员、法务和管理员可以查看授权凭证。"))
    if not authorisation.evidence_file:
        raise NotFound(N_("授权凭证不存在或已按用户要求删除。"))
    path = evidence_folder() / authorisation.evidence_file
    if not path.is_file():
        raise NotFound(N_("授权凭证不存在或已按用户要求删除。"))
    return path, authorisation.evidence_type, authorisation.evidence_name or path.name


def contact_of(user: User, authorisation: Authorisation) -> str:
    """The decrypted contact, for evidence readers only."""
    if not may_read_evidence(user) or not authorisation.contact_encrypted:
        return ""
    return secret_box().decrypt(authorisation.contact_encrypted)


# --- attaching -----------------------------------------------------------------------------------


def attach(user: User, piece: Piece, authorisation: Authorisation) -> None:
    """A writer attaches an authorisation to their UGC piece (or an editor, reviewer, manager)."""
    _ensure_can_edit(user, piece)
    if piece.content_type != ContentType.UGC.value:
        raise InvalidInput(N_("只有“用户内容”类型的稿件需要关联用户授权。"))
    if not authorisation.active:
        raise InvalidInput(N_("这份授权已撤回或已删除，不能再关联。"))
    if db.session.get(PieceAuthorisation, (piece.id, authorisation.id)) is not None:
        return
    db.session.add(
        PieceAuthorisation(
            piece_id=piece.id, authorisation_id=authorisation.id, attached_by_id=user.id
        )
    )
    # on the authorisation: a piece's own trail replays through the workflow table
    audit.record(user, "consent.attach", authorisation, details={"piece": piece.id})
    db.session.flush()
    _recheck_stored(piece)
    db.session.commit()


def detach(user: User, piece: Piece, authorisation: Authorisation) -> None:
    """Remove an attachment (not from a piece that is out or on its way)."""
    _ensure_can_edit(user, piece)
    if piece.status in (Status.SCHEDULED, Status.PUBLISHING, Status.PUBLISHED):
        raise InvalidInput(N_("已排期或已发布的稿件不能取消关联授权；如用户撤回授权，请登记撤回。"))
    link = db.session.get(PieceAuthorisation, (piece.id, authorisation.id))
    if link is None:
        return
    db.session.delete(link)
    # on the authorisation: a piece's own trail replays through the workflow table
    audit.record(user, "consent.detach", authorisation, details={"piece": piece.id})
    db.session.flush()
    _recheck_stored(piece)
    db.session.commit()


def _recheck_stored(piece: Piece) -> None:
    """The stored report of the current revision again: a name shown by consent is no hit."""
    if piece.current_revision is not None:
        check_revision(piece.current_revision)


def _ensure_can_edit(user: User, piece: Piece) -> None:
    if user.id == piece.owner_id or any(
        user.has_role(role) for role in (Role.REVIEWER, Role.MANAGER)
    ):
        return
    raise PermissionDenied(N_("只有稿件作者、审核员或运营主管可以关联用户授权。"))


def authorisations_of(piece: Piece) -> list[Authorisation]:
    """The authorisations attached to a piece, oldest first."""
    query = (
        select(Authorisation)
        .join(PieceAuthorisation, PieceAuthorisation.authorisation_id == Authorisation.id)
        .where(PieceAuthorisation.piece_id == piece.id)
        .order_by(Authorisation.id)
    )
    return list(db.session.scalars(query))


def pieces_using(authorisation: Authorisation) -> list[Piece]:
    """Every piece the authorisation is attached to."""
    query = (
        select(Piece)
        .join(PieceAuthorisation, PieceAuthorisation.piece_id == Piece.id)
        .where(PieceAuthorisation.authorisation_id == authorisation.id)
        .order_by(Piece.id)
    )
    return list(db.session.scalars(query))


def attachable(piece: Piece) -> list[Authorisation]:
    """Active authorisations for the piece's channel not yet attached, newest first."""
    attached = {row.id for row in authorisations_of(piece)}
    query = select(Authorisation).where(
        Authorisation.withdrawn_at.is_(None), Authorisation.erased_at.is_(None)
    )
    rows = db.session.scalars(query.order_by(Authorisation.id.desc()).limit(200))
    return [
        row for row in rows if row.id not in attached and piece.channel.code in row.channel_codes
    ]


# --- the gates -----------------------------------------------------------------------------------


def uses_of(piece: Piece) -> list[str]:
    """What the piece uses of the customer's content: text, photos, video."""
    uses = ["text"]
    revision = piece.current_revision
    if revision is not None and (revision.cover or "![" in revision.body):
        uses.append("photos")
    if piece.channel.kind in VIDEO_KINDS:
        uses.append("video")
    return uses


def day_of(piece: Piece, at: datetime | None = None, now: datetime | None = None) -> date:
    """The brand-zone day the piece would go out: ``at``, its publish time, planned date, today."""
    when = at or piece.publish_at
    if when is not None:
        return when.astimezone(brand_zone()).date()
    if piece.planned_date is not None:
        return piece.planned_date
    return (now or utcnow()).astimezone(brand_zone()).date()


def reasons(piece: Piece, day: date) -> list[Words]:
    """Why the piece is not covered on ``day``, as words for the reader's language (empty when
    covered, or not UGC); customers and channels are parameters, dates YYYY-MM-DD."""
    if piece.content_type != ContentType.UGC.value:
        return []
    rows = authorisations_of(piece)
    if not rows:
        return [Words.of("consent.gate.none")]
    found = []
    uses = uses_of(piece)
    for row in rows:
        if row.erased_at is not None:
            found.append(Words.of("consent.gate.erased", customer=row.customer, number=row.id))
        elif row.withdrawn_at is not None:
            found.append(Words.of("consent.gate.withdrawn", customer=row.customer, number=row.id))
        else:
            found.extend(_coverage(row, piece, uses, day))
    return found


def problems(piece: Piece, day: date) -> list[str]:
    """``reasons`` in Chinese (logs, the CLI, tests)."""
    return [str(reason) for reason in reasons(piece, day)]


def _coverage(row: Authorisation, piece: Piece, uses: list[str], day: date) -> list[Words]:
    who: dict[str, str | int] = {"customer": row.customer, "number": row.id}
    issues = []
    if piece.channel.code not in row.channel_codes:
        issues.append(Words.of("consent.gate.channel", **who, channel=piece.channel.name))
    if day < row.valid_from:
        start = row.valid_from.isoformat()
        issues.append(Words.of("consent.gate.not_yet", **who, start=start, day=day.isoformat()))
    if day > row.valid_until:
        end = row.valid_until.isoformat()
        issues.append(Words.of("consent.gate.expired", **who, end=end, day=day.isoformat()))
    allowed = {"text": row.allow_text, "photos": row.allow_photos, "video": row.allow_video}
    missing = [use for use in uses if not allowed[use]]
    if missing:  # one message per combination: "文字、图片" reads as one list in each language
        issues.append(Words.of(f"consent.gate.no_{'_'.join(missing)}", **who))
    return issues


def _listed(head: Words, found: list[Words], end: Words | None = None) -> Words:
    """``head`` then the reasons, separated (；) in the reader's language, then ``end``."""
    words = head
    for number, reason in enumerate(found):
        words += (Words.of("consent.gate.and") if number else Words()) + reason
    return words + (end or Words())


def ensure_covered(piece: Piece, day: date, doing: Words) -> None:
    """Raise ConsentMissing naming every problem (the approval and scheduling gates); ``doing``
    is the refusal's head (“不能通过审核：”)."""
    found = reasons(piece, day)
    if found:
        words = _listed(doing, found, Words.of("period"))
        raise ConsentMissing(words, found, piece.id)


def ensure_approvable(piece: Piece, now: datetime | None = None) -> None:
    """The review gate: a UGC piece needs valid authorisations for its channel and day."""
    ensure_covered(piece, day_of(piece, now=now), Words.of("consent.refused.approve"))


def ensure_schedulable(piece: Piece, at: datetime) -> None:
    """The scheduling gate: the new time's day must lie within every authorisation."""
    day = day_of(piece, at=at)
    ensure_covered(piece, day, Words.of("consent.refused.schedule", day=day.isoformat()))


def ensure_publishable(piece: Piece, now: datetime) -> None:
    """A post recorded by hand now: the authorisations must cover today (as the publisher's)."""
    ensure_covered(piece, day_of(piece, at=now), Words.of("consent.refused.mark"))


def hold_words(piece: Piece, now: datetime) -> Words:
    """The publish-time gate: why the piece must be held now (empty when it may go out); the
    hold notice stores these words, its reason and the job's error their Chinese (``str()``)."""
    found = reasons(piece, day_of(piece, at=now))
    return _listed(Words.of("consent.held"), found) if found else Words()


# --- withdrawal and take-downs -------------------------------------------------------------------


def withdraw(
    user: User, authorisation: Authorisation, reason: str, now: datetime | None = None
) -> WithdrawalReport:
    """The customer withdrew consent: hold, send back or take down every piece using it."""
    _ensure_role(user, WITHDRAWERS, N_("只有审核员、法务、运营主管和管理员可以登记撤回授权。"))
    reason = reason.strip()
    if not reason:
        raise InvalidInput(
            N_("请填写撤回的说明（例如用户何时、通过什么方式撤回）。"), field="reason"
        )
    if authorisation.withdrawn_at is not None:
        raise InvalidInput(N_("这份授权已经撤回。"))
    report = _withdraw(user, authorisation, reason[:2000], now or utcnow())
    db.session.commit()
    return report


def _withdraw(user: User, row: Authorisation, reason: str, now: datetime) -> WithdrawalReport:
    row.withdrawn_at, row.withdrawn_by_id, row.withdrawal_reason = now, user.id, reason
    report = WithdrawalReport()
    for piece in pieces_using(row):
        _after_withdrawal(user, row, piece, now, report)
    audit.record(
        user,
        "consent.withdraw",
        row,
        reason=reason,
        details={
            "held": report.held,
            "back_to_review": report.back_to_review,
            "takedowns": report.takedowns,
            "unaffected": report.unaffected,
        },
    )
    return report


def _after_withdrawal(
    user: User, row: Authorisation, piece: Piece, now: datetime, report: WithdrawalReport
) -> None:
    words = Words.of("consent.withdrawn", number=row.id, customer=row.customer)
    why = str(words)
    if piece.status in (Status.SCHEDULED, Status.PUBLISHING):
        in_flight = piece.status == Status.PUBLISHING
        transition(piece, Action.HOLD, user, reason=why)
        job = db.session.get(PublishJob, piece.id)
        if job is not None and job.state != JobState.DONE:
            job.state, job.lease_owner, job.lease_expires_at = JobState.STOPPED.value, None, None
            job.batch_id = None
            job.last_error, job.last_error_code = why, "consent_withdrawn"
            job.last_error_params = words.to_json()  # said in the reader's language (issue 20)
        users = [*approvers(piece)[:1], piece.owner]
        alert(Event.HELD, piece, users, Words.as_is(piece.title), words, now)
        report.held.append(piece.id)
        if in_flight:  # a platform call may already have gone out: a person checks and deletes
            _takedown(user, row, piece, now, words + Words.of("consent.in_flight"), report)
    elif piece.status == Status.APPROVED:
        transition(piece, Action.REVISE, user, reason=why)
        piece.approved_hash, piece.submitted_at = None, now
        notify(
            [*approvers(piece)[:1], piece.owner],
            Event.CONSENT_WITHDRAWN,
            Words.of("consent_withdrawn", piece=piece.title),
            text=words,
            url=f"/review/{piece.id}",
            piece=piece,
            at=now,
        )
        report.back_to_review.append(piece.id)
    elif piece.status == Status.PUBLISHED:
        _takedown(user, row, piece, now, words, report)
    else:
        report.unaffected.append(piece.id)


def _takedown(
    user: User,
    row: Authorisation,
    piece: Piece,
    now: datetime,
    why: Words,
    report: WithdrawalReport,
) -> None:
    """Open a take-down task for the piece, audited and alerted (a held piece: by a person)."""
    task = _open_takedown(piece, row, manual=piece.status != Status.PUBLISHED)
    task.alerted_at = now
    db.session.flush()
    details = {"piece": piece.id, "kind": task.kind}
    audit.record(user, "consent.takedown_open", task, reason=str(why), details=details)
    title = Words.of("takedown", piece=piece.title)
    url = f"/consent/takedowns#task-{task.id}"
    notify(takedown_people(piece), Event.TAKEDOWN, title, text=why, url=url, piece=piece, at=now)
    report.takedowns.append(piece.id)


def _open_takedown(piece: Piece, row: Authorisation, *, manual: bool = False) -> TakedownTask:
    job = db.session.get(PublishJob, piece.id)
    settings = piece.channel.publishing
    article = job.platform_id if job is not None else ""
    wechat = (
        not manual
        and settings is not None
        and settings.adapter == AdapterKind.WECHAT_OA.value
        and bool(article)
    )
    task = TakedownTask(
        piece_id=piece.id,
        authorisation_id=row.id,
        kind=(TakedownKind.WECHAT if wechat else TakedownKind.MANUAL).value,
        state=TakedownState.OPEN.value,
        article_id=article if wechat else "",
        attempts=0,
        last_error="",
    )
    db.session.add(task)
    return task


def takedown_people(piece: Piece) -> list[User]:
    """Who hears about a take-down: the channel's manual assignee, else managers; and reviewers."""
    settings = piece.channel.publishing
    assignee = settings.assignee if settings is not None else None
    people = [assignee] if assignee is not None and assignee.active else managers()
    return [*people, *approvers(piece)[:1]]


def remind_takedowns(now: datetime) -> int:
    """Tell the people again about take-downs still open a day after the last alert; audited.
    Returns how many tasks were reminded (the worker's pass calls this)."""
    due = now - TAKEDOWN_REMIND_AFTER
    reminded = 0
    for task in open_takedowns():
        last = task.alerted_at or task.created_at
        if task.kind != TakedownKind.MANUAL.value or last > due:
            continue
        piece = task.piece
        days = max(1, (now - task.created_at).days)
        notify(
            takedown_people(piece),
            Event.TAKEDOWN,
            Words.of("takedown", piece=piece.title),
            text=Words.of("takedown.remind", days=days),
            url=f"/consent/takedowns#task-{task.id}",
            piece=piece,
            at=now,
        )
        audit.record(None, "consent.takedown_reminded", task, details={"piece": piece.id})
        task.alerted_at = now
        reminded += 1
    return reminded


def open_takedowns() -> list[TakedownTask]:
    """Take-down tasks not yet done, oldest first."""
    query = select(TakedownTask).where(TakedownTask.state == TakedownState.OPEN.value)
    return list(db.session.scalars(query.order_by(TakedownTask.id)))


def confirm_takedown(user: User, task: TakedownTask, note: str = "") -> None:
    """A person confirms the post is gone from the platform (manual channels, or after a failed
    delete call)."""
    _ensure_role(user, TAKEDOWN_CONFIRMERS, N_("只有审核员、运营主管和管理员可以确认下架。"))
    if task.state == TakedownState.DONE.value:
        return
    how = Words.as_is(note.strip()) or Words.of("takedown.confirmed")
    finish_takedown(task, user, how, utcnow())
    db.session.commit()


def finish_takedown(task: TakedownTask, user: User | None, how: Words, now: datetime) -> None:
    """Mark a take-down done, audited, and tell whoever was alerted (no commit)."""
    task.state, task.done_at, task.done_by_id = (
        TakedownState.DONE.value,
        now,
        user.id if user else None,
    )
    details = {"piece": task.piece_id}
    audit.record(user, "consent.takedown_done", task, reason=str(how), details=details)
    piece = task.piece
    notify(
        takedown_people(piece),
        Event.RECOVERED,
        Words.of("taken_down", piece=piece.title),
        text=how,
        url=f"/pieces/{piece.id}",
        piece=piece,
        at=now,
    )


# --- PIPL erasure --------------------------------------------------------------------------------


def erase(
    user: User, authorisation: Authorisation, reason: str, now: datetime | None = None
) -> None:
    """Delete a customer's data on request: contact, evidence and name go; a tombstone stays."""
    _ensure_role(user, ERASERS, N_("只有法务和管理员可以按用户要求删除个人信息。"))
    reason = reason.strip()
    if not reason:
        raise InvalidInput(N_("请填写删除依据（例如用户的删除请求编号）。"), field="reason")
    if authorisation.erased_at is not None:
        raise InvalidInput(N_("这位用户的个人信息已经删除。"))
    at = now or utcnow()
    if authorisation.withdrawn_at is None:
        _withdraw(user, authorisation, f"按用户要求删除个人信息：{reason}", at)
    if authorisation.evidence_file:
        (evidence_folder() / authorisation.evidence_file).unlink(missing_ok=True)
    had_evidence = bool(authorisation.evidence_file)
    authorisation.contact_encrypted = ""
    authorisation.evidence_file = authorisation.evidence_name = authorisation.evidence_type = ""
    authorisation.customer = f"（已删除 #{authorisation.id}）"
    authorisation.guardian = ""
    authorisation.note = ""
    authorisation.erased_at = at
    audit.record(
        user,
        "consent.erase",
        authorisation,
        reason=reason[:2000],
        details={"evidence_deleted": had_evidence, "contact_deleted": True},
    )
    db.session.commit()


def all_authorisations(page: int, per_page: int = 20) -> tuple[list[Authorisation], int]:
    """One page of authorisations, newest first, and the total."""
    total = db.session.scalar(select(func.count()).select_from(Authorisation)) or 0
    query = (
        select(Authorisation)
        .order_by(Authorisation.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return list(db.session.scalars(query)), int(total)


def reviewers() -> list[User]:
    """Active reviewers (told about held pieces when no approver is known)."""
    return users_with_roles(Role.REVIEWER)
