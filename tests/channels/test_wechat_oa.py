"""The 公众号 adapter against the WeChat fake: the flow, tokens, errors, polling and resuming."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable

import pytest

from app.channels.base import (
    Delivery,
    OutcomeUnknownError,
    Package,
    PermanentError,
    TransientError,
)
from app.channels.wechat_oa import ERRCODES, WeChatConfig, WeChatOAAdapter, error_for
from tests.channels.conftest import PNG, CheckpointStore, Crash
from tests.channels.fakes import WeChatFake

SUBMIT = "/cgi-bin/freepublish/submit"
DRAFT = "/cgi-bin/draft/add"
CJK = re.compile(r"[\u4e00-\u9fff]")
MakePackage = Callable[..., Package]


def adapter_for(fake: WeChatFake, timeout: float = 2.0) -> WeChatOAAdapter:
    """An adapter pointed at the fake, polling without sleeping."""
    config = WeChatConfig(
        fake.appid, fake.secret, base_url=fake.url, timeout=timeout, poll_interval=0.0
    )
    return WeChatOAAdapter(config, sleep=lambda _: None)


def test_full_flow_publishes_and_records_the_article_url(
    wechat: WeChatFake, store: CheckpointStore, make_package: MakePackage
) -> None:
    result = adapter_for(wechat).publish(make_package(), {}, store.save)

    (publish_id,) = wechat.publishes
    assert result.status is Delivery.PUBLISHED
    assert result.url == f"https://mp.weixin.qq.com/s/{publish_id}"
    assert result.platform_id == f"article-{publish_id}"
    assert store.current["article_url"] == result.url
    assert [sorted(saved) for saved in store.saved][:3] == [
        ["thumb_media_id"],
        ["draft_media_id", "thumb_media_id"],
        ["draft_media_id", "submit_sent", "thumb_media_id"],
    ]
    assert list(wechat.materials.values()) == [("cover.png", PNG)]
    (article,) = wechat.drafts.values()
    assert article["title"] == "秋冬新品：羊毛大衣的三种穿法"
    assert article["thumb_media_id"] == store.current["thumb_media_id"]
    assert article["content_source_url"] == "https://brand.example/coat"
    assert "秋冬新品".encode() in wechat.draft_bodies[0]  # raw UTF-8, not \u escapes
    assert [request["force_refresh"] for request in wechat.token_requests] == [False]


def test_the_token_is_cached_until_five_minutes_before_expiry(
    wechat: WeChatFake, make_package: MakePackage
) -> None:
    now = [1_000_000.0]
    config = WeChatConfig(wechat.appid, wechat.secret, base_url=wechat.url, poll_interval=0.0)
    adapter = WeChatOAAdapter(config, sleep=lambda _: None, clock=lambda: now[0])

    adapter.publish(make_package(), {}, lambda _: None)
    now[0] += wechat.expires_in - 301
    adapter.publish(make_package(), {}, lambda _: None)
    assert len(wechat.token_requests) == 1
    now[0] += 2  # now within five minutes of expiry
    adapter.publish(make_package(), {}, lambda _: None)
    assert len(wechat.token_requests) == 2


def test_a_token_expiring_mid_run_is_refreshed_once_and_the_flow_continues(
    wechat: WeChatFake, store: CheckpointStore, make_package: MakePackage
) -> None:
    wechat.expire_tokens_before(DRAFT)

    result = adapter_for(wechat).publish(make_package(), {}, store.save)

    assert result.status is Delivery.PUBLISHED
    assert [request["force_refresh"] for request in wechat.token_requests] == [False, True]
    assert wechat.calls.count(DRAFT) == 2
    assert (len(wechat.drafts), len(wechat.publishes)) == (1, 1)


def test_a_token_rejected_again_after_refresh_fails_without_a_retry_storm(
    wechat: WeChatFake, store: CheckpointStore, make_package: MakePackage
) -> None:
    wechat.reject_tokens = True

    with pytest.raises(PermanentError) as caught:
        adapter_for(wechat).publish(make_package(), {}, store.save)

    assert caught.value.code == 40001
    assert "AppSecret" in caught.value.message
    assert len(wechat.token_requests) == 2
    assert wechat.materials == {} and store.saved == []


def test_wrong_credentials_fail_with_a_clear_message(
    wechat: WeChatFake, make_package: MakePackage
) -> None:
    config = WeChatConfig(wechat.appid, "wrong-secret", base_url=wechat.url)

    with pytest.raises(PermanentError, match="AppSecret 无效") as caught:
        WeChatOAAdapter(config).publish(make_package(), {}, lambda _: None)

    assert caught.value.code == 40125


@pytest.mark.parametrize(
    ("errcode", "error_class", "words"),
    [
        (45009, PermanentError, "接口调用超过每日限额"),
        (48001, PermanentError, "公众号未获得该接口权限"),
        (-1, TransientError, "系统繁忙"),
        (45011, TransientError, "过于频繁"),
        (61234, PermanentError, "微信接口返回错误 61234"),
    ],
)
def test_platform_errors_map_to_chinese_messages_and_the_right_class(
    wechat: WeChatFake,
    store: CheckpointStore,
    make_package: MakePackage,
    errcode: int,
    error_class: type[Exception],
    words: str,
) -> None:
    wechat.fail_next(DRAFT, errcode)

    with pytest.raises(error_class) as caught:
        adapter_for(wechat).publish(make_package(), {}, store.save)

    assert type(caught.value) is error_class
    assert words in caught.value.message and caught.value.code == errcode
    assert sorted(store.current) == ["thumb_media_id"]  # the cover is kept for the retry


def test_every_documented_errcode_has_a_chinese_message() -> None:
    for errcode in (-1, 40001, 40007, 40014, 42001, 45009, 45028, 48001, 53503, 53504, 53505):
        assert errcode in ERRCODES
        assert CJK.search(error_for(errcode).message)
    assert not isinstance(error_for(45009), TransientError)


@pytest.mark.parametrize(
    ("status", "label"), [(2, "原创声明失败"), (3, "常规失败"), (4, "审核不通过")]
)
def test_an_asynchronous_publish_failure_is_permanent_and_names_the_status(
    wechat: WeChatFake, store: CheckpointStore, make_package: MakePackage, status: int, label: str
) -> None:
    wechat.final_status = status

    with pytest.raises(PermanentError, match=label) as caught:
        adapter_for(wechat).publish(make_package(), {}, store.save)

    assert caught.value.code == f"publish_status_{status}"
    assert "publish_id" in store.current and "article_url" not in store.current


def test_still_publishing_at_the_poll_limit_is_pending_and_polls_on_later(
    wechat: WeChatFake, store: CheckpointStore, make_package: MakePackage
) -> None:
    wechat.polls_until_done = 100
    sleeps: list[float] = []
    config = WeChatConfig(
        wechat.appid, wechat.secret, base_url=wechat.url, poll_interval=0.01, poll_attempts=3
    )
    adapter = WeChatOAAdapter(config, sleep=sleeps.append)

    pending = adapter.publish(make_package(), {}, store.save)

    assert pending.status is Delivery.PENDING and not pending.needs_person
    assert pending.platform_id == store.current["publish_id"]
    assert sleeps == [0.01, 0.01]
    wechat.polls_until_done = 0
    done = adapter.publish(make_package(), store.current, store.save)
    assert done.status is Delivery.PUBLISHED
    assert (len(wechat.drafts), len(wechat.publishes)) == (1, 1)


@pytest.mark.parametrize("crash_after", ["thumb_media_id", "draft_media_id", "publish_id"])
def test_resuming_after_a_crash_creates_one_draft_and_one_publish(
    wechat: WeChatFake, store: CheckpointStore, make_package: MakePackage, crash_after: str
) -> None:
    adapter = adapter_for(wechat)
    store.crash_after = crash_after
    with pytest.raises(Crash):
        adapter.publish(make_package(), {}, store.save)

    result = adapter.publish(make_package(), store.current, store.save)

    assert result.status is Delivery.PUBLISHED
    assert (len(wechat.materials), len(wechat.drafts), len(wechat.publishes)) == (1, 1, 1)
    assert wechat.calls.count(SUBMIT) == 1


def test_a_finished_checkpoint_returns_published_without_calling_wechat(
    wechat: WeChatFake, make_package: MakePackage
) -> None:
    checkpoint = {"publish_id": "pub-9", "article_url": "https://mp.weixin.qq.com/s/x"}

    result = adapter_for(wechat).publish(make_package(), checkpoint, lambda _: None)

    assert (result.status, result.url, result.platform_id) == (
        Delivery.PUBLISHED,
        checkpoint["article_url"],
        "pub-9",
    )
    assert wechat.calls == []


def test_a_submit_without_a_recorded_answer_is_never_repeated(
    wechat: WeChatFake, store: CheckpointStore, make_package: MakePackage
) -> None:
    wechat.delays[SUBMIT] = 0.5
    adapter = adapter_for(wechat, timeout=0.2)

    with pytest.raises(OutcomeUnknownError, match="请先在公众平台确认"):
        adapter.publish(make_package(), {}, store.save)
    with pytest.raises(OutcomeUnknownError):
        adapter.publish(make_package(), store.current, store.save)

    assert store.current["submit_sent"] == "1" and "publish_id" not in store.current
    assert wechat.calls.count(SUBMIT) == 1 and len(wechat.publishes) == 1


def test_a_slow_draft_answer_is_transient(
    wechat: WeChatFake, store: CheckpointStore, make_package: MakePackage
) -> None:
    wechat.delays[DRAFT] = 0.5

    with pytest.raises(TransientError, match="没有及时答复"):
        adapter_for(wechat, timeout=0.2).publish(make_package(), {}, store.save)

    assert "draft_media_id" not in store.current and wechat.publishes == {}


def test_a_rejected_submit_can_be_retried(
    wechat: WeChatFake, store: CheckpointStore, make_package: MakePackage
) -> None:
    wechat.fail_next(SUBMIT, 45028)
    adapter = adapter_for(wechat)
    with pytest.raises(PermanentError, match="发表次数已用完"):
        adapter.publish(make_package(), {}, store.save)
    assert "submit_sent" not in store.current

    result = adapter.publish(make_package(), store.current, store.save)

    assert result.status is Delivery.PUBLISHED
    assert (len(wechat.drafts), len(wechat.publishes)) == (1, 1)


def test_an_unreachable_platform_is_transient(make_package: MakePackage) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = WeChatConfig("wx", "secret", base_url=f"http://127.0.0.1:{port}", timeout=1.0)

    with pytest.raises(TransientError, match="无法连接微信服务器"):
        WeChatOAAdapter(config).publish(make_package(), {}, lambda _: None)


def test_a_piece_without_a_cover_fails_before_calling_wechat(
    wechat: WeChatFake, make_package: MakePackage
) -> None:
    with pytest.raises(PermanentError, match="封面"):
        adapter_for(wechat).publish(make_package(cover=None), {}, lambda _: None)

    assert wechat.calls == []


def test_the_base_url_must_be_http() -> None:
    with pytest.raises(ValueError, match="http"):
        WeChatConfig("wx", "secret", base_url="ftp://api.example")


# --- one group send (发表) of several articles ------------------------------------------------


def test_a_batch_is_one_draft_one_submit_one_poll_with_each_article_url(
    wechat: WeChatFake, store: CheckpointStore, make_package: MakePackage
) -> None:
    packages = [make_package(piece_id=n, title=f"第{n}篇") for n in (7, 9, 12)]

    results = adapter_for(wechat).publish_batch(packages, {}, store.save)

    (publish_id,) = wechat.publishes
    ((draft_id, articles),) = wechat.draft_articles.items()
    assert [a["title"] for a in articles] == ["第7篇", "第9篇", "第12篇"]
    assert wechat.calls.count(SUBMIT) == 1 and wechat.calls.count("/cgi-bin/freepublish/get") == 2
    assert [r.status for r in results] == [Delivery.PUBLISHED] * 3
    assert [r.url for r in results] == [
        f"https://mp.weixin.qq.com/s/{publish_id}",
        f"https://mp.weixin.qq.com/s/{publish_id}-2",
        f"https://mp.weixin.qq.com/s/{publish_id}-3",
    ]
    assert store.current["draft_media_id"] == draft_id and store.current["draft_pieces"] == "7,9,12"
    assert store.current["article_url:9"] == results[1].url


@pytest.mark.parametrize("crash_after", ["thumb_media_id:9", "draft_media_id", "publish_id"])
def test_a_batch_resumes_from_its_checkpoint_without_a_second_draft_or_send(
    wechat: WeChatFake,
    store: CheckpointStore,
    make_package: MakePackage,
    crash_after: str,
) -> None:
    packages = [make_package(piece_id=n) for n in (7, 9)]
    store.crash_after = crash_after
    with pytest.raises(Crash):
        adapter_for(wechat).publish_batch(packages, {}, store.save)

    results = adapter_for(wechat).publish_batch(packages, store.current, store.save)

    assert [r.status for r in results] == [Delivery.PUBLISHED] * 2
    assert len(wechat.materials) == 2 and len(wechat.drafts) == 1 and len(wechat.publishes) == 1


def test_a_piece_leaving_the_batch_before_the_send_gets_a_new_draft(
    wechat: WeChatFake, store: CheckpointStore, make_package: MakePackage
) -> None:
    seven, nine = make_package(piece_id=7), make_package(piece_id=9)
    store.crash_after = "draft_media_id"
    with pytest.raises(Crash):
        adapter_for(wechat).publish_batch([seven, nine], {}, store.save)

    (result,) = adapter_for(wechat).publish_batch([nine], store.current, store.save)

    assert result.status is Delivery.PUBLISHED and len(wechat.materials) == 2  # covers reused
    (_first, second) = wechat.draft_articles.values()
    assert len(second) == 1 and store.current["draft_pieces"] == "9"


def test_a_single_flow_checkpoint_is_resumed_by_the_batch_entry_point(
    wechat: WeChatFake, store: CheckpointStore, make_package: MakePackage
) -> None:
    store.crash_after = "draft_media_id"
    with pytest.raises(Crash):
        adapter_for(wechat).publish(make_package(), {}, store.save)

    (result,) = adapter_for(wechat).publish_batch([make_package()], store.current, store.save)

    assert result.status is Delivery.PUBLISHED and len(wechat.drafts) == 1


def test_a_429_carries_the_retry_after_of_the_answer(
    wechat: WeChatFake, make_package: MakePackage
) -> None:
    wechat.throttled[DRAFT] = "120"

    with pytest.raises(TransientError) as caught:
        adapter_for(wechat).publish(make_package(), {}, lambda _: None)

    assert caught.value.retry_after == 120.0 and caught.value.code == 429


def test_retry_after_may_be_seconds_or_an_http_date() -> None:
    from app.channels.base import retry_after_seconds

    assert retry_after_seconds("30") == 30.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412450.0) == 60.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
