"""Issue 18, session 18 (s18e): personal information and promotion markers (tune18-s18e-*).

New variants of the families fixed after the blind texts, not copies of them. Reviewed: a WeChat
id after a spaced or pinyin cue (w x, V X, wei xin, 微 · 信, 薇：), after words or an arrow that
send the reader to the writer (微信找我👉, vx 加我, 主页有 v ，加 …), or spelled with middle dots;
a mobile number in 叄/貮/兩, in spaced digits parted by middle dots, or in comma-parted groups
after a phone cue; an ID number in uneven groups after its cue; a customer's room in an office
tower; all of these in traditional script too. Passing: collaborations (Hemline V x 某品牌),
V necklines, W x L sizes, a company's or an event's tower address, digit rows without a phone or
ID cue, and promotion wording alone (info markers give no ad_* category)."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories


@pytest.mark.parametrize(
    "text",
    [
        "这批羽绒服尾货不走平台，w x：tangguo_77 私聊",
        "童装断码的看这里 V X 搜 ranran2019",
        "想拼单的姐妹 wei xin：lulu_kids 备注拼单",
        "WEI XIN hao: shanshan_88 发你冲锋衣实拍",
        "孕妇装有问题微信找我👉 mama_yoyo1 不用等客服",
        "主页有v ，加 qiqi_closet 帮你挑码",
        "防晒衣现货，加 薇：summer_0618 拿团长价",
        "私我 ➕ 微 · 信：k i k i · 9 9 0 1",
        "内衣尺码不会选？微信：nana·2025 一对一",
        "店长手機 壹叄伍 貮肆陸捌 玖零壹叄，急單直接打",
        "电话 1 8 6 · 0 0 2 3 · 4 5 6 7 随时问尺码",
        "联系电话一八六，零零二三，四五六七，晚上也接",
        "实名信息：身份证号 11010820 0107 080038",
        "上次中奖的周雨桐（杭州市西湖区黄龙时代 T2塔 1708）说卫衣很暖",
        "寄到北京市朝阳区望京SOHO T1 塔 2208，收件人写我",
        "幫顧客改地址：深圳市南山區科技園南路 18 號 2 棟 301，電話 139 0571 2288",
        "團長衛星：lulu_closet88，拼單私聊",
        "中獎名單：林美玲（尾號 2288），請私訊客服",
    ],
)
def test_personal_information_is_reviewed(text: str) -> None:
    assert "pii" in categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Hemline V x Ami 联名卫衣，今晚八点开售",
        "这条牛仔裤 W x L 是 28 x 30，腰偏小",
        "V领开衫加绒款到了，主页有V领合集",
        "蔷薇：rose_01 是今年的新色号",
        "尺码表 160，2100，3400 分别是身高、库存、销量",
        "公司地址：北京市朝阳区望京SOHO T1 塔 2208，欢迎来访",
        "新品发布会地点：上海市浦东新区陆家嘴金茂大厦 C 座 2203 会议厅",
        "订单编号 1101082001 0708 0038 已发货",
        "限时折扣 3 小时，满 2 件 8 折，第二件半价，袜子包邮",
        "直播间秒杀价 99 元，库存 300 件，拍完恢复 199 元",
        "門市電話 0571-8706 6128，營業時間 10:00-22:00",
        "年終特賣｜全場羽絨服 7 折，參加活動的款式見圖",
    ],
)
def test_look_alikes_and_promotions_pass(text: str) -> None:
    found = categories(text)
    assert "pii" not in found, text
    assert not {c for c in found if c.startswith("ad_")}, (text, found)
