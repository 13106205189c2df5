"""The live server under the browser tests closes every response before sending it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.browser.serving import closed_before_sending


class _Body:
    """A response body that records whether it was closed, like an open static file."""

    def __init__(self) -> None:
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield b"<svg"
        yield b"/>"

    def close(self) -> None:
        self.closed = True


def test_the_body_is_read_and_closed_before_werkzeug_writes_a_byte() -> None:
    body = _Body()

    def app(environ: dict[str, Any], start_response: Any) -> _Body:
        start_response("200 OK", [("Content-Type", "image/svg+xml")])
        return body

    sent = closed_before_sending(app)({}, lambda status, headers: None)
    # Closed already: a connection dropped while werkzeug drains the socket can leak nothing.
    assert body.closed
    assert list(sent) == [b"<svg/>"]
