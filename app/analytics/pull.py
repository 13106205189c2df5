"""`flask metrics pull`: one day's 公众号 figures through the datacube API, saved as an import.

The channel must publish through the 公众号 API (its publishing settings hold the AppID and
secret). For the day D (yesterday at the latest, Beijing time) the pull asks:

1. ``getarticleread`` for D: each article's readers that day (any age of article);
2. ``getarticletotaldetail`` once per publish date of the channel's pieces published in the 30
   days up to D (the API takes one publish date per call and follows an article for 30 days):
   shares, likes, comments, favorites as the difference of the totals, and delivered on the
   publish day (``app.channels.datacube`` writes the mapping down);
3. ``getbizsummary``, ``getusersummary`` and ``getusercumulate`` for D: the account's day
   (content summed, new and cancelled followers, total followers), stored in
   ``channel_metric_daily`` (one row per channel and day, replaced by a re-pull of the day).

Rows find their piece by msgid (the ``msg_data_id`` the publisher recorded) or by title, and are
saved like a file import (``imports.apply``: all or nothing, replacing the same piece and day,
the rollups kept in step), the account's day in the same transaction. When any answer says
``is_delay`` nothing is saved and the pull fails with MetricsDelayed, so that the worker asks
again later and never marks the day done; an errcode fails it with MetricsPullFailed naming
the problem in Chinese (``until_tomorrow`` for the daily quota, 45009).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from app.analytics import imports
from app.analytics.parsing import MetricRow
from app.channels import datacube
from app.channels.base import PublishError
from app.channels.wechat_oa import WeChatOAAdapter
from app.errors import N_, Conflict, InvalidInput, MessageId, NotFound
from app.extensions import db
from app.models import AdapterKind, Channel, ChannelMetricDaily, MetricImport, Piece, utcnow
from app.models.metrics import ACCOUNT_COLUMNS
from app.publishing.adapters import build_adapter
from app.zones import brand_zone

SOURCE = "wechat_oa_datacube"


class MetricsDelayed(Conflict):
    """WeChat has not finished the day's numbers (is_delay): nothing saved, try again later."""


class MetricsPullFailed(Conflict):
    """A datacube call failed (errcode, network): nothing saved; ``until_tomorrow`` when only
    tomorrow's quota can answer (45009)."""

    def __init__(
        self, message: str, params: Mapping[str, Any] | None = None, until_tomorrow: bool = False
    ) -> None:
        super().__init__(message, params)
        self.until_tomorrow = until_tomorrow


@dataclass(frozen=True)
class Pulled:
    """What one pull saved (``batch``), matched and did not (``preview``), and the account's day."""

    batch: MetricImport
    preview: imports.Preview
    account: datacube.AccountDay
    calls: int


def pull(channel_code: str, day: date) -> Pulled:
    """Fetch and save one channel's figures for ``day``."""
    channel = db.session.scalar(select(Channel).where(Channel.code == channel_code))
    if channel is None:
        raise NotFound(
            N_("没有代码为“%(channel_code)s”的渠道。"), params={"channel_code": channel_code}
        )
    settings = channel.publishing
    if settings is None or settings.adapter != AdapterKind.WECHAT_OA.value:
        raise InvalidInput(
            N_("渠道“%(name)s”不是通过公众号接口发布的，无法拉取数据。"),
            params={"name": channel.name},
        )
    today = utcnow().astimezone(brand_zone()).date()
    refused = datacube.check_window("getarticleread", day, day, today)
    if refused:
        raise InvalidInput(
            N_("无法拉取 %(day)s 的数据：%(refused)s。"),
            params={"day": day.isoformat(), "refused": refused},
        )
    try:
        adapter = build_adapter(channel, settings)
    except ValueError as error:
        raise MetricsPullFailed(
            N_("拉取公众号数据失败：%(error)s"), params={"error": error}
        ) from None
    if not isinstance(adapter, WeChatOAAdapter):
        raise MetricsPullFailed(N_("拉取公众号数据失败：渠道没有公众号接口设置"))
    fetch = _Fetcher(adapter, day)
    reads = fetch("getarticleread", day, day)
    details = [fetch("getarticletotaldetail", d, d) for d in _publish_days(channel, day)]
    account = datacube.account_day(
        day,
        fetch("getbizsummary", day, day),
        fetch("getusersummary", day, day),
        fetch("getusercumulate", day, day),
    )
    result = imports.Preview(filename=f"datacube {day.isoformat()}", source=SOURCE)
    for line, article in enumerate(datacube.article_days(details, reads, day), start=1):
        row = MetricRow(
            line=line,
            day=day,
            channel=channel.code,
            piece_id=None,
            platform_id=article.msgid[:200],
            url=article.url[:500],
            title=article.title[:200],
            values=dict(article.values),
        )
        piece = imports.find_piece(row, channel)
        if piece is None:
            result.unmatched.append(row)
        else:
            result.matched.append((row, piece.id, channel.id))
    batch = imports.apply(result, None, also=lambda saved: _store_account(channel, account, saved))
    return Pulled(batch, result, account, fetch.calls)


