"""Issue 18, session 21 (s21f, h224): lawful frames of writing around lottery, inducement and
ad-disclosure words, fixed in ``wordlists/lottery.csv``, ``wordlists/inducement.csv`` and
``wordlists/ad_disclosure.csv`` by shared conditions (``apply.py`` in the worktree). Found on the
lawful trap texts of ``trap_tuning.jsonl``; every sentence here is written anew.

Frames, each with lawful neighbours that must stay below review and evasions through denial
that must stay flagged:
1. denial by the brand (我们从不/不搞/没办过/不设/不卖 … X; 不需要转发) — ``negated``; a denial that
   introduces the claim (不搞虚的直接…, 不设门槛…, 不卖关子…, 不是抽奖胜似抽奖) is an exception;
2. scam warnings (冒充/谎称/假冒/打着旗号/有人卖 … X; X … 是冒充的/是骗局) — ``negated``,
   ``followed``; 不是骗子/不是骗局 before the claim is no warning;
3. the rule or law explained (诱导分享 as a technical term, 明令禁止, 有奖销售 with 科普/法规/规定)
   — document ``unless`` (不属于诱导分享 is an exception);
4. the forbidden phrase quoted as a phrase (“X”这类话/之类/的说法/属于违规) — ``followed``;
   这种好事、这类福利 after the claim are exceptions;
5. past and internal events (去年/往期 + X, 已于…开奖, 奖品都已寄出, 员工通知, 各位同事,
   年会抽签, a lucky bag with fixed contents) — the new round (本期/本周) keeps flagging;
6. the word in another sense (抽出来的线, 拆礼盒 vlog);
7. a brand denying that it sends purchase links by private message, a post without links
   (ad_disclosure).
"""

from __future__ import annotations

import pytest

from tests.compliance.families import assert_flagged, assert_not_flagged

FLAGGED = [
    # 1. evasion through a denial
    ("不搞虚的直接转发朋友圈就送红包", None, "inducement"),
    ("不设门槛转发朋友圈就送券", "wechat_oa", "inducement"),
    ("不卖关子评论区抽三位送大衣", "xiaohongshu", "lottery"),
    ("不是抽奖胜似抽奖，评论区揪3位送围巾", "xiaohongshu", "lottery"),
    ("拒绝套路集赞38个就送围巾", "wechat_oa", "inducement"),
    ("没有任何门槛转发即送红包", None, "inducement"),
    ("也没有门槛集赞就送", None, "inducement"),
    ("不卖关子了，关注公众号就送50元券", "wechat_oa", "inducement"),
    ("我们从不让大家失望，集赞送礼今晚开始", "wechat_oa", "inducement"),
    ("不转不是中国人", None, "inducement"),
    ("不需要集赞，只要转发朋友圈就送券", "wechat_oa", "inducement"),
    # 2. a scam word used to deny being a scam
    ("不是骗子哦转发朋友圈真的送券", "wechat_oa", "inducement"),
    ("这不是骗局转发就送红包", None, "inducement"),
    ("真的不是诈骗，集赞满20个送帽子", None, "inducement"),
    ("绝对不是假的，评论区抽三位送羽绒服", "weibo", "lottery"),
    # 3. the technical term denied
    ("本活动不属于诱导分享，转发朋友圈即送运费券", "wechat_oa", "inducement"),
    ("这不算诱导转发哈，集赞满30个就送", "wechat_oa", "inducement"),
    ("按平台规定来，评论区抽三位送大衣", "xiaohongshu", "lottery"),
    ("我们合规运营，关注公众号就送20元券", "wechat_oa", "inducement"),
    # 4. 这种/这类 after the claim praise it
    ("转发抽奖这种好事千万别错过", None, "inducement"),
    ("集赞送礼这类福利每周都有", "wechat_oa", "inducement"),
    ("评论区揪三位送大衣，这种机会不多", "xiaohongshu", "lottery"),
    ("转发朋友圈就送红包这种宠粉福利每月一次", "wechat_oa", "inducement"),
    # 5. a new round after a past one
    ("去年没抽中的宝子，今年评论区揪3位送大衣", "xiaohongshu", "lottery"),
    ("上期已开奖，本期继续抽三位送大衣", "weibo", "lottery"),
    ("往期的宝子也能参加，本周抽5位送毛衣", "weibo", "lottery"),
    ("盲盒随机发，拆到隐藏款送大衣", "douyin", "lottery"),
    ("恭喜以下宝子中奖，请三天内私信地址", "xiaohongshu", "lottery"),
    # 6. the word in its own sense
    ("拆礼盒赢大衣，邀请好友帮你拆", "wechat_oa", "inducement"),
    ("评论区抽出一位幸运粉丝送外套", "xiaohongshu", "lottery"),
    ("集福卡赢羽绒服，集齐五张就送", "wechat_oa", "inducement"),
    ("好友助力三次就能免费拿大衣", "wechat_oa", "inducement"),
    # 7. a purchase path after a warning
    ("谨防买到假货，私信我发正品链接", "xiaohongshu", "ad_disclosure"),
    ("自用无广，不会骗大家，链接在评论区", "xiaohongshu", "ad_disclosure"),
    ("纯路人分享，请勿外传，商品链接放主页了", "xiaohongshu", "ad_disclosure"),
    ("非广告哈，店铺名就是我的昵称", "xiaohongshu", "ad_disclosure"),
]

