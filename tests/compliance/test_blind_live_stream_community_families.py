"""Issue 18, session 15 (h157): the families added after the blind-written tune18-s15g-* texts
(live-stream talk on Douyin and Channels, shop assistants' messages in customer groups) catch new
wordings and leave the ordinary wordings of the same words alone. None of these sentences is in an
evaluation set."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories as _categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("再给我们刷差评，我弄死你", "sensitive"),
        ("谁敢退货我就砍死谁", "sensitive"),
        ("造谣的那个，信不信我捅死他", "sensitive"),
        ("再乱讲我们是假货，打死你", "sensitive"),
        ("偷图的听着，我杀了你", "sensitive"),
        ("那个职业差评师，我找人收拾你", "sensitive"),
        ("再来捣乱打断你的腿", "sensitive"),
        ("诅咒你全家", "sensitive"),
        ("进菠菜群的宝宝带你赢钱", "sensitive"),
        ("菠菜带玩，稳赚回血", "sensitive"),
        ("穿上这套一夜七次不是梦", "sensitive"),
        ("这件是全抖音独一家的面料", "ad_absolute"),
        ("同价位的羽绒服里它就是卷王", "ad_absolute"),
        ("孕妈穿这条裤子能安胎", "ad_claim"),
        ("托腹带能预防流产", "ad_claim"),
        ("穿一个礼拜掉了三斤", "ad_claim"),
        ("把直播间转发到两个群，就半价", "inducement"),
        ("转给朋友，朋友下单你拿提成", "inducement"),
        ("九点发口令红包，大家准备好", "lottery"),
        ("这双小白鞋是鞋里的天🌸板", "ad_absolute"),
        ("销量TOP的打底裤返场了", "ad_absolute"),
        ("粉丝灯牌到五级就送围巾", "inducement"),
        ("这件护腰能治腰椎", "ad_claim"),
        ("有没有卖冰的，私聊", "sensitive"),
        ("大转盘转到谁，谁就拿走这件大衣", "lottery"),
        ("今天的欧皇快出来领奖", "lottery"),
        ("家人们冲个榜，冲上去全场五折", "inducement"),
        ("这双棉拖专治冻疮", "ad_claim"),
        ("穿了我们的羊毛衫，孩子冬天少生病", "ad_claim"),
        ("爬楼梯穿它能多消耗两百大卡", "ad_claim"),
        ("好多明星都在穿的小香风外套", "ad_claim"),
        ("今晚穿这件睡裙，保证他下不了床", "sensitive"),
        ("男朋友看到直接把你扑倒", "sensitive"),
        ("这条吊带裙专门勾引男人", "sensitive"),
        ("嫌贵的都是穷逼", "sensitive"),
        ("有卖枪的吗，私聊", "sensitive"),
    ],
)
def test_new_wordings_of_each_family_are_flagged(text: str, category: str) -> None:
    assert category in _categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "这天气真是搞死我了，穿什么都热",
        "打死也不退的一条神裤",
        "这价格打死你都不信",
        "这套穿搭杀疯了",
        "价格秒杀了他家同款",
        "旅游的时候帽子被宰了",
        "明天找人收拾一下仓库",
        "找人打版打了三次才定型",
        "打断一下，先说尺码",
        "祝你全家新年快乐",
        "菠菜绿的开衫群里已经有人拍了",
        "我们是单独一家工作室出的款",
        "我们设计团队个个都是卷王",
        "保胎期的孕妈也能穿，腰围可调",
        "早产宝宝的连体衣尺码偏小",
        "不掉毛，100斤穿M刚好",
        "羊毛衫最佳的保存方法是叠放",
        "抗菌袜，第三方检测报告编号在详情页，抑菌率99%",
        "冲锋衣防水指数20000毫米，透湿指数10000",
        "帮闺蜜下单的记得改收货地址",
        "今晚不发红包，就是单纯上新",
        "转发给需要的朋友就好，没有奖励",
        "最近降温，出门最好多穿一件",
        "关注不关注都是一样的价格",
        "这个是尺码表链接，不是购买链接",
        "今天板型改过了，腰线提高两厘米",
        "冰丝睡衣、冰袖都在卖，冰感面料",
        "叶子图案的卫衣，谁要扣1",
        "直播间今天不发福袋，专心讲面料",
        "门口的灯牌修好了，晚上也能找到我们",
        "转到下一款，二号链接是针织衫",
        "帮主播冲个榜，谢谢家人们的支持",
        "这件外套专治各种不服",
        "宝宝生病的时候穿宽松一点的睡衣",
        "库存消耗得很快，先到先得",
        "冠军同款训练服，已获运动员本人授权",
        "前几天发烧下不了床，今天恢复直播",
        "雪天路滑别扑倒，穿防滑靴",
        "这个颜色太勾引购物欲了",
        "枪驳领双排扣西装，二手枪驳领也很好看",
    ],
)
def test_ordinary_wordings_are_not_flagged(text: str) -> None:
    assert not _categories(text), text
