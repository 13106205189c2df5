"""Personal information after the blind texts of session 18 (s18e, issue 18), with exact offsets.

WeChat cues written spaced (w x, V X, wei xin, 微 · 信) or as one character before a colon (薇：),
words and arrows between the cue and the id (微信找我👉, vx 加我：, 主页有 v ，加 …), ids with a
middle dot; digits in 叄/貮/兩 and mobile groups parted by middle dots or, after a phone cue,
commas; an ID number in uneven groups after its cue; an office tower's room (T3 塔 1506, B座1806)
given as someone's address. Collaborations (V x Hemline), V necklines, size formulas (W x L),
a company's or an event's tower address and digit rows without a cue pass. A room in a named
building (环球大厦 2203 室) is someone's address after a delivery or home cue; so is an estate
home written with dashes (阳光小区 3-2-501). No-break and thin spaces count as spaces; a lone V
before a plus is a WeChat cue. A text in traditional script is read in simplified script, the
hits keeping its own characters; so are enclosed letters (ⓋⓍ). A road and house number after a
personal address or delivery cue (寄到, 家住, 收件地址) need no city or district; Hong Kong and
Taiwan mobiles count with their country code, a shop's or service line does not; so do a buyer's
Wangwang or Xianyu account."""

from __future__ import annotations

import pytest

