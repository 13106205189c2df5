"""Shared fixtures: the app, clients, log-in and small factories, on a database migrated once.

How tests are isolated (issue 13): the real Alembic migrations run once per session, and one app
per configuration is built once per session. Each test then runs inside a transaction of its own
on one connection, which is rolled back at the end: the session joins it with
``join_transaction_mode="create_savepoint"`` (SQLAlchemy's "Joining a Session into an External
Transaction"), so ``db.session.commit()`` in the code under test only releases a savepoint. Per
test, the app gets its own upload folder, a fresh lexicon cache (version numbers repeat from test
to test) and afterwards its config back as it was.

A test whose data must really be committed — because other threads, processes or connections read
it, or because it replaces the database — is marked ``real_db`` (see REAL_DB below; tests using a
fixture of REAL_DB_FIXTURES are marked automatically) and gets a database of its own. An isolated
test that touches the database from another thread, or opens another connection through
``db.engine``, fails with a message saying so instead of deadlocking or leaking rows into the next
test.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import flask_migrate
import pytest
from flask import Flask, current_app
from flask.testing import FlaskClient, FlaskCliRunner
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import Connection, create_engine, event, func, select, text
from sqlalchemy.pool import NullPool

from app import create_app
from app.checks import current as lexicon_cache
from app.extensions import db
from app.models import Channel, Piece, User
from app.workflow import Action
from config import TestConfig

PASSWORD = "correct-horse-1"
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")

REAL_DB = (
    "real_db: the test commits for real, on a database of its own (SQLite: a copy of the migrated"
    " template; PostgreSQL: the test database, emptied and reseeded afterwards) instead of inside"
    " a rolled-back transaction — for tests whose data other threads, processes or connections"
    " must see (a live server, racing workers, probe processes, pg_dump), that open connections"
    " of their own (db.engine, a simulated outage) or that replace the database (restore, demo"
    " reset)"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", REAL_DB)


# Fixtures that make every test using them real_db, and why.
REAL_DB_FIXTURES = {
    "live_server": "the live server answers the browser from threads of its own (tests/browser)",
    "wechat_channel": (
        "the WeChat adapter keeps its access token in the database through connections of its"
        " own (DbTokenCache), independent of the publish's session (tests/publishing)"
    ),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark real_db the tests that use a fixture of REAL_DB_FIXTURES."""
    for item in items:
        if set(REAL_DB_FIXTURES) & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.real_db)


def _app_for(uri: str, **overrides: Any) -> Flask:
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = uri
        # No pooling in tests: every connection is closed when released, none is left to the GC.
        SQLALCHEMY_ENGINE_OPTIONS = {"poolclass": NullPool}
        # The fake platforms, bots and mail server listen on loopback (HEMLINE_OUTBOUND_ALLOW).
        OUTBOUND_ALLOW = "127.0.0.1,::1"

    for key, value in overrides.items():
        setattr(Config, key, value)
    return create_app(Config)


# --- isolation: one outer transaction per test ------------------------------------------------


class _Isolation:
    """The connection whose transaction the running test lives in (None: a real_db test, or no
    test with the app running), and the thread it belongs to."""

    connection: Connection | None = None
    url = ""  # the test database's URL: only apps configured for it share the test's transaction
    thread = 0
    # What the test did that isolation cannot serve; checked after the test, because the code
    # under test may swallow the error (a worker's pass, a background import reporting failure).
    violations: list[str] = []

    @classmethod
    def refuse(cls, what: str) -> RuntimeError:
        message = f"this test {what}: mark the test @pytest.mark.real_db"
        cls.violations.append(message)
        return RuntimeError(message)


class _IsolatedSession(FlaskSession):
    """db.session's class in tests: bound to the test's connection while a test is isolated."""

    def get_bind(self, mapper: Any = None, clause: Any = None, bind: Any = None, **kw: Any) -> Any:
        connection = _Isolation.connection
        if (
            bind is None
            and connection is not None
            and current_app.config["SQLALCHEMY_DATABASE_URI"] == _Isolation.url
        ):
            if threading.get_ident() != _Isolation.thread:
                raise _Isolation.refuse(
                    "uses the database from another thread, which cannot share the test's"
                    " transaction"
                )
            return connection
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kw)


