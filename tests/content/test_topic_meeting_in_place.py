"""The topic meeting answers in place (issue 20 item 3): a refused topic decision comes back on
the meeting page by that topic's form, what the manager chose and wrote kept; JSON for JSON
callers."""

from __future__ import annotations

from app.content.services import propose_topic
from app.extensions import db
from app.models import Topic
from tests.conftest import login
from tests.in_place import has_form, refusal_in, value_of


def _topic(make_user, make_channel, title: str) -> Topic:
    return propose_topic(
        make_user("writer"),
        title=title,
        brief="冬季通勤的三件外套",
        content_type="styling",
        channels=[make_channel()],
        target_week=None,
    )


def test_a_rejection_without_a_note_is_said_by_that_topics_form(
    client, make_user, make_channel
) -> None:
    first, second = (
        _topic(make_user, make_channel, "外套一"),
        _topic(make_user, make_channel, "外套二"),
    )
    login(client, make_user("manager"))
    prefix = f"t{second.id}-"
    data = {f"{prefix}decision": "reject", f"{prefix}note": "  "}
    response = client.post(f"/topics/{second.id}/decide", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert refusal_in(html, f"topic-{second.id}-form", "note") == "未采纳选题时请填写原因。"
    assert value_of(html, f"topic-{second.id}-form", f"{prefix}decision") == "reject"
    assert has_form(html, f"topic-{first.id}-form")  # the other topics are still there
    assert f"topic-{first.id}-form-error" not in html
    db.session.refresh(second)
    assert second.status == "proposed"


def test_no_choice_is_said_by_the_choices_and_as_json(client, make_user, make_channel) -> None:
    topic = _topic(make_user, make_channel, "外套三")
    login(client, make_user("manager"))
    response = client.post(f"/topics/{topic.id}/decide", data={f"t{topic.id}-note": "再想想"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert refusal_in(html, f"topic-{topic.id}-form", "decision") == "请选择采纳或不采纳。"
    assert value_of(html, f"topic-{topic.id}-form", f"t{topic.id}-note") == "再想想"
    as_json = client.post(
        f"/topics/{topic.id}/decide", data={}, headers={"Accept": "application/json"}
    )
    assert as_json.status_code == 400 and as_json.json["field"] == "decision"
