"""The guard of issue 20 item 3: every POST route answers a refusal in place.

Each POST endpoint of the app is in exactly one of these tables, and the last test fails on a new
one that is in none:

- ``CASES``: an action form (a button on some page); one refusal each, set up here, must come
  back as the page the user was on (not the bare error page), the reason in the refusal slot of
  the control used (``tests.in_place.refusal_in``), the status kept, and for ``Accept:
  application/json`` the app's one JSON shape ``{"error", "message", "status", "field"}``;
- ``ELSEWHERE``: the same, asserted by the package's own test named there;
- ``PAGE_FORMS``: a form with a page of its own, which re-renders itself with the errors next to
  the fields (posted here with bad input: its page, 400, the error shown), and for ``Accept:
  application/json`` answers the same JSON shape plus ``errors`` = {input name: [messages]},
  ``message`` the first of them and ``field`` its input (in the reader's language);
- ``EXEMPT``: routes where a re-rendered page makes no sense, each with its reason.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from markupsafe import escape
from sqlalchemy import select

from app.checks.reporting import current_report
from app.compliance import Entry
from app.consent import services as consent
from app.consent.services import AuthorisationInput, Evidence
from app.extensions import db
from app.lexicon import feedback
from app.lexicon.editing import set_enabled
from app.models import (
    Authorisation,
    Category,
    LexiconEntry,
    MetricSource,
    Piece,
    TakedownTask,
    User,
)
from app.review.claims import claim
from tests.channels.conftest import PNG
from tests.conftest import login
from tests.consent.conftest import NOW
from tests.english import chinese_in, merged_english
from tests.in_place import read, refusal_in

JSON = {"Accept": "application/json"}
BANNED = Entry("国家级", "ad_absolute", "block", suggestion="删去", basis="《广告法》第九条")
REVIEWED = Entry("最好", "ad_absolute", "review", suggestion="删去", basis="《广告法》第九条")


@pytest.fixture(autouse=True)
def frozen_clock():
    """The consent tests' day (2026-12-01 in Shanghai): authorisations below are valid then."""
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@dataclass
class World:
    """The factories a case sets its refusal up with."""

    make_user: Callable[..., User]
    make_piece: Callable[..., Piece]
    make_channel: Callable[..., Any]
    load_lexicon: Callable[..., int]

    def authorisation(self, channel: Any) -> Authorisation:
        data = AuthorisationInput(
            customer="王小明",
            contact="13812345678",
            channel_codes=[channel.code],
            valid_from=date(2026, 11, 1),
            valid_until=date(2026, 12, 31),
            how_given="signed_form",
            allow_text=True,
        )
        return consent.record_authorisation(
            self.make_user("writer"), data, Evidence("授权书.png", PNG)
        )

    def ugc(self, status: str = "draft") -> tuple[Piece, Authorisation]:
        """A customer-content piece owned by a writer, and a valid authorisation for it."""
        channel = self.make_channel("xiaohongshu")
        piece = self.make_piece(status=status, channel=channel, content_type="ugc")
        return piece, self.authorisation(channel)

    def failed(self, **fields: Any) -> Piece:
        """A piece whose publishing failed."""
        piece = self.make_piece(status="approved", **fields)
        piece.status = "failed"
        db.session.commit()
        return piece

    def reported(self) -> tuple[Piece, str, int]:
        """A piece in review with a hit, the hit's key and its entry (one “误报” open on it)."""
        self.load_lexicon(REVIEWED)
        piece = self.make_piece(status="in_review", body="这是最好的羊绒衫。")
        _report, views = current_report(piece)
        view = next(v for v in views if v.hit.entry_id is not None)
        return piece, view.key, int(view.hit.entry_id or 0)


@dataclass
class Refused:
    """One refusal: who posts what, and where the reason must stand on which page."""

    user: User
    url: str
    form: str  # the id of the form used
    says: str  # a part of the reason
    status: int
    page: str  # an id only the user's page has
    data: dict[str, str] = field(default_factory=dict)
    field: str | None = None  # the field the reason stands next to (None: the form's top)
    inside: str | None = ""  # the element it stands in ("": the form; None: anywhere)
    json_field: str | None = "same"  # the JSON `field` ("same": = field)


# --- the cases, one per action endpoint ---------------------------------------------------------


