"""Issue 18, session 21 (h218): inducement, lottery and ad-disclosure classes from the misses and
false flags of two retired blind sets (fresh_set_7, fresh_set_8), fixed as families in
``wordlists/inducement.csv``, ``wordlists/lottery.csv`` and ``wordlists/ad_disclosure.csv``.
Each class has variants written the way other marketers would write it (other products, verbs,
orders, channels, traditional characters) and lawful neighbours; no sentence of a retired set is
copied here.

Classes: rewards for inviting new users to register (referral points, coupons, cash); a gift for
adding a shop's account (扫码加店长/导购/企微, 立送/即赠); prizes by order position (the Nth, or a
list of Nth, paying customers); draws run by a system or a countdown without the word 抽 (系统自动
开出, 倒计时结束随机送出); the writer admitting a commercial tie in prose (和品牌合作了, 品牌方寄来,
金主爸爸, 品牌/PR 寄, 收了品牌的钱, 接了推广) next to a purchase path without an 广告 label; the
Taiwanese and Hong Kong words for link, shop and messages (連結, 網址, 蝦皮, 賣場, 下標, 私訊,
傳送門, 小盒子); review-for-reward with abbreviations and placeholder amounts (hp, 返x元,
返xx); and the false flags: notices naming last round's (上期, 上周) masked winners with a claim
instruction (this round's lists stay review, as the tuning labels have it), award lists of judged
contests (评委/评审团打分: skill, not chance), and a creator's no-commerce statement (不带货,
不接广) without any purchase path. A draw whose rules are published in
full (开奖时间, 奖品, 参与方式, 弃奖) stays a hint (warn), as the tuning labels
have it; f8-007 labels such a post review, which the other retired sets'
labels contradict, so it is left as it is (see the report of h218)."""

from __future__ import annotations

import pytest

from tests.compliance.families import assert_flagged, assert_not_flagged

