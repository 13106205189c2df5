"""The gates (issue 19 item 2): approval, scheduling and publishing read the authorisations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.consent import services
from app.consent.services import ConsentMissing
from app.content.services import transition
from app.extensions import db
from app.models import AuditEvent, Channel, Decision, Notification, Piece, PublishJob, User
from app.publishing.services import publish_due
from app.review.services import decide
from app.schedule import services as schedule_services
from app.workflow import Action, Status
from tests.consent.conftest import NOW, MakeAuthorisation, MakeUgc, brand_at


def approve(piece: Piece, reviewer: User) -> str:
    return decide(reviewer, piece, piece.current_revision_id, Decision.APPROVE, "")


def test_a_ugc_piece_without_an_authorisation_cannot_be_approved(
    make_ugc: MakeUgc, make_channel: Callable[..., Channel], make_user: Callable[..., User]
) -> None:
    piece = make_ugc(make_channel("xiaohongshu"), status="in_review")

    with pytest.raises(ConsentMissing, match="用户内容须先关联有效的用户授权"):
        approve(piece, make_user("reviewer"))

    db.session.expire_all()
    assert piece.status == Status.IN_REVIEW and piece.approved_hash is None


def test_other_content_types_need_no_authorisation(
    make_piece: Callable[..., Piece], make_channel: Callable[..., Channel]
) -> None:
    piece = make_piece(status="approved", channel=make_channel("xiaohongshu"))
    assert piece.status == Status.APPROVED


def test_a_valid_authorisation_for_the_channel_and_day_lets_the_piece_be_approved(
    make_ugc: MakeUgc, make_channel: Callable[..., Channel], make_authorisation: MakeAuthorisation
) -> None:
    channel = make_channel("xiaohongshu")
    piece = make_ugc(channel, make_authorisation(channel), status="approved")
    assert piece.status == Status.APPROVED


@pytest.mark.parametrize(
    ("fields", "kind", "reason"),
    [
        (
            {"valid_until": date(2026, 11, 30)},
            "xiaohongshu",
            "有效期至 2026-11-30，不覆盖 2026-12-01",
        ),
        ({"valid_from": date(2026, 12, 2)}, "xiaohongshu", "自 2026-12-02 起生效"),
        ({}, "channels", "不允许使用视频"),  # 视频号 uses video; only text was allowed
    ],
)
def test_an_authorisation_that_does_not_cover_the_piece_blocks_approval(
    make_ugc: MakeUgc,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
    fields: dict,
    kind: str,
    reason: str,
) -> None:
    channel = make_channel(kind)
    piece = make_ugc(channel, make_authorisation(channel, **fields), status="in_review")

    with pytest.raises(ConsentMissing, match=reason):
        approve(piece, make_user("reviewer"))


def test_an_authorisation_for_another_channel_blocks_approval(
    make_ugc: MakeUgc,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    other, channel = make_channel("weibo"), make_channel("xiaohongshu")
    valid, other_only = make_authorisation(channel), make_authorisation(other, customer="青柠")
    piece = make_ugc(channel, valid, other_only, status="in_review")

    with pytest.raises(ConsentMissing, match="“青柠”的授权.*不包含渠道"):
        approve(piece, make_user("reviewer"))  # every customer in the piece must have agreed


def test_scheduling_beyond_the_authorisations_end_is_refused_with_the_reason(
    make_ugc: MakeUgc,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    channel = make_channel("xiaohongshu")
    piece = make_ugc(channel, make_authorisation(channel, valid_until=date(2026, 12, 10)))
    reviewer = make_user("reviewer")

    with pytest.raises(ConsentMissing) as refused:
        schedule_services.schedule(reviewer, piece, brand_at(date(2026, 12, 11)), now=NOW)
    assert "有效期至 2026-12-10，不覆盖 2026-12-11" in refused.value.message
    assert "排在 2026-12-11" in refused.value.message
    db.session.expire_all()
    assert piece.status == Status.APPROVED and piece.publish_at is None

    schedule_services.schedule(reviewer, piece, brand_at(date(2026, 12, 10)), now=NOW)
    assert piece.status == Status.SCHEDULED


def _scheduled_past_consent(
    make_ugc: MakeUgc, make_authorisation: MakeAuthorisation, channel: Channel
) -> Piece:
    """Approved while valid (until today) and put on tomorrow's calendar behind the gate's back."""
    row = make_authorisation(channel, valid_until=date(2026, 12, 1))
    piece = make_ugc(channel, row, status="approved")
    transition(piece, Action.SCHEDULE, None)
    piece.publish_at = NOW + timedelta(days=1)
    db.session.commit()
    return piece


def test_an_expired_authorisation_holds_the_piece_at_publish_time_and_alerts(
    make_ugc: MakeUgc, make_channel: Callable[..., Channel], make_authorisation: MakeAuthorisation
) -> None:
    piece = _scheduled_past_consent(make_ugc, make_authorisation, make_channel("xiaohongshu"))

    report = publish_due(NOW + timedelta(days=1, minutes=1))

    db.session.expire_all()
    assert report.outcomes == {"held": [piece.id]}
    assert piece.status == Status.HELD
    job = db.session.get(PublishJob, piece.id)
    assert job is not None and job.last_error_code == "consent"
    assert "有效期至 2026-12-01" in job.last_error
    notices = db.session.scalars(select(Notification).where(Notification.event == "held")).all()
    reviewer_and_owner = {n.user_id for n in notices}
    assert piece.owner_id in reviewer_and_owner and len(reviewer_and_owner) == 2


def test_a_withdrawn_authorisation_holds_the_piece_at_publish_time(
    make_ugc: MakeUgc, make_channel: Callable[..., Channel], make_authorisation: MakeAuthorisation
) -> None:
    channel = make_channel("xiaohongshu")
    row = make_authorisation(channel)
    piece = make_ugc(channel, row, status="scheduled", publish_at=NOW + timedelta(hours=1))
    row.withdrawn_at = NOW  # recorded elsewhere (e.g. restored from a backup) without the sweep
    db.session.commit()

    report = publish_due(NOW + timedelta(hours=1, minutes=1))

    assert report.outcomes == {"held": [piece.id]}
    assert "已撤回" in db.session.get(PublishJob, piece.id).last_error


def test_a_valid_authorisation_lets_the_piece_go_out(
    make_ugc: MakeUgc, make_channel: Callable[..., Channel], make_authorisation: MakeAuthorisation
) -> None:
    channel = make_channel("xiaohongshu")  # no publishing settings: handed to a person
    piece = make_ugc(channel, make_authorisation(channel), status="scheduled")

    report = publish_due(NOW + timedelta(days=1, minutes=1))

    assert report.outcomes == {"awaiting_person": [piece.id]}


def test_attaching_is_for_ugc_pieces_and_active_authorisations_and_is_audited(
    make_piece: Callable[..., Piece],
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    channel = make_channel("xiaohongshu")
    row = make_authorisation(channel)
    styling = make_piece(channel=channel)
    with pytest.raises(Exception, match="用户内容"):
        services.attach(styling.owner, styling, row)
    ugc = make_piece(channel=channel, content_type="ugc")
    with pytest.raises(Exception, match="只有稿件作者"):
        services.attach(make_user("writer"), ugc, row)

    services.attach(ugc.owner, ugc, row)
    services.attach(ugc.owner, ugc, row)  # twice is once

    assert services.authorisations_of(ugc) == [row]
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("consent.%"))
    ).all()
    assert actions.count("consent.attach") == 1
    services.withdraw(make_user("legal"), row, "用户私信撤回")
    other = make_piece(channel=channel, content_type="ugc")
    with pytest.raises(Exception, match="已撤回"):
        services.attach(other.owner, other, row)


def test_a_post_by_hand_is_refused_once_the_authorisation_has_ended(
    make_ugc: MakeUgc,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    channel = make_channel("xiaohongshu")
    piece = make_ugc(channel, make_authorisation(channel, valid_until=date(2026, 12, 1)))
    later = NOW + timedelta(days=1)

    with pytest.raises(ConsentMissing, match="不能标记为已发布"):
        schedule_services.mark_published(
            make_user("reviewer"), piece, url="https://example.com/p", now=later
        )
    db.session.expire_all()
    assert piece.status == Status.APPROVED