def _attach(w: World) -> Refused:
    piece, _row = w.ugc()
    return Refused(
        piece.owner, f"/pieces/{piece.id}/authorisations", "attach-form", "请选择要关联的用户授权",
        400, "piece-actions", {"authorisation_id": "", "next": f"/pieces/{piece.id}"},
        field="authorisation_id",
    )  # fmt: skip


def _detach(w: World) -> Refused:
    piece, row = w.ugc(status="in_review")
    consent.attach(piece.owner, piece, row)
    piece.status = "scheduled"  # meanwhile: no detaching any more, and no button for it
    db.session.commit()
    return Refused(
        w.make_user("reviewer"),
        f"/pieces/{piece.id}/authorisations/{row.id}/detach",
        f"detach-{row.id}-form",
        "已排期或已发布的稿件不能取消关联授权",
        400,
        "decision-card",
        {"authorisation_id": str(row.id), "next": f"/review/{piece.id}"},
        inside=None,
    )  # fmt: skip  (the review page, as its form said)


def _withdraw(w: World) -> Refused:
    row = w.authorisation(w.make_channel("xiaohongshu"))
    return Refused(
        w.make_user("legal"), f"/consent/{row.id}/withdraw", "withdraw-form", "请填写说明",
        400, "erase-form", {"reason": "  "}, field="reason",
    )  # fmt: skip


def _erase(w: World) -> Refused:
    row = w.authorisation(w.make_channel("xiaohongshu"))
    return Refused(
        w.make_user("legal"), f"/consent/{row.id}/erase", "erase-form", "请填写说明", 400,
        "withdraw-form", {"reason": ""}, field="reason",
    )  # fmt: skip


def _confirm_takedown(w: World) -> Refused:
    piece, row = w.ugc(status="in_review")
    consent.attach(piece.owner, piece, row)
    piece.status, piece.post_url = "published", "https://example.com/post"
    db.session.commit()
    consent.withdraw(w.make_user("legal"), row, "用户电话撤回")
    task = db.session.query(TakedownTask).filter_by(piece_id=piece.id).one()
    return Refused(
        w.make_user("reviewer"), f"/consent/takedowns/{task.id}/confirm",
        f"takedown-{task.id}-form", "说明", 400, f"task-{task.id}", {"note": "长" * 501},
        field="note",
    )  # fmt: skip


def _retry(w: World) -> Refused:
    piece = w.failed(body="国家级工艺的羊绒衫。")
    w.load_lexicon(BANNED)  # the word list changed since the approval
    return Refused(
        w.make_user("reviewer"), f"/publishing/{piece.id}/retry", f"retry-{piece.id}-form",
        "国家级", 409, "failed",
    )  # fmt: skip


def _publish_now(w: World) -> Refused:
    piece = w.failed()  # not stopped as too late: no such button
    return Refused(
        w.make_user("manager"), f"/publishing/{piece.id}/publish-now",
        f"publish-now-{piece.id}-form", "只有超时未自动发布的稿件", 400, "late", inside=None,
    )  # fmt: skip


def _send_back(w: World) -> Refused:
    piece = w.make_piece(status="draft")  # from the piece page (back=piece)
    return Refused(
        w.make_user("reviewer"), f"/publishing/{piece.id}/send-back",
        f"send-back-{piece.id}-form", "", 409, "piece-actions", {"back": "piece"}, inside=None,
    )  # fmt: skip


def _comment(w: World) -> Refused:
    piece = w.make_piece(status="in_review")
    return Refused(
        w.make_user("reviewer"), f"/review/{piece.id}/comments", "comment-form", "评论不能为空",
        400, "claim-bar", {"body": "  ", "next": f"/review/{piece.id}"}, field="body",
    )  # fmt: skip


def _bulk(w: World) -> Refused:
    w.make_piece(status="in_review")  # one the reviewer could approve in bulk
    return Refused(
        w.make_user("reviewer"), "/review/bulk-approve", "bulk-form", "请先勾选", 400,
        "bulk-actions", inside="bulk-actions",
    )  # fmt: skip


def _decide(w: World) -> Refused:
    piece = w.make_piece(status="in_review")
    data = {"revision_id": str(piece.current_revision_id), "decision": "", "reason": "半句"}
    return Refused(
        w.make_user("reviewer"), f"/review/{piece.id}/decide", "decision-form", "请选择决定",
        400, "claim-bar", data, field="decision",
    )  # fmt: skip