FLAGGED = [
    # referral rewards: inviting new users or friends to register
    ("每邀请一位新会员注册，奖励30积分，积分可当钱花", "wechat_oa", "inducement"),
    ("邀请好友注册会员，好友下单后你得20元无门槛券", "wechat_oa", "inducement"),
    ("推荐新朋友开卡，每成功一位返10元", "community", "inducement"),
    ("拉新有礼：新用户通过你的分享注册，双方各得一张50元券", None, "inducement"),
    ("每成功推荐1位新人注册会员，积分+50，可直接抵扣货款", "wechat_oa", "inducement"),
    ("带新朋友注册会员，每带一位送一双羊毛袜", "community", "inducement"),
    ("邀請新用戶註冊，每成功一位獎勵20元", "weibo", "inducement"),
    ("新用户经你邀请完成注册，你就能拿到15元红包", "douyin", "inducement"),
    ("帮店里拉个新客，新客下单你拿5%提成", "community", "inducement"),
    ("推荐闺蜜成为会员，你俩各得一张50元券", "wechat_oa", "inducement"),
    ("推荐朋友注册会员，双方各得20积分", "wechat_oa", "inducement"),
    ("每新增一位会员（由你推荐），积分+100", "wechat_oa", "inducement"),
    ("呼朋唤友来注册，一人注册两人得券", "wechat_oa", "inducement"),
    ("老客带新客首单，老客返现20", "community", "inducement"),
    ("邀請好友註冊會員，雙方各得100點", "xiaohongshu", "inducement"),
    ("Invite friends to sign up and get 20 points each", "wechat_oa", "inducement"),
    # a gift for adding the shop's account or scanning its code
    ("添加导购的企业微信，当天就送一双厚袜子", "community", "inducement"),
    ("到店扫一扫加店长微信，当场送暖手宝", None, "inducement"),
    ("加专属顾问企微，即赠50元无门槛券", "wechat_oa", "inducement"),
    ("门店收银台扫码加好友，立赠围巾一条", "community", "inducement"),
    ("加店长微信备注“冬天”，免费送一副手套", "douyin", "inducement"),
    ("扫码关注门店号，到店领一双袜子", "community", "inducement"),
    ("添加导购好友即送定制帆布袋", "community", "inducement"),
    ("到店添加企业微信，可获赠暖宝宝一片", "community", "inducement"),
    ("门口扫码，加入导购的微信，即刻获赠一份小礼品", "community", "inducement"),
    ("加我v信，送你一张20元券", "community", "inducement"),
    ("扫二维码添加店铺客服，赠送精美礼品一份", "community", "inducement"),
    # prizes by order position
    ("第66、166、266位拍下付款的宝宝各得一条羊毛围巾", "xiaohongshu", "lottery"),
    ("今晚第100、第200位下单的顾客免单", "douyin", "lottery"),
    ("第50名付款的买家送同款帽子", None, "lottery"),
    ("凡是第18、28、38位拍下的姐妹，送一双羊毛袜", "xiaohongshu", "lottery"),
    ("第520笔订单直接免单，第1314笔订单送羽绒服", "douyin", "lottery"),
    ("第8、88、888个付款的顾客各获赠一条围巾", "wechat_oa", "lottery"),
    ("活动期间第99位进店消费的客人送一件毛衣", None, "lottery"),
    ("本周第77位、第177位付款的读者各得一条围巾", "wechat_oa", "lottery"),
    ("今晚下单排名第88的宝子免单", "douyin", "lottery"),
    ("下单顺序为第66、166的粉丝送帽子", "douyin", "lottery"),
    ("每逢整百的订单号，送一件卫衣", "weibo", "lottery"),
    ("本店第10000位顾客将获赠羊绒大衣一件", "wechat_oa", "lottery"),
    # draws run by a system or a countdown, without 抽
    ("评论区打“想要”即可参与，系统在倒数结束后自动开出三件大衣", "douyin", "lottery"),
    ("福利倒计时5分钟，时间一到自动开出10个名额送卫衣", "douyin", "lottery"),
    ("点击参与，倒计时结束后由系统随机送出5份围巾", "channels", "lottery"),
    ("扣“冲”参与，到点系统自动开出3件羽绒服给参与的宝宝", "douyin", "lottery"),
    ("倒计时归零，程序随机选出两位粉丝送毛衣", "douyin", "lottery"),
    ("参与人数满100后，后台随机送出一件羊绒衫", "wechat_oa", "lottery"),
    ("十点整系统自动开出两位幸运观众，每人一条裤子", "douyin", "lottery"),
    ("时间一到系统自动发红包，3位宝子可领大额券", "douyin", "lottery"),
    ("直播间右上角点参与，10分钟后自动开，5件羽绒服等你", "douyin", "lottery"),
    # random draws with prize tiers (the neighbours of judged contests)
    ("一等奖羽绒服一件，二等奖围巾两条，留言即可参与，周日开奖", "weibo", "lottery"),
    ("下单满299即可参与，一等奖羊绒大衣，三等奖品牌帆布袋", None, "lottery"),
    ("评论区随机选出一等奖1名、二等奖3名，奖品包邮", "xiaohongshu", "lottery"),
    ("扫码参与幸运转盘，一等奖羊绒围巾", None, "lottery"),
    ("转发本条即可参与，一等奖送大衣一件", "weibo", "lottery"),
    ("关注并留言，周五公布一等奖和二等奖的获得者", "wechat_oa", "lottery"),
    # future draws next to winner notices (still lotteries)
    ("中奖名单下周公布，留言的宝子都有机会获得羊绒围巾", "xiaohongshu", "lottery"),
    ("上期中奖名单见次条，本期继续抽3位送围巾", "weibo", "lottery"),
    ("中奖名单明晚公布，奖品为羊毛大衣一件", "wechat_oa", "lottery"),
    ("评论区留言，本周五公布中奖名单，送出3条围巾", "weibo", "lottery"),
    ("恭喜上期的宝子！本期中奖名单周日揭晓，奖品是同款毛衣", "xiaohongshu", "lottery"),
    ("留言参与，中奖的宝子请在3日内私信地址", "xiaohongshu", "lottery"),
    ("恭喜以下宝子中奖：@小鹿、@阿芸，请三天内私信地址", "xiaohongshu", "lottery"),
    ("幸运粉丝名单48小时内公布，请留意私信", "weibo", "lottery"),
    (
        "上周中奖名单：陈**，请于7日内回复地址；本周奖品是羊绒围巾，留言即可参与",
        "wechat_oa",
        "lottery",
    ),
    ("上期锦鲤名单：@阿**，请三天内私信地址；这期锦鲤下周一揭晓，转发即可参与", "weibo", "lottery"),
    ("上期中奖名单：林**，请于5日内回复地址。下期抽奖送大衣，记得留言", "wechat_oa", "lottery"),
    # a commercial tie admitted in prose, with a purchase path and no 广告 label
    ("这次跟品牌合作了，衣服确实好穿，链接在评论区", "xiaohongshu", "ad_disclosure"),
    ("品牌方寄来的羊毛大衣，同款放橱窗了", "douyin", "ad_disclosure"),
    ("这件是他家寄来让我试穿的，想要的点左下角", "douyin", "ad_disclosure"),
    ("官方寄的新款冲锋衣，同款戳主页", "xiaohongshu", "ad_disclosure"),
    ("感谢金主爸爸寄来的卫衣，购买链接放简介了", None, "ad_disclosure"),
    ("跟品牌合作了一期，同款小黄车3号", "douyin", "ad_disclosure"),
    ("品牌爸爸送的毛衣，想要的去搜同名店", "xiaohongshu", "ad_disclosure"),
    ("接了他家的推广，但衣服确实不错，链接放评论区了", "xiaohongshu", "ad_disclosure"),
    ("这件是品牌让我试穿的，想要的点橱窗", "xiaohongshu", "ad_disclosure"),
    ("他家官方送我的外套，链接👇 t.cn/Axyz", "weibo", "ad_disclosure"),
    ("品牌方给我寄了三件，最喜欢这件，小黄车2号", "douyin", "ad_disclosure"),
    ("PR寄的卫衣，同款戳主页", "xiaohongshu", "ad_disclosure"),
    ("收了他家的钱，但真心推荐，左下角同款", "xiaohongshu", "ad_disclosure"),
    ("品牌那边寄了几件试穿，最喜欢这件，同款放主页了", "xiaohongshu", "ad_disclosure"),
    ("和XX品牌的第二次合作啦！同款在橱窗", "xiaohongshu", "ad_disclosure"),
    # the Taiwanese and Hong Kong words for link and comment section
    ("超推這件大衣，連結我放留言區了", "weibo", "ad_disclosure"),
    ("購買連結在留言第一則", "weibo", "ad_disclosure"),
    ("想要同款的，連結我放在個人頁了", "xiaohongshu", "ad_disclosure"),
    ("這件毛衣的連結在下方留言處", "weibo", "ad_disclosure"),
    ("同款蝦皮搜尋店名就有", None, "ad_disclosure"),
    ("賣場連結在首頁，喜歡的直接下標", "weibo", "ad_disclosure"),
    ("連結放在置頂留言，手刀下單", "xiaohongshu", "ad_disclosure"),
    ("網址放在留言區囉，喜歡的帶走", "weibo", "ad_disclosure"),
    ("私訊我拿連結", "weibo", "ad_disclosure"),
    ("這件外套的購買連結↓", "weibo", "ad_disclosure"),
    ("點擊主頁的傳送門就能買到", "weibo", "ad_disclosure"),
    ("有需要的寶寶可以小盒子問我要連結", "weibo", "ad_disclosure"),
    # a denial of ads or selling next to a purchase path
    ("不带货，只是分享，同款链接在评论区", "xiaohongshu", "ad_disclosure"),
    ("本人不接广，想要的点左下角小黄车", "douyin", "ad_disclosure"),
    ("没带货！这件是自己买的，店名在图里", "xiaohongshu", "ad_disclosure"),
    ("不接广也不恰饭，同款搜“山野旗舰店”", "xiaohongshu", "ad_disclosure"),
    ("我这号不带货的哈，想要链接的私我", "douyin", "ad_disclosure"),
    ("從不接廣，連結在留言區", "weibo", "ad_disclosure"),
    # review-for-reward with abbreviations and placeholder amounts
    ("确认收货后hp+3图，找客服返x元", "community", "inducement"),
    ("追评带三张图，截图发客服返X元", "xiaohongshu", "inducement"),
    ("好评晒图后找客服返n元，名额有限", "community", "inducement"),
    ("评价带图返xx，截图发我", "community", "inducement"),
    ("追评15字加图，私聊客服返💰", "community", "inducement"),
    ("五星好评截图发客服，返x块小心意", "community", "inducement"),
]

