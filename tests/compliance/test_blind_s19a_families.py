"""Issue 18, session 19 (s19a, h195): lottery and inducement classes from the misses and false
flags of two retired blind sets (fresh_set_5, fresh_set_6), fixed as families in
``wordlists/lottery.csv`` and ``wordlists/inducement.csv``. Each class has variants written the
way other marketers would write it (other products, verbs, orders, slang) and lawful neighbours;
no sentence of a retired set is copied here.

Classes: a winner picked without the word 抽 (挑人送, 点一位, 随手点, picked from the reposts or
likes, the prize 包圆/承包); prizes hidden in parcels (a tag, badge or scratch strip that wins a
full refund); speed races for prizes (扣屏, 手速, 抢答); fortune draws whose lucky stick wins a
coupon; rewards for shares, follows, saves or likes that unlock a code, a full refund or a free
gift (the like written as an emoji heart, 双击); chain-letter threats without a reward (不转 …
胖十斤); and the false flags: statements that no lottery was ever held (scam warnings) and
notices of a past draw's winners."""

from __future__ import annotations

import pytest

from tests.compliance.families import assert_flagged, assert_not_flagged

FLAGGED = [
    # a winner picked without 抽: 挑人/选人/点人, pointing at N people, picks from a pool
    ("大家在评论区报尺码，周日我从里面挑人送同款卫衣", None, "lottery"),
    ("留言说说你的通勤困扰，我们挑人包邮寄出新款", "xiaohongshu", "lottery"),
    ("转评过百，我们就从留言里选人送羊毛围巾", None, "lottery"),
    ("今晚八点直播间点人送加绒卫裤", "douyin", "lottery"),
    ("从留言里随手点两位宝子寄出同款毛衣", None, "lottery"),
    ("评论区随便点一位姐妹送冬季新款", "xiaohongshu", "lottery"),
    ("直播结束前随机点三位粉丝，每人一条围巾", "douyin", "lottery"),
    ("周日从转发里闭眼挑一位，承包你全年的卫衣", "wechat_oa", "lottery"),
    ("点赞里随手挑两位宝子送手套", "xiaohongshu", "lottery"),
    ("留言区随缘挑一位幸运星，秋冬新款直接包圆", "xiaohongshu", "lottery"),
    ("评论区蹲一个有缘宝子，新款卫衣我包了", "xiaohongshu", "lottery"),
    ("明晚直播看评论，看中谁就送谁一件羽绒服", "douyin", "lottery"),
    ("评论区我闭眼翻，翻到谁送谁", "xiaohongshu", "lottery"),
    ("挑中的宝子我们私信联系，送同款大衣", "xiaohongshu", "lottery"),
    ("看眼缘送出5件新款毛衣", "xiaohongshu", "lottery"),
    # prizes hidden in parcels
    ("部分快递里夹了一枚银色徽章，拆到的顾客这一单全额退款", "xiaohongshu", "lottery"),
    ("快递盒里附一张刮刮贴，刮出笑脸的订单全额退款", "douyin", "lottery"),
    ("新品包裹里藏着红色吊牌，拆到就整单退款", "wechat_oa", "lottery"),
    ("这批毛衣有十件的洗标是金色的，拆到的姐妹整单免费", "xiaohongshu", "lottery"),
    ("刮开包装盒上的涂层，刮出“全免”就全单退款", None, "lottery"),
    ("有五个包裹里放了金色卡片，看到的姐妹这单我们买单", "xiaohongshu", "lottery"),
    ("本周包裹中藏了三张幸运卡，找到就整单免费", "wechat_oa", "lottery"),
    ("拆开包裹发现了隐藏卡的宝子，整单退款", "douyin", "lottery"),
    # speed races for prizes
    ("整点直播间扣屏“冲”，最快的两位送加绒卫裤", "douyin", "lottery"),
    ("拼手速：整点在评论区刷“想要”，前5名各送一双袜子", "douyin", "lottery"),
    ("手速最快的三位宝子包邮送毛衣", "xiaohongshu", "lottery"),
    ("直播间抢答面料成分，答对的第一位粉丝送围巾", "channels", "lottery"),
    ("今晚九点扣屏“新年好”，第一个扣到的宝宝直接送羽绒服", "douyin", "lottery"),
    ("手快有手慢无！前三个在公屏打出暗号的宝子送毛衣", "douyin", "lottery"),
    ("秒回的前五个宝子送袜子", "douyin", "lottery"),
    ("前三位在评论区答对面料成分的送围巾", "channels", "lottery"),
    # fortune draws whose stick wins a coupon
    ("直播间摇一支签，摇到上上签的宝子可领50元门槛券", "douyin", "lottery"),
    ("公众号菜单每天抽一支好运签，好运签能换200元优惠券", "wechat_oa", "lottery"),
    ("下单后求一支签，上上签的订单送折扣码", "xiaohongshu", "lottery"),
    ("开年好运签上线：签上写着的就是你的门槛券面额", "wechat_oa", "lottery"),
    ("抽到上上签的姐妹免费领一条围巾", None, "lottery"),
    ("摇签摇到“大吉”立减50", "douyin", "lottery"),
    ("求签活动：求到上签的读者送羊绒围巾", "wechat_oa", "lottery"),
    ("拆快递拆到福卡的姐妹，下单立减100", "xiaohongshu", "lottery"),
    # rewards for shares, follows, saves or likes: codes, full refunds, free gifts
    ("转发并关注我们，即可解锁隐藏款折扣码", "xiaohongshu", "inducement"),
    ("关注店铺号，私信“冬天”解锁隐藏款折扣", "douyin", "inducement"),
    ("这篇攻略收藏过五百，我把打版图免费发给大家", "xiaohongshu", "inducement"),
    ("收藏破千，就把私藏的面料清单免费寄给前十位", "xiaohongshu", "inducement"),
    ("带话题发一篇穿搭，私信截图，订单全款返", "xiaohongshu", "inducement"),
    ("晒出买家秀并截图发客服，这一单全额返", None, "inducement"),
    ("给这条笔记点个小❤️，满500个就发隐藏折扣码", "xiaohongshu", "inducement"),
    ("点个小🤍🤍，过两千直接放出内部券", "xiaohongshu", "inducement"),
    ("双击屏幕满一万，今晚就上福利价", "douyin", "inducement"),
    ("家人们双击点赞，过五千送运费券", "douyin", "inducement"),
    ("分享到三个群，截图找客服，这件大衣全额返", "community", "inducement"),
    ("这条赞破五千，全场直接打五折", "douyin", "inducement"),
    ("在看过500，周五就把折扣码发出来", "wechat_oa", "inducement"),
    ("收藏满200，解锁下一期私藏教程", "xiaohongshu", "inducement"),
    ("粉丝破万就发隐藏优惠", "douyin", "inducement"),
    ("点关注，私信“冬装”领隐藏优惠", "douyin", "inducement"),
    # likes as the entry to a draw that never says 抽 (not on Weibo: see the channel note)
    ("点赞这条笔记，周日翻牌两位宝子送同款", "xiaohongshu", "inducement"),
    ("点赞这篇笔记，周日随机挑一位送卫衣", "xiaohongshu", "inducement"),
    ("点赞本篇，下周从里面选两位读者送围巾", "wechat_oa", "inducement"),
    ("给视频点个赞，直播时翻牌两位宝子送同款", "douyin", "inducement"),
    ("给个赞再留言，周五开一位宝子送大衣", "channels", "inducement"),
    ("收藏+评论，周五随机挑两位宝子送大衣", "xiaohongshu", "inducement"),
    ("从转评里随手点一位姐妹送羊绒大衣", "xiaohongshu", "inducement"),
    ("周日从转发中闭眼挑两位读者，各送一条围巾", "wechat_oa", "inducement"),
    # chain-letter threats without a reward
    ("看到这条的宝子不转一下，明年一整年都没桃花哦", "wechat_oa", "inducement"),
    ("不转发的姐妹，过年回家必被催婚", "community", "inducement"),
    ("看到不分享给闺蜜，下个月长痘", "xiaohongshu", "inducement"),
    ("没转的姐妹，下个月体重涨五斤", "wechat_oa", "inducement"),
    ("刷到了不转？小心一整年都水逆", "xiaohongshu", "inducement"),
    ("这条不转，冬天过完胖十斤", "community", "inducement"),
    ("刷到的人不转一下，期末必挂科", None, "inducement"),
    ("不转这条的，年底钱包空空", "community", "inducement"),
    ("看完不转是要倒大霉的哦", "xiaohongshu", "inducement"),
    ("看到不转，冬天没人给你暖手", "douyin", "inducement"),
    ("这篇不转给三个人，新买的衣服都会起球", "wechat_oa", "inducement"),
    ("看完不分享，今年一分钱都存不下", "community", "inducement"),
    # a lottery beside the new lawful forms still reviews
    ("从来没有这么大方过，评论区抽奖送10件羊绒衫", "xiaohongshu", "lottery"),
    ("不搞虚的，评论区抽奖送三件大衣", "douyin", "lottery"),
    ("恭喜上期的宝子！本期中奖名单周五公布", "weibo", "lottery"),
    ("中奖名单周五公布，奖品统一寄出", "wechat_oa", "lottery"),
    ("评论区留言，中奖名单周五公布，请在3日内私信", "xiaohongshu", "lottery"),
    ("中奖名单出炉，恭喜以下用户！本期继续抽3位送卫衣", "weibo", "lottery"),
]

