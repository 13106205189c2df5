"""The review desk's pages: queue filters, claims, comments, stale decisions, the writer's side."""

from __future__ import annotations

from app.extensions import db
from app.models import Comment, Decision
from app.review.services import decide
from tests.conftest import login


def test_queue_page_filters_and_empty_state(client, make_piece, make_user, make_channel) -> None:
    douyin = make_channel("douyin")
    on_douyin = make_piece(status="in_review", channel=douyin, title="抖音口播稿")
    make_piece(status="in_review", title="公众号长文")
    login(client, make_user("reviewer"))
    page = client.get("/review/").get_data(as_text=True)
    assert "抖音口播稿" in page and "公众号长文" in page and "（2）" in page
    filtered = client.get(f"/review/?channel={douyin.id}").get_data(as_text=True)
    assert "抖音口播稿" in filtered and "公众号长文" not in filtered
    none = client.get("/review/?content_type=ugc").get_data(as_text=True)
    assert "没有符合条件的稿件" in none
    assert on_douyin.id


def test_claim_take_over_and_release(client, make_piece, make_user) -> None:
    piece = make_piece(status="in_review")
    first, second = make_user("reviewer"), make_user("reviewer")
    login(client, first)
    client.post(f"/review/{piece.id}/claim")
    client.post("/logout")
    login(client, second)
    page = client.get(f"/review/{piece.id}").get_data(as_text=True)
    assert f"{first.display_name} 正在审核" in page and "接手审核" in page
    refused = client.post(f"/review/{piece.id}/claim")
    assert refused.status_code == 409
    client.post(f"/review/{piece.id}/claim", data={"take_over": "1"})
    db.session.refresh(piece)
    assert piece.claimed_by_id == second.id
    client.post(f"/review/{piece.id}/claim", data={"release": "1"})
    db.session.refresh(piece)
    assert piece.claimed_by_id is None


def test_stale_decision_is_409_with_a_link_to_the_new_revision(client, make_piece, make_user):
    piece = make_piece(status="in_review")
    login(client, make_user("reviewer"))
    response = client.post(
        f"/review/{piece.id}/decide", data={"revision_id": "999", "decision": "approve"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and f'href="/review/{piece.id}"' in page
    assert "查看最新版本" in page


def test_span_comment_and_reply_show_on_the_writers_side(client, make_piece, make_user) -> None:
    piece = make_piece(status="in_review", body="这件大衣采用双面羊绒。")
    reviewer = make_user("reviewer")
    login(client, reviewer)
    client.post(
        f"/review/{piece.id}/comments",
        data={"body": "请附检测报告", "field": "body", "start": "6", "end": "10"},
    )
    too_long = client.post(f"/review/{piece.id}/comments", data={"body": "长" * 5001})
    assert too_long.status_code == 400 and "5000" in too_long.get_data(as_text=True)
    decide(reviewer, piece, piece.current_revision_id, Decision.REQUEST_CHANGES, "补充检测报告")
    client.post("/logout")
    login(client, piece.owner)
    page = client.get("/review/returned").get_data(as_text=True)
    assert "补充检测报告" in page and "“双面羊绒”" in page and "请附检测报告" in page
    top = db.session.query(Comment).one()
    client.post(f"/review/{piece.id}/comments", data={"body": "已补充", "parent_id": str(top.id)})
    assert db.session.query(Comment).filter_by(parent_id=top.id).count() == 1


def test_bulk_approve_from_the_queue(client, make_piece, make_user) -> None:
    first, second = make_piece(status="in_review"), make_piece(status="in_review")
    login(client, make_user("reviewer"))
    response = client.post(
        "/review/bulk-approve",
        data={"piece_id": [str(first.id), str(second.id)]},
        follow_redirects=True,
    )
    assert "已批量通过 2 篇" in response.get_data(as_text=True)
    assert first.status == second.status == "approved"


def test_hits_are_marked_in_the_article(client, make_piece, make_user, load_lexicon) -> None:
    from app.compliance import Entry

    load_lexicon(Entry("最好", "ad_absolute", "review", suggestion="写具体优点"))
    piece = make_piece(
        status="in_review", title="最好的大衣", body="今年**最好**的一件，面料柔软。"
    )
    login(client, make_user("reviewer"))
    page = client.get(f"/review/{piece.id}").get_data(as_text=True)
    article = page[page.index('<article class="article">') : page.index("</article>")]
    assert article.count('<mark class="sev-review"') == 2  # the title and the body
    assert "<strong><mark" in article and "建议：写具体优点" in article


def test_a_reviewer_is_not_offered_legals_step(client, make_piece, make_user, load_lexicon):
    from app.compliance import Entry
    from tests.conftest import _acks

    load_lexicon(Entry("抽奖", "lottery", "review"))
    piece = make_piece(status="in_review", content_type="interactive", body="评论区抽奖")
    decide(
        make_user("reviewer"), piece, piece.current_revision_id, Decision.APPROVE, "", _acks(piece)
    )
    login(client, make_user("reviewer"))
    page = client.get(f"/review/{piece.id}").get_data(as_text=True)
    assert 'id="decision-form"' not in page and "等待法务会签" in page
    client.post("/logout")
    login(client, make_user("legal"))
    assert 'id="decision-form"' in client.get(f"/review/{piece.id}").get_data(as_text=True)


def test_the_writer_sees_span_comments_on_the_piece_page(client, make_piece, make_user) -> None:
    from app.content.comments import Anchor, add_comment

    piece = make_piece(status="in_review", body="这件大衣采用双面羊绒。")
    add_comment(
        make_user("reviewer"),
        piece,
        "请附检测报告",
        anchor=Anchor(piece.current_revision_id, "body", 6, 10),
    )
    login(client, piece.owner)
    page = client.get(f"/pieces/{piece.id}").get_data(as_text=True)
    assert "“双面羊绒”" in page and "请附检测报告" in page


def test_the_review_page_reads_the_decisions_once(client, make_piece, make_user) -> None:
    """Legal pending, may decide and the claim all ask about the decisions on the current text:
    one statement answers them all (the piece's decisions), before and after an approval that
    waits for legal (issue 16)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    piece = make_piece(status="in_review", body="本周抽奖：转发抽三位送围巾")
    reviewer, legal = make_user("reviewer"), make_user("legal")

    def decision_reads(user) -> tuple[str, int]:
        db.session.commit()
        db.session.expire_all()
        login(client, user)
        seen: list[str] = []

        def note(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
            seen.append(" ".join(statement.split()))

        event.listen(Engine, "before_cursor_execute", note)
        try:
            page = client.get(f"/review/{piece.id}").get_data(as_text=True)
        finally:
            event.remove(Engine, "before_cursor_execute", note)
        client.post("/logout")
        return page, sum(s.startswith("SELECT review_decision.") for s in seen)

    page, reads = decision_reads(reviewer)
    assert reads == 1 and "通过" in page
    decide(reviewer, piece, piece.current_revision_id, Decision.APPROVE, "")
    page, reads = decision_reads(legal)
    assert reads == 1 and "法务" in page
