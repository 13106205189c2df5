"""The list of hits (the publish-time re-check's hold text, refusals) as words for the reader's
language (issue 20 item 2): each hit's text, term and note are parameters shown as written."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask_babel import refresh

from app.checks.services import describe_hits, hit_words
from app.compliance import Hit
from app.notifications import wording
from tests.english import chinese_in, merged_english


def hit(text: str, suggestion: str = "删除", basis: str = "广告法") -> Hit:
    return Hit("body", 0, len(text), text, text, "absolute", "block", None, suggestion, basis)


@pytest.mark.parametrize(
    ("hits", "chinese", "english"),
    [
        ([hit("最好")], "“最好”（最好：删除）", "“最好” (最好: 删除)"),
        (
            [hit("第一"), hit("国家级", suggestion="")],
            "“第一”（第一：删除）；“国家级”（国家级：广告法）",
            "“第一” (第一: 删除); “国家级” (国家级: 广告法)",
        ),
        (
            [hit(f"词{n}") for n in range(7)],
            "；".join(f"“词{n}”（词{n}：删除）" for n in range(5)) + " 等 7 处",
            "; ".join(f"“词{n}” (词{n}: 删除)" for n in range(5)) + " and more (7 in all)",
        ),
    ],
)
def test_hits_read_in_chinese_and_english(
    app: Flask, monkeypatch: pytest.MonkeyPatch, hits: list[Hit], chinese: str, english: str
) -> None:
    words = hit_words(hits)
    assert describe_hits(hits) == str(words) == chinese
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        refresh()
        said, html = wording.say(words), str(wording.write(words))
    assert said == english
    assert f"<span data-user-content>{hits[0].text}</span>" in html  # marked as user content
    assert chinese_in(re.sub(r"<span data-user-content>[^<]*</span>", "", html)) == []