LAWFUL = [
    # referral neighbours: registering, inviting to an event, membership points
    ("新用户注册小程序即可查看尺码表", "wechat_oa", "inducement"),
    ("邀请您参加周六的新品品鉴会，名额有限", "wechat_oa", "inducement"),
    ("本月新会员注册人数突破一万，感谢大家支持", "wechat_oa", "inducement"),
    ("注册会员后购物积分可抵现，每100积分抵1元", "wechat_oa", "inducement"),
    ("每成功一位顾客的定制，都要经过三次试衣", None, "inducement"),
    ("每成功下单一笔，赠送10积分，积分可抵现", "wechat_oa", "inducement"),
    ("每推荐一款都是我们自己穿过的，不设任何奖励", "xiaohongshu", "inducement"),
    # adding the shop's account for service, not for a gift
    ("扫码加店长企业微信，售后问题随时找我", "community", "inducement"),
    ("添加导购微信可预约到店试衣", "wechat_oa", "inducement"),
    ("进店扫码查看这件毛衣的尺码表", None, "inducement"),
    ("加入店铺会员即可领取生日券", "wechat_oa", "inducement"),
    ("店长微信号在门店收银台，欢迎添加，送货上门可预约", "community", "inducement"),
    ("导购好友满了，请加店长企微，退换货都可以找我", "community", "inducement"),
    ("帮店里拉个新群，大家聊聊穿搭", "community", "inducement"),
    ("加我微信咨询尺码，工作日都在", "community", "inducement"),
    ("添加到购物车后，满减自动计算", "community", "inducement"),
    ("We invite friends of the brand to our autumn show, free entry", "wechat_oa", "inducement"),
    ("双方各执一份合同，注册地址见营业执照", None, "inducement"),
    ("添加客服微信领取电子发票", None, "inducement"),
    ("扫码加入会员即可领取生日券", "community", "inducement"),
    # order positions without a prize
    ("第一位付款的顾客是我们的老客户，谢谢支持", None, "lottery"),
    ("第3位顾客问的问题很典型：羊毛会不会扎", "xiaohongshu", "lottery"),
    ("第二位下单的姐妹备注要发顺丰，已安排", "xiaohongshu", "lottery"),
    ("销量排名第三的颜色是燕麦色", "xiaohongshu", "lottery"),
    ("前10位付款送围巾，第11位起恢复原价", "douyin", "lottery"),
    ("前100名下单送袜子，第101名开始无赠品", "douyin", "lottery"),
    ("前50个付款的宝子送发圈，第51个以后没有了", "xiaohongshu", "lottery"),
    ("第一笔订单今天发出，满299送帽子", "xiaohongshu", "lottery"),
    ("按付款顺序第一批发货，预计周五到", None, "lottery"),
    ("满整百减20，上不封顶", "douyin", "lottery"),
    # systems and countdowns without a draw
    ("倒计时结束恢复原价，想要的抓紧", "douyin", "lottery"),
    ("系统自动发货，下单后48小时内发出", None, "lottery"),
    ("倒计时三天，新品周五上线", "xiaohongshu", "lottery"),
    ("系统会随机分配快递公司，介意请备注", None, "lottery"),
    ("系统自动发放的优惠券请在个人中心查看", "wechat_oa", "lottery"),
    ("新品倒计时3天，周五晚8点开售，先到先得", "douyin", "lottery"),
    ("拉链自动开合，单手就能穿脱", None, "lottery"),
    ("系统自动发货，物流信息自动发送到手机", None, "lottery"),
    ("领口开出两朵刺绣小花，很有春天的感觉", "xiaohongshu", "lottery"),
    ("倒计时结束前下单，第二件免单", "douyin", "lottery"),
    ("新品倒计时，周五揭晓新配色", "xiaohongshu", "lottery"),
    # last round's winners (masked) with a claim instruction
    ("上期幸运名单公布：周*、吴**，五天之内在后台回复收件地址即可领取", "wechat_oa", "lottery"),
    ("上周中奖名单：林**、何*，请于三日内私信客服提供地址", "weibo", "lottery"),
    ("上月中奖名单：@小**、@阿*，请在7天内留言收货信息", "xiaohongshu", "lottery"),
    ("上期幸运读者名单：陈**、王*，请于7日内回复收件信息", "wechat_oa", "lottery"),
    ("上期获奖名单：郑**（尾号4410），请于一周内回复地址", "wechat_oa", "lottery"),
    ("上一期中奖名单：陈**、宋*，请尽快在后台登记收货地址", "wechat_oa", "lottery"),
    ("上期中奖名单：李*、王**，请于7日内在后台回复地址。奖品已于周一寄出", "wechat_oa", "lottery"),
    ("本期穿搭主题是通勤，下期上新预告：羊毛大衣", "wechat_oa", "lottery"),
    ("本周上新五款毛衣，这期的面料是羊毛混纺", "xiaohongshu", "lottery"),
    # judged contests: skill, not chance
    (
        "穿搭征集获奖名单：由评审团按创意打分，一等奖 王**，二等奖 李*、周**，奖品7日内寄出",
        "wechat_oa",
        "lottery",
    ),
    (
        "设计大赛结果：评委按完成度与创意评分，一等奖作品《雪线》，奖品为羊绒大衣一件",
        "wechat_oa",
        "lottery",
    ),
    ("摄影征稿评选结果：经评委打分，一等奖 @晚**，二等奖 @林*", "weibo", "lottery"),
    ("本次搭配挑战由三位评委打分，一等奖奖品为品牌大衣一件", "xiaohongshu", "lottery"),
    ("征文活动一等奖：评审组按内容质量评出，奖品为羊毛围巾", "wechat_oa", "lottery"),
    ("穿搭大赛评审结果公布：一等奖@小**，奖品羽绒服一件", "xiaohongshu", "lottery"),
    ("设计比赛获奖公告：评委组按创意、工艺两项打分，一等奖奖金2000元", "wechat_oa", "lottery"),
    # rules published in full stay a hint
    (
        "【抽奖规则】参与方式：在本条下留言；奖品：围巾5条（单价299元）；开奖时间：1月8日20:00，"
        "系统随机抽取；7日内联系客服兑奖，逾期视为放弃；主办方：本品牌",
        "weibo",
        "lottery",
    ),
    (
        "【活动规则】活动时间：3月1日—3月7日；参与方式：在本文留言分享你的通勤穿搭；奖品：羊毛开衫2件"
        "（单价599元）；开奖时间：3月8日12:00，小程序随机抽取；中奖者5日内后台回复地址，逾期视为放弃；"
        "主办方：本品牌官方号",
        "wechat_oa",
        "lottery",
    ),
    (
        "抽奖规则｜参与方式：评论区留言；开奖时间：周日20:00随机抽取；奖品：帆布包3个（每个89元）；"
        "兑奖：中奖宝子3天内私信地址，逾期视为自动放弃；主办方：店铺官方号",
        "xiaohongshu",
        "lottery",
    ),
    # a commercial tie disclosed, or no purchase path
    ("【广告】品牌方寄来的羊毛大衣，同款放橱窗了", "douyin", "ad_disclosure"),
    ("品牌方寄来的邀请函很精致，周末去看秀", "xiaohongshu", "ad_disclosure"),
    ("妈妈送我的毛衣穿了十年，同款早就买不到了", "xiaohongshu", "ad_disclosure"),
    ("收了快递，尺码刚好，下次还来", None, "ad_disclosure"),
    ("他家寄来的快递慢了三天，下次想要同款还是去门店买", "xiaohongshu", "ad_disclosure"),
    ("她家送我的小礼物很用心，这件同款已经回购了", "xiaohongshu", "ad_disclosure"),
    ("橱窗里的模特换上了新款大衣", "xiaohongshu", "ad_disclosure"),
    ("寄件地址写错了，品牌客服帮忙改好了，同款还在店里", "xiaohongshu", "ad_disclosure"),
    ("品牌寄存在门店的样衣可以试穿，同款店里有", "xiaohongshu", "ad_disclosure"),
    ("和品牌合作了三年的工厂，今年搬到了嘉兴", None, "ad_disclosure"),
    ("本篇为品牌合作，链接在评论区", "xiaohongshu", "ad_disclosure"),
    ("快递寄来的时候包装完好，尺码偏大建议换大一码", None, "ad_disclosure"),
    ("下单后由官方寄出，48小时内发货", None, "ad_disclosure"),
    ("直接广州仓发货，下单后48小时内发出", None, "ad_disclosure"),
    ("和多个品牌合作了十年的代工厂出品，下单即发", None, "ad_disclosure"),
    ("设计师与品牌合作了一个胶囊系列，点击链接购买", "wechat_oa", "ad_disclosure"),
    # 连结 as "bond", a comment section without a path, a labelled post
    ("这件衣服让我和妈妈的回忆连结在一起", "xiaohongshu", "ad_disclosure"),
    ("與大自然連結的一次旅行穿搭", "weibo", "ad_disclosure"),
    ("这件外套让城市与山野连结，购买请到官方旗舰店", "weibo", "ad_disclosure"),
    ("官网网址：见包装盒背面", None, "ad_disclosure"),
    ("留言區第一條是尺碼表，大家可以參考", "weibo", "ad_disclosure"),
    ("沒有購買連結，純分享穿搭", "weibo", "ad_disclosure"),
    ("时空传送门主题的印花T恤，周末穿去看展", "xiaohongshu", "ad_disclosure"),
    ("首饰放进小盒子里收纳，不容易氧化", "xiaohongshu", "ad_disclosure"),
    ("【廣告】真心推薦這件大衣，連結放在留言區", "weibo", "ad_disclosure"),
    # a creator's no-commerce statement without any purchase path
    ("这些都是三年前的旧毛衣，我这号既不带货也不接广", "channels", "ad_disclosure"),
    ("我这个号不接广也不带货，只记录日常穿搭", "xiaohongshu", "ad_disclosure"),
    ("声明一下：本账号不带货，视频里的衣服都是往年买的", "douyin", "ad_disclosure"),
    ("没带货哦，这件是前年旅行时买的，牌子早就不做了", "xiaohongshu", "ad_disclosure"),
    ("不接广的原因很简单：想说真话", "weibo", "ad_disclosure"),
    # service after a review, HP the brand, round trips
    ("收到货有任何问题请私聊客服，退换都包运费", "community", "inducement"),
    ("带图追评的亲，客服会一一回复您的问题", "community", "inducement"),
    ("HP联名印花T恤今天返场", "community", "inducement"),
    ("追评的亲可以找客服返场款优先购", "community", "inducement"),
    ("收到货满意的话给个好评哦，客服返场通知会第一时间发", "community", "inducement"),
    ("好评我们都看到了，谢谢大家，私聊客服可以改地址", "community", "inducement"),
]


@pytest.mark.parametrize(("text", "channel", "category"), FLAGGED)
def test_family_is_flagged(text: str, channel: str | None, category: str) -> None:
    assert_flagged(text, channel, category)


@pytest.mark.parametrize(("text", "channel", "category"), LAWFUL)
def test_lawful_neighbour_is_not_flagged(text: str, channel: str | None, category: str) -> None:
    assert_not_flagged(text, channel, category)
