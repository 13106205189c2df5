"""What a web process or worker knows about itself: its name in leases, its box for secrets."""

from __future__ import annotations

import os
import socket
import uuid

from flask import current_app

from app.channels.crypto import KEY_ENV, SecretBox
from app.channels.outbound import OutboundGuard

_identity: tuple[int, str] | None = None


def worker_id() -> str:
    """This process's name in leases: host, pid and a random suffix (new after a fork)."""
    global _identity
    pid = os.getpid()
    if _identity is None or _identity[0] != pid:
        _identity = (pid, f"{socket.gethostname()[:40]}:{pid}:{uuid.uuid4().hex[:8]}")
    return _identity[1]


def secret_box() -> SecretBox:
    """The box for stored secrets (channel secrets, bot URLs, WeChat tokens): configured keys,
    else a key derived from SECRET_KEY."""
    keys = {KEY_ENV: current_app.config.get("SECRET_ENCRYPTION_KEYS", "")}
    return SecretBox.from_environment(keys, fallback_key=current_app.config["SECRET_KEY"])


OUTBOUND_ALLOW_ENV = "HEMLINE_OUTBOUND_ALLOW"


def outbound_guard() -> OutboundGuard:
    """The check for every outbound request (webhooks, WeChat, bots, SMTP): public addresses
    only, plus what ``OUTBOUND_ALLOW`` (config) or ``HEMLINE_OUTBOUND_ALLOW`` lists."""
    setting = current_app.config.get("OUTBOUND_ALLOW")
    if setting is None:
        setting = os.environ.get(OUTBOUND_ALLOW_ENV, "")
    return OutboundGuard.from_setting(str(setting))
