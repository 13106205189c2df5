"""Flask-Babel: Chinese by default, English by ?lang= or Accept-Language, all UI text wrapped."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

from app.checks.reporting import report_labels
from app.extensions import db
from app.labels import STATUS_LABELS
from app.models import User
from app.workflow import Status
from tests.conftest import _app_for, login

TRANSLATIONS = Path(__file__).resolve().parent.parent / "app" / "translations"
TEMPLATES = Path(__file__).resolve().parent.parent / "app" / "templates"


def _catalogs() -> dict[str, Catalog]:
    """Every committed .po catalog by locale."""
    catalogs = {}
    for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as handle:
            catalogs[po.parent.parent.name] = read_po(handle)
    return catalogs


@pytest.fixture(scope="session")
def compiled_translations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed .po files compiled into a temporary folder (the .mo files are not in git)."""
    folder = tmp_path_factory.mktemp("translations")
    for locale, catalog in _catalogs().items():
        target = folder / locale / "LC_MESSAGES"
        target.mkdir(parents=True)
        with (target / "messages.mo").open("wb") as handle:
            write_mo(handle, catalog)
    return folder


@contextmanager
def _app_with_translations(app: Flask, folder: Path) -> Iterator[Flask]:
    """The app on `app`'s database, reading compiled catalogs from `folder` (a new app: its
    catalogs are loaded afresh, app/catalogs.py)."""
    application = _app_for(
        app.config["SQLALCHEMY_DATABASE_URI"],
        UPLOAD_FOLDER=app.config["UPLOAD_FOLDER"],
        BABEL_TRANSLATION_DIRECTORIES=str(folder),
    )
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def i18n_app(app: Flask, compiled_translations: Path) -> Iterator[Flask]:
    """The application with the English catalog available."""
    with _app_with_translations(app, compiled_translations) as application:
        yield application


@pytest.fixture
def i18n_client(i18n_app: Flask) -> FlaskClient:
    return i18n_app.test_client()


def _text(client: FlaskClient, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_the_default_page_is_chinese(i18n_client: FlaskClient) -> None:
    page = _text(i18n_client, "/login")
    assert '<html lang="zh-CN">' in page
    assert "<h1>登录 Hemline</h1>" in page and ">登录</button>" in page
    assert "Sign in" not in page


def test_lang_en_shows_english_and_is_remembered(i18n_client: FlaskClient) -> None:
    page = _text(i18n_client, "/login?lang=en")
    assert '<html lang="en">' in page
    assert "<h1>Sign in to Hemline</h1>" in page and ">Sign in</button>" in page
    assert '<label for="username">Username</label>' in page
    with i18n_client.session_transaction() as session:
        assert session["lang"] == "en"
    assert "<h1>Sign in to Hemline</h1>" in _text(i18n_client, "/login")
    assert "<h1>登录 Hemline</h1>" in _text(i18n_client, "/login?lang=zh_Hans_CN")
    assert "<h1>登录 Hemline</h1>" in _text(i18n_client, "/login")


def test_nav_links_are_english_after_login(
    i18n_client: FlaskClient, make_user: Callable[..., User]
) -> None:
    login(i18n_client, make_user("writer", "reviewer", "manager"))
    page = _text(i18n_client, "/?lang=en")
    for label in ("Dashboard", "Topics", "Pieces", "Content calendar", "Review queue"):
        assert f">{label}</a>" in page
    assert ">Sign out</button>" in page and 'aria-label="Notifications"' in page
    assert "工作台" not in page
    pieces = _text(i18n_client, "/pieces")
    assert "<h1>Pieces</h1>" in pieces and ">All statuses</option>" in pieces
    assert ">Changes requested</option>" in pieces  # a lazy label from app.workflow
    assert "<h1>Review queue" in _text(i18n_client, "/review/")


def test_flash_messages_follow_the_language(i18n_client: FlaskClient) -> None:
    _text(i18n_client, "/login?lang=en")
    page = i18n_client.post("/login", data={"username": "nobody", "password": "x"})
    assert "Wrong username or password." in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("accept", "heading"),
    [
        ("en-US,en;q=0.9", "Sign in to Hemline"),
        ("en-GB", "Sign in to Hemline"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "登录 Hemline"),
        ("de-DE,fr;q=0.8", "登录 Hemline"),  # nothing available: the default
    ],
)
def test_accept_language_picks_the_best_available(
    i18n_client: FlaskClient, accept: str, heading: str
) -> None:
    assert f"<h1>{heading}</h1>" in _text(i18n_client, "/login", **{"Accept-Language": accept})