# Installed before any app exists; with no isolated test running it behaves like Flask-SQLAlchemy's.
db.session = db._make_scoped_session(
    {"class_": _IsolatedSession, "join_transaction_mode": "create_savepoint"}
)


def _refuse_during_isolation(_connection: Connection) -> None:
    """engine_connect on the apps' own engines: no second connection inside an isolated test."""
    if _Isolation.connection is not None:
        raise _Isolation.refuse(
            "opened a connection of its own (db.engine), which cannot see the test's uncommitted"
            " transaction (and, on PostgreSQL, would commit past it or wait for it)"
        )


class MigratedDatabase:
    """The session's migrated database, and how one test gets a clean state of it."""

    def __init__(self, url: str, template: Path | None) -> None:
        self.url = url  # isolated tests run here, inside a transaction that is rolled back
        self.template = template  # SQLite: the pristine migrated file real_db tests get a copy of
        # One pooled connection carries the isolated tests' transactions (no reconnect per test).
        self.engine = create_engine(url, pool_size=1, max_overflow=0)
        self.postgres = self.engine.dialect.name == "postgresql"
        with self.engine.connect() as connection:
            # Reference rows the migrations insert (e.g. lexicon categories): TRUNCATE keeps them.
            self.seed_rows = {
                table.name: [dict(row) for row in connection.execute(table.select()).mappings()]
                for table in db.metadata.sorted_tables
            }
            self.sequences = list(
                connection.scalars(
                    text(
                        "SELECT quote_ident(sequence_name) FROM information_schema.sequences"
                        " WHERE sequence_schema = current_schema()"
                    )
                )
                if self.postgres
                else ()
            )

    @contextmanager
    def transaction(self) -> Iterator[str]:
        """Run the test inside one transaction on one connection, rolled back at the end."""
        with self.engine.connect() as connection:
            outer = connection.begin()
            if self.postgres:
                # Sequences are not transactional: number rows from 1 as a fresh database would.
                self._restart_sequences(connection)
            else:
                # pysqlite begins only before DML: without this BEGIN the first SAVEPOINT would
                # start a transaction of its own, and releasing it would commit.
                connection.exec_driver_sql("BEGIN")
            _Isolation.connection, _Isolation.thread = connection, threading.get_ident()
            _Isolation.url = self.url
            _Isolation.violations.clear()
            try:
                yield self.url
            finally:
                _Isolation.connection = None
                still_open = outer.is_active
                outer.rollback()
            assert still_open, "the test ended the test's outer transaction (COMMIT or ROLLBACK)"
            assert not _Isolation.violations, _Isolation.violations[0]

    @contextmanager
    def real(self, folder: Path) -> Iterator[str]:
        """A database where commits are real: a copy of the SQLite template, or PostgreSQL's
        test database, emptied and reseeded afterwards."""
        if self.template is not None:
            target = folder / "real.db"
            shutil.copy(self.template, target)
            yield f"sqlite:///{target}"
            return
        with self.engine.begin() as connection:
            self._restart_sequences(connection)
        try:
            yield self.url
        finally:
            self._empty()

    def _restart_sequences(self, connection: Connection) -> None:
        if self.sequences:
            calls = ", ".join(f"setval('{name}', 1, false)" for name in self.sequences)
            connection.exec_driver_sql(f"SELECT {calls}")

    def _empty(self) -> None:
        """PostgreSQL after a real_db test: every table as the migrations left it."""
        tables = db.metadata.sorted_tables
        with self.engine.begin() as connection:
            connection.exec_driver_sql("SET LOCAL lock_timeout = '10s'")  # a leaked connection
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
            for table in tables:
                if self.seed_rows[table.name]:
                    connection.execute(table.insert(), self.seed_rows[table.name])

    def row_counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return {
                table.name: connection.scalar(select(func.count()).select_from(table))
                for table in db.metadata.sorted_tables
            }


