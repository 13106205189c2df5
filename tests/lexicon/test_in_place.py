"""Legal's entry editor answers in place (issue 20 item 3): a refused entry comes back in the
editor with the reasons inside the form and every field kept; JSON callers get the same reasons
as JSON; a stale preview is a 409 said on the form."""

from __future__ import annotations

import re

from app.checks.store import latest_version
from app.compliance import Entry
from tests.conftest import login
from tests.in_place import refusal_in, value_of
from tests.lexicon.test_views import _form

JSON = {"Accept": "application/json"}
SLIM = Entry("赘肉", "ad_claim", "block", examples_hit=("甩掉赘肉",), examples_pass=("遮住",))


def _failing(**changes: str) -> dict[str, str]:
    data = _form(term="脂肪", category="ad_claim", conditions="near:2:燃烧", action="save")
    return data | {"examples_hit": "脂肪很多", "examples_pass": "第一次穿"} | changes


def test_examples_that_fail_are_said_in_the_form_with_every_field_kept(
    client, make_user, load_lexicon
) -> None:
    version = load_lexicon(SLIM)
    login(client, make_user("legal"))
    response = client.post("/lexicon/entries/new", data=_failing())
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    beside = refusal_in(html, "entry-form", "examples_hit", inside="entry-form")
    assert "示例“脂肪很多”：应命中“脂肪”，实际没有命中" in beside  # which, expected vs got
    assert "脂肪很多" not in refusal_in(html, "entry-form")  # not at the form's top
    assert value_of(html, "entry-form", "term") == "脂肪"
    assert value_of(html, "entry-form", "examples_hit") == "脂肪很多"
    assert value_of(html, "entry-form", "conditions") == "near:2:燃烧"
    assert latest_version() == version


def test_examples_that_fail_as_json(client, make_user, load_lexicon) -> None:
    load_lexicon(SLIM)
    login(client, make_user("legal"))
    response = client.post("/lexicon/entries/new", data=_failing(), headers=JSON)
    assert response.status_code == 400 and response.json["error"] == "invalid_input"
    assert any("必中示例“脂肪很多”" in p for p in response.json["problems"])
    assert response.json["field"] == "examples_hit"
    assert response.json["examples"] == [
        {"field": "examples_hit", "example": "脂肪很多", "expected": "hit", "hits": []}
    ]


def test_a_must_pass_example_that_hits_says_where_next_to_its_field(
    client, make_user, load_lexicon
) -> None:
    load_lexicon(SLIM)
    login(client, make_user("legal"))
    data = _failing(conditions="", examples_hit="减脂肪", examples_pass="燃烧脂肪")
    response = client.post("/lexicon/entries/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    beside = refusal_in(html, "entry-form", "examples_pass")
    assert "示例“燃烧脂肪”：不应命中，实际在第 3–4 个字符“脂肪”命中" in beside
    assert value_of(html, "entry-form", "examples_pass") == "燃烧脂肪"
    assert "entry-form-examples_hit-error" not in html  # the must-hit one passed


def test_a_field_error_as_json_names_the_field(client, make_user, load_lexicon) -> None:
    load_lexicon(SLIM)
    login(client, make_user("legal"))
    response = client.post("/lexicon/entries/new", data=_failing(term=""), headers=JSON)
    assert response.status_code == 400 and response.json["field"] == "term"


def test_a_preview_overtaken_by_another_change_is_a_409_on_the_form(
    client, make_user, load_lexicon
) -> None:
    first = load_lexicon(SLIM)
    login(client, make_user("legal"))
    data = _form(base_version=str(first))
    preview = client.post("/lexicon/entries/new", data=data | {"action": "preview"})
    token = re.search(r'name="previewed" value="([0-9a-f]+)"', preview.get_data(as_text=True))
    assert token
    load_lexicon(SLIM, Entry("顶级", "ad_absolute", "block"), reason="别人改了词库")
    response = client.post(
        "/lexicon/entries/new", data=data | {"action": "save", "previewed": token.group(1)}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "请重新预览" in refusal_in(html, "entry-form")
    assert value_of(html, "entry-form", "term") == "第一"


def test_reports_closed_meanwhile_are_said_on_the_inbox(
    client, make_user, make_piece, load_lexicon
) -> None:
    """Two legal users on the same report: the second dismissal comes back on the inbox (its
    form gone), a 409 with the reason, not the bare error page."""
    from app.checks.reporting import current_report
    from app.lexicon.feedback import dismiss, report_false_positive

    load_lexicon(Entry("最好", "ad_absolute", "review"))
    piece = make_piece(status="in_review", body="洗涤时最好手洗")
    _report, [view] = current_report(piece)
    report = report_false_positive(make_user("reviewer"), piece, view.key, "这是洗护建议")
    dismiss(make_user("legal"), report.entry_id, "洗护建议")  # the other legal user, first
    login(client, make_user("legal"))
    url = f"/lexicon/reports/{report.entry_id}/dismiss"
    response = client.post(url, data={"reason": "我也看了"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "error-page" not in html
    form = f"dismiss-{report.entry_id}-form"
    assert "可能刚被其他人处理" in refusal_in(html, form, inside=None)
    as_json = client.post(url, data={"reason": "我也看了"}, headers=JSON)
    assert as_json.status_code == 409 and as_json.json["error"] == "conflict"
