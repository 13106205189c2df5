"""Browser hardening: security headers on every response, no inline script, own images only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from app.rendering import render_markdown
from tests.conftest import login

TEMPLATES = Path(__file__).resolve().parents[1] / "app" / "templates"
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_every_response_carries_the_security_headers(client: FlaskClient, login_as) -> None:
    login_as("writer")
    for path in ("/login", "/", "/pieces", "/static/css/app.css", "/no-such-page"):
        with client.get(path) as response:
            headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "Strict-Transport-Security" not in headers  # plain http: no HSTS


def test_hsts_is_sent_over_https(client: FlaskClient) -> None:
    response = client.get("/login", base_url="https://hemline.example")

    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=str)
def test_templates_have_no_inline_script_or_style(template: Path) -> None:
    text = template.read_text(encoding="utf-8")

    assert not INLINE_HANDLER.search(text)
    assert "javascript:" not in text
    assert 'style="' not in text
    for script in re.findall(r"<script[^>]*>", text):
        assert "src=" in script or 'type="application/json"' in script, script


def test_a_display_name_is_not_placed_inside_javascript(
    client: FlaskClient, make_piece, make_user
) -> None:
    piece = make_piece(status="in_review")
    first = make_user("reviewer", username="o-brien")
    first.display_name = "O'Brien\\'); alert(1); //"
    login(client, first)
    client.post(f"/review/{piece.id}/claim")
    client.post("/logout")
    login(client, make_user("reviewer"))

    page = client.get(f"/review/{piece.id}").get_data(as_text=True)

    assert "接手审核" in page and not INLINE_HANDLER.search(page)
    assert 'data-confirm="确定接手 O&#39;Brien' in page


def test_markdown_images_come_only_from_our_uploads() -> None:
    html = str(
        render_markdown(
            "![pixel](https://tracker.example/p.gif?u=1) ![ours](/covers/ab12.png)"
            " ![proto](//tracker.example/p.gif) ![up](/covers/../secret)"
        )
    )

    assert 'src="/covers/ab12.png"' in html
    assert "tracker.example" not in html and "secret" not in html