def _claim(w: World) -> Refused:
    piece = w.make_piece(status="in_review")
    holder = w.make_user("reviewer")
    claim(holder, piece)
    return Refused(
        w.make_user("reviewer"), f"/review/{piece.id}/claim", "claim-form", "正在审核此稿件",
        409, "claim-bar", inside="claim-bar",
    )  # fmt: skip


def _submit(w: World) -> Refused:
    w.load_lexicon(BANNED)
    piece = w.make_piece(body="国家级工艺的羊绒衫。")
    return Refused(
        piece.owner, f"/pieces/{piece.id}/submit", "submit-form", "国家级", 409, "piece-actions"
    )


def _mark_published(w: World) -> Refused:
    piece = w.make_piece(status="approved")
    return Refused(
        w.make_user("reviewer"), f"/calendar/pieces/{piece.id}/published", "published-form",
        "请填写发布链接", 400, "piece-actions", {"url": ""}, field="url",
    )  # fmt: skip


def _edit_reserve(w: World) -> Refused:
    return Refused(
        w.make_user("manager"), "/calendar/reserve", "reserve-form", "储备目标填写有误", 400,
        "reserve-form", {"scope": "", "content_type": "", "target": "-3"}, field="target",
    )  # fmt: skip


def _delete_blackout(w: World) -> Refused:
    return Refused(
        w.make_user("manager"),
        "/calendar/blackouts/99999/delete",
        "blackout-99999-form",
        "已不存在",
        409,
        "blackout-form",
        inside=None,
    )  # fmt: skip  (removed by someone else meanwhile: the list says so)


def _report_false_positive(w: World) -> Refused:
    piece, key, _entry = w.reported()
    form = "fp-" + "".join(c if c.isalnum() else "-" for c in key) + "-form"
    return Refused(
        w.make_user("reviewer"), f"/lexicon/pieces/{piece.id}/false-positive", form, "说明",
        400, "claim-bar", {"key": key, "note": "长" * 2001}, field="note",
    )  # fmt: skip


def _open_report(w: World) -> int:
    piece, key, entry_id = w.reported()
    feedback.report_false_positive(w.make_user("reviewer"), piece, key, "这里是比较级")
    db.session.commit()
    return entry_id


def _resolve(w: World) -> Refused:
    entry_id = _open_report(w)
    return Refused(
        w.make_user("legal"), f"/lexicon/reports/{entry_id}/resolve", f"resolve-{entry_id}-form",
        "请填写要加入的例外语境", 400, f"entry-{entry_id}",
        {"action": "add_context", "value": " ", "reason": "法务复核"}, field="value",
    )  # fmt: skip


def _dismiss(w: World) -> Refused:
    entry_id = _open_report(w)
    return Refused(
        w.make_user("legal"), f"/lexicon/reports/{entry_id}/dismiss", f"dismiss-{entry_id}-form",
        "请填写", 400, f"entry-{entry_id}", {"reason": ""}, field="reason",
    )  # fmt: skip


def _toggle(w: World) -> Refused:
    w.load_lexicon(REVIEWED)
    legal = w.make_user("legal")
    entry_id = db.session.scalar(select(LexiconEntry.entry_id).where(LexiconEntry.term == "最好"))
    set_enabled(legal, entry_id, False, "先停用")
    w.load_lexicon(Entry("最好", "ad_absolute", "block"))  # the same term, enabled meanwhile
    return Refused(
        legal, f"/lexicon/entries/{entry_id}/toggle", "toggle-form", "已有词条“最好”", 400,
        "toggle-form", {"reason": "重新启用"},
    )  # fmt: skip


CASES: dict[str, Callable[[World], Refused]] = {
    "lexicon.toggle_entry": _toggle,
    "consent.attach": _attach,
    "consent.detach": _detach,
    "consent.withdraw": _withdraw,
    "consent.erase": _erase,
    "consent.confirm_takedown": _confirm_takedown,
    "publishing.retry": _retry,
    "publishing.publish_now": _publish_now,
    "publishing.send_back": _send_back,
    "review.comment": _comment,
    "review.bulk": _bulk,
    "review.decide": _decide,
    "review.claim": _claim,
    "content.submit": _submit,
    "schedule.mark_published": _mark_published,
    "schedule.edit_reserve": _edit_reserve,
    "schedule.delete_blackout": _delete_blackout,
    "lexicon.report_false_positive": _report_false_positive,
    "lexicon.resolve_reports": _resolve,
    "lexicon.dismiss_reports": _dismiss,
}

