"""Issue 18, session 21 (h219): sensitive and pii classes from the misses of the retired blind
sets fresh_set_7 and fresh_set_8, fixed as families in ``wordlists/sensitive.csv``, the emoji
table ``EMOJI_WORDS`` (``app/compliance/normalize.py``, mirrored in
``tests/compliance/reference.py``) and ``app/compliance/pii.py``. Blind writers put sensitive
content in CODES (slang, emoji, flags, described symbols) far more than in plain words, so each
class is written wide, the way a marketer or a troll would write it, with lawful neighbours that
share its words; no sentence of a retired set is copied here.

Classes:
- drug slang: meth as 冰/冰糖 next to 溜冰, ecstasy as 糖果, liquid drugs as 开心水/神仙水 next
  to getting high (溜冰场, 冰糖雪梨, 糖果色, SK-II 神仙水 pass);
- gambling slang: the 菠菜 (bocai) circle, 上分/回血/上岸/带单 next to betting, payment in
  USDT or "U" (游戏上分, 考研上岸, 清仓回血价, 跟单员 pass);
- the national flag described instead of named: a red ground with five yellow stars, one big
  and four small (a red T-shirt with stars, 五星好评 pass);
- the rising-sun flag described: 旭日 with military dress or a wink (懂的都懂), sixteen rays,
  the Self-Defense Forces ensign, 🌅 next to 旗 (旭日东升, a sunrise over the sea pass);
- Taiwan presented as a country: 宝岛 with 总统/建国/国旗, ROC names (宝岛 in a travel sense,
  中国台湾地区 pass); the flag emoji itself cannot be read by the emoji table (xfail);
- discrimination by race or skin colour in castings and sales (不限肤色, 黑人模特, a colour tip
  for fair skin pass);
- vulgar innuendo through an emoji or a homophone: 🐔冻/🐔动/🐔儿, 硬了/起立/湿了 after a man or
  woman looks (a 🐔 zodiac greeting, 好鸡冻 about a launch, fabric that got stiff pass);
- pii: a child named by nickname with an age and a named school's class; a customer's handle
  (@handle, a quoted nickname) with a health condition (sizes with a handle, a charity's account
  and conditions of nobody named pass).
"""

from __future__ import annotations

import pytest

from tests.compliance.families import assert_flagged, assert_not_flagged, categories

