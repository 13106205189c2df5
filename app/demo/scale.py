"""Scale data: a realistic year of work for load runs and the page benchmark (issue 16).

``flask demo-scale`` loads the demo (its six log-ins keep working), then adds in bulk: users in
every role (one shared password), twelve channels, the 64k-entry dictionary as a word-list import
(through ``apply_changes``, the one path for word-list changes), topics, and ``pieces`` pieces
spread over a year around today — each with one to three revisions carrying the report the
engine gives them, the review decisions and audit rows of the workflow path to its state, the
notices those steps sent, a publish job for what went out, and the hit log of every revision.

Decisions written down:

- The rows go in with SQLAlchemy Core executemany, ``BATCH`` pieces per transaction, ids chosen
  here (PostgreSQL's sequences are moved past them at the end), so that 50,000 pieces take
  minutes, not hours; nothing is checked twice: each text of the pool is checked once per
  platform against the current lexicon and its report reused for every piece written from it.
- A piece's state follows its date: before last week mostly published (some rejected or
  archived), around today every working state, after it scheduled, approved or still in the
  pipeline. Scheduled pieces are always due in the future, so a worker started on the data
  publishes nothing by surprise.
- Random choices come from ``random.Random(seed)``: the same arguments give the same data.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import Table, func, insert, select, text, update

from app.checks.current import current_lexicon
from app.checks.services import check_with
from app.checks.store import latest_version, rows_at
from app.compliance import Entry, Report
from app.compliance.lexicon import entry_problems
from app.compliance.normalize import normalise_key
from app.demo.dataset import PATHS, read_demo_data
from app.demo.loader import load_demo
from app.extensions import db
from app.lexicon.changes import apply_changes
from app.lexicon.services import ChangeSet
from app.models import (
    AuditEvent,
    Channel,
    ChannelKind,
    Decision,
    HitLog,
    LexiconEntry,
    Notification,
    Piece,
    PublishJob,
    ReviewDecision,
    Revision,
    Topic,
    User,
    UserRole,
    VersionKind,
    content_hash,
    topic_channel,
    utcnow,
)
from app.notifications.events import Event, Words
from app.workflow import Action, Status, TopicStatus, advance

BATCH = 2000  # pieces per transaction
SCALE_PASSWORD = "scale-demo-2026"  # every generated account's password (printed by the command)
DEFAULT_PIECES = 50_000
DEFAULT_USERS = 240
DEFAULT_SEED = 16
DICTIONARY = Path("../shared/data/lexicons/houbb-sensitive-word/sensitive_word_dict.txt")

# Generated accounts per role, as shares of the generated users (the demo's six come on top).
ROLE_MIX: tuple[tuple[tuple[str, ...], float], ...] = (
    (("writer",), 0.62),
    (("reviewer",), 0.16),
    (("legal",), 0.06),
    (("manager", "reviewer"), 0.08),
    (("manager",), 0.05),
    (("admin",), 0.03),
)

# The demo's six channels plus six more accounts: twelve in all.
EXTRA_CHANNELS = (
    ("wechat_oa_style", "素衣穿搭研究所", ChannelKind.WECHAT_OA),
    ("xiaohongshu_kids", "素衣童装小红书", ChannelKind.XIAOHONGSHU),
    ("douyin_live", "素衣直播间", ChannelKind.DOUYIN),
    ("channels_store", "素衣门店视频号", ChannelKind.CHANNELS),
    ("weibo_outlet", "素衣奥莱微博", ChannelKind.WEIBO),
    ("community_vip", "素衣 VIP 社群", ChannelKind.COMMUNITY),
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋"
GIVEN = "晓雨一帆思远敏静怡子涵欣然浩然梓萱雨桐俊杰嘉怡佳琪明轩诗涵宇航可馨文博"

# (state, weight) by where the planned day lies relative to today.
PAST_STATES = ((Status.PUBLISHED, 86), (Status.REJECTED, 6), (Status.ARCHIVED, 8))
NEAR_STATES = (
    (Status.DRAFT, 22),
    (Status.IN_REVIEW, 30),
    (Status.CHANGES_REQUESTED, 14),
    (Status.APPROVED, 16),
    (Status.SCHEDULED, 18),
)
FUTURE_STATES = (
    (Status.SCHEDULED, 55),
    (Status.APPROVED, 20),
    (Status.DRAFT, 15),
    (Status.IN_REVIEW, 10),
)
DECISIONS = {
    Action.APPROVE: Decision.APPROVE,
    Action.REQUEST_CHANGES: Decision.REQUEST_CHANGES,
    Action.REJECT: Decision.REJECT,
}
NOTICE_OF = {
    Action.APPROVE: Event.APPROVED,
    Action.REQUEST_CHANGES: Event.CHANGES_REQUESTED,
    Action.REJECT: Event.REJECTED,
}
DAYS_BACK, DAYS_AHEAD = 300, 65  # the year the pieces are spread over, around today


class ScaleError(Exception):
    """The scale data cannot be built (no dictionary file, a database with other data)."""


@dataclass
class ScaleSummary:
    """What was built: rows per table and the generated accounts' password."""

    counts: dict[str, int] = field(default_factory=dict)
    password: str = SCALE_PASSWORD
    seconds: float = 0.0


