"""Security headers on every response: a strict Content-Security-Policy and its companions.

One ``after_request`` hook rather than Flask-Talisman: Talisman would also redirect to HTTPS and
rewrite the session cookie's flags, which the configuration owns (SESSION_COOKIE_SECURE, the
proxy settings); here the headers are exactly the ones below.

- CSP: everything from the app itself (no CDN is used); no inline script, no inline style
  attributes, no plugins, no framing, forms post only to the app, ``<base>`` cannot be changed.
  Images may also be ``data:`` URIs (none are used today; the browser's own broken-image icons).
- ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` for old browsers,
  ``Referrer-Policy: same-origin`` (links to platforms do not carry the piece's URL),
  ``Strict-Transport-Security`` only on HTTPS requests (behind a proxy: HEMLINE_TRUSTED_PROXIES).
"""

from __future__ import annotations

from flask import Flask, Response, request

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HSTS = "max-age=31536000; includeSubDomains"


def add_security_headers(response: Response) -> Response:
    """Set the headers unless a view chose its own value."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app: Flask) -> None:
    """Register the hook."""
    app.after_request(add_security_headers)
