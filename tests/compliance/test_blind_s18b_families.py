"""Issue 18, session 18 (s18b, h182): absolute terms written blind (tune18-s18b-*).
New variants of each family fixed in ``wordlists/ad_absolute.csv`` after the blind set:
the homophone 极至, 永久/终身/绝对不 + a property (also ad_claim), tier slang (夯爆,
神中神, 王中王, 超神, 史诗级), the only choice (不二之选, 无可替代), English and hanzi
forms of TOP/best (the best, TOP一), rankings spread over a sentence (排第一, 当属第一,
品牌第一, 全网找不到, 无敌手) and more 嘴/罪/醉 + praise homophones of 最 — reviewed;
and their lawful neighbours: negated superlatives, styling tips (挽起来最好看,
最显瘦的穿法), questions to the reader (首选哪个), award names with their issuer, sport
and places (国家级训练基地, 世界级雪场), the last item in stock and people in a group
(唯一), brand history (开了第一家), renovated ceilings, weather (最低零下八度), votes
and contests of people (第一名), people called 万能, mentions of the words themselves."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories


@pytest.mark.parametrize(
    "text",
    [
        # negated superlatives, with or without a subject
        "也不是最保暖的，但通勤完全够用",
        "不敢说是最舒服的瑜伽裤，只能说久坐不勒",
        "我们并不是最便宜的，但每件都过三道质检",
        "不敢说自己是最专业的，只是做了十五年",
        # styling tips and methods
        "衬衫下摆塞进去最好看，腰线一下就出来了",
        "风衣敞开穿最好看，系上腰带更显瘦",
        "牛仔裤卷两折最好看，露出一点袜子",
        "零下五度最保暖的穿法：薄羽绒加大衣",
        "梨形身材怎么穿最显瘦？高腰阔腿裤",
        "这样搭最百搭，上班约会都行",
        # questions to the reader, meta mentions of the words
        "冬天第一件外套，你们会首选哪款？",
        "通勤包你首选什么颜色？",
        "文案里不写“最好”这类词，我们只写参数",
        "广告法不让用“最”字，所以我们说“很软”",
        # award names with their issuer
        "设计师作品获2024年度“最佳原创设计奖”（由中国服装协会颁发）",
        "荣获第十届时装周组委会评选的“最佳剪裁奖”",
        # sport, places and institutions
        "拍摄地旁边就是国家级滑雪训练基地",
        "我们的店长以前是国家级运动员",
        "徒步路线穿过世界级的自然遗产，冲锋衣全程没湿",
        "这次去了长白山的世界级雪场拍新款",
        # the last item in stock, people in a group
        "黑色仅剩唯一一条M码，需要的尽快",
        "L码目前唯一有货的是燕麦色",
        "宿舍唯一一个不怕冷的是我室友",
        "这是我唯一一件舍不得穿的大衣",
        "她是团队里唯一一个左撇子裁缝",
        "这是整个系列唯一的短款",
        # brand history, renovation, weather
        "2012年，我们在义乌开了第一家小店",
        "创始人办起了第一家加工厂，只有八个工人",
        "装修时把天花板挑高了半米",
        "店里的天花板翻新过，灯光更亮了",
        "明早最低零下十二度，多穿一层",
        "这周气温最高只有两度",
        # votes and contests of people, 万能 of people
        "社群投票结果：票数第一名是红色格纹围巾",
        "女儿拿了第一名，奖品是一套运动服",
        "万能的网友，这种羊毛衫怎么洗才不缩？",
        "我们万能的店长连扣子都能现场钉",
        # the homophones and tier words in ordinary senses
        "零下三十度，冷到了极至",
        "这条裙子的面料超神奇，一拉就回弹",
        "史诗级寒潮来袭，羽绒服记得拉到顶",
        "外婆织的毛衣，在我心里无可替代的是那份爱",
        "王中王火腿肠和羽绒服一起寄来了，哈哈",
        "这件top一定要配高腰裤",
        "Do your best！穿上运动服去跑步吧",
        "我把舒适排第一位，好看其次",
        "品牌第一次做童装，欢迎提意见",
        "全网同款可以对比尺码表再下单",
        "这张券永久有效，会员还可以终身免费改裤长",
        "做衣服我们绝对不将就",
        "我是无敌手残党，这个围巾系法也学会了",
        "这件毛衣很显白，嘴角都是笑",
        # positions, logistics, trends, feelings, background of raw materials
        "外套最下摆做了防风抽绳",
        "离门店最近的停车场在地下二层，最靠近电梯的是B区",
        "最快下午三点前付款当天发出",
        "今年最流行的颜色是橄榄绿，我们也做了两款",
        "这个冬天最温暖的一句话：记得穿秋裤",
        "做了十年，最让我们骄傲的是老顾客的回头率",
        "羊绒被称为软黄金，是最珍贵的天然纤维之一",
        "熨烫温度最高不要超过110℃",
        "全年唯一一次打折在店庆日，其他时间不打折",
        "请认准唯一指定官方旗舰店，谨防假冒",
        "投稿评选结果：第一名@小周，第二名@阿宁，各送一条围巾",
        # people and history, not goods
        "我们的金牌导购已经在店里干了八年",
        "羽绒服的鼻祖是一件登山用的绗缝外套",
        "品牌的首个线下门店明年开业",
        "这件比全网同款多了一个内袋",
        "这个颜色不会有更多库存了，介意慎拍",
        "找不到更合适的尺码，可以找客服帮您量",
        "行业里没人比您更懂自己的身材",
        # variant characters and forms in ordinary senses, pets and children, specs
        "惟一要注意的是不能烘干",
        "囯家级非遗蜡染，是这一季的灵感",
        "门店的狗狗无敌粘人，欢迎来玩",
        "设计规范：吊牌上logo最小尺寸12mm",
        "第一批销量数据出来了，谢谢大家",
        "高腰设计，刚好遮住小肚子",
        "宽松的廓形，完美修饰身形",
        # platforms and sales festivals with ordinals, testing institutes
        "抖音第一场直播就卖断了",
        "双十一第一波预售今晚开始",
        "直播间第一件福利是羊毛袜",
        "检测报告由国家级检测机构出具",
        # personal purchases, FAQs, other shops without a claim
        "这是我今年唯一入手的一条牛仔裤",
        "最受欢迎的问题：羊毛衫能不能机洗？",
        "其他家的尺码一般偏小，我们是标准码",
        "别的品牌的M码可能和我们不一样，请看尺码表",
        "想要更便宜的，可以看看基础款",
        "这家店隔了两条街就是地铁站",
        # couriers, people, state-conferred titles, the calendar
        "发货首选京东快递，一般次日达",
        "我们还要向行业领先者学习",
        "她是国内童装设计的领军人物",
        "冲线那一刻是她的巅峰时刻",
        "我们是2011年认定的中华老字号",
        "史上最长的春节假期，穿什么回老家",
        "宝宝身高100cm，穿110码刚好",
        "往前走第二条街右转就是门店",
        "孕晚期最舒服的睡姿是左侧卧",
        "这季卖得最好的是燕麦色，黑色其次",
        "别的店的尺码可能偏大，请以我们的尺码表为准",
    ],
)
def test_lawful_neighbours_pass(text: str) -> None:
    assert "ad_absolute" not in categories(text), (text, categories(text))


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # 极至 for 极致
        ("手感极至细腻的羊绒围巾", "ad_absolute"),
        ("極至輕盈的羽絨服", "ad_absolute"),
        # absolute quality promises (both categories)
        ("这条黑色打底裤永久不掉色", "ad_absolute"),
        ("这条黑色打底裤永久不掉色", "ad_claim"),
        ("羊毛袜终身不起球，放心穿", "ad_absolute"),
        ("衬衫永久保形，怎么洗都挺括", "ad_absolute"),
        ("这件卫衣绝对不缩水", "ad_absolute"),
        # tier slang
        ("这条阔腿裤夯到爆，姐妹们冲", "ad_absolute"),
        ("冲锋衣里的夯中夯", "ad_absolute"),
        ("打底衫中的神中神", "ad_absolute"),
        ("羽绒服界的王中王", "ad_absolute"),
        ("保暖性能超神，零下二十度都不冷", "ad_absolute"),
        ("史诗级舒服的睡衣", "ad_absolute"),
        # the only choice
        ("送爸妈的不二之选", "ad_absolute"),
        ("这件大衣的版型，无可替代", "ad_absolute"),
        ("面料的手感不可替代", "ad_absolute"),
        # English and hanzi forms
        ("THE BEST 卫衣，就是这件", "ad_absolute"),
        ("抖音羽绒服榜TOP一", "ad_absolute"),
        # rankings spread over a sentence
        ("论保暖，这件羽绒服排第一", "ad_absolute"),
        ("要说显瘦，这条裤子当属第一", "ad_absolute"),
        ("它说第二，没人敢说第一", "ad_absolute"),
        ("国货运动服品牌第一", "ad_absolute"),
        ("全网都找不到这么软的羊绒衫", "ad_absolute"),
        ("这么好看的提花全网买不到", "ad_absolute"),
        ("同价位的冲锋衣里找不到对手", "ad_absolute"),
        ("这个价位的羽绒服难逢敌手", "ad_absolute"),
        # homophones of 最 before more praise words
        ("醉显腿长的直筒裤", "ad_absolute"),
        ("嘴显白的奶油色毛衣", "ad_absolute"),
        ("罪轻的一件羽绒服，才一个苹果重", "ad_absolute"),
        ("醉透气的速干T恤", "ad_absolute"),
        ("嘴出片的红裙子", "ad_absolute"),
        ("罪减龄的背带裤", "ad_absolute"),
        ("醉耐穿的工装裤", "ad_absolute"),
        ("今年嘴值的一件大衣", "ad_absolute"),
        # rankings by rate, repurchase and list, in digits
        ("退货率最低、好评率第一的羽绒服", "ad_absolute"),
        ("老顾客复购第一的袜子", "ad_absolute"),
        ("热销冠军卫衣，第五次补货", "ad_absolute"),
        ("人气榜第1的半裙", "ad_absolute"),
        # self-awarded grades and honours, origins
        ("至臻羊绒，一件传三代", "ad_absolute"),
        ("皇家级刺绣工艺", "ad_absolute"),
        ("奢侈品级的走线", "ad_absolute"),
        ("国内无痕内衣的鼻祖", "ad_absolute"),
        ("全国首个做可机洗羊绒的品牌", "ad_absolute"),
        ("金牌做工，经得起细看", "ad_absolute"),
        # guarantees and prices spread over a sentence
        ("百分之百不掉色的黑T", "ad_absolute"),
        ("这价格比全网都划算", "ad_absolute"),
        ("别家都没这个价，只有直播间有", "ad_absolute"),
        ("跑遍全城都找不到这个价", "ad_absolute"),
        ("这价格比任何一家都便宜", "ad_absolute"),
        ("不会有比它更保暖的外套了", "ad_absolute"),
        ("再也找不到更柔软的睡衣了", "ad_absolute"),
        ("不会有更显瘦的阔腿裤了", "ad_absolute"),
        ("通勤裤里我愿称之为神", "ad_absolute"),
        # variant characters, abbreviations and pinyin
        ("全网惟一的提花工艺", "ad_absolute"),
        ("囯家级工艺的旗袍", "ad_absolute"),
        ("NO.一的冲锋衣", "ad_absolute"),
        ("独一无2的剪裁", "ad_absolute"),
        ("打底裤THB", "ad_absolute"),
        ("这条裤子wudi显瘦", "ad_absolute"),
        # inverted sales rankings
        ("🥇销量的冲锋衣补货了", "ad_absolute"),
        ("第一畅销的卫衣", "ad_absolute"),
        # platforms, sales festivals and places + 第一
        ("小红书第一的通勤包", "ad_absolute"),
        ("双11第一的羽绒服品牌", "ad_absolute"),
        ("同城第一的童装店", "ad_absolute"),
        # exclusivity, idioms of being unmatched, price riddles
        ("这种提花，其他家都没有", "ad_absolute"),
        ("别的品牌根本做不出这个版型", "ad_absolute"),
        ("保暖性，谁与争锋", "ad_absolute"),
        ("同价位羽绒服里一枝独秀", "ad_absolute"),
        ("品质无可争议", "ad_absolute"),
        ("比它软的没它便宜", "ad_absolute"),
        ("还想找更便宜的？不可能", "ad_absolute"),
        ("销量甩第二好几条街", "ad_absolute"),
        # guarantees of an effect
        ("这条裤子100%显瘦", "ad_absolute"),
        ("百分百显高的厚底鞋", "ad_absolute"),
        ("穿上就是100%回头率", "ad_absolute"),
        ("这个价，别的直播间根本买不到", "ad_absolute"),
        # claims right next to the lawful contexts above still hit
        ("这件是天花板做工", "ad_absolute"),
        ("户外天花板装备，闭眼冲", "ad_absolute"),
        ("全国唯一还有这种手工工艺的品牌", "ad_absolute"),
        ("国内第一家厂商直供", "ad_absolute"),
        ("全网卖得最好的是我们家这款", "ad_absolute"),
        ("打工人的顶级通勤包", "ad_absolute"),
    ],
)
def test_claims_are_reviewed(text: str, category: str) -> None:
    assert category in categories(text), (text, categories(text))
