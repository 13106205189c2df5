"""Notifiers against fakes that check signatures the way each vendor documents them."""

from __future__ import annotations

import time
from collections.abc import Callable
from email import message_from_bytes
from email.policy import default as default_policy
from typing import Any

import pytest

from app.notifications.senders import (
    DingTalkBot,
    EmailNotifier,
    Event,
    FeishuBot,
    Notice,
    Notifier,
    NotifyError,
    SmtpConfig,
    SmtpSecurity,
    WeComBot,
)
from tests.channels.fakes import DingTalkFake, FeishuFake, SmtpFake, WeComFake

NOTICE = Notice(
    Event.FAILED,
    "秋冬新品：羊毛大衣的三种穿法",
    "公众号未获得该接口权限（错误码 48001）",
    "https://hemline.example/pieces/42",
)


def wecom_bot(fake: WeComFake, key: str = "") -> WeComBot:
    """A 企业微信 bot for the fake's URL."""
    return WeComBot(f"{fake.url}/cgi-bin/webhook/send?key={key or fake.secret}", timeout=2.0)


def dingtalk_bot(fake: DingTalkFake, secret: str = "", skew: float = 0.0) -> DingTalkBot:
    """A 钉钉 bot for the fake's URL whose clock is ``skew`` seconds off."""
    url = f"{fake.url}/robot/send?access_token=robot-token"
    return DingTalkBot(url, secret or fake.secret, 2.0, clock=lambda: time.time() + skew)


def feishu_bot(fake: FeishuFake, secret: str = "", skew: float = 0.0) -> FeishuBot:
    """A 飞书 bot for the fake's URL whose clock is ``skew`` seconds off."""
    url = f"{fake.url}/open-apis/bot/v2/hook/hook-id"
    return FeishuBot(url, secret or fake.secret, 2.0, clock=lambda: time.time() + skew)


def test_wecom_receives_markdown(wecom: WeComFake) -> None:
    wecom_bot(wecom).send(NOTICE)

    (message,) = wecom.messages
    content = message["markdown"]["content"]
    assert "**【发布失败】秋冬新品：羊毛大衣的三种穿法**" in content
    assert "48001" in content and "(https://hemline.example/pieces/42)" in content


def test_wecom_clips_long_markdown_to_its_byte_limit(wecom: WeComFake) -> None:
    wecom_bot(wecom).send(Notice(Event.HELD, "长", "字" * 3000))

    assert len(wecom.messages[0]["markdown"]["content"].encode()) <= 4096


def test_dingtalk_receives_a_correctly_signed_url(dingtalk: DingTalkFake) -> None:
    dingtalk_bot(dingtalk).send(NOTICE)

    (message,) = dingtalk.messages
    assert message["query"]["access_token"] == "robot-token"
    assert len(message["query"]["timestamp"]) == 13  # milliseconds
    assert message["body"]["markdown"]["title"] == NOTICE.title


def test_feishu_receives_a_correctly_signed_body(feishu: FeishuFake) -> None:
    feishu_bot(feishu).send(NOTICE)

    (message,) = feishu.messages
    assert len(message["timestamp"]) == 10  # seconds
    assert message["content"]["text"].startswith("【发布失败】秋冬新品")


@pytest.mark.parametrize(
    ("make_bot", "fake_name", "code"),
    [
        (lambda fake: wecom_bot(fake, key="wrong-key"), "wecom", 93000),
        (lambda fake: dingtalk_bot(fake, secret="wrong"), "dingtalk", 310000),
        (lambda fake: dingtalk_bot(fake, skew=-7200), "dingtalk", 310000),
        (lambda fake: feishu_bot(fake, secret="wrong"), "feishu", 19021),
        (lambda fake: feishu_bot(fake, skew=7200), "feishu", 19021),
    ],
)
def test_a_bad_signature_or_stale_timestamp_raises_notify_error(
    request: pytest.FixtureRequest, make_bot: Callable[[Any], Notifier], fake_name: str, code: int
) -> None:
    fake = request.getfixturevalue(fake_name)

    with pytest.raises(NotifyError) as caught:
        make_bot(fake).send(NOTICE)

    assert caught.value.code == code and fake.rejections == [code] and fake.messages == []


