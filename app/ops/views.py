"""Health for operators, without log-in: GET /healthz (JSON) and GET /metrics (Prometheus)."""

from __future__ import annotations

import hmac

from flask import Blueprint, current_app, jsonify, request
from werkzeug.wrappers import Response

from app.extensions import limiter
from app.models import utcnow
from app.ops import health

bp = Blueprint("ops", __name__)


@bp.route("/healthz")
@limiter.exempt
def healthz() -> tuple[Response, int]:
    """Database, worker heartbeat age, due/late counts, lexicon version; 503 when down or stale."""
    body, status = health.healthz(utcnow())
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, status


@bp.route("/metrics")
@limiter.exempt
def metrics() -> Response:
    """Prometheus text format; with HEMLINE_METRICS_TOKEN set, only for that bearer token."""
    token = current_app.config.get("METRICS_TOKEN", "")
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            return Response("metrics token required\n", 401, content_type="text/plain")
    page, _database_ok = health.metrics(utcnow())
    return Response(page, 200, content_type=health.CONTENT_TYPE)
