"""Issue 18, session 21 (s21a, h217): ad_absolute and ad_claim classes from the misses and false
flags of two retired blind sets (fresh_set_7, fresh_set_8), fixed as families in
``wordlists/ad_claim.csv`` and ``wordlists/ad_absolute.csv``. Each class has variants written the
way other marketers (or other writers of traps) would write it, and lawful neighbours; no
sentence of a retired set is copied here.

Classes:

* disclaimers that deny a medical effect — a negation of the function before the disease or the
  drug (不能预防或治疗X, 不具有治疗或预防疾病的功效, 不用于X的治疗, 并非药品, 请勿替代药物) and
  health tips (X高发, 如有发热症状请及时就医): the disease word passes; the claims of the same
  frame still review (不是药胜似药, 不用吃药也能…, 穿上不会感冒, 再也不失眠, 没有X了);
* the claims that stay: a negation of other products followed by ours (普通护膝不能缓解…，这款可以),
  the rhetorical 谁说衣服不能治病, 不是所有…都能…但这款可以, 非药物缓解;
* a claim category named as what readers ask about, then denied (私信问防辐射服…没有防辐射功能);
* a truthful comparison within the brand's own range (品牌目前在售最轻的一款, 我们现有款式里最…);
* idioms of uniqueness and rank (万中无一, 千里挑一, 百里挑一, 出类拔萃…), also in traditional
  characters;
* a garment that makes the body grow or move by itself (肉会自己往上长, 脂肪转移到胸部,
  肉长在该长的地方, 副乳归位);
* diseases named by their folk names (香港脚, 鼠标手, 网球肘, 空调病, 冻疮…) and symptoms that
  disappear (脚痒没了, 脚丫不脱皮了).
"""

from __future__ import annotations

import pytest

from tests.compliance.families import assert_flagged, categories