def _store_account(channel: Channel, account: datacube.AccountDay, batch: MetricImport) -> None:
    """Insert or replace the channel's account-level row of the day, in the batch's transaction
    (one INSERT … ON CONFLICT DO UPDATE: two pulls of the same day at once cannot both insert)."""
    values: dict[str, Any] = {c: account.values.get(c) for c in ACCOUNT_COLUMNS}
    values.update(import_id=batch.id, updated_at=utcnow())
    dialect = db.session.get_bind().dialect.name
    upsert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = upsert(ChannelMetricDaily).values(day=account.day, channel_id=channel.id, **values)
    db.session.execute(
        statement.on_conflict_do_update(index_elements=["day", "channel_id"], set_=values)
    )


class _Fetcher:
    """One datacube call at a time; an errcode or ``is_delay`` ends the pull."""

    def __init__(self, adapter: WeChatOAAdapter, day: date) -> None:
        self.adapter, self.day, self.calls = adapter, day, 0

    def __call__(self, name: str, begin: date, end: date) -> dict[str, Any]:
        self.calls += 1
        try:
            answer = self.adapter.datacube(name, begin.isoformat(), end.isoformat())
        except PublishError as error:
            known = datacube.problem(error.code)
            if known is None:
                raise MetricsPullFailed(
                    N_("拉取公众号数据（%(name)s）失败：%(error)s"),
                    params={"name": name, "error": error},
                ) from None
            message, when = known
            tomorrow = when == datacube.TOMORROW
            retry = MessageId(N_("明天再试") if tomorrow else N_("稍后自动重试"))
            raise MetricsPullFailed(
                N_(
                    "拉取公众号数据（%(name)s）失败：%(message)s（错误码 %(code)s），"
                    "没有保存任何数据，%(retry)s。"
                ),
                params={"name": name, "message": message, "code": error.code, "retry": retry},
                until_tomorrow=tomorrow,
            ) from None
        if datacube.is_delayed(answer):
            raise MetricsDelayed(
                N_(
                    "微信还没有更新完 %(day)s 的数据（%(name)s 返回 is_delay），"
                    "没有保存任何数据，稍后再拉取。"
                ),
                params={"day": self.day.isoformat(), "name": name},
            )
        return answer


def _publish_days(channel: Channel, day: date) -> list[date]:
    """Publish dates (brand zone) of the channel's pieces still followed on ``day``."""
    zone = brand_zone()
    first = day - timedelta(days=datacube.LOOKBACK_DAYS - 1)
    low = datetime.combine(first, time(0), zone)
    high = datetime.combine(day + timedelta(days=1), time(0), zone)
    published = db.session.scalars(
        select(Piece.published_at).where(
            Piece.channel_id == channel.id,
            Piece.published_at >= low,
            Piece.published_at < high,
        )
    )
    return datacube.publish_days(day, (p.astimezone(zone).date() for p in published if p))
