"""Shared fixtures: a migrated database per test, the app, clients, log-in and small factories."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import flask_migrate
import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import func, select, text
from sqlalchemy.pool import NullPool

from app import create_app
from app.extensions import db
from app.models import Channel, Piece, User
from app.workflow import Action
from config import TestConfig

PASSWORD = "correct-horse-1"
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")


def _app_for(uri: str, **overrides: Any) -> Flask:
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = uri
        # No pooling in tests: every connection is closed when released, none is left to the GC.
        SQLALCHEMY_ENGINE_OPTIONS = {"poolclass": NullPool}

    for key, value in overrides.items():
        setattr(Config, key, value)
    return create_app(Config)


# Reference rows the migrations insert (e.g. lexicon categories); TRUNCATE must not lose them.
_SEED_ROWS: dict[str, list[dict[str, Any]]] = {}


def _rows_seeded_by_migrations() -> dict[str, list[dict[str, Any]]]:
    """Every row the freshly migrated database already holds, by table name."""
    seeded = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(table.select()).mappings().all()
        if rows:
            seeded[table.name] = [dict(row) for row in rows]
    return seeded


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Run the real Alembic migrations once: into a template SQLite file, or into PostgreSQL."""
    if POSTGRES_URL:
        app = _app_for(POSTGRES_URL)
        with app.app_context():
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
            flask_migrate.upgrade()
            _SEED_ROWS.update(_rows_seeded_by_migrations())
            db.session.remove()
            db.engine.dispose()
        return POSTGRES_URL
    path = tmp_path_factory.mktemp("db") / "template.db"
    app = _app_for(f"sqlite:///{path}")
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    return str(path)


def _fresh_database(template: str, tmp_path: Path) -> str:
    """A clean database for one test: a copy of the SQLite template, or truncated PostgreSQL."""
    if not POSTGRES_URL:
        target = tmp_path / "test.db"
        shutil.copy(template, target)
        return f"sqlite:///{target}"
    app = _app_for(POSTGRES_URL)
    with app.app_context():
        tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        for table in db.metadata.sorted_tables:
            if table.name in _SEED_ROWS:
                db.session.execute(table.insert(), _SEED_ROWS[table.name])
        db.session.commit()
        db.engine.dispose()
    return POSTGRES_URL


@pytest.fixture
def app(database_template: str, tmp_path: Path) -> Iterator[Flask]:
    """The application bound to a clean, migrated database."""
    uri = _fresh_database(database_template, tmp_path)
    application = _app_for(uri, UPLOAD_FOLDER=str(tmp_path / "uploads"))
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def csrf_app(app: Flask) -> Iterator[Flask]:
    """The application as in production, with CSRF on, bound to the same database as `app`."""
    application = _app_for(
        app.config["SQLALCHEMY_DATABASE_URI"],
        UPLOAD_FOLDER=app.config["UPLOAD_FOLDER"],
        WTF_CSRF_ENABLED=True,
    )
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def csrf_client(csrf_app: Flask) -> FlaskClient:
    """A test client of the CSRF-protected application."""
    return csrf_app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    """Create a user holding `roles` (a writer by default)."""
    counter = iter(range(1, 10_000))

    def factory(*roles: str, username: str | None = None) -> User:
        from app.auth.services import create_user

        name = username or f"{'-'.join(roles) or 'writer'}{next(counter)}"
        return create_user(name, PASSWORD, list(roles or ("writer",)), display_name=name)

    return factory


@pytest.fixture
def make_channel(app: Flask) -> Callable[..., Channel]:
    """Create a channel (a 公众号 by default)."""
    counter = iter(range(1, 10_000))

    def factory(kind: str = "wechat_oa", code: str | None = None) -> Channel:
        channel = Channel(code=code or f"{kind}{next(counter)}", name=f"测试{kind}", kind=kind)
        db.session.add(channel)
        db.session.commit()
        return channel

    return factory


PATH_TO: dict[str, list[tuple[Action, str]]] = {
    "draft": [],
    "in_review": [(Action.SUBMIT, "owner")],
    "changes_requested": [(Action.SUBMIT, "owner"), (Action.REQUEST_CHANGES, "reviewer")],
    "rejected": [(Action.SUBMIT, "owner"), (Action.REJECT, "reviewer")],
    "approved": [(Action.SUBMIT, "owner"), (Action.APPROVE, "reviewer")],
    "scheduled": [
        (Action.SUBMIT, "owner"),
        (Action.APPROVE, "reviewer"),
        (Action.SCHEDULE, "reviewer"),
    ],
}


