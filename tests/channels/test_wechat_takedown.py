"""The 公众号 take-down call (issue 19): freepublish/delete of a published article."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.channels.base import Package, PermanentError
from tests.channels.conftest import CheckpointStore
from tests.channels.fakes import WeChatFake
from tests.channels.test_wechat_oa import adapter_for

DELETE = "/cgi-bin/freepublish/delete"


def test_a_published_article_is_deleted_by_its_article_id(
    wechat: WeChatFake, store: CheckpointStore, make_package: Callable[..., Package]
) -> None:
    adapter = adapter_for(wechat)
    result = adapter.publish(make_package(), {}, store.save)

    adapter.take_down(result.platform_id)

    assert wechat.deleted == [(result.platform_id, 0)]
    assert wechat.calls[-1] == DELETE


def test_the_nth_article_of_a_group_send_is_deleted_alone(
    wechat: WeChatFake, store: CheckpointStore, make_package: Callable[..., Package]
) -> None:
    adapter = adapter_for(wechat)
    adapter.publish(make_package(), {}, store.save)
    (publish_id,) = wechat.publishes

    adapter.take_down(f"article-{publish_id}#2")

    assert wechat.deleted == [(f"article-{publish_id}", 2)]


def test_an_unknown_article_fails_permanently_and_nothing_is_deleted(wechat: WeChatFake) -> None:
    with pytest.raises(PermanentError):
        adapter_for(wechat).take_down("article-nope")
    with pytest.raises(PermanentError, match="没有文章编号"):
        adapter_for(wechat).take_down("")
    assert wechat.deleted == []
