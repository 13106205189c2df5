"""The commands: publish-due and its dry run, backup/restore, a worker that survives outages."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import event, select

from app import create_app
from app.extensions import db
from app.models import Channel, Piece
from app.worker import run_worker
from app.workflow import Status
from config import TestConfig
from tests.channels.fakes import WebhookReceiver

DuePiece = Callable[..., Piece]


def test_publish_due_dry_run_lists_and_changes_nothing_then_a_pass_publishes(
    runner: FlaskCliRunner,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    make_piece,
) -> None:
    from app.models import utcnow

    piece = make_piece(status="scheduled", channel=webhook_channel, title="到期的稿件")
    piece.publish_at = utcnow()
    db.session.commit()

    dry = runner.invoke(args=["publish-due", "--dry-run"])

    assert dry.exit_code == 0, dry.output
    assert f"#{piece.id} 到期的稿件" in dry.output and "发布（Webhook 推送）" in dry.output
    assert "共 1 篇" in dry.output and receiver.requests == []
    db.session.expire_all()
    assert db.session.get(Piece, piece.id).status == Status.SCHEDULED

    done = runner.invoke(args=["publish-due"])

    assert done.exit_code == 0, done.output
    assert "已发布 1" in done.output and len(receiver.requests) == 1


@pytest.mark.real_db  # the backup reads the database file, the restore replaces it
def test_backup_and_restore_round_trip(
    app: Flask, runner: FlaskCliRunner, make_piece, tmp_path: Path
) -> None:
    uploads = Path(app.config["UPLOAD_FOLDER"]) / "covers"
    uploads.mkdir(parents=True)
    (uploads / "keep.png").write_bytes(b"cover-bytes")
    kept = make_piece(title="备份前的稿件").id
    archive = tmp_path / "backups" / "hemline.tar.gz"

    made = runner.invoke(args=["backup", str(archive)])
    assert made.exit_code == 0, made.output
    assert "上传文件 1 个" in made.output and "迁移版本" in made.output

    piece = db.session.get(Piece, kept)
    db.session.delete(piece)
    make_piece(title="备份后的稿件")
    (uploads / "keep.png").unlink()
    (uploads / "later.png").write_bytes(b"after")

    restored = runner.invoke(args=["restore", str(archive), "--yes"])

    assert restored.exit_code == 0, restored.output
    titles = db.session.scalars(select(Piece).order_by(Piece.id)).all()
    assert [p.title for p in titles] == ["备份前的稿件"]
    assert (uploads / "keep.png").read_bytes() == b"cover-bytes"
    assert not (uploads / "later.png").exists()
    aside = list(Path(app.config["UPLOAD_FOLDER"]).parent.glob("uploads.before-restore-*"))
    assert len(aside) == 1 and (aside[0] / "covers" / "later.png").exists()


def test_restore_refuses_a_file_that_is_not_a_backup(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tarball")

    result = runner.invoke(args=["restore", str(bogus), "--yes"])

    assert result.exit_code == 1 and "不是有效的备份文件" in result.output


def test_the_worker_survives_the_database_going_away(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    class Gone(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'missing' / 'hemline.db'}"
        WORKER_INTERVAL_SECONDS = 0

    app = create_app(Gone)
    with app.app_context(), caplog.at_level(logging.ERROR, logger="hemline.worker"):
        run_worker(once=True)
        db.engine.dispose()

    assert "数据库暂不可用" in caplog.text


def test_a_worker_pass_publishes_then_sends_the_queued_alerts(
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    wecom,
    make_piece,
    make_user,
) -> None:
    from app.models import utcnow
    from app.notifications.routes import RouteSettings, add_route
    from app.worker import run_once

    url = f"{wecom.url}/cgi-bin/webhook/send?key={wecom.secret}"
    add_route(make_user("admin"), RouteSettings("运营群", "wecom", ("failed",), url=url))
    receiver.status = 400
    piece = make_piece(status="scheduled", channel=webhook_channel)
    piece.publish_at = utcnow()
    db.session.commit()
    piece_id = piece.id

    assert run_once() == 1  # the worker ends its pass with a fresh session

    assert db.session.get(Piece, piece_id).status == Status.FAILED
    (message,) = wecom.messages
    assert "HTTP 400" in message["markdown"]["content"]


@pytest.mark.real_db  # the backup reads the database file, the restore replaces it
def test_restore_ignores_manifest_keys_it_does_not_know(
    runner: FlaskCliRunner, make_piece, tmp_path: Path
) -> None:
    import io
    import json
    import tarfile

    kept = make_piece(title="新版本备份的稿件").id
    archive = tmp_path / "hemline.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    newer = tmp_path / "newer.tar.gz"
    with tarfile.open(archive, "r:gz") as old, tarfile.open(newer, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member) if member.isfile() else None
            if member.name == "manifest.json":
                manifest = json.loads(data.read()) | {"format": 2, "media_checksums": {"a": 1}}
                body = json.dumps(manifest).encode()
                member.size, data = len(body), io.BytesIO(body)
            new.addfile(member, data)
    db.session.delete(db.session.get(Piece, kept))
    db.session.commit()

    restored = runner.invoke(args=["restore", str(newer), "--yes"])

    assert restored.exit_code == 0, restored.output
    assert [p.title for p in db.session.scalars(select(Piece))] == ["新版本备份的稿件"]


@pytest.mark.real_db  # the outage refuses new connections
def test_the_worker_publishes_again_once_its_database_comes_back(
    app: Flask,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    make_piece,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from app.models import utcnow

    piece = make_piece(status="scheduled", channel=webhook_channel)
    piece.publish_at = utcnow()
    db.session.commit()
    piece_id = piece.id
    db.session.remove()
    app.config["WORKER_INTERVAL_SECONDS"] = 0
    down = {"now": True}

    def refuse(dialect, _record, _args, _params):  # type: ignore[no-untyped-def]
        """Every new connection fails while the database is down (tests use no pool)."""
        if down["now"]:
            raise dialect.dbapi.OperationalError("could not connect: the database is down")

    event.listen(db.engine, "do_connect", refuse)
    try:
        with caplog.at_level(logging.ERROR, logger="hemline.worker"):
            run_worker(once=True)  # the database goes away …
        down["now"] = False
        run_worker(once=True)  # … and comes back
    finally:
        event.remove(db.engine, "do_connect", refuse)

    assert "数据库暂不可用" in caplog.text
    assert db.session.get(Piece, piece_id).status == Status.PUBLISHED
    assert len(receiver.requests) == 1


@pytest.mark.real_db  # the outage refuses new connections
def test_the_worker_backs_off_while_the_database_is_down_and_says_when_it_is_back(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    from app.worker import Outage

    down = {"now": True}

    def refuse(dialect, _record, _args, _params):  # type: ignore[no-untyped-def]
        if down["now"]:
            raise dialect.dbapi.OperationalError("connection refused: the server is restarting")

    seconds = iter([100.0, 130.0])  # the outage begins, the database is back
    outage = Outage(clock=lambda: next(seconds))
    event.listen(db.engine, "do_connect", refuse)
    try:
        with caplog.at_level(logging.INFO, logger="hemline.worker"):
            waits = [outage.after_pass(15) for _ in range(5)]
            down["now"] = False
            waits.append(outage.after_pass(15))
    finally:
        event.remove(db.engine, "do_connect", refuse)

    assert waits == [1.0, 2.0, 4.0, 8.0, 15.0, 15.0]  # capped by the interval, then the interval
    assert caplog.text.count("数据库暂不可用") == 1  # the error once, then counted retries
    assert "数据库仍不可用（第 5 次重试）" in caplog.text
    assert "数据库已恢复（中断约 30 秒，重试 5 次）" in caplog.text
