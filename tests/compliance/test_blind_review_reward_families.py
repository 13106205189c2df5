"""Issue 18 (s15/h151): families found by blind-written reward-for-review and lottery copy.

Each family: a wording written for this test (in no set) must be flagged with its category,
and the same words in ordinary after-sales or product copy must stay below review.
"""

from __future__ import annotations

import pytest

from app.compliance import check
from tests.compliance.families import SHIPPED, categories


def _flagged(text: str, channel: str | None = None) -> set[str]:
    """Categories with a hit of review or block."""
    return categories(text, channel=channel)


@pytest.mark.parametrize(
    ("text", "channel", "category"),
    [
        ("亲，给个好评呗，回头给您补个运费", None, "inducement"),  # the reward as a refund
        ("五星好评后，客服给您补贴8元", None, "inducement"),
        ("差评能撤回吗？我们愿意给您一些补偿", None, "inducement"),  # compensation, next sentence
        ("麻烦您把评价改成五星，我们退您10块", None, "inducement"),
        ("您把中差评删了，我这边马上给您转20", None, "inducement"),
        ("请把不好的评价删掉。作为感谢，送您一条围巾", None, "inducement"),
        ("好评截个图发客服，送洗衣袋", None, "inducement"),  # 送洗 is not dry cleaning here
        ("晒个上身照，给您包邮费", None, "inducement"),
        ("好评截图私信我，有惊喜", None, "inducement"),
        ("宝子们点赞收藏+关注，抽3个送同款羊毛袜", "xiaohongshu", "inducement"),
        ("买大衣就参与抽奖，直接送一件羊绒衫给幸运儿", None, "lottery"),
        ("群二维码发给你的宝妈群，进来一人记1分，10分换一条围巾", "community", "inducement"),
        ("给主播点点小红心，点满1万送福利", "douyin", "inducement"),
        ("好评给您返个5块钱", None, "inducement"),
        ("亲亲给个五星呗，下次来店给你打折", None, "inducement"),
    ],
)
def test_new_wordings_of_each_family_are_flagged(text: str, channel: str | None,
                                                 category: str) -> None:  # fmt: skip
    assert category in _flagged(text, channel)


@pytest.mark.parametrize(
    "text",
    [
        "不满意可以7天无理由退货，运费险会退您运费，也欢迎留下真实评价",
        "评价里很多人说偏大，我们补您一份尺码建议：建议拍小一码",
        "尺码不合适直接寄回，运费我们出，评价请按真实感受写",
        "收到差评我们马上联系顾客，给她换了尺码，也补发了一条腰带",
        "不好的评价我们都认真看，下一批改了袖长",
        "我们从不要求顾客删差评，有问题请直接联系客服",
        "本店从不以返现、红包为条件要求好评，如有人以此名义联系您，请向官方客服举报",
        "好评截图我们整理成了合集，感谢大家",
        "下单后截图找客服开发票",
        "给孩子讲星星的故事，睡衣印满了小星星",
        "点赞收藏不迷路，下期教你叠毛衣",
        "直接送货上门，运费我们承担",
        "盲盒公仔印花卫衣，图案可选",
        "点满分的版型，谁穿谁好看",
        "会员积分兑换：500积分换洗衣液一瓶",
    ],
)
def test_the_same_words_in_ordinary_copy_stay_below_review(text: str) -> None:
    assert not _flagged(text), text


def test_a_rules_page_with_forfeit_terms_only_warns() -> None:
    rules = "【活动规则】奖品：围巾5条；参与方式：评论；3月8日抽取；逾期视为放弃"
    assert check(SHIPPED, body=rules).verdict == "warn"
    assert check(SHIPPED, body="评论本条，3月8日抽取，奖品是围巾").verdict == "review"
    # a draw open to every buyer that says no share or follow is needed is not an inducement
    assert "inducement" not in _flagged("下单满299元即获抽奖资格，无需分享或关注。")