LAWFUL = [
    # 挑人 of a cut or colour, picks without a prize, pointing at people without a prize
    ("这个颜色有点挑人，送人前最好问问对方肤色", None, "lottery"),
    ("版型不挑人，送妈妈送闺蜜都合适", "xiaohongshu", "lottery"),
    ("挑人的奶咖色，黄皮姐妹慎入", "xiaohongshu", "lottery"),
    ("模特选人标准：身高168以上，肩宽适中", None, "lottery"),
    ("活动前清点人数，每人送一杯热饮", "community", "lottery"),
    ("欢迎点几位朋友一起来店里试穿", None, "lottery"),
    ("转评里好多姐妹问尺码，统一回复一下", "weibo", "lottery"),
    ("点赞里有人说想要加长款，我们记下了", "xiaohongshu", "lottery"),
    ("随手点开一件都好看", None, "lottery"),
    # parcels with a card for everyone, refunds under the return policy
    ("每个包裹里都有一张手写感谢卡", "xiaohongshu", "lottery"),
    ("拆到第三个包裹才找到我的围巾", None, "lottery"),
    ("拉链头容易刮出毛边，穿之前检查一下", None, "lottery"),
    ("七天无理由退货，质量问题整单退款", "wechat_oa", "lottery"),
    ("包裹里附了退换卡，质量问题可整单退款", None, "lottery"),
    ("打开包裹发现少了一颗纽扣，客服已补寄", None, "lottery"),
    ("拆开包裹发现尺码发错了，申请了全额退款", "xiaohongshu", "lottery"),
    ("有缘再见，这件大衣送给懂它的你", "xiaohongshu", "lottery"),
    ("与你有缘的那件大衣，今天包邮送到家", "xiaohongshu", "lottery"),
    ("包裹里有金色防尘袋，不满意七天全额退款", None, "lottery"),
    ("打开包裹发现了破洞，申请了整单退款", "xiaohongshu", "lottery"),
    # first come first served, speed without a prize
    ("拼手速！前100名下单送袜子，送完即止", "douyin", "lottery"),
    ("手速快的姐妹已经抢到了", "douyin", "lottery"),
    ("扣屏“尺码”，小助手挨个回复", "douyin", "lottery"),
    ("主播抢答了大家关心的尺码问题", "douyin", "lottery"),
    ("在公屏打出你的身高体重，小助手帮你选码", "douyin", "lottery"),
    ("客服秒回，前两位顾客的尺码问题都解决了", None, "lottery"),
    ("答对了，这件是百分百羊毛的", "xiaohongshu", "lottery"),
    ("这条围巾送谁都不会出错", "xiaohongshu", "lottery"),
    ("谁穿谁好看，送谁都体面", "xiaohongshu", "lottery"),
    ("这么好看的围巾，想送谁就送谁", "xiaohongshu", "lottery"),
    ("情侣款卫衣，谁送谁都甜", "xiaohongshu", "lottery"),
    ("选中的宝贝加入购物车，下单送袜子", None, "lottery"),
    ("挑中了一件大衣，送给妈妈当生日礼物", None, "lottery"),
    ("买衣服看眼缘，这件一眼就爱上了", "xiaohongshu", "lottery"),
    ("新年大吉，全场满减", "wechat_oa", "lottery"),
    ("过年去寺庙求签，穿这件大衣正合适", "xiaohongshu", "lottery"),
    ("前两天打出的样衣已经寄给模特", None, "lottery"),
    # fortune sticks as a metaphor or a print
    ("这件大衣是我今年衣柜里的上上签", "xiaohongshu", "lottery"),
    ("好运签造型的书签挂件，随大衣附赠", None, "lottery"),
    ("上上签刺绣卫衣，新年穿正好", "xiaohongshu", "lottery"),
    # follows, saves and likes without a reward
    ("关注我们，每周更新通勤穿搭", "wechat_oa", "inducement"),
    ("关注我们，解锁更多冬季穿搭", "xiaohongshu", "inducement"),
    ("收藏过五百的攻略，我们整理成了合集", "xiaohongshu", "inducement"),
    ("截图保存尺码表，下单前对照一下", None, "inducement"),
    ("喜欢的话点个小❤️支持一下", "xiaohongshu", "inducement"),
    ("点个小关注，每周都有通勤穿搭", "douyin", "inducement"),
    ("双击图片放大看面料细节", "xiaohongshu", "inducement"),
    ("收藏满200啦，谢谢大家", "xiaohongshu", "inducement"),
    ("粉丝破万啦，感谢一路陪伴", "douyin", "inducement"),
    ("觉得有用可以分享给朋友，我们免费发货", "wechat_oa", "inducement"),
    ("觉得有用就点个赞支持一下", "xiaohongshu", "inducement"),
    ("点赞这条的都是懂行的姐妹", "xiaohongshu", "inducement"),
    ("点个赞，下期翻牌两位宝子的穿搭问题", "xiaohongshu", "inducement"),
    ("从转评里随手点一位姐妹送羊绒大衣", "weibo", "inducement"),
    ("转评里好多姐妹问尺码，统一回复一下", "xiaohongshu", "inducement"),
    ("点赞本条，明晚公布3位幸运儿，各送一件衬衫", "weibo", "inducement"),
    # 不转/没转 of colours and transfers, outcomes without a threat
    ("颜色洗了不转黄，微胖姐妹也能穿", "xiaohongshu", "inducement"),
    ("洗了十次也没转色，微胖姐妹放心穿", "xiaohongshu", "inducement"),
    ("快递还没转运，明天才到", None, "inducement"),
    ("这件毛衣洗了不转色也不起球", "xiaohongshu", "inducement"),
    ("不转发也不影响，衣服照样包邮", "wechat_oa", "inducement"),
    ("不转发也没关系，喜欢就多看看", "wechat_oa", "inducement"),
    # statements that no lottery was held, scam warnings
    ("品牌从未授权任何账号举办抽奖，请以官方公告为准", "weibo", "lottery"),
    ("我们不曾在任何平台开展过抽奖，收到链接请勿点击", "wechat_oa", "lottery"),
    ("门店从未举办任何形式的抽奖，请以店内公告为准", None, "lottery"),
    ("本号并未开展抽奖活动，有人私信说你中奖请直接拉黑", "weibo", "lottery"),
    ("如有人以中奖为由让您先付运费，请直接挂断", None, "lottery"),
    ("我们从来没有搞过抽奖，所谓中奖电话都是骗局", "community", "lottery"),
    ("冒充我们发抽奖链接的账号已举报，本店不会以抽奖名义收取费用", "weibo", "lottery"),
    ("官方声明：本品牌从未在微博举办过任何形式的抽奖", "weibo", "lottery"),
    ("本店从不搞抽奖，价格实在就是福利", None, "lottery"),
    ("这次我们没搞抽奖那一套，直接每人送一双袜子", "xiaohongshu", "lottery"),
    ("声明：近期有账号冒用我们名义开展抽奖，本品牌从未授权", "weibo", "lottery"),
    ("提醒：我司从来不会通过私信通知中奖，也从未举办过线上抽奖", "wechat_oa", "lottery"),
    # notices of a past draw's winners (masked names; unmasked ones are pii)
    ("获奖名单：王**、陈*，请在五日内私信客服登记地址", "wechat_oa", "lottery"),
    ("中奖名单出炉，恭喜用户林**、赵*获得羊毛围巾一条", "weibo", "lottery"),
    ("上周活动的中奖名单：周**（尾号2291）、吴*，请在3日内联系小助手", "community", "lottery"),
    ("中奖名单：@晚风**、@Li**a，奖品已于周一寄出", "weibo", "lottery"),
    ("恭喜中奖的宝子，围巾今天已寄出，注意查收", "xiaohongshu", "lottery"),
    ("锦鲤名单：@阿**、@小*橙，恭喜！请三天内私信地址", "weibo", "lottery"),
    ("上周的幸运儿是@一只**，围巾已寄出啦", "xiaohongshu", "lottery"),
    ("上期宠粉名单：@小**、@阿*，衣服已全部寄出", "xiaohongshu", "lottery"),
    # lucky as an attribute of a colour; a character the real-copy data set masked
    ("粉色是好看又幸运的颜色，过年穿正合适", None, "lottery"),
    ("下摆的抽<UNK>设计，松紧可调", None, "lottery"),
    ("腰间做了抽腰带的处理，高腰的抽碎褶拉长身形", None, "lottery"),
]


@pytest.mark.parametrize(("text", "channel", "category"), FLAGGED)
def test_family_is_flagged(text: str, channel: str | None, category: str) -> None:
    assert_flagged(text, channel, category)


@pytest.mark.parametrize(("text", "channel", "category"), LAWFUL)
def test_lawful_neighbour_is_not_flagged(text: str, channel: str | None, category: str) -> None:
    assert_not_flagged(text, channel, category)
