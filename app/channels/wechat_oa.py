"""The 微信公众号 adapter: stable token → cover upload → draft → free-publish → status poll."""

from __future__ import annotations

import json
import mimetypes
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from app.channels.base import (
    Checkpoint,
    Delivery,
    OutcomeUnknownError,
    Package,
    PermanentError,
    PublishError,
    Result,
    SaveCheckpoint,
    TransientError,
    http_link,
    network_said,
    record_step,
    require_http_url,
    retry_after_seconds,
)
from app.channels.messages import WECHAT_ERRCODES, WECHAT_PUBLISH_FAILURES, Said, said
from app.channels.outbound import blocked_connect

PLATFORM = "wechat_oa"
DEFAULT_BASE_URL = "https://api.weixin.qq.com"
TOKEN_MARGIN = 300.0  # refresh this many seconds before the platform says the token expires
TOKEN_ERRCODES = frozenset({40001, 40014, 42001})  # refresh once, then retry the call once
MAX_ARTICLES = 8  # one draft, and so one group send, holds at most 8 articles

# errcode → error class; the messages are app.channels.messages.WECHAT_ERRCODES. 45009 is a DAILY
# quota: quick retries only burn the next day's calls, so it fails the piece and alerts a person
# instead of retrying with backoff.
ERRCODES: dict[int, type[PublishError]] = {
    -1: TransientError,
    40001: PermanentError,
    40005: PermanentError,
    40007: PermanentError,
    40009: PermanentError,
    40013: PermanentError,
    40014: PermanentError,
    40125: PermanentError,
    40164: PermanentError,
    42001: PermanentError,
    45003: PermanentError,
    45004: PermanentError,
    45009: PermanentError,
    45011: TransientError,
    45028: PermanentError,
    45110: PermanentError,
    48001: PermanentError,
    53503: PermanentError,
    53504: PermanentError,
    53505: PermanentError,
}

# publish_status from freepublish/get: 0 is success, 1 still publishing, the failures are
# app.channels.messages.WECHAT_PUBLISH_FAILURES.
PUBLISHING = 1


def error_for(errcode: int, errmsg: str = "") -> PublishError:
    """The error to raise for a WeChat errcode: its message, the code after it.

    WeChat's own ``errmsg`` is platform content: it is kept as a parameter of an unknown code's
    message (stored with the job, never translated) but not put into the sentence people read.
    """
    error_class = ERRCODES.get(errcode, PermanentError)
    if errcode in WECHAT_ERRCODES:
        message = said(f"wechat.errcode.{errcode}")
        if error_class is TransientError:
            message += said("retry.later")
        return error_class(message, code=errcode, platform=PLATFORM)
    message = said("wechat.errcode.unknown", errcode=errcode, errmsg=errmsg)
    return error_class(message, code=errcode, platform=PLATFORM)


@dataclass(frozen=True)
class CachedToken:
    """An access token and the epoch second it expires at."""

    value: str
    expires_at: float


class TokenCache(Protocol):
    """Where access tokens live between calls; shared by workers when backed by the database."""

    def get(self, appid: str) -> CachedToken | None:
        """The stored token for ``appid``, expired or not, or None."""
        ...

    def set(self, appid: str, token: CachedToken) -> None:
        """Store the token for ``appid``."""
        ...


class MemoryTokenCache:
    """A per-process token cache."""

    def __init__(self) -> None:
        self._tokens: dict[str, CachedToken] = {}
        self._lock = threading.Lock()

    def get(self, appid: str) -> CachedToken | None:
        """The stored token for ``appid``, or None."""
        with self._lock:
            return self._tokens.get(appid)

    def set(self, appid: str, token: CachedToken) -> None:
        """Store the token for ``appid``."""
        with self._lock:
            self._tokens[appid] = token


@dataclass(frozen=True)
class WeChatConfig:
    """One 公众号's credentials and the adapter's tuning."""

    appid: str
    secret: str
    base_url: str = DEFAULT_BASE_URL
    timeout: float = 10.0
    poll_interval: float = 3.0  # seconds between freepublish/get calls
    poll_attempts: int = 10  # then return pending and let the runner poll again later
    open_comment: bool = False
    only_fans_can_comment: bool = False

    def __post_init__(self) -> None:
        require_http_url(self.base_url, "微信接口地址")


