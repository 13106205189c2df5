"""Calendar pages: month and week views with filters, scheduling forms, drag-and-drop endpoint."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.compliance import Entry
from app.extensions import db
from app.models import BlackoutWindow, ChannelPolicySetting, Piece, ReserveTarget
from app.schedule import calendar as cal
from app.schedule import overview, policy, services
from tests.conftest import login
from tests.schedule.conftest import SH, brand_at


def page_of(response) -> str:
    text = response.get_data(as_text=True)
    response.close()
    return text


def test_month_view_shows_scheduled_and_planned_pieces_differently(
    client, make_channel, make_piece, approved, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    piece = approved(channel, title="春季风衣排期稿")
    services.schedule(team["manager"], piece, brand_at(monday, 20))
    draft = make_piece(team["writer"], channel=channel, title="草稿计划稿")
    draft.planned_date = monday + timedelta(days=2)
    db.session.commit()
    login(client, team["writer"])
    page = page_of(client.get(f"/calendar?view=month&date={monday.isoformat()}"))
    assert "内容日历" in page and f"{monday.year}年{monday.month}月" in page
    scheduled = re.search(
        r'<li class="cal-item ct-styling timed"[^>]*>\s*<a[^>]*>.*?</a>', page, re.S
    )
    assert scheduled and "春季风衣排期稿" in scheduled.group(0) and ">20:00<" in scheduled.group(0)
    planned = re.search(
        r'<li class="cal-item ct-styling planned"[^>]*>\s*<a[^>]*>.*?</a>', page, re.S
    )
    assert planned and "草稿计划稿" in planned.group(0) and "计划" in planned.group(0)
    assert 'draggable="true"' not in page  # writers do not schedule


def test_week_view_and_filters(client, make_channel, approved, team, monday) -> None:
    xhs, oa = make_channel("xiaohongshu"), make_channel("wechat_oa")
    services.schedule(team["manager"], approved(xhs, title="小红书穿搭"), brand_at(monday))
    promo = approved(oa, "interactive", title="公众号投票")
    services.schedule(team["manager"], promo, brand_at(monday + timedelta(days=1)))
    login(client, team["manager"])
    base = f"/calendar?view=week&date={monday.isoformat()}"
    page = page_of(client.get(base))
    assert "小红书穿搭" in page and "公众号投票" in page and 'draggable="true"' in page
    assert f"{monday.month}月{monday.day}日–" in page
    assert "互动 1/3" in page  # the 公众号's weekly interactive target
    by_channel = page_of(client.get(f"{base}&channel={oa.code}"))
    assert "公众号投票" in by_channel and "小红书穿搭" not in by_channel
    by_type = page_of(client.get(f"{base}&type=styling"))
    assert "小红书穿搭" in by_type and "公众号投票" not in by_type
    by_owner = page_of(client.get(f"{base}&owner={team['manager'].id}"))
    assert "小红书穿搭" not in by_owner and "本周没有符合条件的排期或计划稿件" in by_owner
    by_status = page_of(client.get(f"{base}&status=published"))
    assert "本周没有符合条件的排期或计划稿件" in by_status


def test_empty_calendar_states(client, login_as) -> None:
    login_as("writer")
    month = page_of(client.get("/calendar"))
    assert "本月没有符合条件的排期或计划稿件" in month
    week = page_of(client.get("/calendar?view=week&date=not-a-date"))
    assert "本周没有符合条件的排期或计划稿件" in week


def test_empty_days_of_a_daily_channel_overdue_and_override_marks(
    client, make_channel, approved, fill, team, monday
) -> None:
    oa = make_channel("wechat_oa")
    xhs = make_channel("xiaohongshu")
    fill(xhs, monday, "SSSSP")
    promo = approved(xhs, "promotion", title="强制促销稿")
    services.schedule(team["manager"], promo, brand_at(monday, 11), override_reason="老板批准")
    late = approved(xhs, title="错过时间的稿件")
    services.schedule(team["manager"], late, brand_at(monday + timedelta(days=3)))
    late.publish_at = datetime.now(UTC) - timedelta(hours=2)  # the publisher missed it
    db.session.commit()
    login(client, team["manager"])
    page = page_of(client.get(f"/calendar?view=week&date={monday.isoformat()}"))
    assert page.count(" empty-day") == 7  # the 公众号 posts daily and has nothing that week
    assert f"空白：<span data-user-content>{oa.name}</span>" in page
    assert "⚑ 强制" in page
    overdue = page_of(client.get("/calendar?view=week"))
    assert re.search(r'class="cal-item ct-styling timed overdue"', overdue)
    assert "错过时间的稿件" in overdue


def test_schedule_form_success_refusal_and_suggestion(
    client, make_channel, approved, crowd, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    crowd(channel, monday)
    promo = approved(channel, "promotion", title="双十二预告")
    login(client, team["reviewer"])
    url = f"/calendar/pieces/{promo.id}/schedule"
    form = page_of(client.get(url))
    assert 'type="date"' in form and 'type="time"' in form and "强制排期理由" not in form
    wednesday = (monday + timedelta(days=2)).isoformat()
    refused = client.post(url, data={"day": wednesday, "clock": "10:00"})
    assert refused.status_code == 409
    text = page_of(refused)
    assert "不能排在这个时间" in text and "促销占比将达到 33.3%" in text
    suggested = monday + timedelta(days=7)
    assert f'name="day" value="{suggested.isoformat()}"' in text and "排到建议时间" in text
    done = client.post(url, data={"day": suggested.isoformat(), "clock": "10:00"})
    assert done.status_code == 302 and "view=week" in done.headers["Location"]
    db.session.refresh(promo)
    assert promo.status == "scheduled" and promo.publish_at == brand_at(suggested, 10)


def test_schedule_form_bad_input(client, make_channel, make_piece, approved, team) -> None:
    piece = approved(make_channel("xiaohongshu"))
    login(client, team["manager"])
    url = f"/calendar/pieces/{piece.id}/schedule"
    assert "强制排期理由" in page_of(client.get(url))
    past = client.post(url, data={"day": "2020-01-01", "clock": "10:00"})
    assert past.status_code == 400 and "不能排在过去的时间" in page_of(past)
    missing = client.post(url, data={"day": "", "clock": "10:00"})
    assert missing.status_code == 400 and "请选择日期" in page_of(missing)
    draft = make_piece(team["writer"])
    assert "只有已通过审核的稿件才能排期" in page_of(
        client.get(f"/calendar/pieces/{draft.id}/schedule")
    )


def test_unschedule_form(client, make_channel, approved, team, monday) -> None:
    piece = approved(make_channel("xiaohongshu"), title="要撤下的稿件")
    services.schedule(team["reviewer"], piece, brand_at(monday))
    login(client, team["reviewer"])
    assert "取消排期，放回储备" in page_of(client.get(f"/calendar/pieces/{piece.id}/schedule"))
    response = client.post(f"/calendar/pieces/{piece.id}/unschedule", follow_redirects=True)
    assert "已取消排期：要撤下的稿件" in page_of(response)
    db.session.refresh(piece)
    assert (piece.status, piece.publish_at) == ("approved", None)


def test_drag_and_drop_endpoint_schedules_or_refuses_with_the_suggestion(
    client, make_channel, approved, crowd, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    crowd(channel, monday)
    promo = approved(channel, "promotion")
    login(client, team["manager"])
    day = (monday + timedelta(days=3)).isoformat()
    refused = client.post("/calendar/move", json={"piece": promo.id, "date": day})
    body = refused.get_json()
    assert refused.status_code == 409 and body["error"] == "policy"
    assert body["violations"][0]["code"] == "promo_share"
    assert body["suggested_at"] == brand_at(monday + timedelta(days=7), 20).isoformat()
    assert "最近可排的时间" in body["suggestion"]
    taken = client.post("/calendar/move", json={"piece": promo.id, "at": body["suggested_at"]})
    assert taken.status_code == 200 and taken.get_json()["ok"] is True
    db.session.refresh(promo)
    assert promo.publish_at == brand_at(monday + timedelta(days=7), 20)
    moved = client.post(
        "/calendar/move", json={"piece": promo.id, "date": day, "override_reason": "大促"}
    )
    assert moved.status_code == 200
    db.session.refresh(promo)
    assert promo.publish_at == brand_at(monday + timedelta(days=3), 20)


def test_drag_and_drop_bad_input(client, make_channel, approved, team) -> None:
    piece = approved(make_channel("xiaohongshu"))
    login(client, team["reviewer"])
    for body, status in [
        ({"date": "2030-01-01"}, 400),
        ({"piece": piece.id}, 400),
        ({"piece": piece.id, "at": "2030-01-01T10:00:00"}, 400),
        ({"piece": 999999, "date": "2030-01-01"}, 404),
    ]:
        response = client.post("/calendar/move", json=body)
        assert response.status_code == status, body
        assert response.get_json()["message"]


def test_drag_and_drop_needs_the_csrf_header(csrf_client, make_channel, approved, team) -> None:
    piece = approved(make_channel("xiaohongshu"))
    login_page = page_of(csrf_client.get("/login"))
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)
    data = {
        "username": team["manager"].username,
        "password": "correct-horse-1",
        "csrf_token": token,
    }
    assert csrf_client.post("/login", data=data).status_code == 302
    day = (datetime.now(UTC) + timedelta(days=20)).date().isoformat()
    without = csrf_client.post("/calendar/move", json={"piece": piece.id, "date": day})
    assert without.status_code == 400 and "CSRF" in without.get_json()["message"]
    page = page_of(csrf_client.get("/calendar"))
    header = re.search(r'data-csrf="([^"]+)"', page).group(1)
    moved = csrf_client.post(
        "/calendar/move", json={"piece": piece.id, "date": day}, headers={"X-CSRFToken": header}
    )
    assert moved.status_code == 200
    policies = page_of(csrf_client.get("/calendar/policies"))
    prefix = f"c{piece.channel_id}-"
    form_token = re.search(rf'name="{prefix}csrf_token"[^>]*value="([^"]+)"', policies).group(1)
    fields = {"promo_share_max_pct": "25", "sends_per_day": "1", "articles_per_send": "8"}
    fields |= {"interactive_weekly_target": "0", "csrf_token": form_token}
    data = {prefix + name: value for name, value in fields.items()}
    saved = csrf_client.post(f"/calendar/policies/{piece.channel_id}", data=data)
    assert saved.status_code == 302
    refused = csrf_client.post(
        f"/calendar/policies/{piece.channel_id}", data=data | {f"{prefix}csrf_token": ""}
    )
    assert refused.status_code == 400
    refused.close()


def test_policy_settings_page(client, make_channel, team) -> None:
    channel = make_channel("wechat_oa")
    login(client, team["manager"])
    page = page_of(client.get("/calendar/policies"))
    assert "促销内容占比上限" in page and 'value="20"' in page and "每次群发最多文章数" in page
    prefix = f"c{channel.id}-"
    data = {
        f"{prefix}promo_share_max_pct": "15",
        f"{prefix}sends_per_day": "1",
        f"{prefix}articles_per_send": "6",
        f"{prefix}interactive_weekly_target": "4",
    }
    saved = client.post(f"/calendar/policies/{channel.id}", data=data)
    assert saved.status_code == 302
    row = db.session.get(ChannelPolicySetting, channel.id)
    assert (row.promo_share_max_pct, row.articles_per_send, row.daily_cadence) == (15, 6, False)
    bad = client.post(
        f"/calendar/policies/{channel.id}",
        data=data | {f"{prefix}articles_per_send": "9", f"{prefix}promo_share_max_pct": "17"},
    )
    assert bad.status_code == 400
    page = page_of(bad)  # the form again, with the manager's input and the error in Chinese
    assert "促销内容占比上限" in page and 'value="17"' in page and 'value="9"' in page
    assert "1 到 8" in page and "发布规则填写有误" in page
    assert db.session.get(ChannelPolicySetting, channel.id).promo_share_max_pct == 15


def test_reserve_target_form(client, make_channel, team) -> None:
    channel = make_channel("wechat_oa")
    login(client, team["manager"])
    assert (
        client.post(
            "/calendar/reserve", data={"scope": "", "content_type": "", "target": "250"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            "/calendar/reserve", data={"scope": channel.code, "content_type": "", "target": "100"}
        ).status_code
        == 302
    )
    targets = {(t.channel_id, t.target) for t in db.session.scalars(select(ReserveTarget))}
    assert targets == {(None, 250), (channel.id, 100)}
    refused = client.post("/calendar/reserve", data={"scope": "", "content_type": "", "target": ""})
    assert refused.status_code == 400
    refused.close()
    assert "250" in page_of(client.get("/calendar/policies"))


def test_blackout_pages(client, make_channel, team, monday) -> None:
    make_channel("xiaohongshu")
    login(client, team["manager"])
    data = {
        "channel": "",
        "start_day": monday.isoformat(),
        "end_day": monday.isoformat(),
        "reason": "全国哀悼日",
    }
    added = client.post("/calendar/blackouts", data=data, follow_redirects=True)
    assert "已添加禁发时段：全国哀悼日" in page_of(added)
    window = db.session.scalars(select(BlackoutWindow)).one()
    assert (window.start_at, window.end_at) == (
        brand_at(monday, 0),
        brand_at(monday + timedelta(days=1), 0),
    )
    calendar_page = page_of(client.get(f"/calendar?view=week&date={monday.isoformat()}"))
    assert "禁发：全国哀悼日" in calendar_page
    wrong = client.post("/calendar/blackouts", data=data | {"end_day": "2020-01-01"})
    assert wrong.status_code == 400 and "晚于" in page_of(wrong)
    removed = client.post(f"/calendar/blackouts/{window.id}/delete", follow_redirects=True)
    assert "已删除禁发时段" in page_of(removed)
    assert db.session.scalars(select(BlackoutWindow)).first() is None


def test_promo_badge_on_piece_and_review_pages_and_reserve_on_home(
    client, make_piece, make_channel, team, load_lexicon
) -> None:
    load_lexicon(Entry("折扣", "promo_marker", "info"))
    piece = make_piece(
        team["writer"], status="approved", body="会员专享折扣。", channel=make_channel()
    )
    login(client, team["manager"])
    assert "疑似促销" in page_of(client.get(f"/pieces/{piece.id}"))
    home = page_of(client.get("/"))
    assert "内容储备" in home and "1</b> / 200" in home
    calendar_page = page_of(client.get("/calendar"))
    assert "待排期（1）" in calendar_page and "疑似促销" in calendar_page
    for page in (home, calendar_page):  # per channel and type: one 穿搭教程 on that channel
        table = page[page.index('class="reserve-detail"') :]
        assert "<th>穿搭教程</th>" in table
        assert "<td><span data-user-content>测试wechat_oa</span></td><td>1</td>" in table
    client.post("/logout").close()
    login(client, team["reviewer"])
    assert "疑似促销" in page_of(client.get(f"/review/{piece.id}"))


def test_the_day_cells_promo_badge_reads_the_stored_report(
    client, make_channel, approved, team, load_lexicon, monday
) -> None:
    load_lexicon(Entry("折扣", "promo_marker", "info"))
    channel = make_channel()
    hinted = approved(channel, body="会员专享折扣。", title="带折扣的穿搭")
    typed = approved(channel, "promotion", body="会员专享折扣。", title="真正的促销")
    plain = approved(channel, body="今天讲针织。", title="针织入门")
    for hour, piece in enumerate((hinted, typed, plain)):  # the promotion over the cap: forced
        services.schedule(team["manager"], piece, brand_at(monday, 10 + hour), None, "测试")
    login(client, team["manager"])
    week = page_of(client.get(f"/calendar?view=week&date={monday.isoformat()}"))
    titles = ("带折扣的穿搭", "真正的促销", "针织入门")
    cells = [item.split("</li>")[0] for item in week.split('<li class="cal-item')[1:]]
    items = {t: item for item in cells for t in titles if t in item}
    assert "疑似促销" in items["带折扣的穿搭"]
    assert "疑似促销" not in items["真正的促销"] and "疑似促销" not in items["针织入门"]


@pytest.mark.parametrize(
    ("kind", "report", "looks"),
    [
        ("styling", {"hits": [{"category": "promo_marker", "term": "折扣"}]}, True),
        ("promotion", {"hits": [{"category": "promo_marker", "term": "折扣"}]}, False),
        ("styling", {"hits": [{"category": "ad_claim", "term": '"promo_marker"'}]}, False),
        ("styling", {"hits": [{"category": "ad_claim", "term": "x"}], "promo_marker": 1}, False),
        ("styling", {"hits": [{"category": "promo_marker", "term": "", "text": ""}]}, False),
        ("styling", None, False),
    ],
)
def test_report_looks_promotional_agrees_with_the_decoded_report(kind, report, looks) -> None:
    text = json.dumps(report) if report is not None else None
    assert overview.report_looks_promotional(kind, text) is looks
    piece = SimpleNamespace(content_type=kind, current_revision=SimpleNamespace(report=report))
    assert overview.looks_promotional(piece) is looks


def test_the_calendars_progress_counted_by_the_database_agrees_with_the_rules(
    make_channel, fill, monday
) -> None:
    oa, xhs = make_channel("wechat_oa"), make_channel("xiaohongshu")
    fill(xhs, monday, "SSSSP")
    fill(xhs, monday + timedelta(days=7), "SS")
    fill(oa, monday + timedelta(days=7), "SIIB")
    pieces = db.session.scalars(select(Piece).where(Piece.publish_at.is_not(None))).all()
    items = [policy.PlannedItem(p.id, p.channel.code, p.content_type, p.publish_at) for p in pieces]
    rules = {c.code: services.channel_policy(c) for c in (oa, xhs)}
    now = brand_at(monday + timedelta(days=10), 9)  # Thursday of the second week: OA is behind
    today, found = now.astimezone(SH).date(), {}
    for first in (monday, monday + timedelta(days=7)):
        week = cal.build_calendar("week", first, cal.Filters(), now).weeks[0]
        found[first] = {cw.channel.code: cw.progress for cw in week.progress}
        expected = {c: policy.weekly_progress(items, rules[c], first, now=now) for c in rules}
        last = first + timedelta(days=6)
        assert found[first] == {
            c: p
            for c, p in expected.items()
            if p.total or (p.interactive_target and last >= today)  # past weeks: only if used
        }
        empty = policy.empty_days(items, rules[oa.code], max(first, today), last)
        assert [d.day for d in week.days if oa.name in d.empty_channels] == empty
    assert found[monday][xhs.code].promos == 1 and oa.code not in found[monday]
    assert found[monday + timedelta(days=7)][oa.code].warning is not None


def test_interactive_target_warns_from_thursday_on_the_calendar(
    make_channel, approved, team, monday
) -> None:
    oa = make_channel("wechat_oa")
    services.schedule(team["manager"], approved(oa, "interactive"), brand_at(monday, 20))
    filters = cal.Filters(channel=oa.code)
    wednesday_night = brand_at(monday + timedelta(days=2), 23, 59)
    [before] = cal.build_calendar("week", monday, filters, wednesday_night).weeks[0].progress
    assert (before.progress.interactive_done, before.progress.interactive_target) == (1, 3)
    assert before.progress.warning is None
    thursday = brand_at(monday + timedelta(days=3), 0)
    [after] = cal.build_calendar("week", monday, filters, thursday).weeks[0].progress
    assert "互动活动只排了 1 篇，目标 3 篇，还差 2 篇" in after.progress.warning.message


def test_overdue_planned_drafts_are_red_and_writers_see_no_schedule_links(
    client, make_channel, make_piece, approved, team
) -> None:
    draft = make_piece(team["writer"], channel=make_channel("xiaohongshu"), title="拖稿的草稿")
    draft.planned_date = datetime.now(UTC).date() - timedelta(days=1)
    db.session.commit()
    ready = approved(draft.channel, title="可排期稿")
    login(client, team["writer"])
    page = page_of(client.get(f"/calendar?view=week&date={draft.planned_date.isoformat()}"))
    assert re.search(r'class="cal-item ct-styling planned overdue"', page)
    assert "待排期" not in page and "/schedule" not in page
    assert "内容储备" not in page_of(client.get("/"))  # the reserve card is for schedulers
    client.post("/logout").close()
    login(client, team["reviewer"])
    assert f"/calendar/pieces/{ready.id}/schedule" in page_of(client.get(f"/pieces/{ready.id}"))


def test_the_owner_filter_lists_people_who_own_pieces(client, make_piece, make_user, team) -> None:
    """Issue 16: not every account (1,000 of them in the load test) but the owners of pieces, and
    the person being filtered by even when they own none."""
    make_piece(team["writer"], title="有主人的稿件")
    idle = make_user("writer", username="idle-writer")
    login(client, team["manager"])
    page = page_of(client.get("/calendar"))
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', page)
    owners = {int(value): name for value, name in options}
    assert owners.get(team["writer"].id) == team["writer"].display_name
    assert idle.id not in owners and team["manager"].id not in owners
    filtered = page_of(client.get(f"/calendar?owner={idle.id}"))
    assert re.search(rf'<option value="{idle.id}" selected>idle-writer</option>', filtered)
