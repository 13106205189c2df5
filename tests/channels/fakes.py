"""Local fake servers for the publishing tests: WeChat, a webhook receiver, three bots and SMTP."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from email.message import Message
from email.parser import BytesParser
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

Reply = tuple[int, dict[str, str], bytes]


@dataclass(frozen=True)
class Request:
    """One HTTP request as a fake sees it."""

    method: str
    path: str
    query: dict[str, str]
    headers: Message
    body: bytes

    def json(self) -> Any:
        """The body parsed as UTF-8 JSON."""
        return json.loads(self.body.decode("utf-8"))


class FakeApp(Protocol):
    """What a fake HTTP server dispatches to."""

    url: str

    def handle(self, request: Request) -> Reply:
        """Answer one request."""
        ...


def json_reply(data: Any, status: int = 200) -> Reply:
    """A JSON answer with raw UTF-8, as WeChat sends it."""
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return status, {"Content-Type": "application/json; charset=utf-8"}, body


class _Handler(BaseHTTPRequestHandler):
    server: _HttpServer

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        request = Request(self.command, parts.path, query, self.headers, body)
        try:
            status, headers, payload = self.server.app.handle(request)
        except Exception as exc:  # a bug in a fake shows up as a 500 the test can see
            status, headers, payload = 500, {}, repr(exc).encode()
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            pass  # the client gave up (a timeout test): nothing to answer

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins every handler thread
    block_on_close = True

    def __init__(self, app: FakeApp) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.app = app


@contextmanager
def _running(server: socketserver.BaseServer) -> Iterator[None]:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def serve(app: FakeApp) -> Iterator[FakeApp]:
    """Run ``app`` on 127.0.0.1 on a free port; ``app.url`` is set while it runs."""
    server = _HttpServer(app)
    with _running(server):
        app.url = f"http://127.0.0.1:{server.server_address[1]}"
        yield app


def parse_multipart(content_type: str, body: bytes) -> dict[str, tuple[str, bytes]]:
    """Form fields of a multipart body: name → (filename, bytes)."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=default_policy).parsebytes(head + body)
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        fields[str(name)] = (part.get_filename() or "", part.get_payload(decode=True))
    return fields


@dataclass
class PublishJob:
    """A free-publish job in the WeChat fake."""

    media_id: str
    polls: int = 0


# The longest span of each datacube call, as WeChat documents it (days, both ends included).
DATACUBE_SPANS = {
    "getarticletotaldetail": 1,
    "getarticleread": 1,
    "getbizsummary": 30,
    "getusersummary": 7,
    "getusercumulate": 7,
}


