"""Where the app may send requests: public addresses only, unless an operator allows more.

Admins type the webhook URL, the WeChat base URL and the bot URLs; without a check they could
make the worker talk to the database, the cloud metadata service or anything else on the inside
(server-side request forgery). Decisions:

- A destination is refused when any address its name resolves to is loopback, link-local,
  private, shared (CGNAT), multicast, unspecified or otherwise reserved (``not is_global``),
  IPv4-mapped IPv6 included, unless the address lies in a network, or the name is one of the
  hosts, listed in the allow list (``HEMLINE_OUTBOUND_ALLOW``: comma-separated CIDRs, addresses
  or host names).
- The check runs twice: when settings are saved (``check_url``), and at connect time, where the
  transports below resolve the name once, check every address and connect to the checked address
  itself, so a name that answers differently the second time (DNS rebinding) cannot slip through.
  TLS still verifies the certificate against the original host name (SNI and Host are kept).
- A name that does not resolve when settings are saved is accepted (the connect-time check
  decides), so a temporary DNS problem does not block an admin.

Pure: the allow list is an argument; nothing here reads Flask or the environment.
"""

from __future__ import annotations

import ipaddress
import smtplib
import socket
import ssl
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpx

from app.messages import N_, Message

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]


# What a refused destination is told, as message ids (app.messages): the settings forms say them
# in the reader's language (app.errors.say); str() of the error is their Chinese (logs, bots).
INTERNAL = N_(
    "%(what)s指向内部网络（%(host)s）：出于安全考虑，不能向本机、内网或保留地址发送请求。"
)
NO_HOST = N_("%(what)s缺少主机名。")
ADDRESS = N_("地址")  # ``what`` when the caller names nothing


class BlockedDestination(ValueError):
    """The destination is an internal address that is not allowed (or names no host).

    ``message`` is a ``Message``: its id and parameters (``what``: the address's label, itself a
    message; ``host``: as typed) for the web layer, its Chinese as ``str()``."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message

    def naming(self, what: str) -> BlockedDestination:
        """The same refusal for the address labelled ``what`` (a message id such as 机器人地址)."""
        return BlockedDestination(self.message.replace_params(what=Message(what)))


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (A and AAAA)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class OutboundGuard:
    """Resolves and checks destinations against the allow list."""

    def __init__(self, allow: Iterable[str] = (), resolver: Resolver = system_resolver) -> None:
        self.networks: list[IPNetwork] = []
        self.hosts: set[str] = set()
        for entry in (item.strip() for item in allow):
            if not entry:
                continue
            try:
                self.networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self.hosts.add(entry.lower().rstrip("."))
        self._resolve = resolver

    @classmethod
    def from_setting(cls, setting: str, resolver: Resolver = system_resolver) -> OutboundGuard:
        """A guard for a comma-separated allow list such as ``127.0.0.1,10.0.0.0/8,mail.lan``."""
        return cls(setting.split(","), resolver)

    def allowed_address(self, address: str) -> bool:
        """True if a connection to ``address`` (an IP) is allowed."""
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if any(ip in network for network in self.networks):
            return True
        return ip.is_global and not ip.is_multicast

    def addresses(self, host: str, port: int) -> list[str]:
        """The checked addresses to connect to for ``host``; BlockedDestination if any is internal.

        Raises OSError (socket.gaierror) when the name does not resolve.
        """
        name = host.strip("[]").lower().rstrip(".")
        if not name:
            raise BlockedDestination(Message(NO_HOST, what=Message(ADDRESS)))
        if _is_ip(name):
            resolved = [name]
        else:
            resolved = self._resolve(name, port)
            if not resolved:
                raise socket.gaierror(f"{name} 无法解析")
        if name in self.hosts:
            return resolved
        if not all(self.allowed_address(address) for address in resolved):
            raise _blocked(host)
        return resolved

    def check_url(self, url: str, what: str = ADDRESS) -> None:
        """For saving settings: refuse a URL whose host is, or resolves to, an internal address;
        the refusal names the address ``what`` (a message id)."""
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        try:
            self.addresses(host, parts.port or (443 if parts.scheme == "https" else 80))
        except BlockedDestination as error:
            raise error.naming(what) from None
        except (OSError, UnicodeError, ValueError):
            return  # not resolvable now: the connect-time check decides

    def transport(self, **options: Any) -> GuardedTransport:
        """An httpx transport that connects only to checked addresses."""
        return GuardedTransport(self, **options)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    return True


def _blocked(host: str) -> BlockedDestination:
    return BlockedDestination(Message(INTERNAL, what=Message(ADDRESS), host=host))


class GuardedTransport(httpx.HTTPTransport):
    """Resolves the request's host, checks the addresses, connects to the first checked one.

    The URL's host is replaced by the address; the Host header stays, and the TLS server name
    (SNI and certificate check) is the original host name.
    """

    def __init__(self, guard: OutboundGuard, **options: Any) -> None:
        super().__init__(**options)
        self.guard = guard

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` to a checked address of its host (ConnectError when refused)."""
        host = request.url.host
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        try:
            address = self.guard.addresses(host, port)[0]
        except BlockedDestination as error:
            raise httpx.ConnectError(str(error), request=request) from error
        except (OSError, UnicodeError) as error:
            raise httpx.ConnectError(f"{host} 无法解析", request=request) from error
        if address != host:
            request.url = request.url.copy_with(host=address)
            request.extensions = {**request.extensions, "sni_hostname": host}
        return super().handle_request(request)


def blocked_connect(error: BaseException) -> bool:
    """True if an httpx error came from the guard refusing the destination."""
    return isinstance(error.__cause__, BlockedDestination)


class _GuardedSocket:
    """Mixin for smtplib: connect to a checked address of the host; TLS keeps the host name."""

    guard: OutboundGuard

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        address = self.guard.addresses(host, port)[0]
        return super()._get_socket(address, port, timeout)  # type: ignore[misc]


class GuardedSMTP(_GuardedSocket, smtplib.SMTP):
    """smtplib.SMTP that connects only to checked addresses (STARTTLS checks the host name)."""

    def __init__(self, guard: OutboundGuard, host: str, port: int, timeout: float) -> None:
        self.guard = guard
        super().__init__(host, port, timeout=timeout)


class GuardedSMTPSSL(_GuardedSocket, smtplib.SMTP_SSL):
    """smtplib.SMTP_SSL that connects only to checked addresses (TLS checks the host name)."""

    def __init__(
        self, guard: OutboundGuard, host: str, port: int, timeout: float, context: ssl.SSLContext
    ) -> None:
        self.guard = guard
        super().__init__(host, port, timeout=timeout, context=context)