FLAGGED = [
    # claims in the frame of a disclaimer: the negation is the claim, or a contrast follows
    ("这条暖宫裤不是药，胜似药，痛经的姐妹闭眼入", None, "ad_claim"),
    ("不用吃药也能告别老寒腿，就靠这条护膝", None, "ad_claim"),
    ("宝宝穿上这件马甲，一整个冬天都不会感冒", None, "ad_claim"),
    ("穿了这套睡衣，再也不失眠", "xiaohongshu", "ad_claim"),
    ("自从穿了这双袜子，脚气再也没犯过", None, "ad_claim"),
    ("不是普通的护膝，而是专门治疗关节炎的", None, "ad_claim"),
    ("没有任何副作用，还能缓解关节炎", None, "ad_claim"),
    ("这件羊毛背心不能说是药，但对老寒腿真的有效果", None, "ad_claim"),
    ("不能不提的是，它对宫寒特别有帮助", None, "ad_claim"),
    ("谁说衣服不能治病？这件远红外内衣就可以", None, "ad_claim"),
    ("非药品却胜似药品，穿上湿疹就好了", None, "ad_claim"),
    ("不是吹，穿了它鼻炎都好了", None, "ad_claim"),
    # negating other products, then ours; rhetorical 谁说…不能; non-drug relief
    ("普通护膝不能缓解关节炎疼痛，这款可以", None, "ad_claim"),
    ("一般的秋裤起不到治疗老寒腿的作用，这条可以", None, "ad_claim"),
    ("别家的袜子治不了脚气，我们的能", "weibo", "ad_claim"),
    ("其他睡衣不能改善失眠，这件就可以", None, "ad_claim"),
    ("市面上的孕妇装没用，我们的能挡住辐射", None, "ad_claim"),
    ("传统护腰做不到缓解腰痛，它做到了", None, "ad_claim"),
    ("不是所有护膝都能缓解关节炎，但这款可以", None, "ad_claim"),
    ("非药物缓解关节疼痛，一条护膝就够", None, "ad_claim"),
    ("谁说保暖裤不能治老寒腿？", "douyin", "ad_claim"),
    ("谁说衣服治不了病，这件远红外背心试试", None, "ad_claim"),
    ("别的护膝治不好膝盖疼，这款可以", None, "ad_claim"),
    ("预防感冒要靠这件羊毛衫，穿上就不怕降温", None, "ad_claim"),
    ("穿上它再也不会膝盖疼了", "douyin", "ad_claim"),
    ("关节疼的老人穿这条护膝，一周就不疼了", None, "ad_claim"),
    ("如有失眠困扰，试试这款真丝睡衣", "xiaohongshu", "ad_claim"),
    ("如有宫寒烦恼，这条加绒打底裤安排上", None, "ad_claim"),
    # asked-about claims the seller does not deny
    ("闺蜜问我防辐射服有没有用，我说当然有，屏蔽率高达99%", None, "ad_claim"),
    ("很多宝妈都在问的这款防辐射服，今天终于补货了", None, "ad_claim"),
    ("孕妈们最关心的防辐射，这件连衣裙全做到了", "xiaohongshu", "ad_claim"),
    ("防辐射服，实测电磁辐射屏蔽率99.9%", None, "ad_claim"),
    ("问就是防辐射，孕期必备", None, "ad_claim"),
    ("私信问防辐射服的姐妹，链接在置顶，穿上辐射全挡住", None, "ad_claim"),
    # comparisons that reach beyond the brand's own range
    ("这是全网在售最轻的一款羽绒服", None, "ad_absolute"),
    ("市面上在售最轻的一款长款羽绒服，只有398g", None, "ad_absolute"),
    ("所有品牌目前在售最轻的一款就是它", None, "ad_absolute"),
    ("同价位在售最暖的一件羽绒服", None, "ad_absolute"),
    ("国内品牌里最轻的一款羽绒服", None, "ad_absolute"),
    ("这件是行业在售最薄的一款冲锋衣", None, "ad_absolute"),
    # idioms of uniqueness and rank, also in traditional characters
    ("萬里挑一的好面料，摸過就知道", "xiaohongshu", "ad_absolute"),
    ("万中无一的版型，穿上就不想脱", None, "ad_absolute"),
    ("千里挑一的羊絨，手感絕了", "weibo", "ad_absolute"),
    ("这条裙子的剪裁是百里挑一的", None, "ad_absolute"),
    ("萬中選一的好料子，錯過不再有", None, "ad_absolute"),
    ("千中无一的做工，细节经得起看", None, "ad_absolute"),
    ("同价位里出类拔萃的一件大衣", None, "ad_absolute"),
    ("这件大衣的剪裁卓尔不群，一穿就知道差别", None, "ad_absolute"),
    ("这款是羽绒服里的翘楚，充绒量说话", None, "ad_absolute"),
    ("它是冲锋衣中的佼佼者，防水透气两不误", None, "ad_absolute"),
    # the body grows or moves by itself
    ("提臀内裤坚持穿，屁股的肉会慢慢往上长", "douyin", "ad_claim"),
    ("穿满三个月，臀部的肉会自己往上跑", "douyin", "ad_claim"),
    ("调整型内衣让脂肪转移到胸部，越穿越有料", None, "ad_claim"),
    ("坚持穿，副乳的肉会自动归位到胸部", None, "ad_claim"),
    ("塑身衣穿久了，肉会长在该长的地方", None, "ad_claim"),
    ("穿上这件文胸，背上的肉会自己跑到胸前", None, "ad_claim"),
    ("每天穿八小时，腰上的肉自己会往胸部走", "xiaohongshu", "ad_claim"),
    ("这条裤子穿一个月，臀部会自然往上长", "douyin", "ad_claim"),
    # folk names of diseases, symptoms that disappear
    ("香港脚的救星！抑菌袜子穿三天就不痒了", "weibo", "ad_claim"),
    ("有香港脚的兄弟闭眼入，这双袜子专克它", None, "ad_claim"),
    ("竹纤维袜子，穿一个月脚痒没了", None, "ad_claim"),
    ("穿了这双袜子，脚丫不再脱皮", None, "ad_claim"),
    ("鼠标手的打工人福音，这副护腕戴上就不疼", None, "ad_claim"),
    ("网球肘克星，这款护肘戴一周见效", None, "ad_claim"),
    ("办公室空调病？一件羊绒开衫就能预防", None, "ad_claim"),
    ("冻疮星人的福音，这双手套戴上冻疮全好了", None, "ad_claim"),
    ("老慢支的老人穿这件背心，冬天咳嗽少多了", None, "ad_claim"),
    ("烂脚丫的克星，穿上这双袜子就好", None, "ad_claim"),
]

