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
        ("电子邮箱", "zhangli2020＠163．com", "review")
    ]


# Issue 18: contact details written to slip past the patterns, and legal's open question — a
# private person's e-mail address is review (PIPL Art. 25), a business's own stays warn.
@pytest.mark.parametrize(
    ("text", "address", "masked"),
    [
        ("作者邮箱 lily.chen艾特163点com，欢迎投稿", "lily.chen艾特163点com", "l***@163.com"),
        ("投稿请发 wangfang2019 (at) qq.com", "wangfang2019 (at) qq.com", "w***@qq.com"),
        ("邮箱 mia_2020【at】gmail【dot】com", "mia_2020【at】gmail【dot】com", "m***@gmail.com"),
        ("发到 lucy2021 at 126 dot com 就行", "lucy2021 at 126 dot com", "l***@126.com"),
        ("想要图的发 lily圈a qq，我一个个回", "lily圈a qq", "l***@qq"),
        ("简历发 amy.w # 163.com", "amy.w # 163.com", "a***@163.com"),
        ("中奖的姐妹，邮箱是 zhaomin_88@126.com 吗？", "zhaomin_88@126.com", "z***@126.com"),
    ],
)
def test_written_out_email_of_a_person_is_review(text: str, address: str, masked: str) -> None:
    (hit,) = find_pii(text)
    assert (hit.term, hit.text, hit.severity) == ("电子邮箱", address, "review")
    assert text[hit.start : hit.end] == address and masked in hit.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "商务合作请发邮件至 pr@hemline.cn",
        "客服邮箱 kefu(at)hemline.cn",
        "有问题发 service@hemline.cn",
        "品牌合作：lily_chen@hemline.cn",
    ],
)
def test_business_email_stays_a_warning(text: str) -> None:
    assert [severity for term, _, severity in found(text)] == ["warn"]


@pytest.mark.parametrize(
    "text",
    [
        "#穿搭# #ootd#qq",
        "话题 #ootd #outfit",
        "邮箱登录后可以查看订单物流",
        "look at this 163 style",
        "lily # 163",
        "see you at 9 am",
    ],
)
def test_hashtags_and_words_are_no_written_email(text: str) -> None:
    assert [term for term, _, _ in found(text) if term == "电子邮箱"] == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("尺码拿不准就打我电话 1 3 9 1 2 3 4 5 6 7 8", "1 3 9 1 2 3 4 5 6 7 8"),
        ("电话 1380 013 8000 晚上打", "1380 013 8000"),
        ("手机：幺三九 一二三四 五六七八", "幺三九 一二三四 五六七八"),
        ("号码 138　0013　8000", "138　0013　8000"),
    ],
)
def test_loosely_spaced_mobile_number_hits_once(text: str, number: str) -> None:
    assert found(text) == [("手机号", number, "review")]


@pytest.mark.parametrize(
    "text",
    [
        "订单号 1380 0138 0001 2345 请核对。",
        "尺码参考：身高 155 160 165 170 175 厘米",
        "1 3 8 1 2 3 4 5 6 7 8 9",
        "客服热线 400 820 3344",
        "139.1234-5678",
    ],
)
def test_longer_spaced_digit_runs_are_no_mobile(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "term", "account"),
    [
        ("想要同款的加我薇❤：lily_2024", "微信号", "lily_2024"),
        ("绿泡泡：momo_style88，拉你进搭配群", "微信号", "momo_style88"),
        ("V信搜 xiaoyu_0521 就能找到我", "微信号", "xiaoyu_0521"),
        ("博主本人wechat: amy_wardrobe 随时在线", "微信号", "amy_wardrobe"),
        ("➕V: lily_2020", "微信号", "lily_2020"),
        ("有问题直接扣我，企鹅号 2 8 7 6 5 4 3 2 1", "QQ号", "2 8 7 6 5 4 3 2 1"),
        ("QQ：贰捌柒陆伍肆叁贰壹，备注买家秀", "QQ号", "贰捌柒陆伍肆叁贰壹"),
    ],
)
def test_accounts_behind_nicknames_hearts_and_spelled_digits_hit(
    text: str, term: str, account: str
) -> None:
    (hit,) = find_pii(text)
    assert (hit.term, hit.text, hit.severity) == (term, account, "review")
    assert text[hit.start : hit.end] == account
    assert "28****21" in hit.suggestion if term == "QQ号" else account[:2] in hit.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "企鹅图案卫衣",
        "官方企鹅号 12345678",
        "微信搜索公众号“Hemline穿搭”",
        "V领针织衫，Q弹面料，QQ糖色",
    ],
)
def test_nicknames_without_a_personal_account_do_not_hit(text: str) -> None:
    assert found(text) == []


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