from tests.compliance.families import pii_spans as spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("断码卫衣找我 W X：momo_2025 发实拍", [("微信号", "momo_2025", "review")]),
        ("v . x 搜 tangtang_88 看买家秀", [("微信号", "tangtang_88", "review")]),
        ("Wei Xin hao：coco_dress09", [("微信号", "coco_dress09", "review")]),
        ("wei·xin：yuki2024 童装拼单", [("微信号", "yuki2024", "review")]),
        ("微信找我👉 nini_wardrobe 发细节图", [("微信号", "nini_wardrobe", "review")]),
        ("威信 加我：mia0707 备注冲锋衣", [("微信号", "mia0707", "review")]),
        ("简介有V，加 xiaoyu_1999 备注身高", [("微信号", "xiaoyu_1999", "review")]),
        ("想要链接的加薇：coco_1118", [("微信号", "coco_1118", "review")]),
        ("➕ 威 · 信：a n n a · 1 2 0 8", [("微信号", "a n n a · 1 2 0 8", "review")]),
        ("微信：yoyo·2026 拿团购价", [("微信号", "yoyo·2026", "review")]),
        ("老板手機 壹叄伍 貮肆陸捌 玖零壹叄", [("手机号", "壹叄伍 貮肆陸捌 玖零壹叄", "review")]),
        ("電話 幺三兩 四五六七 八九零一", [("手机号", "幺三兩 四五六七 八九零一", "review")]),
        ("急单请拨 1 5 9 · 2 1 8 4 · 7 3 6 0", [("手机号", "1 5 9 · 2 1 8 4 · 7 3 6 0", "review")]),
        (
            "手机号是一五九，二一八四，七三六零",
            [("手机号", "一五九，二一八四，七三六零", "review")],
        ),
        ("联系电话：159、2184、7360", [("手机号", "159、2184、7360", "review")]),
        (
            "身份证号 32058319 9602 295517 已登记",
            [("身份证号", "32058319 9602 295517", "review")],
        ),
        (
            "快递寄到上海市浦东新区陆家嘴金茂大厦 C 座 2203 就行",
            [("详细地址", "C 座 2203", "review")],
        ),
        ("获奖的周雨桐（杭州市西湖区黄龙时代 T2塔 1708）", [("详细地址", "T2塔 1708", "review")]),
        ("顾客地址：深圳市南山区科兴科学园 B栋 1105", [("详细地址", "B栋 1105", "review")]),
        ("快递放阳光小区 3-2-501 门口就行", [("详细地址", "阳光小区 3-2-501", "review")]),
        ("我家在绿城桂花苑2-1-1103室，周末来拿", [("详细地址", "绿城桂花苑2-1-1103室", "review")]),
        ("电话 139\u00a00571\u00a02288 晚上打", [("手机号", "139\u00a00571\u00a02288", "review")]),
        ("想要实拍 V➕ yoyo_0101", [("微信号", "yoyo_0101", "review")]),
        (
            "寄件資訊：廣州市天河區體育西路 191 號 5 棟 1203",
            [("详细地址", "廣州市天河區體育西路 191 號 5 棟 1203", "review")],
        ),
        (
            "收件人 鄭雅雯 電話 一八六，零零二三，四五六七",
            [("姓名", "鄭雅雯", "warn"), ("手机号", "一八六，零零二三，四五六七", "review")],
        ),
        (
            "身份證號碼 5101071978 0605 7623 已核對",
            [("身份证号", "5101071978 0605 7623", "review")],
        ),
        ("手機 壹參伍貳肆陸捌玖零壹參", [("手机号", "壹參伍貳肆陸捌玖零壹參", "review")]),
        ("衛星：momo_1208 私訊拿價", [("微信号", "momo_1208", "review")]),
        (
            "麻烦寄到学院路 30 号 5 号楼 302，谢谢",
            [("详细地址", "学院路 30 号 5 号楼 302", "review")],
        ),
        ("她家住苏州干将东路 1 号", [("详细地址", "苏州干将东路 1 号", "review")]),
        (
            "收件地址：南京 鼓楼 中山北路 18 号",
            [("详细地址", "南京 鼓楼 中山北路 18 号", "review")],
        ),
        ("ⓋⓍ：coco_0606 私聊拿图", [("微信号", "coco_0606", "review")]),
        ("🅦🅧 ruby2025 拼单", [("微信号", "ruby2025", "review")]),
        ("香港的客人 WhatsApp +852 6123 4567 留言", [("手机号", "+852 6123 4567", "review")]),
        ("台灣朋友請撥 +886-933-123-456", [("手机号", "+886-933-123-456", "review")]),
        ("截图里买家旺旺：tb_20261207 写着好评", [("旺旺号", "tb_20261207", "review")]),
        ("闲鱼号 coco_resell 在转卖我们的大衣", [("闲鱼号", "coco_resell", "review")]),
        ("她住在万科公寓 1502 房，下午才在家", [("详细地址", "万科公寓 1502 房", "review")]),
        ("麻烦寄到环球大厦 2203 室，谢谢", [("详细地址", "环球大厦 2203 室", "review")]),
    ],
)
def test_personal_details_are_found(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hemline V x Ami 联名卫衣今天开售",
        "牛仔裤尺码 W x L：29 x 32，偏小半码",
        "收纳袋 w x h：35 x 25 cm",
        "V领针织衫有米白和燕麦两色，加绒款另拍",
        "主页有V领毛衣的穿搭合集",
        "蔷薇：rose_01 色号，粉调偏冷",
        "轻微 · 信号弱的时候直播会卡",
        "叄件起批，兩件包郵，壹佰貳拾元",
        "尺码 159，2184，7360 是三个款的库存",
        "价格 1.38 1.59 2.64 7.3 元一米",
        "订单号 3205831996 0229 5517 的顾客请查看物流",
        "公司地址：上海市浦东新区陆家嘴金茂大厦 C 座 2203",
        "活动地点：杭州市西湖区黄龙时代 T2塔 1708 会议室",
        "品牌快闪活动在深圳市南山区科兴科学园 B栋 1105 举办",
        "款号 3-2-501，颜色 2-1-103 雾霾蓝",
        "办公地址：学院路 30 号，工作日 9 点到 6 点",
        "旺旺雪饼配色的卫衣，奶白加红",
        "官方淘宝账号：hemline_official，认准蓝 V",
        "香港門市電話 +852 2345 6789，營業至晚上十點",
        "官方客服 WhatsApp：+852 6123 4567",
        "港幣 HK$852，台幣 NT$886 9123",
        "活动地址：中山北路 18 号，凭券入场",
        "Ⓥ领毛衣和ⓋⒾⓅ专享价",
        "門市地址：台北市大安區忠孝東路四段 1 號 2 樓，歡迎試穿",
        "年終特賣，全場衛衣 8 折，參加活動請看尺碼表",
        "升级V+会员，全年包邮",
        "我们的工作室搬到了华星时代广场 1203 室",
        "公司地址：杭州市西湖区文三路华星时代广场 1203 室",
        "这款书房、卧室都能穿的家居服，302 房型样板间同款",
        "晒单：广州市天河区体育西路123号维多利广场A塔2806室 林晓燕 收",
    ],
)
def test_look_alikes_and_business_details_pass(text: str) -> None:
    hits = spans(text)
    if text.startswith("晒单"):  # the street address is the one hit; the tower belongs to it
        assert [term for term, _, _ in hits].count("详细地址") == 1
    else:
        assert hits == []
