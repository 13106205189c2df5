"""Domain exceptions and their mapping to HTTP responses (HTML or JSON by Accept), in one place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import (
    Flask,
    Response,
    g,
    has_request_context,
    jsonify,
    render_template,
    request,
    template_rendered,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import HTTPException
from wtforms import Form

from app.labels import refusal
from app.messages import N_ as N_  # re-exported: the services mark their messages with it
from app.messages import Joined, Message
from app.workflow import IllegalTransition


class MessageId(Message):
    """A message id with its parameters that reads as Chinese where a str is expected: a
    parameter that is itself a label (“发布时间”) or a problem a helper returns. Inside a
    DomainError (as the message or a parameter) it is shown in the reader's language, while
    user content (names, titles, terms) stays as written. The pure core returns the same thing
    as an ``app.messages.Message``."""

    def translated(self) -> str:
        return say(self)


def say(value: Any) -> Any:
    """A message (``Message``, ``Joined``, at any depth of parameters) in the reader's
    language (Chinese outside a request); any other value as written."""
    if isinstance(value, Message):
        if not value.params:
            return _(value.msgid)
        return _(value.msgid, **{name: say(param) for name, param in value.params.items()})
    if isinstance(value, Joined):
        sep = _(value.sep) if value.sep.strip() else value.sep
        return sep.join(str(say(part)) for part in value.parts)
    return value


def _said(value: Any) -> Any:
    """An extra of a refusal (a message or a list of them) in the reader's language."""
    return [say(item) for item in value] if isinstance(value, list) else say(value)


class DomainError(Exception):
    """Base of errors that services raise for people to read.

    The message is a message id (Chinese, marked with ``N_``) and ``params`` its ``%(name)s``
    parameters, kept apart from the JSON extras (``field``, ``missing``, …)::

        raise InvalidInput(N_("用户名“%(username)s”已存在。"), params={"username": name})

    ``message`` is the text in the reader's language (``_(msgid, **params)``: the request's
    language, Chinese outside a request); ``str(error)`` and logs stay Chinese. Parameters that
    are user content (names, titles, terms) are shown as written.

    Rule: every message that can reach a browser or an API caller is a message id. Only CLI output
    (``click.echo``, app/ops/backup.py), worker logs and bot/e-mail text
    (app/notifications/senders.py) may stay Chinese literals; tests/test_refusal_messages.py
    enforces this with a commented allow-list.
    """

    status_code = 400
    code: str | None = None  # the JSON `error`; the status's generic code when None

    def __init__(self, message: str, params: Mapping[str, Any] | None = None, **extra: Any) -> None:
        self.msgid = str(message)
        self.params = dict(params or {})
        if isinstance(message, Message) and not params:  # a problem a helper returned
            self.msgid, self.params = message.msgid, dict(message.params)
        self.chinese = self.msgid % self.params if self.params else self.msgid
        super().__init__(self.chinese)
        self.extra = extra

    @property
    def message(self) -> str:
        """The refusal in the reader's language (Chinese outside a request)."""
        if not self.params:
            return _(self.msgid)
        return _(self.msgid, **{name: say(value) for name, value in self.params.items()})

    @property
    def field(self) -> str | None:
        """The form field the refusal is about (``field=…`` when raised): shown next to it."""
        value = self.extra.get("field")
        return str(value) if value else None


class InvalidInput(DomainError):
    """Input that breaks a rule of the form or the domain; nothing was changed."""

    status_code = 400


class Unauthenticated(DomainError):
    """No valid credentials (API calls without a live bearer token)."""

    status_code = 401


class PermissionDenied(DomainError):
    """The user is signed in but may not do this (role or separation of duties)."""

    status_code = 403


class NotFound(DomainError):
    """The object does not exist (or the user may not know that it does)."""

    status_code = 404


class Conflict(DomainError):
    """The request was based on stale state, e.g. a revision that is no longer the latest."""

    status_code = 409


class TooManyRequests(DomainError):
    """Too many attempts (failed log-ins): try again after ``retry_after`` seconds."""

    status_code = 429
    code = "rate_limited"

    def __init__(
        self,
        message: str,
        retry_after: int,
        params: Mapping[str, Any] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message, params, **extra)
        self.retry_after = retry_after


class ComplianceBlocked(DomainError):
    """The compliance check found a blocking hit; the action is refused."""

    status_code = 409
    code = "compliance_blocked"


TITLES = {
    400: _l("输入有误"),
    401: _l("请先登录"),
    403: _l("没有权限"),
    404: _l("找不到页面"),
    405: _l("不支持的请求方式"),
    409: _l("操作冲突"),
    413: _l("内容过大"),
    429: _l("请求过于频繁"),
    500: _l("服务器出错了"),
}

DEFAULT_MESSAGES = {
    400: _l("请求格式不正确。"),
    401: _l("请先登录后再访问。"),
    403: _l("你没有执行此操作的权限。"),
    404: _l("你要找的内容不存在，可能已被删除。"),
    405: _l("该地址不支持这种请求方式。"),
    409: _l("当前状态不允许该操作，请刷新后重试。"),
    413: _l("上传内容超过了大小限制。"),
    429: _l("请求过于频繁，请稍后再试。"),
    500: _l("服务器内部错误，请稍后再试或联系管理员。"),
}


# Machine-readable `error` of JSON responses; `message` carries the text for people.
ERROR_CODES = {
    400: "invalid_input",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "rate_limited",
    500: "server_error",
}