@dataclass(frozen=True)
class _Text:
    """One text of the pool, with its report per platform kind."""

    title: str
    summary: str
    body: str
    content_type: str
    tags: str
    reports: dict[str, Report]


@dataclass
class _Ids:
    """The next id of each table whose ids are chosen here."""

    user: int
    topic: int
    piece: int
    revision: int


def build_scale(
    *,
    pieces: int = DEFAULT_PIECES,
    users: int = DEFAULT_USERS,
    seed: int = DEFAULT_SEED,
    dictionary: Path | None = None,
    dictionary_limit: int | None = None,
    reset: bool = False,
    now: datetime | None = None,
    echo: Callable[[str], None] = print,
) -> ScaleSummary:
    """Load the demo and a year of scale data on top of it; see the module's docstring."""
    started = datetime.now(UTC)

    def say(line: str) -> None:
        echo(f"[{(datetime.now(UTC) - started).total_seconds():5.0f}s] {line}")

    now = now or utcnow()
    rng = random.Random(seed)
    say("载入演示数据 …")
    load_demo(reset=reset, today=now.date())
    say(f"生成 {users} 个用户（含演示账号）…")
    people = _users(users, rng)
    channels = _channels()
    say(f"渠道 {len(channels)} 个；导入大词库 …")
    added = _dictionary(dictionary, dictionary_limit, people["legal"][0])
    say(f"词库新增 {added} 条；生成选题 …")
    _topics(max(pieces // 25, 10), people, channels, now, rng)
    say(f"写入 {pieces} 篇稿件 …")
    add_pieces(pieces, rng=rng, now=now, echo=say)
    _move_sequences()
    db.session.commit()
    # The planner's statistics, as after any bulk load: without them SQLite reads the calendar's
    # week through the status index (every published piece, ~50 ms at 50,000) instead of the
    # publish_at range (0.3 ms); PostgreSQL's autovacuum would get there, later (issue 16).
    say("更新查询统计（ANALYZE）…")
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    summary = ScaleSummary(counts=table_counts())
    summary.seconds = (datetime.now(UTC) - started).total_seconds()
    return summary


def add_pieces(
    count: int,
    *,
    rng: random.Random | None = None,
    now: datetime | None = None,
    echo: Callable[[str], None] = print,
) -> None:
    """Add `count` pieces (with their revisions, decisions, notices …) to the loaded data."""
    rng = rng or random.Random(DEFAULT_SEED)
    now = now or utcnow()
    people: dict[str, list[int]] = {}
    for user_id, role in db.session.execute(
        select(UserRole.user_id, UserRole.role).order_by(UserRole.user_id)
    ):
        people.setdefault(role, []).append(user_id)
    channels = list(db.session.scalars(select(Channel).order_by(Channel.id)))
    topics = list(
        db.session.scalars(
            select(Topic.id).where(Topic.status == TopicStatus.ACCEPTED.value).order_by(Topic.id)
        )
    )
    pool = _pool(channels)
    ids = _Ids(0, 0, _next_id(Piece), _next_id(Revision))
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        _pieces(size, ids, pool, people, channels, topics, now, rng)
        db.session.commit()
        echo(f"  稿件 {start + size}/{count}")
    _move_sequences()
    db.session.commit()


def table_counts() -> dict[str, int]:
    """Rows in the tables the scale data fills."""
    models = (User, Channel, Topic, Piece, Revision, ReviewDecision, Notification, AuditEvent)
    counts = {
        m.__tablename__: db.session.scalar(select(func.count()).select_from(m)) or 0 for m in models
    }
    counts["lexicon_entry"] = (
        db.session.scalar(select(func.count()).select_from(rows_at(enabled_only=True).subquery()))
        or 0
    )
    counts["publish_job"] = db.session.scalar(select(func.count()).select_from(PublishJob)) or 0
    counts["hit_log"] = db.session.scalar(select(func.count()).select_from(HitLog)) or 0
    return counts


# --- people and channels ------------------------------------------------------------------------


def _next_id(model: Any) -> int:
    return int(db.session.scalar(select(func.max(model.id))) or 0) + 1


def _users(total: int, rng: random.Random) -> dict[str, list[int]]:
    """Generated accounts up to `total` users; user ids by role (the demo's accounts first)."""
    template = User(username="-", display_name="-")
    template.set_password(SCALE_PASSWORD)  # hashed once: scrypt per account would take minutes
    existing = db.session.scalar(select(func.count(User.id))) or 0
    wanted = max(total - existing, 0)
    next_id = _next_id(User)
    rows: list[dict[str, Any]] = []
    roles: list[dict[str, Any]] = []
    shares = [share for _roles, share in ROLE_MIX]
    for n in range(wanted):
        role_set = ROLE_MIX[n % len(ROLE_MIX)][0] if n < len(ROLE_MIX) else None
        if role_set is None:
            role_set = rng.choices([r for r, _s in ROLE_MIX], weights=shares)[0]
        user_id = next_id + n
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))
        rows.append(
            {
                "id": user_id,
                "username": f"{role_set[0]}{n + 1:03d}",
                "display_name": name,
                "email": f"{role_set[0]}{n + 1:03d}@example.com",
                "password_hash": template.password_hash,
                "active": True,
                "created_at": utcnow() - timedelta(days=DAYS_BACK + 30),
            }
        )
        roles.extend({"user_id": user_id, "role": role} for role in role_set)
    _insert(User.__table__, rows)
    _insert(UserRole.__table__, roles)
    by_role: dict[str, list[int]] = {}
    for user_id, role in db.session.execute(
        select(UserRole.user_id, UserRole.role).order_by(UserRole.user_id)
    ):
        by_role.setdefault(role, []).append(user_id)
    return by_role