class WeChatFake:
    """The 公众号 endpoints Hemline uses, with tokens that expire, quotas and async publish jobs."""

    def __init__(self, appid: str = "wx-fake-appid", secret: str = "fake-app-secret") -> None:
        self.url = ""
        self.appid, self.secret = appid, secret
        self.expires_in = 7200
        self.polls_until_done = 1  # freepublish/get answers 1 (publishing) this many times first
        self.final_status = 0  # then this publish_status: 0 success, 3/4 asynchronous failure
        self.reject_tokens = False  # every API call answers 40001, even with a fresh token
        self.delays: dict[str, float] = {}  # path → seconds to wait before answering
        self.throttled: dict[str, str] = {}  # path → Retry-After of one HTTP 429 answer
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._tokens: dict[str, float] = {}  # token → expires_at
        self._queued: dict[str, list[int]] = {}
        self._expire_before: set[str] = set()
        self.token_requests: list[dict[str, Any]] = []
        self.calls: list[str] = []
        self.materials: dict[str, tuple[str, bytes]] = {}
        self.drafts: dict[str, dict[str, Any]] = {}
        self.draft_bodies: list[bytes] = []
        self.draft_articles: dict[str, list[dict[str, Any]]] = {}  # every article of each draft
        self.publishes: dict[str, PublishJob] = {}
        self.deleted: list[tuple[str, int]] = []  # (article_id, index) of each freepublish/delete
        # datacube statistics (issue 17): the answer to a call, by (name, begin_date) first, then
        # by name, e.g. stats["getarticleread"] = {"list": [...], "is_delay": False}; each
        # request's (name, body) in stats_requests. Refused as WeChat does: a date that is not
        # YYYY-MM-DD 61500, a span longer than the API's (DATACUBE_SPANS) 61501.
        self.stats: dict[str | tuple[str, str], dict[str, Any]] = {}
        self.stats_requests: list[tuple[str, dict[str, Any]]] = []

    def fail_next(self, path: str, *errcodes: int) -> None:
        """Answer the next calls to ``path`` with these errcodes (-1, 45009, 48001 …)."""
        self._queued.setdefault(path, []).extend(errcodes)

    def expire_tokens_before(self, path: str) -> None:
        """Expire every token just before the next call to ``path`` is checked (mid-run)."""
        self._expire_before.add(path)

    def handle(self, request: Request) -> Reply:
        """Route one request; a configured delay comes after the work, as with a slow answer."""
        with self._lock:
            reply = self._route(request)
        time.sleep(self.delays.get(request.path, 0.0))
        return reply

    def _route(self, request: Request) -> Reply:
        self.calls.append(request.path)
        if request.path in self.throttled:
            wait = self.throttled.pop(request.path)
            return 429, {"Retry-After": wait}, b"slow down"
        if request.path == "/cgi-bin/stable_token":
            return json_reply(self._stable_token(request.json()))
        refused = self._refusal(request)
        if refused is not None:
            return json_reply({"errcode": refused, "errmsg": "fake error"})
        route = {
            "/cgi-bin/material/add_material": self._add_material,
            "/cgi-bin/draft/add": self._add_draft,
            "/cgi-bin/freepublish/submit": self._submit,
            "/cgi-bin/freepublish/get": self._get,
            "/cgi-bin/freepublish/delete": self._delete,
            "/datacube/getarticletotaldetail": self._datacube,
            "/datacube/getarticleread": self._datacube,
            "/datacube/getbizsummary": self._datacube,
            "/datacube/getusersummary": self._datacube,
            "/datacube/getusercumulate": self._datacube,
        }[request.path]
        return json_reply(route(request))

    def _stable_token(self, body: dict[str, Any]) -> dict[str, Any]:
        self.token_requests.append(body)
        if (body.get("appid"), body.get("secret")) != (self.appid, self.secret):
            return {"errcode": 40125, "errmsg": "invalid appsecret"}
        now = time.time()
        live = [token for token, expires_at in self._tokens.items() if expires_at > now]
        if live and not body.get("force_refresh"):
            return {"access_token": live[0], "expires_in": int(self._tokens[live[0]] - now)}
        for token in live:  # a forced refresh invalidates the previous token
            self._tokens[token] = 0.0
        token = f"token-{next(self._ids)}"
        self._tokens[token] = now + self.expires_in
        return {"access_token": token, "expires_in": self.expires_in}

    def _refusal(self, request: Request) -> int | None:
        """The errcode the token check or a queued failure gives this call, or None."""
        if request.path in self._expire_before:
            self._expire_before.discard(request.path)
            self._tokens = dict.fromkeys(self._tokens, 0.0)
        token = request.query.get("access_token", "")
        if self.reject_tokens or token not in self._tokens:
            return 40001
        if self._tokens[token] <= time.time():
            return 42001
        queued = self._queued.get(request.path)
        return queued.pop(0) if queued else None

    def _add_material(self, request: Request) -> dict[str, Any]:
        if request.query.get("type") != "image":
            return {"errcode": 40004, "errmsg": "invalid media type"}
        fields = parse_multipart(request.headers["Content-Type"], request.body)
        media_id = f"thumb-{next(self._ids)}"
        self.materials[media_id] = fields["media"]
        return {"media_id": media_id, "url": f"http://mmbiz.example/{media_id}.jpg"}

    def _add_draft(self, request: Request) -> dict[str, Any]:
        articles = request.json()["articles"]
        if not 1 <= len(articles) <= 8:
            return {"errcode": 45003, "errmsg": "too many articles"}
        if any(a.get("thumb_media_id") not in self.materials for a in articles):
            return {"errcode": 40007, "errmsg": "invalid media_id"}
        media_id = f"draft-{next(self._ids)}"
        self.drafts[media_id] = articles[0]
        self.draft_articles[media_id] = articles
        self.draft_bodies.append(request.body)
        return {"media_id": media_id}

    def _submit(self, request: Request) -> dict[str, Any]:
        media_id = request.json().get("media_id")
        if media_id not in self.drafts:
            return {"errcode": 40007, "errmsg": "invalid media_id"}
        number = next(self._ids)
        publish_id = f"pub-{number}"
        self.publishes[publish_id] = PublishJob(media_id)
        msg_data_id = 2247490000 + number
        return {"errcode": 0, "errmsg": "ok", "publish_id": publish_id, "msg_data_id": msg_data_id}

    def _datacube(self, request: Request) -> dict[str, Any]:
        name = request.path.rsplit("/", 1)[1]
        body = request.json()
        self.stats_requests.append((name, body))
        try:
            begin = date.fromisoformat(str(body.get("begin_date", "")))
            end = date.fromisoformat(str(body.get("end_date", "")))
        except ValueError:
            return {"errcode": 61500, "errmsg": "date format error"}
        if not 0 <= (end - begin).days < DATACUBE_SPANS[name]:
            return {"errcode": 61501, "errmsg": "date range error"}
        answer = self.stats.get((name, begin.isoformat()), self.stats.get(name))
        return answer if answer is not None else {"list": [], "is_delay": False}

    def _delete(self, request: Request) -> dict[str, Any]:
        body = request.json()
        article_id, index = str(body.get("article_id", "")), int(body.get("index", 0))
        published = {f"article-{publish_id}" for publish_id in self.publishes}
        if article_id not in published or (article_id, 0) in self.deleted:
            return {"errcode": 53600, "errmsg": "Article ID 无效"}
        self.deleted.append((article_id, index))
        return {"errcode": 0, "errmsg": "ok"}

    def _get(self, request: Request) -> dict[str, Any]:
        publish_id = request.json().get("publish_id")
        job = self.publishes.get(publish_id)
        if job is None:
            return {"errcode": 40007, "errmsg": "invalid publish_id"}
        job.polls += 1
        if job.polls <= self.polls_until_done:
            return {"publish_id": publish_id, "publish_status": 1, "fail_idx": []}
        if self.final_status != 0:
            return {"publish_id": publish_id, "publish_status": self.final_status, "fail_idx": [1]}
        count = len(self.draft_articles[job.media_id])
        items = [
            {
                "idx": n,
                "article_url": f"https://mp.weixin.qq.com/s/{publish_id}" + (f"-{n}" * (n > 1)),
            }
            for n in range(1, count + 1)
        ]
        return {
            "publish_id": publish_id,
            "publish_status": 0,
            "article_id": f"article-{publish_id}",
            "article_detail": {"count": count, "item": items},
            "fail_idx": [],
        }


