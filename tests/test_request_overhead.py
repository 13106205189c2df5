"""What a feed poll and an API check cost the database, the round trips around their statements
included (issue 16): on PostgreSQL they read without a transaction (no BEGIN, no ROLLBACK), and
still see a revoked link or token at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.api.services import create_token, revoke_token
from app.extensions import db
from app.models import User, utcnow
from app.schedule import feed

Seen = list[tuple[str, bool]]


@pytest.fixture
def statements() -> Iterator[Seen]:
    """Every statement run while the fixture is active, with whether its connection was in
    autocommit (no transaction around it)."""
    seen: Seen = []

    def note(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append((" ".join(statement.split())[:60], connection.connection.autocommit))

    event.listen(Engine, "before_cursor_execute", note)
    yield seen
    event.remove(Engine, "before_cursor_execute", note)


def _fresh(seen: Seen) -> Seen:
    """Start the next request with no session transaction open (as a web request does) and no
    statements noted."""
    db.session.commit()
    db.session.remove()
    seen.clear()
    return seen


@pytest.mark.real_db
def test_a_feed_poll_and_an_api_check_read_without_a_transaction(
    app: Flask, client: FlaskClient, make_user: Any, load_lexicon: Any, statements: Seen
) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only (TEST_DATABASE_URL): SQLite has no round trips to save")
    poller_id = make_user("manager", username="poller").id
    load_lexicon()
    link = f"/calendar/feed/{feed.rotate_feed(db.session.get(User, poller_id))}.ics"
    bearer, token = create_token("poller", "测试", scopes=["check"], days=90, now=utcnow())
    prefix = token.prefix
    headers = {"Authorization": f"Bearer {bearer}"}
    tag = client.get(link).headers["ETag"]  # the first poll also notes the link's use

    _fresh(statements)
    assert client.get(link, headers={"If-None-Match": tag}).status_code == 304
    assert len(statements) == 2, statements  # the link with its owner, the feed's version
    assert all(autocommit for _, autocommit in statements), statements

    client.post("/api/v1/check", json={"title": "", "body": ""}, headers=headers)  # notes use
    _fresh(statements)
    answer = client.post("/api/v1/check", json={"title": "最好", "body": "外套"}, headers=headers)
    assert answer.status_code == 200
    assert statements and all(autocommit for _, autocommit in statements), statements

    # The control: any other request still runs in a transaction.
    _fresh(statements)
    client.get("/healthz")
    assert statements and not any(autocommit for _, autocommit in statements), statements

    # Revocation is immediate all the same.
    feed.revoke_feed(db.session.get(User, poller_id))
    revoke_token(prefix, now=utcnow())
    _fresh(statements)
    assert client.get(link, headers={"If-None-Match": tag}).status_code == 404
    answer = client.post("/api/v1/check", json={"title": "", "body": ""}, headers=headers)
    assert answer.status_code == 401
    db.session.remove()


@pytest.mark.real_db
def test_a_page_that_only_reads_runs_without_a_transaction(
    app: Flask, client: FlaskClient, make_user: Any, statements: Seen
) -> None:
    """The pages people read most (the queue, the calendar, home…) are marked reads_alone: on
    PostgreSQL every statement of their GET, the session's user included, runs on its own."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only (TEST_DATABASE_URL): SQLite has no round trips to save")
    from flask import g

    from tests.conftest import login

    login(client, make_user("reviewer", username="reader"))
    client.get("/review/")

    _fresh(statements)
    g.pop("_login_user", None)  # Flask-Login's, on the test's app context: load it anew
    assert client.get("/review/").status_code == 200
    assert len(statements) >= 2, statements  # the session's user and the queue at least
    assert all(autocommit for _, autocommit in statements), statements

    _fresh(statements)
    g.pop("_login_user", None)
    assert client.get("/notifications/").status_code == 200  # not marked: a transaction
    assert statements and not any(autocommit for _, autocommit in statements), statements
    db.session.remove()


def test_only_a_get_of_a_marked_view_reads_alone(app: Flask) -> None:
    from flask import g

    from app.extensions import READS_ALONE

    for method, path, alone in [
        ("GET", "/pieces", True),
        ("GET", "/review/", True),
        ("GET", "/calendar", True),
        ("POST", "/pieces/new", False),  # the same view as the GET of /pieces/new: it writes
        ("GET", "/notifications/", False),  # not marked
    ]:
        with app.test_request_context(path, method=method):
            app.preprocess_request()
            assert bool(g.get(READS_ALONE)) is alone, (method, path)


def test_a_write_in_a_reads_alone_request_fails_under_the_tests(app: Flask, make_user: Any) -> None:
    """Run statement by statement, a page's writes would no longer be atomic on PostgreSQL; under
    the test suite (and in debug mode) a marked page that writes fails at once, naming itself."""
    from flask import g
    from sqlalchemy import update

    from app.extensions import READS_ALONE

    user_id = make_user("writer", username="scribe").id
    change = update(User).where(User.id == user_id).values(display_name="x")
    with app.test_request_context("/pieces"):
        db.session.execute(change)  # an unmarked request writes as usual
        setattr(g, READS_ALONE, True)
        with pytest.raises(RuntimeError, match="reads_alone"):
            db.session.execute(change)
    db.session.rollback()
