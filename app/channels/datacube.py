"""公众号 statistics (datacube) as one day's figures per article and per account. Pure.

The published-content ("发表内容") statistics of the current data API, as Hemline reads them:

- ``getarticleread`` (one day: ``begin_date`` = ``end_date``): every article read that day,
  ``{"ref_date", "msgid", "detail": {"read_user", "read_user_source": [{"scene_desc",
  "user_count"}]}}`` — the day's own readers, by source (全部, 公众号消息, 聊天会话, 朋友圈,
  公众号主页, 推荐, 搜一搜, 其他). It also covers articles older than 30 days.
- ``getarticletotaldetail`` (one day, the *publish* date): the articles published that day,
  ``{"ref_date", "msgid", "title", "content_url", "publish_type", "detail_list": [{"stat_date",
  "read_user", "read_user_source", "share_user", "zaikan_user", "like_user", "comment_count",
  "collection_user", "read_subscribe_user", "read_delivery_rate", …}]}``; each ``detail_list``
  entry holds the totals from the publish date up to its ``stat_date`` (cumulative), for the
  first 30 days after publishing. So a day's own figure is that day's entry minus the day
  before's (or the entry itself on the publish day), and the articles still changing on a day
  are found by asking for each publish date of the last 30 days.
- ``getbizsummary`` (up to 30 days): the account's published content summed per day,
  ``{"ref_date", "detail": {"read_user", "share_user", "zaikan_user", "like_user",
  "comment_count", "collection_user", "redirect_ori_page_user", "send_page_count"}}``.
  It holds no follower figures: those come from ``getusersummary`` (up to 7 days; one entry per
  day and ``user_source`` with ``new_user`` and ``cancel_user``) and ``getusercumulate`` (up to
  7 days; ``cumulate_user``).
- Every published-content answer carries ``is_delay``: true means WeChat has not finished the
  day's numbers; nothing may be stored and the day must be asked again later. ``end_date`` can
  be yesterday at the latest (Beijing time); the numbers of a day are ready after 08:00.

Decisions:
- ``msgid`` is ``<msg_data_id>_<index>`` (index 1-based within a group send); it is kept whole
  as the row's platform id.
- reads = ``getarticleread``'s ``read_user`` of the day (the difference of the totals when an
  article is missing there); shares = share_user, likes = like_user (拇指赞; 在看 zaikan_user is
  not a canonical column), comments = comment_count, favorites = collection_user, all as the
  difference of the day's total and the day before's.
- delivered (送达人数, the open rate's denominator) is not a field of the current API: the
  per-article ``read_delivery_rate`` (阅读送达率) is the readers from the push message (source
  公众号消息) ÷ the users it was delivered to, so delivered = those readers ÷ the rate, rounded
  (a rate above 1 is taken as a percentage). A ``target_user`` in the entry (the older
  getarticletotal's 送达人数) is taken as it is. Delivered is a figure of the send, so it is
  written on the publish day's row only (later days: unknown, so the day's sums do not count
  it twice), and it is unknown for an article published without a push (``publish_type`` 1).
- A figure missing from the answer is unknown (None), never 0; a day's figure that would be
  negative (WeChat corrected a total downwards) is unknown too. Without the previous day's
  entry a day's figures are known only on the publish day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

FIELDS = {
    "reads": "read_user",
    "shares": "share_user",
    "likes": "like_user",
    "comments": "comment_count",
    "favorites": "collection_user",
}
LOOKBACK_DAYS = 30  # getarticletotaldetail follows an article for its first 30 days
MESSAGE_SCENE = "公众号消息"  # the readers who came from the push message
NOT_PUSHED = 1  # publish_type 1: published without notifying the followers
# The longest span (days, begin and end included) of each call.
SPANS = {
    "getarticleread": 1,
    "getarticleshare": 1,
    "getarticletotaldetail": 1,
    "getbizsummary": 30,
    "getusersummary": 7,
    "getusercumulate": 7,
}
ACCOUNT_FIELDS = {
    "reads": "read_user",
    "shares": "share_user",
    "zaikan": "zaikan_user",
    "likes": "like_user",
    "comments": "comment_count",
    "favorites": "collection_user",
    "original_page": "redirect_ori_page_user",
    "articles": "send_page_count",
}

# errcode → (the problem in Chinese, when to try again). The token codes reach this only after
# the client refreshed the token once and WeChat still refused it.
LATER, TOMORROW = "later", "tomorrow"
PROBLEMS: dict[int, tuple[str, str]] = {
    -1: ("微信系统繁忙", LATER),
    40001: ("公众号凭证无效或已过期，刷新后仍被拒绝：请检查 AppID、AppSecret 和 IP 白名单", LATER),
    40014: ("access_token 不合法：请检查公众号凭证", LATER),
    42001: ("access_token 已过期，刷新后仍无效：请检查公众号凭证", LATER),
    40125: ("AppSecret 无效，请在公众平台核对或重置", LATER),
    40164: ("服务器 IP 不在公众号的 IP 白名单中，请在公众平台添加", LATER),
    45009: ("数据接口今天的调用次数已用完，明天 0 点（北京时间）后再拉取", TOMORROW),
    45011: ("接口调用过于频繁", LATER),
    47009: ("微信已下线这个数据接口", LATER),
    48001: ("公众号没有数据统计接口的权限：请确认公众号已认证", LATER),
    61500: ("日期格式错误（应为 YYYY-MM-DD）", LATER),
    61501: ("日期范围错误：超出该接口允许的跨度，或结束日期晚于昨天", LATER),
}


@dataclass(frozen=True)
class ArticleDay:
    """One article's own figures for one day."""

    msgid: str
    title: str
    url: str
    published: date | None
    values: dict[str, int | None]
    sources: dict[str, int] = field(default_factory=dict)  # the day's readers by source


