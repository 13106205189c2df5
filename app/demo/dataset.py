"""Reads the demo content in app/demo/data/ and checks it before the loader touches the database.

users.yaml, channels.yaml and topics.yaml hold lists of entries; pieces/ holds one Markdown file
per piece (fields between two `---` lines at the top, then the body), loaded in the order of the
number its name starts with. Every problem is reported with the file, the entry and the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, NamedTuple

import click
import yaml  # type: ignore[import-untyped]

from app.models import ChannelKind, ContentType, Role
from app.workflow import Action, Status, TopicStatus

DATA_DIR = Path(__file__).parent / "data"

# The loader hands work to these accounts, so the data has to define them.
REQUIRED_USERS = ("writer", "writer2", "reviewer", "legal", "manager")

# The path through the workflow that leads to each demo state (the states a piece may be in).
PATHS: dict[Status, list[Action]] = {
    Status.DRAFT: [],
    Status.IN_REVIEW: [Action.SUBMIT],
    Status.CHANGES_REQUESTED: [Action.SUBMIT, Action.REQUEST_CHANGES],
    Status.APPROVED: [Action.SUBMIT, Action.APPROVE],
    Status.SCHEDULED: [Action.SUBMIT, Action.APPROVE, Action.SCHEDULE],
    Status.PUBLISHED: [
        Action.SUBMIT,
        Action.APPROVE,
        Action.SCHEDULE,
        Action.START_PUBLISHING,
        Action.MARK_PUBLISHED,
    ],
    Status.REJECTED: [Action.SUBMIT, Action.REJECT],
    Status.ARCHIVED: [Action.ARCHIVE],
}

_PIECE_FILE = re.compile(r"(\d+)-[^/]*\.md")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)^---[ \t]*$\n?(.*)", re.DOTALL | re.MULTILINE)


class DemoDataError(click.ClickException):
    """A demo data file is missing a field or holds a value the loader cannot use."""


class DemoUser(NamedTuple):
    username: str
    password: str
    display_name: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class DemoChannel:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class DemoTopic:
    key: str
    title: str
    brief: str
    content_type: str
    channels: tuple[str, ...]
    week_offset: int  # target week, counted from the week the demo is loaded
    status: str
    decision_note: str


@dataclass(frozen=True)
class DemoPiece:
    title: str
    summary: str
    body: str
    content_type: str
    channel: str
    tags: tuple[str, ...]
    status: str
    day_offset: int  # planned date, counted from the day the demo is loaded
    topic: str | None  # a topic key from topics.yaml
    post_url: str
    review_note: str


@dataclass(frozen=True)
class DemoData:
    users: list[DemoUser]
    channels: list[DemoChannel]
    topics: list[DemoTopic]
    pieces: list[DemoPiece]


class _Entry:
    """One `field: value` mapping of a data file; every complaint names the file and entry."""

    def __init__(self, raw: object, where: str) -> None:
        if not isinstance(raw, dict):
            raise DemoDataError(f"{where}: expected 'field: value' lines, found {raw!r}")
        self.raw: dict[Any, Any] = raw
        self.where = where

    def fail(self, message: str) -> DemoDataError:
        return DemoDataError(f"{self.where}: {message}")

    def _value(self, name: str, required: bool) -> Any:
        value = self.raw.get(name)
        if value is None and required:
            raise self.fail(f"missing required field '{name}'")
        return value

    def text(self, name: str, *, required: bool = True, choices: Iterable[str] = ()) -> str:
        value = self._value(name, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(f"field '{name}' must be text, found {value!r} (put it in quotes)")
        if required and not value.strip():
            raise self.fail(f"field '{name}' is empty")
        allowed = sorted(choices)
        if allowed and value not in allowed:
            raise self.fail(f"field '{name}' is '{value}'; expected one of: {', '.join(allowed)}")
        return value

    def number(self, name: str) -> int:
        value = self._value(name, required=True)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"field '{name}' must be a whole number, found {value!r}")
        return value

    def texts(self, name: str, *, choices: Iterable[str] = ()) -> tuple[str, ...]:
        value = self._value(name, required=True)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(f"field '{name}' must be a list like [a, b], found {value!r}")
        allowed = set(choices)
        unknown = [v for v in value if allowed and v not in allowed]
        if unknown:
            raise self.fail(
                f"field '{name}' has unknown {', '.join(unknown)}; "
                f"expected some of: {', '.join(sorted(allowed))}"
            )
        return tuple(value)

    def only(self, *names: str) -> None:
        """Refuse fields the loader does not know (usually a typo)."""
        unknown = [str(key) for key in self.raw if key not in names]
        if unknown:
            raise self.fail(f"unknown field '{unknown[0]}'; expected: {', '.join(names)}")


def _yaml(text: str, where: Path) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DemoDataError(f"{where}: not valid YAML: {error}") from None


def _entries(path: Path, label: str) -> list[_Entry]:
    """The entries of a YAML file that holds a list of mappings."""
    if not path.is_file():
        raise DemoDataError(f"{path}: file not found")
    raw = _yaml(path.read_text(encoding="utf-8-sig"), path)
    if not isinstance(raw, list) or not raw:
        raise DemoDataError(f"{path}: expected a list of entries, each starting with '- '")
    entries = []
    for number, item in enumerate(raw, start=1):
        name = item.get(label) if isinstance(item, dict) else None
        named = f" ({label} {name})" if isinstance(name, str) else ""
        entries.append(_Entry(item, f"{path}, entry {number}{named}"))
    return entries


def _unique(values: list[str], path: Path, field: str) -> set[str]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise DemoDataError(f"{path}: {field} '{value}' appears twice")
        seen.add(value)
    return seen


def read_users(root: Path | None = None) -> list[DemoUser]:
    """The demo accounts from users.yaml."""
    path = (root or DATA_DIR) / "users.yaml"
    users = []
    for entry in _entries(path, "username"):
        entry.only("username", "password", "display_name", "roles")
        users.append(
            DemoUser(
                username=entry.text("username"),
                password=entry.text("password"),
                display_name=entry.text("display_name"),
                roles=entry.texts("roles", choices=[r.value for r in Role]),
            )
        )
    names = _unique([u.username for u in users], path, "username")
    missing = [name for name in REQUIRED_USERS if name not in names]
    if missing:
        raise DemoDataError(f"{path}: the demo needs the user(s) {', '.join(missing)}")
    return users


def _channels(path: Path) -> list[DemoChannel]:
    channels = []
    for entry in _entries(path, "code"):
        entry.only("code", "name", "kind")
        channels.append(
            DemoChannel(
                code=entry.text("code"),
                name=entry.text("name"),
                kind=entry.text("kind", choices=[k.value for k in ChannelKind]),
            )
        )
    _unique([c.code for c in channels], path, "code")
    return channels


def _topics(path: Path, channels: set[str]) -> list[DemoTopic]:
    topics = []
    for entry in _entries(path, "key"):
        entry.only(*(f.name for f in fields(DemoTopic)))
        topics.append(
            DemoTopic(
                key=entry.text("key"),
                title=entry.text("title"),
                brief=entry.text("brief"),
                content_type=entry.text("content_type", choices=[t.value for t in ContentType]),
                channels=entry.texts("channels", choices=channels),
                week_offset=entry.number("week_offset"),
                status=entry.text("status", choices=[s.value for s in TopicStatus]),
                decision_note=entry.text("decision_note", required=False),
            )
        )
    _unique([t.key for t in topics], path, "key")
    return topics


def _piece(path: Path, channels: set[str], topics: set[str]) -> DemoPiece:
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8-sig"))
    if match is None:
        raise DemoDataError(
            f"{path}: must start with the fields between two '---' lines, then the body"
        )
    # The leading newline makes YAML error line numbers match the file (the fields start on line 2).
    entry = _Entry(_yaml("\n" + match[1], path), str(path))
    entry.only(*(f.name for f in fields(DemoPiece) if f.name != "body"))
    body = match[2].strip()
    if not body:
        raise entry.fail("the body below the second '---' line is empty")
    return DemoPiece(
        title=entry.text("title"),
        summary=entry.text("summary"),
        body=body,
        content_type=entry.text("content_type", choices=[t.value for t in ContentType]),
        channel=entry.text("channel", choices=channels),
        tags=entry.texts("tags"),
        status=entry.text("status", choices=[s.value for s in PATHS]),
        day_offset=entry.number("day_offset"),
        topic=entry.text("topic", required=False, choices=topics) or None,
        post_url=entry.text("post_url", required=False),
        review_note=entry.text("review_note", required=False),
    )


def _piece_files(folder: Path) -> list[Path]:
    """The piece files in the order of the number their names start with."""
    files = []
    for path in folder.glob("*.md"):
        match = _PIECE_FILE.fullmatch(path.name)
        if match is None:
            raise DemoDataError(f"{path}: a piece's file name must start with a number, e.g. 07-")
        files.append((int(match[1]), path.name, path))
    if not files:
        raise DemoDataError(f"{folder}: no piece files (*.md) found")
    return [path for _number, _name, path in sorted(files)]


def read_demo_data(root: Path | None = None) -> DemoData:
    """Read and check every demo data file; raises DemoDataError naming the file and field."""
    root = root or DATA_DIR
    users = read_users(root)
    channels = _channels(root / "channels.yaml")
    codes = {c.code for c in channels}
    topics = _topics(root / "topics.yaml", codes)
    keys = {t.key for t in topics}
    pieces = [_piece(path, codes, keys) for path in _piece_files(root / "pieces")]
    return DemoData(users=users, channels=channels, topics=topics, pieces=pieces)
