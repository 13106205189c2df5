"""`flask metrics pull`: yesterday's 公众号 figures through the datacube API, saved as an import.

The channel must publish through the 公众号 API (its publishing settings hold the AppID and
secret). One ``getarticletotaldetail`` call covers the articles published in the last 30 days
(``app.channels.datacube`` turns the cumulative totals into the day's own figures); rows find
their piece by msgid (the ``msg_data_id`` the publisher recorded) or by title, and are saved
like a file import: all or nothing, replacing the same piece and day. When WeChat answers
``is_delay`` nothing is saved and the pull fails so that it is tried again later.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.analytics import imports
from app.analytics.parsing import MetricRow
from app.channels import datacube
from app.channels.base import PublishError
from app.channels.wechat_oa import WeChatOAAdapter
from app.errors import Conflict, InvalidInput, NotFound
from app.extensions import db
from app.models import AdapterKind, Channel, MetricImport
from app.publishing.adapters import build_adapter

SOURCE = "wechat_oa_datacube"


class MetricsDelayed(Conflict):
    """WeChat has not finished the day's numbers (is_delay): nothing saved, try again later."""


def pull(channel_code: str, day: date) -> tuple[MetricImport, imports.Preview]:
    """Fetch and save one channel's figures for ``day``."""
    channel = db.session.scalar(select(Channel).where(Channel.code == channel_code))
    if channel is None:
        raise NotFound(f"没有代码为“{channel_code}”的渠道。")
    settings = channel.publishing
    if settings is None or settings.adapter != AdapterKind.WECHAT_OA.value:
        raise InvalidInput(f"渠道“{channel.name}”不是通过公众号接口发布的，无法拉取数据。")
    try:
        adapter = build_adapter(channel, settings)
        begin, end = datacube.request_window(day)
        if not isinstance(adapter, WeChatOAAdapter):
            raise ValueError("渠道没有公众号接口设置")
        answer = adapter.datacube("getarticletotaldetail", begin, end)
    except (PublishError, ValueError) as error:
        raise Conflict(f"拉取公众号数据失败：{error}") from None
    if datacube.is_delayed(answer):
        raise MetricsDelayed(
            f"微信还没有更新完 {day.isoformat()} 的数据（is_delay），没有保存任何数据，稍后再拉取。"
        )
    result = imports.Preview(filename=f"getarticletotaldetail {day.isoformat()}", source=SOURCE)
    for line, article in enumerate(datacube.article_days(answer, day), start=1):
        row = MetricRow(
            line=line,
            day=day,
            channel=channel.code,
            piece_id=None,
            platform_id=article.msgid[:200],
            url="",
            title=article.title[:200],
            values=dict(article.values),
        )
        piece = imports.find_piece(row, channel)
        if piece is None:
            result.unmatched.append(row)
        else:
            result.matched.append((row, piece.id, channel.id))
    return imports.apply(result, None), result
