"""Issue 18 (s18/h183): families found by 110 blind-written inducement and lottery texts (s18c).

Each family: wordings written for this test (in no set) must be flagged with their category, and
the same words in lawful copy (negations, metaphors, anecdotes, anti-fraud notices, other senses)
must not be flagged with it.
"""

from __future__ import annotations

import pytest

from tests.compliance.families import categories


@pytest.mark.parametrize(
    ("text", "channel", "category"),
    [
        # coupons and euphemisms as the reward for a review, photos or a follow-up review
        ("确认收货后写满20字评价，私聊领一张8元优惠券", None, "inducement"),
        ("晒图后找客服领5元代金券，下次下单可用", None, "inducement"),
        ("晒个买家秀，送你一张无门槛券", "xiaohongshu", "inducement"),
        ("追评附上身图，下单再减5元", None, "inducement"),
        ("写完评价截图给我，奶茶钱我来出", "community", "inducement"),
        ("好评后私信我，给您发咖啡钱", None, "inducement"),
        # homophones and misspelt pinyin of 好评 before a reward
        ("好平返现进行中，五星带图私我", "community", "inducement"),
        ("豪评送运费险一份", None, "inducement"),
        ("好pin截图私我返3块", None, "inducement"),
        # a screenshot or good review exchanged for a gift
        ("带图好评换一双羊毛袜", None, "inducement"),
        ("朋友圈截图换一个发圈", "community", "inducement"),
        # interaction thresholds in any word order, the draw named before or after
        ("收藏+点赞，月底揪三个宝子送卫衣", "xiaohongshu", "inducement"),
        ("关注+点赞就能参与，获奖名单周日公布", "xiaohongshu", "inducement"),
        ("留言+点赞，抽两位送羊绒围巾", "xiaohongshu", "inducement"),
        ("中奖名单下周一出，点赞收藏就算参与", "xiaohongshu", "inducement"),
        # saving this post for a reward
        ("收藏这篇笔记，私信我领优惠码", "xiaohongshu", "inducement"),
        ("收藏本条并截图，就送一份小样", "xiaohongshu", "inducement"),
        # homophones and abbreviations of 关注 before a reward
        ("点个关住，私我领新人红包", "douyin", "inducement"),
        ("观注本号，回复暗号领券", "wechat_oa", "inducement"),
        ("gzh回复“暖冬”领10元券", "wechat_oa", "inducement"),
        # votes for points
        ("每投一票都送积分，满100分换围巾", "wechat_oa", "inducement"),
        # a chance at a coupon or an item
        ("每拆一次礼盒都有机会得一张免单券", "wechat_oa", "lottery"),
        ("下单的宝子有机会拿到价值299元的围巾一条", None, "lottery"),
        # live-stream wording without the word 奖, homophones of 福袋
        ("口令刷起来，两分钟后开，送冲锋衣", "douyin", "lottery"),
        ("马上上福代，福代里有羽绒服", "douyin", "lottery"),
        # floor numbers and "point at N people" choose the winners
        ("6楼16楼66楼各送一双袜子", "xiaohongshu", "lottery"),
        ("评论区随手点三位宝子，各送一件卫衣", "xiaohongshu", "lottery"),
        # a new draw in the same post as last draw's results
        ("恭喜以上宝子！本期评论区继续抽两位，名单周五公布", "xiaohongshu", "lottery"),
        ("中奖名单下周公布，中奖的宝子三日内私信我", "xiaohongshu", "lottery"),
        # English words for a draw
        ("GIVEAWAY：评论区说说你的身高，送出两件大衣", "xiaohongshu", "lottery"),
        ("Lucky Draw 今晚开，奖品是同款围巾", "xiaohongshu", "lottery"),
        ("raffle time，一位宝子送卫衣", "xiaohongshu", "lottery"),
        # whole words in pinyin
        ("jizan满20个，到店领暖宝宝", "community", "inducement"),
        ("整点上fudai，里面有冲锋衣", "douyin", "lottery"),
        # homophones of 揪 and 锦鲤
        ("纠两位宝子，各送一条围巾", "xiaohongshu", "lottery"),
        ("金鲤一位，承包你冬天的外套", "weibo", "lottery"),
        # non-cash rewards for sharing: priority shipping, a drink at the shop, points
        ("转发到两个群，订单插队发货", "community", "inducement"),
        ("分享给闺蜜群，到店领奶茶一杯", "community", "inducement"),
        ("推荐朋友来下单，各领一张10元券", "community", "inducement"),
        # chain letters with the luck first or a threat after 不转
        ("接好运！转发给你最爱的三个人", "community", "inducement"),
        ("看完不转，当心一冬天都倒霉", "community", "inducement"),
        # other words for a review: 留评, 评语, 使用感受, 给个五分
        ("留评带图的宝子，私信领3元红包", None, "inducement"),
        ("评语写满20字，找客服领运费险", None, "inducement"),
        ("写两句穿着感受发给客服，返现2元", None, "inducement"),
        ("给个五分吧，私聊领奶茶钱", None, "inducement"),
        # a reward for writing a post
        ("写一篇种草笔记带话题，返10元", "xiaohongshu", "inducement"),
    ],
)
def test_family_is_flagged(text: str, channel: str | None, category: str) -> None:
    assert category in categories(text, channel=channel)


