"""The 公众号 followers of each channel over a dashboard period, beside the previous period.

Read from ``channel_metric_daily`` (the datacube pull's account-level day, issue 17). Decisions:

- net growth of a period = the sum of the days' new − cancelled followers, over the days where
  both are known; None (unknown, not 0) when no day of the period has both;
- total = the followers (getusercumulate) on the period's last day that has the figure, so a
  period whose last days are not pulled yet shows the newest total it knows; None without one;
- account-level figures belong to the channel, not to a piece: the content-type filter does not
  apply, the channel filter does;
- only channels with at least one row in either period are listed, by channel id.

A period is a few days to a month, so the two periods' rows (days × channels) are read in one
range scan of the (day, channel_id) key and summed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from app.analytics.services import Window
from app.extensions import db
from app.models import Channel, ChannelMetricDaily


@dataclass
class Period:
    """One channel's followers over one period."""

    net: int | None = None
    total: int | None = None
    total_day: date | None = None

    def add(self, day: date, net: int | None, followers: int | None) -> None:
        if net is not None:
            self.net = net if self.net is None else self.net + net
        if followers is not None and (self.total_day is None or day > self.total_day):
            self.total, self.total_day = followers, day


@dataclass
class ChannelFollowers:
    """One channel's row of the table: this period and the previous one."""

    channel_id: int
    channel: str
    now: Period = field(default_factory=Period)
    before: Period = field(default_factory=Period)


def growth(channel_id: int | None, current: Window, before: Window) -> list[ChannelFollowers]:
    """Each channel's net growth and total followers in ``current`` and ``before``."""
    first, end = min(current.start, before.start), max(current.end, before.end)
    query = (
        select(
            ChannelMetricDaily.day,
            ChannelMetricDaily.channel_id,
            Channel.name,
            ChannelMetricDaily.new_followers,
            ChannelMetricDaily.cancelled_followers,
            ChannelMetricDaily.followers,
        )
        .join(Channel, Channel.id == ChannelMetricDaily.channel_id)
        .where(ChannelMetricDaily.day >= first, ChannelMetricDaily.day < end)
        .order_by(ChannelMetricDaily.channel_id, ChannelMetricDaily.day)
    )
    if channel_id is not None:
        query = query.where(ChannelMetricDaily.channel_id == channel_id)
    rows: dict[int, ChannelFollowers] = {}
    for day, channel, name, new, cancelled, followers in db.session.execute(query):
        row = rows.setdefault(channel, ChannelFollowers(channel, name))
        net = None if new is None or cancelled is None else new - cancelled
        for window, period in ((current, row.now), (before, row.before)):
            if window.start <= day < window.end:
                period.add(day, net, followers)
    return list(rows.values())
