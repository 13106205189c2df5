"""The 公众号 followers on /dashboard (issue 17): net growth and total per channel, this period
beside the previous one, from channel_metric_daily; managers and admins only."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from app.analytics import followers, services
from app.extensions import db
from app.models import Channel, ChannelMetricDaily, User

WEEK = "/dashboard/?period=week&date=2026-12-01"  # 11-30 – 12-06, before: 11-23 – 11-29
NOW, BEFORE = (
    services.Window(date(2026, 11, 30), date(2026, 12, 7)),
    services.Window(date(2026, 11, 23), date(2026, 11, 30)),
)


def day(channel: Channel, when: date, new: int | None, gone: int | None, total: int | None) -> None:
    db.session.add(
        ChannelMetricDaily(
            day=when,
            channel_id=channel.id,
            new_followers=new,
            cancelled_followers=gone,
            followers=total,
        )
    )
    db.session.commit()


@pytest.fixture
def two_accounts(make_channel: Callable[..., Channel]) -> tuple[Channel, Channel]:
    """Two 公众号 with followers in both weeks; the second without totals this week."""
    main, shop = make_channel(code="oa_main"), make_channel(code="oa_shop")
    main.name, shop.name = "主号", "商城号"
    db.session.commit()
    day(main, date(2026, 11, 24), 10, 4, 1000)
    day(main, date(2026, 11, 29), 5, 1, 1004)  # last day of the week before
    day(main, date(2026, 11, 30), 30, 5, 1029)
    day(main, date(2026, 12, 1), 20, None, None)  # cancelled unknown: not in the net
    day(main, date(2026, 12, 2), 8, 3, 1044)
    day(main, date(2026, 12, 7), 99, 0, 9999)  # the week after: not counted
    day(shop, date(2026, 11, 25), 3, 7, 500)
    day(shop, date(2026, 12, 3), None, None, None)
    return main, shop


def test_growth_sums_the_known_days_and_takes_the_last_total(
    two_accounts: tuple[Channel, Channel],
) -> None:
    main, shop = two_accounts
    rows = {r.channel_id: r for r in followers.growth(None, NOW, BEFORE)}
    assert list(rows) == [main.id, shop.id]
    assert (rows[main.id].now.net, rows[main.id].now.total) == (25 + 5, 1044)
    assert (rows[main.id].before.net, rows[main.id].before.total) == (6 + 4, 1004)
    # nothing known this week is unknown (None), not 0
    assert (rows[shop.id].now.net, rows[shop.id].now.total) == (None, None)
    assert (rows[shop.id].before.net, rows[shop.id].before.total) == (-4, 500)
    only = followers.growth(shop.id, NOW, BEFORE)
    assert [r.channel_id for r in only] == [shop.id]


def test_no_rows_in_either_period_lists_no_channel(two_accounts: tuple[Channel, Channel]) -> None:
    later = services.Window(date(2027, 3, 1), date(2027, 3, 8))
    assert followers.growth(None, later, services.previous("week", later)) == []


def cells(page: str, channel: Channel) -> dict[str, str]:
    row = re.search(rf'<tr data-channel="{channel.id}">(.*?)</tr>', page, re.S)
    assert row is not None, page
    return dict(re.findall(r'data-metric="([a-z-]+)">(.*?)</td>', row.group(1), re.S))


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_managers_see_each_channels_followers_beside_the_previous_week(
    client: FlaskClient,
    login_as: Callable[..., User],
    two_accounts: tuple[Channel, Channel],
    role: str,
) -> None:
    main, shop = two_accounts
    login_as(role)
    page = client.get(WEEK).get_data(as_text=True)
    assert 'id="followers-h"' in page and "主号" in page and "商城号" in page
    assert cells(page, main) == {
        "net": "30",
        "old-net": "10",
        "total": "1,044",
        "old-total": "1,004",
    }
    shop_cells = cells(page, shop)
    assert shop_cells["old-net"] == "-4" and "—" in shop_cells["net"]
    block = re.search(r'id="dashboard-data">(.*?)</script>', page, re.S)
    assert block is not None
    chart = json.loads(block.group(1))["followers"]
    assert chart["labels"] == ["主号", "商城号"]
    assert [s["data"] for s in chart["series"]] == [[30, None], [10, -4]]


def test_the_channel_filter_keeps_its_channel_only(
    client: FlaskClient, login_as: Callable[..., User], two_accounts: tuple[Channel, Channel]
) -> None:
    main, shop = two_accounts
    login_as("manager")
    page = client.get(WEEK + "&channel=oa_shop").get_data(as_text=True)
    assert f'data-channel="{shop.id}"' in page and f'data-channel="{main.id}"' not in page


def test_a_writer_does_not_see_the_followers(
    client: FlaskClient, login_as: Callable[..., User], two_accounts: tuple[Channel, Channel]
) -> None:
    login_as("writer")
    page = client.get(WEEK).get_data(as_text=True)
    assert 'id="perf-h"' in page  # their own pieces' performance, but not the account
    assert 'id="followers-h"' not in page and 'data-table="followers"' not in page
    assert "1,044" not in page and '"followers"' not in page  # nor in the charts' data


def test_a_period_without_follower_data_says_so(
    client: FlaskClient, login_as: Callable[..., User], two_accounts: tuple[Channel, Channel]
) -> None:
    login_as("manager")
    page = client.get("/dashboard/?period=week&date=2027-03-03").get_data(as_text=True)
    assert 'id="followers-h"' in page and 'data-empty="followers"' in page
    assert "这个周期还没有公众号粉丝数据" in page and 'data-table="followers"' not in page
