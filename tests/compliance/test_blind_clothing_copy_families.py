"""Issue 18, session 15 (h156): the families added after the blind-written tune18-s15f-* texts
(everyday clothing copy: detail pages, outfit notes, live-stream talk, size and care guides)
catch new wordings and leave the ordinary wordings of the same words alone. None of these
sentences is in an evaluation set."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories as _categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("北京冬奥会官方合作伙伴，品质有保证", "ad_claim"),
        ("冬奥会运动员穿的同款滑雪服", "ad_claim"),
        ("亚运会指定运动服装供应商出品", "ad_claim"),
        ("马拉松赛事官方指定服装，跑者都在穿", "ad_claim"),
        ("航天员同款的保暖内衣，太空科技面料", "ad_claim"),
        ("奥运冠军同款训练服，未经授权也照样卖", "ad_claim"),
        ("点亮在看，并留言你最想要的颜色，周五揪一位送出同款", "inducement"),
        ("在看+留言说说你的身高体重，我们会抽3位读者送出围巾", "inducement"),
        ("点赞评论你最想要的一件，周末挑两位幸运读者送出", "inducement"),
        ("全网最长的羽绒服，没有之一", "ad_absolute"),
        ("这是市面上颜色最正的羊绒衫", "ad_absolute"),
        ("防水指数100%，暴雨天也不怕", "ad_claim"),
        ("怎么洗都不会变形", "ad_claim"),
        ("这张配图的水印写着毛片", "sensitive"),
        ("产后穿它三个月，身材恢复原样", "ad_claim"),
        ("孕妇防辐射服，宝宝更安心", "ad_claim"),
        ("福袋抽奖，限量100个", "lottery"),
        ("今年最火的羽绒服就是这件", "ad_absolute"),
    ],
)
def test_new_wordings_of_each_family_are_flagged(text: str, category: str) -> None:
    assert category in _categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "看奥运会运动员的领奖服，红色真的很提气",
        "2008年北京奥运那年，我们的第一家店开业",
        "请通过官方指定渠道购买，谨防假冒",
        "奥运冠军同款训练服，已获品牌授权（合作协议见官网）",
        "如果这篇穿搭对你有用，欢迎点赞在看，我们下周继续更新",
        "点赞留言告诉我们你想看什么穿搭",
        "包的尺寸：长28cm×宽12cm×高20cm，肩带可调节，最长120cm",
        "裙摆最宽150cm，转起来很好看",
        "羊毛大衣最长款到脚踝，最短款刚过臀，按身高选",
        "换季整理衣橱，先把最不常穿的衣服挑出来",
        "三个颜色里黑色最百搭，卡其色最有秋天的感觉",
        "这件卫衣灰色最耐脏，白色最好看但要勤洗",
        "我们最受欢迎的服务是免费改裤长，到店现场改",
        "冲锋衣防水指数10000mm，透湿指数8000g/㎡/24h，数据来自第三方检测报告",
        "托特包底部有硬衬，装满东西也不会变形",
        "含绒量90%的意思是绒子占九成、毛片占一成",
        "鹅绒和鸭绒怎么分？看绒朵大小，再看毛片的硬度",
        "塑身衣不能减肥，它的作用是穿着时修饰身形，脱下就恢复原样",
        "孕妇防辐射服我们不卖，也不建议大家相信这类宣传",
        "这款包的造型像一个福袋，抽绳收口，很可爱",
        "这个冬天最火的穿搭是什么？我们统计了小红书上的热门笔记",
        "今年春天最流行的配色是什么？答案是奶油黄配雾霾蓝",
    ],
)
def test_ordinary_wordings_are_not_flagged(text: str) -> None:
    assert not _categories(text), text
