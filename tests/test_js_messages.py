"""The script texts block (js_messages_json) is built once per language and app (issue 16):
each page still carries its own language's texts, whatever language was asked for before."""

from __future__ import annotations

import json
import re

from flask.testing import FlaskClient

from tests.test_i18n import compiled_translations, i18n_app, i18n_client  # noqa: F401

BLOCK = re.compile(r'<script type="application/json" id="js-messages">(.*?)</script>', re.S)


def _messages(client: FlaskClient, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    found = BLOCK.search(response.get_data(as_text=True))
    assert found is not None
    return dict(json.loads(found.group(1)))


def test_each_page_carries_the_script_texts_of_its_own_language(
    i18n_client: FlaskClient,  # noqa: F811
) -> None:
    for _ in range(2):  # built on the first page of a language, reused on the second
        assert _messages(i18n_client, "/login?lang=zh_Hans_CN")["check.clean"] == "未发现问题。"
        assert _messages(i18n_client, "/login?lang=en")["check.clean"] == "No problems found."
    chinese = _messages(i18n_client, "/login?lang=zh_Hans_CN")
    assert chinese["check.failed"] == "检查失败：%(message)s"
