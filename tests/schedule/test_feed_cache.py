"""The iCal feed's body in the shared cache (FEED_CACHE_SECONDS): in-process or in Redis."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask
from flask_caching import Cache

from app.schedule import feed
from tests.conftest import _serving


@pytest.fixture
def redis_uri(tmp_path: Path) -> Iterator[str]:
    """A throw-away redis-server on a free port (as in tests/auth/test_throttle.py)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", tmp_path]
    env = {k: v for k, v in os.environ.items() if k not in {"LD_PRELOAD", "FAKETIME"}}
    process = subprocess.Popen([str(a) for a in args], stdout=subprocess.DEVNULL, env=env)
    try:
        for _ in range(400):  # counted, not timed (the test clock may be shifted)
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        else:
            raise RuntimeError("redis-server did not start")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def counting_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the users whose feed was built (feed_ical called), in order."""
    builds: list[int] = []
    original = feed.feed_ical

    def counted(user, now=None, span=None):  # noqa: ANN001, ANN202  the real signature
        builds.append(user.id)
        return original(user, now, span)

    monkeypatch.setattr(feed, "feed_ical", counted)
    return builds


def _poll(application: Flask, secret: str) -> tuple[int, bytes]:
    with application.test_client().get(f"/calendar/feed/{secret}.ics") as response:
        return response.status_code, response.get_data()


@pytest.fixture
def cached_app(
    database_url: str, session_apps: Callable[..., Flask], tmp_path: Path
) -> Iterator[Flask]:
    with _serving(session_apps(FEED_CACHE_SECONDS=60), database_url, str(tmp_path)) as app:
        yield app


def test_a_feed_is_built_once_per_cache_period_and_a_revoked_link_fails_at_once(
    cached_app: Flask, team, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = counting_builds(monkeypatch)
    secret = feed.rotate_feed(team["writer"])
    first = _poll(cached_app, secret)
    second = _poll(cached_app, secret)
    assert first[0] == second[0] == 200
    assert first[1] == second[1] and b"BEGIN:VCALENDAR" in first[1]
    assert builds == [team["writer"].id]  # the second poll came from the cache
    feed.revoke_feed(team["writer"])
    assert _poll(cached_app, secret)[0] == 404  # the link is checked on every poll


def test_without_the_cache_every_poll_builds_the_feed(
    app: Flask, team, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = counting_builds(monkeypatch)
    secret = feed.rotate_feed(team["manager"])
    assert _poll(app, secret)[0] == _poll(app, secret)[0] == 200
    assert builds == [team["manager"].id] * 2


def test_with_redis_the_cached_feed_is_shared_between_processes(
    database_url: str,
    session_apps: Callable[..., Flask],
    tmp_path: Path,
    redis_uri: str,
    team,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    overrides = {"FEED_CACHE_SECONDS": 60, "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_uri}
    with _serving(session_apps(**overrides), database_url, str(tmp_path)) as application:
        builds = counting_builds(monkeypatch)
        secret = feed.rotate_feed(team["writer"])
        status, body = _poll(application, secret)
        assert status == 200
        keys = redis.Redis.from_url(redis_uri).keys("hemline:calendar-feed:*")
        # one entry: the person's feed in its current version (the ETag)
        [key] = [key.decode() for key in keys]
        assert key.startswith(f"hemline:calendar-feed:{team['writer'].id}:")
        assert _poll(application, secret) == (200, body)
        assert builds == [team["writer"].id]
    # Another process (here: another app with its own Cache object) reads the same entry.
    other = Flask("other-process")
    other.config.update(
        CACHE_TYPE="RedisCache", CACHE_REDIS_URL=redis_uri, CACHE_KEY_PREFIX="hemline:"
    )
    shared = Cache(other)
    with other.app_context():
        assert shared.get(key.removeprefix("hemline:")) == body
