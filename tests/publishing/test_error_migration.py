"""Migration 0023 (issue 20): the job's error words come and go; the jobs and their text stay."""

from __future__ import annotations

import flask_migrate
from flask import Flask
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from app.channels.wechat_oa import error_for
from app.extensions import db
from app.models import Channel, Piece, PublishJob, User
from app.notifications.events import Words
from app.publishing.job_errors import record_error
from tests.test_migrations import migrated

__all__ = ["migrated"]  # the fixture: an empty database the real migrations brought to head


def _columns() -> set[str]:
    return {column["name"] for column in inspect(db.engine).get_columns("publish_job")}


def _insert_job() -> None:
    """A failed job with its error words, written through the models at head.

    A session of the migrated database's own engine: on PostgreSQL the fixture's app has the test
    database's URL, so db.session would write into the isolated test's transaction instead."""
    owner = User(username="w", display_name="W", password_hash="x")
    channel = Channel(code="oa", name="公众号", kind="wechat_oa")
    piece = Piece(owner=owner, last_editor=owner, channel=channel, content_type="styling")
    piece.status = "failed"
    job = PublishJob(piece=piece, state="failed", adapter="wechat_oa")
    record_error(job, Words(error_for(45028).said), "45028")
    with Session(db.engine) as session:
        session.add_all([owner, channel, piece, job])
        session.commit()


def test_the_error_words_go_down_and_up_keeping_the_jobs(migrated: Flask) -> None:
    _insert_job()
    assert "last_error_params" in _columns()
    with db.engine.connect() as connection:
        stored = connection.execute(text("SELECT last_error_params FROM publish_job")).scalar()
    assert stored is not None and "wechat.errcode.45028" in str(stored)

    flask_migrate.downgrade(revision="0022")
    assert "last_error_params" not in _columns()
    with db.engine.connect() as connection:
        rows = connection.execute(text("SELECT last_error FROM publish_job")).all()
    assert [row.last_error for row in rows] == [
        "公众号今天的发表次数已用完，请明天再试（错误码 45028）"
    ]

    flask_migrate.upgrade()
    assert "last_error_params" in _columns()
    with db.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT last_error, last_error_params FROM publish_job")
        ).all()
    assert [(row.last_error, row.last_error_params) for row in rows] == [
        ("公众号今天的发表次数已用完，请明天再试（错误码 45028）", None)
    ]
