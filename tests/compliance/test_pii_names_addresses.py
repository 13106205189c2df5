"""Names and addresses in PII detection (issue 19 item 4): hits with exact offsets, and passes."""

from __future__ import annotations

import pytest

from app.compliance.pii import find_addresses, find_names, find_pii, mask_name


def spans(text: str) -> list[tuple[str, int, int, str]]:
    hits = find_pii(text)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
    return sorted((hit.term, hit.start, hit.end, hit.text) for hit in hits)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("收货地址：浙江省杭州市西湖区文三路90号3栋201室", "浙江省杭州市西湖区文三路90号3栋201室"),
        ("寄到上海市浦东新区世纪大道100号就好", "上海市浦东新区世纪大道100号"),
        ("北京市朝阳区建国路88号SOHO现代城", "北京市朝阳区建国路88号"),
        ("广东省深圳市南山区科技园南路18号", "广东省深圳市南山区科技园南路18号"),
        ("住在杭州市西湖区文三路90号附近", "杭州市西湖区文三路90号"),
        (
            "新疆维吾尔自治区乌鲁木齐市天山区解放北路12号",
            "新疆维吾尔自治区乌鲁木齐市天山区解放北路12号",
        ),
        ("地址 成都市锦江区春熙路8号", "成都市锦江区春熙路8号"),
    ],
)
def test_mainland_addresses_hit_with_exact_offsets(text: str, address: str) -> None:
    (hit,) = find_addresses(text)
    assert hit.text == address and text[hit.start : hit.end] == address
    assert (hit.term, hit.category, hit.severity) == ("详细地址", "pii", "review")


def test_an_address_is_masked_to_its_district() -> None:
    (hit,) = find_addresses("杭州市西湖区文三路90号")
    assert hit.suggestion.startswith("如需展示请脱敏为 杭州市西湖区****")


@pytest.mark.parametrize(
    "text",
    [
        "云南白药联名款今天上新",
        "北京时间晚上 8 点开抢",
        "新疆棉 T 恤，亲肤透气",
        "上海外滩拍的这组大片",
        "北京路步行街店周末有活动",
        "杭州西湖边的秋天，穿一件驼色大衣",
        "双11号外：上海市的朋友们注意了",
        "第 3 号色是雾霾蓝",
        "广东人都爱的凉茶色",
        "门店地址：上海市静安区南京西路1266号，欢迎来试穿",
        "我们的旗舰店位于杭州市西湖区文三路90号",
        "公司总部：深圳市南山区科技园南路18号",
    ],
)
def test_place_names_in_product_copy_do_not_hit(text: str) -> None:
    assert find_addresses(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("收件人：王小明，电话见私信", "王小明"),
        ("联系人 李娜", "李娜"),
        ("本期获奖者欧阳娜娜，恭喜！", "欧阳娜娜"),
        ("中奖者为陈静，请私信客服", "陈静"),
        ("买家张三说很好穿", "张三"),
        ("顾客王芳穿着这件大衣", "王芳"),
        ("收货人:赵丽颖", "赵丽颖"),
    ],
)
def test_personal_names_after_a_cue_hit_with_exact_offsets(text: str, name: str) -> None:
    (hit,) = find_names(text)
    assert hit.text == name and text[hit.start : hit.end] == name
    assert (hit.term, hit.category, hit.severity) == ("姓名", "pii", "warn")
    assert hit.suggestion.startswith(f"如需展示请脱敏为 {mask_name(name)}")


@pytest.mark.parametrize(
    "text",
    [
        "本周买家秀合集",
        "买家反馈很好",
        "客户服务时间 9:00-21:00",
        "联系人李女士",  # a surname with a title identifies nobody
        "获奖者名单下周公布",
        "顾客至上",
        "收件人请核对地址",
        "王小明喜欢这件衬衫",  # a name without a cue is not looked for
    ],
)
def test_cues_without_a_name_and_names_without_a_cue_do_not_hit(text: str) -> None:
    assert find_names(text) == []


def test_masking_keeps_the_surname() -> None:
    assert mask_name("王小明") == "王**"
    assert mask_name("欧阳娜娜") == "欧阳**"
    assert mask_name("李娜") == "李*"