@dataclass(frozen=True)
class AccountDay:
    """One account's figures for one day (content summary and followers); None = unknown."""

    day: date
    values: dict[str, int | None]

    @property
    def net_followers(self) -> int | None:
        """New followers minus those who left, when both are known."""
        new, gone = self.values.get("new_followers"), self.values.get("cancelled_followers")
        return None if new is None or gone is None else new - gone


def problem(errcode: int | str | None) -> tuple[str, str] | None:
    """What a datacube errcode means and when to try again, or None for an unknown code."""
    try:
        return PROBLEMS.get(int(errcode or 0))
    except (TypeError, ValueError):
        return None


def check_window(name: str, begin: date, end: date, today: date) -> str | None:
    """Why WeChat would refuse [begin, end] for ``name`` (61501), in Chinese; None when fine."""
    if begin > end:
        return "开始日期晚于结束日期"
    if end >= today:
        return f"只能拉取昨天及以前的数据（{end.isoformat()} 还没有结束或没有统计完）"
    span = SPANS.get(name, 1)
    if (end - begin).days + 1 > span:
        return f"{name} 一次最多查询 {span} 天"
    return None


def publish_days(day: date, published: Iterable[date]) -> list[date]:
    """The publish dates whose articles getarticletotaldetail still follows on ``day``."""
    first = day - timedelta(days=LOOKBACK_DAYS - 1)
    return sorted({d for d in published if first <= d <= day})


def is_delayed(answer: dict[str, Any]) -> bool:
    """True when WeChat says the numbers are not final yet."""
    return bool(answer.get("is_delay"))


def article_days(
    details: Iterable[dict[str, Any]], reads: dict[str, Any] | None, day: date
) -> list[ArticleDay]:
    """Each article's own figures for ``day``: getarticletotaldetail answers (one per publish
    date) merged with the day's getarticleread answer; articles in neither are left out."""
    read_list = {str(i.get("msgid", "")): i for i in (reads or {}).get("list") or []}
    out: dict[str, ArticleDay] = {}
    for answer in details:
        for item in answer.get("list") or []:
            article = _from_detail(item, day, read_list.get(str(item.get("msgid", ""))))
            if article is not None:
                out[article.msgid] = article
    for msgid, item in read_list.items():
        if msgid and msgid not in out:
            readers, sources = _readers(item.get("detail") or {})
            values: dict[str, int | None] = dict.fromkeys(FIELDS)
            values.update(reads=readers, delivered=None)
            out[msgid] = ArticleDay(msgid, "", "", None, values, sources)
    return list(out.values())


