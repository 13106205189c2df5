"""Browser fixtures: the app on a live local server, and Debian's headless Chromium."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, sync_playwright
from werkzeug.serving import make_server

from tests.browser.serving import closed_before_sending


@pytest.fixture
def live_server(csrf_app: Flask) -> Iterator[str]:
    """Serve the CSRF-protected app on a free port of 127.0.0.1; yields its base URL."""
    server = make_server("127.0.0.1", 0, closed_before_sending(csrf_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright; skipped where it is not installed."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium); CI installs it")
    with sync_playwright() as playwright:
        # The team's browsers ask for Chinese; Chromium would otherwise send
        # Accept-Language: en-US and get the English catalog (tests look for Chinese labels).
        chromium = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=["--no-sandbox", "--lang=zh-CN", "--accept-lang=zh-CN,zh"],
        )
        try:
            yield chromium
        finally:
            chromium.close()
