"""JSON API v1: bearer-token authentication and the compliance check (PRODUCT §4)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, current_app, g, jsonify, request
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import RequestEntityTooLarge

from app.api.services import user_for_token
from app.checks.services import check_fields, terms_by_field
from app.compliance import SEVERITIES
from app.errors import N_, InvalidInput, Unauthenticated
from app.extensions import csrf, limiter, statements_on_their_own
from app.inputs import loads_json
from app.models import Piece, get_or_404, utcnow
from app.schedule import calendar as schedule_calendar
from app.schedule.services import ensure_scheduler, parse_instant, place

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
# Per bearer token, not per address: one token cannot take the server's CPU, and callers behind
# one proxy do not share a budget. A check of the largest body is the costly call.
CHECK_RATE = "30 per minute"
API_RATE = "120 per minute"


def token_key() -> str:
    """The rate-limit key of an API call: its bearer token (hashed), else the client address."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        return "api-token:" + hashlib.sha256(secret.strip().encode()).hexdigest()
    return get_remote_address()


def token_required(
    scope: str, *, reads: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Authenticate `Authorization: Bearer <token>`: 401 JSON without a live token, 403 JSON
    when the token lacks `scope` (one of API_SCOPES). ``reads``: the call only reads, so its
    statements need no transaction (app.extensions.statements_on_their_own)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if reads:
                statements_on_their_own()
            scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
            user = (
                user_for_token(secret.strip(), scope, utcnow())
                if scheme.lower() == "bearer"
                else None
            )
            if user is None:
                raise Unauthenticated(
                    N_("缺少有效的 API 令牌：请在 Authorization 头中使用未过期的 Bearer 令牌。")
                )
            g.api_user = user
            return view(*args, **kwargs)

        return wrapper

    return decorator


def json_object(max_bytes: int) -> dict[str, Any]:
    """The request body as a JSON object, or 400/413 with a Chinese message."""
    if request.content_length is not None and request.content_length > max_bytes:
        raise RequestEntityTooLarge()
    raw = request.stream.read(max_bytes + 1)  # chunked bodies have no length to check first
    if len(raw) > max_bytes:
        raise RequestEntityTooLarge()
    if not request.is_json:
        raise InvalidInput(N_("请求体必须是 JSON（Content-Type: application/json）。"))
    try:
        data = loads_json(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInput(
            N_("请求体不是合法的 UTF-8 JSON（%(count)s 字节）。"), params={"count": len(raw)}
        ) from None
    except ValueError as error:  # nested deeper than app.inputs allows
        raise InvalidInput(error.args[0]) from None  # a MessageId: in the reader's language
    if not isinstance(data, dict):
        raise InvalidInput(N_('请求体必须是 JSON 对象，例如 {"title": "…", "body": "…"}。'))
    return data


def _text_field(data: dict[str, Any], name: str) -> str:
    """An optional string field of the body."""
    value = data.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(N_("字段“%(name)s”必须是字符串。"), params={"name": name})
    return value


@bp.post("/check")
@limiter.limit(CHECK_RATE, key_func=token_key)
@token_required("check", reads=True)
def check() -> Any:
    """Check a title and body for a channel; the report of PRODUCT §4."""
    data = json_object(current_app.config["API_CHECK_MAX_BYTES"])
    unknown = sorted(set(data) - {"title", "body", "channel"})
    if unknown:
        raise InvalidInput(
            N_("不认识的字段：%(value)s（可用 title、body、channel）。"),
            params={"value": ", ".join(unknown)},
        )
    title, body = _text_field(data, "title"), _text_field(data, "body")
    channel = _text_field(data, "channel") or None
    report = check_fields(title, body, channel)
    # The report of PRODUCT §4 plus, per field, each term once with its count (all severities).
    reasons = [r.to_dict() for r in terms_by_field(report, SEVERITIES)]
    return jsonify({**report.to_dict(), "reasons": reasons})


# --- content calendar (issue 7) ---------------------------------------------------------------

SCHEDULE_MAX_BYTES = 16 * 1024


@bp.get("/calendar")
@limiter.limit(API_RATE, key_func=token_key)
@token_required("calendar:read", reads=True)
def calendar() -> Any:
    """Scheduled and planned pieces in [from, to) (dates or ISO-8601 with zone), per channel."""
    now = utcnow()
    start, end = schedule_calendar.api_range(request.args.get("from"), request.args.get("to"), now)
    filters = schedule_calendar.Filters(channel=request.args.get("channel", "")[:32])
    entries = schedule_calendar.collect_entries(start, end, filters, now)
    items = [schedule_calendar.entry_json(entry) for entry in entries]
    return jsonify({"from": start.isoformat(), "to": end.isoformat(), "items": items})


@bp.post("/pieces/<int:piece_id>/schedule")
@limiter.limit(API_RATE, key_func=token_key)
@token_required("schedule")
def schedule_piece(piece_id: int) -> Any:
    """Schedule or move a piece: 201 with the piece, or 409 {"error": "policy", …}."""
    ensure_scheduler(g.api_user)
    piece = get_or_404(Piece, piece_id)
    data = json_object(SCHEDULE_MAX_BYTES)
    unknown = sorted(set(data) - {"at", "channel", "override_reason"})
    if unknown:
        raise InvalidInput(
            N_("不认识的字段：%(value)s（可用 at、channel、override_reason）。"),
            params={"value": ", ".join(unknown)},
        )
    at = parse_instant(data.get("at"), "“at”")
    channel = _text_field(data, "channel") or None
    reason = _text_field(data, "override_reason") if "override_reason" in data else None
    verdict = place(g.api_user, piece, at, channel, reason)
    warnings = [warning.to_dict() for warning in verdict.warnings]
    return jsonify(schedule_calendar.piece_json(piece) | {"warnings": warnings}), 201