def test_a_name_the_authorisation_allows_showing_gives_no_hit() -> None:
    text = "获奖者王小明，收件人李娜"
    assert [hit.text for hit in find_pii(text)] == ["王小明", "李娜"]
    assert [hit.text for hit in find_pii(text, allowed_names=["王小明"])] == ["李娜"]


def test_one_text_with_every_kind_lists_each_with_its_offsets() -> None:
    text = "收件人王小明，电话13812345678，地址杭州市西湖区文三路90号"
    assert spans(text) == [
        ("姓名", 3, 6, "王小明"),
        ("手机号", 9, 20, "13812345678"),
        ("详细地址", 23, 35, "杭州市西湖区文三路90号"),
    ]


def test_without_names_drops_only_the_allowed_name_and_takes_the_verdict_again() -> None:
    from app.compliance.model import make_report
    from app.compliance.pii import without_names

    report = make_report(find_pii("获奖者王小明"), 1)
    assert report.verdict == "warn"

    left = without_names(report, ["王小明"])

    assert (left.verdict, left.hits, left.terms) == ("pass", (), ())
    both = make_report(find_pii("获奖者王小明，地址杭州市西湖区文三路90号"), 1)
    assert without_names(both, ["王小明"]).verdict == "review"
    assert without_names(both, ["李娜"]) is both


def test_the_windowed_address_scan_finds_what_a_full_scan_finds() -> None:
    """find_addresses only runs the pattern near each "<digit>号" (issue 18 item 3): on random
    texts made of address parts, cues, Chinese filler and numbers it yields exactly the matches
    of a full ``finditer`` — longest addresses, look-behinds at window edges, adjacent ones."""
    import random

    from app.compliance.pii import _ADDRESS, _address_matches

    parts = [
        "新疆维吾尔自治区", "内蒙古自治区", "浙江省", "北京", "杭州市", "乌鲁木齐市",
        "恩施土家族苗族自治州", "西湖区", "浦东新区", "某某县", "留下街道", "古荡镇",
        "文三路", "世纪大道", "解放北路", "南锣鼓巷", "胡同", "12345-67890号", "90号",
        "8号", "123号楼", "3栋", "12单元", "201室", "地址", "寄到", "住在", "：", " ",
        "A", "的", "很好看", "这款连衣裙", "7", "号", "店",
    ]  # fmt: skip
    rng = random.Random(18)
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(1, 40)))
        full = [(m.start(), m.end()) for m in _ADDRESS.finditer(text)]
        assert [(m.start(), m.end()) for m in _address_matches(text)] == full, text
        found += len(full)
    assert found > 300  # the texts do hold addresses


def test_a_personal_address_near_a_shop_word_elsewhere_still_hits() -> None:
    """Only a business word just before the address exempts it: a customer's address in a
    post that names the shop further back is still personal information."""
    text = "门店今天上新了好多款式，顺丰寄到杭州市西湖区文三路90号的顾客请注意查收"
    assert spans(text) == [("详细地址", 16, 28, "杭州市西湖区文三路90号")]
    assert spans("寄到公司：上海市浦东新区世纪大道100号") == [
        ("详细地址", 5, 20, "上海市浦东新区世纪大道100号")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "上海来福士店开业啦！地址：上海市黄浦区西藏中路268号来福士广场2楼，欢迎来逛",
        "新店开张，地址：杭州市西湖区文三路90号",
        "分店地址：成都市锦江区春熙路18号",
        "地址：杭州市拱墅区湖墅南路88号万象城商场3楼",
        "本周六见！南京市玄武区中山路18号德基广场B1层",
    ],
)
def test_a_store_opening_or_a_mall_address_is_a_business_address(text: str) -> None:
    """Issue 18 (h146): a store-opening notice names the shop's address, and an address that runs
    on into a shopping venue (广场, 商场, 购物中心 …) is a shop's, unless a delivery or home cue
    stands before it."""
    assert find_addresses(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "寄到杭州市西湖区文三路90号万达广场旁边",
        "请送到上海市黄浦区西藏中路268号来福士广场2楼",
        "我住在上海市黄浦区西藏中路268号，楼下是商场",
        "收货地址：上海市黄浦区西藏中路268号来福士广场",
    ],
)
def test_a_delivery_or_home_address_near_a_mall_still_hits(text: str) -> None:
    assert [hit.term for hit in find_addresses(text)] == ["详细地址"]