# --- issue 18, h147: forms found by blind-written texts (tune18-s14e-*) -------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("姐妹电话 186🍀2233🍀4455 有空回", "186🍀2233🍀4455"),
        ("号码 137⭐️0000⭐️1111", "137⭐️0000⭐️1111"),
        ("手机 138 ❤ 1234 ❤ 5678 找她", "138 ❤ 1234 ❤ 5678"),
        ("她的号 1 5 9 - 8 8 7 7 - 6 6 5 5 别外传", "1 5 9 - 8 8 7 7 - 6 6 5 5"),
        ("电话 158 然后 0000 再 1234，找她", "158 然后 0000 再 1234"),
        ("拨打 135 加 6789 加 0001 就行", "135 加 6789 加 0001"),
    ],
)
def test_mobile_with_emoji_dashed_spaced_digits_or_words_between_groups_hits(
    text: str, number: str
) -> None:
    assert found(text) == [("手机号", number, "review")]


@pytest.mark.parametrize(
    "text",
    [
        "手机壳 139 元，1299 元，1599 元三档",
        "尺码 S M L 对应 155 和 1600 和 1700",
        "今天 139 然后 1234 最后 5678 件全部售罄",
        "尺码 150🌸160🌸170 可选",
        "138-1234 5678",
        "身高 155 - 160 - 165 - 170 cm",
        "货号：13702260511，颜色藏青",
        "订单号 13800138000 已发货",
        "SKU 15912345678 补货中",
    ],
)
def test_prices_sizes_mixed_forms_and_product_codes_are_no_mobile(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("王阿姨家里座机 0571-88886666，她腿脚不便", "0571-88886666"),
        ("老客户宅电 (010) 62345678", "(010) 62345678"),
    ],
)
def test_a_private_persons_landline_hits(text: str, number: str) -> None:
    assert found(text) == [("固定电话", number, "review")]


@pytest.mark.parametrize(
    "text",
    [
        "客服电话：021-62345678（9:00-21:00）",
        "门店电话 0571-88886666 转 2",
        "家居系列 020-8888888 订购",
    ],
)
def test_a_shops_or_service_landline_does_not_hit(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "term", "account"),
    [
        ("问她要链接，卫星：tiantian_0909", "微信号", "tiantian_0909"),
        ("反馈来自 Ｑ：３３４４５５６６７", "QQ号", "３３４４５５６６７"),
        ("晒图的抖音号：momo_dress2021 是老顾客", "抖音号", "momo_dress2021"),
        ("中奖的 dy号 88996655 请私信", "抖音号", "88996655"),
        ("小红书号 5839201746 的宝子中了", "小红书号", "5839201746"),
        ("红薯号：amy_xhs88 恭喜", "小红书号", "amy_xhs88"),
        ("快手号 ks_lili2020 的姐妹", "快手号", "ks_lili2020"),
    ],
)
def test_slang_full_width_and_platform_accounts_hit(text: str, term: str, account: str) -> None:
    assert found(text) == [(term, account, "review")]


@pytest.mark.parametrize(
    "text",
    [
        "官方抖音号：hemline_official 每晚直播",
        "小红书搜索 Hemline官方旗舰店",
        "品牌小红书号 Hemline2026 同步上新",
        "抖音号：Hemline官方 每晚直播",
        "卫星定位 GPS 精准到米",
        "抖音直播间 20:00 开播",
    ],
)
def test_brand_accounts_and_platform_names_alone_do_not_hit(text: str) -> None:
    assert found(text) == []


def test_wxid_after_a_wechat_cue_is_one_hit() -> None:
    assert found("中奖者微信：wxid_k2j3h4g5f6，请留意") == [("微信号", "wxid_k2j3h4g5f6", "review")]


def test_full_width_email_hits_with_exact_offsets() -> None:
    text = "反馈人 ｌｉｌｙ＿ｃｈｅｎ＠１２６．ｃｏｍ 谢谢"
    assert found(text) == [("电子邮箱", "ｌｉｌｙ＿ｃｈｅｎ＠１２６．ｃｏｍ", "review")]


def test_full_width_letters_without_a_full_width_at_are_left_alone() -> None:
    assert found("ＶＩＰ 会员专享 ＮＥＷ 系列") == []
