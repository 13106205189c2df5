"""The webhook adapter against a receiver that checks signatures on its own."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import httpx
import pytest

from app.channels.base import Delivery, Package, PermanentError, TransientError
from app.channels.webhook import (
    WebhookAdapter,
    WebhookConfig,
    payload,
    sign,
    verify_signature,
)
from tests.channels.conftest import CheckpointStore
from tests.channels.fakes import WebhookReceiver

MakePackage = Callable[..., Package]


def adapter_for(receiver: WebhookReceiver, secret: str = "") -> WebhookAdapter:
    """An adapter posting to the receiver with its secret (or another one)."""
    return WebhookAdapter(WebhookConfig(receiver.url, secret or receiver.secret, timeout=2.0))


def test_a_signed_post_is_verified_by_the_receiver_and_published(
    receiver: WebhookReceiver, store: CheckpointStore, make_package: MakePackage
) -> None:
    result = adapter_for(receiver).publish(make_package(), {}, store.save)

    (request,) = receiver.requests
    assert request["valid"] and request["idempotency_key"] == "piece-42-v1"
    assert request["content_type"] == "application/json; charset=utf-8"
    body = json.loads(request["body"])
    assert (
        body["title"] == "秋冬新品：羊毛大衣的三种穿法" and body["cover"]["filename"] == "cover.png"
    )
    assert (result.status, result.url, result.platform_id) == (
        Delivery.PUBLISHED,
        "https://brand.example/posts/1",
        "post-1",
    )
    assert store.current["url"] == result.url and "delivered_at" in store.current


def test_a_delivered_checkpoint_is_not_posted_again(
    receiver: WebhookReceiver, store: CheckpointStore, make_package: MakePackage
) -> None:
    adapter = adapter_for(receiver)
    adapter.publish(make_package(), {}, store.save)

    again = adapter.publish(make_package(), store.current, store.save)

    assert again.status is Delivery.PUBLISHED and again.url == "https://brand.example/posts/1"
    assert len(receiver.requests) == 1


def test_an_answer_without_url_still_publishes(
    receiver: WebhookReceiver, make_package: MakePackage
) -> None:
    receiver.answer = ["not", "an", "object"]

    result = adapter_for(receiver).publish(make_package(), {}, lambda _: None)

    assert result.status is Delivery.PUBLISHED and result.url == ""


def test_verify_signature_accepts_the_real_body_and_rejects_tampering() -> None:
    body = '{"title":"大衣"}'.encode()
    timestamp = str(int(time.time()))
    header = sign("s3cret", timestamp, body)

    assert verify_signature("s3cret", timestamp, body, header)
    assert not verify_signature("s3cret", timestamp, body.replace("大衣".encode(), b"x"), header)
    assert not verify_signature("other", timestamp, body, header)
    assert not verify_signature("s3cret", str(int(timestamp) + 1), body, header)
    assert not verify_signature("s3cret", timestamp, body, header, now=int(timestamp) + 301)
    assert not verify_signature("s3cret", "yesterday", body, header)


def test_the_receiver_rejects_a_tampered_body(
    receiver: WebhookReceiver, make_package: MakePackage
) -> None:
    body = payload(make_package())
    timestamp = str(int(time.time()))
    headers = {
        "X-Hemline-Timestamp": timestamp,
        "X-Hemline-Signature": sign(receiver.secret, timestamp, body),
    }
    tampered = body.replace("羊毛".encode(), "化纤".encode())

    with httpx.Client() as http:
        response = http.post(receiver.url, content=tampered, headers=headers)

    assert response.status_code == 401 and receiver.requests[0]["valid"] is False


def test_a_wrong_secret_is_a_permanent_error(
    receiver: WebhookReceiver, make_package: MakePackage
) -> None:
    with pytest.raises(PermanentError, match="HTTP 401") as caught:
        adapter_for(receiver, secret="not-the-secret").publish(make_package(), {}, lambda _: None)

    assert caught.value.code == 401


@pytest.mark.parametrize(
    ("status", "error_class"),
    [(500, TransientError), (503, TransientError), (429, TransientError), (400, PermanentError)],
)
def test_receiver_errors_map_to_transient_or_permanent(
    receiver: WebhookReceiver,
    store: CheckpointStore,
    make_package: MakePackage,
    status: int,
    error_class: type[Exception],
) -> None:
    receiver.status = status

    with pytest.raises(error_class) as caught:
        adapter_for(receiver).publish(make_package(), {}, store.save)

    assert type(caught.value) is error_class and caught.value.code == status
    assert store.saved == []


def test_a_network_error_is_transient(make_package: MakePackage) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    adapter = WebhookAdapter(
        WebhookConfig("https://brand.example/hook", "s"), transport=httpx.MockTransport(refuse)
    )

    with pytest.raises(TransientError, match="无法送达"):
        adapter.publish(make_package(), {}, lambda _: None)


@pytest.mark.parametrize(
    "url", ["ftp://brand.example/hook", "javascript:alert(1)", "brand.example"]
)
def test_a_webhook_url_that_is_not_http_is_rejected(url: str) -> None:
    with pytest.raises(ValueError, match="http"):
        WebhookConfig(url, "secret")


def test_a_network_error_is_explained_in_chinese_without_class_names(
    make_package: MakePackage,
) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    adapter = WebhookAdapter(
        WebhookConfig("https://brand.example/hook", "s"), transport=httpx.MockTransport(refuse)
    )

    with pytest.raises(TransientError) as caught:
        adapter.publish(make_package(), {}, lambda _: None)

    shown = str(caught.value)
    assert "无法建立连接" in shown
    assert "ConnectError" not in shown and "network" not in shown and "Errno" not in shown


@pytest.mark.parametrize(
    "link", ["javascript:alert(document.cookie)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//x"]
)
def test_a_receivers_link_that_is_not_http_is_dropped(
    receiver: WebhookReceiver, store: CheckpointStore, make_package: MakePackage, link: str
) -> None:
    receiver.answer = {"url": link, "id": "post-1"}

    result = adapter_for(receiver).publish(make_package(), {}, store.save)

    assert result.url == "" and "url" not in store.current and result.platform_id == "post-1"
