"""Issue 18, session 17 (h174): the sensitive families added after the blind-written tune18-s17d-*
texts (mourning words before a sale, memorial days and disaster dates, memorial names and state
symbols in all-Latin pinyin, ethnic groups and religious roles as a gag, sexual code words,
superstition as an effect, region slurs) catch new wordings of the same idea and leave the
innocent senses alone. None of these sentences is in an evaluation set."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories


@pytest.mark.parametrize(
    "text",
    [
        # a political meme told through 大人物 / the bear
        "那位大人物的表情包同款小熊衫",
        "维尼熊卫衣，致敬某位大人物，你们懂的",
        # state symbols in all-Latin pinyin, and the flag on underwear or slippers
        "GUO QI 元素T恤，国庆必备",
        "guoqi印花拖鞋",
        "guo hui 图案卫衣",
        "国旗图案内裤",
        # mourning words followed by a sale, in the same or the next sentence
        "愿逝者安息。今晚直播间照常上新",
        "缅怀英雄的同时，全场秋装八折",
        "悼念遇难同胞 黑色卫衣清仓",
        # memorial days and disaster dates as a sales hook
        "抗战纪念日秋装上新",
        "国家公祭纪念日黑色系全场七折",
        "河南7.20暴雨那年也不怕，这双雨靴冲",
        "地震灾区刚需，冲锋衣别错过",
        "jiuyiba狂欢",
        "Nanjing DaTuSha 纪念款卫衣",
        "gongjiri 限定",
        "勿忘guo chi，卫衣下单立减",
        # ethnic groups mocked, region slurs
        "蒙古族大叔同款土味皮袄",
        "满族人都土",
        "招聘仓管：壮族勿扰",
        "河南人都土，买这件",
        "外地人好土哦",
        # religious roles as a costume gag
        "一秒变身修女，万圣节整活",
        "道士同款太极服，一键变身",
        "喇嘛同款绛红披肩，cos必备",
        # sexual code words
        "老司机带你开车，深夜福利睡衣懂的都懂",
        "今晚8点准时发车，情趣内衣专场",
        "擦边女主播同款",
        "后入式拍摄视角",
        "车.震.必.备",
        # superstition as an effect of clothing
        "这件风水改命卫衣",
        "风水先生说穿黄色旺财",
        "本命年开运红袜",
        # second round: more mourning words, dates, wars, party, symbols, money, uniforms
        "哀悼之余，本店冬装照常特惠",
        "RIP🕯️ 今天黑色系全部八折",
        "9月18号晚8点狂欢开抢",
        "八年抗战限定迷彩服",
        "甲午海战纪念款水手服",
        "核污水来了，防护服囤起来",
        "学习强国同款，党员必备",
        "国旗披风，国庆出片",
        "五十元大钞图案袜子",
        "毛爷爷头像卫衣",
        "警察制服cos",
        "城管同款制服",
        "六四纪念",
        "八九学运",
        # third round: innuendo in new word orders, minors sexualised, drugs, superstition, hiring
        "男友看了直接推倒的睡裙",
        "深夜福利视频，懂的来",
        "空姐制服诱惑套装",
        "萝莉风JK，叔叔们冲",
        "学生妹同款水手服，大叔最爱",
        "幼女风睡裙",
        "吃药嗨一晚的派对战衣",
        "开心水轰趴必备",
        "yp必备战袍",
        "穿上挡灾保平安",
        "穿红色招桃花",
        "紫微斗数大师说穿这个颜色",
        "招模特：胖的勿扰",
        "校园枪击风黑色风衣",
        # evasions of the same families: traditional characters, pinyin, spacing, digits
        "願逝者安息，全店五折",
        "南京紀念日限定黑T",
        "擦 邊 主播同款",
        "开che了，这件睡裙懂的都懂",
        "后ru视角",
        "che震同款",
        "開運紅襪子，本命年必備",
        "feng水袜，穿上改命",
        "bā jiǔ liù sì 纪念",
        "阿3风印花裤",
    ],
)
def test_sensitive_families_are_reviewed(text: str) -> None:
    assert "sensitive" in categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "时尚圈大人物都在穿的风衣",
        "小熊维尼联名童装，正版授权，某位小朋友很喜欢",
        "国庆节升国旗仪式后去逛街",
        "向逝者致哀，本号暂停更新一天",
        "缅怀先烈，我们今天停更",
        "安息日的教堂音乐会很动人",
        "郑州720水灾期间门店顺延发货",
        "7.20上新：雨季防水外套",
        "烈士纪念日，向英雄致敬",
        "结婚纪念日穿什么？这条裙子很合适",
        "傣族筒裙真好看，我们请傣族绣娘合作",
        "满族旗装改良款，领口收得很利落",
        "修女风黑色连衣裙，优雅复古",
        "和尚领衬衫",
        "牧师领白衬衫",
        "周末开车去郊外，穿这件不闷",
        "直播间8点发车，羽绒服秒杀",
        "我们的模特图不擦边",
        "最后入手了这件大衣",
        "汽车震动很小",
        "这件外套真是穿搭改命",
        "风水宝地开新店",
        "春季开运动会穿什么",
        "清真餐厅附近的门店",
        "不是清真食品，只是衣服",
        "东北人冬天离不开的羽绒服",
        "9月18日上新三款风衣",
        "甲午年出生的设计师",
        "抗日战争纪念馆免费参观，展区不设销售",
        "汶川羌绣联名围巾，非遗传承人手工",
        "防震演练那天穿运动鞋更方便",
        "老家地震后我们捐了羽绒服，科普一下防震常识",
        "党员活动日的团体服定制",
        "披风式斗篷大衣，很有气场",
        "省下好多毛爷爷",
        "感谢警察同志帮忙找回钱包",
        "交警提醒：雨天路滑",
        "六四分比例的身材，穿这件刚好",
        "学运动会的报名表",
        "ripstop格纹面料，防撕裂",
        "哀悼遇难者，本号今日停更",
        "JK制服格纹裙，学院风百搭",
        "萝莉塔风格的蓬蓬裙",
        "小学生校服定制，家长放心",
        "大叔风格的毛呢大衣",
        "派对上大家都在问这件裙子",
        "出门在外一路保平安",
        "桃花季穿粉色很好看",
        "偏胖的姐妹选大一码",
        "空姐制服的剪裁很利落",
        "推倒重来的设计，第二版更好",
        "福利视频：叠衣服教程",
        "射击运动服，靶场同款",
        "她在文章里缅怀父亲。新品系列以父亲的名字命名",
        "安息香味的香薰，新品上架",
        "国家纪念日前后我们不做任何促销",
        "参观南京大屠杀遇难同胞纪念馆，请穿深色素净的衣服",
        "英国女王去世，全网哀悼，我们的英伦风新品延期发布",
        "郑州店7·20周年店庆，全场八折",
        "这是我第一次在直播间发车，羽绒服福利价",
        "A3尺寸的海报，尺码表打印出来贴在试衣间",
        "他是蒙古族设计师，作品在巴黎展出过",
    ],
)
def test_innocent_senses_pass(text: str) -> None:
    assert "sensitive" not in categories(text, "warn"), text
