"""The scheduling service: policy refusals with suggestions, overrides, audit rows, bad input."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.compliance import Entry
from app.errors import ComplianceBlocked, Conflict, InvalidInput, PermissionDenied
from app.extensions import db
from app.models import AuditEvent, ChannelPolicySetting, ScheduleOverride
from app.schedule import overview, services, settings
from app.schedule.services import PolicyViolation
from tests.conftest import count_rows
from tests.schedule.conftest import SH, TODAY, brand_at


def audit_actions(piece_id: int) -> list[str]:
    query = select(AuditEvent.action).where(
        AuditEvent.object_type == "piece", AuditEvent.object_id == piece_id
    )
    return list(db.session.scalars(query.order_by(AuditEvent.id)))


def test_schedule_moves_an_approved_piece_onto_the_calendar(
    make_channel, approved, team, monday
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    verdict = services.schedule(team["reviewer"], piece, brand_at(monday, 20))
    assert verdict.ok
    db.session.refresh(piece)
    assert piece.status == "scheduled"
    assert piece.publish_at == brand_at(monday, 20)
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "piece.schedule")
    ).one()
    assert (event.from_state, event.to_state, event.actor_id) == (
        "approved",
        "scheduled",
        team["reviewer"].id,
    )
    assert event.details["to"] == brand_at(monday, 20).isoformat()


def test_reschedule_keeps_the_piece_scheduled_and_audits_both_times(
    make_channel, approved, team, monday
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    services.schedule(team["reviewer"], piece, brand_at(monday, 9))
    services.reschedule(team["reviewer"], piece, brand_at(monday + timedelta(days=8), 21))
    db.session.refresh(piece)
    assert piece.status == "scheduled"
    assert piece.publish_at == brand_at(monday + timedelta(days=8), 21)
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "piece.reschedule")
    ).one()
    assert event.details["from"] == brand_at(monday, 9).isoformat()
    assert event.details["to"] == brand_at(monday + timedelta(days=8), 21).isoformat()


def test_unschedule_puts_the_piece_back_in_the_reserve(
    make_channel, approved, team, monday
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    services.schedule(team["manager"], piece, brand_at(monday))
    services.unschedule(team["manager"], piece)
    db.session.refresh(piece)
    assert (piece.status, piece.publish_at) == ("approved", None)
    assert audit_actions(piece.id)[-2:] == ["piece.schedule", "piece.unschedule"]
    assert overview.reserve().total == 1


def test_promo_in_a_full_week_is_refused_with_the_reason_and_the_next_slot(
    make_channel, approved, crowd, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    crowd(channel, monday)
    promo = approved(channel, "promotion")
    before = count_rows(AuditEvent)
    with pytest.raises(PolicyViolation) as refused:
        services.schedule(team["reviewer"], promo, brand_at(monday + timedelta(days=2), 10))
    error = refused.value
    assert error.status_code == 409 and error.code == "policy"
    assert [v["code"] for v in error.extra["violations"]] == ["promo_share"]
    assert "促销占比将达到 33.3%（2/6），上限 20%" in error.message
    assert error.extra["suggested_at"] == brand_at(monday + timedelta(days=7), 10).isoformat()
    assert "最近可排的时间" in error.extra["suggestion"]
    db.session.refresh(promo)
    assert (promo.status, promo.publish_at) == ("approved", None)
    assert count_rows(AuditEvent) == before


def test_a_manager_overrides_with_a_written_reason_audited_and_recorded(
    make_channel, approved, fill, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    fill(channel, monday, "SSSSP")
    promo = approved(channel, "promotion")
    at = brand_at(monday + timedelta(days=2))
    services.schedule(team["manager"], promo, at, override_reason="双十一大促，老板批准")
    db.session.refresh(promo)
    assert promo.status == "scheduled"
    override = db.session.scalars(select(ScheduleOverride)).one()
    assert (override.piece_id, override.manager_id) == (promo.id, team["manager"].id)
    assert override.rules == ["promo_share"] and override.publish_at == at
    assert override.reason == "双十一大促，老板批准"
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "piece.policy_override")
    ).one()
    assert event.reason == "双十一大促，老板批准" and event.details["rules"] == ["promo_share"]
    assert "piece.schedule" in audit_actions(promo.id)


def test_only_managers_override_and_only_with_a_reason(
    make_channel, approved, fill, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    fill(channel, monday, "SSSSP")
    promo = approved(channel, "promotion")
    at = brand_at(monday + timedelta(days=2))
    with pytest.raises(PermissionDenied, match="只有运营主管"):
        services.schedule(team["reviewer"], promo, at, override_reason="我觉得可以")
    with pytest.raises(InvalidInput, match="必须写明理由"):
        services.schedule(team["manager"], promo, at, override_reason="   ")
    assert count_rows(ScheduleOverride) == 0


def test_a_reason_without_a_violation_records_no_override(
    make_channel, approved, team, monday
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    services.schedule(team["manager"], piece, brand_at(monday), override_reason="以防万一")
    assert count_rows(ScheduleOverride) == 0


def test_unscheduling_a_promo_frees_the_quota(make_channel, approved, fill, team, monday) -> None:
    channel = make_channel("xiaohongshu")
    [*_, first_promo] = fill(channel, monday, "SSSSP")
    second = approved(channel, "promotion")
    at = brand_at(monday + timedelta(days=5))
    with pytest.raises(PolicyViolation):
        services.schedule(team["reviewer"], second, at)
    services.unschedule(team["reviewer"], first_promo)
    assert services.schedule(team["reviewer"], second, at).ok


def test_unscheduling_an_ordinary_piece_that_raises_the_share_is_refused(
    make_channel, fill, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    ordinary, *_ = fill(channel, monday, "SSSSP")
    with pytest.raises(PolicyViolation, match="在移出这篇后将升至 25%"):
        services.unschedule(team["reviewer"], ordinary)
    services.unschedule(team["manager"], ordinary, "这篇需要撤下重写")
    db.session.refresh(ordinary)
    assert ordinary.status == "approved"
    assert db.session.scalars(select(ScheduleOverride)).one().publish_at is None


def test_rescheduling_across_weeks_checks_the_week_it_leaves(
    make_channel, fill, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    ordinary, *_ = fill(channel, monday, "SSSSP")
    with pytest.raises(PolicyViolation, match="在移出这篇后将升至 25%"):
        services.reschedule(team["reviewer"], ordinary, brand_at(monday + timedelta(days=9)))
    db.session.refresh(ordinary)
    assert ordinary.publish_at == brand_at(monday)


def test_second_group_send_a_day_is_refused_and_joining_the_send_is_suggested(
    make_channel, approved, team, monday
) -> None:
    oa = make_channel("wechat_oa")
    services.schedule(team["manager"], approved(oa), brand_at(monday, 20, 30))
    second = approved(oa)
    with pytest.raises(PolicyViolation, match="公众号每天最多群发 1 次") as refused:
        services.schedule(team["manager"], second, brand_at(monday, 9))
    assert refused.value.extra["suggested_at"] == brand_at(monday, 20, 30).isoformat()
    assert services.schedule(team["manager"], second, brand_at(monday, 20, 30)).ok


def test_blackouts_refuse_with_their_reason(make_channel, approved, team, monday) -> None:
    channel = make_channel("xiaohongshu")
    start, end = brand_at(monday, 0), brand_at(monday + timedelta(days=1), 0)
    settings.add_blackout(team["manager"], start, end, None, "全国哀悼日")
    with pytest.raises(PolicyViolation, match="全国哀悼日") as refused:
        services.schedule(team["reviewer"], approved(channel), brand_at(monday, 10))
    assert refused.value.extra["violations"][0]["code"] == "blackout"
    assert refused.value.extra["suggested_at"] == brand_at(monday + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    "at",
    [TODAY - timedelta(minutes=1), TODAY - timedelta(days=30)],
    ids=["a minute ago", "last month"],
)
def test_scheduling_in_the_past_is_refused(make_channel, approved, team, at) -> None:
    piece = approved(make_channel("xiaohongshu"))
    with pytest.raises(InvalidInput, match="不能排在过去的时间"):
        services.schedule(team["reviewer"], piece, at)
    assert piece.status == "approved"


def test_a_naive_time_is_refused(make_channel, approved, team) -> None:
    piece = approved(make_channel("xiaohongshu"))
    with pytest.raises(InvalidInput, match="缺少时区"):
        services.schedule(team["reviewer"], piece, datetime(2030, 1, 1, 10))


@pytest.mark.parametrize("status", ["draft", "in_review", "changes_requested", "rejected"])
def test_only_approved_pieces_can_be_scheduled(make_piece, make_channel, team, monday, status):
    piece = make_piece(status=status, channel=make_channel("xiaohongshu"))
    with pytest.raises(Conflict, match="只有已通过审核的稿件才能排期"):
        services.schedule(team["reviewer"], piece, brand_at(monday))
    db.session.refresh(piece)
    assert piece.status == status and piece.publish_at is None


def test_unknown_or_foreign_channel_is_refused(make_channel, approved, team, monday) -> None:
    piece = approved(make_channel("xiaohongshu"))
    other = make_channel("douyin")
    with pytest.raises(InvalidInput, match="未知渠道“nope”"):
        services.schedule(team["reviewer"], piece, brand_at(monday), "nope")
    with pytest.raises(InvalidInput, match="重新送审"):
        services.schedule(team["reviewer"], piece, brand_at(monday), other.code)
    assert services.schedule(team["reviewer"], piece, brand_at(monday), piece.channel.code).ok


def test_writers_may_not_schedule(make_channel, approved, team, monday) -> None:
    piece = approved(make_channel("xiaohongshu"))
    with pytest.raises(PermissionDenied, match="只有审核员和运营主管"):
        services.schedule(team["writer"], piece, brand_at(monday))


def test_unschedule_and_reschedule_need_a_scheduled_piece(
    make_channel, approved, team, monday
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    with pytest.raises(Conflict):
        services.unschedule(team["reviewer"], piece)
    with pytest.raises(Conflict, match="只有已排期的稿件"):
        services.reschedule(team["reviewer"], piece, brand_at(monday))


def test_a_flagged_piece_cannot_be_scheduled(make_channel, approved, team, monday) -> None:
    piece = approved(make_channel("xiaohongshu"))
    piece.compliance_flag = "新词“某词”禁止发布"
    db.session.commit()
    with pytest.raises(ComplianceBlocked, match="某词"):
        services.schedule(team["reviewer"], piece, brand_at(monday))


def test_manager_settings_change_what_the_policy_allows(
    make_channel, approved, fill, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    fill(channel, monday, "SSSSP")
    promo = approved(channel, "promotion")
    with pytest.raises(PolicyViolation):
        services.schedule(team["reviewer"], promo, brand_at(monday + timedelta(days=3)))
    change = settings.PolicyChange(50, 1, 8, 0, False)
    settings.update_policy(team["manager"], channel, change)
    assert services.channel_policy(channel).promo_share_max_pct == 50
    assert services.schedule(team["reviewer"], promo, brand_at(monday + timedelta(days=3))).ok
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "channel_policy.update")
    ).one()
    assert event.details["before"]["promo_share_max_pct"] == 20


def test_invalid_policy_settings_are_refused(make_channel, team) -> None:
    channel = make_channel()
    with pytest.raises(InvalidInput, match="规则无效"):
        settings.update_policy(team["manager"], channel, settings.PolicyChange(20, 1, 9, 3, True))
    with pytest.raises(PermissionDenied):
        settings.update_policy(team["reviewer"], channel, settings.PolicyChange(20, 1, 8, 3, True))
    assert count_rows(ChannelPolicySetting) == 0


def test_slot_on_day_keeps_the_time_joins_the_send_or_uses_the_default(
    make_channel, approved, team, monday
) -> None:
    oa, xhs = make_channel("wechat_oa"), make_channel("xiaohongshu")
    scheduled = approved(xhs)
    services.schedule(team["manager"], scheduled, brand_at(monday, 7, 45))
    later = monday + timedelta(days=3)
    assert services.slot_on_day(scheduled, later) == brand_at(later, 7, 45)
    services.schedule(team["manager"], approved(oa), brand_at(later, 18))
    assert services.slot_on_day(approved(oa), later) == brand_at(later, 18)
    assert services.slot_on_day(approved(xhs), later) == brand_at(later, 20)


def test_blackouts_are_audited_and_report_pieces_inside(
    make_channel, approved, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    piece = approved(channel)
    services.schedule(team["manager"], piece, brand_at(monday, 10))
    start, end = brand_at(monday, 0), brand_at(monday, 12)
    window, inside = settings.add_blackout(team["manager"], start, end, channel, "系统维护")
    assert inside == [piece]
    settings.remove_blackout(team["manager"], window)
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_type == "blackout_window")
    )
    assert list(actions) == ["blackout.add", "blackout.remove"]
    with pytest.raises(InvalidInput, match="晚于"):
        settings.add_blackout(team["manager"], end, start, None, "反了")
    with pytest.raises(InvalidInput, match="原因"):
        settings.add_blackout(team["manager"], start, end, None, " ")


def test_looks_promotional_when_promo_words_hit_a_non_promo_type(
    make_piece, make_channel, load_lexicon
) -> None:
    load_lexicon(Entry("折扣", "promo_marker", "info"))
    channel = make_channel("xiaohongshu")
    styled = make_piece(body="会员专享折扣，只到周日。", channel=channel)
    promo = make_piece(body="会员专享折扣，只到周日。", channel=channel, content_type="promotion")
    plain = make_piece(body="亚麻衬衫配阔腿裤。", channel=channel)
    assert overview.promo_markers(styled) == ["折扣"]
    assert overview.looks_promotional(styled)
    assert not overview.looks_promotional(promo)
    assert not overview.looks_promotional(plain)


def test_reserve_counts_approved_unscheduled_pieces_against_targets(
    make_channel, approved, team, monday
) -> None:
    oa, xhs = make_channel("wechat_oa"), make_channel("xiaohongshu")
    approved(oa), approved(oa, "promotion"), approved(xhs)
    services.schedule(team["manager"], approved(xhs), brand_at(monday))
    found = overview.reserve()
    assert (found.total, found.target, found.short) == (3, 200, 197)
    assert {line.key: line.count for line in found.channels} == {oa.code: 2, xhs.code: 1}
    assert found.cells[(oa.code, "promotion")] == 1
    settings.set_reserve_target(team["manager"], 100, oa)
    settings.set_reserve_target(team["manager"], 150)
    found = overview.reserve()
    assert found.target == 150
    assert {line.key: line.target for line in found.channels} == {oa.code: 100, xhs.code: None}
    settings.set_reserve_target(team["manager"], None, oa)
    assert [line.target for line in overview.reserve().channels] == [None, None]
    # the rule holds for every caller, not only the form
    with pytest.raises(InvalidInput, match="总储备目标不能取消"):
        settings.set_reserve_target(team["manager"], None)
    assert overview.reserve().target == 150


def test_now_is_respected_for_week_boundaries_in_shanghai(
    make_channel, approved, team, monday
) -> None:
    # Sunday 23:30 in Shanghai is Sunday 15:30 UTC and still belongs to the Monday's week.
    channel = make_channel("xiaohongshu")
    sunday_late = brand_at(monday + timedelta(days=6), 23, 30)
    assert sunday_late.astimezone(SH).weekday() == 6
    assert sunday_late.hour == 15
    for _ in range(4):
        services.schedule(team["manager"], approved(channel), brand_at(monday + timedelta(days=1)))
    services.schedule(team["manager"], approved(channel, "promotion"), sunday_late)
    with pytest.raises(PolicyViolation):
        services.schedule(team["manager"], approved(channel, "promotion"), sunday_late)
    next_monday = brand_at(monday + timedelta(days=7), 0, 30)
    with pytest.raises(PolicyViolation, match="1/1"):
        services.schedule(team["manager"], approved(channel, "promotion"), next_monday)


def test_refusals_are_written_in_the_users_zone(
    make_channel, approved, crowd, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    crowd(channel, monday)
    team["reviewer"].timezone = "Europe/London"
    db.session.commit()
    with pytest.raises(PolicyViolation) as refused:
        services.schedule(team["reviewer"], approved(channel, "promotion"), brand_at(monday))
    # the week is still the brand's week; the suggested time is written in London time
    next_monday = monday + timedelta(days=7)
    london = brand_at(next_monday).astimezone(ZoneInfo("Europe/London"))
    assert f"{monday.month}月{monday.day}日–" in refused.value.message
    expected = f"{london.month}月{london.day}日（周一）{london:%H:%M}（Europe/London）"
    assert refused.value.extra["suggestion"] == f"最近可排的时间：{expected}"


@pytest.mark.parametrize("reason", [None, "老板批准，必须今天发"])
def test_no_override_reaches_into_a_blackout(make_channel, approved, team, monday, reason) -> None:
    channel = make_channel("xiaohongshu")
    start, end = brand_at(monday, 0), brand_at(monday + timedelta(days=1), 0)
    settings.add_blackout(team["manager"], start, end, None, "全国哀悼日")
    piece = approved(channel)
    with pytest.raises(PolicyViolation, match="全国哀悼日") as refused:
        services.schedule(team["manager"], piece, brand_at(monday, 10), override_reason=reason)
    assert refused.value.extra["violations"][0]["code"] == "blackout"
    assert piece.status == "approved" and count_rows(ScheduleOverride) == 0
    assert refused.value.extra["overridable"] is False  # the calendar offers no override form
    if reason:
        assert "禁发时段不能强制排期" in refused.value.message


def test_a_blackout_plus_a_countable_rule_is_still_not_overridable(
    make_channel, approved, crowd, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    crowd(channel, monday)
    settings.add_blackout(
        team["manager"],
        brand_at(monday, 0),
        brand_at(monday + timedelta(days=7), 0),
        channel,
        "停更",
    )
    promo = approved(channel, "promotion")
    with pytest.raises(PolicyViolation, match="停更"):
        services.schedule(team["manager"], promo, brand_at(monday, 10), override_reason="大促")
    assert count_rows(ScheduleOverride) == 0
