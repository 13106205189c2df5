"""CPU per request of the load test's mix (issue 16), one process, Flask test client.

Run from the repository root::

    .venv/bin/python -m bench.mix_bench                 # the working tree
    .venv/bin/python -m bench.mix_bench --ref HEAD~3    # A/B: that commit vs the working tree
    .venv/bin/python -m bench.mix_bench --ref A --against B   # A/B of two commits

It replays what load/locustfile.py's people do — same endpoints, same weights — against the demo
data (``flask demo`` in a SQLite file, built once in ``/tmp/hemline-bench/mix-demo.db`` and copied
afresh for every run, since the mix writes) with one account per kind holding load/prepare.py's
roles. Every request's CPU time is taken with ``time.process_time`` (not the wall clock: the machine
is shared). Printed per endpoint: median CPU ms per request and its share of the mix, then the
weighted mean of the mix. The log-in (once per simulated person, scrypt) is printed apart and is
not in the mean.

The weights per 100 actions of simulated people (a person does one task per think time; the
classes' weights 30/12/8/5/25/20 times their tasks' weights): a writer's ``write`` step goes through
new piece (GET + POST), then on average two editing rounds of open editor, 4 live checks, save, and
on the last round the piece page and submit — 16 requests per 13 steps; ``look_around`` is /,
/pieces or /review/returned. Reviewers: queue, piece page, decide (claim 30 % of the time).
Managers: month 3, week 2, home 2, /publishing 1. Legal: lexicon search. API: /api/v1/check. Feed
pollers send If-None-Match as calendar apps do (304 while unchanged).

With ``--ref`` the commit's files are extracted with ``git archive`` to a temporary folder (the
checkout is not touched) and the two trees are measured in child processes in alternation
(ref, tree, ref, tree …, ``--pairs`` times), each on its own fresh copy of the database.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FOLDER = Path("/tmp/hemline-bench")
PASSWORD = "Lantern-silk-4821"
KINDS = {
    "writer": ["writer"],
    "reviewer": ["reviewer"],
    "manager": ["manager", "reviewer"],
    "legal": ["legal"],
    "api": ["writer"],
    "feed": ["manager"],
}
# Requests per 100 actions of simulated people (see the module's docstring).
WRITE_STEPS = 15.0  # Writer weight 30, task write 1 of 2
PER_STEP = WRITE_STEPS / 13
WEIGHTS: dict[str, float] = {
    "GET /pieces/new": PER_STEP,
    "POST /pieces/new": PER_STEP,
    "GET /pieces/[id]/edit": 2 * PER_STEP,
    "POST /pieces/check (live)": 8 * PER_STEP,
    "POST /pieces/[id]/edit": 2 * PER_STEP,
    "GET /pieces/[id]": PER_STEP,
    "POST /pieces/[id]/submit": PER_STEP,
    "GET /": 5.0 + 2.0,  # writer look_around + manager home
    "GET /pieces": 5.0,
    "GET /review/returned": 5.0,
    "GET /review/": 6.0,
    "GET /review/[id]": 6.0,
    "POST /review/[id]/claim": 1.8,
    "POST /review/[id]/decide": 6.0,
    "GET /calendar?view=month": 3.0,
    "GET /calendar?view=week": 2.0,
    "GET /publishing": 1.0,
    "GET /lexicon/?text=…": 5.0,
    "POST /api/v1/check": 25.0,
    "GET /calendar/feed/[token].ics": 20.0,
}
CLEAN = [
    "这款羊毛大衣采用双面呢工艺，版型利落，适合通勤和周末出行。",
    "秋冬叠穿可以从一件基础款针织衫开始，再配一条高腰阔腿裤。",
    "面料来自内蒙古的羊绒牧场，手感柔软，穿着轻盈保暖。",
]
RISKY = ["全网最低价，错过再等一年！", "国家级品质，穿上立刻瘦十斤。"]
LEXICON = ["最", "第一", "国家级", "抽奖"]


# --- the child: one tree, one database ------------------------------------------------------


def child(database: Path, rounds: int) -> dict[str, Any]:
    """CPU ms of every request of ``rounds`` passes through the mix, per endpoint."""
    sys.path.insert(0, os.getcwd())
    from flask import Flask
    from sqlalchemy import select

    from app import create_app
    from app.api.services import create_token
    from app.auth.services import create_user
    from app.extensions import db
    from app.models import User, utcnow
    from app.schedule.feed import rotate_feed
    from config import Config
    from load.report import form_fields

    class BenchConfig(Config):  # production's engine options (a pool, pre-ping) as on PostgreSQL
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{database}"
        SECRET_KEY = secrets.token_urlsafe(48)
        WTF_CSRF_ENABLED = False
        RATELIMIT_ENABLED = False
        SESSION_COOKIE_SECURE = False

    app: Flask = create_app(BenchConfig)
    secret = ""
    feed = ""
    with app.app_context():
        for kind, roles in KINDS.items():
            if db.session.scalar(select(User).where(User.username == f"mix-{kind}")) is None:
                create_user(f"mix-{kind}", PASSWORD, roles, display_name=f"压测{kind}")
        secret, _ = create_token("mix-api", "mix", scopes=["check"], days=1, now=utcnow())
        user = db.session.scalar(select(User).where(User.username == "mix-feed"))
        assert user is not None
        feed = rotate_feed(user)
        db.session.commit()

    times: dict[str, list[float]] = {name: [] for name in WEIGHTS}
    logins: list[float] = []
    clients = {}

    def timed(name: str, call: Any, *args: Any, expect: tuple[int, ...] = (200,), **kw: Any) -> Any:
        started = time.process_time()
        response = call(*args, **kw)
        spent = (time.process_time() - started) * 1000
        if response.status_code not in expect:
            raise SystemExit(f"mix step failed: {name} answered {response.status_code}")
        if name:
            times[name].append(spent)
        else:
            logins.append(spent)
        return response

    for kind in KINDS:
        client = app.test_client()
        if kind not in ("api", "feed"):
            data = {"username": f"mix-{kind}", "password": PASSWORD}
            timed("", client.post, "/login", data=data, expect=(302,))
        clients[kind] = client

    writer, reviewer, manager = clients["writer"], clients["reviewer"], clients["manager"]
    etag = ""
    redirect = (302, 303)
    for number in range(rounds + 1):  # the first round warms the caches and is not counted
        if number == 1:
            for values in times.values():
                values.clear()
        # a writer: new piece, two editing rounds with live checks, piece page, submit
        page = timed("GET /pieces/new", writer.get, "/pieces/new")
        fields = form_fields(page.get_data(as_text=True), "") or {}
        fields.update(title=f"压测稿件 {number}", summary="秋冬新品推荐", body=CLEAN[0])
        created = timed(
            "POST /pieces/new", writer.post, "/pieces/new", data=fields, expect=redirect
        )
        piece = created.headers["Location"].rstrip("/").split("/pieces/")[1].split("/")[0]
        for _ in range(2):
            page = timed("GET /pieces/[id]/edit", writer.get, f"/pieces/{piece}/edit")
            fields = form_fields(page.get_data(as_text=True), "") or {}
            for typed in range(4):
                fields["body"] = fields.get("body", "") + (CLEAN + RISKY)[(number + typed) % 5]
                payload = {k: fields.get(k, "") for k in ("title", "summary", "body", "channel")}
                timed("POST /pieces/check (live)", writer.post, "/pieces/check", json=payload)
            for risky in RISKY:
                fields["body"] = fields["body"].replace(risky, "")
            timed(
                "POST /pieces/[id]/edit",
                writer.post,
                f"/pieces/{piece}/edit",
                data=fields,
                expect=redirect,
            )
        page = timed("GET /pieces/[id]", writer.get, f"/pieces/{piece}")
        fields = form_fields(page.get_data(as_text=True), f"/pieces/{piece}/submit") or {}
        timed(
            "POST /pieces/[id]/submit",
            writer.post,
            f"/pieces/{piece}/submit",
            data=fields,
            expect=redirect,
        )
        timed("GET /", writer.get, "/")
        timed("GET /pieces", writer.get, "/pieces")
        timed("GET /review/returned", writer.get, "/review/returned")
        # a reviewer: queue, the writer's new piece, claim, decide (request changes)
        timed("GET /review/", reviewer.get, "/review/")
        page = timed("GET /review/[id]", reviewer.get, f"/review/{piece}")
        html = page.get_data(as_text=True)
        claim = form_fields(html, f"/review/{piece}/claim")
        if claim is not None:
            timed(
                "POST /review/[id]/claim",
                reviewer.post,
                f"/review/{piece}/claim",
                data=claim,
                expect=redirect,
            )
            html = reviewer.get(f"/review/{piece}").get_data(as_text=True)
        fields = form_fields(html, "decision-form") or {}
        fields.update(decision="request_changes", reason="错别字或事实错误，请逐一核对。")
        timed(
            "POST /review/[id]/decide",
            reviewer.post,
            f"/review/{piece}/decide",
            data=fields,
            expect=redirect,
        )
        # a manager, legal, an API client, a feed poller
        timed("GET /calendar?view=month", manager.get, "/calendar?view=month")
        timed("GET /calendar?view=week", manager.get, "/calendar?view=week")
        timed("GET /", manager.get, "/")
        timed("GET /publishing", manager.get, "/publishing")
        query = LEXICON[number % len(LEXICON)]
        timed("GET /lexicon/?text=…", clients["legal"].get, f"/lexicon/?text={query}")
        body = "".join((CLEAN + RISKY)[(number + k) % 5] for k in range(4))
        timed(
            "POST /api/v1/check",
            clients["api"].post,
            "/api/v1/check",
            json={"title": "新品", "body": body, "channel": "wechat_oa"},
            headers={"Authorization": f"Bearer {secret}"},
        )
        headers = {"If-None-Match": etag} if etag else {}
        answer = timed(
            "GET /calendar/feed/[token].ics",
            clients["feed"].get,
            f"/calendar/feed/{feed}.ics",
            headers=headers,
            expect=(200, 304),
        )
        if answer.status_code == 200:
            etag = str(answer.headers.get("ETag", ""))
    return {"times": times, "logins": logins}


# --- the parent: build, copy, alternate, print -------------------------------------------------


def demo_database(folder: Path) -> Path:
    """The demo data in SQLite, built once with the working tree's commands."""
    target = folder / "mix-demo.db"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        from bench.runner import cli_env

        env = cli_env(f"sqlite:///{target}")
        flask = [sys.executable, "-m", "flask", "--app", "app"]
        print(f"building {target} (flask demo) …", flush=True)
        for command in (["db", "upgrade"], ["demo"]):
            subprocess.run([*flask, *command], env=env, check=True, cwd=ROOT, capture_output=True)
    return target


