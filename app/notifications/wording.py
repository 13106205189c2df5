"""Notices in the reader's language.

A notice stores what it says as ``Words`` (app.notifications.events) in ``Notification.params``;
here each message key is translated through the catalog and its parameters filled in: strings
(names of pieces, channels, people; reasons people wrote; platform errors) are user content and
marked so on pages, integers are numbers. A row without readable params (older ones) shows its
stored title and text, marked as user content: nobody can translate them any more.
Without a request (CLI, worker, bots, e-mail) the words read in Chinese, exactly as ``str()``.
"""

from __future__ import annotations

from typing import Any, Protocol

from flask import has_request_context
from flask_babel import gettext as _
from markupsafe import Markup, escape

from app.models import Notification
from app.notifications.events import NOTICE_WORDS, Words


def _marked(value: object) -> Markup:
    """A user-written value in a notice (app.templating.user_content's mark; the notices sit
    below the templates, so they keep their own two lines)."""
    if value == "":
        return Markup("")
    return Markup("".join(("<span data-user-content>", escape(value), "</span>")))


def _filled(key: str, values: dict[str, Any], html: bool) -> str:
    """The message of ``key`` in the reader's language with ``values`` (the Chinese source when a
    translation does not take these parameters, rather than failing the page)."""
    source = NOTICE_WORDS[key]
    texts = (_(source), source) if has_request_context() else (source,)
    for text in texts:
        try:
            return (Markup(escape(text)) if html else text) % values
        except (KeyError, TypeError, ValueError):
            continue
    raise ValueError(f"notice wording {key!r} does not take {sorted(values)}")


def write(words: Words) -> Markup:
    """``words`` in the reader's language as HTML, the user content marked."""
    html = Markup("")
    for part in words.parts:
        if isinstance(part, str):
            html += _marked(part)
            continue
        key, params = part
        values = {n: _marked(v) if isinstance(v, str) else str(v) for n, v in params}
        html += Markup(_filled(key, values, html=True))
    return html


def say(words: Words) -> str:
    """``words`` in the reader's language as plain text."""
    return "".join(
        part if isinstance(part, str) else _filled(part[0], dict(part[1]), html=False)
        for part in words.parts
    )


def _stored(notice: Notification, field: str) -> Words | None:
    params = notice.params if isinstance(notice.params, dict) else {}
    return Words.from_json(params.get(field)) if field in params else None


def title(notice: Notification) -> Markup:
    """The notice's title for a page (its stored title when it has no readable words)."""
    words = _stored(notice, "title")
    return write(words) if words else _marked(notice.title)


def text(notice: Notification) -> Markup:
    """The notice's text for a page (its stored text when it has no readable words)."""
    words = _stored(notice, "text")
    return write(words) if words else _marked(notice.text)


# --- a stored error in the reader's language (issue 20) -------------------------------------------


class StoredError(Protocol):
    """A row that keeps its last error twice: ``last_error`` in Chinese as it was said (logs, the
    CLI, bots) and ``last_error_params`` as ``Words`` JSON (a publish job, a take-down task, an
    outbox message, a channel's health figures)."""

    @property
    def last_error(self) -> str: ...

    @property
    def last_error_params(self) -> Any: ...


def stored_error_words(row: StoredError) -> Words | None:
    """The row's error as words, or None when it has none that still match its text (older rows,
    or a text somebody stored after ours without keys)."""
    words = Words.from_json(row.last_error_params)
    if words is None or str(words) != row.last_error:
        return None
    return words


def error_html(row: StoredError | None) -> Markup:
    """The row's error for a page, in the reader's language (its stored text, marked as user
    content, on older rows)."""
    if row is None or not row.last_error:
        return Markup("")
    words = stored_error_words(row)
    return write(words) if words else write(Words.as_is(row.last_error))


def error_text(row: StoredError | None) -> str:
    """The row's error as plain text in the reader's language (titles, tooltips, JSON)."""
    if row is None or not row.last_error:
        return ""
    words = stored_error_words(row)
    return say(words) if words else row.last_error
