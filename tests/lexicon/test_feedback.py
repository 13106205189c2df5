"""The false-positive loop: report on a hit, legal fixes the entry in one step or dismisses."""

from __future__ import annotations

import pytest

from app.checks.reporting import current_report
from app.checks.store import entries_at
from app.compliance import Entry
from app.errors import InvalidInput, PermissionDenied
from app.extensions import db
from app.lexicon.feedback import dismiss, inbox, report_false_positive, resolve
from app.models import FalsePositiveReport, LexiconVersion

BEST = Entry("最好", "ad_absolute", "review", suggestion="写具体优点")


@pytest.fixture
def reported(load_lexicon, make_piece, make_user):
    load_lexicon(BEST)
    piece = make_piece(status="in_review", body="洗涤时最好手洗")
    reviewer = make_user("reviewer")
    _report, [view] = current_report(piece)
    report = report_false_positive(reviewer, piece, view.key, "这是洗护建议")
    return piece, report


def test_report_records_the_hit_and_its_context(reported) -> None:
    _piece, report = reported
    assert report.hit["term"] == "最好" and report.context == "洗涤时【最好】手洗"
    [group] = inbox()
    assert group.entry.term == "最好" and [r.id for r in group.reports] == [report.id]


def test_only_existing_hits_and_reviewers(reported, make_user) -> None:
    piece, _report = reported
    with pytest.raises(InvalidInput):
        report_false_positive(make_user("reviewer"), piece, "body:0:1:999", "")
    with pytest.raises(PermissionDenied):
        report_false_positive(make_user("writer"), piece, "x", "")


def test_add_context_resolves_in_one_step(reported, make_user) -> None:
    piece, report = reported
    with pytest.raises(InvalidInput, match="原因"):
        resolve(make_user("legal"), report.entry_id, "add_context", "最好手洗", " ")
    version = resolve(make_user("legal"), report.entry_id, "add_context", "最好手洗", "洗护建议")
    assert entries_at()[0].allow_contexts == ("最好手洗",)
    db.session.refresh(report)
    assert report.status == "resolved" and report.lexicon_version == version
    assert current_report(piece)[0].verdict == "pass" and inbox() == []


def test_severity_and_disable_actions(reported, make_user) -> None:
    _piece, report = reported
    legal = make_user("legal")
    resolve(legal, report.entry_id, "set_severity", "warn", "降级")
    assert (
        "降级" in db.session.query(LexiconVersion).order_by(LexiconVersion.id.desc()).first().reason
    )
    assert entries_at()[0].severity == "warn"
    with pytest.raises(InvalidInput):
        resolve(legal, report.entry_id, "set_severity", "fatal", "理由")
    with pytest.raises(InvalidInput):
        resolve(legal, report.entry_id, "add_context", " ", "理由")


def test_dismiss_needs_a_reason(reported, make_user) -> None:
    _piece, report = reported
    legal = make_user("legal")
    with pytest.raises(InvalidInput):
        dismiss(legal, report.entry_id, "")
    assert dismiss(legal, report.entry_id, "确属绝对化用语") == 1
    assert db.session.get(FalsePositiveReport, report.id).status == "dismissed"
    assert [e.severity for e in entries_at()] == ["review"]
