"""Fixtures for the publishing tests: running fake servers, packages and a checkpoint store."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from app.channels.base import Checkpoint, Package
from tests.channels.fakes import (
    DingTalkFake,
    FeishuFake,
    SmtpFake,
    WebhookReceiver,
    WeChatFake,
    WeComFake,
    serve,
    smtp_server,
)


def _png_1x1() -> bytes:
    """A valid 1×1 PNG: the fake only stores it, but it should be an image all the same."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PNG = _png_1x1()


class Crash(Exception):
    """Stands in for the worker dying right after the runner committed a checkpoint."""


class CheckpointStore:
    """What the runner does with checkpoints: keep the latest, optionally die after one."""

    def __init__(self, initial: Checkpoint | None = None) -> None:
        self.saved: list[Checkpoint] = []
        self.current: Checkpoint = dict(initial or {})
        self.crash_after: str = ""  # raise Crash once a checkpoint containing this key is stored

    def save(self, checkpoint: Checkpoint) -> None:
        """Persist ``checkpoint``, then crash if told to."""
        self.saved.append(dict(checkpoint))
        self.current = dict(checkpoint)
        if self.crash_after and self.crash_after in checkpoint:
            self.crash_after = ""
            raise Crash(f"worker died after saving {sorted(checkpoint)}")


@pytest.fixture
def make_package() -> Callable[..., Package]:
    """A factory for packages with Chinese text and a cover."""

    def make(**overrides: Any) -> Package:
        fields: dict[str, Any] = {
            "piece_id": 42,
            "title": "秋冬新品：羊毛大衣的三种穿法",
            "author": "品牌编辑部",
            "digest": "一件大衣，三种场合",
            "body_html": "<p>第一段：通勤。</p><p>第二段：周末&amp;约会。</p>",
            "source_url": "https://brand.example/coat",
            "cover": PNG,
            "cover_filename": "cover.png",
            "idempotency_key": "piece-42-v1",
        }
        fields.update(overrides)
        return Package(**fields)

    return make


@pytest.fixture
def store() -> CheckpointStore:
    """An empty checkpoint store."""
    return CheckpointStore()


@pytest.fixture
def wechat() -> Iterator[WeChatFake]:
    """A running WeChat fake."""
    with serve(WeChatFake()) as fake:
        yield fake


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    """A running webhook receiver."""
    with serve(WebhookReceiver()) as fake:
        yield fake


@pytest.fixture
def wecom() -> Iterator[WeComFake]:
    """A running 企业微信 bot fake."""
    with serve(WeComFake()) as fake:
        yield fake


@pytest.fixture
def dingtalk() -> Iterator[DingTalkFake]:
    """A running 钉钉 bot fake."""
    with serve(DingTalkFake()) as fake:
        yield fake


@pytest.fixture
def feishu() -> Iterator[FeishuFake]:
    """A running 飞书 bot fake."""
    with serve(FeishuFake()) as fake:
        yield fake


@pytest.fixture
def smtp() -> Iterator[SmtpFake]:
    """A running SMTP fake."""
    with smtp_server() as server:
        yield server
