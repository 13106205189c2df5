"""Table tests for the posting policy: weeks in Asia/Shanghai, promo share, sends, blackouts."""

from __future__ import annotations

import ast
import itertools
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.schedule.policy import (
    COUNTED_STATUSES,
    INTERACTIVE,
    PROMOTION,
    SCHEDULED,
    WECHAT_OA,
    Blackout,
    ChannelPolicy,
    NaiveDatetime,
    PlannedItem,
    Rule,
    check,
    check_unschedule,
    empty_days,
    local_day,
    needed_range,
    send_key,
    suggest_slot,
    week_bounds,
    week_start,
    weekly_progress,
)

SH = ZoneInfo("Asia/Shanghai")
OA = ChannelPolicy.for_channel("oa", "wechat_oa")
XHS = ChannelPolicy.for_channel("xhs", "xiaohongshu")
MON = date(2026, 11, 23)  # a Monday; its week is 11月23日–11月29日
NEXT_MON = date(2026, 11, 30)
TYPES = {"S": "styling", "B": "brand_story", "P": PROMOTION, "U": "ugc", "I": INTERACTIVE}
POLICY_PATH = Path(__file__).resolve().parents[2] / "app" / "schedule" / "policy.py"
BANNED = ["flask", "flask_sqlalchemy", "sqlalchemy", "app.models", "app.extensions"]

_ids = itertools.count(1000)


def local(when: str, zone: str = "Asia/Shanghai") -> datetime:
    """'MM-DD HH:MM[:SS]' in 2026, local to `zone`, as an aware UTC datetime."""
    fmt = "%Y-%m-%d %H:%M:%S" if when.count(":") == 2 else "%Y-%m-%d %H:%M"
    naive = datetime.strptime(f"2026-{when}", fmt)
    return naive.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def sh(when: str) -> datetime:
    """Shanghai local time as UTC."""
    return local(when)


def utc(when: str) -> datetime:
    """A UTC time."""
    return local(when, "UTC")


def piece(
    at: datetime | str,
    kind: str = "S",
    channel: str = "oa",
    pid: int | None = None,
    status: str = SCHEDULED,
) -> PlannedItem:
    """A planned item; `at` is a datetime or a Shanghai 'MM-DD HH:MM'."""
    when = sh(at) if isinstance(at, str) else at
    pid = next(_ids) if pid is None else pid
    return PlannedItem(pid, channel, TYPES[kind], when, status)


def week(letters: str, monday: date = MON, channel: str = "oa") -> list[PlannedItem]:
    """One item per letter, Monday to Sunday round-robin, all at 20:00 Shanghai."""
    return [
        piece(datetime.combine(monday + timedelta(days=n % 7), time(20), tzinfo=SH), k, channel)
        for n, k in enumerate(letters)
    ]


def codes(violations: tuple) -> list[str]:
    """Rule codes of a verdict's violations or warnings."""
    return [v.code.value for v in violations]


# --- weeks and zones -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "monday"),
    [
        pytest.param(utc("11-29 15:30"), MON, id="sunday-2330-shanghai-is-this-week"),
        pytest.param(utc("11-29 15:59"), MON, id="sunday-2359-shanghai-is-this-week"),
        pytest.param(utc("11-29 16:00"), NEXT_MON, id="monday-0000-shanghai-is-next-week"),
        pytest.param(utc("11-29 16:10"), NEXT_MON, id="monday-0010-shanghai-is-next-week"),
        pytest.param(utc("11-22 16:00"), MON, id="week-starts-monday-0000-shanghai"),
        pytest.param(utc("11-22 15:59"), date(2026, 11, 16), id="before-monday-0000-shanghai"),
    ],
)
def test_week_start_is_computed_in_shanghai(instant: datetime, monday: date) -> None:
    assert week_start(instant) == monday
    start, end = week_bounds(instant)
    assert start <= instant < end
    assert (start, end - start) == (sh(f"{monday:%m-%d} 00:00"), timedelta(days=7))


@pytest.mark.parametrize(
    ("requested", "refused"),
    [
        pytest.param(utc("11-29 15:30"), True, id="sunday-2330-counts-in-the-full-week"),
        pytest.param(utc("11-29 16:10"), False, id="monday-0010-counts-in-the-next-week"),
    ],
)
def test_week_boundary_decides_the_promo_share(requested: datetime, refused: bool) -> None:
    others = week("SSSSP", channel="xhs") + week("SSSS", NEXT_MON, channel="xhs")
    verdict = check(piece(requested, "P", "xhs"), others, XHS)
    assert codes(verdict.violations) == (["promo_share"] if refused else [])


