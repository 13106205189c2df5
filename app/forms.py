"""Form helpers shared by the views."""

from __future__ import annotations

from flask_wtf import FlaskForm

from app.errors import InvalidInput


def validated(form: FlaskForm) -> None:
    """An action form (a button on another page) passes its validators, else a clear 400.

    Such forms have no page of their own to re-render; the refusal names the field and says
    what is wrong, and the service it would have called is not reached.
    """
    if form.validate_on_submit():
        return
    name, errors = next(iter(form.errors.items()))
    field = getattr(form, name, None)
    label = field.label.text if field is not None else name
    raise InvalidInput(f"{label}：{errors[0]}")