@pytest.fixture(scope="session")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MigratedDatabase]:
    """Run the real Alembic migrations once: into a template SQLite file, or into PostgreSQL."""
    if POSTGRES_URL:
        migrator = _app_for(POSTGRES_URL)
        with migrator.app_context():
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
            flask_migrate.upgrade()
            db.session.remove()
            db.engine.dispose()
        testing = MigratedDatabase(POSTGRES_URL, template=None)
    else:
        folder = tmp_path_factory.mktemp("db")
        template = folder / "template.db"
        migrator = _app_for(f"sqlite:///{template}")
        with migrator.app_context():
            flask_migrate.upgrade()
            db.engine.dispose()
        shutil.copy(template, folder / "session.db")
        testing = MigratedDatabase(f"sqlite:///{folder / 'session.db'}", template=template)
    before = testing.row_counts()
    yield testing
    after = testing.row_counts()
    testing.engine.dispose()
    # Nothing an isolated test did may have been committed to the shared database.
    assert after == before, {name: n for name, n in after.items() if n != before[name]}


@pytest.fixture(scope="session")
def session_apps(database: MigratedDatabase) -> Iterator[Callable[..., Flask]]:
    """The app built once per session for each set of config overrides (create_app takes
    ~80 ms: per test it was a good part of the suite's time)."""
    built: dict[tuple[tuple[str, Any], ...], Flask] = {}

    def get(**overrides: Any) -> Flask:
        key = tuple(sorted(overrides.items()))
        if key not in built:
            built[key] = application = _app_for(database.url, **overrides)
            with application.app_context():
                event.listen(db.engine, "engine_connect", _refuse_during_isolation)
        return built[key]

    yield get
    for application in built.values():
        with application.app_context():
            db.engine.dispose()


@pytest.fixture
def database_url(
    request: pytest.FixtureRequest, database: MigratedDatabase, tmp_path: Path
) -> Iterator[str]:
    """This test's database: the shared one inside a rolled-back transaction, or (real_db) one
    where commits are real."""
    if request.node.get_closest_marker("real_db") is not None:
        with database.real(tmp_path) as url:
            yield url
    else:
        with database.transaction() as url:
            yield url


@contextmanager
def _serving(application: Flask, url: str, uploads: str) -> Iterator[Flask]:
    """A session app for one test, in an app context: on `url`, with its own upload folder and
    a fresh lexicon cache; afterwards its engine and config are as they were."""
    saved = dict(application.config)
    engines = db._app_engines[application]
    session_engine = engines[None]
    if url != saved["SQLALCHEMY_DATABASE_URI"]:  # a real_db test on SQLite: a file of its own
        engines[None] = create_engine(url, **saved["SQLALCHEMY_ENGINE_OPTIONS"])
    application.config.update(SQLALCHEMY_DATABASE_URI=url, UPLOAD_FOLDER=uploads)
    lexicon_cache.init_app(application)  # version numbers start again in every test
    try:
        with application.app_context():
            yield application
            db.session.remove()
    finally:
        if engines[None] is not session_engine:
            engines[None].dispose()
            engines[None] = session_engine
        application.config.clear()
        application.config.update(saved)


@pytest.fixture
def app(database_url: str, session_apps: Callable[..., Flask], tmp_path: Path) -> Iterator[Flask]:
    """The application bound to a clean, migrated database."""
    with _serving(session_apps(), database_url, str(tmp_path / "uploads")) as application:
        yield application


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def csrf_app(app: Flask, session_apps: Callable[..., Flask], database_url: str) -> Iterator[Flask]:
    """The application as in production, with CSRF on, bound to the same database as `app`."""
    application = session_apps(WTF_CSRF_ENABLED=True)
    with _serving(application, database_url, app.config["UPLOAD_FOLDER"]) as application:
        yield application


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
    from app.lexicon.changes import import_files

    applied, _changes = import_files(SHIPPED_WORDLISTS, author=None, reason="默认词库")
    assert applied is not None
    return applied.version.id


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


_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Remember the suite's exit status for pytest_unconfigure."""
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Under libfaketime (`make test-clock`) leave at once when the report is written.

    libfaketime shifts the clocks behind the timed waits of threads that the fakes and the
    worker tests leave behind, so the interpreter's final join of those threads can wait for a
    year; the results are already reported, so nothing is lost by not waiting.
    """
    if os.environ.get("FAKETIME") and _EXIT_STATUS:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])
