"""Issue 14.4: failed log-ins throttled per IP, per account (and IP), behind trusted proxies only;
log-in time does not tell whether a username exists."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from werkzeug.middleware.proxy_fix import ProxyFix

from app.auth.services import authenticate
from app.auth.throttle import LoginThrottle
from app.extensions import db
from tests.conftest import PASSWORD, _serving


def _throttled(application: Flask) -> Iterator[Flask]:
    application.config["RATELIMIT_ENABLED"] = True  # restored after the test by _serving
    limits = application.extensions["hemline_login_throttle"]
    limits.reset()
    yield application
    limits.reset()


@pytest.fixture
def throttled(app: Flask) -> Iterator[Flask]:
    yield from _throttled(app)


@pytest.fixture
def behind_proxy(
    app: Flask, session_apps: Callable[..., Flask], database_url: str
) -> Iterator[Flask]:
    """The app as deployed behind one reverse proxy (HEMLINE_TRUSTED_PROXIES=1)."""
    with _serving(session_apps(TRUSTED_PROXIES=1), database_url, app.config["UPLOAD_FOLDER"]) as a:
        yield from _throttled(a)


def _attempt(client: FlaskClient, username: str, password: str, ip: str = "", xff: str = ""):  # type: ignore[no-untyped-def]
    g.pop("_login_user", None)  # the tests' requests share `g`; each authenticates on its own
    environ = {"REMOTE_ADDR": ip} if ip else {}
    headers = {"X-Forwarded-For": xff} if xff else {}
    response = client.post(
        "/login",
        data={"username": username, "password": password},
        environ_base=environ,
        headers=headers,
    )
    client.delete_cookie("session")  # each attempt as a new visitor
    return response


def test_guessing_one_account_locks_that_address_not_the_owner(throttled, make_user) -> None:
    alice = make_user("writer", username="alice")
    client = throttled.test_client()
    for _ in range(5):
        assert _attempt(client, "alice", "guess-guess-1", ip="198.51.100.7").status_code == 200
    locked = _attempt(client, "alice", PASSWORD, ip="198.51.100.7")  # even the right password
    assert locked.status_code == 429
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    assert "登录失败次数过多" in locked.get_data(as_text=True)
    # alice herself, from her own address, signs in; so does anyone else from the attacker's
    assert _attempt(client, "alice", PASSWORD, ip="203.0.113.20").status_code == 302
    bob = make_user("writer", username="bob")
    assert _attempt(client, bob.username, PASSWORD, ip="198.51.100.7").status_code == 302
    assert alice.active


def test_one_address_guessing_many_accounts_is_stopped(throttled, make_user) -> None:
    make_user("writer", username="carol")
    client = throttled.test_client()
    for n in range(10):
        _attempt(client, f"user{n}", "guess-guess-1", ip="198.51.100.8")
    assert _attempt(client, "carol", PASSWORD, ip="198.51.100.8").status_code == 429
    assert _attempt(client, "carol", PASSWORD, ip="198.51.100.9").status_code == 302


def test_a_guess_spread_over_many_addresses_locks_the_account(throttled, make_user) -> None:
    make_user("writer", username="dave")
    client = throttled.test_client()
    for n in range(30):
        _attempt(client, "dave", "guess-guess-1", ip=f"192.0.2.{n + 1}")
    assert _attempt(client, "dave", PASSWORD, ip="192.0.2.200").status_code == 429


def test_successful_log_ins_are_not_counted(throttled, make_user) -> None:
    erin = make_user("writer", username="erin")
    client = throttled.test_client()
    for _ in range(12):
        assert _attempt(client, erin.username, PASSWORD, ip="198.51.100.10").status_code == 302


def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(throttled, make_user) -> None:
    make_user("writer", username="frank")
    client = throttled.test_client()
    assert not isinstance(throttled.wsgi_app, ProxyFix)
    for n in range(10):  # a forged header per try does not give a fresh address
        _attempt(client, f"x{n}", "guess-guess-1", ip="198.51.100.11", xff=f"10.0.0.{n}")
    assert (
        _attempt(client, "frank", PASSWORD, ip="198.51.100.11", xff="10.9.9.9").status_code == 429
    )


def test_behind_a_trusted_proxy_one_attacker_does_not_lock_out_everyone(
    behind_proxy, make_user
) -> None:
    """Today every request seems to come from the proxy: one attacker locks out the office."""
    make_user("writer", username="grace")
    client = behind_proxy.test_client()
    proxy = "10.0.0.1"
    for n in range(10):
        _attempt(client, f"y{n}", "guess-guess-1", ip=proxy, xff="198.51.100.66")
    assert _attempt(client, "y0", "guess-guess-1", ip=proxy, xff="198.51.100.66").status_code == 429
    colleague = _attempt(client, "grace", PASSWORD, ip=proxy, xff="203.0.113.5")
    assert colleague.status_code == 302


def test_unknown_and_known_usernames_cost_one_hash_each(app, make_user, monkeypatch) -> None:
    """Timing must not reveal whether a username exists: count the scrypt runs, not the clock."""
    user = make_user("writer", username="henry")
    inactive = make_user("writer", username="ivy")
    inactive.active = False
    db.session.commit()
    authenticate("warm-up-unknown", "x")  # the dummy hash is made once per process
    calls: list[int] = []
    real_scrypt = hashlib.scrypt

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real_scrypt(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    cases = [
        ("nobody-here", PASSWORD, None),
        ("ivy", PASSWORD, None),
        ("henry", "wrong-password-9", None),
        ("henry", PASSWORD, user),
    ]
    for username, password, expected in cases:
        calls.clear()
        assert authenticate(username, password) is expected
        assert len(calls) == 1, username


@pytest.fixture
def redis_uri(tmp_path: Path) -> Iterator[str]:
    """A throw-away redis-server on a free port (skipped where Debian's redis-server is absent)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", tmp_path]
    # The server keeps the real clock under `make test-clock` (libfaketime is inherited otherwise).
    env = {k: v for k, v in os.environ.items() if k not in {"LD_PRELOAD", "FAKETIME"}}
    process = subprocess.Popen([str(a) for a in args], stdout=subprocess.DEVNULL, env=env)
    try:
        for _ in range(400):  # up to ~20 s; counted, not timed (the test clock may be shifted)
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


def test_workers_share_the_counts_through_redis(redis_uri: str) -> None:
    """Two gunicorn workers are two throttles on one RATELIMIT_STORAGE_URI: 3 failures seen by
    one and 2 by the other lock the account for both (with memory:// each would allow 5)."""
    limits = ("10 per minute", "5 per 15 minutes", "30 per hour")
    first, second = LoginThrottle(redis_uri, *limits), LoginThrottle(redis_uri, *limits)
    for _ in range(3):
        first.failed("alice", "198.51.100.7")
    for _ in range(2):
        second.failed("alice", "198.51.100.7")
    wait = first.retry_after("alice", "198.51.100.7")
    assert wait is not None and 0 < wait <= 15 * 60
    assert second.retry_after("alice", "198.51.100.7") is not None
    assert second.retry_after("alice", "203.0.113.20") is None  # the owner elsewhere
