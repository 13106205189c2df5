"""The webhook adapter: an HMAC-SHA256-signed JSON POST to one of the brand's other systems."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from app.channels.base import (
    Checkpoint,
    Delivery,
    Package,
    PermanentError,
    Result,
    SaveCheckpoint,
    TransientError,
    http_link,
    network_said,
    record_step,
    require_http_url,
    retry_after_seconds,
)
from app.channels.messages import said
from app.channels.outbound import blocked_connect

PLATFORM = "webhook"
TIMESTAMP_HEADER = "X-Hemline-Timestamp"
SIGNATURE_HEADER = "X-Hemline-Signature"
IDEMPOTENCY_HEADER = "X-Hemline-Idempotency-Key"
SIGNATURE_PREFIX = "sha256="


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value: ``sha256=`` + hex HMAC-SHA256(secret, f"{timestamp}.{body}")."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return SIGNATURE_PREFIX + mac.hexdigest()


def verify_signature(
    secret: str,
    timestamp: str,
    body: bytes,
    header: str,
    tolerance: float = 300.0,
    now: float | None = None,
) -> bool:
    """For receivers: True if ``header`` signs ``body`` and ``timestamp`` is within tolerance."""
    try:
        sent_at = int(timestamp)
    except ValueError:
        return False
    current = time.time() if now is None else now
    if abs(current - sent_at) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), header)


def payload(package: Package) -> bytes:
    """The JSON body sent for ``package``: UTF-8, compact, keys sorted."""
    data: dict[str, Any] = {
        "event": "publish",
        "piece_id": package.piece_id,
        "title": package.title,
        "author": package.author,
        "digest": package.digest,
        "body_html": package.body_html,
        "source_url": package.source_url,
        "idempotency_key": package.idempotency_key,
        "cover": None,
    }
    if package.cover:
        data["cover"] = {
            "filename": package.cover_filename,
            "content_base64": base64.b64encode(package.cover).decode("ascii"),
        }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


@dataclass(frozen=True)
class WebhookConfig:
    """One webhook channel: where to POST and the secret shared with the receiver."""

    url: str
    secret: str
    timeout: float = 10.0

    def __post_init__(self) -> None:
        require_http_url(self.url, "Webhook 地址")


class WebhookAdapter:
    """POSTs the package once; the idempotency key lets the receiver drop a repeat after a timeout.

    Checkpoint keys: ``delivered_at`` (timestamp of the accepted delivery), ``url`` and
    ``remote_id`` (from the receiver's JSON answer, when it gives them).
    """

    def __init__(
        self,
        config: WebhookConfig,
        clock: Callable[[], float] = time.time,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.config = config
        self._clock = clock
        self._transport = transport

    def publish(
        self, package: Package, checkpoint: Checkpoint, save_checkpoint: SaveCheckpoint
    ) -> Result:
        """POST the signed package unless a previous attempt was already accepted."""
        state = dict(checkpoint)
        if not state.get("delivered_at"):
            timestamp = str(int(self._clock()))
            answer = self._post(payload(package), timestamp, package.idempotency_key)
            record_step(state, save_checkpoint, delivered_at=timestamp, **answer)
        return Result(
            Delivery.PUBLISHED,
            "已推送到 Webhook",
            url=state.get("url", ""),
            platform_id=state.get("remote_id", ""),
        )

    def _post(self, body: bytes, timestamp: str, idempotency_key: str) -> dict[str, str]:
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: sign(self.config.secret, timestamp, body),
            IDEMPOTENCY_HEADER: idempotency_key,
        }
        try:
            with httpx.Client(timeout=self.config.timeout, transport=self._transport) as http:
                response = http.post(self.config.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            if blocked_connect(exc):
                raise PermanentError(
                    said("webhook.blocked"),
                    code="blocked_destination",
                    platform=PLATFORM,
                ) from exc
            raise TransientError(
                said("webhook.unreachable") + network_said(exc) + said("retry.later"),
                code="network",
                platform=PLATFORM,
            ) from exc
        _raise_for_status(response)
        return _answer(response)


def steps_left(checkpoint: Checkpoint) -> bool:
    """True until the receiver accepted the delivery."""
    return not checkpoint.get("delivered_at")


def _raise_for_status(response: httpx.Response) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    if status in (408, 429) or status >= 500:
        raise TransientError(
            said("webhook.unavailable", status=status) + said("retry.later"),
            code=status,
            platform=PLATFORM,
            retry_after=retry_after_seconds(response.headers.get("Retry-After")),
        )
    # The receiver's answer is never shown: people (and bots) see our text and the status only.
    raise PermanentError(said("webhook.refused", status=status), status, PLATFORM)


def _answer(response: httpx.Response) -> dict[str, str]:
    """The ``url`` and ``id`` the receiver returned, if its answer is a JSON object with them."""
    try:
        data = response.json()
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    # The receiver's link is shown on the piece page: only an http(s) link is kept.
    answer = {"url": http_link(data.get("url")), "remote_id": data.get("id")}
    return {key: str(value) for key, value in answer.items() if value not in (None, "")}
