"""Pages do not grow with the data: the SQL statements a page runs are the same at two sizes.

Issue 16, item 3. The scale data (app.demo.scale) is built small, every list page and the
calendar is fetched once to warm the caches and once counted; then more pieces (with their
revisions, decisions, notices, audit rows and publish jobs), notices for the signed-in user and
topics are added, and the counts must not change. A page whose count grows has an N+1 or renders
an unbounded list.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from sqlalchemy import event, insert, select, update
from sqlalchemy.engine import Engine

from app.demo.scale import add_pieces, build_scale
from app.extensions import db
from app.models import Notification, Piece, User, utcnow
from tests.conftest import login

# Every list page and the calendar (GET pages without a path parameter, from the URL map).
PAGES = (
    "/",
    "/pieces",
    "/pieces?mine=1",
    "/topics",
    "/topics/meeting",
    "/review/",
    "/review/?waiting=me",
    "/review/?waiting=legal",
    "/review/returned",
    "/calendar",
    "/calendar?view=week",
    "/calendar/blackouts",
    "/calendar/policies",
    "/calendar/feed",
    "/publishing",
    "/publishing/channels",
    "/publishing/notifications",
    "/lexicon/",
    "/lexicon/versions",
    "/lexicon/reports",
    "/lexicon/categories",
    "/notifications/",
    "/audit",
    "/admin/users",
)


@contextmanager
def counting() -> Iterator[list[str]]:
    """Collect every SQL statement any engine runs inside the block."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def statement_counts(client: FlaskClient, pages: tuple[str, ...] = PAGES) -> dict[str, list[str]]:
    """Statements per page (after one warming request), each page answering 200."""
    counts = {}
    for page in pages:
        assert client.get(page).status_code == 200, page
        db.session.expire_all()
        with counting() as statements:
            response = client.get(page)
        assert response.status_code == 200, page
        counts[page] = statements
    return counts


@pytest.fixture
def dictionary(tmp_path: Path) -> Path:
    """A small stand-in for the 64k dictionary."""
    path = tmp_path / "dictionary.txt"
    path.write_text(
        "\n".join(["测试敏感词", "违禁示例", "假冒伪劣", "虚假宣传词"]), encoding="utf-8"
    )
    return path


def take_newest(user: User, count: int, skip: int = 0) -> None:
    """Make `user` the owner of the newest `count` pieces (every state is among them), after
    the newest `skip`."""
    newest = select(Piece.id).order_by(Piece.id.desc()).offset(skip).limit(count).scalar_subquery()
    db.session.execute(update(Piece).where(Piece.id.in_(newest)).values(owner_id=user.id))
    db.session.commit()


def add_notices(user: User, count: int) -> None:
    now = utcnow()
    db.session.execute(
        insert(Notification),
        [
            {
                "user_id": user.id,
                "event": "submitted",
                "title": f"新稿件待审核：第 {n} 篇",
                "url": "/review/",
                "created_at": now - timedelta(minutes=n),
            }
            for n in range(count)
        ],
    )
    db.session.commit()


def test_list_pages_run_as_many_statements_at_both_sizes(
    client: FlaskClient, make_user: Callable[..., User], dictionary: Path
) -> None:
    build_scale(pieces=40, users=30, dictionary=dictionary, echo=lambda _line: None)
    user = make_user("writer", "reviewer", "legal", "manager", "admin")
    login(client, user)
    take_newest(user, 15)
    add_notices(user, 3)
    small = statement_counts(client)
    pieces_before = db.session.query(Piece).count()

    add_pieces(400, rng=random.Random(7), echo=lambda _line: None)
    # the signed-in user owns more of the pieces and gets more notices
    take_newest(user, 120)
    add_notices(user, 60)
    assert db.session.query(Piece).count() == pieces_before + 400

    large = statement_counts(client)
    grown = {
        page: (len(small[page]), len(large[page]), _extra(small[page], large[page]))
        for page in PAGES
        if len(large[page]) != len(small[page])
    }
    assert not grown, f"statements per page grew with the data (small, large, extra): {grown}"
    # The people a page shows (owners, claim holders) come without their roles, which only the
    # admin's list and the topic meeting's writer choice read: a selectin load of every shown
    # user's roles was one more statement on most pages (issue 16).
    readers = {"/admin/users", "/topics/meeting"}
    roles_loaded = [
        page
        for page in PAGES
        if page not in readers
        and any(
            "FROM user_role WHERE user_role.user_id IN" in " ".join(s.split()) for s in large[page]
        )
    ]
    assert not roles_loaded, roles_loaded
    # Lists of pieces read the current revision's title, not its body and report (issue 16).
    for page in ("/", "/pieces", "/pieces?mine=1"):
        bodies = [s for s in large[page] if re.search(r"revision_\d+\.(body|report)\b", s)]
        assert not bodies, (page, bodies)


