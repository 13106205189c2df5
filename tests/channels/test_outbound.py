"""The outbound guard: no request reaches an internal address unless the operator allows it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.channels.base import PermanentError
from app.channels.outbound import BlockedDestination, OutboundGuard
from app.channels.webhook import WebhookAdapter, WebhookConfig
from app.channels.wechat_oa import WeChatConfig, WeChatOAAdapter
from app.notifications.senders import (
    EmailNotifier,
    Event,
    Notice,
    NotifyError,
    SmtpConfig,
    WeComBot,
)
from tests.channels.conftest import CheckpointStore
from tests.channels.fakes import Reply, Request, SmtpFake, WebhookReceiver, json_reply, serve

NOTICE = Notice(Event.FAILED, "标题", "正文")

INTERNAL = [
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # shared address space (CGNAT)
    "0.0.0.0",
    "224.0.0.1",
    "240.0.0.1",
    "::1",
    "fe80::1",
    "fc00::1",
    "::ffff:127.0.0.1",  # IPv4-mapped loopback
    "::ffff:169.254.169.254",
]


def resolving(mapping: dict[str, list[str]]) -> Any:
    """A resolver answering from ``mapping`` and counting its calls."""
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return list(mapping[host])

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


@pytest.mark.parametrize("address", INTERNAL)
def test_internal_addresses_are_refused(address: str) -> None:
    guard = OutboundGuard()

    assert not guard.allowed_address(address)
    with pytest.raises(BlockedDestination, match="内部网络"):
        guard.addresses(address, 443)
    with pytest.raises(BlockedDestination, match="Webhook 地址"):
        guard.check_url(
            f"https://[{address}]/x" if ":" in address else f"https://{address}/x", "Webhook 地址"
        )


@pytest.mark.parametrize("address", ["8.8.8.8", "101.226.103.106", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert OutboundGuard().allowed_address(address)


def test_a_name_resolving_to_an_internal_address_is_refused_even_with_public_ones() -> None:
    guard = OutboundGuard(resolver=resolving({"evil.example": ["8.8.8.8", "10.0.0.5"]}))

    with pytest.raises(BlockedDestination):
        guard.check_url("https://evil.example/hook")


def test_the_allow_list_takes_networks_addresses_and_host_names() -> None:
    guard = OutboundGuard.from_setting(
        "10.20.0.0/16, 127.0.0.1 ,mail.lan", resolver=resolving({"mail.lan": ["192.168.9.9"]})
    )

    assert guard.allowed_address("10.20.3.4") and guard.allowed_address("127.0.0.1")
    assert not guard.allowed_address("10.21.0.1") and not guard.allowed_address("127.0.0.2")
    assert guard.addresses("mail.lan", 25) == ["192.168.9.9"]


def test_an_unresolvable_name_is_left_to_the_connect_time_check() -> None:
    def fail(host: str, port: int) -> list[str]:
        raise OSError("no DNS")

    OutboundGuard(resolver=fail).check_url("https://brand.example/in")  # no error


class HostEcho:
    """A fake that records each request's Host header."""

    def __init__(self) -> None:
        self.url = ""
        self.hosts: list[str] = []

    def handle(self, request: Request) -> Reply:
        self.hosts.append(request.headers.get("Host", ""))
        return json_reply({"ok": True})


def test_the_transport_connects_to_the_address_it_checked_and_keeps_the_host() -> None:
    with serve(HostEcho()) as fake:
        port = fake.url.rsplit(":", 1)[1]
        # brand.test does not exist in DNS: the request can only arrive through the checked address
        resolver = resolving({"brand.test": ["127.0.0.1"]})
        guard = OutboundGuard(["127.0.0.1"], resolver=resolver)
        with httpx.Client(transport=guard.transport()) as http:
            response = http.post(f"http://brand.test:{port}/hook", json={})

    assert response.status_code == 200
    assert fake.hosts == [f"brand.test:{port}"] and resolver.calls == ["brand.test"]


