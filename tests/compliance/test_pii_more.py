"""Personal information written to slip past the number patterns (issue 18), and look-alikes.

Evasions: digits as keycap emoji, circled, parenthesised, full-width, 大写 or mixed scripts, odd
separators, numbers split over lines or over 前三位/后八位, spaced ID and card numbers, a private
person's name next to a phone, a home address inside a residential estate, an unmasked winner
list. Traps: order numbers, SKUs, prices, dates, sizes, hotlines, masked phones, tracking numbers.
"""

from __future__ import annotations

import pytest

from app.compliance.pii import find_pii

KEYCAP = "\ufe0f\u20e3"


def keycaps(digits: str) -> str:
    """1️⃣3️⃣8️⃣…: each digit as a keycap emoji."""
    return "".join(d + KEYCAP for d in digits)


def spans(text: str) -> list[tuple[str, str]]:
    """(term, matched text) of every PII hit, in text order; offsets checked against the text."""
    hits = sorted(find_pii(text), key=lambda hit: hit.start)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
    return [(hit.term, hit.text) for hit in hits]


PHONE = "手机号"
EVASIONS = [
    pytest.param(
        f"有事call我 {keycaps('13812345678')}", [(PHONE, keycaps("13812345678"))], id="keycap"
    ),
    pytest.param(
        "电话 1\u20e33\u20e38\u20e31\u20e32\u20e33\u20e34\u20e35\u20e36\u20e37\u20e38\u20e3",
        [(PHONE, "1\u20e33\u20e38\u20e31\u20e32\u20e33\u20e34\u20e35\u20e36\u20e37\u20e38\u20e3")],
        id="keycap-without-selector",
    ),
    pytest.param(
        f"加我 {keycaps('138')} {keycaps('1234')} {keycaps('5678')}",
        [(PHONE, f"{keycaps('138')} {keycaps('1234')} {keycaps('5678')}")],
        id="keycap-spaced",
    ),
    pytest.param("私聊号码①③⑧①②③④⑤⑥⑦⑧", [(PHONE, "①③⑧①②③④⑤⑥⑦⑧")], id="circled"),
    pytest.param("电话⑴⑶⑼⑴⑵⑶⑷⑸⑹⑺⑻找我", [(PHONE, "⑴⑶⑼⑴⑵⑶⑷⑸⑹⑺⑻")], id="parenthesised"),
    pytest.param("打❶❸❽⓿⓿❶❸❽⓿⓿⓿", [(PHONE, "❶❸❽⓿⓿❶❸❽⓿⓿⓿")], id="negative-circled"),
    pytest.param("联系 𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", [(PHONE, "𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖")], id="math-bold"),
    pytest.param(
        "手机 １３８/１２３４/５６７８", [(PHONE, "１３８/１２３４/５６７８")], id="fullwidth-slash"
    ),
    pytest.param("电话壹叁捌 1234 伍陆柒捌", [(PHONE, "壹叁捌 1234 伍陆柒捌")], id="daxie-mixed"),
    pytest.param("打我 1三8一2三4五6七8", [(PHONE, "1三8一2三4五6七8")], id="alternating-scripts"),
    pytest.param("号码138①②③④伍陆柒捌", [(PHONE, "138①②③④伍陆柒捌")], id="three-scripts"),
    pytest.param("微信同号 138_1234_5678", [(PHONE, "138_1234_5678")], id="underscore"),
    pytest.param("电话 138·1234·5678", [(PHONE, "138·1234·5678")], id="middle-dot"),
    pytest.param("tel 138 - 1234 - 5678", [(PHONE, "138 - 1234 - 5678")], id="spaced-hyphen"),
    pytest.param("电话 138—1234—5678", [(PHONE, "138—1234—5678")], id="em-dash"),
    pytest.param("电话 138丨1234丨5678", [(PHONE, "138丨1234丨5678")], id="vertical-stroke"),
    pytest.param(
        "电话 138\u200b1234\u200b5678", [(PHONE, "138\u200b1234\u200b5678")], id="zero-width"
    ),
    pytest.param("手机：\n138\n1234\n5678\n随时", [(PHONE, "138\n1234\n5678")], id="over-lines"),
    pytest.param(
        "手机前三位138，后八位12345678",
        [(PHONE, "138，后八位12345678")],
        id="split-front-back",
    ),
    pytest.param(
        "号码前3位是139 后8位是8765 4321",
        [(PHONE, "139 后8位是8765 4321")],
        id="split-digits-in-words",
    ),
    pytest.param(
        "身份证 3301 0619 8805 1234 19",
        [("身份证号", "3301 0619 8805 1234 19")],
        id="id-in-fours",
    ),
    pytest.param(
        "证件号330 106 1988 0512 3419 已登记",
        [("身份证号", "330 106 1988 0512 3419")],
        id="id-odd-groups",
    ),
    pytest.param(
        "身份证：４４０３０４１９９００３０７３０１６",
        [("身份证号", "４４０３０４１９９００３０７３０１６")],
        id="id-fullwidth",
    ),
    pytest.param(
        "转到 6228.4800.1234.5678.903 就行",
        [("银行卡号", "6228.4800.1234.5678.903")],
        id="card-dots",
    ),
    pytest.param(
        "卡号 6217 0012 3456 7890 122 户名本人",
        [("银行卡号", "6217 0012 3456 7890 122")],
        id="card-in-fours",
    ),
    pytest.param(
        f"打款 {keycaps('6230581234567897')}",
        [("银行卡号", keycaps("6230581234567897"))],
        id="card-keycaps",
    ),
    pytest.param(
        "中奖名单：李娜 13812345678、王芳 13987654321",
        [("姓名", "李娜"), (PHONE, "13812345678"), ("姓名", "王芳"), (PHONE, "13987654321")],
        id="winner-list",
    ),
    pytest.param(
        "恭喜 @张伟 ①③⑨⑧⑦⑥⑤④③②① 联系客服领奖",
        [("姓名", "张伟"), (PHONE, "①③⑨⑧⑦⑥⑤④③②①")],
        id="winner-circled",
    ),
    pytest.param(
        "寄给陈静：阳光小区3栋2单元501室",
        [("姓名", "陈静"), ("详细地址", "阳光小区3栋2单元501室")],
        id="estate-address",
    ),
    pytest.param(
        "住在翠苑花园12幢1203室的宝子",
        [("详细地址", "翠苑花园12幢1203室")],
        id="estate-address-after-cue",
    ),
]

