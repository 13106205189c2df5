"""`flask metrics pull` and the worker's pull: the 公众号 datacube APIs against the local fake."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from app.analytics import schedule
from app.extensions import db
from app.models import (
    AdapterKind,
    Channel,
    ChannelMetricDaily,
    MetricDaily,
    MetricImport,
    Piece,
    PieceMetric,
    PublishJob,
    WatchdogRun,
)
from tests.channels.conftest import wechat
from tests.channels.fakes import WeChatFake
from tests.conftest import count_rows
from tests.publishing.conftest import configure

__all__ = ["wechat"]

NOV_30 = "2026-11-30"
DEC_1_MORNING = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
PULL = ["metrics", "pull", "--channel", "oa_main", "--date", NOV_30]
APIS = ["getarticleread", "getarticletotaldetail", "getbizsummary", "getusersummary"]


def entry(stat_date: str, reads: int, shares: int = 0, **more: object) -> dict[str, object]:
    return {"stat_date": stat_date, "read_user": reads, "share_user": shares, **more}


def answer(*items: dict[str, object], is_delay: bool = False) -> dict[str, object]:
    return {"list": list(items), "is_delay": is_delay}


@pytest.fixture(autouse=True)
def _december_1st() -> Iterator[None]:
    with time_machine.travel(DEC_1_MORNING, tick=False):
        yield


@pytest.fixture
def oa_channel(make_channel: Callable[..., Channel], wechat: WeChatFake) -> Channel:
    channel = make_channel("wechat_oa", code="oa_main")
    configure(
        channel,
        AdapterKind.WECHAT_OA,
        secret=wechat.secret,
        appid=wechat.appid,
        base_url=wechat.url,
    )
    return channel


def published_job(piece: Piece, msg_data_id: str, when: datetime) -> None:
    piece.published_at = when
    db.session.add(
        PublishJob(
            piece_id=piece.id,
            state="done",
            adapter="wechat_oa",
            checkpoint={"publish_id": f"pub-{piece.id}", "msg_data_id": msg_data_id},
            platform_id=f"pub-{piece.id}",
        )
    )
    db.session.commit()


@pytest.fixture
def two_pieces(oa_channel: Channel, make_piece: Callable[..., Piece]) -> tuple[Piece, Piece]:
    """A piece published through the API on 11-29 and one published by hand on 11-30."""
    by_id = make_piece(channel=oa_channel, title="秋冬叠穿")
    published_job(by_id, "2247490098", datetime(2026, 11, 29, 12, tzinfo=UTC))
    by_title = make_piece(channel=oa_channel, title="围巾的十种系法")
    by_title.published_at = datetime(2026, 11, 30, 12, tzinfo=UTC)
    db.session.commit()
    return by_id, by_title


def serve_the_day(wechat: WeChatFake) -> None:
    """WeChat's answers for 2026-11-30: two followed articles, one unknown, the account."""
    wechat.stats[("getarticletotaldetail", "2026-11-29")] = answer(
        {
            "ref_date": "2026-11-29",
            "msgid": "2247490098_1",
            "title": "改过的标题",
            "publish_type": 0,
            "detail_list": [entry("2026-11-29", 100, 2), entry(NOV_30, 160, 9, like_user=4)],
        }
    )
    wechat.stats[("getarticletotaldetail", NOV_30)] = answer(
        {
            "ref_date": NOV_30,
            "msgid": "5555_1",
            "title": "围巾的十种系法",
            "content_url": "https://mp.weixin.qq.com/s/5555",
            "publish_type": 0,
            "detail_list": [
                entry(
                    NOV_30,
                    40,
                    3,
                    read_delivery_rate=0.0025,
                    read_user_source=[
                        {"scene_desc": "全部", "user_count": 40},
                        {"scene_desc": "公众号消息", "user_count": 30},
                    ],
                )
            ],
        }
    )
    wechat.stats["getarticleread"] = answer(
        {"ref_date": NOV_30, "msgid": "2247490098_1", "detail": {"read_user": 58}},
        {"ref_date": NOV_30, "msgid": "7777_1", "detail": {"read_user": 3}},
    )
    wechat.stats["getbizsummary"] = answer(
        {"ref_date": NOV_30, "detail": {"read_user": 101, "share_user": 12, "send_page_count": 1}}
    )
    wechat.stats["getusersummary"] = {
        "list": [
            {"ref_date": NOV_30, "user_source": 0, "new_user": 20, "cancel_user": 4},
            {"ref_date": NOV_30, "user_source": 30, "new_user": 6, "cancel_user": 1},
        ]
    }
    wechat.stats["getusercumulate"] = {"list": [{"ref_date": NOV_30, "cumulate_user": 12345}]}


