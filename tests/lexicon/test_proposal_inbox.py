"""Legal's inbox proposes an allowed context from the reported sentences (issue 18 item 7)."""

from __future__ import annotations

from app.checks.reporting import current_report
from app.checks.store import entries_at
from app.compliance import Entry
from app.lexicon.feedback import inbox, report_false_positive, resolve
from tests.conftest import login

BEST = Entry("最好", "ad_absolute", "review", examples_hit=("最好的大衣",), examples_pass=("好",))


def test_inbox_proposes_a_verified_context_and_legal_can_accept_it(
    client, load_lexicon, make_piece, make_user
) -> None:
    load_lexicon(BEST)
    piece = make_piece(status="in_review", body="洗涤时最好手洗")
    _report, [view] = current_report(piece)
    report_false_positive(make_user("reviewer"), piece, view.key, "洗护建议")
    [group] = inbox()
    assert group.proposal == "最好手"
    legal = make_user("legal")
    login(client, legal)
    page = client.get("/lexicon/reports").get_data(as_text=True)
    assert 'value="最好手"' in page and "建议加入例外语境“最好手”" in page
    resolve(legal, group.entry.entry_id, "add_context", group.proposal, "采纳建议")
    [entry] = entries_at()
    assert entry.allow_contexts == ("最好手",) and inbox() == []
