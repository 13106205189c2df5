"""Issue 18, session 15 (h152): the sensitive families added after the blind-written
tune18-s15b-* texts (leaders' clothes, Taiwan listed among countries, maps, hiring discrimination,
body/age/gender slurs, innuendo, superstition, mourning days, disasters, drug and gambling slang,
insults) catch new wordings and leave the ordinary wordings of the same words alone. None of these
sentences is in an evaluation set."""

from __future__ import annotations

import pytest

from app.compliance import check
from tests.compliance import evaluate

SHIPPED = evaluate.load_lexicon()
RANK = {"info": 0, "warn": 1, "review": 2, "block": 3}


def _sensitive(text: str) -> list[str]:
    """Terms of the sensitive hits of at least review."""
    report = check(SHIPPED, body=text)
    return [hit.term for hit in report.hits if hit.category == "sensitive" and RANK[hit.severity] >= 2]


@pytest.mark.parametrize(
    "text",
    [
        '总理当年穿过的那件风衣，我们原版复刻',
        '伟人风范中山装，致敬那一代人',
        '支持配送：台湾、日本、韩国、美国',
        '发货范围：中国，台湾，泰国，马来西亚',
        '台湾这个国家的设计师联名款',
        '世界地图卫衣，台湾印成了不同颜色',
        '中国地图T恤，南海诸岛没标出来',
        '招聘导购，四川籍勿扰',
        '招仓管，回族的不要',
        '招聘店员：限杭州户口',
        '急招收银，东北人免谈',
        '招主播，已婚已育优先考虑',
        '导购岗位要求未婚，年龄30岁以下',
        '残疾人勿扰，招聘搬运工',
        '招聘缝纫工，乙肝病毒携带者不要',
        '胖子穿这个真的辣眼睛，别出门了',
        '水桶腰还穿紧身裙，丑死了',
        '这花色只有农村大妈才穿',
        '女司机专用鞋，再也不会把油门当刹车',
        '穿上这套情趣睡衣，老公今晚让你下不了床',
        '内裤给大鸟留足空间',
        '直播间主播亲自穿脱丝袜给你看',
        '深夜档内衣上身秀，你懂的',
        '未成年勿入，今晚私房内衣专场',
        '穿这条小裙子把他榨干',
        '本命年犯太岁，红腰带帮你化解',
        '五行缺火的姐妹穿红色卫衣',
        '八字缺金就选这件金色外套',
        '穿上它防小人，职场顺风顺水',
        '高僧加持过的手串，配新款旗袍',
        '开过光的貔貅吊坠，戴上招财',
        '老天保佑，穿上这件面试必过',
        '逢考必过卫衣，穿上保你高分',
        '送考旗袍，旗开得胜，保你孩子考上重点',
        '全国哀悼日照常营业，新品8折',
        '默哀之后，新品照常上架',
        '12月13日樱花和服限定款开售',
        '公祭日推出和服风新品',
        '隔离专用家居服三件套',
        '方舱同款家居服',
        '震区同款帐篷色冲锋衣特价',
        '跑完步像溜过冰一样嗨',
        '菠菜老哥必备幸运T，今晚回本',
        '买不起就滚，穷逼',
        '差评的都是傻逼',
        'cnm，这衣服太好看了',
        '只有sb才穿这种',
        '军旗配色夹克上新',
        '国歌做发布会开场音乐',
        '八一军魂卫衣',
        '清真认证羊绒衫，穆斯林放心穿',
        '这个黄色就像非洲人一样黑',
    ],
)
def test_new_wordings_of_each_family_are_sent_to_review(text: str) -> None:
    assert _sensitive(text), text


@pytest.mark.parametrize(
    "text",
    [
        '学生会主席推荐的开学穿搭',
        '董事会主席在发布会上穿了我们的西装',
        '我们在新加坡、马来西亚、日本都有门店',
        '中国台湾地区、新加坡、马来西亚均可发货',
        '台湾独立设计师联名款',
        '港澳台及海外地区均可发货',
        '世界地图印花T恤，使用标准地图',
        '招聘导购，男女不限，户口不限',
        '招聘店员，籍贯不限',
        '书籍角的布置很温馨',
        '门店有残疾人无障碍试衣间',
        '入职体检不查乙肝',
        '微胖的姐妹选A字裙显瘦',
        '小胖子也能穿的童装',
        '女司机开车穿平底鞋更安全',
        '感冒发烧下不了床的那几天',
        '大鸟印花童装卫衣',
        '前开扣设计，穿脱方便',
        '主播演示一下这件外套穿脱方便的拉链',
        '价格嘛，你懂的',
        '未成年人购买请在家长陪同下下单',
        '双十一榨干钱包',
        '送考妈妈穿旗袍，寓意旗开得胜',
        '逢考必过字样的文创笔袋',
        '五行主题展览的海报',
        '这事八字还没一撇',
        '黑科技加持，轻薄又保暖',
        '貔貅纹样出自博物馆馆藏',
        '今天是全国哀悼日，本号暂停推送',
        '12月13日起陆续发货',
        '12月13日国家公祭日，本店暂停营业',
        '和服腰封元素的改良连衣裙',
        '防晒隔离霜的涂抹顺序',
        '向震区捐赠三千件棉衣',
        '周末去溜冰场，穿厚一点',
        '菠菜绿针织开衫',
        '穷游穿搭指南',
        'Nike SB系列上新',
        '国歌响起时全场起立',
        '向军旗敬礼的老兵',
        '清真餐厅旁边的门店',
        '黑人模特演绎秋冬系列',
        '非洲风情印花长裙',
        '祝大家新年好运一整年',
        '化解穿搭尴尬的一件外套',
        '最近霉运连连，出门忘带伞',
        '老太太穿也合适的开衫',
        '周末出门才穿的小皮鞋',
        '腿粗的姐妹选阔腿裤更好看',
    ],
)
def test_ordinary_wordings_of_the_same_words_are_not_flagged_sensitive(text: str) -> None:
    assert not _sensitive(text), _sensitive(text)