def _channels() -> list[Channel]:
    """The demo's channels and the extra accounts (twelve channels)."""
    have = {code for (code,) in db.session.execute(select(Channel.code))}
    db.session.add_all(
        Channel(code=code, name=name, kind=kind.value)
        for code, name, kind in EXTRA_CHANNELS
        if code not in have
    )
    db.session.flush()
    return list(db.session.scalars(select(Channel).order_by(Channel.id)))


def dictionary_entries(path: Path, limit: int | None = None) -> list[Entry]:
    """The dictionary's words as `sensitive` review entries, without duplicates of the lexicon."""
    seen = {
        (key.chars, key.runs)
        for key in map(
            normalise_key, db.session.scalars(rows_at().with_only_columns(LexiconEntry.term))
        )
    }
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = Entry(line.strip(), "sensitive", "review")
        if not entry.term or entry_problems(entry) or "|" in entry.term:
            continue
        key = normalise_key(entry.term)
        if (key.chars, key.runs) in seen:
            continue
        seen.add((key.chars, key.runs))
        entries.append(entry)
        if limit is not None and len(entries) >= limit:
            break
    return entries


def _dictionary(path: Path | None, limit: int | None, legal_id: int) -> int:
    """Import the dictionary as one lexicon version through the word lists' one change path."""
    path = path or Path(current_app.root_path).parent / DICTIONARY
    if not path.is_file():
        raise ScaleError(f"找不到大词库文件 {path}（用 --dictionary 指定）。")
    entries = dictionary_entries(path, limit)
    if not entries:
        return 0
    author = db.session.get(User, legal_id)
    changes = ChangeSet(added=entries, base_version=latest_version())
    apply_changes(
        changes, author=author, reason="规模数据：导入 6.4 万词大词库", kind=VersionKind.IMPORT
    )
    return len(entries)


