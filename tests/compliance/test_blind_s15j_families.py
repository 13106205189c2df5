"""Issue 18, session 15 (h161): long WeChat articles and detail pages (tune18-s15j-*). Dangerous
words in innocent senses, disclaimers and negations pass; the same words as claims are still
reviewed; a number right after its cue is personal information even with a wrong check digit."""

from __future__ import annotations

import pytest

from app.compliance.pii import find_pii
from tests.compliance.families import categories as _categories


@pytest.mark.parametrize(
    "text",
    [
        "周姐是我们团队里最安静的人，做了二十二年版型。",
        "设计师说，她最得意的就是这个可调节的裤脚。",
        "水温：冷水最安全，不要用热水。",
        "最佳的收纳方法是叠放，挂起来会被拉长。",
        "🏆 最佳创意奖：L**（手机尾号 0677）",
        "唯一的小遗憾是口袋有点浅，放手机要小心。",
        "坚持运动，才是变瘦的唯一办法。",
        "8 岁的朵朵在 3 公里组拿了第一名。",
        "风衣这一类单品，颜色首选卡其，其次是藏青。",
        "这季的针织系列，我们选了四个“治愈色”。",
        "它不是药品，不能治疗脚气等皮肤问题，如有不适请就医。",
        "它们不是医疗用品，只是让辛苦的人稍微暖和一点的衣服。",
        "高腰只是穿着时的包裹感，并不会燃烧脂肪。",
        "银灰在灯光下有金属光泽，辐射出一种很冷静的气质。",
        "汉麻是大麻属里四氢大麻酚含量低于 0.3% 的品种。",
        "汉麻纤维和毒品没有任何关系。",
        "拆开的一瞬间，真的像中奖了一样开心。",
        "孕晚期胎儿长得快，托腹裤的腰头可以调三档。",
        "后台回复“尺码”查看尺码表。",
        "蘑菇也是一种真菌，这季的印花灵感来自它。",
        "这件衣服不是药品，也不能治病。",
        "本品不能替代药物治疗，如有不适请就医。",
        "它不能预防感冒，冷了还是要多穿。",
        "这条裤子不会帮你瘦身，只是显瘦。",
        "车间里做得最快的是李姐。",
        "品牌首款羽绒服，我们做了两年。",
        "本文不含任何购买链接，纯分享。",
        "会员享受不收一分钱的改衣服务。",
        "【买家秀】本周最暖心的一条评价",
        "第一批到货的顾客反馈偏大，建议拍小一码。",
    ],
)
def test_innocent_senses_pass(text: str) -> None:
    assert not _categories(text), (text, _categories(text))


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("这件大衣是全网最低价", "ad_absolute"),
        ("我们的羽绒服是最保暖的", "ad_absolute"),
        ("这款袜子能治疗脚气", "ad_claim"),
        ("穿着就能燃烧脂肪", "ad_claim"),
        ("防辐射马甲，保护宝宝", "ad_claim"),
        ("评论区抽 3 位送同款毛衣", "lottery"),
        ("不嗑药，照样嗨翻全场", "sensitive"),
        ("价格全网垫底，随便比", "ad_absolute"),
        ("纱线里加了银离子，彻底消灭脚气真菌", "ad_claim"),
        ("孕妇穿上保护胎儿", "ad_claim"),
        ("穿上能预防感冒", "ad_claim"),
        ("这条裤子能帮你瘦身", "ad_claim"),
        ("这件护膝可以替代药物", "ad_claim"),
        ("全球首款采用可降解纤维的连衣裙", "ad_absolute"),
        ("纯分享，链接在评论区", "ad_disclosure"),
        ("买过的顾客都说好", "ad_claim"),
        ("这篇没拿品牌一分钱", "ad_disclosure"),
        ("就像刚抽完一口叶子，整个人飘起来", "sensitive"),
        ("后台回复红包领取现金", "inducement"),
    ],
)
def test_claims_are_still_reviewed(text: str, category: str) -> None:
    assert category in _categories(text), text


def test_cued_id_and_card_numbers_are_read_without_their_check() -> None:
    terms = [h.term for h in find_pii("一等奖：王晓雯，身份证号 330106199203154728，请联系客服")]
    assert "身份证号" in terms
    terms = [h.term for h in find_pii("退款退到了她的银行卡 6222 0214 0201 8845 613")]
    assert "银行卡号" in terms
    assert not find_pii("订单号 330106199203154728 已发货")
    assert not find_pii("会员卡号 8800 1234 5678 9012，积分已到账")


def test_a_shop_that_moved_gives_its_address() -> None:
    assert not find_pii("我们的杭州门店正式搬到了新地址：\n📍 杭州市上城区延安路 98 号 2 层")
    home = "门店的小王说，把包裹寄到我家：杭州市上城区延安路 98 号 3 栋 2 单元 502"
    assert any(h.term == "详细地址" for h in find_pii(home))