class WebhookReceiver:
    """A brand system receiving webhooks: checks the signature on its own, records everything."""

    def __init__(self, secret: str = "webhook-secret", tolerance: float = 300.0) -> None:
        self.url = ""
        self.secret = secret
        self.tolerance = tolerance
        self.status = 200  # answer with this status once the signature checks out
        self.retry_after = ""  # a Retry-After header for the non-200 answers
        self.answer: Any = {"url": "https://brand.example/posts/1", "id": "post-1"}
        self.requests: list[dict[str, Any]] = []

    def expected_signature(self, timestamp: str, body: bytes) -> str:
        """sha256=hex(HMAC-SHA256(secret, timestamp + "." + body)), computed independently."""
        message = f"{timestamp}.".encode() + body
        return "sha256=" + hmac.new(self.secret.encode(), message, hashlib.sha256).hexdigest()

    def handle(self, request: Request) -> Reply:
        """Record the request; 401 for a bad signature, else the configured status."""
        timestamp = request.headers.get("X-Hemline-Timestamp", "")
        given = request.headers.get("X-Hemline-Signature", "")
        fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) <= self.tolerance
        valid = fresh and hmac.compare_digest(
            self.expected_signature(timestamp, request.body), given
        )
        self.requests.append(
            {
                "valid": valid,
                "body": request.body,
                "idempotency_key": request.headers.get("X-Hemline-Idempotency-Key"),
                "content_type": request.headers.get("Content-Type"),
            }
        )
        if not valid:
            return json_reply({"error": "bad signature"}, 401)
        if self.status != 200:
            status, headers, body = json_reply({"error": "receiver says no"}, self.status)
            extra = {"Retry-After": self.retry_after} if self.retry_after else {}
            return status, headers | extra, body
        return json_reply(self.answer)


class BotFake:
    """Shared state of the group-bot fakes: accepted messages and a forced failure."""

    ok_key = "errcode"

    def __init__(self, secret: str = "bot-secret") -> None:
        self.url = ""
        self.secret = secret
        self.messages: list[dict[str, Any]] = []
        self.rejections: list[int] = []
        self.fail_with = 0  # answer with this code even when the request is fine

    def refuse(self, code: int, message: str) -> Reply:
        """Record and send a vendor error answer."""
        self.rejections.append(code)
        return json_reply({self.ok_key: code, "errmsg": message, "msg": message})


class WeComFake(BotFake):
    """企业微信群机器人: the key in the URL is the only credential."""

    def handle(self, request: Request) -> Reply:
        """Accept Markdown sent to /cgi-bin/webhook/send?key=<secret>."""
        if request.query.get("key") != self.secret:
            return self.refuse(93000, "invalid webhook url")
        if self.fail_with:
            return self.refuse(self.fail_with, "forced failure")
        body = request.json()
        if body.get("msgtype") != "markdown" or not body["markdown"].get("content"):
            return self.refuse(40008, "invalid message type")
        self.messages.append(body)
        return json_reply({"errcode": 0, "errmsg": "ok"})


