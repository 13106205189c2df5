"""公众号 statistics (datacube) as one day's figures per article. Pure.

``datacube/getarticletotaldetail`` answers, for the articles *published* in [begin_date,
end_date], a ``detail_list`` with one entry per ``stat_date``; each entry's figures are the
totals from the publish date up to that stat date (cumulative). So a day's own figures are the
entry of that day minus the entry of the day before (or the entry itself on the publish day).

Decisions:
- ``msgid`` is ``<msg_data_id>_<index>`` (index 1-based within a group send); it is kept whole
  as the row's platform id.
- A figure missing from the answer is unknown (None), never 0; a day's figure that would be
  negative (WeChat corrected a total downwards) is unknown too.
- ``is_delay`` true means WeChat has not finished the day's numbers: the caller must not store
  anything and ask again later.
- The figures read: read_user → reads, share_user → shares, like_user → likes,
  comment_count → comments, collection_user → favorites. Delivered is not in this answer.
- Without the previous day's entry, a day's figures are known only on the publish day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

FIELDS = {
    "reads": "read_user",
    "shares": "share_user",
    "likes": "like_user",
    "comments": "comment_count",
    "favorites": "collection_user",
}
LOOKBACK_DAYS = 30  # an article's figures keep changing for about a month


@dataclass(frozen=True)
class ArticleDay:
    """One article's own figures for one day."""

    msgid: str
    title: str
    published: date | None
    values: dict[str, int | None]


def request_window(day: date) -> tuple[str, str]:
    """begin_date and end_date that cover every article still changing on ``day``."""
    return (day - timedelta(days=LOOKBACK_DAYS - 1)).isoformat(), day.isoformat()


def is_delayed(answer: dict[str, Any]) -> bool:
    """True when WeChat says the numbers are not final yet."""
    return bool(answer.get("is_delay"))


def article_days(answer: dict[str, Any], day: date) -> list[ArticleDay]:
    """Each article's own figures for ``day`` (articles without an entry for it are left out)."""
    out = []
    wanted, before = day.isoformat(), (day - timedelta(days=1)).isoformat()
    for item in answer.get("list") or []:
        entries = {str(e.get("stat_date")): e for e in item.get("detail_list") or []}
        today = entries.get(wanted)
        if today is None:
            continue
        published = None
        try:
            published = date.fromisoformat(str(item.get("ref_date", "")))
        except ValueError:
            pass
        yesterday = entries.get(before)
        first_day = published is not None and published >= day
        values: dict[str, int | None] = {}
        for column, name in FIELDS.items():
            now = _count(today.get(name))
            then = (
                _count(yesterday.get(name)) if yesterday is not None else (0 if first_day else None)
            )
            if now is None or then is None or now < then:
                values[column] = None
            else:
                values[column] = now - then
        out.append(
            ArticleDay(
                msgid=str(item.get("msgid", "")),
                title=str(item.get("title", "")),
                published=published,
                values=values,
            )
        )
    return out


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None
