"""A refused destination is a message id (issue 20): BlockedDestination carries the message and
its parameters (the address's label, the host), its str() is the Chinese; the settings forms say
it in the reader's language without taking the URL apart again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.channels.outbound import INTERNAL, NO_HOST, BlockedDestination, OutboundGuard
from app.errors import say
from app.messages import N_, Message
from app.models import Channel
from tests.english import chinese_in, merged_english

ENGLISH = (
    "Webhook URL points into the internal network (10.0.0.8): for security, no requests are "
    "sent to this machine, internal or reserved addresses."
)


def test_the_refusal_is_a_message_id_with_the_label_and_the_host(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(BlockedDestination) as caught:
        OutboundGuard().check_url("https://10.0.0.8/hook", N_("Webhook 地址"))

    message = caught.value.message
    assert isinstance(message, Message) and message.msgid == INTERNAL
    assert message.params == {"what": Message("Webhook 地址"), "host": "10.0.0.8"}
    assert str(caught.value) == (
        "Webhook 地址指向内部网络（10.0.0.8）：出于安全考虑，不能向本机、内网或保留地址发送请求。"
    )
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        assert say(message) == ENGLISH


def test_an_address_without_a_host_is_said_so(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(BlockedDestination) as caught:
        OutboundGuard().addresses("", 443)

    assert caught.value.message.msgid == NO_HOST and str(caught.value) == "地址缺少主机名。"
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        assert say(caught.value.message) == "The address has no host name."


def test_the_settings_forms_say_it_in_english(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], object],
    make_channel: Callable[..., Channel],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(app.config, "OUTBOUND_ALLOW", "")
    login_as("admin")
    channel = make_channel("weibo")
    webhook = {"adapter": "webhook", "webhook_url": "http://10.0.0.8/hook", "secret": "s" * 16}
    bot = {"name": "群", "kind": "wecom", "url": "http://10.0.0.8/hook", "events": ["failed"]}
    json = {"Accept": "application/json"}

    with merged_english(monkeypatch):
        hook = client.post(f"/publishing/channels/{channel.id}?lang=en", data=webhook, headers=json)
        route = client.post("/publishing/notifications?lang=en", data=bot, headers=json)

    assert hook.status_code == 400 and hook.get_json()["message"] == ENGLISH
    said = route.get_json()["message"]
    assert route.status_code == 400 and said.startswith("Bot address points into the internal")
    assert "(10.0.0.8)" in said and chinese_in(said) == []
