"""The models and the Alembic migrations agree, and the latest migration downgrades cleanly.

A database built by the real migrations (`flask db upgrade`) is compared with `db.metadata` by
Alembic's autogenerate (column types and server defaults included): the only differences allowed
are the documented exceptions below. What autogenerate does not look at, check constraints and the
audit log's triggers, is compared by name through the inspector.

SQLite by default; with TEST_DATABASE_URL, PostgreSQL in a schema of its own (SCHEMA), so that the
suite's migrated database in `public` (conftest's `database_template`) is never touched.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask, current_app
from sqlalchemy import CheckConstraint, Connection, create_engine, inspect, text
from sqlalchemy.pool import NullPool

from app import create_app
from app.extensions import db
from config import TestConfig

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
SCHEMA = "migration_check"

# Differences autogenerate reports that are accepted, by dialect, each with the reason:
EXPECTED_DIFFERENCES: dict[str, list[tuple[str, ...]]] = {
    "sqlite": [
        # Migration 0003 widened audit_event.object_type to 40 characters on PostgreSQL only:
        # SQLite does not enforce VARCHAR lengths, and rebuilding the table (the only way to
        # change a declared type there) would drop the append-only triggers. The declared type
        # stays VARCHAR(20); any length is stored.
        ("modify_type", "audit_event", "object_type", "VARCHAR(20)", "VARCHAR(40)"),
    ],
    "postgresql": [],
}

# Triggers the migrations create and the models cannot declare: the audit log is append-only.
EXPECTED_TRIGGERS: dict[str, set[tuple[str, str]]] = {
    "sqlite": {("audit_event", "audit_event_no_update"), ("audit_event", "audit_event_no_delete")},
    "postgresql": {("audit_event", "audit_event_append_only")},
}


def _app_for(uri: str, **engine_options: Any) -> Flask:
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = uri
        SQLALCHEMY_ENGINE_OPTIONS = {"poolclass": NullPool, **engine_options}

    return create_app(Config)


def _reset_postgres_schema(create: bool) -> None:
    engine = create_engine(POSTGRES_URL, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        if create:
            connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    engine.dispose()


@pytest.fixture
def migrated(tmp_path: Path) -> Iterator[Flask]:
    """An app bound to an empty database that the real migrations have brought to head."""
    if POSTGRES_URL:
        _reset_postgres_schema(create=True)
        app = _app_for(POSTGRES_URL, connect_args={"options": f"-c search_path={SCHEMA}"})
    else:
        app = _app_for(f"sqlite:///{tmp_path / 'migrated.db'}")
    try:
        with app.app_context():
            flask_migrate.upgrade()
            yield app
            db.session.remove()
            db.engine.dispose()
    finally:
        if POSTGRES_URL:
            _reset_postgres_schema(create=False)


def _describe(difference: Any) -> tuple[str, ...]:
    """One autogenerate difference as plain strings: (operation, table, name, ...)."""
    operation = difference[0]
    if operation.startswith("modify_"):
        _op, _schema, table, column, _existing, old, new = difference
        return (operation, table, column, _plain(old), _plain(new))
    if operation in ("add_table", "remove_table"):
        return (operation, difference[1].name)
    if operation in ("add_column", "remove_column"):
        return (operation, difference[2], difference[3].name)
    if operation in ("add_index", "remove_index", "add_constraint", "remove_constraint"):
        return (operation, difference[1].table.name, str(difference[1].name))
    if operation in ("add_fk", "remove_fk"):
        return (operation, difference[1].parent.name, str(difference[1].name))
    return (operation, repr(difference[1:]))


def _plain(value: Any) -> str:
    """A type as its SQL, a server default as its SQL text, anything else as str()."""
    arg = getattr(value, "arg", value)  # DefaultClause
    return str(getattr(arg, "text", arg))


def _differences(connection: Connection) -> list[tuple[str, ...]]:
    """What autogenerate would write into a new migration, types and server defaults included."""
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": True}
    )
    found = []
    for entry in compare_metadata(context, db.metadata):
        # Changes to one column come grouped in a list; everything else is a single tuple.
        changes = entry if isinstance(entry, list) else [entry]
        found.extend(_describe(change) for change in changes)
    return sorted(found)


def _triggers(connection: Connection) -> set[tuple[str, str]]:
    if connection.dialect.name == "postgresql":
        query = (
            "SELECT DISTINCT event_object_table, trigger_name FROM information_schema.triggers"
            " WHERE trigger_schema = current_schema()"
        )
    else:
        query = "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'"
    return {(table, name) for table, name in connection.execute(text(query))}


def _schema(connection: Connection) -> dict[str, Any]:
    """Tables with their columns, keys, indexes and constraints, and the triggers, as reflected."""
    inspector = inspect(connection)
    tables = {}
    for table in inspector.get_table_names():
        tables[table] = {
            "columns": sorted(
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                for c in inspector.get_columns(table)
            ),
            "primary_key": inspector.get_pk_constraint(table)["constrained_columns"],
            "foreign_keys": sorted(
                (
                    str(fk["name"]),
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    str(fk.get("options", {}).get("ondelete")),
                )
                for fk in inspector.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (str(ix["name"]), tuple(map(str, ix["column_names"])), bool(ix["unique"]))
                for ix in inspector.get_indexes(table)
            ),
            "unique": sorted(
                (str(uq["name"]), tuple(uq["column_names"]))
                for uq in inspector.get_unique_constraints(table)
            ),
            "checks": sorted(
                (str(ck["name"]), ck["sqltext"]) for ck in inspector.get_check_constraints(table)
            ),
        }
    return {"tables": tables, "triggers": _triggers(connection)}


def _check_names(schema: dict[str, Any]) -> set[tuple[str, str]]:
    return {(table, name) for table, info in schema["tables"].items() for name, _ in info["checks"]}


def _current_revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())


def test_models_and_migrations_agree(migrated: Flask) -> None:
    with db.engine.connect() as connection:
        dialect = connection.dialect.name
        assert _differences(connection) == sorted(EXPECTED_DIFFERENCES[dialect])
        schema = _schema(connection)

    # Autogenerate ignores check constraints: every one the models name exists in the database.
    declared_checks = {
        (table.name, str(constraint.name))
        for table in db.metadata.sorted_tables
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint)
    }
    assert declared_checks  # the models do declare some, so the comparison means something
    assert declared_checks == _check_names(schema)
    assert schema["triggers"] == EXPECTED_TRIGGERS[dialect]
    assert set(schema["tables"]) == {t.name for t in db.metadata.sorted_tables} | {
        "alembic_version"
    }


def test_migrations_form_one_line() -> None:
    with _app_for("sqlite://").app_context():
        script = _script()
        assert len(script.get_heads()) == 1, script.get_heads()
        assert len(script.get_bases()) == 1, script.get_bases()


def test_latest_revision_downgrades_and_upgrades_again(migrated: Flask) -> None:
    head = _script().get_revision("head")
    assert head is not None and _current_revision() == head.revision
    with db.engine.connect() as connection:
        before = _schema(connection)

    flask_migrate.downgrade(revision="-1")
    assert _current_revision() == head.down_revision

    flask_migrate.upgrade()
    assert _current_revision() == head.revision
    with db.engine.connect() as connection:
        assert _schema(connection) == before
        assert _differences(connection) == sorted(EXPECTED_DIFFERENCES[connection.dialect.name])


def _notification_columns() -> set[str]:
    return {column["name"] for column in inspect(db.engine).get_columns("notification")}


def test_notification_params_go_down_and_up_keeping_the_notices(migrated: Flask) -> None:
    """0017 (issue 20): the wording column comes and goes; the notices and their text stay."""
    at = "2026-12-01 08:00:00"
    with db.engine.begin() as connection:
        connection.execute(
            text(
                'INSERT INTO "user" (id, username, display_name, password_hash, active, '
                "created_at, must_change_password) VALUES (1, 'w', 'W', 'x', true, :at, false)"
            ),
            {"at": at},
        )
        connection.execute(
            text(
                "INSERT INTO notification (user_id, event, title, text, url, params, created_at) "
                "VALUES (1, 'submitted', '待审核：春装', '', '/review/1', :params, :at)"
            ),
            {"params": '{"title": [["submitted", {"piece": "春装"}]], "text": []}', "at": at},
        )
    assert "params" in _notification_columns()

    flask_migrate.downgrade(revision="0016")
    assert "params" not in _notification_columns()
    with db.engine.connect() as connection:
        rows = connection.execute(text("SELECT title FROM notification")).all()
    assert [row.title for row in rows] == ["待审核：春装"]

    flask_migrate.upgrade()
    assert "params" in _notification_columns()
    with db.engine.connect() as connection:
        rows = connection.execute(text("SELECT title, params FROM notification")).all()
    assert [(row.title, row.params) for row in rows] == [("待审核：春装", None)]
