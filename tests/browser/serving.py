"""What the browser tests' live server wraps around the app."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def closed_before_sending(app: Any) -> Any:
    """The app with every response read and closed before werkzeug writes it.

    werkzeug's development server closes a response only after draining the socket; when
    Chromium drops a connection (a cached favicon it no longer wants), that drain raises
    ConnectionResetError first, the open static file is left to the garbage collector, and
    the ResourceWarning fails whichever test is running (CI, session 13). No page streams,
    so reading each body into memory changes nothing the browser sees.
    """

    def wsgi(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()

    return wsgi
