"""Bounded request input, in one place: integers in URLs and query strings, JSON, redirects.

Decisions
---------
Integers
    Ids, pages and version numbers fit a signed 32-bit ``INTEGER`` column (PostgreSQL's, the
    narrowest the app runs on). ``<int:…>`` in a route matches only 0…INT_MAX (a bigger one is a
    404 like any missing row). ``request.args.get(name, type=int)`` (and ``request.form``) keeps
    its leniency for text that is not a number (the default), but a number outside
    INT_MIN…INT_MAX is a 400 naming the parameter; ``int_arg`` is the same for code that reads
    a digit string itself.
JSON
    Every JSON body read through Flask (``request.get_json``) or ``loads_json`` is parsed by
    one provider that refuses nesting deeper than ``JSON_MAX_DEPTH`` with a ``ValueError`` —
    a 400 through Flask's ``on_json_loading_failed`` — instead of a ``RecursionError`` (500).
Redirects
    ``safe_next`` is the only way a ``next``/back URL from a request is followed: a path on this
    site (``/…``), with no scheme, no host, no backslash, no whitespace or control character
    (browsers drop tabs and newlines, so ``/%09/evil`` would become ``//evil``).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Request
from flask.json.provider import DefaultJSONProvider
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter

from app.errors import N_, InvalidInput, MessageId

INT_MAX = 2**31 - 1
INT_MIN = -(2**31)
JSON_MAX_DEPTH = 32


def bounded_int(value: str, name: str = "") -> int:
    """`value` as an int; ValueError if it is not a whole number, InvalidInput (400) if no
    column can hold it."""
    number = int(value)
    if not INT_MIN <= number <= INT_MAX:
        raise InvalidInput(
            N_("参数“%(name)s”超出范围：必须是 %(int_min)s 到 %(int_max)s 之间的整数。"),
            params={"name": name, "int_min": INT_MIN, "int_max": INT_MAX},
        )
    return number


def int_arg(value: str | None, name: str) -> int | None:
    """A digit string read from the request as an int (None when not digits; 400 out of range)."""
    if not value or not value.isdigit():
        return None
    return bounded_int(value, name)


class BoundedArgs(ImmutableMultiDict[str, str]):
    """Query and form values whose ``get(…, type=int)`` refuses numbers no column can hold."""

    def get(self, key: Any, default: Any = None, type: Any = None) -> Any:  # type: ignore[override]  # noqa: A002, E501
        if type is int:
            value = super().get(key)
            if value is None:
                return default
            try:
                return bounded_int(value, str(key))
            except ValueError:
                return default
        return super().get(key, default, type)

    def getlist(self, key: Any, type: Any = None) -> list[Any]:  # noqa: A002
        if type is not int:
            return super().getlist(key, type)
        numbers = []
        for value in super().getlist(key):
            try:
                numbers.append(bounded_int(value, str(key)))
            except ValueError:
                continue
        return numbers


class BoundedRequest(Request):
    """The app's request: bounded integer arguments."""

    parameter_storage_class = BoundedArgs


class BoundedIntConverter(IntegerConverter):
    """``<int:…>`` that matches only ids a column can hold."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        kwargs.setdefault("max", INT_MAX)
        super().__init__(map, *args, **kwargs)


def json_depth_ok(value: Any, limit: int = JSON_MAX_DEPTH) -> bool:
    """True if `value` nests lists and objects at most `limit` deep (no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return False
        stack.extend((child, depth + 1) for child in children)
    return True


def loads_json(text: str | bytes) -> Any:
    """Parse JSON; ValueError (a json.JSONDecodeError or the depth refusal) for bad input."""
    too_deep = MessageId(N_("JSON 嵌套过深（最多 %(count)s 层）。"), count=JSON_MAX_DEPTH)
    try:
        value = json.loads(text)
    except RecursionError:
        raise ValueError(too_deep) from None
    if not json_depth_ok(value):
        raise ValueError(too_deep)
    return value


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, with request bodies parsed by ``loads_json``."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        if kwargs:
            return super().loads(s, **kwargs)
        return loads_json(s)


def safe_next(target: str | None, fallback: str) -> str:
    """`target` if it is a path on this site, else `fallback` (see the module's decisions)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return fallback
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target


def init_app(app: Flask) -> None:
    """Install the bounded request, the bounded ``int`` converter and the JSON provider (before
    any route is added)."""
    app.request_class = BoundedRequest
    app.url_map.converters["int"] = BoundedIntConverter
    provider = BoundedJSONProvider(app)
    provider.ensure_ascii = app.json.ensure_ascii  # type: ignore[attr-defined]
    app.json = provider
