"""One path for every word-list change: the CLI import flags and tells exactly as the browser does.

Before, `flask wordlists import` wrote the new version and stopped: an approved piece the new list
blocks was not flagged and its reviewer never heard of it. Every change now goes through
app.lexicon.changes.apply_changes — version, flags and notices in one transaction.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from app.checks.store import latest_version
from app.compliance import Entry
from app.compliance.wordlist_csv import write_entries
from app.extensions import db
from app.lexicon import changes as change_service
from app.models import Notification, Piece

CURE = Entry("治疗", "ad_claim", "block", suggestion="删除功效宣称", basis="《广告法》")


def csv_of(tmp_path: Path, *entries: Entry) -> Path:
    path = tmp_path / "ad_claim.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        write_entries(entries, file)
    return path


def test_a_cli_import_flags_a_scheduled_piece_it_blocks_and_tells_its_reviewer(
    runner: FlaskCliRunner, tmp_path: Path, load_lexicon, make_piece, make_user
) -> None:
    load_lexicon(Entry("最好", "ad_absolute", "review"))
    reviewer, legal = make_user("reviewer"), make_user("legal")
    scheduled = make_piece(status="scheduled", body="远红外治疗面料", reviewer=reviewer)

    result = runner.invoke(args=["wordlists", "import", str(csv_of(tmp_path, CURE))])

    assert result.exit_code == 0, result.output
    assert "已标记 1 篇" in result.output
    db.session.refresh(scheduled)
    assert f"词库版本 {latest_version()}" in scheduled.compliance_flag
    flagged = db.session.scalars(
        select(Notification).where(Notification.event == "compliance_flag")
    ).all()
    assert [n.user_id for n in flagged] == [reviewer.id]
    changed = db.session.scalars(
        select(Notification).where(Notification.event == "wordlist_changed")
    ).all()
    assert legal.id in {n.user_id for n in changed}


def test_version_flags_and_notices_are_one_transaction(
    tmp_path: Path, load_lexicon, make_piece, make_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_lexicon(Entry("最好", "ad_absolute", "review"))
    before = latest_version()
    piece = make_piece(status="scheduled", body="远红外治疗面料", reviewer=make_user("reviewer"))
    notices = db.session.scalars(select(Notification.id)).all()

    def broken(*_args: object) -> int:
        raise RuntimeError("flagging failed")

    monkeypatch.setattr(change_service, "flag_newly_blocked", broken)
    with pytest.raises(RuntimeError):
        change_service.import_files([csv_of(tmp_path, CURE)], author=None, reason="导入")
    db.session.rollback()

    assert latest_version() == before  # no version without its flags
    assert db.session.get(Piece, piece.id).compliance_flag == ""
    assert db.session.scalars(select(Notification.id)).all() == notices  # nor its notices