class WeChatClient:
    """The raw API calls, with token caching and one refresh when WeChat rejects a token."""

    def __init__(
        self,
        config: WeChatConfig,
        cache: TokenCache,
        http: httpx.Client,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._config = config
        self._cache = cache
        self._http = http
        self._clock = clock

    def access_token(self, force: bool = False) -> str:
        """A valid token from the cache, or a new one from stable_token."""
        cached = self._cache.get(self._config.appid)
        if not force and cached is not None and self._usable(cached):
            return cached.value
        body = {
            "grant_type": "client_credential",
            "appid": self._config.appid,
            "secret": self._config.secret,
            "force_refresh": force,
        }
        data = self._post("/cgi-bin/stable_token", {}, {"json_body": body}, unsafe=False)
        _raise_for_errcode(data)
        token = CachedToken(
            _field(data, "access_token"), self._clock() + float(_field(data, "expires_in"))
        )
        self._cache.set(self._config.appid, token)
        return token.value

    def upload_image(self, data: bytes, filename: str) -> str:
        """Upload a permanent image and return its media_id (used as thumb_media_id)."""
        kind = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        files = {"media": (filename, data, kind)}
        result = self.call("/cgi-bin/material/add_material", files=files, params={"type": "image"})
        return _field(result, "media_id")

    def add_draft(self, article: dict[str, Any]) -> str:
        """Add a one-article draft and return its media_id."""
        return self.add_draft_articles([article])

    def add_draft_articles(self, articles: list[dict[str, Any]]) -> str:
        """Add a draft of up to 8 articles (one group send) and return its media_id."""
        return _field(self.call("/cgi-bin/draft/add", {"articles": articles}), "media_id")

    def submit(self, media_id: str) -> str:
        """Submit a draft for free-publish and return the publish_id."""
        return self.submit_answer(media_id)[0]

    def submit_answer(self, media_id: str) -> tuple[str, str]:
        """Submit a draft for free-publish: (publish_id, msg_data_id or "")."""
        data = self.call("/cgi-bin/freepublish/submit", {"media_id": media_id}, unsafe=True)
        return _field(data, "publish_id"), str(data.get("msg_data_id") or "")

    def datacube(self, name: str, begin: str, end: str) -> dict[str, Any]:
        """One statistics call, /datacube/<name> for the days [begin, end] (YYYY-MM-DD)."""
        return self.call(f"/datacube/{name}", {"begin_date": begin, "end_date": end})

    def publish_status(self, publish_id: str) -> dict[str, Any]:
        """The raw freepublish/get answer for ``publish_id``."""
        return self.call("/cgi-bin/freepublish/get", {"publish_id": publish_id})

    def delete_article(self, article_id: str, index: int = 0) -> None:
        """Delete a published article (freepublish/delete); index 0 deletes every article of
        the publish, n the n-th (1-based) of a group send. A take-down, not reversible."""
        self.call("/cgi-bin/freepublish/delete", {"article_id": article_id, "index": index})

    def call(
        self,
        path: str,
        json_body: dict[str, Any] | None = None,
        files: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        unsafe: bool = False,
    ) -> dict[str, Any]:
        """POST to ``path`` with a token; on a token errcode refresh once and retry once.

        ``unsafe`` marks calls that must not be repeated blindly (free-publish submit): a timeout
        after the request went out raises OutcomeUnknownError instead of TransientError.
        """
        payload = {"json_body": json_body, "files": files}
        token = self.access_token()
        data = self._post(path, {**(params or {}), "access_token": token}, payload, unsafe)
        if data.get("errcode") in TOKEN_ERRCODES:
            token = self._fresh_token(stale=token)
            data = self._post(path, {**(params or {}), "access_token": token}, payload, unsafe)
        _raise_for_errcode(data)
        return data

    def _fresh_token(self, stale: str) -> str:
        # Another worker sharing the cache may already have refreshed: use its token rather than
        # force-refreshing again (force_refresh is rate-limited and invalidates the other's token).
        cached = self._cache.get(self._config.appid)
        if cached is not None and cached.value != stale and self._usable(cached):
            return cached.value
        return self.access_token(force=True)

    def _usable(self, token: CachedToken) -> bool:
        return self._clock() < token.expires_at - TOKEN_MARGIN

    def _post(
        self, path: str, params: dict[str, str], payload: dict[str, Any], unsafe: bool
    ) -> dict[str, Any]:
        body, files = payload.get("json_body"), payload.get("files")
        content = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {} if content is None else {"Content-Type": "application/json; charset=utf-8"}
        try:
            response = self._http.post(
                path, params=params, content=content, files=files, headers=headers
            )
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            if blocked_connect(exc):
                raise PermanentError(
                    said("wechat.blocked"),
                    code="blocked_destination",
                    platform=PLATFORM,
                ) from exc
            raise TransientError(
                said("wechat.unreachable") + network_said(exc) + said("retry.later"),
                code="network",
                platform=PLATFORM,
            ) from exc
        except httpx.HTTPError as exc:
            raise _no_answer(unsafe, "network", network_said(exc)) from exc
        return _decode(response, unsafe)


def _no_answer(
    unsafe: bool, code: str | int, why: Said = (), retry_after: float | None = None
) -> PublishError:
    """The error for a request that went out but got no usable answer (``why`` in brackets)."""
    if unsafe:
        return OutcomeUnknownError(
            said("wechat.no_answer_sent") + why + said("wechat.check_first"),
            code=code,
            platform=PLATFORM,
        )
    return TransientError(
        said("wechat.no_answer") + why + said("retry.later"),
        code=code,
        platform=PLATFORM,
        retry_after=retry_after,
    )


def _decode(response: httpx.Response, unsafe: bool) -> dict[str, Any]:
    """The JSON object in a WeChat answer, or the error its HTTP status means."""
    status = response.status_code
    if status == 429 or status >= 500:
        if unsafe:
            raise _no_answer(True, status, said("network.http_status", status=status))
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        message = said("wechat.unavailable", status=status)
        raise TransientError(message, status, PLATFORM, wait)
    if status >= 400:
        raise PermanentError(said("wechat.http_refused", status=status), status, PLATFORM)
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise _no_answer(unsafe, "invalid_json")
    return data


def _raise_for_errcode(data: dict[str, Any]) -> None:
    errcode = data.get("errcode", 0)
    if errcode:
        raise error_for(int(errcode), str(data.get("errmsg", "")))


def _field(data: dict[str, Any], key: str) -> str:
    """A required field of a WeChat answer, as a string."""
    value = data.get(key)
    if value is None or value == "":
        raise PermanentError(
            said("wechat.missing_field", field=key), code="unexpected_answer", platform=PLATFORM
        )
    return str(value)


class WeChatOAAdapter:
    """Publishes a package to a 公众号, resuming from the checkpoint after a crash.

    Checkpoint keys, each saved as soon as WeChat returns it: ``thumb_media_id``,
    ``draft_media_id``, ``submit_sent`` (set just before free-publish submit, cleared when
    WeChat rejects it), ``publish_id``, then ``article_id`` and ``article_url`` once live.
    """

    def __init__(
        self,
        config: WeChatConfig,
        cache: TokenCache | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.config = config
        self.cache = cache if cache is not None else MemoryTokenCache()
        self._sleep = sleep
        self._clock = clock
        self._transport = transport

    def publish(
        self, package: Package, checkpoint: Checkpoint, save_checkpoint: SaveCheckpoint
    ) -> Result:
        """Run the remaining steps of the flow; see the class docstring for the checkpoint."""
        state = dict(checkpoint)
        if state.get("article_url"):
            return _published(state)
        if not state.get("thumb_media_id") and not package.cover:
            raise PermanentError(said("wechat.no_cover"), "no_cover", PLATFORM)
        with self._client() as api:
            if not state.get("thumb_media_id"):
                media_id = api.upload_image(package.cover or b"", package.cover_filename)
                record_step(state, save_checkpoint, thumb_media_id=media_id)
            if not state.get("draft_media_id"):
                draft_id = api.add_draft(self._article(package, state["thumb_media_id"]))
                record_step(state, save_checkpoint, draft_media_id=draft_id)
            if not state.get("publish_id"):
                _submit(api, state, save_checkpoint)
            if self._poll(api, state, save_checkpoint, _article_fields):
                return _published(state)
        return _still_publishing(state)

    def publish_batch(
        self, packages: Sequence[Package], checkpoint: Checkpoint, save_checkpoint: SaveCheckpoint
    ) -> list[Result]:
        """One group send (发表): every package is one article of one draft, in the order given.

        Batch checkpoint keys: ``thumb_media_id:<piece id>`` per article, ``draft_media_id`` with
        ``draft_pieces`` (the piece ids of the draft, comma-separated, in article order),
        ``submit_sent``, ``publish_id``, then ``article_id`` and ``article_url:<piece id>``. A new
        line-up (a piece left the send before it was submitted) gets a new draft.
        """
        if not 1 <= len(packages) <= MAX_ARTICLES:
            raise ValueError(f"一次群发须有 1 到 {MAX_ARTICLES} 篇文章")
        state = _batch_state(checkpoint, packages)
        if _send_live(state):
            return _batch_results(state, packages)
        _require_covers(packages, state)
        with self._client() as api:
            if not state.get("publish_id"):
                self._draft(api, packages, state, save_checkpoint)
                _submit(api, state, save_checkpoint)
            if not self._poll(api, state, save_checkpoint, _batch_fields):
                return [_still_publishing(state)] * len(packages)
        return _batch_results(state, packages)

    def _draft(
        self,
        api: WeChatClient,
        packages: Sequence[Package],
        state: Checkpoint,
        save: SaveCheckpoint,
    ) -> None:
        """Upload the missing covers and add the send's draft unless this line-up has one."""
        for package in packages:
            key = _thumb_key(package.piece_id)
            if not state.get(key):
                media_id = api.upload_image(package.cover or b"", package.cover_filename)
                record_step(state, save, **{key: media_id})
        line_up = ",".join(str(package.piece_id) for package in packages)
        if state.get("draft_pieces") != line_up:
            state.pop("draft_media_id", None)
        if not state.get("draft_media_id"):
            articles = [self._article(p, state[_thumb_key(p.piece_id)]) for p in packages]
            draft_id = api.add_draft_articles(articles)
            record_step(state, save, draft_media_id=draft_id, draft_pieces=line_up)

    def take_down(self, platform_id: str) -> None:
        """Delete the published article a Result's ``platform_id`` names (``article_id`` or
        ``article_id#n`` for the n-th article of a group send)."""
        article_id, _, number = platform_id.partition("#")
        if not article_id or not article_id.strip():
            raise PermanentError(said("wechat.no_article_id"), "no_article_id", PLATFORM)
        with self._client() as api:
            api.delete_article(article_id, int(number) if number.isdigit() else 0)

    def datacube(self, name: str, begin: str, end: str) -> dict[str, Any]:
        """Statistics (getarticletotaldetail, getbizsummary …) for the days [begin, end]."""
        with self._client() as api:
            return api.datacube(name, begin, end)

    @contextmanager
    def _client(self) -> Iterator[WeChatClient]:
        timeout = httpx.Timeout(self.config.timeout, connect=min(5.0, self.config.timeout))
        with httpx.Client(
            base_url=self.config.base_url, timeout=timeout, transport=self._transport
        ) as http:
            yield WeChatClient(self.config, self.cache, http, self._clock)

    def _article(self, package: Package, thumb_media_id: str) -> dict[str, Any]:
        return {
            "title": package.title,
            "author": package.author,
            "digest": package.digest,
            "content": package.body_html,
            "content_source_url": package.source_url,
            "thumb_media_id": thumb_media_id,
            "need_open_comment": int(self.config.open_comment),
            "only_fans_can_comment": int(self.config.only_fans_can_comment),
        }

    def _poll(
        self,
        api: WeChatClient,
        state: Checkpoint,
        save: SaveCheckpoint,
        fields: Callable[[dict[str, Any], Checkpoint], dict[str, str]],
    ) -> bool:
        """Ask for the publish status a few times; True (and ``fields`` stored) once live."""
        for attempt in range(max(1, self.config.poll_attempts)):
            if attempt:
                self._sleep(self.config.poll_interval)
            data = api.publish_status(state["publish_id"])
            status = int(data.get("publish_status", -1))
            if status == 0:
                record_step(state, save, **fields(data, state))
                return True
            if status != PUBLISHING:
                raise _publish_failure(status, data)
        return False


def _submit(api: WeChatClient, state: Checkpoint, save: SaveCheckpoint) -> None:
    """Submit the draft once; a submit with no recorded answer is never repeated blindly."""
    if state.get("submit_sent"):
        raise OutcomeUnknownError(
            said("wechat.submit_unconfirmed"),
            code="submit_unconfirmed",
            platform=PLATFORM,
        )
    record_step(state, save, submit_sent="1")
    try:
        publish_id, msg_data_id = api.submit_answer(state["draft_media_id"])
    except OutcomeUnknownError:
        raise
    except PublishError:
        del state["submit_sent"]  # WeChat answered with an error: nothing was published
        save(dict(state))
        raise
    # msg_data_id (+ "_<index>") is the msgid of the datacube statistics (app.analytics.pull)
    record_step(state, save, publish_id=publish_id, msg_data_id=msg_data_id)


def steps_left(checkpoint: Checkpoint) -> bool:
    """True until the send was submitted: only then does nothing new reach the platform."""
    return not (checkpoint.get("submit_sent") or checkpoint.get("publish_id"))


def _still_publishing(state: Checkpoint) -> Result:
    return Result(
        Delivery.PENDING, "微信仍在发表中，稍后自动查询结果", platform_id=state["publish_id"]
    )


def _article_fields(data: dict[str, Any], _state: Checkpoint) -> dict[str, str]:
    items = (data.get("article_detail") or {}).get("item") or []
    url = http_link(items[0].get("article_url", "")) if items else ""
    if not url:
        raise PermanentError(said("wechat.no_article_url"), "no_article_url", PLATFORM)
    return {"article_id": str(data.get("article_id", "")), "article_url": url}


def _thumb_key(piece_id: int | str) -> str:
    return f"thumb_media_id:{piece_id}"


def _url_key(piece_id: int | str) -> str:
    return f"article_url:{piece_id}"


def _line_up(state: Checkpoint) -> list[str]:
    """The piece ids of the send's draft, in article order."""
    return [n for n in state.get("draft_pieces", "").split(",") if n]


def _batch_state(checkpoint: Checkpoint, packages: Sequence[Package]) -> Checkpoint:
    """The checkpoint in batch keys; a one-piece checkpoint of the single flow is carried over."""
    state = dict(checkpoint)
    if len(packages) == 1 and "draft_pieces" not in state:
        piece_id = packages[0].piece_id
        if "thumb_media_id" in state:
            state.setdefault(_thumb_key(piece_id), state.pop("thumb_media_id"))
        if state.get("draft_media_id"):
            state["draft_pieces"] = str(piece_id)
        if "article_url" in state:
            state.setdefault(_url_key(piece_id), state.pop("article_url"))
    return state


def _send_live(state: Checkpoint) -> bool:
    line_up = _line_up(state)
    return bool(line_up) and all(state.get(_url_key(n)) for n in line_up)


def _require_covers(packages: Sequence[Package], state: Checkpoint) -> None:
    for package in packages:
        if not package.cover and not state.get(_thumb_key(package.piece_id)):
            message = said("wechat.no_cover_for", title=package.title)
            raise PermanentError(message, "no_cover", PLATFORM)


def _batch_fields(data: dict[str, Any], state: Checkpoint) -> dict[str, str]:
    """Each article's URL (article_detail.item[idx], idx from 1) under its piece's key."""
    line_up = _line_up(state)
    urls = {}
    for item in (data.get("article_detail") or {}).get("item") or []:
        position = int(item.get("idx", 0)) - 1
        if 0 <= position < len(line_up) and item.get("article_url"):
            urls[_url_key(line_up[position])] = str(item["article_url"])
    missing = [n + 1 for n, piece_id in enumerate(line_up) if _url_key(piece_id) not in urls]
    if missing:
        numbers = "、".join(map(str, missing))
        message = said("wechat.no_article_urls", numbers=numbers)
        raise PermanentError(message, "no_article_url", PLATFORM)
    return {"article_id": str(data.get("article_id", "")), **urls}


def _batch_results(state: Checkpoint, packages: Sequence[Package]) -> list[Result]:
    """One published result per package, each with its own article URL."""
    line_up = _line_up(state)
    results = []
    for package in packages:
        key = str(package.piece_id)
        if key not in line_up:
            message = said("wechat.not_in_send", title=package.title)
            raise PermanentError(message, "not_in_send", PLATFORM)
        number = line_up.index(key) + 1
        results.append(
            Result(
                Delivery.PUBLISHED,
                f"已随公众号群发发表（共 {len(line_up)} 篇，第 {number} 篇）",
                url=state[_url_key(key)],
                platform_id=f"{state.get('article_id') or state.get('publish_id', '')}#{number}",
            )
        )
    return results


def _published(state: Checkpoint) -> Result:
    return Result(
        Delivery.PUBLISHED,
        "已发表到微信公众号",
        url=state["article_url"],
        platform_id=state.get("article_id") or state.get("publish_id", ""),
    )


def _publish_failure(status: int, data: dict[str, Any]) -> PermanentError:
    known = status in WECHAT_PUBLISH_FAILURES
    label = said(f"wechat.publish_status.{status if known else 'unknown'}")
    failed = [str(i) for i in data.get("fail_idx") or [] if isinstance(i, int)][:8]
    state = (
        said("wechat.publish_state_articles", status=status, articles=", ".join(failed))
        if failed
        else said("wechat.publish_state", status=status)
    )
    return PermanentError(
        said("wechat.publish_failed") + label + state,
        code=f"publish_status_{status}",
        platform=PLATFORM,
    )