LAWFUL = [
    # disclaimers that deny a medical effect, in other words and other diseases
    ("温馨提示：护膝只是保暖用品，不能预防或治疗关节炎。", "wechat_oa"),
    ("本品为普通纺织品，不具有治疗或预防任何疾病的功效。", None),
    ("护腰只能帮助保暖，不能治疗痛经，痛经严重请及时就医。", None),
    ("袜子不是药品，也不能治疗脚气，有症状请看医生。", None),
    ("本产品非医疗器械，不用于治疗湿疹，请勿替代药物使用。", "wechat_oa"),
    pytest.param(
        "本产品非医疗器械，不用于湿疹的治疗，请勿替代药物使用。",
        "wechat_oa",
        marks=pytest.mark.xfail(
            strict=True,
            reason="的 between the negation and 治疗 ends the negation (scope breaker, engine); "
            "不用于湿疹的治疗 still reviews — write 不用于治疗湿疹",
        ),
    ),
    ("声明：本品并非药品，不能替代药物，也不具备改善睡眠的作用。", None),
    ("羊绒衫不具有任何预防或治疗感冒的作用。", None),
    ("衣服再保暖也不等于不感冒，降温时多喝热水、注意休息。", None),
    ("我们不宣称任何缓解腰痛的效果，腰痛请遵医嘱。", None),
    ("孕期保暖很重要，但衣物本身并不能预防疾病。", "wechat_oa"),
    ("我们的护膝就是普通护膝，不能治疗关节炎，关节问题请看医生。", None),
    ("普通衣物不能预防或治疗疾病，如有不适请就医。", "wechat_oa"),
    ("别的颜色不能机洗，这款可以。", None),
    ("谁说冬天不能穿裙子？加绒打底就够了。", "xiaohongshu"),
    ("护膝只是保暖用品，不等于治疗，膝盖疼请去医院。", None),
    ("本品不能治疗、预防任何疾病，请理性选购。", "wechat_oa"),
    ("以上内容仅为穿搭分享，不构成医疗建议。", "xiaohongshu"),
    ("我们的睡衣不会改善失眠，只是面料更亲肤。", None),
    ("声明：本品仅为穿搭建议，不作为治疗依据。", None),
    # health tips: disease words in advice and seasons
    ("降温了，流感和感冒高发，出门记得加件外套。", "wechat_oa"),
    ("如有发热、咳嗽症状，请及时就医。", None),
    ("宝宝如有发热症状，请先就医，再换宽松透气的衣服。", None),
    ("换季感冒多发，晚上睡觉别贪凉。", None),
    ("怕冷未必是病，多运动、规律作息才是关键。", None),
    ("天冷了，预防感冒还得靠勤洗手、多喝水。", "wechat_oa"),
    ("宝宝如有红疹请及时就医。", None),
    ("如有发热、咳嗽等症状，请及时就医。", "wechat_oa"),
    ("如有失眠困扰，建议咨询医生。", None),
    ("换季穿搭的烦恼，这件风衣都能解决。", None),
    ("宫寒烦恼请先就医，保暖只是日常习惯。", None),
    # asked-about claims that are denied
    ("后台常有孕妈咨询防辐射服，统一回复：我们不卖，也没有这类功能。", "wechat_oa"),
    ("很多人问防辐射服，我们的建议是选透气的纯棉面料就好。", None),
    ("有读者问过防辐射服要不要买，普通孕妇装没有防辐射功能，按需选择。", "wechat_oa"),
    # truthful comparisons within the brand's own range
    ("这是品牌目前在售最轻的一款羽绒服，比去年同款轻了30g。", "weibo"),
    ("我们现有款式里最薄的一件风衣，适合早春。", None),
    ("这是我们旗下在售最长的一款大衣。", None),
    ("品牌旗下在售最长的一款大衣，到脚踝。", None),
    ("同系列在售最轻的一款，适合通勤。", None),
    # rank idioms that are background or about people, and selection as a process
    ("我们从上百块面料小样里挑了一块做这件衬衫。", None),
    ("一百件样衣里只选一件量产，这是我们的习惯。", None),
    ("模特是从几十位候选人里选出来的。", None),
    ("风衣一直是春季外套里的佼佼者，百搭又实穿。", None),
    ("她是我们设计团队里出类拔萃的版师。", None),
    # the body: visual effects and growth facts
    ("高腰设计把臀部的肉包住，视觉上更翘。", None),
    ("孩子个子往上长得快，裤子建议买大一码。", None),
    ("侧边加高，收拢副乳，穿着更平整。", None),
    # folk names in advice and place names
    ("去香港逛街脚都走酸了，还好穿了这双软底鞋。", None),
    ("长时间用鼠标记得休息手腕，护腕只是保暖用品，不能治疗鼠标手。", None),
    ("冬天手容易干，戴手套前可以先涂护手霜。", None),
    ("皮衣要定期保养，避免表面脱皮。", None),
    ("空调房里备一件开衫，冷了随时披上。", None),
]


@pytest.mark.parametrize(("text", "channel", "category"), FLAGGED)
def test_s21a_family_is_flagged(text: str, channel: str | None, category: str) -> None:
    assert_flagged(text, channel, category)


@pytest.mark.parametrize(("text", "channel"), LAWFUL)
def test_s21a_lawful_neighbour_stays_below_review(text: str, channel: str | None) -> None:
    got = categories(text, channel=channel) & {"ad_claim", "ad_absolute"}
    assert not got, (text, got)
