"""Withdrawal (issue 19 item 3) and erasure (item 5): every piece listed, held, sent back or taken
down, on a manual channel by a person and on a 公众号 through freepublish/delete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.consent import services
from app.consent.services import Evidence
from app.errors import InvalidInput, NotFound, PermissionDenied
from app.extensions import db
from app.models import (
    AuditEvent,
    Authorisation,
    Channel,
    JobState,
    Notification,
    Piece,
    PublishJob,
    TakedownKind,
    TakedownState,
    TakedownTask,
    User,
)
from app.publishing.takedowns import process_takedowns
from app.workflow import Status
from tests.channels.conftest import PNG, wechat
from tests.channels.fakes import PublishJob as FakePublish
from tests.channels.fakes import WeChatFake
from tests.consent.conftest import NOW, PDF, MakeAuthorisation, MakeUgc
from tests.publishing.conftest import wechat_channel

__all__ = ["wechat", "wechat_channel"]  # the fake 公众号 and a channel pointed at it


def audit_actions(prefix: str = "consent.") -> list[str]:
    query = select(AuditEvent.action).where(AuditEvent.action.like(f"{prefix}%"))
    return list(db.session.scalars(query.order_by(AuditEvent.id)))


def notices(event: str) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.event == event)))


def test_withdrawal_holds_sends_back_takes_down_and_lists_every_piece(
    make_ugc: MakeUgc,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    channel = make_channel("xiaohongshu")  # a manual channel
    row = make_authorisation(channel)
    drafting = make_ugc(channel, row, status="in_review")
    approved = make_ugc(channel, row, status="approved")
    scheduled = make_ugc(channel, row, status="scheduled")
    published = make_ugc(channel, row, status="published")

    report = services.withdraw(make_user("legal"), row, "用户 12 月 1 日私信要求撤回")

    db.session.expire_all()
    assert report.held == [scheduled.id]
    assert report.back_to_review == [approved.id]
    assert report.takedowns == [published.id]
    assert report.unaffected == [drafting.id]
    assert scheduled.status == Status.HELD and approved.status == Status.IN_REVIEW
    assert approved.approved_hash is None
    assert published.status == Status.PUBLISHED  # still online until someone takes it down
    (task,) = services.open_takedowns()
    assert (task.piece_id, task.kind) == (published.id, TakedownKind.MANUAL.value)
    assert notices("takedown") and notices("consent_withdrawn") and notices("held")
    assert audit_actions()[-2:] == ["consent.takedown_open", "consent.withdraw"]

    services.confirm_takedown(make_user("reviewer"), task, "已在小红书后台删除")

    assert services.open_takedowns() == []
    assert task.state == TakedownState.DONE.value and task.done_by_id is not None
    assert audit_actions()[-1] == "consent.takedown_done"


@pytest.mark.real_db  # the WeChat token cache uses connections of its own
def test_a_published_wechat_article_is_deleted_through_the_platform(
    make_ugc: MakeUgc,
    wechat_channel: Channel,
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
    wechat: WeChatFake,
) -> None:
    channel = wechat_channel
    row = make_authorisation(channel)
    piece = make_ugc(channel, row, status="published")
    wechat.publishes["pub-7"] = FakePublish("draft-7")  # what the platform holds
    db.session.add(
        PublishJob(piece_id=piece.id, state=JobState.DONE.value, platform_id="article-pub-7")
    )
    db.session.commit()

    services.withdraw(make_user("legal"), row, "用户电话撤回授权")
    (task,) = services.open_takedowns()
    assert (task.kind, task.article_id) == (TakedownKind.WECHAT.value, "article-pub-7")

    assert process_takedowns(NOW) == 1

    assert wechat.deleted == [("article-pub-7", 0)]
    db.session.expire_all()
    assert task.state == TakedownState.DONE.value and task.done_by_id is None
    assert audit_actions()[-1] == "consent.takedown_done"
    assert process_takedowns(NOW) == 0  # done once


@pytest.mark.real_db  # the WeChat token cache uses connections of its own
def test_a_refused_wechat_delete_becomes_a_task_for_a_person(
    make_ugc: MakeUgc,
    wechat_channel: Channel,
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    channel = wechat_channel
    row = make_authorisation(channel)
    piece = make_ugc(channel, row, status="published")
    db.session.add(
        PublishJob(piece_id=piece.id, state=JobState.DONE.value, platform_id="article-gone")
    )
    db.session.commit()
    services.withdraw(make_user("legal"), row, "用户撤回")

    assert process_takedowns(NOW) == 0

    (task,) = services.open_takedowns()
    assert task.kind == TakedownKind.MANUAL.value and "53600" in task.last_error
    assert any("手动删除" in notice.text for notice in notices("takedown"))


def test_only_reviewers_legal_managers_and_admins_withdraw_and_a_reason_is_needed(
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    row = make_authorisation(make_channel("weibo"))
    with pytest.raises(PermissionDenied):
        services.withdraw(make_user("writer"), row, "用户撤回")
    with pytest.raises(InvalidInput, match="撤回的说明"):
        services.withdraw(make_user("legal"), row, "  ")
    assert row.withdrawn_at is None


def test_evidence_is_checked_stored_privately_and_readable_only_by_reviewers_legal_admins(
    app,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    row = make_authorisation(make_channel("weibo"))
    path, kind, name = services.evidence_path(make_user("legal"), row)
    assert path.read_bytes() == PNG and kind == "image/png" and name == "授权书.png"
    assert Path(app.static_folder) not in path.parents
    for role in ("writer", "manager"):
        with pytest.raises(PermissionDenied):
            services.evidence_path(make_user(role), row)
    assert services.contact_of(make_user("reviewer"), row) == "13812345678"
    assert services.contact_of(make_user("writer"), row) == ""
    assert "13812345678" not in row.contact_encrypted


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        (Evidence("form.exe", b"MZ\x90\x00"), "只能是 PDF、PNG 或 JPEG"),
        (Evidence("form.pdf", PNG), "只能是 PDF、PNG 或 JPEG"),  # the bytes decide, not the name
        (Evidence("form.pdf", b""), "请上传授权凭证"),
        (Evidence("form.pdf", PDF + b"0" * 2048), "不能超过"),
    ],
)
def test_bad_evidence_is_refused_with_a_chinese_message(
    app,
    make_channel: Callable[..., Channel],
    make_user: Callable[..., User],
    evidence: Evidence,
    message: str,
) -> None:
    app.config["CONSENT_EVIDENCE_MAX_BYTES"] = 1024
    data = services.AuthorisationInput(
        "王小明", "", [make_channel("weibo").code], NOW.date(), NOW.date(), "signed_form"
    )
    with pytest.raises(InvalidInput, match=message):
        services.record_authorisation(make_user("writer"), data, evidence)
    assert db.session.scalars(select(Authorisation)).all() == []


def test_erasure_removes_contact_evidence_and_name_and_leaves_an_audited_tombstone(
    make_ugc: MakeUgc,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    channel = make_channel("xiaohongshu")
    row = make_authorisation(channel)
    piece = make_ugc(channel, row, status="scheduled")
    legal = make_user("legal")
    path, _kind, _name = services.evidence_path(legal, row)
    with pytest.raises(PermissionDenied):
        services.erase(make_user("reviewer"), row, "PIPL-2026-001")

    services.erase(legal, row, "PIPL-2026-001")

    db.session.expire_all()
    assert not path.exists()
    assert row.contact_encrypted == row.evidence_file == row.evidence_name == ""
    assert "王小明" not in row.customer and row.erased_at is not None
    assert row.withdrawn_at is not None and piece.status == Status.HELD
    with pytest.raises(NotFound):
        services.evidence_path(legal, row)
    erased = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "consent.erase")
    ).one()
    assert erased.reason == "PIPL-2026-001" and "王小明" not in str(erased.details)
    assert db.session.get(Authorisation, row.id) is not None  # the tombstone stays
    assert db.session.scalars(select(TakedownTask)).all() == []
    assert isinstance(piece, Piece)


def test_an_open_manual_take_down_is_reminded_daily_and_audited_until_done(
    make_ugc: MakeUgc,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    channel = make_channel("xiaohongshu")
    row = make_authorisation(channel)
    make_ugc(channel, row, status="published")
    services.withdraw(make_user("legal"), row, "用户撤回", now=NOW)
    alerts = len(notices("takedown"))

    assert process_takedowns(NOW + timedelta(hours=23)) == 0
    assert len(notices("takedown")) == alerts  # not yet a day

    process_takedowns(NOW + timedelta(hours=25))
    process_takedowns(NOW + timedelta(hours=26))  # once a day, not every pass

    assert len(notices("takedown")) == alerts * 2
    assert "已 1 天仍未确认下架" in notices("takedown")[-1].text
    assert audit_actions().count("consent.takedown_reminded") == 1
    (task,) = services.open_takedowns()
    services.confirm_takedown(make_user("manager"), task)
    process_takedowns(NOW + timedelta(days=3))
    assert audit_actions().count("consent.takedown_reminded") == 1  # done: no more reminders


def test_a_customer_under_14_needs_a_guardian_and_erasure_removes_the_guardian_too(
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    channel = make_channel("weibo")
    with pytest.raises(InvalidInput, match="监护人"):
        make_authorisation(channel, minor=True)

    row = make_authorisation(channel, minor=True, guardian="王大明")
    assert row.guardian == "王大明"
    services.erase(make_user("admin"), row, "PIPL-2026-002")
    assert row.guardian == ""


def test_a_piece_being_published_is_held_and_a_person_checks_the_platform(
    make_ugc: MakeUgc,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    from app.content.services import transition
    from app.workflow import Action

    channel = make_channel("xiaohongshu")
    row = make_authorisation(channel)
    piece = make_ugc(channel, row, status="scheduled")
    transition(piece, Action.START_PUBLISHING, None)  # a worker is talking to the platform
    db.session.commit()

    report = services.withdraw(make_user("legal"), row, "用户撤回")

    assert report.held == [piece.id] and report.takedowns == [piece.id]
    (task,) = services.open_takedowns()
    assert task.kind == TakedownKind.MANUAL.value
    assert any("如已发出请删除" in notice.text for notice in notices("takedown"))