FLAGGED = [
    # drug slang: 冰/冰糖 with 溜冰, 糖果 and liquid drugs with getting high
    ("周末约兄弟去溜冰，冰糖我来带，这件卫衣陪你嗨通宵", "community", "sensitive"),
    ("冰糖到了，老地方溜冰，穿黑色卫衣好认", "community", "sensitive"),
    ("今晚开趴冰糖管够，穿上亮片裙飞一整晚", "douyin", "sensitive"),
    ("哥几个今晚溜个冰，穿这套冲锋衣嗨到天亮", None, "sensitive"),
    ("蹦迪前来两颗糖果，配这条亮片裙嗨翻全场", "douyin", "sensitive"),
    ("夜店必备：一颗糖果一杯酒，穿上这件就飘了", "xiaohongshu", "sensitive"),
    ("来点开心水，配这套睡衣嗨到天亮", "community", "sensitive"),
    ("神仙水一滴就飘，穿这条吊带去夜店", "douyin", "sensitive"),
    ("冰糖加叶子，穿上这条工装裤飞一晚上", "community", "sensitive"),
    ("溜冰的兄弟都懂，冰糖私我，卫衣顺便带一件", "community", "sensitive"),
    ("吃了跳跳糖嗨一晚，穿这身去夜店", "community", "sensitive"),
    ("嗑个K，穿上这条裤子飘一晚", "community", "sensitive"),
    ("嗑一颗蘑菇就飘，这件扎染T恤超迷幻", "douyin", "sensitive"),
    ("夜店来一包咖啡包，穿这件亮片上衣", "community", "sensitive"),
    ("周末溜冰局，冰塘我带", "community", "sensitive"),
    # gambling slang: the bocai circle, 上分, 回血, 带单, USDT and "U" payments
    ("菠菜圈的老哥人手一件，这件夹克旺财", "douyin", "sensitive"),
    ("混菠菜圈的都懂，这件潮T穿上手气旺", None, "sensitive"),
    ("上分必备幸运战袍，支持U付", "channels", "sensitive"),
    ("支持USDT付款，潮牌卫衣全场包邮", "xiaohongshu", "sensitive"),
    ("跟着导师带单稳赚，赢了换这件外套", "community", "sensitive"),
    ("回血上岸就靠这条幸运红内裤，今晚梭哈", "community", "sensitive"),
    ("娱乐城首存就送这件卫衣，注册秒到", "douyin", "sensitive"),
    ("菠菜大佬都在穿，上分就穿这件，u也能付", "channels", "sensitive"),
    ("输了别慌，穿上这件回血翻本", "community", "sensitive"),
    ("倍投稳赚，赢了买这件大衣", "community", "sensitive"),
    ("澳门线上平台注册就送这件卫衣", "douyin", "sensitive"),
    ("波菜圈都在穿的冲锋衣", "douyin", "sensitive"),
    ("bc圈大佬同款卫衣", "douyin", "sensitive"),
    ("支持泰达币付款，潮牌直发", "community", "sensitive"),
    ("比特币支付也可以，这件外套限量", "community", "sensitive"),
    # the national flag described: red ground, five yellow stars, one big and four small
    ("红底五颗黄星的印花泳衣，国潮出片", "xiaohongshu", "sensitive"),
    ("正红色卫衣，胸口一大四小五颗黄色五角星", None, "sensitive"),
    ("大红底色配五颗金色五角星，这件T恤十一必穿", "douyin", "sensitive"),
    ("一颗大五角星四颗小五角星，红色底，印满整件比基尼", "xiaohongshu", "sensitive"),
    ("围巾用红色打底，左上角五颗黄色星星", "weibo", "sensitive"),
    ("红底黄星图案的棒球帽，爱国就戴它", "douyin", "sensitive"),
    ("🇨🇳同款配色：红底加五颗黄星，印在泳裤上", "xiaohongshu", "sensitive"),
    ("红色面料上绣五颗黄色五角星，国庆拍照超吸睛", None, "sensitive"),
    ("这件T恤印着红底配五颗星", "xiaohongshu", "sensitive"),
    ("红色打底，一颗大星四颗小星，国潮卫衣", None, "sensitive"),
    ("比基尼印着红色旗子上五颗黄色小星", "xiaohongshu", "sensitive"),
    ("红旗配黄色五角星印花T恤", "douyin", "sensitive"),
    ("red flag with five yellow stars bikini", "xiaohongshu", "sensitive"),
    # the rising-sun flag described
    ("日系军装风夹克，背后印满旭日光芒，懂的都懂", "wechat_oa", "sensitive"),
    ("肩章印着旭日图案的飞行员夹克，二战复刻", None, "sensitive"),
    ("🌅旗印花T恤，复古日系军装风", "douyin", "sensitive"),
    ("背后一面🌅旗的棒球服，懂的人自然懂", "xiaohongshu", "sensitive"),
    ("十六道光芒的红日图案卫衣，日系军迷必入", None, "sensitive"),
    ("海上自卫队旗图案的渔夫帽", "xiaohongshu", "sensitive"),
    ("旭日纹刺绣的军装风大衣，你懂的", "weibo", "sensitive"),
    ("红白放射光芒的头巾，神风特攻同款", "douyin", "sensitive"),
    ("朝日旗元素棒球服", "weibo", "sensitive"),
    # Taiwan presented as a country
    ("宝岛总统同款风衣，限量发售", "weibo", "sensitive"),
    ("宝岛国家队配色球衣", None, "sensitive"),
    ("台湾国旗配色的卫衣", "xiaohongshu", "sensitive"),
    ("宝岛建国纪念款T恤", "douyin", "sensitive"),
    ("中华民国国旗图案的帽子", None, "sensitive"),
    ("Republic of China 限定款卫衣，只在宝岛门店发售", "channels", "sensitive"),
    ("宝岛国旗刺绣棒球帽", "xiaohongshu", "sensitive"),
    ("Taiwan is a country 字母卫衣", "weibo", "sensitive"),
    ("Taiwan独立T恤", "weibo", "sensitive"),
    ("ROC国旗臂章", None, "sensitive"),
    pytest.param(
        "🇹🇼 限定配色卫衣，只在宝岛门店发售",
        "channels",
        "sensitive",
        marks=pytest.mark.xfail(
            strict=True,
            reason="a flag emoji is two regional-indicator code points, each a separator; "
            "EMOJI_WORDS maps one code point and reads only next to a word (here a space "
            "follows): the engine needs a pair table read wherever it stands, like SYMBOL_WORDS",
        ),
    ),
    # discrimination by race or skin colour
    ("模特招募：只要白皮肤的，深肤色的就别投了", "community", "sensitive"),
    ("招试衣模特，限白皮，黑皮勿扰", "community", "sensitive"),
    ("外模拍摄只招白人，亚裔和黑人不考虑", None, "sensitive"),
    ("直播间找主播，肤色太黑的直接pass", "community", "sensitive"),
    ("拍宣传片需要群演，黑人免谈", "community", "sensitive"),
    ("童装拍摄招小模特，只要白白净净的，皮肤黑的别投了", "wechat_oa", "sensitive"),
    ("本店不接待黑人顾客，谢谢配合", None, "sensitive"),
    ("招聘导购：只要白人，有色人种勿扰", "community", "sensitive"),
    ("非洲裔模特不录用，请勿投递", "community", "sensitive"),
    ("招聘店员，河南人勿扰", "community", "sensitive"),
    ("直播间招主播，东北人免谈", "community", "sensitive"),
    ("只招皮肤白的模特", "community", "sensitive"),
    ("白幼瘦模特招募，黑胖勿扰", "community", "sensitive"),
    ("招聘导购，限汉族", "community", "sensitive"),
    # vulgar innuendo through an emoji or a homophone
    ("这条包臀裙穿上，男朋友看了直接🐔冻", "douyin", "sensitive"),
    ("老公一看这件睡裙当场🐔动", "xiaohongshu", "sensitive"),
    ("黑丝一穿，他看了直接硬了", "douyin", "sensitive"),
    ("男友看到这条短裙当场起立", "douyin", "sensitive"),
    ("穿这件蕾丝睡衣，他的🐔儿都不听话了", "douyin", "sensitive"),
    ("这套内衣让他🐔冻到流鼻血", "xiaohongshu", "sensitive"),
    ("鸡冻得睡不着吧，这条裙子今晚拿下他", "douyin", "sensitive"),
    ("她看了直接湿了，这件衬衫太撩", "douyin", "sensitive"),
    ("他看了直接🍆，这条裙子绝了", "douyin", "sensitive"),
    ("男友一看直接🐔立", "douyin", "sensitive"),
    ("穿上这件，他当场石更了", "douyin", "sensitive"),
]