# --- issue 18, h147: forms found by blind-written texts (tune18-s14e-*) -------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "寄到 安徽省阜阳市临泉县城关镇李庄村二组25号 谢谢",
            "安徽省阜阳市临泉县城关镇李庄村二组25号",
        ),
        ("地址：杭州市西湖区 文三路 90 号 3 单元 502", "杭州市西湖区 文三路 90 号 3 单元 502"),
        ("收货地址上海市徐汇区漕溪北路88号", "上海市徐汇区漕溪北路88号"),
    ],
)
def test_village_group_spaced_and_cue_joined_addresses_hit(text: str, address: str) -> None:
    assert [hit.text for hit in find_addresses(text)] == [address]


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("寄到北区宿舍 8栋 312 寝室 小林收", "北区宿舍 8栋 312 寝室"),
        ("送到 5舍 207，谢谢", "5舍 207"),
        ("家住团结湖 6 号楼 3 门 402", "6 号楼 3 门 402"),
        ("翠苑花园 2栋1单元 1101 王先生", "翠苑花园 2栋1单元 1101"),
    ],
)
def test_dormitories_gates_and_spaced_rooms_hit(text: str, home: str) -> None:
    assert [hit.text for hit in find_pii(text) if hit.term == "详细地址"] == [home]


@pytest.mark.parametrize(
    "text",
    ["5栋 120 平米的新仓库", "3栋 2026 年完工", "门店在 3栋 108 号商铺", "全场 2 件 8 折"],
)
def test_building_numbers_with_units_are_no_home(text: str) -> None:
    assert [hit for hit in find_pii(text) if hit.term == "详细地址"] == []


def test_a_class_written_with_a_bracketed_number_hits_with_the_childs_name() -> None:
    text = "小模特 周子墨，育才小学二（1）班"
    assert spans(text) == [
        ("姓名", 4, 7, "周子墨"),
        ("学校班级", 8, 17, "育才小学二（1）班"),
    ]


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("车主 李先生 浙A·8B123 来店取货", "浙A·8B123"),
        ("川A 12345 的车主", "川A 12345"),
        ("京AD12345 车主", "京AD12345"),
    ],
)
def test_licence_plates_hit(text: str, plate: str) -> None:
    assert [(hit.term, hit.text) for hit in find_pii(text)] == [("车牌号", plate)]


@pytest.mark.parametrize("text", ["黑T 2件包邮", "新A1234系列", "云S 码偏小", "粤B 停车场"])
def test_province_letter_words_are_no_plate(text: str) -> None:
    assert [hit for hit in find_pii(text) if hit.term == "车牌号"] == []


def test_full_name_before_a_masked_mobile_is_a_review_name_hit() -> None:
    text = "获奖名单：赵敏 186****2345，钱** 139****0000"
    assert [(h.term, h.text, h.severity) for h in find_pii(text)] == [("姓名", "赵敏", "review")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("中奖的是 吴静，手机尾号 3344", "吴静"),
        ("恭喜尾号 8899 的 郑敏", "郑敏"),
        ("王芳手机尾号5678", "王芳"),
    ],
)
def test_a_tail_number_with_a_full_name_hits(text: str, name: str) -> None:
    terms = {(h.term, h.severity) for h in find_pii(text)}
    assert ("手机尾号", "review") in terms
    assert [h.text for h in find_pii(text) if h.term == "姓名"] == [name]


@pytest.mark.parametrize(
    "text", ["订单尾号 5678 的顾客请查收短信", "中奖用户 张** 手机尾号 1234", "尾号 0001 的会员"]
)
def test_a_tail_number_without_a_full_name_does_not_hit(text: str) -> None:
    assert find_pii(text) == []


def test_a_plate_shape_in_a_text_without_a_car_is_no_plate() -> None:
    assert find_pii("新款编号 苏E12345 已上架") == []
