"""Under the strict Content-Security-Policy the pages still work: confirmations ask, nothing is
blocked."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, expect

from app.extensions import db
from app.models import Piece
from app.workflow import Status
from tests.browser.test_pipeline import sign_in


@pytest.mark.browser
def test_a_confirmation_asks_first_and_nothing_breaks_the_policy(
    browser: Browser, live_server: str, make_piece: Callable[..., Piece]
) -> None:
    piece = make_piece(title="归档测试稿")
    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(5000)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    try:
        sign_in(page, live_server, piece.owner)
        page.goto(f"{live_server}/pieces/{piece.id}")

        questions: list[str] = []
        page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
        page.get_by_role("button", name="归档").click()
        page.wait_for_timeout(300)
        assert questions == ["确定归档这篇稿件吗？归档后不能再编辑。"]
        db.session.expire_all()
        assert db.session.get(Piece, piece.id).status == Status.DRAFT

        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="归档").click()
        expect(page.get_by_text("稿件已归档。")).to_be_visible()
        db.session.expire_all()
        assert db.session.get(Piece, piece.id).status == Status.ARCHIVED

        page.goto(f"{live_server}/pieces/{piece.id}/edit")
        page.goto(f"{live_server}/calendar")
        assert violations == []
    finally:
        context.close()
