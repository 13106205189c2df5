"""Separation of duties cannot be laundered: one rule, used by the service, the queue and pages."""

from __future__ import annotations

import pytest
from flask import g

from app.content.services import submit
from app.errors import PermissionDenied
from app.models import Decision
from app.review.queue import QueueFilters, queue_items
from app.review.services import authors_since_approval, decide, may_review
from tests.conftest import edit_body, login


@pytest.fixture
def laundered(make_piece, make_user):
    """A manager rewrites a writer's piece; the writer then changes one character and submits."""
    manager = make_user("manager", "reviewer")
    piece = make_piece(status="changes_requested", body="亚麻衬衫配阔腿裤。")
    edit_body(manager, piece, "经理写的整段正文：亚麻衬衫配阔腿裤，清爽又通勤。")
    edit_body(piece.owner, piece, "经理写的整段正文：亚麻衬衫配阔腿裤，清爽又通勤！")
    submit(piece.owner, piece)
    assert piece.last_editor_id == piece.owner_id  # the old rule looked only at this
    return manager, piece


def test_a_manager_cannot_approve_text_they_wrote_after_the_writer_touched_it(laundered):
    manager, piece = laundered
    with pytest.raises(PermissionDenied, match="职责分离"):
        decide(manager, piece, piece.current_revision_id, Decision.APPROVE, "")
    assert piece.status == "in_review" and manager.id in authors_since_approval(piece)


def test_an_uninvolved_reviewer_still_may(laundered, make_user) -> None:
    _manager, piece = laundered
    other = make_user("reviewer")
    assert may_review(other, piece)
    assert decide(other, piece, piece.current_revision_id, Decision.APPROVE, "") == "approved"


def test_an_earlier_approval_by_someone_else_clears_older_revisions(make_piece, make_user):
    manager = make_user("manager", "reviewer")
    piece = make_piece(status="changes_requested")
    edit_body(manager, piece, "经理改过的正文。")
    assert manager.id in authors_since_approval(piece)
    submit(piece.owner, piece)
    decide(make_user("reviewer"), piece, piece.current_revision_id, Decision.APPROVE, "")
    edit_body(piece.owner, piece, "作者在通过后又改了一句。")  # back to draft, a new round
    assert manager.id not in authors_since_approval(piece)


def test_queue_dashboard_and_review_page_follow_the_rule(client, laundered) -> None:
    manager, piece = laundered
    assert piece not in [item.piece for item in queue_items(manager, QueueFilters(waiting="me"))]
    login(client, manager)
    home = client.get("/").get_data(as_text=True)
    assert f"/review/{piece.id}" not in home
    page = client.get(f"/review/{piece.id}").get_data(as_text=True)
    assert 'id="decision-form"' not in page and "职责分离" in page


def test_each_reviewers_home_lists_what_they_may_review(app, laundered, make_user) -> None:
    """The home queue's statements are built once with the reviewer as a parameter (issue 16):
    each reviewer still gets their own answer, whoever asked first."""
    manager, piece = laundered
    other = make_user("reviewer")
    for user, shown in [(other, True), (manager, False), (other, True)]:
        g.pop("_login_user", None)  # the tests' app context outlives a request
        client = app.test_client()
        login(client, user)
        home = client.get("/").get_data(as_text=True)
        waiting = home.split("等待我审核")[1].split("</section>")[0]
        assert (f'href="/pieces/{piece.id}"' in waiting) is shown