def _pool(channels: Sequence[Channel]) -> list[_Text]:
    """The demo's texts, each checked once per platform kind against the current lexicon."""
    lexicon = current_lexicon()
    kinds = sorted({c.kind for c in channels})
    pool = []
    for piece in read_demo_data().pieces:
        reports = {
            kind: check_with(lexicon, piece.title, piece.summary, piece.body, kind)
            for kind in kinds
        }
        pool.append(
            _Text(
                piece.title,
                piece.summary,
                piece.body,
                piece.content_type,
                ",".join(piece.tags),
                reports,
            )
        )
    return pool


def _topics(
    count: int,
    people: dict[str, list[int]],
    channels: Sequence[Channel],
    now: datetime,
    rng: random.Random,
) -> list[int]:
    """Topics over the year; the ids of the accepted ones (pieces are written from those)."""
    first = _next_id(Topic)
    rows, links, accepted = [], [], []
    today = now.date()
    pool = read_demo_data().topics
    for n in range(count):
        spec = pool[n % len(pool)]
        day = today + timedelta(days=rng.randint(-DAYS_BACK, DAYS_AHEAD))
        monday = day - timedelta(days=day.weekday())
        status = TopicStatus.ACCEPTED if day < today else rng.choice(list(TopicStatus))
        writer = rng.choice(people["writer"])
        decided = status != TopicStatus.PROPOSED
        created = min(datetime.combine(monday, time(10), UTC) - timedelta(days=14), now)
        rows.append(
            {
                "id": first + n,
                "title": f"{spec.title}（{monday:%m月%d日}周）"[:120],
                "brief": spec.brief,
                "content_type": spec.content_type,
                "status": status.value,
                "target_week": monday,
                "proposer_id": writer,
                "owner_id": writer,
                "decided_by_id": rng.choice(people["manager"]) if decided else None,
                "decided_at": created + timedelta(days=2) if decided else None,
                "decision_note": "选题会通过" if status == TopicStatus.ACCEPTED else "",
                "created_at": created,
            }
        )
        for channel in rng.sample(list(channels), rng.randint(1, 2)):
            links.append({"topic_id": first + n, "channel_id": channel.id})
        if status == TopicStatus.ACCEPTED:
            accepted.append(first + n)
    _insert(Topic.__table__, rows)
    _insert(topic_channel, links)
    _insert(
        AuditEvent.__table__,
        [
            {
                "at": row["created_at"],
                "actor_id": row["proposer_id"],
                "action": "topic.propose",
                "object_type": "topic",
                "object_id": row["id"],
                "to_state": TopicStatus.PROPOSED.value,
                "reason": "",
            }
            for row in rows
        ],
    )
    return accepted


# --- pieces -------------------------------------------------------------------------------------


def _state_for(day: date, today: date, rng: random.Random) -> Status:
    offset = (day - today).days
    table = PAST_STATES if offset < -7 else NEAR_STATES if offset <= 3 else FUTURE_STATES
    state = rng.choices([s for s, _w in table], weights=[w for _s, w in table])[0]
    if state is Status.SCHEDULED and offset <= 0:
        return Status.APPROVED  # a scheduled piece is always due in the future
    return state


