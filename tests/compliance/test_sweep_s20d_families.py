"""Issue 18, session 20 (s20d, h210): a breadth sweep of the concepts of pii and ad_disclosure
(tests/compliance/sweep_s20d.md lists them, one a line). Every probe sentence of the sweep is
here, one for each concept or two (plain and with an evasion), and two or more lawful neighbours
for each family: a private person's mobile in every disguise, landlines, WeChat/QQ ids and other
apps, ID and travel documents, bank cards, e-mail, homes, hotel rooms and coordinates, named
customers with body or health details, children, plates and parcels; purchase paths (community
group buying, commission links, gifted PR products, marketplace nicknames), disguised
collaborations and denials in seeding posts. Probes still missed are marked xfail (strict), so
that a fix shows up; paid reviews are the inducement category's (as the evaluation sets label
them)."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories

GAP = pytest.mark.xfail(strict=True, reason="known gap of the s20d sweep (see sweep_s20d.md)")


PII_HITS = [
    # mobile
    ("尺码不合适可以直接打我电话13812345678换货", "pii"),
    ("想要同款的姐妹联系我 138 1234 5678", "pii"),
    ("团长手机 139-2345-6789，下单备注尺码", "pii"),
    ("店长私人号 139.2345.6789 随时问", "pii"),
    ("海外的姐妹加我 +86 13812345678 咨询尺码", "pii"),
    ("代购下单请致电 0086-138-1234-5678", "pii"),
    ("联系人：小林（+86）15912345678", "pii"),
    ("买大了就打一三八一二三四五六七八找我换", "pii"),
    ("换码找我：壹叁捌壹贰叁肆伍陆柒捌", "pii"),
    ("售后找我 壹叁捌1234伍陆柒捌", "pii"),
    ("电话幺三八幺二三四五六七八，备注买了羽绒服", "pii"),
    ("打幺三八两两三四五六七八问库存", "pii"),
    ("联系①③⑧①②③④⑤⑥⑦⑧拿同款", "pii"),
    ("私聊1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣领尺码表", "pii"),
    ("手机：１３８１２３４５６７８", "pii"),
    ("号码138🌸1234🌸5678 可以直接打", "pii"),
    ("客服不在就找我\n138 1234\n5678", "pii"),
    ("我是尾号5678的店主，全号13812345678", "pii"),
    ("手机前三位139，后八位23456789，打过来订大衣", "pii"),
    ("我的电话135开头，中间0123，尾号4567", "pii"),
    ("电话 yao san ba yi er san si wu liu qi ba", "pii"),
    ("打我电话 腰伞捌 医二伞四 无六七八", "pii"),
    ("电话 l38-O2l4-7736 找店长", "pii"),
    ("联系 𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖 下单", "pii"),
    ("下单电话 ¹³⁸¹²³⁴⁵⁶⁷⁸", "pii"),
    ("电话1​3​8​12345678", "pii"),
    ("拿货电话 17012345678", "pii"),
    ("备用号 14712345678 也能打", "pii"),
    ("团购群主 19912345678 拉你进群", "pii"),
    ("vx同号 18612345678，搭配问题随时问", "pii"),
    ("电话 138/1234/5678", "pii"),
    ("手机 138 然后 1234 然后 5678", "pii"),
    pytest.param(
        "call me one three eight one two three four five six seven eight", "pii", marks=GAP
    ),
    pytest.param("我的号码倒过来写是87654321831，想要链接的自己算", "pii", marks=GAP),
    ("📱13812345678 买前问尺码", "pii"),
    ("小雅姐 13812345678 她家代购", "pii"),
    # landline
    ("晚上可以打我家里座机 010-62345678 问尺码", "pii"),
    ("宅电 021-54321234，白天没人", "pii"),
    ("家里电话（0571）87654321 找我妈拿衣服", "pii"),
    ("0 1 0 - 6 2 3 4 5 6 7 8（家里座机）", "pii"),
    ("王阿姨的电话 0755-23456789，她负责团购收货", "pii"),
    # wechat
    ("搭配咨询加我微信号 lily_0823", "pii"),
    ("想要同款 vx: lily0823", "pii"),
    ("VX：zhang_xiaomei88 私聊", "pii"),
    ("加v信 mei_2023 拿内部价", "pii"),
    ("V❤：anna1990 下单", "pii"),
    ("薇：xiaomei_88 详聊", "pii"),
    ("薇信 xiaomei_88 包邮", "pii"),
    ("威信 xm1990abc 找我", "pii"),
    ("维信：xm1990abc", "pii"),
    ("绿泡泡 xiaomei_88 备注衣服", "pii"),
    ("🟢泡泡：xiaomei_88", "pii"),
    ("绿色软件搜 xiaomei_88 加我", "pii"),
    ("wx：xiaomei_88 拿货", "pii"),
    ("🛰️ xiaomei_88 私", "pii"),
    ("加v xiaomei_88 看实拍", "pii"),
    ("+v: xiaomei_88", "pii"),
    ("微 信：xiaomei_88", "pii"),
    ("weixin: xiaomei_88 要链接", "pii"),
    ("WeChat ID: xiaomei_88 for sizing", "pii"),
    ("微信就是手机号 13912345678", "pii"),
    ("微信 x i a o m e i 8 8", "pii"),
    ("徽信 xiaomei_88", "pii"),
    pytest.param("胃信 xiaomei_88 找我拿同款", "pii", marks=GAP),
    ("薇❤ xiaomei_88", "pii"),
    ("我的vx号是 meimei2024 有事找我", "pii"),
    # qq
    ("QQ号 12345678 加我领尺码表", "pii"),
    ("扣扣：87654321", "pii"),
    ("企鹅号 87654321 私聊", "pii"),
    ("抠抠 87654321", "pii"),
    ("Q号：87654321 备注", "pii"),
    ("QQ 8 7 6 5 4 3 2 1", "pii"),
    ("扣扣 八七六五四三二一", "pii"),
    pytest.param("🐧 87654321 加我", "pii", marks=GAP),
    ("q q：87654321 找我", "pii"),
    # platforms
    ("我的抖音号 meimei_0823 每天穿搭", "pii"),
    ("小红书号 95123456789 看更多", "pii"),
    ("尾款转我支付宝账号 13812345678", "pii"),
    ("飞机 @meimei0823 私聊拿货", "pii"),
    ("钉钉号 meimei0823 对接", "pii"),
    pytest.param("闲鱼搜 meimei0823 出二手", "pii", marks=GAP),
    ("LINE ID: meimei0823", "pii"),
    ("ins：meimei.0823", "pii"),
    # idcard
    ("收件人身份证 110105199003071239 清关用", "pii"),
    ("身份证号 32058219850612109X", "pii"),
    ("身份证 110105 19900307 1239", "pii"),
    ("老身份证号 110105900307123 还能用吗", "pii"),
    ("护照号 E12345678 海淘报关用", "pii"),
    ("通行证号码 C12345678 代购登记", "pii"),
    ("身份证 一一〇一〇五一九九〇〇三〇七一二三九", "pii"),
    ("驾驶证号 110105199003071239", "pii"),
    ("社保卡号 110105199003071239 给我登记", "pii"),
    # bank
    ("打款到卡号 6222021000123456781，备注尺码", "pii"),
    ("工行 6222 0210 0012 3456 781 转账", "pii"),
    ("建行 6217000080001234562 户名 李梅", "pii"),
    ("银行卡 6230580000123455 付尾款", "pii"),
    ("卡号 6222.0210.0012.3456.781", "pii"),
    # email
    ("买家秀投稿发我邮箱 lilymei88@163.com", "pii"),
    ("邮箱 lilymei88(at)163.com", "pii"),
    ("邮箱 lilymei88艾特163点com", "pii"),
    ("lilymei88圈a163.com 发我尺码", "pii"),
    ("邮箱 lilymei88#163.com（#换成@）", "pii"),
    ("lilymei88@gmail dot com", "pii"),
    ("QQ邮箱 87654321@qq.com", "pii"),
    pytest.param("邮箱是 lilymei88 艾特 一六三 点 com", "pii", marks=GAP),
    ("lilymei88 @ 163 . com 找我", "pii"),
    # address
    ("寄到浙江省杭州市西湖区文三路123号给我", "pii"),
    ("地址：阳光小区3栋2单元501室 李梅", "pii"),
    pytest.param("田林东路75弄12号 收货", "pii", marks=GAP),
    pytest.param("河南省周口市沈丘县刘庄村三组 王大姐收", "pii", marks=GAP),
    ("送到我们学校 3 号楼 308 寝室", "pii"),
    ("绿城花园5幢1201，到了打电话", "pii"),
    ("碧桂园 5-2-301 放门口", "pii"),
    ("放在翠湖苑12号楼3单元602，我姐收", "pii"),
    ("人在上海市徐汇区漕溪北路88号，明天上门试衣", "pii"),
    ("我住在如家酒店 1208 房，衣服送过来", "pii"),
    pytest.param("送到我公司：科技园A座18楼1803 张伟", "pii", marks=GAP),
    ("定位发你：30.2741, 120.1551 就是我家", "pii"),
    ("家住李家村15号，来拿衣服", "pii"),
    ("地址是浙大紫金港蓝田5舍312", "pii"),
    pytest.param("我开了实时位置共享，到楼下给你试穿", "pii", marks=GAP),
    # named-customer
    ("恭喜李娜 13812345678 获得免单", "pii"),
    ("感谢张晓燕（身高162，体重128斤，胸围92）的买家秀", "pii"),
    ("王丽丽孕6个月，穿L码刚好", "pii"),
    ("陈静乳腺癌术后，专门给她定制的内衣", "pii"),
    pytest.param("订单号 2026120712345678 的刘敏，您的大衣已发出", "pii", marks=GAP),
    ("周敏 138****5678", "pii"),
    ("尾号4630的周敏姐，裙子到了", "pii"),
    ("周可馨，2019年7月3日出生，穿110码", "pii"),
    ("李梅 阳光小区3栋2单元501室", "pii"),
    ("顾客赵小雨 158cm 96斤 穿S码", "pii"),
    # child
    ("实验小学三年级二班的王子涵穿我们家的校服外套", "pii"),
    ("中二班的李沐阳穿这件超可爱", "pii"),
    pytest.param("给朵朵（阳光幼儿园大一班）定的演出服", "pii", marks=GAP),
    pytest.param("我家宝贝林小雨2020年3月5日生，穿120码", "pii", marks=GAP),
    ("学号20231234的张小明，校服尺码登记好了", "pii"),
    # plate
    ("车牌沪A12345的车主，你的衣服在门卫", "pii"),
    ("京B·12345 的车停店门口了", "pii"),
    ("粤B D12345 车主取货", "pii"),
    # tracking
    ("韵达 4318123456789 收件人 冯晓光", "pii"),
    ("顺丰SF1234567890123 刘敏 请查收", "pii"),
    # mobile
    ("有问题找我13812345678", "pii"),
    ("店长小美（13812345678）", "pii"),
    ("下单拨 159 8765 4321", "pii"),
    ("１３８－１２３４－５６７８ 联系", "pii"),
    ("私人号码：18698765432", "pii"),
    ("手机 138-12345678", "pii"),
    # address
    ("收货地址：广东省深圳市南山区科苑路15号 陈先生", "pii"),
    ("金地小区12号楼1单元402室", "pii"),
    ("朝阳区建国路88号院3号楼2单元601", "pii"),
    # named-customer
    ("给我女儿张悦悦买的，她有湿疹只能穿纯棉", "pii"),
    ("买家林芳 34C 穿这款刚好", "pii"),
    # child
    ("一年级四班的李沐阳穿我们家的卫衣", "pii"),
    # wechat
    pytest.param("vx：八八六六九九", "pii", marks=GAP),
    ("微信搜 xiaomei_88 加我", "pii"),
    # qq
    ("我的QQ 2345678901", "pii"),
    # email
    ("投稿请发 zhangxiaomei@qq.com", "pii"),
    # platforms
    ("微博@小美穿搭 手机13812345678", "pii"),
]

AD_HITS = [
    # purchase-path
    ("这件羊绒大衣真的绝了，姐妹们链接在评论区", "ad_disclosure"),
    ("穿上显瘦十斤，小黄车1号链接", "ad_disclosure"),
    ("同款阔腿裤已经放橱窗了，冲", "ad_disclosure"),
    ("喜欢的宝宝直接点购物车下单", "ad_disclosure"),
    ("左下角同款羽绒服，手慢无", "ad_disclosure"),
    ("复制这段淘口令￥AbC123￥打开手淘就能买到同款", "ad_disclosure"),
    ("口令：8￥XyZ99￥，复制后打开某宝", "ad_disclosure"),
    ("复制这条信息打开淘宝，同款毛衣直接下单", "ad_disclosure"),
    ("淘宝搜“小美衣橱”就能找到这条裙子", "ad_disclosure"),
    ("想要同款的私信我要链接", "ad_disclosure"),
    ("主页店铺有这件卫衣，自取", "ad_disclosure"),
    ("自用分享这件打底衫，喜欢的姐妹群里接龙下单", "ad_disclosure"),
    ("穿搭分享｜点开下面的小程序就能买同款", "ad_disclosure"),
    ("扫描文末二维码直接购买同款", "ad_disclosure"),
    ("种草这件大衣，我开了团购，评论区上车", "ad_disclosure"),
    ("今天视频挂车了，同款冲", "ad_disclosure"),
    ("直播间3号链接就是我推荐的这条裙子", "ad_disclosure"),
    ("视频下方商品卡可以直接买", "ad_disclosure"),
    ("喜欢的点我头像进店看看", "ad_disclosure"),
    ("好物分享，长按识别图中码，同款毛衣到手价199", "ad_disclosure"),
    ("点击阅读原文即可购买同款", "ad_disclosure"),
    ("文章下方卡片就是同款入口", "ad_disclosure"),
    ("评论区第一条有购买方式", "ad_disclosure"),
    ("要同款的私我，给你发", "ad_disclosure"),
    ("想入的滴滴我", "ad_disclosure"),
    ("某宝搜 同名 就有", "ad_disclosure"),
    ("tb搜小美衣橱，这件外套", "ad_disclosure"),
    ("pdd上有同款，搜小美家", "ad_disclosure"),
    ("京东搜小美旗舰店同款", "ad_disclosure"),
    ("狗东就有，搜小美家", "ad_disclosure"),
    ("得物搜这双鞋就有", "ad_disclosure"),
    ("微店搜小美衣橱下单同款", "ad_disclosure"),
    ("有赞小店已上架，同款点进来", "ad_disclosure"),
    ("推荐这件羊毛衫，快团团开团了，同款跟团", "ad_disclosure"),
    ("视频号小店有同款，点主页进", "ad_disclosure"),
    ("抖店搜小美衣橱", "ad_disclosure"),
    ("用我的专属优惠码MEI88下单立减20", "ad_disclosure"),
    ("填我的邀请码 mei88 买同款", "ad_disclosure"),
    ("走我的返利链接买更便宜", "ad_disclosure"),
    ("这件羽绒服我自己穿了一冬，真心推荐，今晚8点开团，想要的跟团", "ad_disclosure"),
    ("穿搭分享：这件大衣找团长下单，同款群里有", "ad_disclosure"),
    ("亲测不起球的羊毛衫，同款跟团价159", "ad_disclosure"),
    ("种草这条裙子，想要的姐妹评论区上车", "ad_disclosure"),
    ("直接拍下就行，同款在橱窗", "ad_disclosure"),
    ("戳下方链接带走同款", "ad_disclosure"),
    ("穿搭分享，点击蓝色字体就能跳转购买", "ad_disclosure"),
    ("闲鱼搜小美出同款", "ad_disclosure"),
    ("评论“想要”自动发链接", "ad_disclosure"),
    ("评论区扣“想要”我发你购买方式", "ad_disclosure"),
    ("主页置顶有同款链接", "ad_disclosure"),
    ("简介里有店铺入口", "ad_disclosure"),
    ("自用推荐这件卫衣，拼单更便宜，链接在这", "ad_disclosure"),
    ("可代购同款，私信", "ad_disclosure"),
    ("种草这件风衣，同款已上架，搜小美衣橱", "ad_disclosure"),
    ("点击下方链接直达", "ad_disclosure"),
    ("购买见置顶", "ad_disclosure"),
    # collab
    ("恰饭啦！这件毛衣姐妹们可以冲，小黄车有", "ad_disclosure"),
    ("接了个商单，但衣服是真好看，橱窗同款", "ad_disclosure"),
    ("品牌方寄来的新款大衣，左下角有链接", "ad_disclosure"),
    ("置换来的羊绒衫，但真心推荐，链接在主页", "ad_disclosure"),
    ("这是一条推广，同款点小黄车", "ad_disclosure"),
    ("走我链接有返佣，同款毛衣", "ad_disclosure"),
    ("感谢品牌爸爸送的冬装，链接评论区", "ad_disclosure"),
    ("金主爸爸的新款羽绒服，小黄车1号", "ad_disclosure"),
    ("甲方爸爸让我说这件真的显瘦，链接在下面", "ad_disclosure"),
    ("品牌送测的冲锋衣，同款在橱窗", "ad_disclosure"),
    ("作为小美家体验官，这条裙子给你们看看，链接在评论区", "ad_disclosure"),
    ("受邀试穿小美家新款，同款左下角", "ad_disclosure"),
    ("收到的公关品，喜欢的点橱窗", "ad_disclosure"),
    ("PR礼盒开箱，同款链接已挂", "ad_disclosure"),
    ("寄拍的一条裙子，小黄车可以买", "ad_disclosure"),
    ("官方邀请我来试穿，同款链接在评论区", "ad_disclosure"),
    ("又来恰烂钱了，这件卫衣小黄车有", "ad_disclosure"),
    ("接广了接广了，同款在橱窗", "ad_disclosure"),
    ("品牌赠送的冬季新款，购买链接评论区", "ad_disclosure"),
    ("买同款我有佣金，但是真心推荐，链接在这", "ad_disclosure"),
    ("qf了家人们，这件大衣链接在橱窗", "ad_disclosure"),
    ("和小美家的hz，同款小黄车", "ad_disclosure"),
    ("🍚恰饭🍚 同款左下角", "ad_disclosure"),
    ("蒲公英合作笔记，同款点商品卡", "ad_disclosure"),
    ("星图单子，同款挂车了", "ad_disclosure"),
    ("今天给大家带货一件神仙毛衣，小黄车", "ad_disclosure"),
    ("我是小美家分销，同款找我下单", "ad_disclosure"),
    ("作为品牌大使推荐这件大衣，链接在主页", "ad_disclosure"),
    ("感谢小美家送的裙子！链接放评论区", "ad_disclosure"),
    ("品牌方送的，链接挂了", "ad_disclosure"),
    # denial
    ("非广！真的好穿，链接在评论区", "ad_disclosure"),
    ("无广，自用，小黄车有同款", "ad_disclosure"),
    ("自费购入的大衣，同款放橱窗了", "ad_disclosure"),
    ("纯分享，同款链接在评论区", "ad_disclosure"),
    ("纯路人推荐，左下角同款", "ad_disclosure"),
    ("这不是广告！同款毛衣小黄车", "ad_disclosure"),
    ("没收钱，真心推荐，链接放评论区", "ad_disclosure"),
    ("无利益相关，淘宝搜小美衣橱", "ad_disclosure"),
    ("非恰饭，同款在橱窗", "ad_disclosure"),
    ("没有任何合作，链接在主页", "ad_disclosure"),
    ("纯自来水，同款购物车", "ad_disclosure"),
    ("真的不是托，评论区有链接", "ad_disclosure"),
    ("不是软广哈，小黄车自取", "ad_disclosure"),
    ("原价买的，链接给你们放评论区了", "ad_disclosure"),
    ("no ad，纯分享，同款在橱窗", "ad_disclosure"),
    ("not sponsored! 链接在评论区", "ad_disclosure"),
    ("wg，自己买的，同款左下角", "ad_disclosure"),
    ("fg 真心推荐 小黄车", "ad_disclosure"),
    ("zf买的，链接评论区", "ad_disclosure"),
    ("非 广，同款购物车", "ad_disclosure"),
    ("这条不恰饭，链接在评论区", "ad_disclosure"),
    ("wu广，同款小黄车", "ad_disclosure"),
    ("fei广，同款橱窗", "ad_disclosure"),
    ("良心推荐不收钱，链接在主页", "ad_disclosure"),
    ("自用分享，同款左下角", "ad_disclosure"),
    ("真实测评，没有任何合作，购物车有", "ad_disclosure"),
    ("0广，小黄车有", "ad_disclosure"),
    ("自掏腰包买的，同款链接放橱窗", "ad_disclosure"),
    ("个人推荐非商业，同款在小程序", "ad_disclosure"),
    ("素人分享，不是博主，同款左下角", "ad_disclosure"),
    ("没拿品牌一分钱，链接评论区", "ad_disclosure"),
    ("真心安利不是推广，同款小黄车", "ad_disclosure"),
    # paid-review
    ("五星好评返现5元，截图私我", "inducement"),
    ("带图追评送10元无门槛券", "inducement"),
    ("晒图返3元红包", "inducement"),
    ("好评送运费险", "inducement"),
    ("好评截图找客服领红包", "inducement"),
    ("五星+三张图，返现8元", "inducement"),
    ("买家秀返现10元", "inducement"),
    ("评价后联系客服返现", "inducement"),
    ("删差评补偿20元", "inducement"),
    ("改成好评就给你退10元", "inducement"),
    # disguised-styles
    ("冬季羽绒服测评，第三款最推荐，链接在评论区", "ad_disclosure"),
    ("显瘦阔腿裤合集，都在我橱窗", "ad_disclosure"),
    ("通勤穿搭分享，同款都挂小黄车了", "ad_disclosure"),
    ("开箱这件羊绒衫，链接在评论区", "ad_disclosure"),
    ("种草这条裙子！链接放评论区", "ad_disclosure"),
    ("安利一件神仙毛衣，小黄车有", "ad_disclosure"),
    ("冬日好物推荐，同款都在橱窗", "ad_disclosure"),
    ("第三次回购，同款左下角", "ad_disclosure"),
    ("大牌平替，链接在评论区", "ad_disclosure"),
    ("闭眼入不踩雷，小黄车1号", "ad_disclosure"),
    ("双十一清单，链接都在主页", "ad_disclosure"),
    # purchase-path
    ("种草这件大衣，左下角小房子进直播间拍", "ad_disclosure"),
    ("好物分享：私信回复“大衣”自动发购买链接", "ad_disclosure"),
    ("穿搭分享，同款店铺搜我昵称就有", "ad_disclosure"),
    ("自用好物，同款链接在我朋友圈", "ad_disclosure"),
    ("推荐这条裙子，评论区扣1私发链接", "ad_disclosure"),
    ("种草一件羊绒衫，天猫搜小美旗舰店", "ad_disclosure"),
    ("真心推荐，唯品会搜小美同款", "ad_disclosure"),
    ("亲测好穿，快手小店有同款", "ad_disclosure"),
    ("好物分享，抖音搜小美衣橱同款", "ad_disclosure"),
    ("穿搭分享，菜单栏商城可以买同款", "ad_disclosure"),
    ("测评完了，点商品卡进详情页购买", "ad_disclosure"),
    pytest.param("种草这件毛衣，同款 m.tb.cn/h.5xYz 直接买", "ad_disclosure", marks=GAP),
    ("自用推荐 8￥Ab12Cd￥ 复制打开淘宝", "ad_disclosure"),
    ("好物分享：同款私聊下单", "ad_disclosure"),
    # collab
    ("恰个饭，这件羽绒服小黄车有", "ad_disclosure"),
    ("接了个广子，同款链接在评论区", "ad_disclosure"),
    ("这是条软广，同款在橱窗", "ad_disclosure"),
    ("作为小美家的种草官，这条裙子链接在主页", "ad_disclosure"),
    ("受品牌邀请测评，同款在小黄车", "ad_disclosure"),
    # denial
    ("绝非广告，同款链接在评论区", "ad_disclosure"),
    ("并非推广，小黄车有同款", "ad_disclosure"),
    ("这真不是打广告，链接在主页", "ad_disclosure"),
    ("纯纯自用，同款在橱窗", "ad_disclosure"),
    ("没人给我钱，真心推荐，链接评论区", "ad_disclosure"),
    ("非商业推广，同款左下角", "ad_disclosure"),
    ("无商业合作，小黄车自取", "ad_disclosure"),
    ("不是恰饭视频，链接在评论区", "ad_disclosure"),
    ("我不是品牌方派来的，同款链接在主页", "ad_disclosure"),
    ("not an ad，同款小黄车", "ad_disclosure"),
]

NEIGHBOURS = [
    # mobile
    ("手机号已脱敏：138****5678", "pii"),
    ("全国客服热线 400-820-8820", "pii"),
    ("尺码 175/92A，腰围68", "pii"),
    ("到手价1380元，已售13812件", "pii"),
    ("无门槛券10元，满199减20，客服电话400-820-8820", "pii"),
    # landline
    ("门店电话 0571-87654321，欢迎到店试穿", "pii"),
    ("客服座机 021-54321234（工作日 9:00-18:00）", "pii"),
    # wechat
    ("官方客服微信：hemline_kefu", "pii"),
    ("微信公众号搜 Hemline 看上新", "pii"),
    # qq
    ("QQ音乐同款歌单配这条裙子", "pii"),
    ("企鹅款印花卫衣，可爱到犯规", "pii"),
    # platforms
    ("抖音同款阔腿裤", "pii"),
    ("小红书爆款穿搭分享", "pii"),
    # idcard
    ("款号 A2391 已补货", "pii"),
    ("货号 110105199003071239 的面料批次", "pii"),
    # bank
    ("支持银行卡、信用卡分期", "pii"),
    ("订单号 6222021000123456781 已发货", "pii"),
    # email
    ("品牌合作请联系 pr@hemline.com", "pii"),
    ("客服邮箱 service@hemline.cn", "pii"),
    # address
    ("门店地址：杭州市西湖区文三路123号（Hemline 旗舰店）", "pii"),
    ("退货地址：浙江省杭州市余杭区仓前街道 Hemline 仓库", "pii"),
    # named-customer
    ("模特身高175，体重50kg，穿S码", "pii"),
    ("中奖名单：李**、王**、张**", "pii"),
    # child
    ("儿童校服外套，110-160码", "pii"),
    ("幼儿园中班的孩子穿110码", "pii"),
    ("学号登记表已发群里，请家长填写尺码", "pii"),
    # plate
    ("沪A系列印花，复古车牌元素", "pii"),
    ("京剧脸谱印花T恤", "pii"),
    # tracking
    ("顺丰包邮，48小时发货", "pii"),
    ("快递单号 4318123456789 已发出", "pii"),
    # purchase-path
    ("【广告】小美家新款羊绒大衣，链接在评论区", "ad_disclosure"),
    ("Hemline 官方旗舰店上新，点击官方小程序购买", "ad_disclosure"),
    ("这篇新闻的链接在评论区，大家可以看看面料新国标", "ad_disclosure"),
    # collab
    ("#广告 感谢小美家赞助的这套穿搭，同款在评论区", "ad_disclosure"),
    ("我们和面料厂合作十年，品质稳定", "ad_disclosure"),
    ("商业合作请联系 pr@hemline.com", "ad_disclosure"),
    ("感谢本期赞助商，同款大衣左下角", "ad_disclosure"),
    # denial
    ("无广告打扰的会员专区上线了", "ad_disclosure"),
    ("自费买的大衣，穿了一冬很暖和", "ad_disclosure"),
    ("这条不是广告位，是编辑推荐的穿搭文章", "ad_disclosure"),
    # paid-review
    ("好评如潮的羊绒衫补货了", "ad_disclosure"),
    ("欢迎如实评价，我们认真看每一条", "ad_disclosure"),
    # disguised-styles
    ("冬季羽绒服测评：充绒量、蓬松度对比", "ad_disclosure"),
    ("穿搭分享：大衣配阔腿裤", "ad_disclosure"),
]


@pytest.mark.parametrize(("text", "category"), PII_HITS)
def test_pii_concepts_hit(text: str, category: str) -> None:
    assert category in categories(text)


@pytest.mark.parametrize(("text", "category"), AD_HITS)
def test_ad_disclosure_concepts_hit(text: str, category: str) -> None:
    assert category in categories(text)


@pytest.mark.parametrize(("text", "category"), NEIGHBOURS)
def test_lawful_neighbours_pass(text: str, category: str) -> None:
    assert category not in categories(text)
