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
    """A publish attempt failed; ``message`` is Chinese and fit to show on the piece."""

    def __init__(self, message: str, code: int | str | None = None, platform: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.platform = platform

    def __str__(self) -> str:
        # Only a platform's numeric code is shown to people; names such as "no_cover" are for logs.
        if self.code is None or not str(self.code).lstrip("-").isdigit():
            return self.message
        return f"{self.message}（错误码 {self.code}）"


class TransientError(PublishError):
    """Worth retrying with backoff: network trouble, 5xx, 系统繁忙, per-minute rate limits."""

    def __init__(
        self,
        message: str,
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


def require_http_url(url: str, what: str = "地址") -> str:
    """Return ``url`` if it is an absolute http(s) URL, else raise ValueError in Chinese."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{what}必须是以 http:// 或 https:// 开头的完整网址")
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


def network_problem(error: BaseException) -> str:
    """What went wrong on the network, in Chinese (never an exception's class name)."""
    if isinstance(error, httpx.ConnectTimeout | httpx.PoolTimeout):
        return "连接超时"
    if isinstance(error, httpx.TimeoutException):
        return "等待答复超时"
    if isinstance(error, httpx.ConnectError):
        return "无法建立连接"
    if isinstance(error, httpx.RemoteProtocolError | httpx.ReadError):
        return "连接被对方中断"
    return "网络错误"
