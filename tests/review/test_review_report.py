"""The review page shows the current report; approval posts a reason for each review hit."""

from __future__ import annotations

import re

from app.compliance import Entry
from app.extensions import db
from app.models import ReviewDecision
from tests.conftest import login

ABSOLUTE = Entry("最好", "ad_absolute", "review", suggestion="写具体优点", basis="《广告法》第九条")


def test_review_page_shows_hits_in_context_with_ack_fields(
    client, make_piece, make_user, load_lexicon
) -> None:
    load_lexicon(ABSOLUTE)
    piece = make_piece(status="in_review", body="这件大衣是今年最好的一件，面料很软。")
    login(client, make_user("reviewer"))
    page = client.get(f"/review/{piece.id}").get_data(as_text=True)
    assert '<mark class="sev-review" title="最好">最好</mark>' in page
    assert "是今年" in page and "写具体优点" in page and "《广告法》第九条" in page
    entry_id = piece.current_revision.report["hits"][0]["entry_id"]
    assert f'name="ack:body:7:9:{entry_id}"' in page


def test_approving_through_the_form_needs_the_acknowledgement(
    client, make_piece, make_user, load_lexicon
) -> None:
    load_lexicon(ABSOLUTE)
    piece = make_piece(status="in_review", body="最好的面料")
    login(client, make_user("reviewer"))
    page = client.get(f"/review/{piece.id}").get_data(as_text=True)
    [ack_name] = re.findall(r'name="(ack:[^"]+)"', page)
    form = {"revision_id": piece.current_revision_id, "decision": "approve", "reason": ""}

    refused = client.post(f"/review/{piece.id}/decide", data=form)
    assert refused.status_code == 400 and "逐条确认" in refused.get_data(as_text=True)
    db.session.refresh(piece)
    assert piece.status == "in_review"

    done = client.post(f"/review/{piece.id}/decide", data=form | {ack_name: "有对比数据"})
    assert done.status_code == 302
    db.session.refresh(piece)
    assert piece.status == "approved"
    assert db.session.query(ReviewDecision).one().acknowledgements == {ack_name[4:]: "有对比数据"}


def test_clean_piece_shows_no_ack_fields(client, make_piece, make_user, load_lexicon) -> None:
    load_lexicon(ABSOLUTE)
    piece = make_piece(status="in_review", body="柔软亲肤的羊绒衫")
    login(client, make_user("reviewer"))
    page = client.get(f"/review/{piece.id}").get_data(as_text=True)
    assert "未发现问题" in page and 'name="ack:' not in page


def test_the_review_page_reads_the_category_labels_once(
    client, make_piece, make_user, load_lexicon
) -> None:
    """Its marked article and its report share one read of legal's category labels (issue 16),
    and both show legal's own label."""
    from tests.test_query_counts import counting

    load_lexicon(ABSOLUTE)
    piece = make_piece(status="in_review", body="这件大衣是今年最好的一件，面料很软。")
    login(client, make_user("reviewer"))
    with counting() as statements:
        page = client.get(f"/review/{piece.id}").get_data(as_text=True)
    reads = [s for s in statements if "category.label" in s]
    assert len(reads) == 1, reads
    from app.models import Category

    label = db.session.get(Category, "ad_absolute").label
    assert f"{label} · " in page  # the mark's tip in the article
    assert page.count(label) >= 2  # and the report's list