@pytest.mark.parametrize(
    ("viewer_zone", "viewer_time"),
    [
        pytest.param("America/New_York", "11-29 10:30", id="new-york-sunday-morning"),
        pytest.param("Europe/London", "11-29 15:30", id="london-sunday-afternoon"),
        pytest.param("Asia/Shanghai", "11-29 23:30", id="shanghai-sunday-night"),
        pytest.param("Pacific/Auckland", "11-30 04:30", id="auckland-monday-morning"),
    ],
)
def test_a_viewers_zone_does_not_move_the_week(viewer_zone: str, viewer_time: str) -> None:
    requested = local(viewer_time, viewer_zone)
    assert requested == utc("11-29 15:30")
    others = week("SSSSP", channel="xhs") + week("SSSS", NEXT_MON, channel="xhs")
    verdict = check(piece(requested, "P", "xhs"), others, XHS, display_tz=viewer_zone)
    assert week_start(requested) == MON
    assert codes(verdict.violations) == ["promo_share"]
    assert "11月23日–11月29日" in verdict.violations[0].message
    assert verdict.suggested_at == sh("11-30 23:30")


def test_display_zone_changes_only_how_times_are_written() -> None:
    others = [piece("11-24 20:00")]
    item = piece("11-24 21:00")
    plain = check(item, others, OA)
    for_ny = check(item, others, OA, display_tz="America/New_York")
    assert (plain.violations[0].code, plain.suggested_at) == (
        for_ny.violations[0].code,
        for_ny.suggested_at,
    )
    assert plain.suggestion == "最近可排的时间：11月25日（周三）21:00"
    assert for_ny.suggestion == "最近可排的时间：11月25日（周三）08:00（America/New_York）"
    assert "（07:00）" in for_ny.violations[0].message


# --- promo share ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("letters", "adding", "policy", "refusal"),
    [
        pytest.param("SSSS", "P", XHS, None, id="1-of-5-is-exactly-20-percent"),
        pytest.param("SSS", "P", XHS, "25%（1/4），上限 20%，该周还需再排 1 篇", id="1-of-4"),
        pytest.param("SSSSSSSSP", "P", XHS, None, id="2-of-10-is-exactly-20-percent"),
        pytest.param("SSSSSSSP", "P", XHS, "22.2%（2/9）", id="2-of-9"),
        pytest.param("", "P", XHS, "100%（1/1），上限 20%，该周还需再排 4 篇", id="empty-week"),
        pytest.param("SPP", "S", XHS, None, id="ordinary-piece-into-over-cap-week"),
        pytest.param("SPP", "I", XHS, None, id="interactive-is-not-a-promo"),
        pytest.param("", "P", replace(XHS, promo_share_max_pct=100), None, id="cap-100"),
        pytest.param("SSSSSSSS", "P", replace(XHS, promo_share_max_pct=0), "上限 0%", id="cap-0"),
        pytest.param("S", "P", replace(XHS, promo_share_max_pct=50), None, id="cap-50"),
    ],
)
def test_promo_share(letters: str, adding: str, policy: ChannelPolicy, refusal: str | None) -> None:
    verdict = check(piece("11-27 12:00", adding, "xhs"), week(letters, channel="xhs"), policy)
    assert verdict.ok is (refusal is None)
    if refusal:
        assert verdict.violations[0].code is Rule.PROMO_SHARE
        assert "11月23日–11月29日这一周促销占比将达到" in verdict.violations[0].message
        assert refusal in verdict.violations[0].message


@pytest.mark.parametrize(
    "others",
    [
        pytest.param(week("SSSS", channel="weibo"), id="other-channels-do-not-count"),
        pytest.param(week("SSSS", date(2026, 11, 16), "xhs"), id="last-week-does-not-count"),
        pytest.param(
            [replace(p, status="held") for p in week("SSSS", channel="xhs")],
            id="held-pieces-do-not-count",
        ),
        pytest.param(
            [replace(p, status="approved") for p in week("SSSS", channel="xhs")],
            id="unscheduled-pieces-do-not-count",
        ),
    ],
)
def test_only_counted_pieces_of_the_channel_and_week_make_room(others: list) -> None:
    assert not check(piece("11-27 12:00", "P", "xhs"), others, XHS).ok


def test_published_pieces_count() -> None:
    others = [replace(p, status="published") for p in week("SSSS", channel="xhs")]
    assert check(piece("11-27 12:00", "P", "xhs"), others, XHS).ok


def test_promo_refusal_details_are_json_ready() -> None:
    verdict = check(piece("11-27 12:00", "P", "xhs"), week("SSSP", channel="xhs"), XHS)
    body = json.loads(json.dumps(verdict.to_dict()))
    assert body["ok"] is False
    assert body["violations"][0]["details"] == {
        "week_start": "2026-11-23",
        "week_end": "2026-11-29",
        "promos": 2,
        "total": 5,
        "share_pct": 40.0,
        "max_pct": 20,
        "non_promo_needed": 5,
    }
    assert body["suggested_at"] is None
    assert body["suggestion"].startswith("未来 28 天内没有符合规则的时间")