@pytest.mark.parametrize(
    ("text", "channel", "category"),
    [
        # restocks, buyer photos and reorders after good reviews
        ("好评返场：去年的燕麦色针织开衫回来了", "weibo", "inducement"),
        ("往下翻是好评返图，160到170的姐妹都有", None, "inducement"),
        # negated cash back and negated thresholds
        ("晒单不返现，也不送券，请写真实感受", None, "inducement"),
        ("活动不用关注转发，到店报名就行", "wechat_oa", "inducement"),
        ("无需点赞收藏，填表即可报名试穿", "xiaohongshu", "inducement"),
        # review words near ordinary promotions or colours
        ("这件奶茶色大衣好评很多，领券下单更划算", None, "inducement"),
        ("追评说袖子偏长，我们已经改了版", None, "inducement"),
        # the homophones in their own senses
        ("面料好平整，送洗回来也不皱", None, "inducement"),
        ("衣领立起来能关住热气，送爸妈很实用", None, "inducement"),
        ("观注细节，才能穿出质感", None, "inducement"),
        ("这件好pink，我直接下单了", "xiaohongshu", "inducement"),
        # saving a post, swapping a screenshot, a season change
        ("收藏这篇，下次买冲锋衣照着挑", "xiaohongshu", "inducement"),
        ("麻烦把截图换成原图发我，方便核对色差", None, "inducement"),
        ("五星好评换季款上新了", None, "inducement"),
        # never having won a draw, buying blind, fraud warnings, other lotteries
        ("参加过的抽奖一次都没中过，这件毛衣是自己买的", "xiaohongshu", "lottery"),
        ("抽奖绝缘体本人，还是老老实实等打折", "xiaohongshu", "lottery"),
        ("买裤子终于不用开盲盒了，详情页有每个码的实测", "xiaohongshu", "lottery"),
        ("告别盲盒式网购，先看尺码表再下单", None, "lottery"),
        ("有骗子冒充我们的客服发中奖短信，品牌从未开展过抽奖", "weibo", "lottery"),
        ("演唱会门票中签率太低，只能穿着应援色在家看", "xiaohongshu", "lottery"),
        # a chance without a prize, a live stream starting, floors and delivery
        ("报名的朋友有机会得到设计师的搭配建议", None, "lottery"),
        ("十分钟后开播，今天讲羽绒服怎么选", "douyin", "lottery"),
        ("店在5楼，送货上门", None, "lottery"),
        ("评论区点一下置顶就能看尺码表", "xiaohongshu", "lottery"),
        # nth item free, koi prints, being undecided
        ("第三件免单，两位一起买更划算", None, "lottery"),
        ("金鲤印花的丝巾，配红大衣很喜庆", None, "lottery"),
        ("纠结了两个晚上，各送了一件给妈妈和姐姐", None, "lottery"),
        # group rules, negated rewards, collecting a capsule wardrobe, luck without sharing
        ("群规：只发上新和售后通知，禁止发广告和拉人", "community", "inducement"),
        ("群里不发红包，只聊穿搭和尺码", "community", "inducement"),
        ("集齐一套通勤胶囊衣橱只要六件", "xiaohongshu", "inducement"),
        ("新年接好运，红色毛衣安排上", "xiaohongshu", "inducement"),
        ("浅色面料不转黄，小心机洗就好", None, "inducement"),
        ("推荐朋友来试试这件大衣，真的暖", None, "inducement"),
        ("留评的姐妹说袖子偏长，我们下批改短", None, "inducement"),
        ("穿着感受：很轻，送人自用都体面", None, "inducement"),
        ("给个五分钟，讲讲羽绒服怎么洗", None, "inducement"),
        ("心得分享：穿了一冬没起球，领券后才259", None, "inducement"),
        ("积分按消费累计，与分享无关，500积分换一双袜子", "community", "inducement"),
        # results notices after a draw (warn only)
        ("获奖名单（已脱敏）：王**、周*，奖品已于周一寄出", "wechat_oa", "lottery"),
        ("中奖名单：林**、@小***，恭喜以上用户", "weibo", "lottery"),
        ("上期抽奖的两位宝子，奖品已经全部寄出啦", "xiaohongshu", "lottery"),
        # real koi, a fixed lucky bag, a gift between friends
        ("背后的刺绣来自外婆家门口的锦鲤池", "wechat_oa", "lottery"),
        ("福袋是不是盲盒？不是，福袋里的东西是固定的：袜子两双", "xiaohongshu", "lottery"),
        ("这件毛衣是好友送我的生日礼物", "xiaohongshu", "inducement"),
        # negations and fraud warnings in live streams
        ("今晚直播间不上福袋，专心讲版型", "douyin", "lottery"),
        ("直播间从不抽奖，请勿相信私信中奖", "douyin", "lottery"),
        ("新年红包封面免费领，和抽奖无关", "wechat_oa", "lottery"),
    ],
)
def test_lawful_neighbour_is_not_flagged(text: str, channel: str | None, category: str) -> None:
    assert category not in categories(text, channel=channel)
