"""Refusals are message ids: every DomainError a browser or API caller can see is translated.

The guard scans app/ for calls of DomainError subclasses whose message is a Chinese literal or an
f-string (neither can match a msgid in the catalog); the other tests show representative refusals
in English with ``?lang=en`` and in Chinese by default.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale

from app.api.services import create_token
from app.auth.services import check_new_password
from app.errors import N_, InvalidInput, Joined, MessageId
from app.models import utcnow
from tests.conftest import PASSWORD, login
from tests.english import merged_english

APP = Path(__file__).resolve().parent.parent / "app"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # with Chinese punctuation
MARKERS = {"_", "_l", "N_", "gettext", "lazy_gettext"}

# Modules whose refusals never reach a browser or an API caller, so Chinese literals are allowed
# there (the rule is stated on app.errors.DomainError):
ALLOWED = {
    "cli.py",  # `flask …` commands: output for an operator's terminal (click.echo)
    "ops/backup.py",  # backup/restore, run from the CLI only
    "notifications/senders.py",  # bot and e-mail text, written in the team's language
}


def _domain_error_names(trees: dict[str, ast.Module]) -> set[str]:
    """DomainError and every class in app/ that derives from it (by name, to a fixpoint)."""
    names = {"DomainError"}
    while True:
        found = {
            node.name
            for tree in trees.values()
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef)
            and any(
                (base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)) in names
                for base in node.bases
            )
        }
        if found <= names:
            return names
        names |= found


def _is_chinese_text(node: ast.expr) -> bool:
    """A literal, an f-string or an expression of them that holds Chinese and is no message id."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) in MARKERS:
        return False
    if isinstance(node, ast.List | ast.Tuple):
        return False  # rows of data (ImportRejected's (file, line, problem)), not the message
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _is_chinese_text(node.left)  # _("…%(x)s") % {...} is a message id
    return any(
        isinstance(sub, ast.Constant) and isinstance(sub.value, str) and CJK.search(sub.value)
        for sub in ast.walk(node)
        if not (isinstance(sub, ast.Call) and getattr(sub.func, "id", None) in MARKERS)
    ) and not isinstance(node, ast.Call)


def untranslatable_refusals() -> list[str]:
    trees = {
        path.relative_to(APP).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(APP.rglob("*.py"))
    }
    names = _domain_error_names(trees)
    found = []
    for name, tree in trees.items():
        if name in ALLOWED:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called = node.func.id if isinstance(node.func, ast.Name) else None
            if isinstance(node.func, ast.Attribute):
                called = node.func.attr
            if called not in names:
                continue
            messages = node.args[:1] + [k.value for k in node.keywords if k.arg == "message"]
            for message in messages:
                if _is_chinese_text(message) or (
                    isinstance(message, ast.JoinedStr) and CJK.search(ast.unparse(message))
                ):
                    found.append(f"app/{name}:{node.lineno}: {ast.unparse(message)[:80]}")
    return found


def test_every_refusal_is_a_message_id() -> None:
    found = untranslatable_refusals()
    assert not found, "Chinese text passed to a DomainError; use N_(…) with params=:\n" + "\n".join(
        found
    )


def test_the_guard_sees_a_literal_and_an_f_string(tmp_path: Path) -> None:
    source = (
        'raise InvalidInput("不行。")\nraise Conflict(f"“{x}”不行。")\nraise NotFound(N_("好。"))\n'
    )
    calls = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)]
    flagged = [_is_chinese_text(c.args[0]) for c in calls if getattr(c.func, "id", "") != "N_"]
    assert flagged == [True, True, False]


