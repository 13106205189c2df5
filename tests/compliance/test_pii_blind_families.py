"""Personal information in the forms h154's blind texts revealed (issue 18): each family hits in
new wordings, and the same words in ordinary copy do not."""

from __future__ import annotations

import pytest

from app.compliance.pii import find_pii


def found(text: str) -> list[tuple[str, str, str]]:
    """(term, matched text, severity) of every hit but plain name warnings; offsets checked."""
    hits = find_pii(text)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
    return sorted((hit.term, hit.text, hit.severity) for hit in hits if hit.term != "姓名")


def flagged(text: str) -> bool:
    return any(hit.severity == "review" for hit in find_pii(text))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # radio readings of digits: 两 2, 洞 0, 拐 7, 勾 9
        ("有事打老周：幺三九 洞洞两拐 勾八六五", "幺三九 洞洞两拐 勾八六五"),
        ("手机 186洞两拐三四五勾八", "186洞两拐三四五勾八"),
        # a line break inside a spaced number
        ("收件 王磊 158 2231\n6790", "158 2231\n6790"),
    ],
)
def test_mobiles_in_radio_digits_and_across_lines_hit(text: str, number: str) -> None:
    assert ("手机号", number, "review") in found(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("号码：腰三久 要二散四 舞溜七吧", "腰三久 要二散四 舞溜七吧"),
        (
            "急事打电话 yao ba liu, er yi ling jiu, ba qi liu wu",
            "yao ba liu, er yi ling jiu, ba qi liu wu",
        ),
        ("店长手机 l86-2l09-O765 周末也在", "l86-2l09-O765"),
        ("电话是135开头，中间两个0123，尾号4567", None),
        ("拨打 159 开头 中间 2233 尾数 8890 找小王", "159 开头 中间 2233 尾数 8890"),
    ],
)
def test_spelled_mobiles_after_a_phone_cue_hit(text: str, number: str | None) -> None:
    hits = found(text)
    if number is None:
        assert not any(term == "手机号" for term, _, _ in hits)  # a word between: not a number
    else:
        assert ("手机号", number, "review") in hits


@pytest.mark.parametrize(
    "text",
    [
        "衣衣一一要要思思，舞吧期待你们来",
        "一三五上新，二四六直播，周日休息。",
        "幺妹今天穿的两件套是老款，洞洞鞋也是她的。",
        "Hello Oslo lol 2026 new in",
        "yi jian san chuan, si ji ke da 的百搭款",
        "电话咨询：400 820 6688",
        "今日销量\n1386\n1234\n152",
        "价格\n1299\n899\n599",
    ],
)
def test_ordinary_words_are_no_spelled_mobile(text: str) -> None:
    assert not any(term == "手机号" for term, _, _ in found(text))


@pytest.mark.parametrize(
    ("text", "term", "number"),
    [
        (
            "证件号 ３１０１１５１９７５０８１１１０９Ｘ 请核对",
            "身份证号",
            "３１０１１５１９７５０８１１１０９Ｘ",
        ),
        ("登记表上的证件号 450103\n19920523\n103X", "身份证号", "450103\n19920523\n103X"),
        ("收款：4367 4200 🌟 1122 3344 555 户名 刘洋", "银行卡号", "4367 4200 🌟 1122 3344 555"),
    ],
)
def test_ids_and_cards_in_full_width_split_or_emoji_forms_hit(
    text: str, term: str, number: str
) -> None:
    assert (term, number, "review") in found(text)


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("加她维信：mumu_closet 备注尺码", "mumu_closet"),
        ("微芯 xiaotao1990 拉你进群", "xiaotao1990"),
        ("私人vx：l i l y _ 2 0 2 4", "l i l y _ 2 0 2 4"),
        ("团长徽信 tuanzhang_88", "tuanzhang_88"),
    ],
)
def test_wechat_homophones_and_spelled_ids_hit(text: str, account: str) -> None:
    assert ("微信号", account, "review") in found(text)


@pytest.mark.parametrize("text", ["抠抠：34671289 有事找她", "她的Q号 34671289"])
def test_qq_homophone_and_q_number_cue_hit(text: str) -> None:
    assert ("QQ号", "34671289", "review") in found(text)


@pytest.mark.parametrize(
    "text",
    ["思维信息化的供应链", "微芯片级别的精细车线", "官方维信客服：hemline_service"],
)
def test_wechat_homophones_without_a_personal_id_do_not_hit(text: str) -> None:
    assert not flagged(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("韵达 4318927765021 收件人 冯晓光，麻烦注意查收", "4318927765021"),
        ("发货明细\n罗佳 京东 JDX0012345678901\n", "JDX0012345678901"),
        ("极兔单号 JT5012345678901 徐敏收", "JT5012345678901"),
    ],
)
def test_a_tracking_number_with_a_full_name_hits(text: str, number: str) -> None:
    assert ("快递单号", number, "review") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "物流查询：中通 78312456093815，签收后有问题找客服。",
        "单号 YT7501928364517 的包裹因降雪延误，预计周三送达。",
        "顺丰单号 SF1408762395127，陆续发出，请耐心等待。",
    ],
)
def test_a_tracking_number_alone_does_not_hit(text: str) -> None:
    assert not flagged(text)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("手机尾号 2231 的宋佳姐，你的外套改好了", "手机尾号"),
        ("上海市黄浦区复兴中路 1190 弄 5 号 302 是她家", "详细地址"),
        ("人在静安区昌平路 68 弄 12 号，附近的姐妹可以约", "详细地址"),
        ("住东区 3 楼 308 寝室的学妹订了两件", "详细地址"),
        ("模特是园长的女儿，星星幼儿园中二班 许乐乐", "学校班级"),
        ("她们班（三年级一班）的赵一鸣穿的就是这件", "学校班级"),
        ("外孙女（周可馨，2019 年 7 月 3 日出生）穿 110 码刚好", "出生日期"),
        ("张奶奶的电话是 0 1 0 - 6 2 3 4 5 6 7 8（家里座机）", "固定电话"),
    ],
)
def test_tails_lanes_dorms_classes_birthdays_and_home_lines_hit(text: str, term: str) -> None:
    assert term in {hit_term for hit_term, _, severity in found(text) if severity == "review"}


@pytest.mark.parametrize(
    "text",
    [
        "手机尾号 5678 的顾客，本周积分已到账",
        "退货地址：浙江省杭州市余杭区良渚街道 8 号 Hemline 仓储中心，收件人：售后部",
        "江苏省苏州市工业园区星湖街 328 号 Hemline 公司总部欢迎参观",
        "品牌于 2016 年 3 月 1 日在杭州创立",
        "新规定 2026 年 12 月 1 日生效",
        "星星幼儿园中二班的小朋友来参观工厂",
        "三年级一班的高个子男生穿 150 码",
        "教学楼 3 楼 301 教室",
    ],
)
def test_the_same_words_in_ordinary_copy_do_not_hit(text: str) -> None:
    assert not flagged(text)
