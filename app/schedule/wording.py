"""The posting policy's messages in the reader's language.

``app.schedule.policy`` is pure and writes its messages in Chinese; each also comes as a
``Phrase`` (message ids marked with N_ and their parameters). Here a phrase is translated
through the catalog and its dates, weeks, times and spans are written in the locale's formats.
Without a request (CLI, worker) or in Chinese the phrase reads exactly as ``str(phrase)``.
"""

from __future__ import annotations

from datetime import date, timedelta

from babel import Locale
from babel.dates import format_date, format_time
from flask import has_request_context
from flask_babel import get_locale
from flask_babel import gettext as _

from app.schedule.policy import At, Clocks, Day, Param, Phrase, Verdict, Violation, Week


def _locale() -> Locale | None:
    """The reader's locale; None when the messages stay Chinese."""
    if not has_request_context():
        return None
    locale = get_locale()
    return None if locale is None or locale.language == "zh" else locale


def _day(day: date, locale: Locale) -> str:
    return format_date(day, "EEE d MMM", locale=locale)


def _short(day: date, locale: Locale) -> str:
    return format_date(day, "d MMM", locale=locale)


def _value(value: Param, locale: Locale) -> str:
    if isinstance(value, Phrase):
        return _say(value, locale)
    if isinstance(value, Day):
        return _day(value.day, locale)
    if isinstance(value, Week):
        first, last = value.first, value.first + timedelta(days=6)
        return f"{_short(first, locale)} – {_short(last, locale)}"
    if isinstance(value, At):
        local = value.local
        text = f"{_day(local.date(), locale)} {format_time(local, 'HH:mm', locale=locale)}"
        return f"{text} ({value.display.key})" if value.foreign else text
    if isinstance(value, Clocks):
        return ", ".join(value.clocks())
    return str(value)


def _say(phrase: Phrase, locale: Locale) -> str:
    return "".join(
        _(text, **{name: _value(value, locale) for name, value in params})
        for text, params in phrase.parts
    )


def say(phrase: Phrase | None, fallback: str = "") -> str:
    """`phrase` in the reader's language (`fallback`, the Chinese text, when there is no phrase)."""
    if phrase is None:
        return _(fallback) if fallback else ""
    locale = _locale()
    return str(phrase) if locale is None else _say(phrase, locale)


def _separator() -> str:
    return "；" if _locale() is None else "; "


def violation(item: Violation) -> str:
    """A refusal or warning in the reader's language."""
    return say(item.phrase, item.message)


def suggestion(verdict: Verdict) -> str:
    """The verdict's suggestion (and hints) in the reader's language."""
    if not verdict.suggestion_phrases:
        return say(None, verdict.suggestion)
    return _separator().join(say(phrase) for phrase in verdict.suggestion_phrases)


def message(verdict: Verdict) -> str:
    """All refusals and the suggestion as one sentence, like ``Verdict.message``."""
    parts = [violation(v) for v in verdict.violations]
    tip = suggestion(verdict)
    return _separator().join([*parts, tip] if tip else parts)


def to_dict(verdict: Verdict) -> dict[str, object]:
    """``Verdict.to_dict`` with the messages in the reader's language (codes and details as is)."""
    data = verdict.to_dict()
    data["violations"] = [{**v.to_dict(), "message": violation(v)} for v in verdict.violations]
    data["warnings"] = [{**w.to_dict(), "message": violation(w)} for w in verdict.warnings]
    data["suggestion"] = suggestion(verdict)
    return data