@pytest.mark.real_db  # the WeChat token cache has its own connection
def test_pull_saves_the_day_from_each_api_and_is_idempotent(
    runner: FlaskCliRunner, wechat: WeChatFake, two_pieces: tuple[Piece, Piece]
) -> None:
    by_id, by_title = two_pieces
    serve_the_day(wechat)
    result = runner.invoke(args=PULL)
    assert result.exit_code == 0, result.output
    assert "新增 2 行" in result.output and "跳过 1 行" in result.output
    assert "7777_1" in result.output  # read that day, not in Hemline: listed
    assert "调用数据接口 6 次" in result.output
    assert "账号概况（已保存）" in result.output and "未保存" not in result.output
    assert "新关注 26，取消关注 5，净增 21，总关注 12,345" in result.output
    day = {"begin_date": NOV_30, "end_date": NOV_30}
    assert wechat.stats_requests == [
        ("getarticleread", day),
        ("getarticletotaldetail", {"begin_date": "2026-11-29", "end_date": "2026-11-29"}),
        ("getarticletotaldetail", day),
        ("getbizsummary", day),
        ("getusersummary", day),
        ("getusercumulate", day),
    ]
    rows = {
        m.piece_id: (m.reads, m.shares, m.likes, m.delivered, m.platform_id, m.url)
        for m in db.session.scalars(select(PieceMetric))
    }
    assert rows == {
        # reads from getarticleread (58, not 160 − 100); delivered only on the publish day
        by_id.id: (58, 7, None, None, "2247490098_1", ""),
        # published that day: 30 push readers ÷ 0.25 % delivery rate = 12,000 delivered
        by_title.id: (40, 3, None, 12000, "5555_1", "https://mp.weixin.qq.com/s/5555"),
    }
    daily = db.session.scalars(select(MetricDaily)).all()  # the rollups kept in step
    assert sum(d.reads or 0 for d in daily) == 98 and sum(d.rate_delivered for d in daily) == 12000
    account = db.session.scalars(select(ChannelMetricDaily)).one()
    assert (account.day, account.channel_id) == (date(2026, 11, 30), by_id.channel_id)
    assert (account.reads, account.shares, account.articles, account.likes) == (101, 12, 1, None)
    assert (account.new_followers, account.cancelled_followers, account.followers) == (26, 5, 12345)
    assert account.net_followers == 21
    first_batch = account.import_id
    assert first_batch == db.session.scalar(select(MetricImport.id))
    # WeChat corrected the day: a re-pull replaces the account row instead of adding one.
    wechat.stats["getusercumulate"] = {"list": [{"ref_date": NOV_30, "cumulate_user": 12350}]}
    again = runner.invoke(args=PULL)
    assert "新增 0 行，替换 2 行" in again.output
    assert count_rows(PieceMetric) == 2
    db.session.expire_all()
    account = db.session.scalars(select(ChannelMetricDaily)).one()
    assert account.followers == 12350 and account.import_id != first_batch


@pytest.mark.real_db
@pytest.mark.parametrize("name", [*APIS, "getarticletotaldetail@11-29"])
def test_is_delay_on_any_api_saves_nothing_and_fails(
    runner: FlaskCliRunner, wechat: WeChatFake, two_pieces: tuple[Piece, Piece], name: str
) -> None:
    serve_the_day(wechat)
    api, _sep, when = name.partition("@")
    key: str | tuple[str, str] = (api, f"2026-{when}") if when else api
    if key not in wechat.stats:
        key = (api, NOV_30)
    wechat.stats[key] = {**wechat.stats[key], "is_delay": True}
    result = runner.invoke(args=PULL)
    assert result.exit_code == 1
    assert f"{api} 返回 is_delay" in result.output and "没有保存任何数据" in result.output
    assert count_rows(PieceMetric) == 0 and count_rows(MetricImport) == 0
    assert count_rows(ChannelMetricDaily) == 0