def account_day(
    day: date,
    summary: dict[str, Any] | None,
    users: dict[str, Any] | None,
    cumulate: dict[str, Any] | None,
) -> AccountDay:
    """The account's figures for ``day`` from getbizsummary, getusersummary, getusercumulate."""
    wanted = day.isoformat()
    values: dict[str, int | None] = dict.fromkeys(ACCOUNT_FIELDS)
    for item in (summary or {}).get("list") or []:
        if str(item.get("ref_date")) == wanted:
            detail = item.get("detail") or {}
            values.update({k: _count(detail.get(name)) for k, name in ACCOUNT_FIELDS.items()})
    rows = [i for i in (users or {}).get("list") or [] if str(i.get("ref_date")) == wanted]
    for column, name in (("new_followers", "new_user"), ("cancelled_followers", "cancel_user")):
        counts = [_count(i.get(name)) for i in rows]
        values[column] = sum(c for c in counts if c is not None) if rows else None
    values["followers"] = None
    for item in (cumulate or {}).get("list") or []:
        if str(item.get("ref_date")) == wanted:
            values["followers"] = _count(item.get("cumulate_user"))
    return AccountDay(day, values)


def _from_detail(
    item: dict[str, Any], day: date, read_item: dict[str, Any] | None
) -> ArticleDay | None:
    wanted, before = day.isoformat(), (day - timedelta(days=1)).isoformat()
    entries = {str(e.get("stat_date")): e for e in item.get("detail_list") or []}
    today = entries.get(wanted)
    if today is None and read_item is None:
        return None
    published = _date(item.get("ref_date"))
    yesterday = entries.get(before)
    first_day = published is not None and published >= day
    values: dict[str, int | None] = {}
    for column, name in FIELDS.items():
        now = None if today is None else _count(today.get(name))
        then = _count(yesterday.get(name)) if yesterday is not None else (0 if first_day else None)
        values[column] = None if now is None or then is None or now < then else now - then
    values["delivered"] = None
    if first_day and today is not None and _int(item.get("publish_type")) != NOT_PUSHED:
        values["delivered"] = delivered(today)
    sources: dict[str, int] = {}
    if read_item is not None:
        values["reads"], sources = _readers(read_item.get("detail") or {})
    return ArticleDay(
        msgid=str(item.get("msgid", "")),
        title=str(item.get("title") or ""),
        url=str(item.get("content_url") or ""),
        published=published,
        values=values,
        sources=sources,
    )


def delivered(entry: dict[str, Any]) -> int | None:
    """送达人数 of a getarticletotaldetail entry (see the module's decisions), or None."""
    target = _count(entry.get("target_user"))
    if target is not None:
        return target
    rate = entry.get("read_delivery_rate")
    if isinstance(rate, bool) or not isinstance(rate, int | float) or rate <= 0:
        return None
    share = rate / 100 if rate > 1 else float(rate)
    readers = _sources(entry).get(MESSAGE_SCENE)
    if not readers:
        return None
    return round(readers / share)


def _readers(detail: dict[str, Any]) -> tuple[int | None, dict[str, int]]:
    return _count(detail.get("read_user")), _sources(detail)


def _sources(entry: dict[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for source in entry.get("read_user_source") or []:
        if not isinstance(source, dict):
            continue
        name, count = str(source.get("scene_desc") or ""), _count(source.get("user_count"))
        if name and count is not None:
            out[name] = count
    return out


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value or ""))
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    number = _int(value)
    return number if number is not None and number >= 0 else None
