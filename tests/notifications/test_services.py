"""In-app notifications: who hears about what, the bell's count, opening and reading them."""

from __future__ import annotations

from app.content.services import submit
from app.extensions import db
from app.models import Decision, Notification
from app.review.services import decide
from tests.conftest import login


def _events(user) -> list[str]:
    rows = db.session.query(Notification).filter_by(user_id=user.id).order_by(Notification.id)
    return [n.event for n in rows]


def test_submit_tells_reviewers_and_decisions_tell_the_writer(make_piece, make_user) -> None:
    reviewer, other_reviewer = make_user("reviewer"), make_user("reviewer")
    piece = make_piece()
    submit(piece.owner, piece)
    assert _events(reviewer) == _events(other_reviewer) == ["submitted"]
    assert _events(piece.owner) == []
    decide(reviewer, piece, piece.current_revision_id, Decision.REQUEST_CHANGES, "补充面料成分")
    [notice] = db.session.query(Notification).filter_by(user_id=piece.owner_id).all()
    assert notice.event == "changes_requested" and notice.text == "补充面料成分"
    assert notice.url == f"/review/returned#piece-{piece.id}"


def test_bell_count_open_and_read_all(client, make_piece, make_user) -> None:
    reviewer = make_user("reviewer")
    first, second = make_piece(), make_piece()
    submit(first.owner, first)
    submit(second.owner, second)
    login(client, reviewer)
    assert "2 条未读" in client.get("/").get_data(as_text=True)
    page = client.get("/notifications/").get_data(as_text=True)
    assert "新稿件待审核" in page and first.title in page
    notice = db.session.query(Notification).filter_by(user_id=reviewer.id).first()
    opened = client.get(f"/notifications/{notice.id}")
    assert opened.status_code == 302 and opened.headers["Location"].endswith(f"/review/{first.id}")
    assert "1 条未读" in client.get("/").get_data(as_text=True)
    client.post("/notifications/read")
    assert "条未读" not in client.get("/").get_data(as_text=True)


def test_someone_elses_notification_is_not_found(client, make_piece, make_user) -> None:
    reviewer = make_user("reviewer")
    piece = make_piece()
    submit(piece.owner, piece)
    notice = db.session.query(Notification).filter_by(user_id=reviewer.id).one()
    login(client, make_user("writer"))
    assert client.get(f"/notifications/{notice.id}").status_code == 404
    assert db.session.get(Notification, notice.id).read_at is None


def test_the_bell_count_comes_with_the_log_in_and_follows_changes_in_the_request(
    app, make_piece, make_user
) -> None:
    """The count read with the log-in (issue 16) is used until the user's notifications change
    in the same request: a new notice or reading them all makes the bell count anew."""
    from app.auth.services import start_session, user_for_session
    from app.models import utcnow
    from app.notifications.services import mark_read, unread_count

    reviewer = make_user("reviewer")
    first, second = make_piece(), make_piece()
    submit(first.owner, first)
    secret = start_session(reviewer, remember=False, now=utcnow())
    db.session.commit()
    user = user_for_session(secret, utcnow())
    assert user is reviewer and user.known_unread == 1 == unread_count(user)
    submit(second.owner, second)  # notifies the reviewer in this request
    assert user.known_unread == 1 and unread_count(user) == 2
    user = user_for_session(secret, utcnow())
    assert unread_count(user) == 2
    mark_read(user)
    assert unread_count(user) == 0


def test_a_page_reads_the_bell_count_in_the_log_in_query(client, make_piece, make_user) -> None:
    from flask import g
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    reviewer = make_user("reviewer")
    piece = make_piece()
    submit(piece.owner, piece)
    login(client, reviewer)
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        seen.append(" ".join(statement.lower().split()))

    # The tests' app context and session outlive a request: start this one as a new one does.
    db.session.commit()
    db.session.remove()
    g.pop("_login_user", None)
    event.listen(Engine, "before_cursor_execute", note)
    try:
        page = client.get("/").get_data(as_text=True)
    finally:
        event.remove(Engine, "before_cursor_execute", note)
    assert "1 条未读" in page
    counts = [s for s in seen if "from notification " in s]
    assert len(counts) == 1 and "user_session" in counts[0], counts


def test_a_submit_tells_any_number_of_reviewers_in_as_many_statements(
    make_piece, make_user
) -> None:
    """Every active reviewer hears of a submit; the statements do not grow with their number
    (the notices go in one insert, the reviewers are read as ids; issue 16)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def statements_of_a_submit() -> list[str]:
        piece = make_piece()
        db.session.commit()
        seen: list[str] = []

        def note(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
            seen.append(" ".join(statement.lower().split())[:40])

        event.listen(Engine, "before_cursor_execute", note)
        try:
            submit(piece.owner, piece)
        finally:
            event.remove(Engine, "before_cursor_execute", note)
        return seen

    early = [make_user("reviewer") for _ in range(2)]
    retired = make_user("reviewer")
    retired.active = False
    few = statements_of_a_submit()
    late = [make_user("reviewer") for _ in range(10)]
    many = statements_of_a_submit()
    assert len(many) == len(few), (few, many)
    assert sum(s.startswith("insert into notification") for s in many) == 1
    assert all(_events(reviewer) == ["submitted"] * 2 for reviewer in early)
    assert all(_events(reviewer) == ["submitted"] for reviewer in late)
    assert _events(retired) == []
