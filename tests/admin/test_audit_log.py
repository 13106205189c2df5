"""The audit log reads as sentences in the reader's language: who did what to which object."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from app.labels import AUDIT_ACTION_LABELS, audit_action, audit_object
from app.models import Piece, User
from app.workflow import Action
from tests.conftest import login

APP = Path(__file__).resolve().parents[2] / "app"
# record(actor, "the.code", …) and audit.record(…, f"lexicon_{kind}", …) across the app
RECORD = re.compile(r"\brecord\(\s*[\w.]+,\s*(f?)\"([^\"]+)\"", re.S)


def _codes() -> set[str]:
    codes = set()
    for path in APP.rglob("*.py"):
        for is_f, code in RECORD.findall(path.read_text(encoding="utf-8")):
            if not is_f:
                codes.add(code)
    return codes


def test_every_audited_action_has_a_label() -> None:
    codes = _codes()
    assert {"piece.create", "topic.decide", "user.create"} <= codes
    piece_actions = {f"piece.{action.value}" for action in Action}
    lexicon = {f"lexicon_{kind}" for kind in ("import", "edit", "rollback")}
    missing = sorted((codes | piece_actions | lexicon) - set(AUDIT_ACTION_LABELS))
    assert missing == [], "add these to AUDIT_ACTION_LABELS in app/labels.py"


def test_labels_and_objects_in_both_languages(app: Flask) -> None:
    with app.test_request_context("/"):
        assert audit_action("piece.submit") == "提交了审核"
        assert audit_action("no.such_code") == "no.such_code"
        assert audit_object("piece", 7) == "稿件 #7"
        assert audit_object("system", None) == "系统"
        assert audit_object("mystery", 3) == "mystery #3"


def test_the_audit_page_shows_sentences_not_codes(
    client: FlaskClient,
    make_user: Callable[..., User],
    make_piece: Callable[..., Piece],
) -> None:
    writer = make_user("writer", username="wang")
    piece = make_piece(writer, status="in_review")
    login(client, make_user("admin"))
    page = client.get("/audit").get_data(as_text=True)
    link = f'<a href="/pieces/{piece.id}">稿件 #{piece.id}</a>'
    assert f"<span data-user-content>wang</span> 提交了审核：{link}" in page
    assert f"<span data-user-content>wang</span> 新建了稿件：{link}" in page
    assert ">piece.submit<" not in page and 'title="piece.submit"' in page