ROLES = ("writer", "reviewer", "legal", "manager", "admin")


def own_returned_and_drafts(user: User) -> None:
    """Two of the user's pieces returned and two drafts, so that the home page's lists of both
    have rows at either size (an empty list runs fewer statements than a filled one)."""
    mine = select(Piece.id).where(Piece.owner_id == user.id).order_by(Piece.id)
    ids = list(db.session.scalars(mine.limit(4)))
    for status, chosen in (("changes_requested", ids[:2]), ("draft", ids[2:])):
        db.session.execute(update(Piece).where(Piece.id.in_(chosen)).values(status=status))
    db.session.commit()


def home_statements(client: FlaskClient) -> list[str]:
    """The statements of `/` for the client's own user: the test's app context is shared by the
    clients' requests, so the previous client's signed-in user is dropped from `g` first."""
    g.pop("_login_user", None)
    return statement_counts(client, ("/",))["/"]


def test_home_runs_as_many_statements_at_both_sizes_for_each_role(
    app: Flask, make_user: Callable[..., User], dictionary: Path
) -> None:
    """Each role's desk on `/` (its own figures: legal's hit statistics, the admins' channel
    health, the managers' reserve, the reviewers' queue) does not grow with the data."""
    build_scale(pieces=40, users=30, dictionary=dictionary, echo=lambda _line: None)
    clients, users = {}, {}
    for role in ROLES:
        users[role] = make_user(role, username=f"home-{role}")
        clients[role] = app.test_client()
        g.pop("_login_user", None)  # else the log-in page sees the previous client's user
        login(clients[role], users[role])
        take_newest(users[role], 15, skip=15 * ROLES.index(role))
        own_returned_and_drafts(users[role])
    small = {role: home_statements(c) for role, c in clients.items()}

    add_pieces(400, rng=random.Random(11), echo=lambda _line: None)
    for role in ROLES:  # each owns more pieces now
        take_newest(users[role], 60, skip=60 * ROLES.index(role))
        own_returned_and_drafts(users[role])
    large = {role: home_statements(c) for role, c in clients.items()}
    grown = {
        role: (len(small[role]), len(large[role]), _extra(small[role], large[role]))
        for role in ROLES
        if len(large[role]) != len(small[role])
    }
    assert not grown, f"statements of / grew with the data (small, large, extra): {grown}"
    # each desk ran its own figures (e.g. legal's hit statistics, the admins' channel health)
    assert len({len(statements) for statements in small.values()}) > 1


def _shape(statement: str) -> str:
    """A statement without the length of its IN lists."""
    return re.sub(r"IN \([?, ]+\)", "IN (…)", statement)


def _extra(small: list[str], large: list[str]) -> list[str]:
    """The statements the larger data ran more often, shortened."""
    more = Counter(map(_shape, large)) - Counter(map(_shape, small))
    return [f"{n}x {statement[:160]}" for statement, n in more.items()]


@pytest.mark.parametrize(
    ("role", "pages"),
    [("manager", ("/calendar", "/calendar?view=week")), ("admin", ("/",))],
)
def test_the_calendar_and_the_admins_home_run_as_many_statements_with_more_channels(
    client: FlaskClient,
    login_as: Callable[..., User],
    make_channel: Callable[..., Any],
    role: str,
    pages: tuple[str, ...],
) -> None:
    """The channels are data too: each one's rules were a statement of their own (a channel
    without saved settings cannot be remembered by the session), so the calendar grew with them;
    so did the admin's channel health, a statement per channel for its publishing settings."""
    for kind in ("wechat_oa", "xiaohongshu"):
        make_channel(kind)
    login_as(role)
    few = statement_counts(client, pages)
    for kind in ("wechat_oa", "xiaohongshu", "weibo", "douyin") * 3:
        make_channel(kind)
    many = statement_counts(client, pages)
    for page in pages:
        assert len(many[page]) == len(few[page]), (page, _extra(few[page], many[page]))
