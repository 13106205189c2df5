"""The load test's people: writers, reviewers, managers, legal, API clients and calendar feeds.

Run by `make load` (load/run.py), which starts the stack, prepares the accounts
(load/prepare.py) and passes them in LOAD_ACCOUNTS. Every simulated person:

- has an account of their own and signs in once, with the correct password, like a real user
  (the log-in throttle counts only failures, so it is never touched);
- comes from an address of their own in 198.18.0.0/15 (the benchmarking range, RFC 2544), sent
  as ``X-Forwarded-For``: the stack under test trusts one proxy hop (HEMLINE_TRUSTED_PROXIES=1,
  two behind the scale-out nginx) as a production site behind nginx does. Per-address limits (the
  iCal feed's 60 a minute, failed log-ins per IP) then apply per person, as they would to real
  people, and production's defaults stay as they are;
- thinks 3–10 s between actions.

At the end (``quitting``) the per-endpoint figures are written to LOAD_RESULTS (JSON and a
Markdown table next to it) and the exit code is 1 when the budget is missed: p99 above
LOAD_P99_MS (500) for any endpoint or any error. LOAD_SMOKE=1 reports a p99 miss but fails only
on errors (a slow CI machine must not fail the build on timing).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
import time
from pathlib import Path
from typing import Any

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.env import Environment
from locust.stats import RequestStats

from load.report import exit_code, form_fields, judge, markdown, raced_answer, rows_of

ACCOUNTS = json.loads(Path(os.environ.get("LOAD_ACCOUNTS", "accounts.json")).read_text("utf-8"))
PASSWORD = ACCOUNTS["password"]
_counters = {kind: itertools.count() for kind in ACCOUNTS["accounts"]}
_addresses = itertools.count(1)
_lock = threading.Lock()
THINK = between(3, 10)
HAS_DASHBOARD = os.environ.get("LOAD_DASHBOARD", "") == "1"

# What writers type: clean sentences are saved and submitted; risky ones only pass through the
# live check while typing (a block-level hit could not be submitted).
CLEAN = [
    "这款羊毛大衣采用双面呢工艺，版型利落，适合通勤和周末出行。",
    "秋冬叠穿可以从一件基础款针织衫开始，再配一条高腰阔腿裤。",
    "面料来自内蒙古的羊绒牧场，手感柔软，穿着轻盈保暖。",
    "本周上新的衬衫有三种颜色，尺码从 XS 到 XL，欢迎到店试穿。",
    "搭配建议：浅色外套配深色内搭，整体更显干净利落。",
]
RISKY = ["全网最低价，错过再等一年！", "国家级品质，穿上立刻瘦十斤。", "转发本文即可参与抽奖。"]
LEXICON_QUERIES = ["最", "第一", "国家级", "抽奖", "顶级", "绝对", "万能", "首选"]


def _next(kind: str) -> dict[str, str]:
    with _lock:
        rows = ACCOUNTS["accounts"][kind]
        return rows[next(_counters[kind]) % len(rows)]


def _address() -> str:
    with _lock:
        number = next(_addresses)
    return f"198.18.{number // 250 % 256}.{number % 250 + 1}"


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Person(FastHttpUser):
    """Someone at a browser: their own address, user agent and (when `kind` signs in) log-in."""

    abstract = True
    wait_time = THINK
    kind = ""
    signs_in = True

    def on_start(self) -> None:
        self.account = _next(self.kind)
        self.ip = _address()
        self.headers = {"X-Forwarded-For": self.ip, "User-Agent": f"hemline-load/{self.kind}"}
        if self.signs_in:
            self.sign_in()
        Steady.person_ready(self.environment)

    def get(self, path: str, name: str | None = None, **kwargs: Any) -> Any:
        return self.client.get(path, name=name or path, headers=self.headers, **kwargs)

    def post(self, path: str, name: str, **kwargs: Any) -> Any:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.post(path, name=name, headers=headers, allow_redirects=False, **kwargs)

    def sign_in(self) -> None:
        page = self.get("/login", name="/login")
        token = CSRF.search(page.text or "")
        if token is None:
            return
        data = {
            "csrf_token": token.group(1),
            "username": self.account["username"],
            "password": PASSWORD,
        }
        with self.client.post(
            "/login",
            name="/login [POST]",
            data=data,
            headers=self.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"log-in answered {response.status_code}")

    def redirect(self, response: Any, label: str) -> str | None:
        """The Location of a 302/303, or None after marking the request failed."""
        if response.status_code in (302, 303):
            return str(response.headers.get("Location", ""))
        response.failure(f"{label}: {response.status_code}")
        return None


class Writer(Person):
    """Types in the editor (live checks), saves and submits; starts a new piece after submitting."""

    weight = 30
    kind = "writer"

    def on_start(self) -> None:
        super().on_start()
        self.piece: int | None = None
        self.fields: dict[str, str] = {}
        self.typed = 0

    def new_piece(self) -> None:
        page = self.get("/pieces/new")
        fields = form_fields(page.text or "", "") or {}
        fields.update(
            title=f"压测稿件 {self.account['username']} {random.randint(1, 10**6)}",
            summary="秋冬新品推荐",
            body=random.choice(CLEAN),
        )
        with self.client.post(
            "/pieces/new",
            name="/pieces/new [POST]",
            data=fields,
            headers=self.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = self.redirect(response, "create")
        found = re.search(r"/pieces/(\d+)", location or "")
        self.piece = int(found.group(1)) if found else None
        self.fields, self.typed = {}, 0

    def open_editor(self) -> None:
        page = self.get(f"/pieces/{self.piece}/edit", name="/pieces/[id]/edit")
        self.fields = form_fields(page.text or "", "") or {}
        if not self.fields.get("csrf_token"):  # not editable any more (in review): a new one
            self.piece = None

    def live_check(self) -> None:
        self.fields["body"] = self.fields.get("body", "") + random.choice(CLEAN + RISKY)
        self.typed += 1
        payload = {k: self.fields.get(k, "") for k in ("title", "summary", "body")}
        payload["channel"] = self.fields.get("channel", "")
        with self.client.post(
            "/pieces/check",
            name="/pieces/check (live)",
            json=payload,
            headers={**self.headers, "X-CSRFToken": self.fields.get("csrf_token", "")},
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"live check: {response.status_code}")

    def save(self) -> None:
        # What is saved is the clean text: the risky sentences were deleted after the check.
        for risky in RISKY:
            self.fields["body"] = self.fields.get("body", "").replace(risky, "")
        with self.client.post(
            f"/pieces/{self.piece}/edit",
            name="/pieces/[id]/edit [POST]",
            data=self.fields,
            headers=self.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self.redirect(response, "save")
        self.fields = {}

    def submit(self) -> None:
        page = self.get(f"/pieces/{self.piece}", name="/pieces/[id]")
        fields = form_fields(page.text or "", f"/pieces/{self.piece}/submit")
        if fields is None:  # already submitted or not submittable: start another piece
            self.piece = None
            return
        with self.client.post(
            f"/pieces/{self.piece}/submit",
            name="/pieces/[id]/submit [POST]",
            data=fields,
            headers=self.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self.redirect(response, "submit")
        self.piece = None

    def on_stop(self) -> None:
        self.piece = None

    @task
    def write(self) -> None:
        """One step of the writing loop per think time."""
        if self.piece is None:
            self.new_piece()
        elif not self.fields:
            self.open_editor()
        elif self.typed < 4:
            self.live_check()
        elif random.random() < 0.5:
            self.save()
            self.typed = 0
        else:
            self.save()
            self.submit()

    @task
    def look_around(self) -> None:
        self.get(random.choice(["/", "/pieces", "/review/returned"]))


class Reviewer(Person):
    """Works the queue: opens a piece, sometimes claims it, decides."""

    weight = 12
    kind = "reviewer"

    @task(3)
    def queue(self) -> None:
        page = self.get("/review/")
        ids = re.findall(r'href="/review/(\d+)"', page.text or "")
        self.candidates = ids

    @task(3)
    def review_and_decide(self) -> None:
        ids = getattr(self, "candidates", [])
        if not ids:
            self.queue()
            return
        piece = random.choice(ids)
        page = self.get(f"/review/{piece}", name="/review/[id]")
        fields = form_fields(page.text or "", "decision-form")
        if fields is None:  # someone else decided, or separation of duties: back to the queue
            return
        if random.random() < 0.3:
            claim = form_fields(page.text or "", f"/review/{piece}/claim")
            if claim is not None:
                with self.client.post(
                    f"/review/{piece}/claim",
                    name="/review/[id]/claim [POST]",
                    data=claim,
                    headers=self.headers,
                    allow_redirects=False,
                    catch_response=True,
                ) as response:
                    self._expected(response, "claim")
        approve = "ack:" not in (page.text or "") and random.random() < 0.5
        fields["decision"] = "approve" if approve else "request_changes"
        fields["reason"] = "" if approve else "错别字或事实错误，请逐一核对。"
        with self.client.post(
            f"/review/{piece}/decide",
            name="/review/[id]/decide [POST]",
            data=fields,
            headers=self.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self._expected(response, "decide")

    def _expected(self, response: Any, label: str) -> None:
        """A redirect; or what people see when another reviewer was faster (`raced_answer`),
        counted on NOTE lines, not as errors."""
        if raced_answer(response.status_code, response.text or ""):
            response.success()
            events.request.fire(
                request_type="NOTE",
                name=f"{label}: {response.status_code} another reviewer was first",
                response_time=0,
                response_length=0,
                exception=None,
                context={},
            )
        elif response.status_code not in (302, 303):
            response.failure(f"{label}: {response.status_code}")


class Manager(Person):
    """The calendar (month and week), home, the dashboard when it exists, the publishing page."""

    weight = 8
    kind = "manager"

    @task(3)
    def month(self) -> None:
        self.get("/calendar?view=month", name="/calendar?view=month")

    @task(2)
    def week(self) -> None:
        self.get("/calendar?view=week", name="/calendar?view=week")

    @task(2)
    def home(self) -> None:
        self.get("/")

    @task(1)
    def dashboard(self) -> None:
        if HAS_DASHBOARD:
            # where the navigation links: "/dashboard" answers a redirect to it, and Locust's
            # GET follows it, timing two requests as one (the dashboard's p99 was twice the others')
            self.get("/dashboard/", name="/dashboard")
        else:
            self.get("/publishing")


class Legal(Person):
    """Searches the lexicon."""

    weight = 5
    kind = "legal"

    @task
    def search(self) -> None:
        self.get(f"/lexicon/?text={random.choice(LEXICON_QUERIES)}", name="/lexicon/?text=…")


class ApiClient(Person):
    """A CMS plug-in checking texts through the API with its own bearer token."""

    weight = 25
    kind = "api"
    signs_in = False

    @task
    def check(self) -> None:
        body = "".join(random.choices(CLEAN + RISKY, k=4))
        with self.client.post(
            "/api/v1/check",
            name="/api/v1/check",
            json={"title": "新品", "body": body, "channel": "wechat_oa"},
            headers={**self.headers, "Authorization": f"Bearer {self.account['token']}"},
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"api check: {response.status_code}")


class FeedPoller(Person):
    """A calendar application polling someone's iCal feed link."""

    weight = 20
    kind = "feed"
    signs_in = False

    etag = ""

    @task
    def poll(self) -> None:
        """As calendar apps do: the ETag of the last answer sent back, 304 while unchanged."""
        headers = {**self.headers, "If-None-Match": self.etag} if self.etag else self.headers
        with self.client.get(
            f"/calendar/feed/{self.account['feed']}.ics",
            name="/calendar/feed/[token].ics",
            headers=headers,
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                self.etag = str(response.headers.get("ETag", ""))
            elif response.status_code == 304:
                response.success()
            else:
                response.failure(f"feed: {response.status_code}")


# --- the verdict --------------------------------------------------------------------------------


class Steady:
    """The requests started once every simulated person was in — spawned and signed in (Locust's
    ``spawning_complete`` and every ``on_start`` done): the "1,000 concurrent users" the budget is
    about. The ramp's requests (every log-in, with its scrypt) stay in Locust's own statistics of
    the whole run, printed beside."""

    stats = RequestStats()
    since = 0.0  # time.time() when all were in; 0 during the ramp
    started = time.time()
    spawned = False
    ready = 0
    lock = threading.Lock()

    @classmethod
    def all_spawned(cls, user_count: int, **_: Any) -> None:
        with cls.lock:
            cls.spawned = True
            cls._maybe_begin(user_count)

    @classmethod
    def person_ready(cls, environment: Environment) -> None:
        with cls.lock:
            cls.ready += 1
            if cls.spawned and environment.runner is not None:
                cls._maybe_begin(environment.runner.target_user_count)

    @classmethod
    def _maybe_begin(cls, target: int) -> None:
        if not cls.since and cls.ready >= target:
            cls.since = time.time()
            cls.stats.reset_all()  # its req/s count from here

    @classmethod
    def note(cls, request_type: str, name: str, response_time: int, **meta: Any) -> None:
        if not cls.since:
            return
        began = meta.get("start_time") or time.time() - (response_time or 0) / 1000
        if began < cls.since:
            return
        cls.stats.log_request(request_type, name, response_time, meta.get("response_length", 0))
        if meta.get("exception"):
            cls.stats.log_error(request_type, name, meta["exception"])


events.spawning_complete.add_listener(Steady.all_spawned)
events.request.add_listener(Steady.note)


def summarise(environment: Environment) -> dict[str, Any]:
    """The steady phase's figures per endpoint and the budget's verdict on them, with the whole
    run's beside; errors count wherever they happened."""
    budget = float(os.environ.get("LOAD_P99_MS", "500"))
    rows, total = rows_of(Steady.stats)
    whole_rows, whole_total = rows_of(environment.stats)
    slow, _ = judge(rows, budget)
    return {
        "users": environment.runner.target_user_count if environment.runner else None,
        "budget_p99_ms": budget,
        "steady_reached": bool(Steady.since),
        "steady_since_s": round(Steady.since - Steady.started, 1) if Steady.since else None,
        "endpoints": rows,
        "total": total,
        "whole": {"endpoints": whole_rows, "total": whole_total},
        "over_budget": slow,
        "errors": whole_total["failures"],
        "failure_samples": [
            {"name": f.name, "error": str(f.error), "count": f.occurrences}
            for f in list(environment.stats.errors.values())[:20]
        ],
    }


@events.quitting.add_listener
def _verdict(environment: Environment, **_: Any) -> None:
    summary = summarise(environment)
    target = Path(os.environ.get("LOAD_RESULTS", "load/results/last.json"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    target.with_suffix(".md").write_text(markdown(summary), encoding="utf-8")
    environment.process_exit_code = exit_code(summary, os.environ.get("LOAD_SMOKE", "") == "1")