# --- rescheduling and unscheduling ---------------------------------------------------------------

MOVES = [
    pytest.param("SSSS", "", "P", "11-24", "11-26", [], id="promo-moves-within-its-full-week"),
    pytest.param("SSSS", "SSSS", "P", "11-24", "12-01", [], id="promo-moves-to-a-week-with-room"),
    pytest.param(
        "SSSS", "SSSSP", "P", "11-24", "12-01", ["promo_share"], id="promo-into-full-week"
    ),
    pytest.param("SPP", "SSSS", "P", "11-24", "12-01", [], id="promo-leaves-an-over-cap-week"),
    pytest.param("SSSP", "", "S", "11-24", "12-01", ["promo_share"], id="ordinary-leaves-cap-week"),
    pytest.param("SSSSSP", "", "S", "11-24", "12-01", [], id="ordinary-leaves-week-with-room"),
    pytest.param("SSSP", "", "S", "11-24", "11-28", [], id="ordinary-moves-within-its-week"),
    pytest.param("SSSSP", "", "S", "12-01", "11-25", [], id="ordinary-moves-in-from-next-week"),
]


@pytest.mark.parametrize(("week_a", "week_b", "kind", "old", "new", "expected"), MOVES)
def test_rescheduling_across_weeks(
    week_a: str, week_b: str, kind: str, old: str, new: str, expected: list[str]
) -> None:
    moving = piece(f"{old} 12:00", kind, "xhs", pid=1)
    others = [*week(week_a, channel="xhs"), *week(week_b, NEXT_MON, "xhs"), moving]
    verdict = check(replace(moving, at=sh(f"{new} 12:00")), others, XHS)
    assert codes(verdict.violations) == expected


def test_moving_away_an_ordinary_piece_names_the_week_it_leaves() -> None:
    moving = piece("11-24 12:00", "S", "xhs", pid=1)
    others = [*week("SSSP", channel="xhs"), moving]
    verdict = check(replace(moving, at=sh("12-01 12:00")), others, XHS)
    assert verdict.violations[0].message == (
        "11月23日–11月29日这一周促销占比在移出这篇后将升至 25%（1/4），上限 20%，"
        "该周还需再排 1 篇非促销内容"
    )
    # later times all leave the week too; the message says what to fix instead
    assert verdict.suggested_at is None


@pytest.mark.parametrize(
    ("letters", "removing", "expected"),
    [
        pytest.param("SSSS", "P", [], id="unscheduling-a-promo"),
        pytest.param("SSSP", "S", ["promo_share"], id="unscheduling-an-ordinary-piece-at-cap"),
        pytest.param("SSSSP", "S", [], id="unscheduling-an-ordinary-piece-with-room"),
        pytest.param("SPP", "P", [], id="unscheduling-a-promo-from-an-over-cap-week"),
    ],
)
def test_check_unschedule(letters: str, removing: str, expected: list[str]) -> None:
    slot = piece("11-26 12:00", removing, "xhs", pid=1)
    verdict = check_unschedule(slot, [*week(letters, channel="xhs"), slot], XHS)
    assert codes(verdict.violations) == expected
    assert verdict.suggested_at is None


def test_unscheduling_a_promo_frees_quota() -> None:
    old_promo = piece("11-24 12:00", "P", "xhs", pid=1)
    others = [*week("SSSS", channel="xhs"), old_promo]
    new_promo = piece("11-27 12:00", "P", "xhs", pid=2)
    assert codes(check(new_promo, others, XHS).violations) == ["promo_share"]
    assert check_unschedule(old_promo, others, XHS).ok
    remaining = [o for o in others if o.piece_id != old_promo.piece_id]
    assert check(new_promo, remaining, XHS).ok


# --- 公众号 group sends --------------------------------------------------------------------------

