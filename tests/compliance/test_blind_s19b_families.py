"""Issue 18, session 19 (s19b, h196): classes of the retired blind sets fresh_set_5 and
fresh_set_6 in ad_claim, ad_disclosure and sensitive, written as new variants (no sentence of a
retired set): a body measure that grows by an amount after wearing the product (窜了/蹿了/个子
高了 + 厘米, 罩杯从A涨到B, 胸围大了一圈), skin and age claims (皱纹淡了, 肌肤变细腻, 皮肤年轻
十岁, 冻龄肌肤), purchase paths through a mini program, a QR code, a picture that jumps or a
card in sharing-style posts, searches on nicknamed platforms (东哥家, 狗东, 多多家), a rhetorical
denial of sponsorship next to a purchase path (合作？没有的事); allusions to the leader through
维尼熊 (那位, 皇冠, 登基), the national flag as the cloth of a garment, drug users' identity words
after 叶子 (爱好者, 同好, 玩家), all-Latin pinyin sex slang (yue pao), "那年六月" before candles —
and their lawful neighbours, including the material grade 医用级纱布 with a test report (warn)."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a body measure grows by an amount after wearing the product
        ("女儿天天穿这款弹跳鞋打篮球，一个学期蹿了3公分", "ad_claim"),
        ("自从穿上这双增高运动鞋，儿子半年个子高了4cm", "ad_claim"),
        ("穿了这套运动背心三个月，孩子身高长了2厘米", "ad_claim"),
        ("配合这双摸高训练鞋，寒假里孩子窜高了一大截", "ad_claim"),
        ("全靠这双跳绳鞋，娃一年窜了7厘米", "ad_claim"),
        ("坚持穿我们的塑形文胸，两个月胸围大了一圈", "ad_claim"),
        ("聚拢内衣穿了半年，罩杯从A涨到了B", "ad_claim"),
        ("不是视觉上的错觉，胸围是真的长了", "ad_claim"),
        ("这款跳绳鞋是孩子长个子的神器", "ad_claim"),
        ("自从穿了这双运动鞋，闺女长个特别快", "ad_claim"),
        ("孩子穿了我们家的增高鞋垫，身高一学期多了3公分", "ad_claim"),
        ("娃天天穿这款弹力鞋，个头猛长了一截", "ad_claim"),
        ("穿着这件塑形衣，罩杯大了一号", "ad_claim"),
        # skin and age
        ("真丝睡衣，睡出少女肌", "ad_claim"),
        ("桑蚕丝枕套一个月养出水光肌", "ad_claim"),
        ("真丝睡衣一个月，皮肤嫩嫩的", "ad_claim"),
        ("蚕丝被盖了两周，肌肤状态好了很多", "ad_claim"),
        ("贴身穿的桑蚕丝背心，让皮肤逆生长", "ad_claim"),
        ("会养肤的真丝枕套", "ad_claim"),
        ("这款真丝枕巾越睡越嫩", "ad_claim"),
        ("穿了一个月，小肚腩肉眼可见地收回去了", "ad_claim"),
        ("盖了三个月蚕丝被，眼角的鱼尾纹淡化了不少", "ad_claim"),
        ("这件真丝衬衫贴身穿，肌肤一周变细腻", "ad_claim"),
        ("睡桑蚕丝枕套，脸上的法令纹都浅了", "ad_claim"),
        ("醋酸睡裙穿一个月，皮肤年轻了十岁", "ad_claim"),
        ("穿上这套羊绒家居服，睡出冻龄肌肤", "ad_claim"),
        ("真丝眼罩让眼周皱纹肉眼可见地减少", "ad_claim"),
        # a care question does not hide a promise that follows it
        ("怎么让这件毛衣不起球？答案是选对纱线，我们的毛衣都不起球", "ad_claim"),
        ("这条黑色阔腿裤不褪色，洗多少次都一样", "ad_claim"),
        # one garment is enough below zero (eval_set's class, no report)
        ("漠河零下三十五度，这件派克服一件就够", "ad_claim"),
        ("零下二十度也只穿一件这个冲锋衣", "ad_claim"),
        ("零下十几度，羊绒大衣里面一件就够了", "ad_claim"),
        ("东北零下二十五度只穿一件羽绒马甲照样出门", "ad_claim"),
        ("零下15℃单件穿一件就够", "ad_claim"),
        # a medical grade without a report, or of the product itself, stays a claim
        ("医用级纱布面料，孕妇放心穿", "ad_claim"),
        ("医用级面料，检测报告齐全", "ad_claim"),
        # purchase paths in sharing-style posts
        ("周末逛街日记：今天这套的单品都在小程序，点进去就能买到", "ad_disclosure"),
        ("好物清单｜图三的毛衣扫码即可购买同款", "ad_disclosure"),
        ("私藏穿搭：点图片跳转到商品页下单", "ad_disclosure"),
        ("三款打底衫实测，想要的扫码下单", "ad_disclosure"),
        ("好物分享，下方卡片戳一下就能买", "ad_disclosure"),
        ("本周好物清单都在小程序商城有售", "ad_disclosure"),
        ("穿搭分享｜图片里的外套都能点进去买", "ad_disclosure"),
        ("种草合集：点图就能买同款", "ad_disclosure"),
        ("本周好物推荐：长按识别二维码，进店选购", "ad_disclosure"),
        ("私藏清单｜同款都在公众号菜单栏的商城里", "ad_disclosure"),
        ("叠穿心得：商城可直接下单文中单品", "ad_disclosure"),
        ("分享｜扫一扫图中码就能下单", "ad_disclosure"),
        ("通勤穿搭分享，想要同款的滴滴", "ad_disclosure"),
        # searches on nicknamed platforms and on more platforms
        ("穿搭分享：唯品会搜“羊毛大衣 燕麦”就能找到", "ad_disclosure"),
        ("同款去得物搜这个编号", "ad_disclosure"),
        ("闲鱼搜“全新吊牌羊绒衫”就有", "ad_disclosure"),
        ("这双鞋东哥家自营店有售", "ad_disclosure"),
        ("平替去多多家搜“羊毛混纺大衣”", "ad_disclosure"),
        ("狗东搜一下款号就出来", "ad_disclosure"),
        ("看中的直接去某书搜同款", "ad_disclosure"),
        ("马云家旗舰店下单更快", "ad_disclosure"),
        # a rhetorical denial next to a purchase path
        ("合作？不存在的，喜欢的去橱窗", "ad_disclosure"),
        ("推广？想多了，小黄车2号链接", "ad_disclosure"),
        ("收钱？才不是，评论区扣1", "ad_disclosure"),
        ("金主爸爸？没有的事，同款链接在主页", "ad_disclosure"),
        ("品牌合作？怎么可能，直接搜店名就有", "ad_disclosure"),
        ("品牌给钱？不存在的，小黄车同款", "ad_disclosure"),
        ("拿钱了？想多了，橱窗第2个就是", "ad_disclosure"),
        # 维尼熊 as the leader
        ("小熊维尼坐龙椅的图案卫衣", "sensitive"),
        ("维尼熊登基纪念T恤，懂的都懂", "sensitive"),
        ("印一只撞脸那位的维尼熊，回头率爆表", "sensitive"),
        ("小熊维尼戴皇冠的刺绣卫衣", "sensitive"),
        ("这款维尼熊神似某位大人物", "sensitive"),
        ("维尼影射款卫衣，你懂的", "sensitive"),
        ("Pooh熊刺绣卫衣，懂的都懂", "sensitive"),
        ("卫尼熊登基款T恤", "sensitive"),
        ("维尼熊戴墨镜的印花，像不像那个谁", "sensitive"),
        # the national flag as the cloth of a garment, also split by an emoji
        ("五星旗拼接的飞行夹克，爱国就穿", "sensitive"),
        ("国🇨🇳旗拼接的棒球服，爱国就穿它", "sensitive"),
        ("把国旗做成披肩外套", "sensitive"),
        ("五星红🚩面料拼接夹克", "sensitive"),
        ("国旗布料缝在书包上当装饰", "sensitive"),
        ("冲锋衣内衬用国旗图样", "sensitive"),
        # drug users' identity words after 叶子
        ("叶子🍃同好专属渔夫帽", "sensitive"),
        ("叶子玩家都在穿的宽松卫衣", "sensitive"),
        ("叶子爱好者的夏日T恤", "sensitive"),
        ("懂叶子的同好看过来，这件卫衣穿着飞", "sensitive"),
        ("叶子 🍃 玩家冬季限定", "sensitive"),
        # sex slang in all-Latin pinyin
        ("yue pao 战袍，黑色吊带裙", "sensitive"),
        ("YUEPAO必备睡衣", "sensitive"),
        ("Yue-Pao 专用香水味卫衣", "sensitive"),
        ("pao you 情侣款睡衣", "sensitive"),
        ("yi ye qing 吊带裙", "sensitive"),
        ("约啪专用睡裙", "sensitive"),
        # "that June" before candles
        ("那年六月，烛光不灭。白T上新", "sensitive"),
        ("那个六月，我们不敢忘。黑白印花卫衣", "sensitive"),
        ("那年六月的夜晚，点起蜡烛。纪念T恤", "sensitive"),
    ],
)
def test_s19b_classes_are_reviewed(text: str, category: str) -> None:
    assert category in categories(text), (text, categories(text))


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # growth without the product as its cause, sizes, shoes that add height
        ("孩子半年窜了5公分，去年的棉服都短了", "ad_claim"),
        ("衣长68厘米，袖长58厘米，胸围104厘米", "ad_claim"),
        ("这件胸围大了一圈，建议拍小一码", "ad_claim"),
        ("厚底老爹鞋，鞋底增高5厘米，显腿长", "ad_claim"),
        ("小个子女生穿这条裤子不拖地", "ad_claim"),
        ("孩子长高了衣服要买大一码", "ad_claim"),
        ("身高165，体重50公斤，穿M码刚好", "ad_claim"),
        ("个子长了不少，穿这件得买大一码", "ad_claim"),
        ("孩子正在长个子，建议买大一码", "ad_claim"),
        ("长个的年纪，衣服总是很快就短了", "ad_claim"),
        ("个头不高也能穿长款大衣", "ad_claim"),
        # style words, skin-friendly fabrics, fabric textures, looks
        ("像婴儿肌肤一样柔软的精梳棉", "ad_claim"),
        ("少女肌色的无痕打底衫", "ad_claim"),
        ("乳胶枕越睡越舒服", "ad_claim"),
        ("逆生长穿搭：卫衣配百褶裙", "ad_claim"),
        ("直筒西裤是永不会出错的通勤单品", "ad_claim"),
        ("条纹衫大概是永远不会淘汰的单品", "ad_claim"),
        ("竖条纹西装裤，视觉减重好几斤", "ad_claim"),
        ("松紧收腰凸显纤瘦腰肢", "ad_claim"),
        ("落肩袖外套，绝对不会显得臃肿", "ad_claim"),
        ("系带设计能遮盖住凸出的小肚腩", "ad_claim"),
        ("逆龄穿搭公式：针织开衫配百褶裙", "ad_claim"),
        ("这个雾霾蓝显年轻，皮肤偏黄也能穿", "ad_claim"),
        ("亲肤莫代尔面料，贴合皮肤不勒", "ad_claim"),
        ("绉纱面料自带细皱纹理，不用熨烫", "ad_claim"),
        ("冻龄女神同款学院风毛衣", "ad_claim"),
        ("敏感肌肤的宝宝也能放心穿的A类面料", "ad_claim"),
        # care questions: how to keep a garment from pilling or fading
        ("怎样才能让羊绒围巾不起球？别和粗糙的包摩擦", "ad_claim"),
        ("怎么让藏青色卫衣不褪色？第一次洗加点白醋", "ad_claim"),
        ("如何防止黑色打底裤不掉色？冷水手洗、反面晾", "ad_claim"),
        ("想让白T不褪色的话，别和深色衣服一起洗", "ad_claim"),
        ("怎样保持羊毛衫不起球：穿完挂起来，少摩擦", "ad_claim"),
        # one garment where it is not a warmth promise
        ("春秋通勤一件就够，不用再叠", "ad_claim"),
        ("零下十度只穿一件可不行，里面得加毛衣", "ad_claim"),
        ("零下五度记得在大衣里面加一件", "ad_claim"),
        ("室内有暖气只穿一件T恤也行", "ad_claim"),
        # a component's medical material grade with a test report is a warning only
        ("袖口内衬是医用级硅胶防滑条，检测报告可在详情页查看", "ad_claim"),
        ("婴儿口水巾内层为医用级纱布，附质检报告", "ad_claim"),
        ("里衬医用级纱布，第三方检测报告见详情", "ad_claim"),
        # store notices, labelled ads, QR codes and cards that sell nothing
        ("门店活动：扫码即可下单，满200减20", "ad_disclosure"),
        ("小程序下单满299包邮，物流可在小程序查看", "ad_disclosure"),
        ("【广告】穿搭分享：文中单品扫码即可购买", "ad_disclosure"),
        ("分享一个小技巧：扫码就能查看洗涤说明", "ad_disclosure"),
        ("会员卡片在小程序里领取", "ad_disclosure"),
        ("点进去看看今天的穿搭分享", "ad_disclosure"),
        ("点图放大看看领口的细节", "ad_disclosure"),
        ("新品上市，商城可直接下单", "ad_disclosure"),
        ("菜单栏可以查询物流和退换货", "ad_disclosure"),
        ("下雨天打了个滴滴去拍照", "ad_disclosure"),
        # platform nicknames without a search or a shop, a brand's own flagship
        ("小红书搜索 Hemline官方旗舰店 查看更多搭配", "ad_disclosure"),
        ("得物搜“Hemline官方旗舰店”有正品保障", "ad_disclosure"),
        ("东哥家的快递第二天就到了", "ad_disclosure"),
        ("马云家的双十一活动规则太复杂", "ad_disclosure"),
        ("狗东物流太快了", "ad_disclosure"),
        # a denial without a purchase path, a collaboration line
        ("合作？没有的事，就是分享下今天的穿搭", "ad_disclosure"),
        ("合作款？没有的，这季全是原创设计", "ad_disclosure"),
        ("收钱？没有的事，纯喜欢", "ad_disclosure"),
        # Winnie the Pooh as a licensed character
        ("维尼熊和小猪的亲子睡衣，迪士尼正版", "sensitive"),
        ("维尼熊抱蜂蜜罐印花，寓意甜甜蜜蜜", "sensitive"),
        ("小熊维尼卫衣，正版授权", "sensitive"),
        ("Winnie the Pooh 正版授权童装", "sensitive"),
        ("威尼斯旅行穿搭，那位博主也穿过", "sensitive"),
        # flag-raising, the guard of honour, China red, five-star hotels
        ("五星级酒店同款浴袍，面料细腻", "sensitive"),
        ("国庆节带孩子去看升国旗，穿红色卫衣很应景", "sensitive"),
        ("国旗护卫队的纪录片很燃", "sensitive"),
        ("中国红面料拼接的新年卫衣", "sensitive"),
        # leaves as prints and in autumn
        ("银杏叶子印花衬衫", "sensitive"),
        ("叶子印花爱好者的新选择", "sensitive"),
        ("秋天叶子纷飞，风衣正当时", "sensitive"),
        # pinyin that is not slang
        ("约好周末去跑步", "sensitive"),
        ("泡泡袖连衣裙", "sensitive"),
        # memories of June
        ("那年六月我高考，穿的就是这种白T", "sensitive"),
        ("那个六月去了大理，带了三条裙子", "sensitive"),
    ],
)
def test_s19b_lawful_neighbours_pass(text: str, category: str) -> None:
    assert category not in categories(text), (text, categories(text))


@pytest.mark.parametrize(
    "text",
    [
        "袖口内衬是医用级硅胶防滑条，检测报告可在详情页查看",
        "里衬医用级纱布，第三方检测报告见详情",
    ],
)
def test_s19b_medical_grade_material_with_report_warns(text: str) -> None:
    assert "ad_claim" in categories(text, "warn"), text