class _Batch:
    """The rows of one batch of pieces, per table."""

    def __init__(self) -> None:
        self.pieces: list[dict[str, Any]] = []
        self.revisions: list[dict[str, Any]] = []
        self.decisions: list[dict[str, Any]] = []
        self.audit: list[dict[str, Any]] = []
        self.notices: list[dict[str, Any]] = []
        self.jobs: list[dict[str, Any]] = []
        self.hits: list[dict[str, Any]] = []

    def event(
        self,
        at: datetime,
        actor: int,
        action: str,
        piece: int,
        before: str | None,
        after: str,
        reason: str = "",
    ) -> None:
        self.audit.append(
            {
                "at": at,
                "actor_id": actor,
                "action": action,
                "object_type": "piece",
                "object_id": piece,
                "from_state": before,
                "to_state": after,
                "reason": reason,
            }
        )

    def notice(
        self, user: int, event: Event, title: str, piece: int, at: datetime, read: bool
    ) -> None:
        words = Words.of(event.value, piece=title)  # the title wording of the event's own key
        self.notices.append(
            {
                "user_id": user,
                "event": event.value,
                "title": str(words)[:200],
                "text": "",
                "params": {"title": words.to_json(), "text": []},
                "url": f"/pieces/{piece}",
                "piece_id": piece,
                "created_at": at,
                "read_at": at + timedelta(hours=2) if read else None,
            }
        )


def _pieces(
    count: int,
    ids: _Ids,
    pool: Sequence[_Text],
    people: dict[str, list[int]],
    channels: Sequence[Channel],
    topics: Sequence[int],
    now: datetime,
    rng: random.Random,
) -> None:
    batch = _Batch()
    today = now.date()
    first_piece = ids.piece
    for _ in range(count):
        _piece(batch, ids, pool, people, channels, topics, now, today, rng)
    _insert(Piece.__table__, batch.pieces)
    _insert(Revision.__table__, batch.revisions)
    current = (
        select(func.max(Revision.id))
        .where(Revision.piece_id == Piece.id)
        .correlate(Piece)
        .scalar_subquery()
    )
    db.session.execute(
        update(Piece)
        .where(Piece.id >= first_piece, Piece.id < ids.piece)
        .values(current_revision_id=current)
        .execution_options(synchronize_session=False)
    )
    for table, rows in (
        (ReviewDecision.__table__, batch.decisions),
        (AuditEvent.__table__, batch.audit),
        (Notification.__table__, batch.notices),
        (PublishJob.__table__, batch.jobs),
        (HitLog.__table__, batch.hits),
    ):
        _insert(table, rows)