@pytest.mark.real_db
@pytest.mark.parametrize(
    ("errcode", "named"),
    [
        (45009, "数据接口今天的调用次数已用完，明天 0 点（北京时间）后再拉取（错误码 45009）"),
        (61501, "日期范围错误"),
        (61500, "日期格式错误"),
        (-1, "微信系统繁忙（错误码 -1），没有保存任何数据，稍后自动重试"),
    ],
)
def test_an_errcode_is_named_in_chinese_and_saves_nothing(
    runner: FlaskCliRunner,
    wechat: WeChatFake,
    two_pieces: tuple[Piece, Piece],
    errcode: int,
    named: str,
) -> None:
    serve_the_day(wechat)
    wechat.fail_next("/datacube/getbizsummary", errcode)
    result = runner.invoke(args=PULL)
    assert result.exit_code == 1
    assert "拉取公众号数据（getbizsummary）失败" in result.output and named in result.output
    assert count_rows(PieceMetric) == 0 and count_rows(MetricImport) == 0
    assert count_rows(ChannelMetricDaily) == 0


@pytest.mark.real_db
def test_a_rejected_token_is_named_and_an_expired_one_refreshed(
    runner: FlaskCliRunner, wechat: WeChatFake, two_pieces: tuple[Piece, Piece]
) -> None:
    serve_the_day(wechat)
    wechat.reject_tokens = True
    refused = runner.invoke(args=PULL)
    assert refused.exit_code == 1
    assert "公众号凭证无效或已过期，刷新后仍被拒绝" in refused.output
    assert "错误码 40001" in refused.output and count_rows(PieceMetric) == 0
    wechat.reject_tokens = False
    wechat.expire_tokens_before("/datacube/getarticleread")
    result = runner.invoke(args=PULL)
    assert result.exit_code == 0, result.output
    assert count_rows(PieceMetric) == 2


@pytest.mark.real_db
@pytest.mark.parametrize(
    ("name", "begin", "end", "errcode"),
    [
        ("getarticleread", "2026-11-29", NOV_30, 61501),
        ("getarticletotaldetail", "2026-11-29", NOV_30, 61501),
        ("getusersummary", "2026-11-23", NOV_30, 61501),
        ("getbizsummary", "2026-11-01", NOV_30, 0),
        ("getbizsummary", "2026/11/30", NOV_30, 61500),
    ],
)
def test_the_fake_refuses_a_span_or_a_format_as_wechat_does(
    oa_channel: Channel, name: str, begin: str, end: str, errcode: int
) -> None:
    from app.channels.base import PublishError
    from app.publishing.adapters import build_adapter

    adapter = build_adapter(oa_channel, oa_channel.publishing)
    try:
        adapter.datacube(name, begin, end)  # type: ignore[attr-defined]
    except PublishError as error:
        assert error.code == errcode
    else:
        assert errcode == 0


def test_a_day_not_over_yet_is_refused(runner: FlaskCliRunner, oa_channel: Channel) -> None:
    result = runner.invoke(args=["metrics", "pull", "--channel", "oa_main", "--date", "2026-12-01"])
    assert result.exit_code == 1
    assert "只能拉取昨天及以前的数据" in result.output


def test_a_channel_without_the_api_is_refused(
    runner: FlaskCliRunner, make_channel: Callable[..., Channel]
) -> None:
    make_channel("xiaohongshu", code="xhs")
    result = runner.invoke(args=["metrics", "pull", "--channel", "xhs", "--date", NOV_30])
    assert result.exit_code == 1
    assert "不是通过公众号接口发布的" in result.output


# -- the worker -----------------------------------------------------------------------------


def pulled_days() -> list[date]:
    return sorted(set(db.session.scalars(select(PieceMetric.day))))


def pull_state() -> str:
    row = db.session.get(WatchdogRun, "analytics:pull:oa_main")
    return row.last_run_by if row else ""


@pytest.fixture
def worker(app: Flask, wechat: WeChatFake, two_pieces: tuple[Piece, Piece]) -> WeChatFake:
    """The worker's timetable on, and WeChat serving 2026-11-30."""
    app.config["ANALYTICS_SCHEDULE"] = True
    serve_the_day(wechat)
    return wechat


