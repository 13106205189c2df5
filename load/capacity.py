"""`make load-capacity`: closed-loop capacity with `wrk -c 1000` for log-in, home, queue, calendar.

The same stack as `make load` (load/stack.py: PostgreSQL, Redis, gunicorn with the shipped
config — or two instances behind nginx with SCALE_OUT=1 — and the worker), a manager's session,
then `wrk -t2 -c1000 -d20s --timeout=10s --latency` per page, printed beside the figures from
before issue 16 (load/baseline.json: the issue's table and our measurement of the old Procfile
setup). CAPACITY_DURATION [20s], CAPACITY_CONNECTIONS [1000], CAPACITY_TIMEOUT [10s];
LOAD_GUNICORN_ARGS="--worker-class sync --workers 2 --threads 1" measures the old setup again
under today's conditions. Results: load/results/capacity.json. Informational: the exit code is
0 unless the stack or wrk fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

from load.stack import ROOT, Settings, Stack, save_json

PAGES = [("/login", "/login", False), ("/", "/", True), ("/review/", "/review/", True)]
PAGES.append(("/calendar", "/calendar", True))
USER_AGENT = "hemline-capacity"
ADDRESS = "198.18.255.1"


def session_cookie(base: str, username: str, password: str) -> str:
    """Sign in like a browser and return the Cookie header value."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    headers = {"User-Agent": USER_AGENT, "X-Forwarded-For": ADDRESS}
    page = opener.open(urllib.request.Request(base + "/login", headers=headers)).read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token is not None, "no CSRF token on /login"
    data = urllib.parse.urlencode(
        {"csrf_token": token.group(1), "username": username, "password": password}
    ).encode()
    opener.open(urllib.request.Request(base + "/login", data=data, headers=headers)).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def drain(base: str, attempts: int = 120) -> None:
    """Until /healthz answers within a second: requests of closed wrk connections still queued
    in gunicorn are served first (counted attempts, not a fixed sleep)."""
    for _ in range(attempts):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return
        except urllib.error.HTTPError:
            return  # 503: the worker's heartbeat is late, but the web process answered
        except OSError:
            continue


def parse_wrk(output: str) -> dict[str, float | int | None]:
    """Requests/s, p50/p99 (ms), timeouts and non-2xx/3xx answers from wrk's --latency output."""

    def ms(label: str) -> float | None:
        found = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not found:
            return None
        value, unit = float(found.group(1)), found.group(2)
        return round(value * {"us": 0.001, "ms": 1, "s": 1000}[unit], 1)

    def count(pattern: str) -> int:
        found = re.search(pattern, output)
        return int(found.group(1)) if found else 0

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": ms("50"),
        "p99_ms": ms("99"),
        "requests": count(r"(\d+) requests in"),
        "timeouts": count(r"timeout (\d+)"),
        "errors": count(r"Non-2xx or 3xx responses: (\d+)")
        + count(r"connect (\d+)")
        + count(r"read (\d+)"),
    }


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is needed (apt-get install wrk)")
        return 2
    os.environ.setdefault("LOAD_USERS", "10")
    duration = os.environ.get("CAPACITY_DURATION", "20s")
    connections = os.environ.get("CAPACITY_CONNECTIONS", "1000")
    timeout = os.environ.get("CAPACITY_TIMEOUT", "10s")  # wrk's 2 s default would cap every p99
    settings = Settings()
    baseline = json.loads((ROOT / "load" / "baseline.json").read_text(encoding="utf-8"))
    results: dict[str, object] = {}
    with Stack(settings) as stack:
        stack.up()
        accounts = json.loads(stack.accounts.read_text(encoding="utf-8"))
        manager = accounts["accounts"]["manager"][0]["username"]
        cookie = session_cookie(settings.url, manager, accounts["password"])
        for name, path, signed_in in PAGES:
            command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}", f"--timeout={timeout}"]
            command.append("--latency")
            command += ["-H", f"User-Agent: {USER_AGENT}", "-H", f"X-Forwarded-For: {ADDRESS}"]
            if signed_in:
                command += ["-H", f"Cookie: {cookie}"]
            drain(settings.url)  # what the last page left queued is not this page's work
            load = os.getloadavg()[0]
            output = subprocess.run(
                [*command, settings.url + path], capture_output=True, text=True, check=True
            ).stdout
            results[name] = {**parse_wrk(output), "load_average_before": round(load, 2)}
            print(f"  {name}: {results[name]}", flush=True)
        describe = stack.describe()
    target = ROOT / "load" / "results" / "capacity.json"
    save_json(
        target,
        {"stack": describe, "connections": connections, "timeout": timeout, "pages": results},
    )
    print()
    print(table(baseline, results, describe))
    print(f"results in {target}")
    return 0


def table(baseline: dict, results: dict, describe: dict) -> str:
    """Markdown: before (the issue, our measurement) beside now, per page."""
    now = f"now ({describe['gunicorn']}, {describe['web_instances']} instance(s))"
    lines = [
        f"| page | issue: req/s | issue: p99 | before: req/s | before: p99 | before: timeouts "
        f"| {now}: req/s | p50 | p99 | timeouts | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, _, _ in PAGES:
        issue = baseline["issue"].get(name, {})
        before = baseline["measured"]["pages"].get(name, {})
        row = results[name]
        lines.append(
            f"| `{name}` | {issue.get('rps', '—')} | {issue.get('p99', '—')} | "
            f"{before.get('rps', '—')} | {before.get('p99', '—')} | "
            f"{before.get('timeouts', '—')} | "
            f"{row['rps']:.0f} | {fmt(row['p50_ms'], row)} | {fmt(row['p99_ms'], row)} | "
            f"{row['timeouts']} | {row['errors']} |"
        )
    return "\n".join(lines)


def fmt(value: float | None, row: dict) -> str:
    """Milliseconds, or — when wrk saw no answer at all (it prints 0 then)."""
    answered = row["requests"] - row["timeouts"]
    return "—" if value is None or answered <= 0 else f"{value:.0f} ms"


if __name__ == "__main__":
    sys.exit(main())