def test_a_remembered_choice_beats_accept_language(i18n_client: FlaskClient) -> None:
    _text(i18n_client, "/login?lang=zh_Hans_CN")
    page = _text(i18n_client, "/login", **{"Accept-Language": "en"})
    assert "<h1>登录 Hemline</h1>" in page


def test_an_unknown_lang_value_is_ignored(i18n_client: FlaskClient) -> None:
    assert "<h1>登录 Hemline</h1>" in _text(i18n_client, "/login?lang=fr")
    with i18n_client.session_transaction() as session:
        assert "lang" not in session
    _text(i18n_client, "/login?lang=en")
    assert "<h1>Sign in to Hemline</h1>" in _text(i18n_client, "/login?lang=../../etc")
    with i18n_client.session_transaction() as session:
        assert session["lang"] == "en"


def test_the_language_switch_keeps_the_query(
    i18n_client: FlaskClient, make_user: Callable[..., User]
) -> None:
    login(i18n_client, make_user("writer"))
    page = _text(i18n_client, "/pieces?status=draft")
    assert '<b aria-current="true" lang="zh-CN">中文</b>' in page
    assert 'href="/pieces?status=draft&amp;lang=en"' in page


def test_error_pages_are_translated(i18n_client: FlaskClient) -> None:
    response = i18n_client.get("/no-such-page", headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "404 · Page not found" in page and ">Back to the dashboard</a>" in page


def test_lazy_labels_are_plain_strings_for_json(i18n_app: Flask) -> None:
    with i18n_app.test_request_context("/?lang=en"):
        labels = report_labels()
        assert labels["verdicts"]["block"] == "Blocked"
        assert all(type(v) is str for group in labels.values() for v in group.values())
        assert json.loads(json.dumps(labels))["fields"]["body"] == "Body"
        assert str(STATUS_LABELS[Status.DRAFT]) == "Draft"
    with i18n_app.app_context(), i18n_app.test_request_context("/"):
        assert str(STATUS_LABELS[Status.DRAFT]) == "草稿"


def test_every_notice_event_has_one_label_in_both_languages(i18n_app: Flask) -> None:
    from app.notifications.events import EVENT_LABELS, Event
    from app.notifications.views import event_label

    assert set(EVENT_LABELS) == {event.value for event in Event}
    with i18n_app.app_context(), i18n_app.test_request_context("/?lang=en"):
        english = {event: event_label(event) for event in Event}
    with i18n_app.app_context(), i18n_app.test_request_context("/"):
        assert event_label(Event.SUBMITTED) == "新稿件待审核"
    untranslated = [event for event, label in english.items() if label == EVENT_LABELS[event]]
    assert untranslated == [] and english[Event.SUBMITTED] == "New piece to review"
    assert event_label("no_such_event") == "no_such_event"


def test_outside_a_request_labels_stay_chinese(i18n_app: Flask) -> None:
    # CLI commands and the publishing worker run without a request: texts they store or send
    # stay in the source language whatever the catalogs offer.
    assert str(STATUS_LABELS[Status.IN_REVIEW]) == "审核中"
    assert f"{STATUS_LABELS[Status.IN_REVIEW]}" == "审核中"


def test_without_a_compiled_catalog_pages_fall_back_to_chinese(app: Flask, tmp_path: Path) -> None:
    with _app_with_translations(app, tmp_path / "none") as application:
        client = application.test_client()
        page = _text(client, "/login", **{"Accept-Language": "en"})
        assert '<html lang="zh-CN">' in page and "<h1>登录 Hemline</h1>" in page
        assert "<h1>登录 Hemline</h1>" in _text(client, "/login?lang=en")


# --- the catalogs -------------------------------------------------------------------------------


def test_the_english_catalog_is_complete_for_the_shell_and_valid() -> None:
    catalog = _catalogs()["en"]
    assert not list(catalog.check())  # placeholders match their msgid
    shell = ("工作台", "审核队列", "登录 Hemline", "上一页", "找不到页面", "稿件", "筛选")
    assert all(catalog[msgid] and catalog[msgid].string for msgid in shell)


def test_translations_add_no_quote_characters() -> None:
    # Translated strings land in attributes and in confirm('…'); a quote the source does not
    # have would end them early. Use typographic quotes (“ ” ’) in translations instead.
    for locale, catalog in _catalogs().items():
        for message in catalog:
            if not message.id or not message.string:
                continue
            added = {q for q in "'\"" if q in str(message.string) and q not in str(message.id)}
            assert not added, (locale, message.id, message.string)


# --- every visible Chinese string goes through gettext ------------------------------------------

CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”]")
LITERAL = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
TRANSLATED = (
    re.compile(r"\{#.*?#\}", re.S),  # template comments are not shown
    re.compile(r"\{%-?\s*trans\b.*?%\}.*?\{%-?\s*endtrans\s*-?%\}", re.S),
    re.compile(rf"\b(?:_|gettext|ngettext|pgettext|npgettext)\(\s*{LITERAL}(?:\s*,\s*{LITERAL})*"),
    # Chinese on purpose in every language (an example of a Chinese term), marked as such.
    re.compile(r'<(code|span|q)\b[^>]*\blang="zh[^"]*"[^>]*>[^<]*</\1>'),
)
# Deliberately untranslated: the language switch names itself in both languages.
ALLOWED = {"base.html": ["Language / 语言"]}


