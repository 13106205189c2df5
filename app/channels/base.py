"""The small protocol every channel adapter speaks: package in, result or error out."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from app.channels.messages import Said, as_written, chinese, said

# Platform state the runner persists between attempts, e.g. {"draft_media_id": "…"}.
# Adapters read it to resume after a crash and never create anything twice.
Checkpoint = dict[str, str]
SaveCheckpoint = Callable[[Checkpoint], None]


@dataclass(frozen=True)
class Package:
    """Everything an adapter needs to publish one piece, free of database objects."""

    piece_id: int
    title: str
    body_html: str
    idempotency_key: str  # stable per piece version, e.g. "piece-42-v3"
    author: str = ""
    digest: str = ""  # 摘要
    source_url: str = ""  # 阅读原文
    cover: bytes | None = None
    cover_filename: str = "cover.jpg"


class Delivery(StrEnum):
    """Where a publish attempt ended; failures are raised as exceptions, never returned."""

    PUBLISHED = "published"  # live on the platform; url / platform_id are set
    PENDING = "pending"  # not live yet: poll again later, or a person finishes it (ready_package)


@dataclass(frozen=True)
class Result:
    """The outcome of one successful publish call."""

    status: Delivery
    message: str  # Chinese, shown on the piece
    url: str = ""
    platform_id: str = ""
    # Manual channels only: the text the assignee needs; empty means "call publish() again later".
    ready_package: str = ""

    @property
    def needs_person(self) -> bool:
        """True when a person, not a later poll, has to finish this publish."""
        return self.status is Delivery.PENDING and bool(self.ready_package)


class PublishError(Exception):
    """A publish attempt failed; what it says is ``said`` (message keys with parameters, written
    in the reader's language where shown), ``str(error)`` and ``message`` its Chinese.

    ``message`` is ``Said`` (app.channels.messages: ``said(key, **params)``, parts joined with
    ``+``) or a str kept as written (what nobody can translate)."""

    def __init__(
        self, message: str | Said, code: int | str | None = None, platform: str = ""
    ) -> None:
        self.parts: Said = as_written(message) if isinstance(message, str) else tuple(message)
        self.message = chinese(self.parts)
        super().__init__(self.message)
        self.code = code
        self.platform = platform

    @property
    def said(self) -> Said:
        """What the error says, with the platform's numeric code after it."""
        # Only a platform's numeric code is shown to people; names such as "no_cover" are for logs.
        if self.code is None or not str(self.code).lstrip("-").isdigit():
            return self.parts
        return self.parts + said("channel.code", code=int(self.code))

    def __str__(self) -> str:
        return chinese(self.said)


class TransientError(PublishError):
    """Worth retrying with backoff: network trouble, 5xx, 系统繁忙, per-minute rate limits."""

    def __init__(
        self,
        message: str | Said,
        code: int | str | None = None,
        platform: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, code, platform)
        self.retry_after = retry_after


class PermanentError(PublishError):
    """Retrying will not help until a person acts: bad credentials, no permission, rejected."""


class OutcomeUnknownError(PermanentError):
    """The platform may or may not have published: a person must check before any retry."""


class BatchAdapter(Protocol):
    """A channel that sends several packages together (the 公众号's group send)."""

    def publish_batch(
        self, packages: Sequence[Package], checkpoint: Checkpoint, save_checkpoint: SaveCheckpoint
    ) -> list[Result]:
        """Publish or resume the send; one result per package, in the order given."""
        ...


class Adapter(Protocol):
    """One channel: publish a package, resuming from the checkpoint the runner stored."""

    def publish(
        self, package: Package, checkpoint: Checkpoint, save_checkpoint: SaveCheckpoint
    ) -> Result:
        """Publish or resume; call ``save_checkpoint`` after every step that creates something."""
        ...


class SettingsError(ValueError):
    """Settings that cannot work (an address that is not http(s), a missing secret): ``said``
    for the job, ``str()`` in Chinese."""

    def __init__(self, parts: Said) -> None:
        super().__init__(chinese(parts))
        self.said = parts


# The addresses ``require_http_url`` names, as message keys (others are shown as written).
URL_LABELS = {
    "微信接口地址": "url.wechat",
    "Webhook 地址": "url.webhook",
    "发布链接": "url.post",
    "地址": "url.any",
    "企业微信机器人地址": "url.wecom",
    "钉钉机器人地址": "url.dingtalk",
    "飞书机器人地址": "url.feishu",
    "机器人地址": "url.bot",
}


def require_http_url(url: str, what: str = "地址") -> str:
    """Return ``url`` if it is an absolute http(s) URL, else raise SettingsError (a ValueError)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        label = said(URL_LABELS[what]) if what in URL_LABELS else as_written(what)
        raise SettingsError(label + said("url.not_http"))
    return url.strip()


def http_link(url: object) -> str:
    """``url`` if it is an absolute http(s) link, else "" (never ``javascript:`` or ``data:``)."""
    text = str(url or "").strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    if any(ord(char) < 0x21 or char in "\"'<>\\`" for char in text):
        return ""
    return text


def record_step(state: Checkpoint, save_checkpoint: SaveCheckpoint, **values: str) -> None:
    """Add ``values`` to the checkpoint and hand the whole checkpoint to the runner to persist."""
    state.update(values)
    save_checkpoint(dict(state))


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds an HTTP ``Retry-After`` header asks to wait (delta-seconds or an HTTP-date)."""
    text = (value or "").strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


NETWORK_PROBLEMS: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], str], ...] = (
    ((httpx.ConnectTimeout, httpx.PoolTimeout), "network.connect_timeout"),
    (httpx.TimeoutException, "network.read_timeout"),
    (httpx.ConnectError, "network.connect_error"),
    ((httpx.RemoteProtocolError, httpx.ReadError), "network.dropped"),
)


def network_said(error: BaseException) -> Said:
    """What went wrong on the network, in brackets after a message (never a class name)."""
    for kinds, key in NETWORK_PROBLEMS:
        if isinstance(error, kinds):
            return said(key)
    return said("network.other")


def network_problem(error: BaseException) -> str:
    """What went wrong on the network, in Chinese (bots, logs)."""
    return chinese(network_said(error)).strip("（）")
