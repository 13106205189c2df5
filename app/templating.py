"""Jinja filters and globals shared by every template: local times, labels, Markdown."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Flask, current_app, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from app.channels import http_link
from app.checks.reporting import FIELD_LABELS, SEVERITY_LABELS, VERDICT_LABELS, report_labels
from app.checks.services import terms_by_field
from app.js_messages import js_messages_json
from app.labels import (
    ACTION_LABELS,
    STATUS_LABELS,
    TOPIC_STATUS_LABELS,
    audit_action,
    audit_object,
)
from app.models import CHANNEL_KIND_LABELS, CONTENT_TYPE_LABELS, DECISION_LABELS, ROLE_LABELS
from app.rendering import render_markdown
from app.zones import display_zone


def localtime(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Format a UTC datetime in the viewer's zone."""
    if value is None:
        return ""
    return value.astimezone(display_zone(current_user)).strftime(fmt)


def age(value: datetime | None) -> str:
    """Human age such as “3 小时” or “2 天 4 小时” (in the current language)."""
    if value is None:
        return ""
    minutes = int((datetime.now(UTC) - value).total_seconds() // 60)
    if minutes < 60:
        return _("%(minutes)s 分钟", minutes=max(minutes, 0))
    hours, days = minutes // 60, minutes // 1440
    if days == 0:
        return _("%(hours)s 小时", hours=hours)
    return _("%(days)s 天 %(hours)s 小时", days=days, hours=hours % 24)


def age_hours(value: datetime | None) -> float:
    """Hours since `value`."""
    return 0.0 if value is None else (datetime.now(UTC) - value).total_seconds() / 3600


# A select option's render_kw for a choice people named (a channel, a person): the sweep skips it.
USER_CONTENT: dict[str, object] = {"data-user-content": True}


def user_content(value: object, fallback: str = "") -> Markup:
    """`value` as people wrote it (a title, a name, a term), marked so that it is never taken for
    untranslated UI text (`data-user-content`, which the screenshot sweep skips); `fallback`, a UI
    text such as “（无标题）”, when `value` is empty."""
    if value is None or value == "":
        return escape(fallback)
    # One C-level escape and a join: ``Markup(…) % value`` was ~4 µs a call, once a row (issue 16).
    return Markup("".join(("<span data-user-content>", escape(value), "</span>")))


_ID_MARK = 987654321  # stands for the id in a URL built once (IdUrl)


class IdUrl:
    """``url_for(endpoint, <key>=id, **values)`` for many integer ids from one ``url_for`` call:
    a list's per-row links (werkzeug's URL building was ~5 µs a link, issue 16)."""

    def __init__(self, endpoint: str, key: str, **values: Any) -> None:
        values[key] = _ID_MARK
        built = url_for(endpoint, **values)
        self.pattern = built.replace(str(_ID_MARK), "{}")

    def __call__(self, id: int) -> str:
        """The URL of `id` (an integer: nothing else can enter the path)."""
        return self.pattern.format(int(id))


def main_nav() -> Markup:
    """The main navigation (_mainnav.html) of the signed-in user, rendered once per app, roles,
    language and script root and then kept: ~20 url_for, _() and has_role calls on every page
    (issue 16)."""
    key = (frozenset(current_user.roles), str(get_locale()), request.script_root)
    kept: dict[tuple[frozenset[str], str, str], Markup] = current_app.extensions.setdefault(
        "hemline_main_nav", {}
    )
    if key not in kept:
        kept[key] = Markup(render_template("_mainnav.html"))
    return kept[key]


def _unread_notifications() -> int:
    """Unread notifications of the signed-in user (0 when signed out)."""
    from app.notifications.services import unread_count

    return unread_count(current_user) if current_user.is_authenticated else 0


def init_app(app: Flask) -> None:
    """Register filters and label tables."""
    app.jinja_env.filters.update(
        localtime=localtime,
        markdown=render_markdown,
        age=age,
        http_link=http_link,
        uc=user_content,
    )
    app.jinja_env.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        ACTION_LABELS=ACTION_LABELS,
        TOPIC_STATUS_LABELS=TOPIC_STATUS_LABELS,
        CONTENT_TYPE_LABELS=CONTENT_TYPE_LABELS,
        CHANNEL_KIND_LABELS=CHANNEL_KIND_LABELS,
        ROLE_LABELS=ROLE_LABELS,
        DECISION_LABELS=DECISION_LABELS,
        age_hours=age_hours,
        report_labels=report_labels,
        has_endpoint=lambda name: name in current_app.view_functions,
        unread_notifications=_unread_notifications,
        main_nav=main_nav,
        js_messages_json=js_messages_json,
        audit_action=audit_action,
        audit_object=audit_object,
        VERDICT_LABELS=VERDICT_LABELS,
        SEVERITY_LABELS=SEVERITY_LABELS,
        FIELD_LABELS=FIELD_LABELS,
        terms_by_field=terms_by_field,
        id_url=IdUrl,
    )