LAWFUL = [
    # 1. denial by the brand
    ("本店一直不搞转发集赞那一套，价格直接写在吊牌上", None, "inducement"),
    ("我们没办过任何抽奖，也不会让顾客去拉人助力", None, "inducement"),
    ("我们没办过任何抽奖，也不会让顾客去拉人助力", None, "lottery"),
    ("品牌从来没有做过好友砍价的活动，网上的砍价链接都与我们无关", None, "inducement"),
    ("门店暂不开展关注公众号领券的活动，到店直接按标价结算", None, "inducement"),
    ("直播间这次不设福袋，也不抽免单，所有福利都在价格里", "douyin", "lottery"),
    ("我们不卖盲盒，每件衣服都能在详情页看到实物图", None, "lottery"),
    ("这次秋装上新不需要转发朋友圈，也不需要集赞，直接下单就行", "wechat_oa", "inducement"),
    # 2. scam warnings
    ("提醒：有人冒充我们的店长在群里发“转发领大衣”的链接，请直接拉黑", None, "inducement"),
    ("最近有骗子谎称是我们客服，说您抽中了羽绒服要先付运费，千万别理", None, "lottery"),
    ("谨防诈骗：打着我们品牌旗号的“集赞送外套”活动都是假的", None, "inducement"),
    ("有人假冒官方号私信说你中了一等奖，这都是骗局", "weibo", "lottery"),
    ("客服从不会私信让您点链接领奖，请勿相信", None, "lottery"),
    ("客服从不会私信让您点链接领奖，请勿相信", None, "ad_disclosure"),
    ("有人在商场门口卖刮奖卡说人人必中，大家不要上当，这不是我们的活动", None, "lottery"),
    # 3. the rule or law explained
    ("小知识：按照平台规定，“转发朋友圈领红包”属于诱导分享", None, "inducement"),
    (
        "运营培训：“集赞送礼”“关注领券”都属于诱导关注和诱导分享，文案里一律不要写",
        None,
        "inducement",
    ),
    ("法规科普：有奖销售的抽奖金额有上限，奖品信息必须提前公示", None, "lottery"),
    ("小编科普：平台明令禁止用红包诱导转发，我们的活动不会这样设计", "wechat_oa", "inducement"),
    ("普法时间：按规定，有奖销售活动不得超过五万元的最高奖", None, "lottery"),
    ("新人培训：写文案时不得使用“不转不是中国人”一类说法", None, "inducement"),
    # 4. the phrase quoted as a phrase
    ("“转发保平安”这类话基本都是谣言，看到别转", None, "inducement"),
    ("很多人问“集赞送围巾”之类的帖子是不是我们发的，答案是否定的", None, "inducement"),
    ("评论区那些“扣1抽奖”的账号是冒充的，请认准官方蓝V", "weibo", "lottery"),
    ("“好友助力领免单”这种说法是假的，我们没有这项服务", None, "inducement"),
    ("群里流传的“分享可增加抽奖机会”的说法不实，是谣言", None, "inducement"),
    ("“砍一刀领外套”的说法是骗局，请勿点击", None, "inducement"),
    # 5. past and internal events
    ("去年抽中我们卫衣的那位姐妹今年还来店里打卡了", None, "lottery"),
    ("往期抽奖的奖品都已在月底前寄出", "weibo", "lottery"),
    ("十月会员日的抽奖已于11月2日开奖，结果见公众号历史消息", "wechat_oa", "lottery"),
    ("员工通知：本季度销售奖金随下月工资一并发放", None, "lottery"),
    ("请各位同事本周内在企业微信里领取年会红包", None, "inducement"),
    ("年会抽签决定节目顺序，周三前报名", None, "lottery"),
    ("本次福袋内容固定：一件卫衣加一条围巾，没有随机", "douyin", "lottery"),
    ("中奖顾客：周**（手机尾号1234）、吴*（手机尾号7788），请三日内私信地址", "weibo", "lottery"),
    # 6. the word in another sense
    ("毛衣勾丝后，把抽出来的线从反面挑回去就好", None, "lottery"),
    ("毛衣起球后把抽出来的纱剪掉就行", None, "lottery"),
    ("拆礼盒视频：给自己买的生日礼物终于到了", "douyin", "inducement"),
    ("拆礼盒日记：闺蜜送我的围巾终于到了", "xiaohongshu", "inducement"),
    ("分享一下今天的通勤穿搭", "xiaohongshu", "inducement"),
    ("这件红色毛衣寓意集福纳祥，过年穿正好", None, "inducement"),
    # 7. path denials and posts without links
    ("客服提醒：我们从不通过私信发送购买链接，请认准官方小程序", None, "ad_disclosure"),
    ("这篇只是记录穿搭，笔记里没有推广链接，也不带货", "xiaohongshu", "ad_disclosure"),
    ("官方不会主动私信发链接，谨防冒充", None, "ad_disclosure"),
    ("我们不会在评论区发付款链接，请认准官方小程序", None, "ad_disclosure"),
    ("请勿相信私信发来的付款链接", None, "ad_disclosure"),
    ("官方从来不会私信您付款链接", None, "ad_disclosure"),
    # gaps left open
    pytest.param(
        "门店不做集卡、集福活动，积分只按消费累计",
        None,
        "inducement",
        marks=pytest.mark.xfail(
            strict=True,
            reason="、 ends a negation's scope (engine): only the first item of a denied list "
            "passes; a list-aware negation needs code outside h224's part",
        ),
    ),
    pytest.param(
        "直播间的福袋是平台自带的功能，本店这场不参与",
        "douyin",
        "lottery",
        marks=pytest.mark.xfail(
            strict=True,
            reason="a platform feature explained: 福袋是平台… also opens real lucky-bag posts",
        ),
    ),
    pytest.param(
        "非广告，自己花钱买的羽绒服，穿了一冬说说感受",
        "xiaohongshu",
        "ad_disclosure",
        marks=pytest.mark.xfail(
            strict=True,
            reason="a denial without a purchase path: requires (as 自费买) was tried, but "
            "eval_set labels the same frame review — legal to decide",
        ),
    ),
    pytest.param(
        "之前抽奖的中奖名单以官方公示为准，客服无法改动",
        None,
        "lottery",
        marks=pytest.mark.xfail(
            strict=True,
            reason="以公示为准 is also the wording of a current draw's rules",
        ),
    ),
    pytest.param(
        "中奖名单：赵**（139****2211），请七日内联系客服领奖",
        "weibo",
        "lottery",
        marks=pytest.mark.xfail(
            strict=True,
            reason="masks are dropped by normalisation; tuning labels a current round's list "
            "review (h218) — legal to decide whether a masked list only warns",
        ),
    ),
]


@pytest.mark.parametrize(("text", "channel", "category"), FLAGGED)
def test_evasion_through_denial_is_flagged(text: str, channel: str | None, category: str) -> None:
    assert_flagged(text, channel, category)


@pytest.mark.parametrize(("text", "channel", "category"), LAWFUL)
def test_lawful_frame_is_not_flagged(text: str, channel: str | None, category: str) -> None:
    assert_not_flagged(text, channel, category)