# Asserted in the package's own tests (file, and a test there that does).
ELSEWHERE = {
    "content.archive": ("tests/content/test_in_place.py", "archive-form"),
    "content.decide_topic": ("tests/content/test_topic_meeting_in_place.py", "refusal_in"),
    "schedule.unschedule": ("tests/schedule/test_in_place.py", "unschedule-form"),
    "schedule.place": ("tests/schedule/test_in_place.py", "schedule-form"),
    "lexicon.edit_entry": ("tests/lexicon/test_in_place.py", "entry-form"),
    "lexicon.new_entry": ("tests/lexicon/test_in_place.py", "entry-form"),
}

# Forms with a page of their own: an invalid post re-renders that page, errors by the fields.
PAGE_FORMS = {
    "admin.users": "new user form",
    "admin.edit_user": "user form",
    "admin.reset_user_password": "the user page's password form, re-rendered with the error (400)",
    "analytics.edit_source": "column mapping form",
    "analytics.upload": "import form",
    "analytics.confirm": "the import preview, re-rendered with the error (400)",
    "auth.change_password": "password form",
    "consent.new": "authorisation form",
    "content.edit_piece": "the editor",
    "content.new_piece": "the editor",
    "content.new_topic": "topic form",
    "lexicon.categories": "category form",
    "lexicon.sandbox": "sandbox form",
    "lexicon.rollback_version": "rollback confirmation page with its reason",
    "lexicon.upload": "the transfer page, re-rendered with the error",
    "lexicon.apply_import": "the import preview, re-rendered with the error",
    "lexicon.refresh_import": "the import preview, re-rendered with the error",
    "publishing.channel_settings": "channel settings form",
    "publishing.routes": "notification routes form",
    "publishing.my_notifications": "subscription form",
    "schedule.blackouts": "add form (service refusals in place, blackout-form)",
    "schedule.edit_policy": "the policies page with that channel's form and its errors (400)",
}

# Routes where re-rendering a page makes no sense.
EXEMPT = {
    "auth.login": "its own page; failures are counted and said there (rate limited)",
    "auth.logout": "nothing to refuse",
    "notifications.read_all": "nothing to refuse",
    "schedule.rotate_feed": "nothing to refuse (the feed page shows the new link once)",
    "schedule.revoke_feed": "nothing to refuse",
    "publishing.delete_route": "nothing to refuse but a route already gone (404)",
    "api.check": "the JSON API: no page",
    "api.schedule_piece": "the JSON API: no page",
    "content.check_draft": "the editor's live check, JSON by fetch",
    "schedule.move": "drag and drop, JSON by fetch (the calendar script shows the reason)",
}


@pytest.fixture
def world(make_user, make_piece, make_channel, load_lexicon) -> World:
    return World(make_user, make_piece, make_channel, load_lexicon)


@pytest.mark.parametrize("endpoint", sorted(CASES))
def test_a_refusal_comes_back_on_the_users_page_by_the_control(client, world, endpoint) -> None:
    case = CASES[endpoint](world)
    login(client, case.user)
    response = client.post(case.url, data=case.data)
    html = response.get_data(as_text=True)
    assert response.status_code == case.status, html[:2000]
    assert "error-page" not in html  # not the bare error page
    assert case.page in read(html).by_id, f"not the user's page (no #{case.page})"
    inside = case.inside if case.inside is None or case.inside else case.form
    reason = refusal_in(html, case.form, case.field, inside=inside)
    assert case.says in reason
    backs = {e.attrs.get("value") for e in read(html).fields if e.attrs.get("name") == "next"}
    assert case.url not in backs  # the page's forms come back to the page, not to the action
    as_json = client.post(case.url, data=case.data, headers=JSON)
    assert as_json.status_code == case.status
    body = as_json.get_json()
    assert {"error", "message", "status", "field"} <= set(body)
    assert body["status"] == case.status and body["message"] == reason
    assert body["field"] == (case.field if case.json_field == "same" else case.json_field)


