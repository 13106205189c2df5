"""Personal information after the blind texts of session 17 (h175, issue 18), with exact offsets.

The satellite emoji stands for 卫星 (WeChat); a name and 收 after an address in an office tower or
a mall make it a parcel label; a named person's home district is where they live. Ids that call
themselves official and return addresses written as an instruction are the brand's own."""

from __future__ import annotations

import pytest

from tests.compliance.families import pii_spans as spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("拼单的加🛰️：zoe_wardrobe88", [("微信号", "zoe_wardrobe88", "review")]),
        ("🛰 amy2026fashion 私聊", [("微信号", "amy2026fashion", "review")]),
        ("尾货加我绿色泡泡：yoyo_dress22", [("微信号", "yoyo_dress22", "review")]),
        ("💚泡泡 mia_closet01 发实拍", [("微信号", "mia_closet01", "review")]),
        ("VX➕ yoyo_dress 备注尺码", [("微信号", "yoyo_dress", "review")]),
        ("想要实拍加我的微 信：lily_0923", [("微信号", "lily_0923", "review")]),
        ("薇·信 amy_2026wear 看细节", [("微信号", "amy_2026wear", "review")]),
        ("或者 Ｖ：ｘｉａｏｍｅｉ０９２３", [("微信号", "ｘｉａｏｍｅｉ０９２３", "review")]),
        (
            "单子上写着：杭州市上城区解放东路 29 号来福士广场 T2 1203 室 周晓婷 收",
            [("详细地址", "杭州市上城区解放东路 29 号", "review")],
        ),
        (
            "买家王思雨，今年 28 岁，家住江北区。",
            [("姓名", "王思雨", "warn"), ("住址", "家住江北区", "review")],
        ),
    ],
)
def test_personal_details_are_found(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "太空🛰️系列童装，胸前是反光卫星印花",
        "小红书号：hemline_official，每周三上新",
        "微信：hm_kefu01（官方售后）",
        "退货请寄：浙江省杭州市余杭区仓前街道良睦路 8 号 3 号仓 售后组 收",
        "售后：浙江省杭州市余杭区良睦路 8 号，请勿到付",
        "我家住在萧山区，周末去门店试穿",
        "绿色泡泡袖连衣裙，吹泡泡一样蓬",
        "轻微 信号不好的地方，直播可能会卡",
        "展会地址：上海市青浦区崧泽大道 333 号国家会展中心 5.1 号馆",
    ],
)
def test_business_details_and_look_alikes_pass(text: str) -> None:
    assert spans(text) == []
