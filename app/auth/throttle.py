"""Log-in throttling: failed attempts counted per IP, per account and per account and IP.

Counts live in the rate-limit storage of ``RATELIMIT_STORAGE_URI`` (the `limits` library under
Flask-Limiter): ``redis://…`` shares them between all workers and machines; the embedded default
``memory://`` counts per process (fine for `make run` and one worker). Only *failures* are
counted, and a correct password is never what locks anyone out:

- per IP (``LOGIN_RATE_LIMIT``, default 10 a minute): one address guessing at many accounts;
- per account and IP (``LOGIN_ACCOUNT_IP_RATE_LIMIT``, default 5 in 15 minutes): one address
  guessing one account — it blocks that address for that account, not the account's owner
  elsewhere;
- per account (``LOGIN_ACCOUNT_RATE_LIMIT``, default 30 an hour): a guess spread over many
  addresses; a single address cannot reach it alone (it is stopped at 20 an hour above).

The client's address is ``request.remote_addr``, which trusts ``X-Forwarded-For`` only as far as
``HEMLINE_TRUSTED_PROXIES`` says (werkzeug's ProxyFix in create_app). Unknown usernames count
like known ones, so the throttle does not tell which accounts exist.
"""

from __future__ import annotations

import math
import time
from typing import cast

from flask import Flask, current_app
from limits import RateLimitItem, parse_many
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

NAMESPACE = "hemline-login"


class LoginThrottle:
    """The three failure counters of one app, on one storage."""

    def __init__(self, storage_uri: str, per_ip: str, per_account_ip: str, per_account: str):
        self.storage = cast(Storage, storage_from_string(storage_uri))  # a synchronous one
        self.strategy = FixedWindowRateLimiter(self.storage)
        self.rules: list[tuple[str, list[RateLimitItem]]] = [
            ("ip", parse_many(per_ip)),
            ("account-ip", parse_many(per_account_ip)),
            ("account", parse_many(per_account)),
        ]

    @staticmethod
    def _keys(kind: str, account: str, ip: str) -> tuple[str, ...]:
        return {"ip": (ip,), "account-ip": (account, ip), "account": (account,)}[kind]

    def retry_after(self, username: str, ip: str) -> int | None:
        """Seconds until an attempt for `username` from `ip` is allowed again, or None (now)."""
        account = _account(username)
        waits = []
        for kind, limits in self.rules:
            keys = (NAMESPACE, kind, *self._keys(kind, account, ip))
            for limit in limits:
                if not self.strategy.test(limit, *keys):
                    reset = self.strategy.get_window_stats(limit, *keys).reset_time
                    waits.append(max(1, math.ceil(reset - time.time())))
        return max(waits) if waits else None

    def failed(self, username: str, ip: str) -> None:
        """Count one failed attempt against every counter."""
        account = _account(username)
        for kind, limits in self.rules:
            keys = (NAMESPACE, kind, *self._keys(kind, account, ip))
            for limit in limits:
                self.strategy.hit(limit, *keys)

    def reset(self) -> None:
        """Forget every count (tests)."""
        self.storage.reset()


def _account(username: str) -> str:
    return username.strip().casefold()[:64] or "-"


def init_app(app: Flask) -> None:
    """Build the app's throttle from its configuration."""
    config = app.config
    app.extensions["hemline_login_throttle"] = LoginThrottle(
        config["RATELIMIT_STORAGE_URI"],
        config["LOGIN_RATE_LIMIT"],
        config["LOGIN_ACCOUNT_IP_RATE_LIMIT"],
        config["LOGIN_ACCOUNT_RATE_LIMIT"],
    )


def throttle() -> LoginThrottle | None:
    """The current app's throttle, or None when rate limiting is off (RATELIMIT_ENABLED)."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return None
    return current_app.extensions["hemline_login_throttle"]