@pytest.mark.parametrize(
    ("make_bot", "fake_name"),
    [(wecom_bot, "wecom"), (dingtalk_bot, "dingtalk"), (feishu_bot, "feishu")],
)
def test_a_vendor_error_raises_notify_error(
    request: pytest.FixtureRequest, make_bot: Callable[[Any], Notifier], fake_name: str
) -> None:
    fake = request.getfixturevalue(fake_name)
    fake.fail_with = 45009

    with pytest.raises(NotifyError, match="45009"):
        make_bot(fake).send(NOTICE)


def test_an_unreachable_bot_raises_notify_error() -> None:
    bot = WeComBot("http://127.0.0.1:9/cgi-bin/webhook/send?key=k", timeout=1.0)

    with pytest.raises(NotifyError, match="无法访问"):
        bot.send(NOTICE)


def smtp_notifier(server: SmtpFake, security: SmtpSecurity = "none") -> EmailNotifier:
    """An e-mail notifier for the fake SMTP server."""
    config = SmtpConfig("127.0.0.1", server.port, "hemline@brand.example", security, timeout=2.0)
    return EmailNotifier(config, ["editor@brand.example", "legal@brand.example"])


def test_email_is_delivered_with_the_chinese_subject_encoded(smtp: SmtpFake) -> None:
    smtp_notifier(smtp).send(NOTICE)

    (envelope,) = smtp.messages
    assert envelope.sender == "hemline@brand.example"
    assert envelope.recipients == ["editor@brand.example", "legal@brand.example"]
    assert b"=?utf-8?" in envelope.data.split(b"\r\n\r\n", 1)[0]  # RFC 2047 on the wire
    message = message_from_bytes(envelope.data, policy=default_policy)
    assert message["Subject"] == "[Hemline] 发布失败：秋冬新品：羊毛大衣的三种穿法"
    body = message.get_body().get_content()
    assert "48001" in body and "https://hemline.example/pieces/42" in body


def test_a_refused_recipient_raises_notify_error(smtp: SmtpFake) -> None:
    smtp.reject_recipients = True

    with pytest.raises(NotifyError, match="邮件发送失败"):
        smtp_notifier(smtp).send(NOTICE)
    assert smtp.messages == []


def test_starttls_required_but_not_offered_raises_notify_error(smtp: SmtpFake) -> None:
    with pytest.raises(NotifyError):
        smtp_notifier(smtp, security="starttls").send(NOTICE)


def test_no_recipients_raises_notify_error(smtp: SmtpFake) -> None:
    notifier = EmailNotifier(SmtpConfig("127.0.0.1", smtp.port, "hemline@brand.example"), [])

    with pytest.raises(NotifyError, match="没有收件人"):
        notifier.send(NOTICE)


EVIL = Notice(
    Event.FAILED,
    "春装[点我领券](https://evil.example/x) <@all> **粗**\n# 大标题",
    '原因 ![p](https://evil.example/p.png) <at user_id="all">所有人</at>',
    "https://hemline.example/pieces/42",
)


def test_a_title_cannot_add_links_mentions_or_markup_to_markdown_bots(
    wecom: WeComFake, dingtalk: DingTalkFake
) -> None:
    wecom_bot(wecom).send(EVIL)
    dingtalk_bot(dingtalk).send(EVIL)

    for content in (
        wecom.messages[0]["markdown"]["content"],
        dingtalk.messages[0]["body"]["markdown"]["text"],
    ):
        links = [line for line in content.splitlines() if "](" in line]
        assert links == ["[在 Hemline 中查看](https://hemline.example/pieces/42)"]
        assert "https://evil" not in content and "<@all>" not in content and "\n# " not in content
        assert "点我领券" in content and "所有人" in content
    assert "\n" not in dingtalk.messages[0]["body"]["markdown"]["title"]


def test_a_title_cannot_mention_everyone_in_feishu(feishu: FeishuFake) -> None:
    feishu_bot(feishu).send(EVIL)

    text = feishu.messages[0]["content"]["text"]
    assert "<at" not in text and "所有人" in text and "https://hemline.example/pieces/42" in text
