"""PostgreSQL connections fail instead of hanging (issue 15): connect timeout, TCP keepalives on
both sides, a bounded lock wait — the settings every app process (web, worker, CLI) gets."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from app.extensions import apply_database_options, db, postgres_connect_args

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
    assert options["pool_pre_ping"] is True
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