LAWFUL = [
    # drug-slang words in their everyday senses
    ("冬天带娃去溜冰场，这件加厚羽绒服防摔又保暖", "xiaohongshu"),
    ("熬一锅冰糖雪梨，窝在家穿珊瑚绒睡衣真舒服", "xiaohongshu"),
    ("糖果色卫衣上新，蹦迪穿也很嗨", "douyin"),
    ("周末去溜冰，这套速干运动服很合适", None),
    ("冰糖橙熟了，果园采摘穿这件防晒衣", "douyin"),
    ("SK-II神仙水空瓶了，换季护肤配这件真丝睡衣", "xiaohongshu"),
    ("挂耳咖啡包随单附赠，配这件家居服", "wechat_oa"),
    ("蘑菇头配这件卫衣去蹦迪超嗨", "douyin"),
    ("小时候吃的跳跳糖配色，童装T恤上新", "xiaohongshu"),
    # gambling-slang words in their everyday senses
    ("游戏上分必备的电竞卫衣，久坐不闷", "douyin"),
    ("菠菜沙拉配牛油果，这件针织衫就是菠菜绿", "xiaohongshu"),
    ("考研上岸的姐妹，送自己一件大衣吧", "xiaohongshu"),
    ("服装厂招聘跟单员，熟悉面料优先", "community"),
    ("年底清仓回血价，全场五折", "wechat_oa"),
    ("菠菜汁植物染的绿色T恤", None),
    ("U型领毛衣，支持花呗付款", None),
    ("澳门旅游穿搭：一件防晒衣搞定", "xiaohongshu"),
    ("双倍投入的用心，只为一件好大衣", "wechat_oa"),
    ("比特币图案T恤，极客风", "xiaohongshu"),
    # red clothes with stars, five of something
    ("红色T恤印满小星星，童趣十足", "xiaohongshu"),
    ("五星好评的红色卫衣返场了", "douyin"),
    ("黄色五角星刺绣的牛仔外套", None),
    ("红底白点的波点连衣裙", "xiaohongshu"),
    ("五颗纽扣的红色开衫，秋天必备", None),
    ("红旗轿车车友会同款夹克", None),
    # sunrise in its everyday sense
    ("旭日东升图案的新年卫衣", "douyin"),
    ("海边看日出🌅，这件防晒衣很轻薄", "xiaohongshu"),
    ("日系工装风外套，背后印着大大的太阳图案", None),
    ("早起看🌅，穿这件摇粒绒外套不冷", "xiaohongshu"),
    ("朝日啤酒联名T恤", "douyin"),
    # 宝岛 and Taiwan in a travel or regional sense
    ("宝岛台湾的阿里山，穿这件冲锋衣去刚好", "xiaohongshu"),
    ("中国台湾地区门店同步发售", None),
    ("台湾省的姐妹也能下单，包邮到家", "wechat_oa"),
    ("限定配色卫衣，只在宝岛门店发售", "channels"),
    ("宝岛之旅穿搭分享：一件防晒衣走天下", "xiaohongshu"),
    ("Made in Taiwan 的机能面料", None),
    ("rock风格皮夹克", "xiaohongshu"),
    # skin colour without exclusion
    ("模特招募：不限肤色，身高160以上", "community"),
    ("这件米白色适合各种肤色，黑皮姐妹也能穿", "xiaohongshu"),
    ("黑人模特穿上这件西装超有气场", "weibo"),
    ("白皮肤的姐妹选这个颜色更显气色", "xiaohongshu"),
    ("汉族传统服饰展，穿这件去", "wechat_oa"),
    ("只要皮肤不敏感，羊毛直接贴身穿也没问题", None),
    ("东北人不要错过这件加厚羽绒服", "douyin"),
    ("黄黑皮肤色不要怕，这个颜色显白", "xiaohongshu"),
    # chicken, stiffness, standing up, wetness in their everyday senses
    ("🐔年本命年，红色秋衣秋裤安排上", "wechat_oa"),
    ("上新啦，小编好🐔冻", "xiaohongshu"),
    ("面料洗完会变硬了一点，用柔顺剂就好", None),
    ("演出结束全场起立鼓掌，主唱穿的就是这件西装", "weibo"),
    ("小🐔仔印花的儿童睡衣", "douyin"),
    ("下雨天鞋子湿了也不怕，这双是防水的", None),
    ("茄子紫卫衣，秋天的颜色", "xiaohongshu"),
    ("大理石更耐看，这件灰色大衣同色系", None),
]


