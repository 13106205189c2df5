"""Flask-Babel with the request's translations at hand, and one catalog cache per app.

Every ``_()`` — 50 to 90 per page, most of them in templates — looked the request's translations
up through Flask-Babel's ``get_domain()``, ``get_locale()`` and the domain's cache: three
``flask.g`` proxies twice over, and ``str(locale)`` for the cache key, about 10 µs per word before
Jinja's own formatting (17 % of the review queue's CPU under cProfile; issue 16). The domain here
remembers the translations it last gave the request beside the locale object they were for, so
the next word costs one ``g`` lookup (~0.4 µs). Flask-Babel's ways to change the language inside
a request still work: ``refresh()`` drops the locale and ``force_locale()`` puts another object
in its place, so the kept pair no longer matches and the translations are looked up again.

Flask-Babel also kept its default domain — and with it the loaded catalogs — on the ``Babel``
object shared by every app of the process, so an app reading its catalogs from another folder
(BABEL_TRANSLATION_DIRECTORIES) got whatever the first app had loaded. Each app keeps its own.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from babel.support import NullTranslations, Translations
from flask import Flask, current_app, g
from flask_babel import Babel, Domain, get_domain, get_locale
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

KEPT = "hemline_translations"  # on Flask-Babel's per-request namespace
DOMAIN = "hemline_babel_domain"  # in app.extensions
TEXTS = "_hemline_texts"  # on a Translations object: its finished texts without variables
WTFORMS = "hemline_wtforms_catalogs"  # in app.extensions: locale name → WTForms' own catalog
MAX_TEXTS = 5000  # a template translating a value that varies must not grow the cache for ever


def _state() -> SimpleNamespace | None:
    """Flask-Babel's per-request namespace (on ``g``), when there is one."""
    try:
        holder = g._get_current_object()
    except RuntimeError:  # no app context
        return None
    state: SimpleNamespace | None = vars(holder).get("_flask_babel")
    return state


def _kept(state: SimpleNamespace | None, domain: Domain | None) -> Any:
    """The translations kept for the request's current locale and ``domain``, or None."""
    if state is None:
        return None
    values = vars(state)
    kept = values.get(KEPT)
    if kept is not None and kept[0] is values.get("babel_locale") and kept[2] is domain:
        return kept[1]
    return None


class KeptDomain(Domain):
    """A domain whose catalogs outlive the request, remembering the request's translations."""

    def get_translations(self) -> Translations | NullTranslations:
        kept = _kept(_state(), self)
        if kept is not None:
            return kept
        translations = super().get_translations()
        state = _state()
        locale = vars(state).get("babel_locale") if state is not None else None
        if state is not None and locale is not None:
            setattr(state, KEPT, (locale, translations, self))
        return translations


class KeptBabel(Babel):
    """Flask-Babel whose default domain is one object per app (see the module): each app may read
    its catalogs from other folders (BABEL_TRANSLATION_DIRECTORIES), so each keeps its own."""

    @property
    def domain_instance(self) -> Domain:
        extensions = current_app.extensions
        domain: Domain | None = extensions.get(DOMAIN)
        if domain is None:
            domain = extensions[DOMAIN] = KeptDomain(domain=self.domain)
        return domain


def translations() -> Translations | NullTranslations:
    """The current request's translations (the templates' gettext)."""
    state = _state()
    kept = _kept(state, vars(state).get("babel_domain") if state is not None else None)
    return kept if kept is not None else get_domain().get_translations()


def template_text(translations: Translations | NullTranslations, string: str, escape: bool) -> Any:
    """``string`` translated as Jinja's newstyle ``_()`` without variables returns it (Markup
    when the template escapes, ``%%`` read as ``%``), kept on ``translations`` for the next call."""
    texts: dict[tuple[str, bool], Any] | None = vars(translations).get(TEXTS)
    if texts is None:
        texts = {}
        setattr(translations, TEXTS, texts)
    text = texts.get((string, escape))
    if text is None:
        text = translations.ugettext(string)
        text = (Markup(text) if escape else text) % {}
        if len(texts) < MAX_TEXTS:
            texts[string, escape] = text
    return text


def install_in_templates(app: Flask) -> None:
    """Jinja's gettext family through :func:`translations` (after Flask-Babel's init_app).

    ``_()`` and ``gettext()`` — the most frequent call of a page — are one function that gives
    the same result as Jinja's newstyle gettext: Jinja's version goes through three
    ``Context.call`` layers (``_`` resolving ``gettext``, its wrapper, the callable) and formats
    even a text without variables on every call; a constant text comes here from a dict kept
    per catalog (issue 16).
    """

    def gettext(string: str) -> Any:
        return translations().ugettext(string)

    def ngettext(singular: str, plural: str, n: int) -> Any:
        return translations().ungettext(singular, plural, n)

    def pgettext(context: str, string: str) -> Any:
        return translations().upgettext(context, string)

    def npgettext(context: str, singular: str, plural: str, n: int) -> Any:
        return translations().unpgettext(context, singular, plural, n)

    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]  # jinja2.ext.i18n
        gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext, newstyle=True
    )

    @pass_eval_context
    def template_gettext(context: EvalContext, string: str, /, **variables: Any) -> Any:
        if not variables:
            return template_text(translations(), string, context.autoescape)
        text = translations().ugettext(string)
        return (Markup(text) if context.autoescape else text) % variables

    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext)


def wtforms_translations() -> Translations | NullTranslations | None:
    """WTForms' own messages ("This field is required.", "Not a valid choice.") in the request's
    language, read from disk once per app and locale (the forms' ``Meta``, app.forms.Form).

    Flask-WTF loads that catalog anew for every request that renders or validates a form and
    keeps it on the request only: ~1.5 M instructions, 8 % of the new-piece page (callgrind;
    issue 16). ``WTF_I18N_ENABLED = False`` still turns WTForms' translations off.
    """
    if not current_app.config.get("WTF_I18N_ENABLED", True):
        return None
    from wtforms.i18n import messages_path

    locale = get_locale()
    if locale is None:
        return None
    catalogs: dict[str, Translations | NullTranslations] = current_app.extensions.setdefault(
        WTFORMS, {}
    )
    key = str(locale)
    translations = catalogs.get(key)
    if translations is None:
        translations = catalogs[key] = Translations.load(
            messages_path(), [locale], domain="wtforms"
        )
    return translations