SENDS = [
    pytest.param(OA, ["11-24 20:00"] * 7, "11-24 20:00", [], id="same-minute-joins-up-to-8"),
    pytest.param(OA, ["11-24 20:00"] * 8, "11-24 20:00", ["articles_per_send"], id="ninth"),
    pytest.param(OA, ["11-24 20:00"], "11-24 21:00", ["daily_sends"], id="second-send-later"),
    pytest.param(OA, ["11-24 20:00"], "11-24 08:00", ["daily_sends"], id="second-send-earlier"),
    pytest.param(OA, ["11-24 20:00"], "11-24 20:00:45", [], id="seconds-stay-in-the-send"),
    pytest.param(OA, ["11-24 20:00"], "11-25 21:00", [], id="next-day"),
    pytest.param(OA, ["oa2 11-24 20:00"], "11-24 21:00", [], id="other-oa-channel"),
    pytest.param(OA, ["11-24 23:50"], "11-25 00:10", [], id="same-utc-day-other-local-day"),
    pytest.param(OA, ["11-25 00:10"], "11-25 20:00", ["daily_sends"], id="same-local-day"),
    pytest.param(
        OA,
        ["11-24 08:00"] * 8,
        "11-24 09:00",
        ["daily_sends"],
        id="full-send-does-not-open-a-second",
    ),
    pytest.param(XHS, ["xhs 11-24 20:00"] * 12, "11-24 20:00", [], id="xiaohongshu-unlimited"),
    pytest.param(XHS, ["xhs 11-24 08:00", "xhs 11-24 12:00"], "11-24 21:00", [], id="xhs-times"),
    pytest.param(
        replace(OA, sends_per_day=2), ["11-24 08:00"], "11-24 20:00", [], id="two-sends-allowed"
    ),
    pytest.param(
        replace(OA, sends_per_day=2),
        ["11-24 08:00", "11-24 12:00"],
        "11-24 20:00",
        ["daily_sends"],
        id="third-send-refused",
    ),
    pytest.param(
        replace(OA, articles_per_send=4),
        ["11-24 20:00"] * 4,
        "11-24 20:00",
        ["articles_per_send"],
        id="articles-per-send-configurable",
    ),
]


def _slot(spec: str) -> PlannedItem:
    """'[channel ]MM-DD HH:MM' → a styling item on that channel (default oa)."""
    channel, when = spec.split(" ", 1) if spec.count(" ") == 2 else ("oa", spec)
    return piece(sh(when), "S", channel)


@pytest.mark.parametrize(("policy", "existing", "new", "expected"), SENDS)
def test_group_sends(
    policy: ChannelPolicy, existing: list[str], new: str, expected: list[str]
) -> None:
    others = [_slot(spec) for spec in existing]
    item = piece(sh(new), "S", policy.channel)
    assert codes(check(item, others, policy).violations) == expected


def test_group_send_messages() -> None:
    second = check(piece("11-24 21:00"), [piece("11-24 20:00")], OA)
    assert second.violations[0].message == (
        "11月24日（周二）已有 1 次群发（20:00），公众号每天最多群发 1 次；"
        "同一天的文章请排在已有的群发时间"
    )
    ninth = check(piece("11-24 20:00"), [piece("11-24 20:00") for _ in range(8)], OA)
    assert (
        ninth.violations[0].message
        == "11月24日（周二）20:00 这次群发将有 9 篇文章，每次群发最多 8 篇"
    )


def test_send_key_is_the_publish_minute() -> None:
    assert send_key(sh("11-24 20:00:59")) == send_key(sh("11-24 20:00")) == utc("11-24 12:00")


# --- blackouts -----------------------------------------------------------------------------------

MOURNING_XHS = Blackout.on_dates(date(2026, 12, 13), channel="xhs", reason="国家公祭日")
MOURNING_ALL = Blackout.on_dates(date(2026, 12, 13), reason="国家公祭日")
NIGHT = Blackout(sh("12-01 22:00"), sh("12-02 06:00"), reason="系统维护")


@pytest.mark.parametrize(
    ("blackout", "channel", "when", "blocked"),
    [
        pytest.param(MOURNING_XHS, "xhs", "12-13 10:00", True, id="one-channel-inside"),
        pytest.param(MOURNING_XHS, "weibo", "12-13 10:00", False, id="one-channel-other-channel"),
        pytest.param(MOURNING_ALL, "xhs", "12-13 10:00", True, id="all-channels-xhs"),
        pytest.param(MOURNING_ALL, "weibo", "12-13 10:00", True, id="all-channels-weibo"),
        pytest.param(MOURNING_ALL, "xhs", "12-13 00:00", True, id="day-starts-at-local-midnight"),
        pytest.param(MOURNING_ALL, "xhs", "12-13 23:59", True, id="day-ends-at-local-midnight"),
        pytest.param(MOURNING_ALL, "xhs", "12-12 23:59", False, id="day-before"),
        pytest.param(MOURNING_ALL, "xhs", "12-14 00:00", False, id="day-after"),
        pytest.param(NIGHT, "xhs", "12-01 21:59", False, id="before-night-window"),
        pytest.param(NIGHT, "xhs", "12-01 22:00", True, id="night-window-start"),
        pytest.param(NIGHT, "xhs", "12-02 00:30", True, id="night-window-after-midnight"),
        pytest.param(NIGHT, "xhs", "12-02 05:59", True, id="night-window-last-minute"),
        pytest.param(NIGHT, "xhs", "12-02 06:00", False, id="night-window-end-is-open"),
    ],
)
def test_blackouts(blackout: Blackout, channel: str, when: str, blocked: bool) -> None:
    policy = ChannelPolicy.for_channel(channel, "weibo")
    verdict = check(piece(when, "S", channel), [], policy, [blackout])
    assert codes(verdict.violations) == (["blackout"] if blocked else [])


