"""The production-shaped stack the load tests run against, started and stopped by themselves.

PostgreSQL (the database of LOAD_DATABASE_URL, emptied and migrated; the server itself is the
machine's cluster, started with pg_ctlcluster when it is down and left running), Redis on a port
of its own (rate-limit state and shared caches: REDIS_URL), gunicorn with the shipped
gunicorn.conf.py (one instance, or two behind a local nginx with SCALE_OUT=1) and the publish
worker. Every process is ours: started with Popen, stopped by its pid at the end.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DATABASE = "postgresql+psycopg://hemline_ci:hemline_ci@127.0.0.1:5432/hemline_load"


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


@dataclass
class Settings:
    """What the stack is made of; every value from the environment."""

    database_url: str = field(
        default_factory=lambda: os.environ.get("LOAD_DATABASE_URL") or DEFAULT_DATABASE
    )
    port: int = field(default_factory=lambda: env_int("LOAD_PORT", 7200))
    workdir: Path = field(
        default_factory=lambda: Path(os.environ.get("LOAD_WORKDIR") or "/tmp/load/run")
    )
    data: str = field(default_factory=lambda: os.environ.get("LOAD_DATA") or "demo")
    scale_out: bool = field(
        default_factory=lambda: os.environ.get("SCALE_OUT", "") not in ("", "0")
    )
    users: int = field(default_factory=lambda: env_int("LOAD_USERS", 1000))
    # LOAD_DATA=scale: copy this database (already holding `flask demo-scale`'s data) instead
    # of building the scale data again (~7 minutes on PostgreSQL): CREATE DATABASE … TEMPLATE.
    scale_template: str = field(default_factory=lambda: os.environ.get("LOAD_SCALE_TEMPLATE", ""))
    # Extra gunicorn settings for comparisons (e.g. "--worker-class sync --workers 2").
    gunicorn_args: str = field(default_factory=lambda: os.environ.get("LOAD_GUNICORN_ARGS", ""))
    # Extra environment of the web processes only, "NAME=value NAME=value" (e.g. to hunt a crash
    # with "PYTHONMALLOC=debug" or "DISABLE_SQLALCHEMY_CEXT_RUNTIME=1" without slowing Locust).
    web_env: str = field(default_factory=lambda: os.environ.get("LOAD_WEB_ENV", ""))

    @property
    def redis_port(self) -> int:
        return self.port + 10

    @property
    def web_ports(self) -> list[int]:
        return [self.port + 1, self.port + 2] if self.scale_out else [self.port]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class Stack:
    """Start with `up()`, stop with `down()` (also on errors: use it as a context manager)."""

    def __init__(self, settings: Settings) -> None:
        self.s = settings
        self.processes: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.secret = secrets.token_urlsafe(48)
        self.s.workdir.mkdir(parents=True, exist_ok=True)
        self.accounts = self.s.workdir / "accounts.json"

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, *_: object) -> None:
        self.down()

    # --- environment -----------------------------------------------------------------------

    def app_env(self) -> dict[str, str]:
        """The app's environment: production settings, our database, Redis and address."""
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.s.database_url,
            SECRET_KEY=self.secret,
            HEMLINE_ENV="production",
            HEMLINE_BASE_URL=self.s.url,
            # Plain http on 127.0.0.1: secure-only cookies would never come back.
            HEMLINE_SECURE_COOKIES="0",
            REDIS_URL=f"redis://127.0.0.1:{self.s.redis_port}/0",
            RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{self.s.redis_port}/0",
            # The load generator stands in for the proxy that real traffic comes through: one
            # hop (two behind the scale-out nginx) whose X-Forwarded-For is believed.
            HEMLINE_TRUSTED_PROXIES="2" if self.s.scale_out else "1",
            HEMLINE_ACCESS_LOG="",
            HEMLINE_WORKER_INTERVAL="15",
            PYTHONUNBUFFERED="1",
        )
        return env

    def flask(self, *args: str, quiet: bool = True) -> None:
        """Run one `flask --app app …` command to completion (raises on failure)."""
        command = [str(BIN / "flask"), "--app", "app", *args]
        out = subprocess.DEVNULL if quiet else None
        subprocess.run(command, cwd=ROOT, env=self.app_env(), check=True, stdout=out)

    def start(self, name: str, command: list[str], env: dict[str, str] | None = None) -> None:
        log = open(self.s.workdir / f"{name}.log", "wb")  # noqa: SIM115  closed with the process
        process = subprocess.Popen(  # its own process group: stopped with all its children
            command,
            cwd=ROOT,
            env=env or self.app_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process))
        print(f"  started {name} (pid {process.pid})", flush=True)

    # --- the parts -------------------------------------------------------------------------

    def database(self) -> None:
        """Make sure PostgreSQL answers, then empty our database (its public schema)."""
        import psycopg

        url = self.s.database_url.replace("postgresql+psycopg://", "postgresql://")
        name = url.rsplit("/", 1)[-1].split("?")[0]
        if "load" not in name and os.environ.get("LOAD_RESET_ANY_DATABASE") != "1":
            raise SystemExit(f"refusing to empty database {name!r}: its name lacks 'load'")
        if self.s.data == "scale" and self.s.scale_template:
            self._clone(url, name, self.s.scale_template)
            return
        for attempt in range(2):
            try:
                with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
                    connection.execute("DROP SCHEMA IF EXISTS public CASCADE")
                    connection.execute("CREATE SCHEMA public")
                return
            except psycopg.OperationalError:
                if attempt or not shutil.which("pg_lsclusters"):
                    raise
                cluster = subprocess.run(
                    ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
                ).stdout.split()[:2]
                print(f"  starting PostgreSQL cluster {' '.join(cluster)}", flush=True)
                subprocess.run(["pg_ctlcluster", *cluster, "start"], check=False)
                for _ in range(30):
                    if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode == 0:
                        break
                    time.sleep(1)

    def _clone(self, url: str, name: str, template: str) -> None:
        """Our database anew as a copy of `template` (nobody may be connected to either)."""
        import psycopg
        from psycopg import sql

        started = time.monotonic()
        server = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            connection.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
        print(f"  {name} copied from {template} in {time.monotonic() - started:.0f} s", flush=True)

    def load_data(self) -> None:
        """Migrate, load the word lists and the demo (or scale) data, then the load accounts."""
        started = time.monotonic()
        self.flask("db", "upgrade")
        wordlists = sorted(str(p) for p in (ROOT / "wordlists").glob("*.csv"))
        self.flask("wordlists", "import", "--if-empty", "--reason", "载入默认词库", *wordlists)
        if self.s.data == "scale" and self.s.scale_template:
            pass  # the copy holds the scale data already
        elif self.s.data == "scale":
            command = os.environ.get("LOAD_SCALE_COMMAND", "demo-scale").split()
            self.flask(*command, quiet=False)
        else:
            self.flask("demo", "--if-empty")
        subprocess.run(
            [
                str(BIN / "python"),
                "-m",
                "load.prepare",
                "--users",
                str(self.s.users),
                "--out",
                str(self.accounts),
            ],
            cwd=ROOT,
            env=self.app_env(),
            check=True,
        )
        print(f"  data ({self.s.data}) loaded in {time.monotonic() - started:.0f} s", flush=True)

    def redis(self) -> None:
        server = shutil.which("redis-server")
        if server is None:
            raise SystemExit("redis-server is needed (apt-get install redis-server)")
        self.start(
            "redis",
            [
                server,
                "--port",
                str(self.s.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        wait_for_port(self.s.redis_port)

    def web(self) -> None:
        for number, port in enumerate(self.s.web_ports, 1):
            env = self.app_env()
            env["HEMLINE_BIND"] = f"127.0.0.1:{port}"
            if len(self.s.web_ports) > 1 and "HEMLINE_WEB_WORKERS" not in os.environ:
                # The instances share this machine's cores, as two machines would not: each gets
                # its share (one worker each on two cores), so scale-out runs as many worker
                # processes as one instance does and only adds nginx.
                share = max(1, (os.cpu_count() or 1) // len(self.s.web_ports))
                env["HEMLINE_WEB_WORKERS"] = str(share)
            for item in self.s.web_env.split():
                name, _, value = item.partition("=")
                env[name] = value
            command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"]
            command += self.s.gunicorn_args.split() + ["app.wsgi:app"]
            self.start(f"web{number}", command, env)
        for port in self.s.web_ports:
            wait_for_http(f"http://127.0.0.1:{port}/healthz")

    def worker(self) -> None:
        self.start("worker", [str(BIN / "flask"), "--app", "app", "worker"])

    def nginx(self) -> None:
        """A local nginx in front of the web instances (our own process and configuration)."""
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        config = self.s.workdir / "nginx.conf"
        template = (ROOT / "load" / "nginx.conf.template").read_text(encoding="utf-8")
        user = f"user {os.environ.get('USER', 'root')};" if os.geteuid() == 0 else ""
        config.write_text(
            template.replace("@USER@", user)
            .replace("@WORKDIR@", str(self.s.workdir))
            .replace("@PORT@", str(self.s.port))
            .replace("@STATIC@", str(ROOT / "app" / "static"))
            .replace(
                "@UPSTREAMS@", "".join(f"    server 127.0.0.1:{p};\n" for p in self.s.web_ports)
            ),
            encoding="utf-8",
        )
        (self.s.workdir / "nginx-temp").mkdir(exist_ok=True)
        self.start(
            "nginx", [nginx, "-c", str(config), "-p", str(self.s.workdir), "-g", "daemon off;"]
        )
        wait_for_http(f"{self.s.url}/healthz")

    def up(self) -> None:
        """Database and data, then Redis, web (and nginx) and the worker."""
        print(
            f"stack: {self.s.database_url.split('@')[-1]}, data={self.s.data}, "
            f"scale_out={self.s.scale_out}"
        )
        self.database()
        self.redis()
        self.load_data()
        self.web()
        if self.s.scale_out:
            self.nginx()
        self.worker()

    def down(self) -> None:
        """Stop what we started, newest first, each before the next (the web processes finish
        while Redis and the database are still there). gunicorn gets SIGINT (quick shutdown: the
        run is over, queued connections need no answer), nginx SIGQUIT, the rest SIGTERM; after
        15 s the process group it leads (ours: started in a session of its own) is killed, so no
        gunicorn worker outlives its master holding the port and database connections."""
        quick = {"nginx": signal.SIGQUIT, "redis": signal.SIGTERM, "worker": signal.SIGTERM}
        for name, process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(quick.get(name, signal.SIGINT))
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            try:
                os.killpg(process.pid, signal.SIGKILL)  # children left behind, if any
            except ProcessLookupError:
                pass
        self.processes.clear()

    def has_route(self, path: str) -> bool:
        """True when the app knows `path` (anything but 404 for an anonymous GET)."""
        request = urllib.request.Request(self.s.url + path, method="GET")
        opener = urllib.request.build_opener(NoRedirect)
        try:
            opener.open(request, timeout=10)
        except urllib.error.HTTPError as error:
            return error.code != 404
        return True

    def describe(self) -> dict[str, object]:
        return {
            "data": self.s.data,
            "scale_out": self.s.scale_out,
            "web_instances": len(self.s.web_ports),
            "gunicorn": self.s.gunicorn_args or "gunicorn.conf.py",
            "database": self.s.database_url.split("@")[-1],
        }


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        return None


def wait_for_port(port: int, attempts: int = 100) -> None:
    """Until something accepts connections on 127.0.0.1:`port` (counted, 0.1 s apart)."""
    for _ in range(attempts):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing listens on port {port}")


def wait_for_http(url: str, attempts: int = 120) -> None:
    """Until `url` answers at all (any HTTP status), 0.5 s apart."""
    for _ in range(attempts):
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer")


def save_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
