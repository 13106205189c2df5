"""Which language a page is shown in: ?lang= (remembered in the session), then Accept-Language."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale, refresh

from app.catalogs import install_in_templates
from app.extensions import babel

# Locales a person can choose, each named in its own language for the switch in the top bar;
# the first is the source language of every string (BABEL_DEFAULT_LOCALE).
LANGUAGES = {"zh_Hans_CN": "中文", "en": "English"}
DEFAULT_LOCALE = next(iter(LANGUAGES))
# The value of <html lang> (BCP 47) for each locale.
HTML_LANG = {"zh_Hans_CN": "zh-CN", "en": "en"}
# Accept-Language tags that stand for each locale; werkzeug also matches "en-US" to "en".
ACCEPT_TAGS = {"zh-CN": "zh_Hans_CN", "zh": "zh_Hans_CN", "en": "en"}
SESSION_KEY = "lang"


def remember_choice() -> None:
    """Keep a valid ?lang= in the session (unknown values are ignored); choose afresh."""
    # Flask-Babel caches the locale on `g`, which outlives a request when an app context was
    # pushed around several of them (tests, scripts); each request decides for itself.
    refresh()
    wanted = request.args.get("lang")
    if wanted in LANGUAGES and session.get(SESSION_KEY) != wanted:
        session[SESSION_KEY] = wanted


def select_locale() -> str | None:
    """The locale of this request: the remembered choice, else the best Accept-Language match."""
    # None means BABEL_DEFAULT_LOCALE; the CLI and the worker (no request) always get it, so
    # texts they store or send stay in the source language.
    if not has_request_context():
        return None
    for chosen in (request.args.get("lang"), session.get(SESSION_KEY)):
        if chosen in LANGUAGES:
            return chosen
    available = _available()
    tags = [tag for tag, locale in ACCEPT_TAGS.items() if locale in available]
    best = request.accept_languages.best_match(tags)
    return ACCEPT_TAGS[best] if best else None


def _available() -> set[str]:
    """The locales with a catalog, looked up once per app (it lists and parses folders)."""
    extensions = current_app.extensions
    if "hemline_locales" not in extensions:
        extensions["hemline_locales"] = {str(locale) for locale in babel.list_translations()}
    found: set[str] = extensions["hemline_locales"]
    return found


def current_language() -> str:
    """The locale code the page is rendered in (a key of LANGUAGES)."""
    locale = str(get_locale() or DEFAULT_LOCALE)
    return locale if locale in LANGUAGES else DEFAULT_LOCALE


def html_lang(code: str | None = None) -> str:
    """The <html lang> value of `code`, by default of the current language."""
    return HTML_LANG[code or current_language()]


def language_url(code: str) -> str:
    """This page's URL with ?lang=`code`, keeping the other query parameters."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [code]
    return f"{request.script_root}{request.path}?{urlencode(args, doseq=True)}"


def init_app(app: Flask) -> None:
    """Attach Flask-Babel with the locale selector and give templates the language switch."""
    babel.init_app(app, locale_selector=select_locale)
    install_in_templates(app)
    app.before_request(remember_choice)
    app.jinja_env.globals.update(
        LANGUAGES=LANGUAGES,
        current_language=current_language,
        html_lang=html_lang,
        language_url=language_url,
    )
