"""Production serving (app/serving.py, config.py): fingerprinted static files, Redis settings."""

from __future__ import annotations

import hashlib
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask, url_for

from app import serving
from config import BASE_DIR

CSS = BASE_DIR / "app" / "static" / "css" / "app.css"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[: serving.HASH_LENGTH]


def test_static_urls_carry_the_files_content_hash(app: Flask, client) -> None:
    with app.test_request_context():
        assert url_for("static", filename="css/app.css") == f"/static/css/app.css?v={digest(CSS)}"
        assert "?v=" not in url_for("static", filename="css/no-such-file.css")
    page = client.get("/login").get_data(as_text=True)
    assert f'href="/static/css/app.css?v={digest(CSS)}"' in page


def test_the_current_fingerprint_is_cached_for_a_year_other_urls_revalidate(client) -> None:
    with client.get(f"/static/css/app.css?v={digest(CSS)}") as fingerprinted:
        assert fingerprinted.status_code == 200
        assert fingerprinted.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert fingerprinted.get_data() == CSS.read_bytes()
    for url in ("/static/css/app.css", "/static/css/app.css?v=000000000000"):
        with client.get(url) as plain:  # old pages and hand-typed links keep working
            assert plain.status_code == 200, url
            assert plain.get_data() == CSS.read_bytes()
            assert plain.headers["Cache-Control"] == "no-cache", url
    with client.get("/static/css/no-such-file.css") as missing:
        assert missing.status_code == 404


def test_a_changed_file_gets_a_new_url(tmp_path: Path) -> None:
    (tmp_path / "site.css").write_text("body { color: black }", encoding="utf-8")
    application = Flask(__name__, static_folder=str(tmp_path))
    application.config.update(CACHE_TYPE="SimpleCache", DEBUG=True, SERVER_NAME="hemline.test")
    serving.init_app(application)
    with application.app_context():
        first = url_for("static", filename="site.css")
        os.utime(tmp_path / "site.css", (1, 1))  # a deploy: new content, new modification time
        (tmp_path / "site.css").write_text("body { color: navy }", encoding="utf-8")
        second = url_for("static", filename="site.css")
    assert first != second
    assert second.endswith(f"?v={digest(tmp_path / 'site.css')}")
    assert serving.static_version(application, "../outside.css") is None


def test_outside_debug_a_file_is_hashed_once_and_then_never_looked_up(tmp_path: Path) -> None:
    """Production pages pay no file-system lookups for their static URLs: once hashed, a file's
    version stays for the process (a deploy restarts it); a name that is no file is not kept."""
    (tmp_path / "site.css").write_text("body { color: black }", encoding="utf-8")
    application = Flask(__name__, static_folder=str(tmp_path))
    application.config.update(CACHE_TYPE="SimpleCache", DEBUG=False)
    first = serving.static_version(application, "site.css")
    assert first == digest(tmp_path / "site.css")
    (tmp_path / "site.css").unlink()  # a lookup now would find nothing
    assert serving.static_version(application, "site.css") == first
    assert serving.static_version(application, "made-up.css") is None
    assert "made-up.css" not in application.extensions["hemline_static_versions"]


def _config(**env: str) -> list[str]:
    """Config's Redis-dependent settings as a fresh interpreter reads them from `env`."""
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "RATELIMIT_STORAGE_URI"}}
    code = (
        "from config import Config as C;"
        "print(C.RATELIMIT_STORAGE_URI, C.CACHE_TYPE, C.CACHE_REDIS_URL or '-')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()


def test_redis_url_moves_rate_limits_and_caches_to_redis() -> None:
    assert _config() == ["memory://", "SimpleCache", "-"]
    redis = "redis://127.0.0.1:6390/0"
    assert _config(REDIS_URL=redis) == [redis, "RedisCache", redis]
    other = "redis://10.0.0.5:6379/1"  # an explicit limiter storage still wins
    assert _config(REDIS_URL=redis, RATELIMIT_STORAGE_URI=other) == [other, "RedisCache", redis]


def _nginx_upstream_keepalive_seconds(path: Path) -> int:
    """The upstream block's ``keepalive_timeout`` (nginx's default is 60 s when it is not set)."""
    upstream = path.read_text("utf-8").split("upstream hemline", 1)[1].split("}", 1)[0]
    for line in upstream.splitlines():
        words = line.split()
        if words[:1] == ["keepalive_timeout"]:
            return int(words[1].rstrip(";").removesuffix("s"))
    return 60


def test_the_web_server_keeps_idle_connections_longer_than_the_proxy_in_front(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whoever closes an idle keep-alive connection first must be the side that sends requests.

    When gunicorn closed at 5 s, nginx (60 s upstream) and the load test's people (3–10 s think
    time) sent POSTs into connections just being closed: no answer, not resent (issue 16).
    """
    settings = _gunicorn_settings(monkeypatch)
    for nginx in (BASE_DIR / "deploy/nginx/hemline.conf", BASE_DIR / "load/nginx.conf.template"):
        assert settings["keepalive"] > _nginx_upstream_keepalive_seconds(nginx), nginx
    assert settings["keepalive"] > 10  # the longest think time of load/locustfile.py


def test_workers_are_not_recycled_every_few_minutes_at_full_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A recycled worker starts cold; at ~150 requests a second 5,000 meant every two minutes."""
    settings = _gunicorn_settings(monkeypatch)
    assert settings["max_requests"] >= 50_000
    assert 0 < settings["max_requests_jitter"] < settings["max_requests"]


def _gunicorn_settings(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """gunicorn.conf.py's values with no HEMLINE_* override in the environment."""
    for name in [name for name in os.environ if name.startswith("HEMLINE_")]:
        monkeypatch.delenv(name)
    return runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