def test_a_refusal_with_parameters_is_chinese_in_str_and_english_when_asked(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = InvalidInput(
        N_("用户名“%(username)s”已存在。"), params={"username": "小王"}, field="username"
    )
    assert str(error) == "用户名“小王”已存在。"
    assert error.extra == {"field": "username"}  # parameters are not JSON extras
    with app.test_request_context(), merged_english(monkeypatch):
        with force_locale("en"):
            assert error.message == "The username “小王” already exists."
        with force_locale("zh"):
            assert error.message == "用户名“小王”已存在。"


def test_a_parameter_that_is_a_message_id_is_translated_with_the_message(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = InvalidInput(N_("请填写%(label)s。"), params={"label": MessageId(N_("签名密钥"))})
    assert str(error) == "请填写签名密钥。"
    with app.test_request_context(), merged_english(monkeypatch):
        with force_locale("en"):
            assert error.message == "Please enter the signing secret."


ENGLISH = "en"


def test_a_form_field_refusal_is_shown_by_its_control_in_the_readers_language(
    client: FlaskClient, make_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(client, make_user("writer"))
    form = {
        "current": "not-" + PASSWORD,
        "new": "a-new-long-pass-42",
        "confirm": "a-new-long-pass-42",
    }
    with merged_english(monkeypatch):  # Chinese by default first: ?lang= is kept in the session
        chinese = client.post("/account/password", data=form)
        english = client.post(f"/account/password?lang={ENGLISH}", data=form)
    assert english.status_code == chinese.status_code == 400
    assert "The current password is incorrect." in english.text
    assert "当前密码不正确。" not in english.text
    assert "当前密码不正确。" in chinese.text


def test_a_409_is_in_the_readers_language(
    client: FlaskClient, make_piece, make_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    piece = make_piece(status="in_review", body="面料说明")
    login(client, make_user("reviewer"))
    stale = {"revision_id": piece.current_revision_id + 1000, "decision": "approve", "reason": ""}
    json_please = {"Accept": "application/json"}
    with merged_english(monkeypatch):  # Chinese by default first: ?lang= is kept in the session
        chinese = client.post(f"/review/{piece.id}/decide", data=stale, headers=json_please)
        english = client.post(
            f"/review/{piece.id}/decide?lang={ENGLISH}", data=stale, headers=json_please
        )
    assert english.status_code == chinese.status_code == 409
    assert english.json["message"] == (
        "The piece has a newer revision; please look at the latest revision before deciding."
    )
    assert chinese.json["message"] == "稿件已有更新的版本，请查看最新版本后再做决定。"


def test_a_json_api_refusal_with_parameters_is_in_the_readers_language(
    client: FlaskClient, make_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user("writer", username="api-user")
    token = create_token("api-user", "测试", scopes=["check"], days=90, now=utcnow())[0]
    headers = {"Authorization": f"Bearer {token}"}
    body = {
        "title": "标题",
        "body": "正文",
        "颜色": "红",
    }  # an unknown field, as the caller wrote it
    with merged_english(monkeypatch):  # Chinese by default first: ?lang= is kept in the session
        chinese = client.post("/api/v1/check", json=body, headers=headers)
        english = client.post(f"/api/v1/check?lang={ENGLISH}", json=body, headers=headers)
        anonymous = client.post(f"/api/v1/check?lang={ENGLISH}", json=body)
    assert english.status_code == chinese.status_code == 400
    assert english.json["error"] == "invalid_input"
    assert english.json["message"] == "Unknown fields: 颜色 (available: title, body, channel)."
    assert chinese.json["message"] == "不认识的字段：颜色（可用 title、body、channel）。"
    assert anonymous.status_code == 401
    assert anonymous.json["message"] == (
        "A valid API token is missing: send an unexpired Bearer token in the Authorization header."
    )


def test_problems_a_helper_returns_are_translated_one_by_one(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(InvalidInput) as short:
        check_new_password("123456789", "xiaowang")  # the helper returns a MessageId
    several = InvalidInput(
        "%(problems)s",
        params={
            "problems": Joined(
                [
                    MessageId(N_("标题不能为空。")),
                    MessageId(N_("摘要不能超过 %(count)s 个字符。"), count=5),
                ]
            )
        },
    )
    assert str(short.value) == "密码至少需要 10 个字符。"
    assert str(several) == "标题不能为空。 摘要不能超过 5 个字符。"
    with app.test_request_context(), merged_english(monkeypatch):
        with force_locale("en"):
            assert short.value.message == "The password must have at least 10 characters."
            assert several.message == (
                "The title cannot be empty. The summary cannot be longer than 5 characters."
            )
