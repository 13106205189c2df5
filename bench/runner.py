"""What the page benchmarks share: the app on a given database, a signed-in client holding
every role, and p50/p95 per page through the Flask test client.

Each page is fetched twice to warm the caches, then ``requests`` times; p95 is the nearest-rank
95th percentile of those times. A page answering anything but 200 stops the benchmark.
"""

from __future__ import annotations

import os
import secrets
import statistics
import time
from collections.abc import Iterable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.pool import NullPool

from app import create_app
from app.extensions import db
from app.models import User
from config import Config

PASSWORD = "Lantern-silk-4821"
ROLES = ["writer", "reviewer", "legal", "manager", "admin"]


def cli_env(uri: str, **extra: str) -> dict[str, str]:
    """The environment for a ``flask --app app …`` command on ``uri``: this one's, with a random
    SECRET_KEY where none is set — a fresh machine has no instance/secret_key until `make run`,
    and the app refuses to start without a key."""
    key = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(48)
    return os.environ | {"DATABASE_URL": uri, "SECRET_KEY": key} | extra


def make_app(uri: str, **settings: Any) -> Flask:
    """The production configuration on the given database, without CSRF or rate limits;
    ``settings`` override further configuration keys."""

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = uri
        SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = (
            {"poolclass": NullPool} if uri.startswith("sqlite") else {}
        )
        SECRET_KEY = secrets.token_urlsafe(48)  # the production config refuses weak keys
        WTF_CSRF_ENABLED = False
        RATELIMIT_ENABLED = False
        SESSION_COOKIE_SECURE = False
        PASSWORD_HASH_METHOD = "scrypt:1024:8:1"

    for key, value in settings.items():
        setattr(BenchConfig, key, value)
    return create_app(BenchConfig)


def signed_in(app: Flask, username: str, display_name: str = "基准") -> FlaskClient:
    """A test client signed in as ``username`` holding every role (created once per database)."""
    from app.auth.services import create_user

    with app.app_context():
        if db.session.scalar(select(User).where(User.username == username)) is None:
            create_user(username, PASSWORD, ROLES, display_name=display_name)
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"benchmark step failed: login answered {response.status_code}")
    return client


def percentile_95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]


def measure(
    client: FlaskClient, urls: Iterable[str], requests: int
) -> dict[str, tuple[float, float, int]]:
    """(p50 ms, p95 ms, bytes) per page."""
    results = {}
    for url in urls:
        for _ in range(2):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"benchmark step failed: {url} answered {response.status_code}")
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        results[url] = (statistics.median(times), percentile_95(times), len(response.data))
    return results