def untranslated_lines(text: str, allowed: list[str] | None = None) -> list[int]:
    """Numbers of the lines with Chinese (letters or full-width punctuation) outside gettext."""
    for exception in allowed or []:
        text = text.replace(exception, " " * len(exception))
    for pattern in TRANSLATED:  # blank out what is translated, keeping line numbers
        text = pattern.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)
    return [n for n, line in enumerate(text.splitlines(), start=1) if CHINESE.search(line)]


def test_the_scanner_finds_unwrapped_text() -> None:
    sample = (
        "{# 注释 #}<p>{{ _('好') }}</p>{% trans n=1 %}共 {{ n }} 条{% endtrans %}\n"
        "<button title=\"删除\">{{ pgettext('weekday', '一') }}</button>\n"
        "<p>{{ x or '（无）' }}{{ _(\"“%(t)s”\", t=x) }}</p>\n"
        "<p>{{ ', '.join(y) }} Language / 语言</p>\n"
    )
    assert untranslated_lines(sample) == [2, 3, 4]
    assert untranslated_lines(sample, allowed=["Language / 语言"]) == [2, 3]


def test_no_template_shows_untranslated_chinese() -> None:
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for number in untranslated_lines(text, ALLOWED.get(name)):
            problems.append(f"{name}:{number}: {lines[number - 1].strip()}")
    assert not problems, "wrap these in _() or {% trans %}:\n" + "\n".join(problems)


# --- every message the source uses has its English -----------------------------------------------


def _extracted_ids() -> dict[tuple[str, str | None], str]:
    """Every (message id, context) `make translations-extract` finds, with its first location."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    root = TRANSLATIONS.parent.parent
    with (TRANSLATIONS / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "N_": None}
    found: dict[tuple[str, str | None], str] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=keywords
    ):
        msgid = message if isinstance(message, str) else message[0]
        if msgid:
            found.setdefault((msgid, context), f"{filename}:{lineno}")
    return found


def test_every_message_id_has_its_english() -> None:
    # The catalog as it stands once the pending fragments (app/translations/en/pending/*.po)
    # are merged: a string wrapped in _() without an English msgstr anywhere fails here.
    from app.i18n_merge import merged_catalog

    catalog = merged_catalog("en")
    extracted = _extracted_ids()
    assert len(extracted) > 800
    missing = []
    for (msgid, context), where in sorted(extracted.items(), key=lambda item: item[1]):
        message = catalog.get(msgid, context)
        string = message.string if message is not None and not message.fuzzy else ""
        if not (all(string) if isinstance(string, tuple) else string):
            missing.append(f"{where}: {msgid}")
    assert not missing, "no English for these (translate in a pending fragment):\n" + "\n".join(
        missing
    )


def test_each_app_reads_its_own_catalogs(
    app: Flask, compiled_translations: Path, tmp_path: Path
) -> None:
    """Flask-Babel kept one catalog cache for every app of the process (the default domain is
    cached on the shared Babel object), so an app reading another folder got the first app's
    English; each app now keeps its own (app/catalogs.py)."""
    with _app_with_translations(app, compiled_translations) as english:
        assert "<h1>Sign in to Hemline</h1>" in _text(english.test_client(), "/login?lang=en")
    with _app_with_translations(app, tmp_path) as without:  # no catalog in this folder
        assert "<h1>登录 Hemline</h1>" in _text(without.test_client(), "/login?lang=en")


def test_the_kept_translations_follow_force_locale_and_refresh(i18n_app: Flask) -> None:
    """What a request keeps (app/catalogs.py) never outlives a change of language inside it."""
    from flask import render_template_string, session
    from flask_babel import force_locale, gettext, refresh

    with i18n_app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert gettext("审核队列") == "Review queue"
        assert render_template_string("{{ _('审核队列') }}") == "Review queue"
        with force_locale("zh_Hans_CN"):
            assert gettext("审核队列") == "审核队列"
            assert render_template_string("{{ _('审核队列') }}") == "审核队列"
        assert gettext("审核队列") == "Review queue"
        assert render_template_string("{{ _('审核队列') }}") == "Review queue"
        session["lang"] = "zh_Hans_CN"  # a choice made during the request, then refresh()
        refresh()
        assert gettext("审核队列") == "审核队列"
        assert render_template_string("{{ _('审核队列') }}") == "审核队列"


# What a template may ask of _(), gettext() and {% trans %}: constants, %% and variables (escaped
# unless Markup), inside and outside autoescaping, the same text twice (the second from the cache).
TEMPLATE_TEXTS = [
    "{{ _('审核队列') }}{{ _('审核队列') }}",
    "{{ _('上限 100%%') }}|{{ gettext('上限 100%%') }}",
    "{{ _('%(name)s 正在审核', name=who) }}",
    "{{ _('%(name)s 正在审核', name=who|safe) }}",
    "{{ _('%(context)s：%(string)s', context=who, string='x') }}",  # any variable name
    "{{ _('a & b') }}|{{ _('a & b')|e }}|{{ _('a & b')|length }}",
    "{% trans n=who %}{{ n }} 正在审核{% endtrans %}",
    "{% autoescape false %}{{ _('%(name)s 正在审核', name=who) }}{{ _('a & b')|e }}"
    "{% endautoescape %}{{ _('a & b')|e }}",
]


@pytest.mark.parametrize("source", TEMPLATE_TEXTS)
def test_template_gettext_answers_as_jinja_newstyle_does(app: Flask, source: str) -> None:
    """The templates' own _() (app/catalogs.py: one call, constants kept per catalog) gives what
    Jinja's newstyle gettext gives for the same source, in the source language."""
    from flask import render_template_string
    from jinja2 import Environment

    stock = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    stock.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: s, ngettext=lambda s, p, n: s if n == 1 else p, newstyle=True
    )
    expected = stock.from_string(source).render(who="<i>王</i>")
    with app.test_request_context("/"):
        for _ in range(2):  # the second time the constants come from the cache
            assert render_template_string(source, who="<i>王</i>") == expected
    assert "&lt;i&gt;" in expected or "<i>" not in source


