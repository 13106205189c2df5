"""Template helpers that make list pages cheaper to render (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask, render_template_string, url_for

from app.templating import IdUrl
from tests.conftest import login


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


def _main_nav(page: str) -> str:
    return page[page.index('<nav class="mainnav"') : page.index("</nav>")]


def test_the_kept_main_navigation_follows_the_roles_and_the_language(client, make_user) -> None:
    writer, admin = make_user("writer"), make_user("admin")
    turns = [(writer, "zh_Hans_CN"), (admin, "zh_Hans_CN"), (writer, "en"), (writer, "zh_Hans_CN")]
    navs = []
    for who, lang in turns:
        login(client, who)
        navs.append(_main_nav(client.get(f"/topics?lang={lang}").get_data(as_text=True)))
        client.post("/logout").close()
    writers, admins, english, again = navs
    assert "退回给我" in writers and "/admin/users" not in writers
    assert "/admin/users" in admins and "退回给我" not in admins
    assert "/review/returned" in english and "退回给我" not in english
    assert again == writers
