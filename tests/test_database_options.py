"""PostgreSQL connections fail instead of hanging (issue 15): connect timeout, TCP keepalives on
both sides, a bounded lock wait — the settings every app process (web, worker, CLI) gets."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from app import create_app
from app.extensions import (
    PING_AFTER_IDLE_SECONDS,
    apply_database_options,
    connection_is_live,
    db,
    install_liveness_check,
    postgres_connect_args,
)
from config import Config, TestConfig

PG_URL = "postgresql+psycopg://hemline:secret@127.0.0.1:5432/hemline"


def test_sqlite_engine_options_are_left_alone() -> None:
    config = {"SQLALCHEMY_DATABASE_URI": "sqlite://", "SQLALCHEMY_ENGINE_OPTIONS": {"echo": True}}
    apply_database_options(config)
    assert config["SQLALCHEMY_ENGINE_OPTIONS"] == {"echo": True}


def test_postgres_gets_timeouts_and_keepalives_and_a_configuration_s_own_args_win() -> None:
    config = {
        "SQLALCHEMY_DATABASE_URI": PG_URL,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "connect_args": {"sslmode": "off"}},
        "DB_CONNECT_TIMEOUT_SECONDS": 7,
        "DB_LOCK_TIMEOUT_SECONDS": 30,
    }
    apply_database_options(config)
    options = config["SQLALCHEMY_ENGINE_OPTIONS"]
    # psycopg: the liveness check at checkout replaces the ping round trip (see below).
    assert options["pool_pre_ping"] is False
    args = options["connect_args"]
    assert args["sslmode"] == "off"
    assert args["connect_timeout"] == 7
    assert args["keepalives"] == 1
    assert args["keepalives_idle"] * 1000 < args["tcp_user_timeout"]
    assert "-c lock_timeout=30000" in args["options"]
    assert "-c tcp_keepalives_idle=" in args["options"]  # the server finds vanished clients too

    config |= {"SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}}}
    apply_database_options(config)
    assert config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["connect_timeout"] == 2


def test_postgres_keeps_a_connection_per_thread_and_a_configuration_s_own_pool_size_wins() -> None:
    config = {"SQLALCHEMY_DATABASE_URI": PG_URL, "DB_POOL_SIZE": 9}
    apply_database_options(config)
    assert config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_size"] == 9
    config = {"SQLALCHEMY_DATABASE_URI": PG_URL}
    apply_database_options(config)  # more than gunicorn.conf.py's threads by default
    assert config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_size"] > int(
        os.environ.get("HEMLINE_WEB_THREADS", "6")
    )
    config = {"SQLALCHEMY_DATABASE_URI": PG_URL, "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 3}}
    apply_database_options(config)
    assert config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_size"] == 3
    options = {"poolclass": NullPool}  # takes no size: the engine would refuse one
    config = {"SQLALCHEMY_DATABASE_URI": PG_URL, "SQLALCHEMY_ENGINE_OPTIONS": options}
    apply_database_options(config)
    assert "pool_size" not in config["SQLALCHEMY_ENGINE_OPTIONS"]
    create_engine(PG_URL, **config["SQLALCHEMY_ENGINE_OPTIONS"])


def test_no_lock_timeout_when_set_to_zero() -> None:
    args = postgres_connect_args({"DB_LOCK_TIMEOUT_SECONDS": 0})
    assert "lock_timeout" not in args["options"]


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts TCP connections and never says a word (a server stuck starting)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def test_a_server_that_never_answers_fails_the_connect_instead_of_hanging(
    silent_server: int,
) -> None:
    url = f"postgresql+psycopg://hemline:secret@127.0.0.1:{silent_server}/hemline"
    args = postgres_connect_args({"DB_CONNECT_TIMEOUT_SECONDS": 2})
    engine = create_engine(url, connect_args=args, pool_pre_ping=True)
    try:
        with pytest.raises(OperationalError, match="timeout"):
            engine.connect()
    finally:
        engine.dispose()


@pytest.mark.real_db
def test_the_app_s_postgres_connections_carry_the_settings(app: Flask) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only (TEST_DATABASE_URL)")
    with db.engine.connect() as connection:
        assert connection.scalar(text("SHOW lock_timeout")) == "30s"
        assert connection.scalar(text("SHOW tcp_keepalives_idle")) == "30"


# --- the pool's liveness check instead of pool_pre_ping (issue 16) ------------------------------


class _FakePgConn:
    def __init__(self, fd: int) -> None:
        self.socket = fd


class _FakeConnection:
    """Just what connection_is_live reads of a psycopg connection."""

    def __init__(self, sock: socket.socket) -> None:
        self.pgconn = _FakePgConn(sock.fileno())
        self.closed = False
        self.broken = False


class _Pinger:
    """A dialect whose ping is counted (and answers `answer`)."""

    def __init__(self, answer: bool) -> None:
        self.answer, self.pings = answer, 0

    def do_ping(self, _connection: object) -> bool:
        self.pings += 1
        if not self.answer:
            raise OSError("server closed the connection unexpectedly")
        return True


class _Engine:
    def __init__(self, dialect: _Pinger) -> None:
        self.dialect = dialect


def test_a_quiet_recently_used_connection_is_live_without_a_round_trip() -> None:
    ours, server = socket.socketpair()
    with ours, server:
        dialect = _Pinger(answer=True)
        assert connection_is_live(_Engine(dialect), _FakeConnection(ours), idle_for=0.5)  # type: ignore[arg-type]
        assert dialect.pings == 0


def test_a_connection_whose_server_hung_up_is_pinged_and_dropped() -> None:
    ours, server = socket.socketpair()
    with ours:
        server.sendall(b"E")  # the server's goodbye (an ErrorResponse), then the end
        server.close()
        dialect = _Pinger(answer=False)
        assert not connection_is_live(_Engine(dialect), _FakeConnection(ours), idle_for=0.5)  # type: ignore[arg-type]
        assert dialect.pings == 1


def test_a_long_idle_connection_is_pinged_as_pre_ping_did() -> None:
    ours, server = socket.socketpair()
    with ours, server:
        dialect = _Pinger(answer=True)
        idle = PING_AFTER_IDLE_SECONDS + 1
        assert connection_is_live(_Engine(dialect), _FakeConnection(ours), idle_for=idle)  # type: ignore[arg-type]
        assert dialect.pings == 1
        connection = _FakeConnection(ours)
        connection.closed = True
        assert not connection_is_live(_Engine(dialect), connection, idle_for=0)  # type: ignore[arg-type]
        assert dialect.pings == 1  # closed: no need to ask


def _postgres_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgresql+psycopg:"):
        pytest.skip("needs PostgreSQL with psycopg (TEST_DATABASE_URL)")
    return url


def _terminate(url: str, pid: int) -> None:
    """End backend `pid` from another connection, as a server restart or an admin would."""
    with create_engine(url, poolclass=NullPool).connect() as admin:
        admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        for _ in range(100):  # until the backend is gone
            gone = admin.scalar(
                text("SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
            )
            if gone:
                return
            time.sleep(0.05)


def test_a_connection_the_server_ended_is_replaced_at_checkout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = _postgres_url()
    engine = create_engine(url, pool_size=1, max_overflow=0, pool_pre_ping=False)
    install_liveness_check(engine)
    pings: list[object] = []
    real_ping = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda c: pings.append(c) or real_ping(c))
    try:
        with engine.connect() as connection:
            first = connection.scalar(text("SELECT pg_backend_pid()"))
        with engine.connect() as connection:  # the same pooled connection, not pinged
            assert connection.scalar(text("SELECT pg_backend_pid()")) == first
        assert pings == []

        _terminate(url, first)
        with engine.connect() as connection:  # no error: the dead one was replaced
            second = connection.scalar(text("SELECT pg_backend_pid()"))
        assert second != first
        assert len(pings) == 1  # the readable socket was asked, and failed
    finally:
        engine.dispose()


def test_without_the_check_the_same_ending_fails_the_next_statement() -> None:
    """The control: the scenario above is a real disconnect that a bare pool hands out."""
    url = _postgres_url()
    engine = create_engine(url, pool_size=1, max_overflow=0, pool_pre_ping=False)
    try:
        with engine.connect() as connection:
            pid = connection.scalar(text("SELECT pg_backend_pid()"))
        _terminate(url, pid)
        with pytest.raises(OperationalError), engine.connect() as connection:
            connection.scalar(text("SELECT 1"))
    finally:
        engine.dispose()


def test_the_app_recovers_from_a_server_ended_connection_without_pre_ping() -> None:
    """The production configuration (pool_pre_ping=True in config.Config) on psycopg: no ping
    per checkout, and a request after the server ended its pooled connection still works."""
    url = _postgres_url()

    class Production(TestConfig):
        SQLALCHEMY_DATABASE_URI = url
        SQLALCHEMY_ENGINE_OPTIONS = Config.SQLALCHEMY_ENGINE_OPTIONS

    application = create_app(Production)
    with application.app_context():
        try:
            assert db.engine.pool._pre_ping is False  # type: ignore[attr-defined]
            first = db.session.scalar(text("SELECT pg_backend_pid()"))
            db.session.remove()
            _terminate(url, first)
            second = db.session.scalar(text("SELECT pg_backend_pid()"))
            db.session.remove()
            assert second != first
        finally:
            db.engine.dispose()
