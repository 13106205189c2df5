"""Legal's inbox proposes an allowed context from the reported sentences (issue 18 item 7)."""

from __future__ import annotations

import pytest

from app.checks.reporting import current_report
from app.checks.store import entries_at
from app.compliance import Entry
from app.errors import InvalidInput
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
    assert group.proposal is not None and group.proposal.value == "最好手"
    legal = make_user("legal")
    login(client, legal)
    page = client.get("/lexicon/reports").get_data(as_text=True)
    assert 'value="最好手"' in page and "建议加入例外语境“最好手”" in page
    resolve(legal, group.entry.entry_id, "add_context", group.proposal.value, "采纳建议")
    [entry] = entries_at()
    assert entry.allow_contexts == ("最好手",) and inbox() == []


FAT = Entry("赘肉", "ad_claim", "review", examples_hit=("穿上就能甩掉赘肉", "燃烧赘肉的塑身衣"),
            examples_pass=("好",))  # fmt: skip


def test_inbox_proposes_a_near_condition_and_legal_accepts_it_edited(
    client, load_lexicon, make_piece, make_user
) -> None:
    """Two reports of 赘肉 after a verb of hiding: the inbox offers near:N:燃烧/甩掉 (selected
    as 加入条件 in the form); legal widens the distance and saves a version with the condition;
    a malformed condition is refused with a Chinese message (issue 18 item 4)."""
    load_lexicon(FAT)
    reviewer, legal = make_user("reviewer"), make_user("legal")
    for body in ("深色阔腿裤遮住赘肉，显高", "宽松版型遮盖小赘肉"):
        piece = make_piece(status="in_review", body=body)
        _report, [view] = current_report(piece)
        report_false_positive(reviewer, piece, view.key, "视觉效果，不是功能宣称")
    [group] = inbox()
    assert group.proposal is not None and group.proposal.kind == "near"
    assert group.proposal.cleared == 2 and group.proposal.value.endswith(":燃烧/甩掉")
    login(client, legal)
    page = client.get("/lexicon/reports").get_data(as_text=True)
    assert f"建议加入条件“{group.proposal.value}”（只在触发词附近才报）" in page
    assert '<option value="add_condition" selected>' in page
    with pytest.raises(InvalidInput, match="邻近条件的字数"):
        resolve(legal, group.entry.entry_id, "add_condition", "near:x:燃烧", "试一下")
    resolve(legal, group.entry.entry_id, "add_condition", "near:6:燃烧/甩掉", "视觉效果不算")
    [entry] = entries_at()
    assert entry.conditions == ("near:6:燃烧/甩掉",) and inbox() == []
    assert current_report(make_piece(status="in_review", body="宽松遮住赘肉"))[0].hits == ()