def _piece(
    batch: _Batch,
    ids: _Ids,
    pool: Sequence[_Text],
    people: dict[str, list[int]],
    channels: Sequence[Channel],
    topics: Sequence[int],
    now: datetime,
    today: date,
    rng: random.Random,
) -> None:
    piece_id = ids.piece
    ids.piece += 1
    day = today + timedelta(days=rng.randint(-DAYS_BACK, DAYS_AHEAD))
    state = _state_for(day, today, rng)
    channel = rng.choice(channels)
    source = pool[rng.randrange(len(pool))]
    owner = rng.choice(people["writer"])
    reviewer = rng.choice(people["reviewer"])
    slot = datetime.combine(day, time(rng.choice((8, 10, 12, 18, 20)), rng.choice((0, 30))), UTC)
    anchor = min(slot, now - timedelta(hours=rng.randint(2, 96)))
    created = anchor - timedelta(days=rng.randint(6, 12), minutes=rng.randint(0, 600))
    title = f"{source.title} · 第{piece_id}篇"[:200]
    fields = {
        "title": title,
        "summary": source.summary,
        "body": source.body,
        "cover": "",
        "content_type": source.content_type,
        "channel": channel.code,
    }
    hash_ = content_hash(fields)
    report = source.reports[channel.kind]
    revisions = rng.choice((1, 1, 1, 2, 2, 3))
    for number in range(1, revisions + 1):
        at = created + timedelta(hours=number - 1)
        revision_id = ids.revision
        ids.revision += 1
        is_current = number == revisions
        batch.revisions.append(
            {
                "id": revision_id,
                "piece_id": piece_id,
                "number": number,
                "title": title,
                "summary": source.summary,
                "body": source.body if is_current else source.body[: max(len(source.body) // 2, 1)],
                "cover": "",
                "content_type": source.content_type,
                "channel_code": channel.code,
                "content_hash": hash_
                if is_current
                else content_hash(fields | {"body": str(number)}),
                "author_id": owner,
                "created_at": at,
                "report": report.to_dict(),
                "verdict": report.verdict,
                "lexicon_version": report.lexicon_version,
            }
        )
        batch.hits.extend(
            {"entry_id": term.entry_id, "revision_id": revision_id, "at": at}
            for term in report.terms
            if term.entry_id is not None
        )
    batch.event(created, owner, "piece.create", piece_id, None, Status.DRAFT.value)
    status, when = Status.DRAFT, created + timedelta(hours=revisions)
    submitted: datetime | None = None
    publish_at = published_at = None
    approved_hash = None
    steps = PATHS[state]
    gap = max((anchor - when) / (len(steps) + 1), timedelta(minutes=5)) if steps else timedelta(0)
    for action in steps:
        when = slot if action in (Action.START_PUBLISHING, Action.MARK_PUBLISHED) else when + gap
        actor = owner if action in (Action.SUBMIT, Action.ARCHIVE) else reviewer
        after = advance(status, action)
        batch.event(when, actor, f"piece.{action.value}", piece_id, status.value, after.value)
        status = after
        if action is Action.SUBMIT:
            submitted = when
            batch.notice(reviewer, Event.SUBMITTED, title, piece_id, when, read=day < today)
        if action in DECISIONS:
            batch.decisions.append(
                {
                    "piece_id": piece_id,
                    "revision_id": ids.revision - 1,
                    "content_hash": hash_,
                    "reviewer_id": reviewer,
                    "decision": DECISIONS[action].value,
                    "reason": "" if action is Action.APPROVE else "请按审核意见修改后再提交",
                    "lexicon_version": report.lexicon_version,
                    "created_at": when,
                }
            )
            batch.notice(
                owner,
                NOTICE_OF[action],
                title,
                piece_id,
                when,
                read=day < today - timedelta(days=7),
            )
            if action is Action.APPROVE:
                approved_hash = hash_
        if action is Action.SCHEDULE:
            publish_at = slot
        if action is Action.MARK_PUBLISHED:
            published_at = slot
    if state is Status.IN_REVIEW:
        submitted = now - timedelta(hours=rng.randint(1, 40))  # the queue's age: hours, not weeks
    post_url = f"https://example.com/posts/{piece_id}" if published_at else ""
    if published_at is not None:
        batch.jobs.append(
            {
                "piece_id": piece_id,
                "state": "done",
                "adapter": "manual",
                "content_hash": hash_,
                "attempts": 1,
                "platform_url": post_url,
                "started_at": published_at,
                "finished_at": published_at,
                "updated_at": published_at,
            }
        )
    batch.pieces.append(
        {
            "id": piece_id,
            "topic_id": rng.choice(topics) if topics and rng.random() < 0.6 else None,
            "channel_id": channel.id,
            "content_type": source.content_type,
            "status": status.value,
            "owner_id": owner,
            "last_editor_id": owner,
            "approved_hash": approved_hash,
            "tags": source.tags,
            "planned_date": day,
            "publish_at": publish_at,
            "published_at": published_at,
            "post_url": post_url,
            "submitted_at": submitted,
            "compliance_flag": "",
            "created_at": created,
            "updated_at": max(when, created),
        }
    )


# --- bulk writing -------------------------------------------------------------------------------


def _insert(table: Table | Any, rows: Iterable[dict[str, Any]]) -> None:
    """Core executemany in chunks (one statement per chunk)."""
    rows = list(rows)
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(table), rows[start : start + 5000])


def _move_sequences() -> None:
    """PostgreSQL: move the id sequences past the ids chosen here."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for table in ("user", "topic", "piece", "revision"):
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'),"
                f' (SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
            )
        )
