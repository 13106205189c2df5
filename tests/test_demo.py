"""`flask demo`: realistic data across every type, channel and state; refuses to load twice."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from app.auth.services import authenticate
from app.demo import dataset
from app.demo.dataset import DemoDataError, read_demo_data
from app.demo.loader import DEMO_USERS, PATHS
from app.extensions import db
from app.models import AuditEvent, Channel, ChannelKind, ContentType, Piece, Topic, User
from app.workflow import TopicStatus
from tests.conftest import count_rows

MODELS = (User, Channel, Topic, Piece, AuditEvent)


def counts() -> dict[str, int]:
    """Rows per demo table."""
    db.session.expire_all()
    return {model.__name__: count_rows(model) for model in MODELS}


def load(runner: FlaskCliRunner, *args: str) -> str:
    """Run `flask demo` successfully and return what it printed."""
    result = runner.invoke(args=["demo", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_demo_loads_every_type_channel_and_state(runner: FlaskCliRunner) -> None:
    output = load(runner)

    assert 25 <= count_rows(Topic) <= 35
    assert 50 <= count_rows(Piece) <= 70
    pieces = db.session.scalars(select(Piece)).all()
    topics = db.session.scalars(select(Topic)).all()
    assert {p.content_type for p in pieces} == {t.value for t in ContentType}
    assert {p.channel.kind for p in pieces} == {k.value for k in ChannelKind}
    assert {p.status for p in pieces} == {s.value for s in PATHS}
    assert {t.status for t in topics} == {s.value for s in TopicStatus}
    assert all(p.current_revision and p.current_revision.body.strip() for p in pieces)
    approved = [p for p in pieces if p.status in ("approved", "scheduled", "published")]
    assert all(p.approved_hash == p.current_revision.content_hash for p in approved)

    # every demo user is printed with a password that really signs them in
    for username, password, _name, roles in DEMO_USERS:
        line = next(line for line in output.splitlines() if line.split()[:1] == [username])
        assert password in line
        user = authenticate(username, password)
        assert user is not None and user.roles == set(roles)


@pytest.mark.real_db  # --reset downgrades and upgrades the database (Alembic connects itself)
def test_demo_refuses_second_run_unless_reset(
    runner: FlaskCliRunner, make_user: Callable[..., User]
) -> None:
    load(runner)
    loaded = counts()
    piece_ids = set(db.session.scalars(select(Piece.id)))

    again = runner.invoke(args=["demo"])
    assert again.exit_code != 0
    assert "数据库中已有数据" in again.output and "--reset" in again.output
    assert counts() == loaded

    assert "跳过演示数据" in load(runner, "--if-empty")
    assert counts() == loaded
    assert set(db.session.scalars(select(Piece.id))) == piece_ids

    make_user("writer", username="not-in-the-demo")
    assert "演示数据已加载" in load(runner, "--reset")
    assert counts() == loaded  # rebuilt from scratch: nothing doubled, nothing left over
    assert db.session.scalar(select(User).filter_by(username="not-in-the-demo")) is None


def test_if_empty_loads_an_empty_database(runner: FlaskCliRunner) -> None:
    assert count_rows(User) == 0
    assert "演示数据已加载" in load(runner, "--if-empty")
    assert count_rows(User) == len(DEMO_USERS)


def broken_copy(tmp_path: Path, name: str, pattern: str, replacement: str = "") -> Path:
    """A copy of the demo data in which `pattern` (a regex) is replaced in the file `name`."""
    root = tmp_path / "data"
    shutil.copytree(dataset.DATA_DIR, root)
    path = root / name
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("name", "pattern", "replacement", "message"),
    [
        (
            "pieces/05-double-twelve-weibo.md",
            r"^status: .*\n",
            "",
            "pieces/05-double-twelve-weibo.md: missing required field 'status'",
        ),
        (
            "topics.yaml",
            r"^  brief: .*\n",
            "",
            "topics.yaml, entry 1 (key winter-coat-one-week): missing required field 'brief'",
        ),
        ("users.yaml", r"^  password: writer-demo-1\n", "", "missing required field 'password'"),
        ("channels.yaml", r"kind: weibo", "kind: twitter", "field 'kind' is 'twitter'"),
        ("pieces/05-double-twelve-weibo.md", r"^topic: .*", "topic: nope", "field 'topic'"),
        ("pieces/05-double-twelve-weibo.md", r"^title:", "titel:", "unknown field 'titel'"),
        ("pieces/05-double-twelve-weibo.md", r"^day_offset: .*", "day_offset: soon", "number"),
    ],
)
def test_loader_refuses_data_with_a_missing_or_wrong_field(
    tmp_path: Path, name: str, pattern: str, replacement: str, message: str
) -> None:
    root = broken_copy(tmp_path, name, pattern, replacement)

    with pytest.raises(DemoDataError) as refused:
        read_demo_data(root)
    assert str(root / name) in refused.value.message
    assert message in refused.value.message


def test_demo_data_as_shipped_is_valid() -> None:
    data = read_demo_data()
    assert [tuple(user) for user in data.users] == [tuple(user) for user in DEMO_USERS]
    assert data.topics and data.pieces
    assert {piece.topic for piece in data.pieces} - {None} <= {topic.key for topic in data.topics}


def test_reset_with_broken_data_leaves_the_database_alone(
    runner: FlaskCliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(runner)
    loaded = counts()
    root = broken_copy(tmp_path, "pieces/05-double-twelve-weibo.md", r"^status: .*\n")
    monkeypatch.setattr(dataset, "DATA_DIR", root)

    result = runner.invoke(args=["demo", "--reset"])
    assert result.exit_code != 0
    assert "05-double-twelve-weibo.md: missing required field 'status'" in result.output
    assert counts() == loaded