def test_dns_rebinding_is_refused_at_connect_time() -> None:
    answers = iter([["8.8.8.8"], ["127.0.0.1"]])  # public when saved, loopback when used

    def rebinding(host: str, port: int) -> list[str]:
        return next(answers)

    with serve(HostEcho()) as fake:
        port = fake.url.rsplit(":", 1)[1]
        guard = OutboundGuard(resolver=rebinding)
        guard.check_url(f"http://rebind.test:{port}/hook")  # accepted when saved
        with httpx.Client(transport=guard.transport()) as http, pytest.raises(httpx.ConnectError):
            http.post(f"http://rebind.test:{port}/hook", json={})

    assert fake.hosts == []


def test_a_webhook_to_an_internal_address_fails_permanently_without_sending(
    receiver: WebhookReceiver, store: CheckpointStore, make_package: Any
) -> None:
    config = WebhookConfig(receiver.url, receiver.secret, timeout=2.0)
    adapter = WebhookAdapter(config, transport=OutboundGuard().transport())

    with pytest.raises(PermanentError, match="内部网络") as caught:
        adapter.publish(make_package(), {}, store.save)

    assert caught.value.code == "blocked_destination" and receiver.requests == []


def test_wechat_to_an_internal_base_url_fails_permanently_without_sending(
    store: CheckpointStore, make_package: Any
) -> None:
    config = WeChatConfig("wx1", "secret", base_url="http://169.254.169.254", timeout=1.0)
    adapter = WeChatOAAdapter(config, transport=OutboundGuard().transport())

    with pytest.raises(PermanentError, match="内部网络"):
        adapter.publish(make_package(), {}, store.save)


def test_a_bot_on_an_internal_address_is_refused(receiver: WebhookReceiver) -> None:
    bot = WeComBot(receiver.url + "/?key=k", timeout=2.0, transport=OutboundGuard().transport())

    with pytest.raises(NotifyError, match="内部网络"):
        bot.send(NOTICE)

    assert receiver.requests == []


def test_the_mail_server_is_checked_at_connect_time(smtp: SmtpFake) -> None:
    config = SmtpConfig("127.0.0.1", smtp.port, "hemline@brand.example", "none", timeout=2.0)

    with pytest.raises(NotifyError, match="内部网络"):
        EmailNotifier(config, ["a@brand.example"], OutboundGuard()).send(NOTICE)
    assert smtp.messages == []

    EmailNotifier(config, ["a@brand.example"], OutboundGuard(["127.0.0.1"])).send(NOTICE)
    assert len(smtp.messages) == 1


def test_a_receivers_answer_is_never_part_of_the_error(
    receiver: WebhookReceiver, store: CheckpointStore, make_package: Any
) -> None:
    receiver.status = 403  # answers {"error": "receiver says no"}

    with pytest.raises(PermanentError) as caught:
        WebhookAdapter(WebhookConfig(receiver.url, receiver.secret)).publish(
            make_package(), {}, store.save
        )

    assert "receiver says no" not in str(caught.value) and "HTTP 403" in str(caught.value)


def test_a_bots_error_text_is_never_part_of_the_error(wecom: Any) -> None:
    wecom.fail_with = 45009  # answers errmsg "forced failure"

    with pytest.raises(NotifyError) as caught:
        WeComBot(f"{wecom.url}/?key={wecom.secret}", timeout=2.0).send(NOTICE)

    assert "forced failure" not in caught.value.message and "45009" in caught.value.message


def _self_signed(tmp_path: Any, host: str) -> tuple[str, str]:
    """A certificate and key for ``host`` (PEM files)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_file), str(key_file)


def test_https_through_the_checked_address_still_verifies_the_host_name(tmp_path: Any) -> None:
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    cert, key = _self_signed(tmp_path, "brand.test")

    class Ok(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Ok)
    served = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    served.load_cert_chain(cert, key)
    server.socket = served.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        port = server.server_address[1]
        trust = ssl.create_default_context(cafile=cert)
        resolver = resolving({"brand.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]})
        guard = OutboundGuard(["127.0.0.1"], resolver=resolver)
        with httpx.Client(transport=guard.transport(verify=trust)) as http:
            assert http.get(f"https://brand.test:{port}/").text == "ok"
            with pytest.raises(httpx.ConnectError):  # the certificate is not for other.test
                http.get(f"https://other.test:{port}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
