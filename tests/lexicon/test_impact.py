"""Impact preview: which pipeline pieces a change would flag or unflag, before saving."""

from __future__ import annotations

import dataclasses

from app.checks.services import check_with
from app.checks.store import entries_at, latest_version
from app.compliance import Entry, build_lexicon
from app.extensions import db
from app.lexicon.impact import preview_impact
from app.lexicon.services import ChangeSet
from app.models import Notification, Piece

BEST = Entry("最好", "ad_absolute", "review", allow_contexts=("最好搭配",))
CURE = Entry("治疗", "ad_claim", "review")
DOUYIN = Entry("私信", "inducement", "review", channels=("douyin",))


def _ids() -> dict[str, int]:
    return {e.term: e.id for e in entries_at(enabled_only=False)}


def test_new_entry_flags_pieces_and_reports_their_states(load_lexicon, make_piece) -> None:
    load_lexicon(BEST)
    draft = make_piece(body="这件可以治疗颈椎不适")
    approved = make_piece(status="approved", body="远红外治疗面料")
    make_piece(body="纯棉短袖")
    impact = preview_impact(ChangeSet(added=[CURE], base_version=latest_version()))
    assert impact.scanned == 3
    assert {(p.piece_id, p.status, p.after) for p in impact.newly_flagged} == {
        (draft.id, "draft", "review"),
        (approved.id, "approved", "review"),
    }
    assert impact.counts()["newly_flagged"]["approved"] == 1


def test_adding_an_allowed_context_unflags(load_lexicon, make_piece) -> None:
    load_lexicon(dataclasses.replace(BEST, allow_contexts=()))
    piece = make_piece(body="最好搭配小白鞋")
    assert piece.current_revision.verdict == "review"
    changed = dataclasses.replace(BEST, allow_contexts=("最好搭配",))
    impact = preview_impact(ChangeSet(changed=[(_ids()["最好"], changed, True)], base_version=1))
    assert [(p.piece_id, p.before, p.after) for p in impact.no_longer_flagged] == [
        (piece.id, "review", "pass")
    ]


def test_disabling_keeps_other_hits(load_lexicon, make_piece) -> None:
    load_lexicon(BEST, CURE)
    both = make_piece(body="最好的治疗")
    only_best = make_piece(body="最好的面料")
    impact = preview_impact(ChangeSet(changed=[(_ids()["最好"], BEST, False)], base_version=1))
    assert [p.piece_id for p in impact.no_longer_flagged] == [only_best.id]
    assert both.id not in {p.piece_id for p in impact.no_longer_flagged + impact.otherwise_changed}


def test_severity_change_to_block_is_reported_and_flags_live_pieces(
    load_lexicon, make_piece, make_user
) -> None:
    from app.lexicon.editing import save_changes

    load_lexicon(CURE)
    reviewer = make_user("reviewer")
    scheduled = make_piece(status="scheduled", body="远红外治疗", reviewer=reviewer)
    blocked = dataclasses.replace(CURE, severity="block")
    changes = ChangeSet(changed=[(_ids()["治疗"], blocked, True)], base_version=1)
    preview = preview_impact(changes)
    assert [(p.before, p.after) for p in preview.otherwise_changed] == [("review", "block")]

    version, _impact = save_changes(changes, author=make_user("legal"), reason="治疗一律禁止")
    db.session.refresh(scheduled)
    assert f"词库版本 {version.id}" in scheduled.compliance_flag
    notice = db.session.query(Notification).filter_by(event="compliance_flag").one()
    assert notice.user_id == reviewer.id and notice.event == "compliance_flag"


def test_channel_scope_is_respected(load_lexicon, make_piece, make_channel) -> None:
    load_lexicon(BEST)
    on_douyin = make_piece(body="私信我", channel=make_channel("douyin"))
    make_piece(body="私信我", channel=make_channel("wechat_oa"))
    impact = preview_impact(ChangeSet(added=[DOUYIN], base_version=1))
    assert [p.piece_id for p in impact.newly_flagged] == [on_douyin.id]


def test_shortcut_matches_checking_everything_twice(load_lexicon, make_piece) -> None:
    """The two-tiny-lexicon scan gives the same verdicts as full checks before and after."""
    load_lexicon(BEST, CURE, Entry("第一", "ad_absolute", "warn"))
    bodies = ["最好的治疗", "第一次穿", "第一名", "最好搭配", "治疗", "纯棉", "最 好", "第一最好"]
    pieces = [make_piece(body=body) for body in bodies]
    ids = _ids()
    change = ChangeSet(
        added=[Entry("名", "ad_absolute", "block")],
        changed=[
            (
                ids["第一"],
                dataclasses.replace(
                    BEST, term="第一", severity="review", allow_contexts=("第一次",)
                ),
                True,
            )
        ],
        removed=[ids["治疗"]],
        base_version=1,
    )
    impact = preview_impact(change)
    before = build_lexicon(entries_at(), version=1)
    after_entries = [e for e in entries_at() if e.id not in (ids["治疗"], ids["第一"])]
    after_entries += [change.changed[0][1], *change.added]
    after = build_lexicon(after_entries, version=2)
    expected = set()
    for piece in pieces:
        r = piece.current_revision
        old = check_with(before, r.title, r.summary, r.body, None).verdict
        new = check_with(after, r.title, r.summary, r.body, None).verdict
        if old != new:
            expected.add((piece.id, old, new))
    got = {
        (p.piece_id, p.before, p.after)
        for p in impact.newly_flagged + impact.no_longer_flagged + impact.otherwise_changed
    }
    assert got == expected and len(expected) >= 3
    assert db.session.query(Piece).count() == len(bodies)


def test_rollback_flags_newly_blocked_pieces_and_a_fix_lifts_the_flag(
    load_lexicon, make_piece, make_user
) -> None:
    from app.lexicon.editing import save_changes
    from app.lexicon.versions import rollback

    load_lexicon(dataclasses.replace(CURE, severity="block"))  # v1 blocks 治疗
    ids = _ids()
    save_changes(
        ChangeSet(changed=[(ids["治疗"], CURE, True)], base_version=1),
        author=None,
        reason="放宽为人工审核",
    )  # v2: review only
    scheduled = make_piece(status="scheduled", body="远红外治疗")
    legal = make_user("legal")
    version = rollback(legal, 1, "恢复禁止")  # v3 = v1: blocks again
    db.session.refresh(scheduled)
    assert f"词库版本 {version.id}" in scheduled.compliance_flag
    assert db.session.query(Notification).filter_by(event="compliance_flag").count() == 1
    rollback(legal, 2, "再次放宽")  # v4 = v2: the block is gone, so is the flag
    db.session.refresh(scheduled)
    assert scheduled.compliance_flag == ""
