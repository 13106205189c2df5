"""Form helpers shared by the views: action forms, and refusals answered in place.

A refused action (a service raising a ``DomainError``, or an illegal move of the state machine)
is answered on the page the person was on: ``answers_in_place`` re-renders that page with the
reason next to the control that was used (``g.refusal``, shown by the ``refusal`` macro of
``macros.html``), the posted input kept (the page's forms read it back from ``request.form``) and
the refusal's status (400, 403, 409…). Callers that want JSON (``app.errors.wants_json``: the
API, the scripts' ``fetch``) get the app's one JSON error shape instead, from ``app.errors``:
``{"error": code, "message": …, "status": …, "field": …}``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, cast

from flask import current_app, g, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from app.catalogs import wtforms_translations
from app.errors import N_, DomainError, InvalidInput, NotFound, Unauthenticated, wants_json
from app.extensions import db
from app.inputs import safe_next
from app.labels import refusal as transition_refusal
from app.workflow import IllegalTransition

View = TypeVar("View", bound=Callable[..., Any])


class Form(FlaskForm):
    """The app's forms: Flask-WTF's, with WTForms' own messages read once per language
    (app.catalogs.wtforms_translations) instead of from disk on every request."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form: Any) -> Any:
            return wtforms_translations()


# Refusals that have no control to stand next to: the page itself is gone or needs a sign-in.
NOT_IN_PLACE = (NotFound, Unauthenticated)


def validated(form: FlaskForm) -> None:
    """An action form (a button on another page) passes its validators, else a clear 400.

    Such forms have no page of their own to re-render; the refusal names the field and says
    what is wrong, and the service it would have called is not reached. Under
    ``answers_in_place`` it is shown next to that field of the page the button is on.
    """
    if form.validate_on_submit():
        return
    name, errors = next(iter(form.errors.items()))
    field = getattr(form, name, None)
    label = field.label.text if field is not None else name
    # label and error are already in the reader's language (lazy strings of the form)
    raise InvalidInput(
        N_("%(label)s：%(error)s"),
        params={"label": str(label), "error": str(errors[0])},
        field=name,
    )


@dataclass
class Refusal:
    """Why an action was refused, and where on the page to say it (once)."""

    form: str  # the id of the form (the control) that was used
    message: str  # in the reader's language
    status: int
    code: str | None = None
    field: str | None = None  # a field of that form, or None: the form as a whole
    link: dict[str, str] | None = None  # e.g. the newer revision a stale decision should look at
    shown: bool = False  # said on the page already (the page's last resort says it otherwise)

    def on(self, form: str, field: str | None = None, anywhere: bool = False) -> bool:
        """True (once) if the refusal belongs next to `field` of `form` (None: the form's own
        place); `anywhere`: to the form whatever its field (a page that does not show it)."""
        if self.shown or self.form != form or not (anywhere or self.field == field):
            return False
        self.shown = True
        return True

    def left(self, later: Collection[str] = ()) -> bool:
        """True (once) if no place on the page said it: a control the refusal hid, e.g. the
        submit button of a piece that was submitted meanwhile. `later`: prefixes of the ids of
        forms the page shows further down (their refusals are said there, or by a later call)."""
        if self.shown or self.form.startswith(tuple(later)):
            return False
        self.shown = True
        return True


def refusal_of(
    error: DomainError | IllegalTransition, form: str, fields: Collection[str] = ()
) -> Refusal:
    """The refusal of `error` for form `form`; its field only if the form shows that field."""
    if isinstance(error, IllegalTransition):
        return Refusal(form, transition_refusal(error), 409, "conflict")
    field = error.field if error.field in fields else None
    link = error.extra.get("link")
    return Refusal(
        form,
        _(error.message),  # services speak Chinese; a message the catalog knows is translated
        error.status_code,
        error.code,
        field,
        {"url": str(link["url"]), "label": _(str(link["label"]))} if link else None,
    )


def keep_in_place(
    error: DomainError | IllegalTransition, form: str, fields: Collection[str] = ()
) -> Refusal:
    """For a page form that renders itself: note the refusal for the page (``g.refusal``).

    JSON callers and refusals with no place on the page are raised again, to the app's one
    error answer (``app.errors``).
    """
    if wants_json() or isinstance(error, NOT_IN_PLACE):
        raise error
    found = refusal_of(error, form, fields)
    g.refusal = found
    return found


def answers_in_place(
    form: str | Callable[..., str], page: str | Callable[..., Any], fields: Collection[str] = ()
) -> Callable[[View], View]:
    """A POST view whose refusals re-render `page`: an endpoint taking the same URL arguments
    (called as if for a GET), or a function of them returning the page.

    `form` is the id of the form the view serves on that page (formatted with the URL arguments
    when a page holds one such form per object, e.g. "topic-{topic_id}-form"; or a function of
    the URL arguments, e.g. when the posted form says which one it is), `fields` the
    fields that page shows a refusal next to (other refusals are shown at the form's top).
    Nothing the refused action did is kept (the session is rolled back): the page shows what
    is stored.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return view(*args, **kwargs)
            except (DomainError, IllegalTransition) as error:
                db.session.rollback()
                used = form(**kwargs) if callable(form) else form.format(**kwargs)
                found = keep_in_place(error, used, fields)
                shown = render_page(page, **kwargs) if isinstance(page, str) else page(**kwargs)
                body = cast(ResponseReturnValue, shown)
                response: Response = current_app.make_response(body)
                response.status_code = found.status
                return response

        return cast(View, wrapper)

    return decorate


def render_page(endpoint: str, **arguments: Any) -> Any:
    """The page of `endpoint` for a refusal, as its view shows it on a GET (its access rules
    included); its forms' ``next`` (``page_path``) is that page, not the refused action's URL."""
    rule = next(current_app.url_map.iter_rules(endpoint))
    arguments = {name: value for name, value in arguments.items() if name in rule.arguments}
    g.page_path = url_for(endpoint, **arguments)
    return current_app.view_functions[endpoint](**arguments)


def page_path() -> str:
    """The path of the page being shown, for its forms' ``next`` (the page they come back to)."""
    return str(g.get("page_path") or request.path)


def back_to(pages: Collection[str], fallback: str) -> Callable[..., Any]:
    """The page to re-render for an action offered on several pages (the piece page, the review
    page…): the one its form names in ``next`` when that is one of the endpoints `pages`, else
    the endpoint `fallback` with the action's URL arguments. The page's own view runs (its
    access rules included), as for a GET of it."""

    def render(**kwargs: Any) -> Any:
        target = safe_next(request.form.get("next"), "")
        if target:
            adapter = current_app.url_map.bind("")
            try:
                endpoint, arguments = adapter.match(target.split("?")[0], method="GET")
            except HTTPException:
                endpoint, arguments = "", {}
            if endpoint in pages:
                return render_page(str(endpoint), **arguments)
        return render_page(fallback, **kwargs)

    return render
