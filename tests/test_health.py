"""Health for operators: /healthz for probes (503 without a worker), /metrics for Prometheus."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from prometheus_client.parser import text_string_to_metric_families

from app.extensions import db
from app.models import Piece, utcnow
from app.publishing import incidents
from tests.publishing.conftest import NOW


@pytest.fixture(autouse=True)
def frozen() -> time_machine.Coordinates:
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


def scheduled(make_piece: Callable[..., Piece], minutes_ago: int) -> Piece:
    piece = make_piece(status="scheduled")
    piece.publish_at = NOW - timedelta(minutes=minutes_ago)
    db.session.commit()
    return piece


def test_healthz_is_503_without_a_worker(client: FlaskClient) -> None:
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.get_json()
    assert body["database"] == "ok" and body["status"] == "stale_worker"
    assert body["worker"]["heartbeat_age_seconds"] is None and body["worker"]["stale"] is True


def test_healthz_reports_a_live_worker_and_the_due_and_late_pieces(
    client: FlaskClient, make_piece: Callable[..., Piece]
) -> None:
    incidents.beat(NOW - timedelta(seconds=30))
    scheduled(make_piece, 1)  # due, not late yet
    scheduled(make_piece, 10)  # late (missed after 5 minutes)
    make_piece(status="scheduled").publish_at = NOW + timedelta(hours=1)
    db.session.commit()

    response = client.get("/healthz")

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["status"] == "ok" and body["worker"]["live"] == 1
    assert 30 <= body["worker"]["heartbeat_age_seconds"] < 40
    assert body["publishing"] == {"due": 2, "late": 1}
    assert isinstance(body["lexicon_version"], int)
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_turns_503_when_the_heartbeat_goes_stale(
    client: FlaskClient, frozen: time_machine.Coordinates
) -> None:
    incidents.beat(utcnow())
    assert client.get("/healthz").status_code == 200
    frozen.shift(121)  # HEMLINE_WORKER_STALE: 2 minutes by default
    assert client.get("/healthz").status_code == 503


def test_healthz_is_503_when_the_database_is_unreachable(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from app.ops import health

    def gone(_now: object) -> None:
        raise OperationalError("SELECT 1", {}, Exception("password=hunter2 host=db"))

    monkeypatch.setattr(health, "_read", gone)
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.get_json() == {"status": "down", "database": "unreachable"}
    assert b"hunter2" not in response.data


def metric_values(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    values = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            values[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return values


def test_metrics_are_read_from_the_database_at_scrape_time(
    client: FlaskClient, make_piece: Callable[..., Piece], app: Flask
) -> None:
    incidents.beat(NOW - timedelta(seconds=10))
    scheduled(make_piece, 10)
    from app.checks.services import check_fields

    check_fields("标题", "全网最低价的衬衫")

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response.content_type.startswith("text/plain; version=0.0.4")
    values = metric_values(response.get_data(as_text=True))
    assert values[("hemline_database_up", ())] == 1
    assert 10 <= values[("hemline_worker_heartbeat_age_seconds", ())] < 20
    assert values[("hemline_publish_due", ())] == 1
    assert values[("hemline_publish_late", ())] == 1
    assert values[("hemline_pieces", (("status", "scheduled"),))] == 1
    assert values[("hemline_notification_outbox", (("status", "pending"),))] == 0
    assert values[("hemline_check_seconds_count", ())] >= 1


def test_metrics_can_require_a_token(client: FlaskClient, app: Flask) -> None:
    app.config["METRICS_TOKEN"] = "scrape-secret-123"
    try:
        assert client.get("/metrics").status_code == 401
        headers = {"Authorization": "Bearer scrape-secret-123"}
        assert client.get("/metrics", headers=headers).status_code == 200
    finally:
        app.config["METRICS_TOKEN"] = ""