class DingTalkFake(BotFake):
    """钉钉 robot with 加签, checked as documented: ms timestamp within an hour, sign in URL."""

    def handle(self, request: Request) -> Reply:
        """Accept Markdown at /robot/send?access_token=…&timestamp=…&sign=…."""
        timestamp, sign = request.query.get("timestamp", ""), request.query.get("sign", "")
        string_to_sign = f"{timestamp}\n{self.secret}".encode()
        digest = hmac.new(self.secret.encode(), string_to_sign, hashlib.sha256).digest()
        fresh = timestamp.isdigit() and abs(time.time() * 1000 - int(timestamp)) < 3_600_000
        if not (fresh and hmac.compare_digest(base64.b64encode(digest).decode(), sign)):
            return self.refuse(310000, "sign not match")
        if self.fail_with:
            return self.refuse(self.fail_with, "forced failure")
        body = request.json()
        if body.get("msgtype") != "markdown" or not body["markdown"].get("title"):
            return self.refuse(40035, "missing markdown title")
        self.messages.append({"query": request.query, "body": body})
        return json_reply({"errcode": 0, "errmsg": "ok"})


class FeishuFake(BotFake):
    """飞书 custom bot with 签名校验, checked as its docs describe: key is timestamp\\nsecret."""

    ok_key = "code"

    def handle(self, request: Request) -> Reply:
        """Accept text at /open-apis/bot/v2/hook/<id> with timestamp and sign in the body."""
        body = request.json()
        timestamp, sign = str(body.get("timestamp", "")), str(body.get("sign", ""))
        key = f"{timestamp}\n{self.secret}".encode()
        expected = base64.b64encode(hmac.new(key, digestmod=hashlib.sha256).digest()).decode()
        fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) < 3600
        if not (fresh and hmac.compare_digest(expected, sign)):
            return self.refuse(19021, "sign match fail or timestamp is not within one hour")
        if self.fail_with:
            return self.refuse(self.fail_with, "forced failure")
        if body.get("msg_type") != "text" or not body["content"].get("text"):
            return self.refuse(9499, "bad request")
        self.messages.append(body)
        return json_reply({"code": 0, "msg": "success", "data": {}})


@dataclass
class Envelope:
    """One message the SMTP fake accepted."""

    sender: str
    recipients: list[str]
    data: bytes = field(repr=False)


class _SmtpHandler(socketserver.StreamRequestHandler):
    server: SmtpFake

    def handle(self) -> None:
        try:
            self._session()
        except OSError:
            pass  # the client hung up

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode("ascii") + b"\r\n")

    def _session(self) -> None:
        self._reply("220 fake.smtp ESMTP")
        envelope = Envelope("", [], b"")
        while line := self.rfile.readline():
            verb, _, argument = line.decode("utf-8").rstrip("\r\n").partition(" ")
            verb = verb.upper()
            if verb == "QUIT":
                self._reply("221 bye")
                return
            if verb == "DATA":
                self._reply("354 end with <CRLF>.<CRLF>")
                envelope.data = self._read_data()
                self.server.messages.append(envelope)
                envelope = Envelope("", [], b"")
            self._reply(self._answer(verb, argument, envelope))

    def _answer(self, verb: str, argument: str, envelope: Envelope) -> str:
        if verb == "EHLO":
            self._reply("250-fake.smtp")
            return "250 8BITMIME"
        if verb == "MAIL":
            envelope.sender = argument.partition(":")[2].strip(" <>")
            return "250 ok"
        if verb == "RCPT":
            if self.server.reject_recipients:
                return "550 no such user"
            envelope.recipients.append(argument.partition(":")[2].strip(" <>"))
            return "250 ok"
        if verb == "DATA":
            return "250 queued"
        return "250 ok" if verb in ("HELO", "RSET", "NOOP") else "502 not implemented"

    def _read_data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


class SmtpFake(socketserver.ThreadingTCPServer):
    """A tiny SMTP server without STARTTLS or AUTH that keeps what it receives."""

    daemon_threads = False
    block_on_close = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.messages: list[Envelope] = []
        self.reject_recipients = False

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.server_address[1])


@contextmanager
def smtp_server() -> Iterator[SmtpFake]:
    """Run an SmtpFake on 127.0.0.1 until the block ends."""
    server = SmtpFake()
    with _running(server):
        yield server