@pytest.mark.parametrize(
    ("blackout", "when", "text"),
    [
        pytest.param(
            MOURNING_ALL, "12-13 10:00", "（12月13日（周日）全天，全部渠道：国家公祭日）", id="day"
        ),
        pytest.param(
            Blackout.on_dates(date(2026, 12, 13), date(2026, 12, 14), channel="xhs"),
            "12-14 10:00",
            "（12月13日（周日）至12月14日（周一）全天，渠道 xhs）",
            id="days",
        ),
        pytest.param(
            NIGHT,
            "12-02 01:00",
            "（12月1日（周二）22:00 至 12月2日（周三）06:00，全部渠道：系统维护）",
            id="window",
        ),
    ],
)
def test_blackout_messages(blackout: Blackout, when: str, text: str) -> None:
    verdict = check(piece(when, "S", "xhs"), [], XHS, [blackout])
    assert text in verdict.violations[0].message


def test_blackout_must_end_after_it_starts() -> None:
    with pytest.raises(ValueError, match="end after it starts"):
        Blackout(sh("12-02 06:00"), sh("12-02 06:00"))


# --- suggestions ---------------------------------------------------------------------------------

DAY_13_TO_20 = Blackout.on_dates(date(2026, 12, 13), date(2026, 12, 20))
MORNING = Blackout(sh("12-01 10:00"), sh("12-01 12:00"))


@pytest.mark.parametrize(
    ("policy", "others", "blackouts", "requested", "days", "expected"),
    [
        pytest.param(OA, ["11-24 20:00"], [], "S 11-24 18:00", 28, "11-24 20:00", id="join-send"),
        pytest.param(OA, ["11-24 20:00"], [], "S 11-24 21:00", 28, "11-25 21:00", id="next-day"),
        pytest.param(
            OA, ["11-24 20:00", "11-25 20:00"], [], "S 11-24 21:00", 28, "11-25 20:00", id="join"
        ),
        pytest.param(OA, ["11-24 20:00"] * 8, [], "S 11-24 20:00", 28, "11-25 20:00", id="full"),
        pytest.param(XHS, [], [MOURNING_ALL], "S 12-13 10:00", 28, "12-14 10:00", id="day-off"),
        pytest.param(XHS, [], [MORNING], "S 12-01 11:00", 28, "12-01 12:00", id="window-ends"),
        pytest.param(XHS, [], [NIGHT], "S 12-01 23:00", 28, "12-02 06:00", id="night-ends"),
        pytest.param(XHS, [], [], "S 12-01 23:00", 28, "12-01 23:00", id="fits-as-requested"),
        pytest.param(XHS, [], [], "P 12-01 23:00", 28, None, id="lonely-promo-never-fits"),
        pytest.param(XHS, [], [DAY_13_TO_20], "S 12-13 10:00", 8, None, id="horizon-is-half-open"),
        pytest.param(XHS, [], [DAY_13_TO_20], "S 12-13 10:00", 9, "12-21 10:00", id="horizon-9"),
    ],
)
def test_suggest_slot(
    policy: ChannelPolicy,
    others: list[str],
    blackouts: list[Blackout],
    requested: str,
    days: int,
    expected: str | None,
) -> None:
    items = [piece(sh(o), "S", policy.channel) for o in others]
    kind, when = requested.split(" ", 1)
    item = piece(sh(when), kind, policy.channel)
    found = suggest_slot(item, items, policy, blackouts, search_days=days)
    assert found == (sh(expected) if expected else None)


def test_promo_suggestion_moves_to_the_next_week_with_room() -> None:
    others = [*week("SSSSP", channel="xhs"), *week("SSSS", NEXT_MON, "xhs")]
    verdict = check(piece("11-27 20:00", "P", "xhs"), others, XHS)
    assert verdict.suggested_at == sh("11-30 20:00")
    assert verdict.message.endswith("；最近可排的时间：11月30日（周一）20:00")


def test_nothing_fits_says_so() -> None:
    verdict = check(piece("11-27 20:00", "P", "xhs"), [], XHS, search_days=14)
    assert verdict.suggested_at is None
    assert verdict.suggestion.startswith("未来 14 天内没有符合规则的时间")


