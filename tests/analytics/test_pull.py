"""`flask metrics pull`: the 公众号 datacube statistics through the adapter, against the fake."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from app.channels.datacube import article_days
from app.extensions import db
from app.models import AdapterKind, Channel, MetricImport, Piece, PieceMetric, PublishJob
from tests.channels.conftest import wechat
from tests.channels.fakes import WeChatFake
from tests.conftest import count_rows
from tests.publishing.conftest import configure

__all__ = ["wechat"]


def detail(stat_date: str, reads: int, shares: int = 0, **more: int) -> dict[str, object]:
    return {"stat_date": stat_date, "read_user": reads, "share_user": shares, **more}


def answer(*items: dict[str, object], is_delay: bool = False) -> dict[str, object]:
    return {"list": list(items), "is_delay": is_delay}


def test_the_days_own_figures_are_the_difference_of_the_totals() -> None:
    data = answer(
        {
            "ref_date": "2026-11-29",
            "msgid": "2247490098_1",
            "title": "秋冬叠穿",
            "detail_list": [
                detail("2026-11-29", 100, 5),
                detail("2026-11-30", 160, 9, like_user=4),
                detail("2026-12-01", 999),
            ],
        },
        {
            "ref_date": "2026-11-30",
            "msgid": "2247490099_1",
            "title": "新品",
            "detail_list": [detail("2026-11-30", 30, 2)],
        },
        {"ref_date": "2026-11-01", "msgid": "1_1", "detail_list": [detail("2026-11-30", 7)]},
    )
    days = {d.msgid: d for d in article_days(data, date(2026, 11, 30))}
    assert days["2247490098_1"].values["reads"] == 60
    assert days["2247490098_1"].values["shares"] == 4
    assert days["2247490098_1"].values["likes"] is None  # unknown the day before: not 4
    assert days["2247490099_1"].values["reads"] == 30  # published that day
    assert days["1_1"].values["reads"] is None  # no entry for the day before: unknown


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


def published_job(piece: Piece, msg_data_id: str) -> None:
    piece.published_at = datetime(2026, 11, 29, 12, tzinfo=UTC)
    db.session.add(
        PublishJob(
            piece_id=piece.id,
            state="done",
            adapter="wechat_oa",
            checkpoint={"publish_id": "pub-1", "msg_data_id": msg_data_id},
            platform_id="pub-1",
        )
    )
    db.session.commit()


@pytest.mark.real_db  # the WeChat token cache has its own connection
def test_pull_saves_the_day_by_msgid_and_title_and_is_idempotent(
    runner: FlaskCliRunner,
    wechat: WeChatFake,
    oa_channel: Channel,
    make_piece: Callable[..., Piece],
) -> None:
    by_id = make_piece(channel=oa_channel, title="秋冬叠穿")
    published_job(by_id, "2247490098")
    by_title = make_piece(channel=oa_channel, title="围巾的十种系法")
    by_title.published_at = datetime(2026, 11, 30, 12, tzinfo=UTC)
    db.session.commit()
    wechat.stats["getarticletotaldetail"] = answer(
        {
            "ref_date": "2026-11-29",
            "msgid": "2247490098_1",
            "title": "改过的标题",
            "detail_list": [detail("2026-11-29", 100), detail("2026-11-30", 160)],
        },
        {
            "ref_date": "2026-11-30",
            "msgid": "5555_1",
            "title": "围巾的十种系法",
            "detail_list": [detail("2026-11-30", 40)],
        },
        {
            "ref_date": "2026-11-30",
            "msgid": "7777_1",
            "title": "不在 Hemline 里的文章",
            "detail_list": [detail("2026-11-30", 3)],
        },
    )
    result = runner.invoke(args=["metrics", "pull", "--channel", "oa_main", "--date", "2026-11-30"])
    assert result.exit_code == 0, result.output
    assert "新增 2 行" in result.output and "跳过 1 行" in result.output
    assert "不在 Hemline 里的文章" in result.output
    name, body = wechat.stats_requests[-1]
    assert (name, body) == (
        "getarticletotaldetail",
        {"begin_date": "2026-11-01", "end_date": "2026-11-30"},
    )
    reads = dict(db.session.execute(select(PieceMetric.piece_id, PieceMetric.reads)).all())
    assert reads == {by_id.id: 60, by_title.id: 40}
    again = runner.invoke(args=["metrics", "pull", "--channel", "oa_main", "--date", "2026-11-30"])
    assert "新增 0 行，替换 2 行" in again.output
    assert count_rows(PieceMetric) == 2


@pytest.mark.real_db
def test_is_delay_saves_nothing_and_fails(
    runner: FlaskCliRunner,
    wechat: WeChatFake,
    oa_channel: Channel,
    make_piece: Callable[..., Piece],
) -> None:
    piece = make_piece(channel=oa_channel, title="秋冬叠穿")
    published_job(piece, "2247490098")
    wechat.stats["getarticletotaldetail"] = answer(
        {
            "ref_date": "2026-11-30",
            "msgid": "2247490098_1",
            "detail_list": [detail("2026-11-30", 10)],
        },
        is_delay=True,
    )
    result = runner.invoke(args=["metrics", "pull", "--channel", "oa_main", "--date", "2026-11-30"])
    assert result.exit_code == 1
    assert "is_delay" in result.output and "没有保存任何数据" in result.output
    assert count_rows(PieceMetric) == 0 and count_rows(MetricImport) == 0


def test_a_channel_without_the_api_is_refused(
    runner: FlaskCliRunner, make_channel: Callable[..., Channel]
) -> None:
    make_channel("xiaohongshu", code="xhs")
    result = runner.invoke(args=["metrics", "pull", "--channel", "xhs", "--date", "2026-11-30"])
    assert result.exit_code == 1
    assert "不是通过公众号接口发布的" in result.output