PII_FLAGGED = [
    # a child by nickname, with an age and a named school's class
    "小模特乐乐，6岁，在阳光小学一年级2班上学",
    "我家闺女糖糖今年8岁，育才小学三年级（2）班",
    "感谢小模特米粒（9岁，新华路小学四年级1班）试穿",
    "童装模特豆豆 5岁 就读于蓝天幼儿园大二班",
    "女儿今年7岁，在东城实验小学二年级5班，穿130码刚好",
    "我儿子航航，四岁半，在绿地幼儿园中一班",
    "侄女妞妞10岁，城南第二小学五年级（3）班，最爱这件卫衣",
    "双胞胎花花和朵朵，9岁，城东小学三年级1班",
    "小模特可可今年五岁，在向日葵幼儿园大班",
    # a customer's handle with a health condition
    "谢谢顾客@晴天娃娃 的返图，她刚做完乳腺手术，这款前扣内衣很方便",
    "买家@糖豆妈妈 孕7个月，一直穿我们的托腹裤",
    "感谢粉丝@momo 分享：化疗期间戴我们的针织帽很暖",
    "会员@阿紫 确诊抑郁症后，穿亮色衣服心情好多了",
    "宝妈@小葡萄 家宝宝有湿疹，纯棉睡衣穿着不痒",
    "买家“蓝莓酱”糖尿病十年，这双袜子口不勒",
    "感谢小红书用户@一颗柚子 晒图，她是脊柱侧弯患者",
    "感谢会员桃子酱（乳腺癌术后）的返图",
    "网友“芒果布丁”确诊红斑狼疮，怕晒，选了这件防晒衣",
    "感谢@Lily_88 返图，产后两个月穿M码",
]

PII_LAWFUL = [
    "尺码建议：7岁、小学二年级的孩子选130",
    "滨江实验小学二年级3班的班服订单已发货",
    "小模特今年6岁，身高120穿120码",
    "适合幼儿园大班到小学二年级的孩子",
    "给实验小学二年级3班定制班服，7岁孩子穿130码",
    "感谢买家@小鹿酱 的返图，160cm穿M码刚好",
    "乳腺癌术后的姐妹可以选这款义乳文胸",
    "感谢@粉红丝带公益 对乳腺癌防治的支持",
    "买家@小熊 说孕期也能穿，面料很软",
    "感谢粉丝们（乳腺癌防治月）的支持",
    "感谢买家（身高160）返图",
]


@pytest.mark.parametrize(("text", "channel", "category"), FLAGGED)
def test_family_is_flagged(text: str, channel: str | None, category: str) -> None:
    assert_flagged(text, channel, category)


@pytest.mark.parametrize(("text", "channel"), LAWFUL)
def test_lawful_neighbour_is_not_flagged(text: str, channel: str | None) -> None:
    assert_not_flagged(text, channel)


@pytest.mark.parametrize("text", PII_FLAGGED)
def test_pii_family_is_flagged(text: str) -> None:
    assert "pii" in categories(text), (text, categories(text))


@pytest.mark.parametrize("text", PII_LAWFUL)
def test_pii_lawful_neighbour_is_not_flagged(text: str) -> None:
    assert "pii" not in categories(text), (text, categories(text))