# --- interactive target, cadence -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "letters", "now", "warned"),
    [
        pytest.param(OA, "IS", sh("11-25 23:59"), False, id="wednesday-no-warning-yet"),
        pytest.param(OA, "IS", sh("11-26 00:00"), True, id="thursday-0000-shanghai-warns"),
        pytest.param(OA, "IS", utc("11-25 16:30"), True, id="shanghai-thursday-utc-wednesday"),
        pytest.param(OA, "IIIS", sh("11-26 10:00"), False, id="target-met"),
        pytest.param(OA, "IIIIS", sh("11-26 10:00"), False, id="target-exceeded"),
        pytest.param(OA, "I", sh("11-29 23:59"), True, id="sunday-2359-still-warns"),
        pytest.param(OA, "I", sh("11-30 00:00"), False, id="week-over-no-warning"),
        pytest.param(OA, "I", sh("12-02 10:00"), False, id="past-week-is-history"),
        pytest.param(OA, "I", sh("11-20 10:00"), False, id="week-not-started"),
        pytest.param(OA, "I", None, False, id="no-clock-no-warning"),
        pytest.param(XHS, "", sh("11-27 10:00"), False, id="no-target-on-xiaohongshu"),
    ],
)
def test_interactive_progress(
    policy: ChannelPolicy, letters: str, now: datetime | None, warned: bool
) -> None:
    items = week(letters, channel=policy.channel)
    progress = weekly_progress(items, policy, MON, now=now)
    assert (progress.interactive_done, progress.interactive_target) == (
        letters.count("I"),
        policy.interactive_weekly_target,
    )
    assert (progress.warning is not None) is warned


def test_interactive_warning_message_and_counting() -> None:
    items = [
        *week("IS"),
        piece("11-25 20:00", "I", status="published"),
        piece("11-25 20:00", "I", status="approved"),
        piece("11-25 20:00", "I", channel="oa2"),
    ]
    progress = weekly_progress(items, OA, sh("11-28 09:00"), now=sh("11-26 09:00"))
    assert progress.interactive_done == 2
    assert progress.warning is not None
    assert progress.warning.code is Rule.INTERACTIVE_TARGET
    assert (
        progress.warning.message
        == "11月23日–11月29日这一周互动活动只排了 2 篇，目标 3 篇，还差 1 篇"
    )


@pytest.mark.parametrize(
    ("letters", "cap", "room"),
    [
        pytest.param("SSSS", 20, 1, id="four-ordinary-make-room-for-one"),
        pytest.param("SSS", 20, 0, id="three-ordinary-no-room"),
        pytest.param("SSSSP", 20, 0, id="at-cap"),
        pytest.param("SSSSSSSSP", 20, 1, id="nine-with-one-promo"),
        pytest.param("", 20, 0, id="empty-week"),
        pytest.param("SS", 50, 2, id="half"),
        pytest.param("SPP", 20, 0, id="over-cap"),
        pytest.param("", 100, None, id="no-cap"),
    ],
)
def test_promo_room(letters: str, cap: int, room: int | None) -> None:
    policy = replace(XHS, promo_share_max_pct=cap)
    progress = weekly_progress(week(letters, channel="xhs"), policy, MON)
    assert (progress.total, progress.promos, progress.promo_room) == (
        len(letters),
        letters.count("P"),
        room,
    )


def test_check_warns_about_the_interactive_target_without_refusing() -> None:
    verdict = check(piece("11-27 20:00"), week("IS"), OA, now=sh("11-26 09:00"))
    assert verdict.ok
    assert codes(verdict.warnings) == ["interactive_target"]


def test_moving_an_interactive_post_out_warns_about_the_week_it_leaves() -> None:
    moving = piece("11-25 20:00", "I", pid=1)
    others = [*week("IIS"), moving]
    verdict = check(replace(moving, at=sh("12-01 20:00")), others, OA, now=sh("11-26 09:00"))
    assert verdict.ok
    assert codes(verdict.warnings) == ["interactive_target"]
    assert "11月23日–11月29日这一周互动活动只排了 2 篇" in verdict.warnings[0].message


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        pytest.param("11-26 20:00", ["daily_cadence"], id="leaves-tuesday-empty"),
        pytest.param("11-24 09:00", [], id="moves-within-the-day"),
    ],
)
def test_daily_cadence_warning(new: str, expected: list[str]) -> None:
    moving = piece("11-24 20:00", pid=1)
    verdict = check(replace(moving, at=sh(new)), [moving], OA)
    assert verdict.ok
    assert codes(verdict.warnings) == expected
    assert codes(check_unschedule(moving, [moving], OA).warnings) == ["daily_cadence"]
    assert check_unschedule(moving, [], ChannelPolicy("oa", "weibo")).warnings == ()


def test_empty_days() -> None:
    items = [piece("11-23 20:00"), piece("11-25 20:00"), piece("11-26 20:00", channel="oa2")]
    empty = empty_days(items, OA, MON, MON + timedelta(days=6))
    assert empty == [MON + timedelta(days=n) for n in (1, 3, 4, 5, 6)]
    assert empty_days(items, XHS, MON, MON + timedelta(days=6)) == []