@pytest.mark.parametrize("endpoint", sorted(ELSEWHERE))
def test_the_other_in_place_routes_are_asserted_in_their_packages(endpoint) -> None:
    path, marker = ELSEWHERE[endpoint]
    source = (Path(__file__).parent.parent / path).read_text(encoding="utf-8")
    assert "refusal_in(" in source and marker in source


def _page_posts(w: World) -> dict[str, tuple[User, str, dict[str, str], str | None]]:
    """Bad input for page forms: (who, where, what, an id of that page or None)."""
    admin, manager, writer = w.make_user("admin"), w.make_user("manager"), w.make_user("writer")
    channel, piece = w.make_channel(), w.make_piece(writer)
    return {
        "admin.users": (admin, "/admin/users", {}, "display_name"),
        "admin.edit_user": (admin, f"/admin/users/{writer.id}", {"roles": "?"}, None),
        "admin.reset_user_password": (admin, f"/admin/users/{writer.id}/password", {}, None),
        "auth.change_password": (writer, "/account/password", {}, "new"),
        "consent.new": (writer, "/consent/new", {}, "customer"),
        "content.new_topic": (writer, "/topics/new", {}, "brief"),
        "content.new_piece": (writer, "/pieces/new", {}, None),
        "content.edit_piece": (writer, f"/pieces/{piece.id}/edit", {"title": ""}, None),
        "lexicon.categories": (w.make_user("legal"), "/lexicon/categories", {}, "category-form"),
        "publishing.channel_settings": (admin, f"/publishing/channels/{channel.id}", {}, None),
        "publishing.routes": (admin, "/publishing/notifications", {}, None),
        "schedule.blackouts": (manager, "/calendar/blackouts", {}, "blackout-form"),
        "schedule.edit_policy": (
            manager,
            f"/calendar/policies/{channel.id}",
            {f"c{channel.id}-daily_max": "-5"},
            "reserve-form",
        ),  # fmt: skip
    }


PAGE_POSTS = [
    "admin.users", "admin.edit_user", "admin.reset_user_password", "auth.change_password",
    "consent.new", "content.new_topic", "content.new_piece", "content.edit_piece",
    "lexicon.categories", "publishing.channel_settings", "publishing.routes",
    "schedule.blackouts", "schedule.edit_policy",
]  # fmt: skip


@pytest.mark.parametrize("endpoint", PAGE_POSTS)
def test_a_page_form_re_renders_itself_with_its_errors(client, world, endpoint) -> None:
    user, url, data, marker = _page_posts(world)[endpoint]
    login(client, user)
    response = client.post(url, data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "error-page" not in html and 'class="error' in html  # the errors by the fields
    assert marker is None or marker in read(html).by_id
    assert endpoint in PAGE_FORMS


def test_every_post_route_is_covered_or_exempt(app) -> None:
    """A new POST route must answer its refusals in place (and join CASES or ELSEWHERE), be a
    page form, or be exempted here with its reason."""
    posts = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "POST" in (rule.methods or ()) and rule.endpoint != "static"
    }
    tables = [set(CASES), set(ELSEWHERE), set(PAGE_FORMS), set(EXEMPT)]
    known = set().union(*tables)
    assert sorted(posts - known) == [], "POST routes with no refusal case nor exemption"
    assert sorted(known - posts) == [], "stale entries"
    assert sum(len(t) for t in tables) == len(known), "an endpoint in two tables"


def _staged(client: Any, url: str, files: dict[str, Any]) -> str:
    """Upload a file to a preview page; the URL of the preview (its token)."""
    data = {name: (io.BytesIO(content), filename) for name, (content, filename) in files.items()}
    response = client.post(url, data=data, content_type="multipart/form-data")
    assert response.status_code in (200, 302), response.get_data(as_text=True)[:2000]
    if response.status_code == 302:
        return str(response.headers["Location"])
    return response.get_data(as_text=True).split('action="/dashboard/import/')[1].split('"')[0]


WORDS = (
    "term,category,severity,match,allow_contexts,channels,suggestion,basis,note,examples_hit,"
    "examples_pass,conditions\n最好,ad_absolute,review,substring,,,,,,,,\n"
)


