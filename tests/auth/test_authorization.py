"""Every route × every role (and anonymous) → the expected status code."""

from __future__ import annotations

import pytest
from flask import Flask

from app.extensions import db
from app.models import Role, Topic
from tests.conftest import login

ROLES = [r.value for r in Role]
ALL = set(ROLES)
W, R, L, M, A = "writer", "reviewer", "legal", "manager", "admin"
NO_IMPORT = "/lexicon/transfer/no-such-import-token-0000"

# endpoint: (method, url template, {role: expected status}); roles not listed get `default`.
MATRIX: dict[str, tuple[str, str, dict[str, int], int]] = {
    "auth.login": ("GET", "/login", {}, 302),
    "auth.logout": ("POST", "/logout", {}, 302),
    "auth.change_password": ("GET", "/account/password", {}, 200),
    "dashboard.home": ("GET", "/", {}, 200),
    "content.topics": ("GET", "/topics", {}, 200),
    "content.new_topic": ("GET", "/topics/new", {W: 200, M: 200}, 403),
    "content.topic": ("GET", "/topics/{topic}", {}, 200),
    "content.meeting": ("GET", "/topics/meeting", {M: 200}, 403),
    # no decision chosen: the meeting page again, the reason by the topic's form (issue 20)
    "content.decide_topic": ("POST", "/topics/{topic}/decide", {M: 400}, 403),
    "content.pieces": ("GET", "/pieces", {}, 200),
    "content.new_piece": ("GET", "/pieces/new", {W: 200, M: 200}, 403),
    "content.piece": ("GET", "/pieces/{piece}", {}, 200),
    # the piece belongs to another writer: only a manager may edit it
    "content.edit_piece": ("GET", "/pieces/{piece}/edit", {M: 200}, 403),
    "content.submit": ("POST", "/pieces/{piece}/submit", {M: 302}, 403),
    "content.archive": ("POST", "/pieces/{piece}/archive", {M: 302}, 403),
    "schedule.mark_published": (
        "POST",
        "/calendar/pieces/{piece}/published",
        {R: 400, M: 400},
        403,
    ),
    # JSON endpoint of the editor's live report; an empty POST is bad input for those allowed
    "content.check_draft": ("POST", "/pieces/check", {W: 400, M: 400}, 403),
    "content.revisions": ("GET", "/pieces/{piece}/revisions", {}, 200),
    "content.cover": ("GET", "/covers/missing.png", {}, 404),
    "review.queue": ("GET", "/review/", {R: 200, L: 200}, 403),
    "review.review": ("GET", "/review/{piece}", {R: 200, L: 200}, 403),
    "review.decide": ("POST", "/review/{piece}/decide", {R: 400, L: 400}, 403),
    "review.bulk": ("POST", "/review/bulk-approve", {R: 400}, 403),
    # the piece is a draft: claiming it is bad input for those allowed to claim
    "review.claim": ("POST", "/review/{piece}/claim", {R: 400, L: 400}, 403),
    # an empty comment is bad input for those who may comment on someone else's piece
    "review.comment": ("POST", "/review/{piece}/comments", {R: 400, L: 400, M: 400}, 403),
    "review.returned": ("GET", "/review/returned", {W: 200, M: 200}, 403),
    "admin.users": ("GET", "/admin/users", {A: 200}, 403),
    "admin.edit_user": ("GET", "/admin/users/{user}", {A: 200}, 403),
    # an empty reset form is bad input for admins
    "admin.reset_user_password": ("POST", "/admin/users/{user}/password", {A: 400}, 403),
    "admin.audit_log": ("GET", "/audit", {A: 200, M: 200, L: 200}, 403),
    # word-list management: legal and admins; the test database has no lexicon yet
    "lexicon.entries": ("GET", "/lexicon/", {L: 200, A: 200}, 403),
    "lexicon.new_entry": ("GET", "/lexicon/entries/new", {L: 200, A: 200}, 403),
    "lexicon.edit_entry": ("GET", "/lexicon/entries/1", {L: 404, A: 404}, 403),
    "lexicon.toggle_entry": ("POST", "/lexicon/entries/1/toggle", {L: 404, A: 404}, 403),
    "lexicon.categories": ("GET", "/lexicon/categories", {L: 200, A: 200}, 403),
    "lexicon.versions": ("GET", "/lexicon/versions", {L: 200, A: 200}, 403),
    "lexicon.diff": ("GET", "/lexicon/versions/diff?old=0&new=0", {L: 200, A: 200}, 403),
    "lexicon.rollback_version": ("GET", "/lexicon/versions/1/rollback", {L: 404, A: 404}, 403),
    "lexicon.sandbox": ("GET", "/lexicon/sandbox", {L: 200, A: 200}, 403),
    "lexicon.reports": ("GET", "/lexicon/reports", {L: 200, A: 200}, 403),
    "lexicon.resolve_reports": ("POST", "/lexicon/reports/1/resolve", {L: 404, A: 404}, 403),
    "lexicon.dismiss_reports": ("POST", "/lexicon/reports/1/dismiss", {L: 400, A: 400}, 403),
    "lexicon.report_false_positive": (
        "POST",
        "/lexicon/pieces/{piece}/false-positive",
        {R: 400, L: 400},
        403,
    ),
    # import/export: an empty upload is bad input; an unknown import token is a 404
    "lexicon.transfer": ("GET", "/lexicon/transfer", {L: 200, A: 200}, 403),
    "lexicon.upload": ("POST", "/lexicon/transfer/upload", {L: 400, A: 400}, 403),
    "lexicon.import_preview": ("GET", NO_IMPORT, {L: 404, A: 404}, 403),
    "lexicon.apply_import": ("POST", f"{NO_IMPORT}/apply", {L: 404, A: 404}, 403),
    "lexicon.refresh_import": ("POST", f"{NO_IMPORT}/refresh", {L: 404, A: 404}, 403),
    "lexicon.import_progress": ("GET", f"{NO_IMPORT}/progress", {L: 404, A: 404}, 403),
    "lexicon.import_status": ("GET", f"{NO_IMPORT}/status", {L: 404, A: 404}, 403),
    "lexicon.export_csv": ("GET", "/lexicon/export.csv", {L: 200, A: 200}, 403),
    "lexicon.export_xlsx": ("GET", "/lexicon/export.xlsx", {L: 200, A: 200}, 403),
    "notifications.index": ("GET", "/notifications/", {}, 200),
    "notifications.open_notice": ("GET", "/notifications/999", {}, 404),
    "notifications.read_all": ("POST", "/notifications/read", {}, 302),
    # content calendar (issue 7): reviewers and managers schedule, managers own the rules;
    # the piece is a draft, so unscheduling it is a 409 and its schedule page says why
    "schedule.calendar": ("GET", "/calendar", {}, 200),
    "schedule.place": ("GET", "/calendar/pieces/{piece}/schedule", {R: 200, M: 200}, 403),
    "schedule.unschedule": ("POST", "/calendar/pieces/{piece}/unschedule", {R: 409, M: 409}, 403),
    "schedule.move": ("POST", "/calendar/move", {R: 400, M: 400}, 403),
    "schedule.policies": ("GET", "/calendar/policies", {M: 200}, 403),
    "schedule.edit_policy": ("POST", "/calendar/policies/{channel}", {M: 400}, 403),
    "schedule.edit_reserve": ("POST", "/calendar/reserve", {M: 400}, 403),
    "schedule.blackouts": ("GET", "/calendar/blackouts", {M: 200}, 403),
    "schedule.delete_blackout": (
        "POST",
        "/calendar/blackouts/999/delete",
        {M: 409},
        403,
    ),  # gone: said on the list
    "schedule.feed_page": ("GET", "/calendar/feed", {}, 200),
    "schedule.rotate_feed": ("POST", "/calendar/feed/rotate", {}, 302),  # POST-redirect-GET
    "schedule.revoke_feed": ("POST", "/calendar/feed/revoke", {}, 302),
    # the feed's secret is its credential: an unknown one is a 404 for everybody
    "schedule.feed": ("GET", "/calendar/feed/unknown-token.ics", {}, 404),
    # publishing (issue 8): reviewers and managers handle problems, admins the settings;
    # the piece is a draft, so retrying it or sending it back is a 409
    "publishing.problems": ("GET", "/publishing", {R: 200, M: 200}, 403),
    "publishing.retry": ("POST", "/publishing/{piece}/retry", {R: 409, M: 409}, 403),
    "publishing.send_back": ("POST", "/publishing/{piece}/send-back", {R: 409, M: 409}, 403),
    # only a piece stopped as too late can be published now: a draft is refused (400)
    "publishing.publish_now": ("POST", "/publishing/{piece}/publish-now", {R: 400, M: 400}, 403),
    "publishing.channels": ("GET", "/publishing/channels", {A: 200}, 403),
    "publishing.channel_settings": ("GET", "/publishing/channels/{channel}", {A: 200}, 403),
    "publishing.routes": ("GET", "/publishing/notifications", {A: 200}, 403),
    # a route already gone is said on the routes page (a redirect), not with an error page
    "publishing.delete_route": ("POST", "/publishing/notifications/999/delete", {A: 302}, 403),
    "publishing.my_notifications": ("GET", "/settings/notifications", {}, 200),
    # bearer tokens only: a browser session is not enough
    "api.check": ("POST", "/api/v1/check", {}, 401),
    "api.calendar": ("GET", "/api/v1/calendar", {}, 401),
    "api.schedule_piece": ("POST", "/api/v1/pieces/{piece}/schedule", {}, 401),
    # health for operators, no log-in: 503 here because no worker is running in the tests
    "ops.healthz": ("GET", "/healthz", {}, 503),
    "ops.metrics": ("GET", "/metrics", {}, 200),
    # operations data (issue 17): writers see their own pieces' performance, legal the
    # compliance section, managers and admins everything and the imports; reviewers nothing
    "analytics.dashboard": ("GET", "/dashboard/", {W: 200, L: 200, M: 200, A: 200}, 403),
    "analytics.export": ("GET", "/dashboard/export.csv", {W: 200, M: 200, A: 200}, 403),
    "analytics.upload": ("GET", "/dashboard/import", {M: 200, A: 200}, 403),
    "analytics.confirm": ("POST", "/dashboard/import/" + "0" * 32, {M: 404, A: 404}, 403),
    "analytics.edit_source": ("GET", "/dashboard/sources/999", {M: 404, A: 404}, 403),
    # customer authorisations (issue 19): everybody records and reads the register; evidence
    # for reviewers, legal and admins; withdrawal also for managers; erasure legal and admins;
    # no authorisation 999999 exists (404 for those allowed); an empty attach is bad input
    "consent.index": ("GET", "/consent/", {}, 200),
    "consent.new": ("GET", "/consent/new", {}, 200),
    "consent.show": ("GET", "/consent/999999", {}, 404),
    "consent.evidence": ("GET", "/consent/999999/evidence", {R: 404, L: 404, A: 404}, 403),
    "consent.withdraw": (
        "POST",
        "/consent/999999/withdraw",
        {R: 404, L: 404, M: 404, A: 404},
        403,
    ),
    "consent.erase": ("POST", "/consent/999999/erase", {L: 404, A: 404}, 403),
    "consent.takedowns": ("GET", "/consent/takedowns", {}, 200),
    "consent.confirm_takedown": (
        "POST",
        "/consent/takedowns/999999/confirm",
        {R: 404, M: 404, A: 404},
        403,
    ),
    "consent.attach": ("POST", "/pieces/{piece}/authorisations", {W: 400, R: 400, M: 400}, 403),
    "consent.detach": (
        "POST",
        "/pieces/{piece}/authorisations/999999/detach",
        {W: 404, R: 404, M: 404},
        403,
    ),
}
ANONYMOUS = {"auth.login": 200, "auth.logout": 302, "api.check": 401}
ANONYMOUS |= {"api.calendar": 401, "api.schedule_piece": 401, "schedule.feed": 404}
ANONYMOUS |= {"ops.healthz": 503, "ops.metrics": 200}


def test_matrix_covers_every_route(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    assert endpoints == set(MATRIX)


@pytest.fixture
def objects(make_piece, make_user):
    owner = make_user("writer")
    piece = make_piece(owner)
    topic = Topic(
        title="秋冬针织专题", content_type="styling", proposer=owner, channels=[piece.channel]
    )
    db.session.add(topic)
    db.session.commit()
    return {"piece": piece.id, "topic": topic.id, "user": owner.id, "channel": piece.channel_id}


@pytest.mark.parametrize("role", [*ROLES, None])
@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_route_access(endpoint: str, role: str | None, client, make_user, objects) -> None:
    method, template, allowed, default = MATRIX[endpoint]
    if role is not None:
        login(client, make_user(role))
        expected = allowed.get(role, default)
    else:
        expected = ANONYMOUS.get(endpoint, 302)
    response = client.open(template.format(**objects), method=method)
    assert response.status_code == expected, response.get_data(as_text=True)[:300]
    if role is None and expected == 302 and endpoint not in ANONYMOUS:
        assert "/login" in response.headers["Location"]
