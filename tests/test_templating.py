"""Template helpers that make list pages cheaper to render (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask, render_template_string, url_for

from app.templating import IdUrl


@pytest.mark.parametrize(
    ("endpoint", "key", "values"),
    [
        ("content.piece", "piece_id", {}),
        ("lexicon.edit_entry", "entry_id", {}),
        ("schedule.place", "piece_id", {}),
        ("review.review", "piece_id", {"tab": "diff"}),
    ],
)
def test_an_id_url_is_url_for_of_that_id(
    app: Flask, endpoint: str, key: str, values: dict[str, Any]
) -> None:
    with app.test_request_context("/", base_url="http://example.test/prefix"):
        href = IdUrl(endpoint, key, **values)
        for number in (1, 7, 987654321, 10**12):
            assert href(number) == url_for(endpoint, **(values | {key: number}))
        assert href(7).startswith("/prefix/")  # the script root, as url_for gives it


def test_an_id_url_takes_integers_only(app: Flask) -> None:
    with app.test_request_context("/"):
        href = IdUrl("content.piece", "piece_id")
        with pytest.raises(ValueError):
            href("1/../../admin")  # type: ignore[arg-type]


def test_templates_reach_it_as_id_url(app: Flask) -> None:
    with app.test_request_context("/"):
        source = "{% set h = id_url('content.piece', 'piece_id') %}{{ h(3) }} {{ h(4) }}"
        assert render_template_string(source) == "/pieces/3 /pieces/4"