def _json_posts(w: World, client: Any) -> dict[str, tuple[User, str, dict[str, str]]]:
    """Bad input for the page forms that ``_page_posts`` leaves out: (who, where, what); the
    staged imports are uploaded here (signed in as their user)."""
    legal, manager = w.make_user("legal"), w.make_user("manager")
    version = w.load_lexicon(BANNED)
    w.load_lexicon(REVIEWED)
    login(client, legal)  # each signed out again after its upload
    preview = _staged(client, "/lexicon/transfer/upload", {"files": (WORDS.encode(), "w.csv")})
    token = preview.rstrip("/").split("/")[-1]
    # an import whose category legal deletes before refreshing its preview: its line is refused
    db.session.add(Category(name="seasonal", label="季节限定"))
    db.session.commit()
    seasonal = WORDS.replace("最好,ad_absolute", "限时,seasonal").encode()
    stale = _staged(client, "/lexicon/transfer/upload", {"files": (seasonal, "s.csv")})
    db.session.delete(db.session.get(Category, "seasonal"))
    db.session.commit()
    client.post("/logout")
    login(client, manager)
    unmatched = f"date,channel,url,reads\n2026-12-01,{w.make_channel().code},https://e.cn/x,5\n"
    files = {"file": (unmatched.encode(), "m.csv")}
    metrics = _staged(client, "/dashboard/import?source=canonical", files)
    client.post("/logout")
    source = db.session.scalars(select(MetricSource)).first()  # added by the import page
    return {
        "analytics.upload": (manager, "/dashboard/import", {}),
        "analytics.edit_source": (
            manager, f"/dashboard/sources/{source.id if source else 0}", {"reads": "播放"}
        ),
        "analytics.confirm": (
            manager, f"/dashboard/import/{metrics}", {"source": "canonical", "match-2": "x"}
        ),
        "lexicon.upload": (legal, "/lexicon/transfer/upload", {}),
        "lexicon.sandbox": (legal, "/lexicon/sandbox", {}),
        "lexicon.rollback_version": (legal, f"/lexicon/versions/{version}/rollback", {}),
        "lexicon.apply_import": (legal, f"/lexicon/transfer/{token}/apply", {"reason": " "}),
        "lexicon.refresh_import": (legal, f"{stale.rstrip('/')}/refresh", {}),
        "publishing.my_notifications": (manager, "/settings/notifications", {
            "events": "no_such_event"
        }),
    }  # fmt: skip


# Page forms whose bad input is not posted here, with the reason.
JSON_NOT_POSTED: dict[str, str] = {}
# Pages that show an import's rejected lines as a table: the JSON message is the whole refusal
# (a heading, then one line per rejected line), the page says each line's problem in its row.
LISTED_LINES = {"lexicon.refresh_import"}


@pytest.mark.parametrize("endpoint", sorted(set(PAGE_FORMS) - set(JSON_NOT_POSTED)))
def test_a_page_form_answers_json_callers_with_its_errors(
    client, world, monkeypatch, endpoint
) -> None:
    posts = {name: (user, url, data) for name, (user, url, data, _m) in _page_posts(world).items()}
    posts |= _json_posts(world, client) if endpoint not in posts else {}
    user, url, data = posts[endpoint]
    login(client, user)
    html = client.post(url, data=data).get_data(as_text=True)
    response = client.post(url, data=data, headers=JSON)
    assert response.status_code == 400 and response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error", "message", "status", "field", "errors"}
    assert body["status"] == 400 and body["error"] == "invalid_input"
    field = body["field"]
    assert body["message"] == body["errors"][field or ""][0]
    if endpoint in LISTED_LINES:  # the page lists each rejected line's problem in its row
        rows = body["message"].split("\n")[1:]
        assert rows and all(str(escape(row.split("：", 1)[1])) in html for row in rows)
    else:
        assert str(escape(body["message"])) in html  # what the page says, where it says it
    assert field is None or f'name="{field}"' in html  # an input of the page
    with merged_english(monkeypatch):
        english = client.post(f"{url}?lang=en", data=data, headers=JSON).get_json()
    assert english["field"] == field and english["status"] == 400
    assert english["message"] and not chinese_in(english["message"]), english["message"]


def test_every_page_form_is_posted_as_json_or_says_why_not() -> None:
    assert set(PAGE_FORMS) - set(PAGE_POSTS) - set(JSON_NOT_POSTED) == {
        "analytics.upload", "analytics.edit_source", "analytics.confirm", "lexicon.upload",
        "lexicon.sandbox", "lexicon.rollback_version", "lexicon.apply_import",
        "lexicon.refresh_import", "publishing.my_notifications",
    }  # fmt: skip
