"""Migration 0024 (issue 20): the error words of take-down tasks and outbox messages come and
go; the rows and their Chinese text stay."""

from __future__ import annotations

from datetime import date

import flask_migrate
from flask import Flask
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import Authorisation, Channel, OutboxMessage, Piece, TakedownTask, User
from app.notifications.events import Words
from tests.test_migrations import migrated

__all__ = ["migrated"]  # the fixture: an empty database the real migrations brought to head

TABLES = ("takedown_task", "notification_outbox")
REFUSED = Words.of("notify.refused", code=45009)
NOT_WECHAT = Words.of("wechat.not_wechat")


def _has_params(table: str) -> bool:
    return "last_error_params" in {c["name"] for c in inspect(db.engine).get_columns(table)}


def _insert_rows() -> None:
    """A failed take-down and an undelivered message with their words, through the models at
    head, in a session of the migrated database's own engine (see test_error_migration)."""
    owner = User(username="w", display_name="W", password_hash="x")
    channel = Channel(code="oa", name="公众号", kind="wechat_oa")
    piece = Piece(owner=owner, last_editor=owner, channel=channel, content_type="ugc")
    consent = Authorisation(
        customer="王小明",
        channel_codes=["oa"],
        valid_from=date(2026, 11, 1),
        valid_until=date(2026, 12, 31),
        how_given="signed_form",
        recorded_by=owner,
    )
    task = TakedownTask(
        piece=piece,
        authorisation=consent,
        kind="manual",
        last_error=str(NOT_WECHAT),
        last_error_params=NOT_WECHAT.to_json(),
    )
    message = OutboxMessage(
        event="failed",
        title="发布失败",
        status="dead",
        last_error=str(REFUSED),
        last_error_params=REFUSED.to_json(),
    )
    with Session(db.engine) as session:
        session.add_all([owner, channel, piece, consent, task, message])
        session.commit()


def _stored() -> dict[str, list[tuple[object, ...]]]:
    with db.engine.connect() as connection:
        return {
            table: [
                tuple(row)
                for row in connection.execute(
                    text(
                        f"SELECT last_error{', last_error_params' if _has_params(table) else ''}"
                        f" FROM {table}"  # noqa: S608  the two table names above
                    )
                )
            ]
            for table in TABLES
        }


def test_the_error_words_go_down_and_up_keeping_the_rows(migrated: Flask) -> None:
    _insert_rows()
    stored = _stored()
    assert "wechat.not_wechat" in str(stored["takedown_task"][0][1])
    assert "notify.refused" in str(stored["notification_outbox"][0][1])

    flask_migrate.downgrade(revision="0023")
    assert not any(_has_params(table) for table in TABLES)
    assert _stored() == {
        "takedown_task": [("渠道已不再通过公众号接口发布",)],
        "notification_outbox": [("机器人拒绝了消息（错误码 45009）",)],
    }

    flask_migrate.upgrade()
    assert all(_has_params(table) for table in TABLES)
    assert _stored() == {
        "takedown_task": [("渠道已不再通过公众号接口发布", None)],
        "notification_outbox": [("机器人拒绝了消息（错误码 45009）", None)],
    }
