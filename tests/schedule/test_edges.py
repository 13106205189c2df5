"""Edges of scheduling: extreme dates, the worker claiming a piece mid-change, alert markers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from app.api.services import create_token
from app.errors import Conflict
from app.extensions import db
from app.models import Channel, JobState, Piece, PublishJob, User, utcnow
from app.schedule import services
from tests.conftest import login
from tests.schedule.conftest import brand_at

EXTREME = ["0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59-05:00", "1999-12-31T20:00:00+08:00"]


def bearer(user: User) -> dict[str, str]:
    scopes = (
        ["calendar:read", "schedule"] if user.has_role("reviewer", "manager") else ["calendar:read"]
    )
    secret, _ = create_token(user.username, scopes=scopes, days=90, now=utcnow())
    return {"Authorization": f"Bearer {secret}"}


def refused_in_chinese(response) -> str:  # type: ignore[no-untyped-def]
    """The message of a 400 answer (JSON or page), which must name the allowed years."""
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    body = response.get_json()["message"] if response.is_json else response.get_data(as_text=True)
    assert "2000" in body and "2100" in body
    return body


@pytest.mark.parametrize("at", EXTREME)
def test_the_api_refuses_extreme_publish_times_with_400(
    client: FlaskClient, make_channel, approved, team, at: str
) -> None:
    piece = approved(make_channel("xiaohongshu"))

    response = client.post(
        f"/api/v1/pieces/{piece.id}/schedule", headers=bearer(team["reviewer"]), json={"at": at}
    )

    assert "年份必须在" in refused_in_chinese(response)
    assert response.get_json()["error"] == "invalid_input"


@pytest.mark.parametrize(
    "query", ["from=0001-01-01", "to=9999-12-31", "from=9999-12-31T00:00:00%2B08:00"]
)
def test_the_calendar_api_refuses_extreme_ranges_with_400(
    client: FlaskClient, team, query: str
) -> None:
    response = client.get(f"/api/v1/calendar?{query}", headers=bearer(team["reviewer"]))

    refused_in_chinese(response)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_calendar_page_and_drag_refuse_extreme_dates_with_400(
    client: FlaskClient, make_channel, approved, team, day: str
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    login(client, team["manager"])

    refused_in_chinese(client.get(f"/calendar?view=week&date={day}"))
    refused_in_chinese(client.post("/calendar/move", json={"piece": piece.id, "date": day}))
    at = f"{day}T10:00:00+08:00"
    refused_in_chinese(client.post("/calendar/move", json={"piece": piece.id, "at": at}))
    form = {"day": day, "clock": "20:00"}
    refused_in_chinese(client.post(f"/calendar/pieces/{piece.id}/schedule", data=form))


# --- the worker's claim against a reschedule ------------------------------------------------


def _worker_claims_meanwhile(monkeypatch: pytest.MonkeyPatch, piece: Piece) -> Callable[[], None]:
    """Let the worker claim the piece (another connection, committed) while the policy runs."""
    original = services._check_slot

    def claim(*args, **kwargs):  # type: ignore[no-untyped-def]
        with db.engine.begin() as other:
            other.execute(
                text("UPDATE piece SET status = 'publishing' WHERE id = :id"), {"id": piece.id}
            )
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "_check_slot", claim)
    return monkeypatch.undo


@pytest.mark.real_db  # the worker's claim commits on another connection
def test_a_piece_the_worker_claims_during_a_reschedule_is_not_moved(
    monkeypatch: pytest.MonkeyPatch, make_channel, approved, team, monday: date
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    services.schedule(team["manager"], piece, brand_at(monday, 20))
    _worker_claims_meanwhile(monkeypatch, piece)

    with pytest.raises(Conflict, match="刚刚已开始发布") as caught:
        services.reschedule(team["manager"], piece, brand_at(monday + timedelta(days=1), 20))

    assert caught.value.status_code == 409
    db.session.expire_all()
    moved = db.session.get(Piece, piece.id)
    assert (moved.status, moved.publish_at) == ("publishing", brand_at(monday, 20))


@pytest.mark.real_db  # the worker's claim commits on another connection
def test_a_drag_racing_the_worker_gets_a_clear_409(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    make_channel,
    approved,
    team,
    monday: date,
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    services.schedule(team["manager"], piece, brand_at(monday, 20))
    login(client, team["manager"])
    _worker_claims_meanwhile(monkeypatch, piece)

    response = client.post(
        "/calendar/move", json={"piece": piece.id, "date": (monday + timedelta(1)).isoformat()}
    )

    assert response.status_code == 409 and "刚刚已开始发布" in response.get_json()["message"]


@pytest.mark.real_db  # the worker's claim commits on another connection
def test_unscheduling_a_piece_the_worker_claimed_meanwhile_is_refused(
    monkeypatch: pytest.MonkeyPatch, make_channel, approved, team, monday: date
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    services.schedule(team["manager"], piece, brand_at(monday, 20))
    original = services.planned_items

    def claim(*args, **kwargs):  # type: ignore[no-untyped-def]
        with db.engine.begin() as other:
            other.execute(
                text("UPDATE piece SET status = 'publishing' WHERE id = :id"), {"id": piece.id}
            )
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "planned_items", claim)
    with pytest.raises(Conflict):
        services.unschedule(team["manager"], piece)

    db.session.expire_all()
    assert db.session.get(Piece, piece.id).status == "publishing"


# --- alert markers are cleared when the time changes ---------------------------------------


@pytest.mark.parametrize("change", ["reschedule", "unschedule"])
def test_a_new_time_forgets_the_missed_and_escalation_alerts(
    make_channel: Callable[..., Channel], approved, team, monday: date, change: str
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    services.schedule(team["manager"], piece, brand_at(monday, 20))
    job = PublishJob(
        piece_id=piece.id, state=JobState.BLACKOUT.value, checkpoint={}, attempts=0, failures=0
    )
    job.missed_at = job.escalated_at = job.blackout_at = utcnow()
    db.session.add(job)
    db.session.commit()

    if change == "reschedule":
        services.reschedule(team["manager"], piece, brand_at(monday, 21))
    else:
        services.unschedule(team["manager"], piece)

    db.session.expire_all()
    job = db.session.get(PublishJob, piece.id)
    assert (job.missed_at, job.escalated_at, job.blackout_at) == (None, None, None)
    assert job.state == JobState.PENDING


# --- a signed-out drag ----------------------------------------------------------------------


def test_a_drag_without_a_session_is_a_401_the_calendar_can_explain(
    client: FlaskClient, make_channel, approved
) -> None:
    piece = approved(make_channel("xiaohongshu"))

    response = client.post("/calendar/move", json={"piece": piece.id, "date": "2030-01-01"})

    assert response.status_code == 401
    assert response.get_json()["message"] == "登录已过期，请刷新页面后重新登录。"
    page = client.get("/calendar")  # pages still go to the login form
    assert page.status_code == 302 and "/login" in page.headers["Location"]


def test_unscheduling_and_rotating_the_feed_link_ask_first(
    client: FlaskClient, make_channel, approved, team, monday: date
) -> None:
    from app.schedule import feed

    piece = approved(make_channel("xiaohongshu"))
    services.schedule(team["manager"], piece, brand_at(monday, 20))
    feed.rotate_feed(team["manager"])
    login(client, team["manager"])

    place = client.get(f"/calendar/pieces/{piece.id}/schedule").get_data(as_text=True)
    links = client.get("/calendar/feed").get_data(as_text=True)

    assert 'data-confirm="取消排期后，稿件回到储备' in place
    assert 'data-confirm="生成新链接后，旧链接立即失效' in links