@pytest.mark.real_db
@pytest.mark.usefixtures("worker")
def test_the_worker_retries_a_delayed_day_and_marks_no_later_day_done(wechat: WeChatFake) -> None:
    wechat.stats["getarticleread"] = {**wechat.stats["getarticleread"], "is_delay": True}
    wechat.stats[("getarticleread", "2026-12-01")] = answer(
        {"ref_date": "2026-12-01", "msgid": "2247490098_1", "detail": {"read_user": 9}}
    )
    with time_machine.travel(DEC_1_MORNING, tick=False) as clock:
        schedule.run_due(DEC_1_MORNING)
        assert pull_state() == f"try:{NOV_30}" and pulled_days() == []
        clock.shift(timedelta(minutes=10))  # sooner than RETRY: not asked again
        asked = len(wechat.stats_requests)
        schedule.run_due(DEC_1_MORNING + timedelta(minutes=10))
        assert len(wechat.stats_requests) == asked
        next_morning = DEC_1_MORNING + timedelta(days=1)
        clock.move_to(next_morning)
        schedule.run_due(next_morning)  # 11-30 still delayed: 12-01 waits behind it
        assert pull_state() == f"try:{NOV_30}" and pulled_days() == []
        wechat.stats["getarticleread"]["is_delay"] = False
        later = next_morning + schedule.RETRY
        clock.move_to(later)
        schedule.run_due(later)  # both days, oldest first
    assert pulled_days() == [date(2026, 11, 30), date(2026, 12, 1)]
    assert pull_state() == "done:2026-12-01"


@pytest.mark.real_db
@pytest.mark.usefixtures("worker")
def test_the_worker_waits_for_tomorrow_after_the_daily_quota(wechat: WeChatFake) -> None:
    wechat.fail_next("/datacube/getarticleread", 45009)
    with time_machine.travel(DEC_1_MORNING, tick=False) as clock:
        schedule.run_due(DEC_1_MORNING)
        assert pull_state() == f"try:{NOV_30}"
        evening = DEC_1_MORNING + timedelta(hours=10)  # 20:00 in Shanghai: still today
        clock.move_to(evening)
        asked = len(wechat.stats_requests)
        schedule.run_due(evening)
        assert len(wechat.stats_requests) == asked and pulled_days() == []
        next_morning = datetime(2026, 12, 2, 0, 5, tzinfo=UTC)  # 08:05 on 12-02
        clock.move_to(next_morning)
        schedule.run_due(next_morning)
    assert pulled_days() == [date(2026, 11, 30), date(2026, 12, 1)]
    assert pull_state() == "done:2026-12-01"


@pytest.mark.real_db
@pytest.mark.usefixtures("worker")
def test_the_worker_records_the_pull_of_a_channel_with_a_long_code(oa_channel: Channel) -> None:
    # ``analytics:pull:<code>`` is 46 characters for a 32-character code: VARCHAR(30) (before
    # migration 0022) refused codes over 15 characters on PostgreSQL and the pull never ran.
    code = "wechat_oa_flagship_store_shangha"
    assert len(code) == Channel.code.type.length
    oa_channel.code = code
    db.session.commit()
    assert schedule.run_due(DEC_1_MORNING) >= 1
    db.session.expire_all()
    row = db.session.get(WatchdogRun, f"analytics:pull:{code}")
    assert row is not None and row.last_run_by == f"done:{NOV_30}"
    assert pulled_days() == [date(2026, 11, 30)]


@pytest.mark.real_db
@pytest.mark.usefixtures("worker")
def test_the_worker_pulls_yesterday_only_after_eight_in_shanghai(wechat: WeChatFake) -> None:
    before_eight = datetime(2026, 11, 30, 23, 59, tzinfo=UTC)  # 12-01 07:59 in Shanghai
    at_eight = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)  # 12-01 08:00
    with time_machine.travel(before_eight, tick=False) as clock:
        schedule.run_due(before_eight)
        assert wechat.stats_requests == [] and pull_state() == ""
        clock.move_to(at_eight)
        schedule.run_due(at_eight)
    assert pulled_days() == [date(2026, 11, 30)]
    assert pull_state() == f"done:{NOV_30}"