def run_child(tree: Path, database: Path, rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="mix-") as scratch:
        copy = Path(scratch) / "mix.db"
        shutil.copy(database, copy)
        env = os.environ | {"SECRET_KEY": secrets.token_urlsafe(48), "PYTHONPATH": str(tree)}
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", str(copy)]
            + ["--rounds", str(rounds)],
            cwd=tree,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def summary(result: dict[str, Any]) -> tuple[dict[str, float], float, float]:
    """Median CPU ms per endpoint, the weighted mean of the mix, the log-in's median."""
    medians = {name: statistics.median(values) for name, values in result["times"].items()}
    mean = sum(WEIGHTS[n] * medians[n] for n in medians) / sum(WEIGHTS.values())
    return medians, mean, statistics.median(result["logins"])


def main() -> int:
    parser = argparse.ArgumentParser(
        prog=".venv/bin/python -m bench.mix_bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--ref", help="a commit to measure against the working tree (A/B)")
    parser.add_argument("--against", help="with --ref: this commit instead of the working tree")
    parser.add_argument("--pairs", type=int, default=2, help="alternations with --ref")
    parser.add_argument("--rounds", type=int, default=10, help="passes through the mix per run")
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.rounds)))
        return 0
    database = demo_database(args.folder)
    runs: list[tuple[str, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory(prefix="mix-ref-") as root:
        folder = Path(root) / "ref"
        folder.mkdir()
        trees = [("tree", ROOT)]
        if args.ref:
            ref = Path(folder)
            archive = subprocess.run(
                ["git", "archive", args.ref], cwd=ROOT, check=True, capture_output=True
            )
            subprocess.run(["tar", "-x", "-C", str(ref)], input=archive.stdout, check=True)
            trees = [(args.ref, ref), ("tree", ROOT)]
            if args.against:
                other = ref.parent / f"{ref.name}-against"
                other.mkdir()
                archive = subprocess.run(
                    ["git", "archive", args.against], cwd=ROOT, check=True, capture_output=True
                )
                subprocess.run(["tar", "-x", "-C", str(other)], input=archive.stdout, check=True)
                trees = [(args.ref, ref), (args.against, other)]
        for _ in range(args.pairs if args.ref else 1):
            for label, tree in trees:
                runs.append((label, run_child(tree, database, args.rounds)))
    from load.cpu import reference_ms  # the parent's tree: a child may run an older one

    load = os.getloadavg()[0]
    print(
        f"\nCPU ms per request (median of {args.rounds} passes per run), demo data, SQLite, "
        f"one process; load average {load:.1f}; the machine's speed {reference_ms()} ms "
        "(load/cpu.py reference_job, lower is faster)"
    )
    labels = [label for label, _ in runs]
    sums = [summary(result) for _, result in runs]
    print(f"{'endpoint':<32}{'share':>7}" + "".join(f"{label[:10]:>11}" for label in labels))
    total = sum(WEIGHTS.values())
    for name in WEIGHTS:
        cells = "".join(f"{medians[name]:>11.1f}" for medians, _, _ in sums)
        print(f"{name:<32}{WEIGHTS[name] / total:>6.1%} {cells}")
    print(f"{'weighted mean of the mix':<39}" + "".join(f"{mean:>11.1f}" for _, mean, _ in sums))
    print(f"{'log-in (once a person, apart)':<39}" + "".join(f"{lg:>11.1f}" for _, _, lg in sums))
    return 0


if __name__ == "__main__":
    sys.exit(main())