@pytest.fixture
def make_piece(app: Flask, make_user: Callable[..., User], make_channel: Callable[..., Channel]):
    """Create a piece owned by `owner` and walk it to `status` through the real services."""

    def factory(
        owner: User | None = None,
        *,
        status: str = "draft",
        title: str = "春季亚麻衬衫穿搭",
        body: str = "亚麻衬衫配阔腿裤，清爽又通勤。",
        channel: Channel | None = None,
        content_type: str = "styling",
        reviewer: User | None = None,
    ) -> Piece:
        from app.content.services import Draft, create_piece
        from app.models import Decision
        from app.review.services import decide

        owner = owner or make_user("writer")
        channel = channel or make_channel()
        draft = Draft(
            title=title, summary="", body=body, content_type=content_type, channel=channel
        )
        piece = create_piece(owner, draft)
        reviewer = reviewer or make_user("reviewer")
        for action, _who in PATH_TO[status]:
            if action is Action.SUBMIT:
                from app.content.services import submit

                submit(owner, piece)
            elif action is Action.SCHEDULE:
                from datetime import UTC, datetime, timedelta

                from app.content.services import transition

                transition(piece, Action.SCHEDULE, reviewer)
                piece.publish_at = datetime.now(UTC) + timedelta(days=1)
                db.session.commit()
            else:
                decision = {
                    Action.APPROVE: Decision.APPROVE,
                    Action.REQUEST_CHANGES: Decision.REQUEST_CHANGES,
                    Action.REJECT: Decision.REJECT,
                }[action]
                decide(
                    reviewer, piece, piece.current_revision_id, decision, "测试原因", _acks(piece)
                )
        return piece

    return factory


def _acks(piece: Piece) -> dict[str, str]:
    """A reason for every review-severity hit, so that factories can approve flagged pieces."""
    from app.checks.services import check_draft, hit_key

    revision = piece.current_revision
    report = check_draft(revision.title, revision.summary, revision.body, revision.channel_code)
    return {hit_key(hit): "测试确认" for hit in report.hits if hit.severity == "review"}


def login(client: FlaskClient, user: User, password: str = PASSWORD) -> None:
    """Sign `user` in through the real login form."""
    response = client.post("/login", data={"username": user.username, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


@pytest.fixture
def login_as(client: FlaskClient, make_user: Callable[..., User]) -> Callable[..., User]:
    """Create a user with `roles` and sign them in on `client`."""

    def factory(*roles: str) -> User:
        user = make_user(*roles)
        login(client, user)
        return user

    return factory


def count_rows(model: type) -> int:
    """Number of rows in `model`'s table."""
    return db.session.scalar(select(func.count()).select_from(model))


def editor_form(piece: Piece, **changes: Any) -> dict[str, Any]:
    """The editor's fields as a browser posts them for `piece`, with `changes` applied."""
    revision = piece.current_revision
    assert revision is not None
    fields = {
        "title": revision.title,
        "summary": revision.summary,
        "body": revision.body,
        "content_type": piece.content_type,
        "channel": str(piece.channel_id),
        "tags": "，".join(piece.tag_list),
        "planned_date": piece.planned_date.isoformat() if piece.planned_date else "",
    }
    return fields | changes


ROOT = Path(__file__).resolve().parents[1]
SHIPPED_WORDLISTS = sorted((ROOT / "wordlists").glob("*.csv"))


@pytest.fixture
def load_lexicon(app: Flask) -> Callable[..., int]:
    """Commit engine entries as a new lexicon version (tests' own small word lists)."""

    def factory(*entries: Any, reason: str = "测试词库") -> int:
        from app.checks.store import latest_version
        from app.lexicon.services import ChangeSet, commit_changes

        changes = ChangeSet(added=list(entries), base_version=latest_version())
        return commit_changes(changes, author=None, reason=reason, kind="import").id

    return factory


@pytest.fixture
def shipped_lexicon(app: Flask) -> int:
    """Import the shipped word lists from wordlists/ as version 1."""
    from app.lexicon.services import import_files

    version, _changes = import_files(SHIPPED_WORDLISTS, author=None, reason="默认词库")
    assert version is not None
    return version.id


def edit_body(user: User, piece: Piece, body: str) -> None:
    """Save `body` as the piece's new text through the editor's service (other fields kept)."""
    from app.content.services import Draft, save_piece

    revision = piece.current_revision
    assert revision is not None
    draft = Draft(
        title=revision.title,
        summary=revision.summary,
        body=body,
        content_type=piece.content_type,
        channel=piece.channel,
    )
    save_piece(user, piece, draft)
