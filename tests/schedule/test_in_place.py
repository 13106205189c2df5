"""The scheduling page answers in place (issue 20 item 3): a refusal stands by the schedule or
unschedule form, the day and time kept; JSON callers get JSON; override controls only for who
may override, schedule controls only for who may schedule."""

from __future__ import annotations

from app.extensions import db
from app.schedule import services
from tests.conftest import login
from tests.in_place import has_form, refusal_in, value_of
from tests.schedule.conftest import brand_at

JSON = {"Accept": "application/json"}


def test_a_time_in_the_past_is_said_on_the_form_with_the_input_kept(
    client, make_channel, approved, team
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    login(client, team["reviewer"])
    url = f"/calendar/pieces/{piece.id}/schedule"
    response = client.post(url, data={"day": "2020-01-01", "clock": "09:30"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "不能排在过去的时间" in refusal_in(html, "schedule-form")
    assert value_of(html, "schedule-form", "day") == "2020-01-01"
    assert value_of(html, "schedule-form", "clock") == "09:30"
    as_json = client.post(url, data={"day": "2020-01-01", "clock": "09:30"}, headers=JSON)
    assert as_json.status_code == 400 and as_json.json["error"] == "invalid_input"
    assert "不能排在过去的时间" in as_json.json["message"]


def test_a_policy_refusal_as_json(client, make_channel, approved, crowd, team, monday) -> None:
    from datetime import timedelta

    channel = make_channel("xiaohongshu")
    crowd(channel, monday)
    promo = approved(channel, "promotion")
    login(client, team["reviewer"])
    day = (monday + timedelta(days=2)).isoformat()
    response = client.post(
        f"/calendar/pieces/{promo.id}/schedule", data={"day": day, "clock": "10:00"}, headers=JSON
    )
    assert response.status_code == 409 and response.json["error"] == "policy"
    assert response.json["violations"] and response.json["suggested_at"]


def test_an_unschedule_refused_is_said_on_the_scheduling_page(
    client, make_channel, approved, team
) -> None:
    piece = approved(make_channel("xiaohongshu"))  # approved, never scheduled
    login(client, team["reviewer"])
    response = client.post(f"/calendar/pieces/{piece.id}/unschedule")
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert not has_form(html, "unschedule-form")
    assert "已排期的稿件才能改期或取消" in refusal_in(html, "unschedule-form", inside=None)
    assert has_form(html, "schedule-form")  # the page as it was, ready for a schedule


def test_unschedule_keeps_the_managers_reason_on_refusal(
    client, make_channel, approved, team, monday, monkeypatch
) -> None:
    from app.errors import InvalidInput

    piece = approved(make_channel("xiaohongshu"))
    services.schedule(team["reviewer"], piece, brand_at(monday))

    def refuse(*_args, **_kwargs):
        raise InvalidInput("测试：不能取消。", field="override_reason")

    monkeypatch.setattr(services, "unschedule", refuse)
    login(client, team["manager"])
    response = client.post(
        f"/calendar/pieces/{piece.id}/unschedule", data={"override_reason": "渠道临时调整"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert refusal_in(html, "unschedule-form", "override_reason") == "测试：不能取消。"
    assert value_of(html, "unschedule-form", "override_reason") == "渠道临时调整"
    db.session.refresh(piece)
    assert piece.status == "scheduled"


def test_override_controls_only_for_who_may_override(
    client, make_channel, approved, team, monday
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    services.schedule(team["reviewer"], piece, brand_at(monday))
    url = f"/calendar/pieces/{piece.id}/schedule"
    login(client, team["reviewer"])
    html = client.get(url).get_data(as_text=True)
    assert has_form(html, "schedule-form") and 'name="override_reason"' not in html
    client.post("/logout")
    login(client, team["manager"])
    html = client.get(url).get_data(as_text=True)
    assert value_of(html, "schedule-form", "override_reason") is not None
    assert value_of(html, "unschedule-form", "override_reason") is not None


def test_the_calendar_offers_drag_and_drop_only_to_schedulers(
    client, make_channel, approved, team
) -> None:
    approved(make_channel("xiaohongshu"))
    login(client, team["writer"])
    assert "data-move-url" not in client.get("/calendar").get_data(as_text=True)
    client.post("/logout")
    login(client, team["reviewer"])
    assert "data-move-url" in client.get("/calendar").get_data(as_text=True)