TRAPS = [
    "订单号 20261206138123456789 已发货",
    "订单编号：2026 1206 1381 2345",
    "货号 HM2026-13812 颜色 138 号",
    "条码 6901234567892",
    "到手价¥138.00，原价¥1,380，立省¥1,242",
    "2026.12.06 20:00 开抢，2026-12-12 截止",
    "尺码 155/80A 160/84A 165/88A 170/92A",
    "身高 165cm 体重 50kg 胸围 84 腰围 66 臀围 90",
    "客服热线 400-820-3344，售后 800-820-8820",
    "门店电话 0571-87654321 营业时间 10:00-22:00",
    "中奖用户 138****5678、139****4321 请查收",
    "中奖名单：李** 138****5678，王* 139****1234",
    "消费者投诉请拨打12315",
    "顺丰单号 SF1234567890123，中通 75312345678901",
    "官方微信：HemlineOfficial，公众号搜 Hemline穿搭",
    "①面料柔软 ②版型宽松 ③不起球 ④可机洗",
    "1️⃣选码 2️⃣下单 3️⃣晒图 4️⃣返券",
    "定价壹佰叁拾捌元整",
    "限量 1380 件，已售 12345 件，满300减30",
    "第一二三排模特分别穿 S M L 码",
]


@pytest.mark.parametrize(("text", "expected"), EVASIONS)
def test_evasions_hit_with_exact_offsets(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize("text", TRAPS)
def test_look_alikes_do_not_hit(text: str) -> None:
    assert spans(text) == []


def test_normalised_mobile_is_masked_as_plain_digits() -> None:
    (hit,) = find_pii(f"电话{keycaps('13812345678')}")
    assert "138****5678" in hit.suggestion


def test_keycap_hit_offsets_cover_the_whole_emoji() -> None:
    (hit,) = find_pii(f"电话{keycaps('13812345678')}！")
    assert (hit.start, hit.end) == (2, 2 + 11 * 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王女士 13812345678", [(PHONE, "13812345678")]),
        ("门店在万达广场3栋201室", []),
        ("收件人：王小明 13812345678", [("姓名", "王小明"), (PHONE, "13812345678")]),
    ],
)
def test_titles_shops_and_cued_names_are_not_doubled(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert spans(text) == expected


# A child named with a school class, a named person's home without a house number, and a name
# running into its title (issue 18, s13/h138).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "童装试穿小模特：王子涵（8岁，实验小学二年级3班），谢谢家长支持！",
            [("姓名", "王子涵"), ("学校班级", "实验小学二年级3班")],
        ),
        ("小模特李一一，初二(1)班", [("姓名", "李一一"), ("学校班级", "初二(1)班")]),
        ("我家女儿陈果果，阳光小学三年级", [("姓名", "陈果果"), ("学校班级", "阳光小学三年级")]),
        ("模特王可，身高一米二，幼儿园大班", [("姓名", "王可"), ("学校班级", "幼儿园大班")]),
        (
            "本期封面模特是老顾客赵敏女士，她就住在杭州文三路那栋蓝色小楼里。",
            [("姓名", "赵敏"), ("住址", "住在杭州文三路")],
        ),
        (
            "买家周婷，家住滨江区江南花园，常来店里",
            [("姓名", "周婷"), ("住址", "家住滨江区江南花园")],
        ),
    ],
)
def test_a_named_child_class_and_a_named_home(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "实验小学二年级3班的小朋友们来店里参观",
        "高一(3)班的同学们穿校服拍毕业照",
        "张三，高一点的姐妹选L码",
        "身高一米二的小朋友，大班穿120",
        "穿搭分享：大班小朋友的秋季穿搭",
        "我住在文三路附近，周末常逛这家店",
        "老顾客赵敏女士。住在文三路的朋友可以来店里坐坐",  # another sentence
        "联系人李女士，住在哪里都包邮",
    ],
)
def test_classes_and_homes_without_a_named_person_do_not_hit(text: str) -> None:
    assert [term for term, _ in spans(text) if term in ("学校班级", "住址")] == []


def test_a_name_stops_before_its_title() -> None:
    assert spans("老顾客赵敏女士") == [("姓名", "赵敏")]
    assert spans("获奖者刘洋先生") == [("姓名", "刘洋")]
