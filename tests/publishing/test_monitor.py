"""Nothing fails silently even with the worker down: heartbeats and the independent watchdog.

The watchdog runs from the web processes (on a request, at most once a minute between them),
from `flask watchdog` and from each worker pass; each problem is alerted once and its end once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import func, select

from app.extensions import db
from app.models import Channel, Notification, OutboxMessage, Piece, User, WorkerHeartbeat, utcnow
from app.notifications.routes import RouteSettings, add_route
from app.publishing import incidents, monitor, services
from app.workflow import Status
from tests.publishing.conftest import NOW, later

DuePiece = Callable[..., Piece]


@pytest.fixture
def web_watchdog(app: Flask) -> Iterator[None]:
    """The web processes' watchdog on (the test configuration turns it off), once a minute."""
    app.config["WATCHDOG_INTERVAL_SECONDS"] = 60
    monitor.reset_local_throttle()
    yield
    monitor.reset_local_throttle()


@pytest.fixture
def as_process(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Play another process: its own name and its own (not yet used) local throttle."""

    def switch(name: str) -> None:
        monkeypatch.setattr(incidents, "worker_id", lambda: name)
        monitor.reset_local_throttle()

    return switch


def count(event: str, user: User | None = None) -> int:
    query = select(func.count()).select_from(Notification).where(Notification.event == event)
    if user is not None:
        query = query.where(Notification.user_id == user.id)
    return db.session.scalar(query) or 0


def test_with_no_worker_a_web_request_alerts_once_and_the_return_once(
    client: FlaskClient,
    make_user: Callable[..., User],
    web_watchdog: None,
    as_process: Callable[[str], None],
    frozen_clock: time_machine.Coordinates,
) -> None:
    manager = make_user("manager")
    incidents.beat(NOW - (incidents.stale_after() * 2))  # a worker that stopped a while ago

    client.get("/login")  # a web process serves a page: the watchdog runs

    assert count("worker_down", manager) == 1
    (notice,) = db.session.scalars(select(Notification).where(Notification.event == "worker_down"))
    assert "flask worker" in notice.text and notice.url == "/publishing"

    as_process("web-2")  # another web process, in the same minute: the database says no
    client.get("/login")
    frozen_clock.shift(61)
    as_process("web-3")  # a minute later: it runs, but the incident is alerted already
    client.get("/login")
    assert count("worker_down") == 1
    assert count("recovered") == 0

    for name in ("web-4", "web-5"):  # the worker is back, and beats on
        incidents.beat(utcnow())
        frozen_clock.shift(61)
        as_process(name)
        client.get("/login")

    assert count("worker_down") == 1
    assert count("recovered", manager) == 1


def test_the_web_watchdog_runs_at_most_once_a_minute_across_processes(
    make_user: Callable[..., User], as_process: Callable[[str], None]
) -> None:
    make_user("manager")
    assert monitor.check(NOW) == {"missed_alerts": 0, "worker_alerts": 1, "recoveries": 0}
    as_process("web-2")
    assert monitor.check(later(seconds=30)) is None  # the other process had the minute
    assert monitor.check(later(seconds=60)) == {
        "missed_alerts": 0,
        "worker_alerts": 0,  # still down, alerted already
        "recoveries": 0,
    }


def test_two_processes_checking_at_the_same_moment_raise_one_alert(
    make_user: Callable[..., User], as_process: Callable[[str], None]
) -> None:
    manager = make_user("manager")
    admin = make_user("admin")
    as_process("web-1")
    first = monitor.check(NOW, force=True)
    as_process("cron")
    second = monitor.check(NOW, force=True)

    assert (first or {})["worker_alerts"] + (second or {})["worker_alerts"] == 1
    assert count("worker_down", manager) == 1 and count("worker_down", admin) == 1


def test_a_missed_piece_with_no_worker_is_alerted_from_the_web_and_its_end_told_once(
    client: FlaskClient,
    webhook_channel: Channel,
    due_piece: DuePiece,
    make_user: Callable[..., User],
    web_watchdog: None,
    as_process: Callable[[str], None],
    frozen_clock: time_machine.Coordinates,
) -> None:
    manager = make_user("manager")
    piece = due_piece(webhook_channel)  # due at NOW; no worker is running
    frozen_clock.shift(6 * 60)

    client.get("/login")
    as_process("web-2")
    client.get("/login")

    assert count("missed", manager) == 1
    assert count("worker_down", manager) == 1

    # the worker comes back and publishes it late
    assert services.publish_due(utcnow()).outcomes == {"published": [piece.id]}
    for name in ("web-3", "web-4"):
        incidents.beat(utcnow())
        frozen_clock.shift(61)
        as_process(name)
        client.get("/login")

    recovered = list(
        db.session.scalars(
            select(Notification).where(
                Notification.event == "recovered", Notification.user_id == manager.id
            )
        )
    )
    assert sorted(n.piece_id or 0 for n in recovered) == [0, piece.id]  # the worker, the piece
    assert count("missed", manager) == 1
    assert db.session.get(Piece, piece.id).status == Status.PUBLISHED


def test_a_rescheduled_missed_piece_is_told_as_handled(
    webhook_channel: Channel, due_piece: DuePiece, make_user: Callable[..., User]
) -> None:
    make_user("manager")
    piece = due_piece(webhook_channel)
    assert monitor.check(later(minutes=6), force=True)["missed_alerts"] == 1
    piece.publish_at = later(hours=2)
    db.session.get(type(piece.publish_job), piece.id).clear_alert_markers()
    db.session.commit()

    assert monitor.check(later(minutes=7), force=True)["recoveries"] == 1
    assert monitor.check(later(minutes=8), force=True)["recoveries"] == 0


def test_flask_watchdog_alerts_through_the_routes_for_cron(
    runner: FlaskCliRunner, make_user: Callable[..., User], wecom
) -> None:
    admin = make_user("admin")
    url = f"{wecom.url}/cgi-bin/webhook/send?key={wecom.secret}"
    add_route(admin, RouteSettings("运维群", "wecom", ("worker_down", "recovered"), url=url))

    result = runner.invoke(args=["watchdog"])

    assert result.exit_code == 0, result.output
    assert "发布进程告警 1" in result.output and "从未收到心跳" in result.output
    (message,) = db.session.scalars(select(OutboxMessage))
    assert message.event == "worker_down"
    assert message.url == "https://hemline.example/publishing"

    assert runner.invoke(args=["watchdog"]).output.count("发布进程告警 0") == 1


def test_a_worker_pass_writes_its_heartbeat_and_a_clean_stop_says_so(app: Flask) -> None:
    from app.worker import run_once

    run_once()

    (beat,) = db.session.scalars(select(WorkerHeartbeat))
    assert not incidents.worker_stale(utcnow())
    assert incidents.heartbeat_age(utcnow()) < 5
    incidents.stopped(utcnow())
    assert incidents.last_heartbeat() is None and incidents.worker_stale(utcnow())
    assert beat.pid > 0