# --- inputs, configuration, names ----------------------------------------------------------------

NAIVE = datetime(2026, 11, 24, 20, 0)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: PlannedItem(1, "oa", "styling", NAIVE), id="item"),
        pytest.param(lambda: Blackout(NAIVE, sh("11-25 00:00")), id="blackout"),
        pytest.param(lambda: check(piece("11-24 20:00"), [], OA, now=NAIVE), id="check-now"),
        pytest.param(lambda: week_start(NAIVE), id="week-start"),
        pytest.param(lambda: local_day(NAIVE), id="local-day"),
        pytest.param(lambda: needed_range(NAIVE), id="needed-range"),
        pytest.param(lambda: weekly_progress([], OA, MON, now=NAIVE), id="progress-now"),
    ],
)
def test_naive_datetimes_are_rejected(call: Callable[[], object]) -> None:
    with pytest.raises(NaiveDatetime, match="has no time zone; pass an aware datetime"):
        call()


def test_times_are_stored_in_utc() -> None:
    item = PlannedItem(1, "oa", "styling", datetime(2026, 11, 24, 20, 0, tzinfo=SH))
    assert item.at == utc("11-24 12:00")
    assert item.at.tzinfo is UTC


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"promo_share_max_pct": 101}, id="share-above-100"),
        pytest.param({"promo_share_max_pct": -1}, id="share-below-0"),
        pytest.param({"sends_per_day": 0}, id="no-sends"),
        pytest.param({"articles_per_send": 9}, id="more-than-wechat-allows"),
        pytest.param({"articles_per_send": 0}, id="empty-send"),
        pytest.param({"interactive_weekly_target": -1}, id="negative-target"),
    ],
)
def test_policy_rejects_impossible_settings(overrides: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        ChannelPolicy("oa", WECHAT_OA, **overrides)


def test_defaults_per_kind() -> None:
    assert (OA.interactive_weekly_target, OA.daily_cadence, OA.limits_sends) == (3, True, True)
    assert (XHS.interactive_weekly_target, XHS.daily_cadence, XHS.limits_sends) == (0, False, False)
    assert (OA.promo_share_max_pct, OA.sends_per_day, OA.articles_per_send) == (20, 1, 8)


def test_item_must_be_on_the_policys_channel() -> None:
    with pytest.raises(ValueError, match="policy is for 'oa'"):
        check(piece("11-24 20:00", channel="xhs"), [], OA)


def test_names_match_the_app_enums() -> None:
    from app.models import ChannelKind, ContentType
    from app.workflow import Status

    assert (PROMOTION, INTERACTIVE) == (ContentType.PROMOTION, ContentType.INTERACTIVE)
    assert set(TYPES.values()) == {t.value for t in ContentType}
    assert WECHAT_OA == ChannelKind.WECHAT_OA
    assert COUNTED_STATUSES == {Status.SCHEDULED, Status.PUBLISHING, Status.PUBLISHED}
    promo = PlannedItem(1, "oa", ContentType.PROMOTION, sh("11-24 20:00"), Status.PUBLISHED)
    assert promo.is_promo and promo.counted
    assert ChannelPolicy.for_channel("oa", ChannelKind.WECHAT_OA).limits_sends


def test_needed_range_spans_the_old_week_to_the_end_of_the_horizon() -> None:
    start, end = needed_range(sh("11-27 20:00"), previous_at=sh("11-17 09:00"))
    assert (start, end) == (sh("11-16 00:00"), sh("12-28 00:00"))


# --- purity --------------------------------------------------------------------------------------


def imported_modules(source: str) -> set[str]:
    """Every module a source file imports (relative imports spelled with leading dots)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("import flask", {"flask"}, id="import"),
        pytest.param("from app.models import Piece", {"app.models"}, id="from-import"),
        pytest.param("def f():\n    import sqlalchemy.orm", {"sqlalchemy.orm"}, id="nested"),
        pytest.param("from . import views", {"."}, id="relative"),
    ],
)
def test_imported_modules_finds_every_import(source: str, expected: set[str]) -> None:
    assert imported_modules(source) == expected


@pytest.mark.parametrize("banned", BANNED)
def test_policy_does_not_import(banned: str) -> None:
    modules = imported_modules(POLICY_PATH.read_text(encoding="utf-8"))
    assert not [m for m in modules if m == banned or m.startswith(f"{banned}.")]


def test_policy_imports_only_the_standard_library() -> None:
    modules = imported_modules(POLICY_PATH.read_text(encoding="utf-8"))
    assert {m.split(".")[0] for m in modules} <= set(sys.stdlib_module_names) | {"__future__"}


# --- properties ----------------------------------------------------------------------------------

BASE = datetime(2026, 11, 23, 0, 0, tzinfo=SH)
POLICIES = {"oa": OA, "xhs": XHS}


def instants(last_day: int) -> st.SearchStrategy[datetime]:
    """Shanghai times on days 0..last_day from BASE, at a few hours so sends collide."""
    return st.builds(
        lambda day, hour, minute: BASE + timedelta(days=day, hours=hour, minutes=minute),
        st.integers(0, last_day),
        st.sampled_from([0, 8, 12, 20, 23]),
        st.sampled_from([0, 30]),
    )


times = instants(24)
kinds = st.sampled_from(["S", "S", "S", "I", "P"])
blackouts = st.lists(
    st.builds(
        lambda start, hours, channel: Blackout(start, start + timedelta(hours=hours), channel),
        times,
        st.sampled_from([2, 8, 24, 48]),
        st.sampled_from([None, "oa", "xhs"]),
    ),
    max_size=2,
)


@st.composite
def calendars(draw: st.DrawFn) -> tuple[PlannedItem, list[PlannedItem], ChannelPolicy]:
    """A policy, a calendar on its channel (and a neighbour) and an item to place."""
    policy = POLICIES[draw(st.sampled_from(sorted(POLICIES)))]
    specs = draw(
        st.lists(st.tuples(kinds, times, st.sampled_from([policy.channel, "oa2"])), min_size=2)
    )
    others = [PlannedItem(n, ch, TYPES[k], at) for n, (k, at, ch) in enumerate(specs)]
    pid = draw(st.integers(0, len(others)))  # sometimes a piece already on the calendar
    item = PlannedItem(pid, policy.channel, TYPES[draw(kinds)], draw(times))
    return item, others, policy


@settings(max_examples=150, deadline=None)
@given(calendars(), blackouts, st.integers(1, 28))
def test_suggested_slot_passes_check(
    scene: tuple[PlannedItem, list[PlannedItem], ChannelPolicy], off: list, days: int
) -> None:
    item, others, policy = scene
    found = suggest_slot(item, others, policy, off, search_days=days)
    if check(item, others, policy, off).ok:
        assert found == item.at
    if found is not None:
        assert item.at <= found < item.at + timedelta(days=days)
        assert check(replace(item, at=found), others, policy, off).ok


@settings(max_examples=100, deadline=None)
@given(calendars(), blackouts)
def test_loading_only_the_needed_range_gives_the_same_verdict(
    scene: tuple[PlannedItem, list[PlannedItem], ChannelPolicy], off: list
) -> None:
    item, others, policy = scene
    previous = next((o.at for o in others if o.piece_id == item.piece_id), None)
    start, end = needed_range(item.at, previous_at=previous)
    loaded = [o for o in others if start <= o.at < end]
    now = BASE + timedelta(days=3)
    assert check(item, loaded, policy, off, now=now) == check(item, others, policy, off, now=now)


operations = st.lists(
    st.tuples(
        st.sampled_from(["place", "place", "remove"]), st.integers(0, 15), kinds, instants(9)
    ),
    min_size=10,
    max_size=60,
)


def _apply(
    calendar: dict[int, PlannedItem], op: tuple[str, int, str, datetime], policy: ChannelPolicy
) -> None:
    """Apply one operation to `calendar` if the policy accepts it."""
    action, pid, kind, at = op
    current = calendar.get(pid)
    if action == "remove" and current:
        if check_unschedule(current, calendar.values(), policy).ok:
            del calendar[pid]
    elif action == "place":
        kind_now = current.content_type if current else TYPES[kind]
        item = PlannedItem(pid, policy.channel, kind_now, at)
        if check(item, calendar.values(), policy, search_days=1).ok:
            calendar[pid] = item


def _assert_within_policy(items: list[PlannedItem], policy: ChannelPolicy) -> None:
    weeks: defaultdict[date, list[PlannedItem]] = defaultdict(list)
    for item in items:
        weeks[week_start(item.at)].append(item)
    for week_items in weeks.values():
        promos = sum(i.is_promo for i in week_items)
        assert promos * 100 <= policy.promo_share_max_pct * len(week_items)
    if policy.limits_sends:
        per_day = Counter((local_day(i.at), send_key(i.at)) for i in items)
        assert max(Counter(day for day, _ in per_day).values(), default=0) <= 1
        assert max(per_day.values(), default=0) <= 8


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(POLICIES)), operations)
def test_no_sequence_of_accepted_operations_breaks_the_policy(name: str, ops: list) -> None:
    policy = POLICIES[name]
    calendar: dict[int, PlannedItem] = {}
    for op in ops:
        _apply(calendar, op, policy)
        _assert_within_policy(list(calendar.values()), policy)
