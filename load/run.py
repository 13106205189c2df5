"""`make load`: start the stack, run Locust headless against it, print the verdict, stop the stack.

Environment (defaults in brackets):
  LOAD_USERS [1000]; LOAD_SPAWN_RATE [5 a second: every log-in pays for scrypt];
  LOAD_DURATION [the ramp (users ÷ rate) + 240 s: 440 s for 1,000 users at 5 a second];
  LOAD_DATA [demo; scale: the scale data command, flask demo-scale];
  SCALE_OUT [0; 1: two gunicorn instances behind a local nginx];
  LOAD_SMOKE [0; 1: 50 users for 30 s, a p99 miss is printed but only errors fail];
  LOAD_P99_MS [500]; LOAD_DATABASE_URL [hemline_load on 127.0.0.1:5432];
  LOAD_PORT [7200: nginx or the only web instance; +1/+2 web instances; +10 Redis];
  LOAD_WORKDIR [/tmp/load/run: logs, accounts]; LOAD_RESULTS [load/results/last.json].
Exit code: Locust's verdict (0 within budget, 1 missed), 2 when the stack could not start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from load import cpu
from load.stack import BIN, ROOT, Settings, Stack


def main() -> int:
    smoke = os.environ.get("LOAD_SMOKE", "") not in ("", "0")
    if smoke:
        os.environ.setdefault("LOAD_USERS", "50")
    speed = cpu.reference_ms()  # before the stack starts: the machine alone
    settings = Settings()
    users = settings.users
    rate = os.environ.get("LOAD_SPAWN_RATE") or ("5" if not smoke else "10")
    # The ramp (users ÷ rate: 200 s for 1,000 at 5 a second), then four minutes at full strength.
    steady = f"{-(-users // max(1, int(float(rate)))) + 240}s"
    duration = os.environ.get("LOAD_DURATION") or ("30s" if smoke else steady)
    results = Path(os.environ.get("LOAD_RESULTS") or ROOT / "load" / "results" / "last.json")
    with Stack(settings) as stack:
        try:
            stack.up()
        except (subprocess.CalledProcessError, OSError) as error:
            print(f"the stack did not start: {error} (logs in {settings.workdir})")
            return 2
        env = dict(os.environ)
        env.update(
            LOAD_ACCOUNTS=str(stack.accounts),
            LOAD_RESULTS=str(results),
            LOAD_SMOKE="1" if smoke else "",
            LOAD_DASHBOARD="1" if stack.has_route("/dashboard") else "",
        )
        print(
            f"locust: {users} users, {rate}/s ramp, {duration}, against {settings.url} "
            f"({'smoke: p99 reported, errors fail' if smoke else 'budget p99 ≤ 500 ms, 0 errors'})",
            flush=True,
        )
        command = [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "load" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            rate,
            "--run-time",
            duration,
            "--host",
            settings.url,
            "--stop-timeout",
            "15",
            "--only-summary",
            "--loglevel",
            "WARNING",
        ]
        began = time.time()
        with cpu.Sampler() as sampler:  # who used the machine: web, PostgreSQL, Locust …
            code = subprocess.run(command, cwd=ROOT, env=env).returncode
    if not results.exists():
        print("no results were written")
        return code or 1
    summary = json.loads(results.read_text(encoding="utf-8"))
    summary["stack"] = stack.describe()
    summary["smoke"] = smoke
    summary["duration"] = duration
    summary["load_average"] = os.getloadavg()
    since = summary.get("steady_since_s")
    summary["cpu"] = cpu.usage(
        sampler.samples,
        began + since if since is not None else began,
        summary["total"]["requests"],
    )
    if summary["cpu"]:
        summary["cpu"]["reference_ms"] = speed
    results.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    table = results.with_suffix(".md")
    if summary["cpu"]:
        table.write_text(
            f"{table.read_text(encoding='utf-8')}\n{cpu.markdown(summary['cpu'])}\n",
            encoding="utf-8",
        )
    print()
    print(table.read_text(encoding="utf-8"))
    for sample in summary.get("failure_samples", []):
        print(f"  error: {sample['count']}× {sample['name']}: {sample['error']}")
    reached = summary.get("steady_reached", True)
    verdict = (
        "within budget"
        if reached and not summary["over_budget"] and not summary["errors"]
        else (
            f"MISSED: p99 over {summary['budget_p99_ms']:.0f} ms on {len(summary['over_budget'])} "
            f"endpoint(s) at {users} users, {summary['errors']} error(s)"
            + ("" if reached else f"; the run ended before all {users} people were in")
        )
    )
    if smoke and summary["over_budget"] and not summary["errors"]:
        verdict += " (smoke run: timing is reported, only errors fail)"
    print(f"{verdict}; results in {results} and {results.with_suffix('.md')}")
    return code


if __name__ == "__main__":
    sys.exit(main())
