"""The entry form's examples are Chinese text in any language, shown apart and marked as such."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests.english import chinese_in, merged_english


@pytest.mark.parametrize("path", ["/lexicon/entries/new", "/lexicon/sandbox"])
def test_the_examples_are_marked_chinese_and_the_rest_is_english(
    client: FlaskClient,
    login_as: Callable[..., object],
    monkeypatch: pytest.MonkeyPatch,
    path: str,
) -> None:
    login_as("legal")
    with merged_english(monkeypatch):
        page = client.get(f"{path}?lang=en").get_data(as_text=True)
    assert "Allowed contexts (one per line)</label>" in page
    assert 'For example: <code lang="zh-Hans">第一眼</code>' in page
    if path.endswith("new"):
        help_list = page[page.index('class="muted small condition-help"') :]
        help_list = help_list[: help_list.index("</ul>")]
        assert '<code lang="zh-Hans">unless:广告!不是广告</code> — no hit when' in help_list
        outside = help_list
        examples = ("unless:广告!不是广告", "near:6:甩掉/燃烧", "then:16:好运/平安")
        examples += ("negated:8:不能/无法/不具备", "requires:链接/下单/小黄车")
        examples += ("followed:8:的是/在于/亮点",)
        assert all(f'<code lang="zh-Hans">{example}</code>' in help_list for example in examples)
        for example in examples:
            outside = outside.replace(example, "")
        assert chinese_in(outside) == []
