"""The datacube answers as one day's figures (pure): totals → the day's own, delivered, account."""

from __future__ import annotations

from datetime import date

import pytest

from app.channels import datacube

DAY = date(2026, 11, 30)


def entry(stat_date: str, reads: int, shares: int = 0, **more: object) -> dict[str, object]:
    return {"stat_date": stat_date, "read_user": reads, "share_user": shares, **more}


def sources(everyone: int, message: int) -> list[dict[str, object]]:
    return [
        {"scene_desc": "全部", "user_count": everyone},
        {"scene_desc": "公众号消息", "user_count": message},
    ]


def test_the_days_own_figures_are_the_difference_of_the_totals() -> None:
    details = [
        {
            "list": [
                {
                    "ref_date": "2026-11-29",
                    "msgid": "2247490098_1",
                    "title": "秋冬叠穿",
                    "detail_list": [
                        entry("2026-11-29", 100, 5),
                        entry("2026-11-30", 160, 9, like_user=4),
                        entry("2026-12-01", 999),
                    ],
                },
                {"ref_date": "2026-11-01", "msgid": "1_1", "detail_list": [entry("2026-11-30", 7)]},
            ]
        }
    ]
    days = {d.msgid: d for d in datacube.article_days(details, None, DAY)}
    assert days["2247490098_1"].values["reads"] == 60
    assert days["2247490098_1"].values["shares"] == 4
    assert days["2247490098_1"].values["likes"] is None  # unknown the day before: not 4
    assert days["2247490098_1"].values["delivered"] is None  # only on the publish day
    assert days["1_1"].values["reads"] is None  # no entry for the day before: unknown


def test_getarticleread_gives_the_days_reads_and_adds_older_articles() -> None:
    details = [
        {
            "list": [
                {
                    "ref_date": "2026-11-29",
                    "msgid": "2247490098_1",
                    "detail_list": [entry("2026-11-29", 100), entry("2026-11-30", 160)],
                }
            ]
        }
    ]
    reads = {
        "list": [
            {"ref_date": "2026-11-30", "msgid": "2247490098_1", "detail": {"read_user": 58}},
            {
                "ref_date": "2026-11-30",
                "msgid": "2247480001_2",
                "detail": {"read_user": 12, "read_user_source": sources(12, 3)},
            },
        ]
    }
    days = {d.msgid: d for d in datacube.article_days(details, reads, DAY)}
    assert days["2247490098_1"].values["reads"] == 58  # the day's readers, not 160 − 100
    old = days["2247480001_2"]
    assert old.values["reads"] == 12 and old.values["shares"] is None
    assert old.sources == {"全部": 12, "公众号消息": 3}


def test_delivered_comes_from_the_push_readers_and_the_delivery_rate_on_the_publish_day() -> None:
    def item(msgid: str, publish_type: int, **figures: object) -> dict[str, object]:
        return {
            "ref_date": "2026-11-30",
            "msgid": msgid,
            "publish_type": publish_type,
            "detail_list": [entry("2026-11-30", 500, **figures)],
        }

    details = [
        {
            "list": [
                item("1_1", 0, read_user_source=sources(500, 360), read_delivery_rate=0.03),
                item("2_1", 0, read_user_source=sources(500, 360), read_delivery_rate=3.0),
                item("3_1", 1, read_user_source=sources(500, 360), read_delivery_rate=0.03),
                item("4_1", 0, target_user=15000),
                item("5_1", 0, read_user_source=sources(500, 360), read_delivery_rate=0),
            ]
        }
    ]
    days = {d.msgid: d.values["delivered"] for d in datacube.article_days(details, None, DAY)}
    assert days == {"1_1": 12000, "2_1": 12000, "3_1": None, "4_1": 15000, "5_1": None}


def test_the_account_day_sums_the_follower_sources() -> None:
    summary = {
        "list": [
            {"ref_date": "2026-11-29", "detail": {"read_user": 1}},
            {"ref_date": "2026-11-30", "detail": {"read_user": 4123, "send_page_count": 2}},
        ]
    }
    users = {
        "list": [
            {"ref_date": "2026-11-30", "user_source": 0, "new_user": 10, "cancel_user": 2},
            {"ref_date": "2026-11-30", "user_source": 30, "new_user": 5, "cancel_user": 1},
            {"ref_date": "2026-11-29", "user_source": 0, "new_user": 99, "cancel_user": 0},
        ]
    }
    cumulate = {"list": [{"ref_date": "2026-11-30", "cumulate_user": 20480}]}
    account = datacube.account_day(DAY, summary, users, cumulate)
    assert account.values["reads"] == 4123 and account.values["articles"] == 2
    assert account.values["shares"] is None  # not in the answer: unknown
    assert (account.values["new_followers"], account.values["cancelled_followers"]) == (15, 3)
    assert account.net_followers == 12 and account.values["followers"] == 20480
    nothing = datacube.account_day(DAY, None, {"list": []}, None)
    assert nothing.net_followers is None and nothing.values["followers"] is None


@pytest.mark.parametrize(
    ("name", "begin", "end", "refused"),
    [
        ("getarticleread", "2026-11-29", "2026-11-30", "最多查询 1 天"),
        ("getbizsummary", "2026-11-01", "2026-11-30", None),
        ("getbizsummary", "2026-10-31", "2026-11-30", "最多查询 30 天"),
        ("getusersummary", "2026-11-23", "2026-11-30", "最多查询 7 天"),
        ("getarticleread", "2026-12-01", "2026-12-01", "只能拉取昨天及以前的数据"),
        ("getarticleread", "2026-11-30", "2026-11-29", "开始日期晚于结束日期"),
    ],
)
def test_the_date_window_is_checked_like_wechat(
    name: str, begin: str, end: str, refused: str | None
) -> None:
    why = datacube.check_window(
        name, date.fromisoformat(begin), date.fromisoformat(end), today=date(2026, 12, 1)
    )
    assert why == refused if refused is None else refused in str(why)


def test_the_publish_dates_followed_are_the_last_30_days() -> None:
    published = [date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 1), date(2026, 12, 1), DAY]
    assert datacube.publish_days(DAY, published) == [date(2026, 11, 1), DAY]


def test_errcodes_are_named_and_the_quota_waits_for_tomorrow() -> None:
    assert datacube.problem(45009) == (
        "数据接口今天的调用次数已用完，明天 0 点（北京时间）后再拉取",
        datacube.TOMORROW,
    )
    for code in (40001, 42001, 61500, 61501):
        known = datacube.problem(code)
        assert known is not None and known[1] == datacube.LATER
    assert datacube.problem(99999) is None and datacube.problem("network") is None
