"""Loads demo users, channels, topics and pieces into an empty database."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import flask_migrate
from sqlalchemy import func, select

from app import audit
from app.content.services import Draft, _new_piece, transition
from app.demo.consents import attach_demo_consents
from app.demo.dataset import PATHS, DemoData, DemoPiece, DemoTopic, read_demo_data, read_users
from app.extensions import db
from app.lexicon.changes import import_defaults_if_empty
from app.models import Channel, Decision, Piece, Topic, User
from app.review.services import record_decision
from app.workflow import Action, Status, TopicStatus

# The demo accounts (username, password, display name, roles), as users.yaml lists them.
DEMO_USERS = read_users()
DECISIONS = {
    Action.APPROVE: Decision.APPROVE,
    Action.REQUEST_CHANGES: Decision.REQUEST_CHANGES,
    Action.REJECT: Decision.REJECT,
}


class DemoAlreadyLoaded(Exception):
    """The database already holds data; loading twice needs --reset."""


def database_is_empty() -> bool:
    """True if no user exists yet."""
    return not db.session.scalar(select(func.count(User.id)))


def load_demo(*, reset: bool = False, today: date | None = None) -> list[tuple[str, str, str]]:
    """Load the demo data set; returns (username, password, role labels) for each demo user."""
    data = read_demo_data()  # checked before anything in the database changes
    if not database_is_empty():
        if not reset:
            raise DemoAlreadyLoaded("数据库中已有数据。如需清空后重新加载，请加 --reset。")
        _reset_database()
    today = today or datetime.now(UTC).date()
    users = _users(data)
    import_defaults_if_empty(author=users["legal"])
    channels = _channels(data)
    topics = {spec.key: _topic(spec, users, channels, today) for spec in data.topics}
    pieces = [
        _piece(index, piece, users, channels, topics, today)
        for index, piece in enumerate(data.pieces)
    ]
    db.session.flush()
    attach_demo_consents(pieces, users["reviewer"], today)  # issue 19: UGC needs consent
    db.session.commit()
    return [(u.username, u.password, users[u.username].role_labels) for u in data.users]


def _reset_database() -> None:
    """Rebuild the schema from the migrations (the audit log cannot be deleted row by row)."""
    db.session.remove()
    flask_migrate.downgrade(revision="base")
    flask_migrate.upgrade()


def _users(data: DemoData) -> dict[str, User]:
    users = {}
    for spec in data.users:
        user = User(username=spec.username, display_name=spec.display_name)
        user.set_password(spec.password)
        user.set_roles(list(spec.roles))
        db.session.add(user)
        users[spec.username] = user
    db.session.flush()
    return users


def _channels(data: DemoData) -> dict[str, Channel]:
    channels = {c.code: Channel(code=c.code, name=c.name, kind=c.kind) for c in data.channels}
    db.session.add_all(channels.values())
    db.session.flush()
    return channels


def _topic(
    spec: DemoTopic, users: dict[str, User], channels: dict[str, Channel], today: date
) -> Topic:
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=spec.week_offset)
    proposer = users["writer"] if len(spec.title) % 2 else users["writer2"]
    topic = Topic(
        title=spec.title,
        brief=spec.brief,
        content_type=spec.content_type,
        channels=[channels[c] for c in spec.channels],
        target_week=monday,
        proposer=proposer,
        owner=proposer,
        status=spec.status,
    )
    if spec.status != TopicStatus.PROPOSED:
        topic.decided_by, topic.decision_note = users["manager"], spec.decision_note
        topic.decided_at = datetime.now(UTC)
    db.session.add(topic)
    db.session.flush()
    audit.record(proposer, "topic.propose", topic, to_state=TopicStatus.PROPOSED.value)
    return topic


def _piece(
    index: int,
    spec: DemoPiece,
    users: dict[str, User],
    channels: dict[str, Channel],
    topics: dict[str, Topic],
    today: date,
) -> Piece:
    topic = topics[spec.topic] if spec.topic is not None else None
    writer = topic.owner if topic and topic.owner else users["writer" if index % 2 else "writer2"]
    day = today + timedelta(days=spec.day_offset)
    draft = Draft(
        title=spec.title,
        summary=spec.summary,
        body=spec.body,
        content_type=spec.content_type,
        channel=channels[spec.channel],
        tags=spec.tags,
        planned_date=day,
    )
    piece = _new_piece(writer, draft, topic=topic)
    audit.record(writer, "piece.create", piece, to_state=piece.status)
    _walk(piece, spec, users, writer, day, hours_ago=3 + (index * 7) % 40)
    return piece


def _walk(
    piece: Piece, spec: DemoPiece, users: dict[str, User], writer: User, day: date, hours_ago: int
) -> None:
    """Move the piece along the workflow to its demo state, recording decisions."""
    reviewer = users["reviewer"]
    for action in PATHS[Status(spec.status)]:
        actor = writer if action in (Action.SUBMIT, Action.ARCHIVE) else reviewer
        reason = spec.review_note if action in DECISIONS else ""
        transition(piece, action, actor, reason=reason)
        if action is Action.SUBMIT:
            piece.submitted_at = datetime.now(UTC) - timedelta(hours=hours_ago)
        if action in DECISIONS:
            record_decision(piece, reviewer, DECISIONS[action], reason)
        if action is Action.SCHEDULE:
            piece.publish_at = datetime.combine(day, time(12, 0), tzinfo=UTC)
        if action is Action.MARK_PUBLISHED:
            piece.published_at, piece.post_url = piece.publish_at, spec.post_url
