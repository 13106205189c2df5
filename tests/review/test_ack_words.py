"""The refusal for hits not yet acknowledged, in the reader's language (issue 20 item 2): the
hits are parameters shown as written, the rest of the sentence is translated."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.conftest import login
from tests.english import merged_english
from tests.review.test_review_report import ABSOLUTE


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh_Hans_CN", "以下命中需要逐条确认并填写理由后才能通过：“最好”（最好：写具体优点）。"),
        (
            "en",
            "Confirm each of these hits with a reason before approving: “最好” (最好: 写具体优点).",
        ),
    ],
)
def test_unacknowledged_hits_are_refused_in_the_readers_language(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    make_piece,
    make_user,
    load_lexicon,
    lang: str,
    expected: str,
) -> None:
    load_lexicon(ABSOLUTE)
    piece = make_piece(status="in_review", body="最好的面料")
    login(client, make_user("reviewer"))
    form = {"revision_id": piece.current_revision_id, "decision": "approve", "reason": ""}
    with merged_english(monkeypatch):
        refused = client.post(
            f"/review/{piece.id}/decide?lang={lang}",
            data=form,
            headers={"Accept": "application/json"},
        )
    assert refused.status_code == 400 and refused.json["message"] == expected
    assert re.fullmatch(r"body:0:2:\d+", refused.json["missing"][0])  # which hit
