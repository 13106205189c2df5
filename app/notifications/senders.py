"""Notifiers behind one small protocol: 企业微信, 钉钉 and 飞书 group bots, and e-mail over SMTP."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import smtplib
import ssl
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, Literal, Protocol

import httpx

from app.channels.base import network_said, require_http_url
from app.channels.outbound import (
    BlockedDestination,
    GuardedSMTP,
    GuardedSMTPSSL,
    OutboundGuard,
    blocked_connect,
)
from app.notifications.events import EVENT_LABELS, Event, Words


@dataclass(frozen=True)
class Notice:
    """One message to people: what happened, a title, a body and a link to the page."""

    event: Event
    title: str
    text: str
    url: str = ""


class NotifyError(Exception):
    """A notice was not delivered; the runner logs it and retries later, publishing goes on.

    What it says is ``words`` (message keys with parameters, app.notifications.events), stored
    on the outbox message and written in the reader's language on the routes page (issue 20);
    ``message`` and ``str()`` are its Chinese (logs)."""

    def __init__(self, words: Words, code: int | str | None = None) -> None:
        self.words = words
        self.message = str(words)
        super().__init__(self.message)
        self.code = code


class Notifier(Protocol):
    """Anything that can deliver a notice."""

    def send(self, notice: Notice) -> None:
        """Deliver ``notice`` or raise NotifyError."""
        ...


# Markdown syntax (企业微信 and 钉钉 bots) and tags (企业微信 <font>/<@…>, 飞书 <at>) in people's
# text become their full-width look-alikes: a title cannot add a link, a mention or formatting,
# and no bot's Markdown dialect has to honour backslash escapes for this to hold.
_MARKUP = str.maketrans(
    {
        "\\": "＼", "*": "＊", "_": "＿", "`": "｀", "[": "［", "]": "］", "(": "（",
        ")": "）", "<": "＜", ">": "＞", "#": "＃", "!": "！", "~": "～", "|": "｜", "@": "＠",
    }
)  # fmt: skip
_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*):(//)")


def escape_markdown(text: str, *, one_line: bool = False) -> str:
    """``text`` shown literally in a bot's Markdown: no links, mentions, tags or emphasis."""
    text = _SCHEME.sub(r"\1：\2", text.translate(_MARKUP))  # bare URLs are not auto-linked
    return " ".join(text.split()) if one_line else text


def escape_text(text: str, *, one_line: bool = False) -> str:
    """``text`` for a bot's plain-text message (飞书 parses <at> tags even there)."""
    text = text.replace("<", "＜").replace(">", "＞")
    return " ".join(text.split()) if one_line else text


def render_markdown(notice: Notice) -> str:
    """The notice as the Markdown the bots accept: bold title, text, link; people's text escaped."""
    title = escape_markdown(notice.title, one_line=True)
    lines = [f"**【{EVENT_LABELS[notice.event]}】{title}**", "", escape_markdown(notice.text)]
    if notice.url:
        lines += ["", f"[在 Hemline 中查看]({notice.url})"]
    return "\n".join(lines)


def render_text(notice: Notice, *, escape: bool = False) -> str:
    """The notice as plain text (for a bot, with tags escaped)."""
    title, text = notice.title, notice.text
    if escape:
        title, text = escape_text(title, one_line=True), escape_text(text)
    lines = [f"【{EVENT_LABELS[notice.event]}】{title}", text]
    if notice.url:
        lines.append(f"查看：{notice.url}")
    return "\n".join(lines)


def post_json(
    url: str,
    body: dict[str, Any],
    timeout: float,
    code_key: str,
    transport: httpx.BaseTransport | None = None,
) -> None:
    """POST ``body`` and require a JSON answer whose ``code_key`` is 0; else NotifyError.

    The answer's own text is never part of the error (it is shown to admins and could be an
    internal page's content): only its status or error code is.
    """
    try:
        with httpx.Client(timeout=timeout, transport=transport) as http:
            response = http.post(url, json=body)
    except httpx.HTTPError as exc:
        if blocked_connect(exc):
            raise NotifyError(Words.of("notify.blocked"), "blocked_destination") from exc
        unreachable = Words.of("notify.unreachable") + Words(network_said(exc))
        raise NotifyError(unreachable, "network") from exc
    status = response.status_code
    if status >= 300:
        raise NotifyError(Words.of("notify.http_status", status=status), status)
    try:
        data = response.json()
    except ValueError as exc:
        raise NotifyError(Words.of("notify.not_json"), "invalid_json") from exc
    if not isinstance(data, dict):
        raise NotifyError(Words.of("notify.not_object"), "invalid_json")
    code = data.get(code_key)
    if code != 0:
        if isinstance(code, int) and not isinstance(code, bool):
            raise NotifyError(Words.of("notify.refused", code=code), code)
        raise NotifyError(Words.of("notify.refused_unknown"), "未知")


def dingtalk_sign(timestamp: str, secret: str) -> str:
    """钉钉: base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}"))."""
    mac = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def feishu_sign(timestamp: str, secret: str) -> str:
    """飞书: base64(HMAC-SHA256(key=f"{timestamp}\\n{secret}", msg=b""))."""
    mac = hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