def wants_json() -> bool:
    """True for API calls and clients that prefer JSON over HTML."""
    if request.path.startswith("/api/") or request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def error_response(status: int, message: str, **extra: Any) -> tuple[Response | str, int]:
    """Render an error as JSON or as the error page, in the request's language."""
    message = str(message)  # lazy default messages are evaluated in the current locale
    if wants_json():
        code = extra.pop("code", ERROR_CODES.get(status, "error"))
        return jsonify({"error": code, "message": message, "status": status, **extra}), status
    title = TITLES.get(status) or _("出错了")
    link = extra.get("link")  # e.g. the newer revision a stale decision should look at
    page = render_template(
        "errors/error.html", status=status, title=title, message=message, link=link
    )
    return page, status


# Context names under which a page shows an error of the whole form (an upload refused, a
# preview's refusal): said as the JSON ``message`` when the page's forms have no field errors.
PAGE_ERROR_NAMES = ("error", "upload_error")


def _field_errors(form: Form) -> dict[str, list[str]]:
    """A form's errors by the name of the input they belong to (prefix included), in order;
    errors of the form as a whole under ``""``."""
    found: dict[str, list[str]] = {}
    for key, messages in form.errors.items():
        field = getattr(form, key, None) if key else None
        name = field.name if field is not None else ""
        if isinstance(messages, dict):  # a FormField: its subform's errors
            subform = getattr(field, "form", None)
            if isinstance(subform, Form):
                found.update(_field_errors(subform))
            continue
        found.setdefault(name, []).extend(str(message) for message in messages)
    return found


def _forms_in(value: Any) -> list[Form]:
    """The forms a template is given: as a value, or in a list or dict of them."""
    if isinstance(value, Form):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, Form)]
    if isinstance(value, dict):
        return [item for item in value.values() if isinstance(item, Form)]
    return []


def _note_page_errors(_app: Flask, template: Any, context: dict[str, Any], **_extra: Any) -> None:
    """Remember what a rendered page says is wrong (its forms' errors, or the error of the
    page's form as a whole), for ``_page_errors_as_json``."""
    if not has_request_context() or request.method != "POST":
        return
    errors: dict[str, list[str]] = g.setdefault("page_errors", {})
    for value in context.values():
        for form in _forms_in(value):
            for name, messages in _field_errors(form).items():
                errors.setdefault(name, []).extend(messages)
    for name in PAGE_ERROR_NAMES:
        said = context.get(name)
        if said and isinstance(said, str) and not errors:
            errors[""] = [str(said)]


def note_page_error(message: str, field: str | None = None) -> None:
    """What a re-rendered page says is wrong when that is neither a form's error nor a context
    ``error`` (e.g. the rejected lines of an import), for JSON callers."""
    g.setdefault("page_errors", {}).setdefault(field or "", []).append(str(message))


def _forget_page_errors() -> None:
    """Start each request with none (``g`` outlives a request when an app context was pushed
    around several, as in tests and the CLI)."""
    g.pop("page_errors", None)


def _page_errors_as_json(response: Response) -> Response:
    """A page form's re-rendered page (HTML, 4xx) as the app's one JSON error shape when the
    caller wants JSON: the status kept, ``message`` the first error, ``field`` its input (None:
    the form as a whole) and ``errors`` every error by input."""
    errors: dict[str, list[str]] = g.get("page_errors") or {}
    if not (400 <= response.status_code < 500 and response.mimetype == "text/html" and errors):
        return response
    if not wants_json():
        return response
    field, messages = next(iter(errors.items()))
    body = {
        "error": ERROR_CODES.get(response.status_code, "error"),
        "message": messages[0],
        "status": response.status_code,
        "field": field or None,
        "errors": {name or "": said for name, said in errors.items()},
    }
    response.set_data(jsonify(body).get_data())
    response.mimetype = "application/json"
    return response


def init_app(app: Flask) -> None:
    """Register handlers that turn domain errors and HTTP errors into pages or JSON."""
    template_rendered.connect(_note_page_errors, app)
    app.before_request(_forget_page_errors)
    app.after_request(_page_errors_as_json)

    @app.errorhandler(DomainError)
    def _domain(error: DomainError) -> tuple[Response | str, int] | tuple[Any, int, dict[str, str]]:
        extra = {name: _said(value) for name, value in error.extra.items()}  # e.g. problems
        extra["field"] = error.field  # JSON callers put it next to the control
        if error.code:
            extra["code"] = error.code
        # The message id and its parameters, in the reader's language.
        body, status = error_response(error.status_code, error.message, **extra)
        if isinstance(error, TooManyRequests):
            return body, status, {"Retry-After": str(error.retry_after)}
        return body, status

    @app.errorhandler(IllegalTransition)
    def _transition(error: IllegalTransition) -> tuple[Response | str, int]:
        return error_response(409, refusal(error), field=None)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> tuple[Response | str, int]:
        status = error.code or 500
        message = DEFAULT_MESSAGES.get(status, error.description or "")
        if status == 400 and error.description and "CSRF" in error.description:
            message = _("表单已过期或缺少安全令牌（CSRF），请刷新页面后重新提交。")
            if wants_json() and not current_user.is_authenticated:  # a script's session expired
                message = _("登录已过期，请刷新页面后重新登录。")
        return error_response(status, message)
