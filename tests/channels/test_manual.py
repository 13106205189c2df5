"""The manual adapter: a ready package for the assignee and a URL when they are done."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.channels.base import Delivery, Package
from app.channels.manual import ManualAdapter, ManualChannel, html_to_text
from tests.channels.conftest import CheckpointStore

MakePackage = Callable[..., Package]


def test_publish_is_pending_with_a_ready_package_for_a_person(
    store: CheckpointStore, make_package: MakePackage
) -> None:
    adapter = ManualAdapter(ManualChannel("小红书"))

    result = adapter.publish(make_package(), {}, store.save)

    assert result.status is Delivery.PENDING and result.needs_person
    assert "小红书" in result.message
    package = result.ready_package
    assert package.startswith("# 秋冬新品：羊毛大衣的三种穿法\n")
    assert "第一段：通勤。\n\n第二段：周末&约会。" in package
    assert "<p>" not in package and "cover.png" in package
    assert "https://brand.example/coat" in package
    assert store.current == {"handed_off": "1"}


def test_a_repeat_call_does_not_hand_off_again(
    store: CheckpointStore, make_package: MakePackage
) -> None:
    adapter = ManualAdapter(ManualChannel("抖音"))
    adapter.publish(make_package(), {}, store.save)

    adapter.publish(make_package(), store.current, store.save)

    assert len(store.saved) == 1


def test_mark_published_takes_an_http_url_only() -> None:
    adapter = ManualAdapter(ManualChannel("抖音"))

    result = adapter.mark_published(" https://www.douyin.com/video/1 ")

    assert (result.status, result.url) == (Delivery.PUBLISHED, "https://www.douyin.com/video/1")
    with pytest.raises(ValueError, match="http"):
        adapter.mark_published("douyin://video/1")


def test_html_to_text_drops_scripts_and_keeps_paragraphs() -> None:
    html = "<h2>标题</h2><script>alert(1)</script><p>一<br>二</p><ul><li>甲</li><li>乙</li></ul>"

    assert html_to_text(html) == "标题\n\n一\n二\n\n甲\n\n乙"