def test_a_translated_constant_is_kept_per_language(i18n_client: FlaskClient) -> None:
    """The constants kept for one catalog never answer for the other language."""
    for lang, heading in [("en", "Sign in to Hemline"), ("zh_Hans_CN", "登录 Hemline")] * 2:
        assert f"<h1>{heading}</h1>" in _text(i18n_client, f"/login?lang={lang}")


def _required_message(application: Flask, language: str) -> str:
    """WTForms' own "required" message (a validator without a message of its own) as a form
    of the app shows it to a reader of `language`."""
    from flask_babel import refresh

    from app.lexicon.forms import CategoryForm

    with application.test_request_context(
        "/", method="POST", data={"label": "x"}, headers={"Accept-Language": language}
    ):
        refresh()  # the fixture's app context outlives each request: its g keeps the locale
        form = CategoryForm(meta={"csrf": False})
        assert not form.validate()
        return str(form.name.errors[0])


def test_wtforms_messages_follow_the_language_and_are_read_once(
    i18n_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Flask-WTF read WTForms' catalog from disk for every request that used a form (~8 % of the
    new-piece page); the app's forms keep it per language (app.catalogs.wtforms_translations)."""
    from babel.support import Translations

    loads: list[str] = []
    load = Translations.load

    def counting_load(*args: object, **kwargs: object) -> object:
        loads.append(str(kwargs.get("domain")))
        return load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Translations, "load", counting_load)
    assert _required_message(i18n_app, "zh-CN") == "该字段是必填字段。"
    assert _required_message(i18n_app, "en") == "This field is required."
    for _ in range(3):
        assert _required_message(i18n_app, "zh-CN") == "该字段是必填字段。"
        assert _required_message(i18n_app, "en") == "This field is required."
    assert loads.count("wtforms") == 2  # once per language, not once per request


def test_every_form_of_the_app_keeps_wtforms_catalogs() -> None:
    """A form built on Flask-WTF's FlaskForm directly would read WTForms' catalog per request."""
    import importlib
    import pkgutil

    from flask_wtf import FlaskForm

    import app as package
    from app.forms import Form

    for module in pkgutil.walk_packages(package.__path__, "app."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)

    def subclasses(cls: type) -> list[type]:
        return [sub for direct in cls.__subclasses__() for sub in (direct, *subclasses(direct))]

    ours = [cls for cls in subclasses(FlaskForm) if cls.__module__.startswith("app.")]
    assert len(ours) >= 30
    assert [cls.__qualname__ for cls in ours if not issubclass(cls, Form)] == []
