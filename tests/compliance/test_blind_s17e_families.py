"""Issue 18, session 17 (h175): undisclosed ads and personal information (tune18-s17e-*).

New variants of the families fixed after the blind texts, not copies of them: a label-form
disclosure (本条为合作, 和品牌合作的一期, 赞助) lets the purchase path through, while a denial of
sponsorship or a passing 合作了 does not; "打广告" in a denial is no 广告 label; 不恰, 私发,
自来水安利 and 主页蓝字 are denials and purchase paths; a note that there is no link (不用问链接,
已下架) or a 科普 piece passes. Personal information: the satellite emoji for WeChat, a name and
收 after an address in a tower or mall, a named customer's home district; the brand's own ids
(*_official, guanfang, kefu) and return addresses written as an instruction pass."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories


@pytest.mark.parametrize(
    "text",
    [
        "只是随手安利，一点都不恰～同款戳评论区链接",
        "完全不恰！这条灯芯绒裤子链接放评论区了",
        "真不恰，想要的评论区留“同款”我私发你",
        "想要店名的姐妹评论区扣链接，我私发店名",
        "自来水来安利一件摇粒绒，同款在我主页店铺",
        "品牌没找我打广告哈，真心推荐，链接放评论区",
        "这家没找我打过广告，纯粹回购，链接放评论区",
        "同款在主页蓝字，戳进去就是",
        "没有任何品牌赞助，同款链接在评论区",
        "非品牌赞助，自己买的，小黄车有同款",
        "最近合作了一个国货品牌，链接放评论区啦",
        "這篇不是業配喔，自己買的，連結在留言",
        "没接商单，纯自用，同款在小黄车",
        "冇广告喔，自己买的，同款链接放评论区",
        "这篇真不是恰的，同款链接在评论区",
    ],
)
def test_undisclosed_ads_are_reviewed(text: str) -> None:
    assert "ad_disclosure" in categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "本条为合作｜三合一冲锋衣，链接在评论区",
        "和海姆合作的一期视频，同款在小黄车",
        "合作｜感谢海姆寄来的卫衣，同款在主页橱窗",
        "感谢海姆赞助本期，同款链接在评论区",
        "本期视频为合作内容，卫衣点击下方商品卡可购买",
        "本篇为品牌合作，同款链接在评论区",
        "这条是商业合作，同款在主页橱窗",
        "商单｜感谢海姆，羽绒服链接在评论区",
        "【合作】这期是和海姆一起做的，同款在橱窗",
        "品牌官方账号｜新品上架，点击下方商品卡购买",
        "小程序会员区无广告弹窗，穿搭合集每周更新",
        "提醒：没有合作过的账号请勿冒用海姆的名义带货",
        "不用问链接啦，这件是前年买的，早就下架了",
        "这篇不是广告，是一篇科普：冲锋衣的防水指数怎么看",
        "这个配色不恰当的话会显黑，选米色更稳",
        "尺码问题可以私发客服，我们一小时内回复",
        "安利一个小技巧：羊毛衫用自来水冷水手洗就行",
    ],
)
def test_disclosed_or_pathless_posts_pass(text: str) -> None:
    assert "ad_disclosure" not in categories(text), (text, categories(text))


@pytest.mark.parametrize(
    "text",
    [
        "想团购的加🛰 lily_2026wear",
        "尾单不挂链接，🛰️：mm_closet_88",
        "面单信息：深圳市南山区科技园路1号海岸城购物中心 2 座 1801 室 刘子涵女士 收",
        "买家 李梦瑶，今年 35 岁，家住西湖区，是我们的老客户",
        "图中的顾客赵雅琴阿姨退休前是老师，现在家住鼓楼区。",
    ],
)
def test_personal_information_is_reviewed(text: str) -> None:
    assert "pii" in categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "退换货请寄：杭州市余杭区仓前街道良睦路 8 号 2 号仓",
        "退货请邮寄至售后：上海市闵行区申长路 99 号 B 座，请勿到付",
        "抖音号：hemline_guanfang，直播每晚八点",
        "小红书号：hm_official01，新品每周三更新",
        "太空🛰️图案童装卫衣，110-150 码都有",
        "我住在滨江区，下班顺路去门店试了这件大衣",
        "门店地址：上海市静安区南京西路 1266 号恒隆广场 B1 层",
        "客户说想住在景区附近的民宿，我们推荐了这件轻薄羽绒服",
    ],
)
def test_business_details_and_look_alikes_pass(text: str) -> None:
    assert "pii" not in categories(text), (text, categories(text))
