"""PII written to slip past the digit patterns: Chinese digits, dotted numbers, WeChat/QQ ids."""

from __future__ import annotations

import pytest

from app.compliance.pii import find_pii


def found(text: str) -> list[tuple[str, str, str]]:
    """(term, matched text, severity) of every PII hit; offsets checked against the text."""
    hits = find_pii(text)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
    return [(hit.term, hit.text, hit.severity) for hit in hits if hit.term != "姓名"]


@pytest.mark.parametrize(
    "number", ["一三八一二三四五六七八", "幺三九零零零零一二三四", "一八六〇〇一三八〇〇〇"]
)
def test_mobile_number_in_chinese_digits_hits(number: str) -> None:
    assert found(f"有事打{number}，谢谢") == [("手机号", number, "review")]


def test_chinese_digit_mobile_is_masked_as_digits() -> None:
    (hit,) = find_pii("电话一三八一二三四五六七八")
    assert "138****5678" in hit.suggestion


@pytest.mark.parametrize(
    "text",
    ["一二三四五六七八九十", "八一建军节，一二三四五六七", "十一月十一日", "二〇二五年一月一日"],
)
def test_ordinary_chinese_numbers_do_not_hit(text: str) -> None:
    assert found(text) == []


def test_mobile_number_with_dots_hits() -> None:
    assert found("私人号码 139.1234.5678 有事直接打") == [("手机号", "139.1234.5678", "review")]


@pytest.mark.parametrize("text", ["价格 0.13912345678 元", "139.1234-5678", "版本 1.3912345678"])
def test_decimals_and_mixed_separators_do_not_hit(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "term", "account"),
    [
        ("加我微信：lily_chen1990 拿同款", "微信号", "lily_chen1990"),
        ("模特的vx是 Zhou-xiaomei99", "微信号", "Zhou-xiaomei99"),
        ("威信号 abc12345 备注来意", "微信号", "abc12345"),
        ("粉丝QQ号 1234567890 中奖了", "QQ号", "1234567890"),
        ("扣扣：88886666", "QQ号", "88886666"),
    ],
)
def test_personal_accounts_hit_with_masking(text: str, term: str, account: str) -> None:
    (hit,) = find_pii(text)
    assert (hit.term, hit.text, hit.severity) == (term, account, "review")
    assert f"{account[:2]}****{account[-2:]}" in hit.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "关注微信公众号，每周更新穿搭",
        "客服微信：hemline_kf 工作日在线",
        "官方QQ群 12345678 欢迎加入",
        "支持微信支付和支付宝",
        "微信扫码查看尺码表",
        "QQ音乐歌单同步更新",
        "尺码表见 wx.example.com",
    ],
)
def test_business_accounts_and_plain_mentions_do_not_hit(text: str) -> None:
    assert found(text) == []


def test_mobile_number_in_financial_chinese_digits_hits() -> None:
    assert found("联系人电话：壹叁捌零零壹叁捌零零零") == [
        ("手机号", "壹叁捌零零壹叁捌零零零", "review")
    ]


def test_email_with_full_width_at_and_dot_hits_with_exact_offsets() -> None:
    assert found("她的邮箱 zhangli2020＠163．com 已登记") == [
        ("电子邮箱", "zhangli2020＠163．com", "warn")
    ]


@pytest.mark.parametrize(
    ("text", "account"),
    [("需要的加我 V：cherry_rose88", "cherry_rose88"), ("加v lily_2023_ok 拿同款", "lily_2023_ok")],
)
def test_wechat_id_after_a_lone_v_cue_hits(text: str, account: str) -> None:
    assert found(text) == [("微信号", account, "review")]


def test_qq_id_after_a_lone_q_cue_hits() -> None:
    assert found("Q：327654981 加我拼单") == [("QQ号", "327654981", "review")]


@pytest.mark.parametrize(
    "text",
    [
        "V领设计，显脖子长",
        "Q&A：尺码怎么选",
        "Q：能机洗吗？",
        "加V看更多",
        "官方客服V：hemline_service",
    ],
)
def test_a_lone_letter_is_no_cue_without_an_account_or_for_a_business(text: str) -> None:
    assert found(text) == []
