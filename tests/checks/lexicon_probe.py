"""A separate app process for the pickup test: prints the lexicon version its checks use.

Run as ``python -m tests.checks.lexicon_probe DATABASE_URL SECONDS``; prints
``ready <version> <hits>`` once, then ``<unix time> <version> <hits>`` whenever the version
its checks report changes (hits: of “最好的大衣”, so the test sees the new entry at work).
"""

from __future__ import annotations

import secrets
import sys
import time

from app import create_app
from app.checks.services import check_fields
from config import Config


def main(database_url: str, seconds: float) -> None:
    """Check a text every 20 ms with the production cache settings and report version changes."""

    class ProbeConfig(Config):
        SQLALCHEMY_DATABASE_URI = database_url
        LEXICON_REFRESH_SECONDS = Config.LEXICON_REFRESH_SECONDS
        SECRET_KEY = secrets.token_urlsafe(48)  # production settings: no key file in CI

    app = create_app(ProbeConfig)
    with app.app_context():
        first = check_fields("", "最好的大衣")
        last = first.lexicon_version
        print(f"ready {last} {len(first.hits)}", flush=True)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            report = check_fields("", "最好的大衣")
            if report.lexicon_version != last:
                print(f"{time.time():.3f} {report.lexicon_version} {len(report.hits)}", flush=True)
                last = report.lexicon_version
            time.sleep(0.02)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
