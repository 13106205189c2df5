"""CPU per request in the production-shaped stack, one request at a time (issue 16).

    .venv/bin/python -m load.stack_cost            # LOAD_* settings as make load (port, database)

Starts the same stack as `make load` (PostgreSQL database, Redis, gunicorn with gunicorn.conf.py,
the worker, the demo data and load accounts), then sends each kind of request one after another
from one client and reads, from /proc, the CPU the gunicorn workers (user and system) and the
PostgreSQL backends spent on them. CPU time, not the wall clock, so a busy machine changes the
figures little; compare with `bench.mix_bench` (the same requests in one process on SQLite) to
see what serving costs on top of the application. STACK_COST_N (300) requests per kind (the
calendar a third of that); STACK_COST_CLIENTS (1) sends them from that many threads at once (the
workers' threads then run side by side, as under load). The first row, a static file's 304, is
the floor: what the framework and the server cost a request that needs no database and no
Redis. Only this stack's gunicorn workers are counted. Traffic only to 127.0.0.1.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from load.stack import Settings, Stack

TICK = os.sysconf("SC_CLK_TCK")
TEXT = "这款羊毛大衣采用双面呢工艺，版型利落，适合通勤和周末出行。"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def cpu_seconds(pids: list[str]) -> tuple[float, float]:
    """User and system CPU seconds of the processes (gone ones count nothing)."""
    user = system = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        user, system = user + int(fields[11]), system + int(fields[12])
    return user / TICK, system / TICK


def gunicorn_workers(stack: Stack) -> list[str]:
    """The worker processes of this stack's gunicorn masters (not another stack's on the same
    machine: their CPU would be counted as ours)."""
    workers = []
    for name, master in stack.processes:
        if name.startswith("web"):
            found = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True, text=True)
            workers += found.stdout.split()
    return workers


def postgres_backends(database: str) -> list[str]:
    found = subprocess.run(["pgrep", "-f", f"postgres: .* {database} "], capture_output=True)
    return found.stdout.decode().split()


def signed_in(base: str, address: str, username: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=base, headers={"X-Forwarded-For": address})
    token = CSRF.search(client.get("/login").text)
    assert token is not None, "no log-in form"
    data = {"username": username, "password": password, "csrf_token": token.group(1)}
    answer = client.post("/login", data=data)
    assert answer.status_code in (302, 303), answer.status_code
    return client


def requests_of(base: str, accounts: dict) -> dict[str, Callable[[], httpx.Response]]:
    """One callable per kind of request; per-address and per-token limits are respected by
    giving every request an address of its own and cycling the API tokens."""
    people, password = accounts["accounts"], accounts["password"]
    # map over itertools.count: safe to share between the client threads (a generator is not).
    addresses = map(lambda n: f"198.19.{n // 250 % 256}.{n % 250 + 1}", itertools.count(1))
    anonymous = httpx.Client(base_url=base)
    feed = f"/calendar/feed/{people['feed'][0]['feed']}.ics"
    etag = anonymous.get(feed, headers={"X-Forwarded-For": next(addresses)}).headers["ETag"]
    api_tokens = [row["token"] for row in people["api"]]
    for secret in api_tokens:  # each token's first use writes its last_used_at; later ones do not
        first = anonymous.post(
            "/api/v1/check",
            json={"title": "", "body": ""},
            headers={"Authorization": f"Bearer {secret}", "X-Forwarded-For": next(addresses)},
        )
        assert first.status_code == 200, first.status_code
    tokens = itertools.cycle(api_tokens)
    writer = signed_in(base, next(addresses), people["writer"][0]["username"], password)
    reviewer = signed_in(base, next(addresses), people["reviewer"][0]["username"], password)
    manager = signed_in(base, next(addresses), people["manager"][0]["username"], password)
    static = anonymous.get("/static/css/app.css").headers["ETag"]
    return {
        # The floor: what any request costs the framework and the server (no database, no Redis).
        "GET /static (304)": lambda: anonymous.get(
            "/static/css/app.css",
            headers={"If-None-Match": static, "X-Forwarded-For": next(addresses)},
        ),
        "GET feed (304)": lambda: anonymous.get(
            feed, headers={"If-None-Match": etag, "X-Forwarded-For": next(addresses)}
        ),
        "POST /api/v1/check": lambda: anonymous.post(
            "/api/v1/check",
            json={"title": "秋冬上新", "body": TEXT},
            headers={"Authorization": f"Bearer {next(tokens)}", "X-Forwarded-For": next(addresses)},
        ),
        "GET / (writer)": lambda: writer.get("/"),
        "GET /pieces": lambda: writer.get("/pieces"),
        "GET /review/": lambda: reviewer.get("/review/"),
        "GET /calendar?view=month": lambda: manager.get("/calendar?view=month"),
    }


def send_all(send: Callable[[], httpx.Response], n: int, clients: int, name: str) -> None:
    """`n` requests, from `clients` threads at once (1: one after another)."""

    def one(_: int) -> None:
        answer = send()
        assert answer.status_code in (200, 304), (name, answer.status_code)

    if clients == 1:
        for number in range(n):
            one(number)
        return
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(n)))


def main() -> None:
    settings = Settings()
    count = int(os.environ.get("STACK_COST_N", "300"))
    clients = int(os.environ.get("STACK_COST_CLIENTS", "1"))
    database = settings.database_url.rsplit("/", 1)[-1]
    with Stack(settings) as stack:
        stack.up()
        kinds = requests_of(settings.url, json.loads(stack.accounts.read_text("utf-8")))
        time.sleep(2)
        workers = gunicorn_workers(stack)
        how = "one at a time" if clients == 1 else f"{clients} clients at once"
        print(f"\nCPU ms per request, {how} (workers {', '.join(workers)})")
        print(f"{'request':26s} {'n':>4s} {'wall':>7s} {'web user':>9s} {'web sys':>8s} {'pg':>6s}")
        for name, send in kinds.items():
            n = count // 3 if "calendar" in name else count
            n = min(n, 200) if "api" in name else n  # 30 a minute per token, 253 tokens
            send_all(send, 10 * clients, clients, name)
            backends = postgres_backends(database)
            web0, pg0, started = cpu_seconds(workers), cpu_seconds(backends), time.perf_counter()
            send_all(send, n, clients, name)
            wall = time.perf_counter() - started
            web1, pg1 = cpu_seconds(workers), cpu_seconds(backends)
            user, system = (web1[0] - web0[0]) / n, (web1[1] - web0[1]) / n
            pg = (sum(pg1) - sum(pg0)) / n
            print(
                f"{name:26s} {n:4d} {1000 * wall / n:7.1f} {1000 * user:9.2f} {1000 * system:8.2f}"
                f" {1000 * pg:6.2f}"
            )


if __name__ == "__main__":
    main()