class WeComBot:
    """企业微信群机器人: Markdown to the group's webhook URL (the key in the URL is the secret)."""

    def __init__(
        self,
        webhook_url: str,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.webhook_url = require_http_url(webhook_url, "企业微信机器人地址")
        self.timeout = timeout
        self.transport = transport

    def send(self, notice: Notice) -> None:
        """Post the notice as Markdown; errcode must be 0."""
        body = {"msgtype": "markdown", "markdown": {"content": _clip(render_markdown(notice))}}
        post_json(self.webhook_url, body, self.timeout, "errcode", self.transport)


class _SignedBot:
    """A group bot whose messages are signed with a shared secret and the current time."""

    label = "机器人地址"

    def __init__(
        self,
        webhook_url: str,
        secret: str,
        timeout: float = 10.0,
        clock: Callable[[], float] = time.time,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.webhook_url = require_http_url(webhook_url, self.label)
        self.secret = secret
        self.timeout = timeout
        self._clock = clock
        self.transport = transport


class DingTalkBot(_SignedBot):
    """钉钉群机器人 with 加签: timestamp and sign go in the URL."""

    label = "钉钉机器人地址"

    def signed_url(self) -> str:
        """The webhook URL with ``timestamp`` (ms) and ``sign`` appended."""
        timestamp = str(int(self._clock() * 1000))
        sign = dingtalk_sign(timestamp, self.secret)
        query = urllib.parse.urlencode({"timestamp": timestamp, "sign": sign})
        joiner = "&" if urllib.parse.urlsplit(self.webhook_url).query else "?"
        return f"{self.webhook_url}{joiner}{query}"

    def send(self, notice: Notice) -> None:
        """Post the notice as Markdown to the signed URL; errcode must be 0."""
        title = escape_markdown(notice.title, one_line=True)
        markdown = {"title": title, "text": _clip(render_markdown(notice))}
        post_json(
            self.signed_url(),
            {"msgtype": "markdown", "markdown": markdown},
            self.timeout,
            "errcode",
            self.transport,
        )


class FeishuBot(_SignedBot):
    """飞书群机器人 with 签名校验: timestamp and sign go in the body."""

    label = "飞书机器人地址"

    def send(self, notice: Notice) -> None:
        """Post the notice as text with a signed body; code must be 0."""
        timestamp = str(int(self._clock()))
        sign = feishu_sign(timestamp, self.secret)
        body = {
            "timestamp": timestamp,
            "sign": sign,
            "msg_type": "text",
            "content": {"text": render_text(notice, escape=True)},
        }
        post_json(self.webhook_url, body, self.timeout, "code", self.transport)


SmtpSecurity = Literal["none", "starttls", "ssl"]


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to send e-mail."""

    host: str
    port: int
    sender: str
    security: SmtpSecurity = "starttls"
    username: str = ""
    password: str = ""
    timeout: float = 10.0


class EmailNotifier:
    """E-mail over SMTP with a UTF-8 Chinese subject."""

    def __init__(
        self, config: SmtpConfig, recipients: Sequence[str], guard: OutboundGuard | None = None
    ) -> None:
        self.config = config
        self.recipients = list(recipients)
        self.guard = guard  # when set, only checked addresses are connected to

    def message(self, notice: Notice) -> EmailMessage:
        """The e-mail for ``notice``; the subject is RFC 2047-encoded on the wire."""
        message = EmailMessage()
        message["Subject"] = f"[Hemline] {EVENT_LABELS[notice.event]}：{notice.title}"
        message["From"] = self.config.sender
        message["To"] = ", ".join(self.recipients)
        message.set_content(render_text(notice))
        return message

    def send(self, notice: Notice) -> None:
        """Send the notice to every recipient; any SMTP or network error is a NotifyError."""
        if not self.recipients:
            raise NotifyError(Words.of("notify.no_recipients"), "no_recipients")
        try:
            with self._connect() as smtp:
                if self.config.username:
                    smtp.login(self.config.username, self.config.password)
                smtp.send_message(self.message(notice))
        except BlockedDestination as exc:
            host = exc.message.params.get("host")
            blocked = (
                Words.of("notify.mail_blocked", host=str(host))
                if host
                else Words.of("notify.mail_no_host")
            )
            raise NotifyError(blocked, "blocked_destination") from exc
        except (smtplib.SMTPException, OSError) as exc:
            failed = Words.of("notify.mail_failed") + smtp_said(exc)
            raise NotifyError(failed, "smtp") from exc

    def _connect(self) -> smtplib.SMTP:
        config, guard = self.config, self.guard
        if config.security == "ssl":
            context = ssl.create_default_context()
            if guard is not None:
                return GuardedSMTPSSL(guard, config.host, config.port, config.timeout, context)
            return smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout, context=context
            )
        if guard is not None:
            smtp: smtplib.SMTP = GuardedSMTP(guard, config.host, config.port, config.timeout)
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        if config.security == "starttls":
            try:
                smtp.starttls(context=ssl.create_default_context())
            except BaseException:
                smtp.close()
                raise
        return smtp


def smtp_said(error: BaseException) -> Words:
    """What went wrong with the mail server (never an exception's class name)."""
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return Words.of("smtp.auth")
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return Words.of("smtp.recipients")
    if isinstance(error, smtplib.SMTPSenderRefused):
        return Words.of("smtp.sender")
    if isinstance(error, smtplib.SMTPResponseException):
        return Words.of("smtp.code", code=int(error.smtp_code))
    if isinstance(error, smtplib.SMTPException):
        return Words.of("smtp.session")
    if isinstance(error, TimeoutError):
        return Words.of("smtp.timeout")
    return Words.of("smtp.connect")


def smtp_problem(error: BaseException) -> str:
    """What went wrong with the mail server, in Chinese."""
    return str(smtp_said(error))


def _clip(text: str, limit: int = 4000) -> str:
    """At most ``limit`` UTF-8 bytes (企业微信 caps Markdown at 4096 bytes)."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[: limit - 3].decode("utf-8", errors="ignore") + "…"
