"""Issue 18, session 18 (s18d, h184): the sensitive families added after the blind-written
tune18-s18d-* texts (militarism and Nazi codes, Hong Kong protest code words, military uniforms,
memorial sites as photo spots, disasters as an outfit hook, slurs, vulgar slang, superstition)
catch new wordings of the same idea, and the lawful neighbours (denials, retraction notices,
internal rules, memorial-day closures, generic product names) stay clean."""

from __future__ import annotations

import pytest

from tests.compliance.families import categories


@pytest.mark.parametrize(
    "text",
    [
        # militarism and Nazi codes
        "XU RI QI 满印棒球服，复古味拉满",
        "rising sun flag 元素机车夹克",
        "军国风立领制服，cos 展必备",
        "大日夲帝國 复古字样卫衣",
        "领口一对 SS闪电 刺绣，暗黑风",
        "闪电SS臂章 cos 大衣",
        "德三军服复刻款，懂行的来",
        "NA CUI 风皮大衣",
        "七三一部队白大褂 cos，万圣节吓人",
        "靖国参拜同款和服",
        # Hong Kong protest code words
        "给香港的手足留了几件黑T",
        "GFXG 黑色连帽衫补货",
        "SDGM 字母印花卫衣",
        "法轮常转刺绣帆布包",
        "Falun Dafa 字母卫衣",
        "TAIWAN IS A COUNTRY 帆布包",
        "一中一台 贴纸随单附送",
        "坦克与人剪影T恤",
        "FREE XINJIANG 字母卫衣",
        "stand with taiwan 帆布袋",
        "HK Independence 棒球帽",
        "Too Young Too Simple 字母T恤",
        "黑太阳符文棒球服",
        "Totenkopf 骷髅徽章皮衣",
        "玉碎特攻头巾，燃系穿搭",
        # dates and numbers
        "郑州720同款防水外套，冲走都不怕",
        "一二一三特惠，樱花和服上新",
        "731 白大褂 cos 套装",
        "0918狂欢节，满减开抢",
        "0707 七七纪念款卫衣，包邮",
        "大白同款连体服，万圣节cos",
        "核酸同款蓝色防护服睡衣",
        # heroes and martyrs
        "方志敏同款长衫，限时特价",
        "黄文秀同款冲锋衣，下单立减",
        "蛋炒饭纪念日，11月25日全场包邮",
        "抗美援朝限定款棉服，秒杀开始",
        "狼牙山跳崖同款速干裤",
        # military uniforms and national symbols on goods
        "现役作训服出售，尺码齐全",
        "99式常服，带军衔，退伍渠道",
        "国徽造型袖扣，商务西装必备",
        "公安字样反光背心，夜骑更显眼",
        # memorial sites and disasters as a fashion hook
        "烈士陵园拍照姿势大全，穿搭这样选",
        "纪念馆机位推荐，这件风衣超出片",
        "墓碑旁边的氛围感大片，黑裙子安排",
        "洪水来了也要美美的，雨靴配短裙",
        "震区逃生穿搭，冲锋衣要选亮色",
        # slurs
        "绿绿勿进，本店只卖猪皮鞋",
        "呆湾人也来抢这件卫衣",
        # vulgar and sexual slang
        "小骚货今晚就穿这条睡裙",
        "发骚专用吊带",
        "老司机都懂，这条丁字裤今晚发车",
        "男朋友看了当场硬了的睡衣",
        "大奶妹专属深V",
        "草泥马，这价格还犹豫",
        "撸管专用宽松睡裤",
        "啪啪啪战袍，今晚就穿",
        "18禁睡衣，尺度你懂的",
        "台巴子也抢着买",
        "穿成这样像脑瘫一样",
        # religious figures on underwear and shoes
        "地藏王菩萨图案泳衣",
        "上帝头像满印拖鞋",
        # drugs
        "麻叶满印卫衣，嗨起来",
        "蹦迪前来一口神仙水，这件荧光T恤更嗨",
        "迷幻蘑菇图案的派对衬衫，吃了就飞",
        "体育投注平台推荐，穿搭群福利",
        # superstition
        "避邪红绳配本命年红内裤",
        "戴上这串手串特别灵验，穿上红袜更旺",
        "穿上旺运的红色内裤，本命年必备",
        "改运貔貅印花T恤",
    ],
)
def test_s18d_sensitive_families_are_reviewed(text: str) -> None:
    assert "sensitive" in categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "这件牛仔外套真的牛逼",
        "逼格满满的黑色西装",
        "这特么也太好看了",
    ],
)
def test_s18d_profanity_is_a_warning(text: str) -> None:
    assert "sensitive" in categories(text, "warn"), text
    assert "sensitive" not in categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        # same words in their innocent senses
        "旭日东升刺绣中式外套",
        "冠军国风卫衣，领奖台同款配色",
        "将军国风刺绣马面裙",
        "罗马帝国风金色腰带",
        "日本设计师的帝国腰连衣裙",
        "26SS 新品闪电发货",
        "德三中学校服，30件起做",
        "张靖国师傅亲手做的西装",
        "兄弟俩情同手足，亲子装穿起来",
        "冬天手足冰凉的姐妹选加绒款",
        "香港仓发货，黑衣系列本周上新",
        "现役运动员同款跑鞋，经授权",
        "现役军人凭证件购买享九折",
        "军装风大衣，肩章是装饰，不带任何军衔标识",
        "西装领带的搭配技巧",
        "公安局斜对面的门店照常营业",
        "清明节去烈士陵园祭扫，请穿深色衣服",
        "纪念馆今天闭馆，我们暂停直播一天",
        "参观纪念馆请穿深色衣服，不要穿得太花哨",
        "汶川羌绣，出片率很高",
        "暴雨过后，包裹陆续恢复派送",
        "花花绿绿的童装真好看",
        "台湾设计师联名卫衣",
        "老司机开车穿的平底鞋，鞋底薄",
        "洗了几次牛仔裤硬了一点，穿两天就软",
        "逼真的豹纹印花",
        "骚扰电话太多，我们只在订单变动时联系您",
        "雷锋帽加厚款，护耳能放下来",
        "清明节缅怀李大钊烈士，今天不做推送",
        "妈妈教我做的蛋炒饭",
        "狼牙山景区徒步，记得穿防滑鞋",
        "到手价731元，包邮",
        "0918订单已全部发出",
        "大白兔联名卫衣，奶糖配色",
        "纪念馆参观穿搭：素色、简单、庄重",
        "香港冬天湿冷，手足保暖要做好",
        "麻叶绣球花图案的真丝围巾",
        "体育投注站旁边的小店也有我们的货",
        "穿搭老司机都懂的道理：深色显瘦",
        "这双靴子穿了一冬天，鞋面直接硬了",
        "这个去渍方法很灵验，穿了三年还像新的",
        "上帝保佑，拖鞋终于到货了",
        "Taiwan 台湾高山茶色系列",
        "亚麻叶纹理的桌旗",
        "黑太阳镜配白T，夏天必备",
        "宁为玉碎的倔强，写在白衬衫上",
        "未满18禁止入内的酒吧，我们不去",
        "SK-II 神仙水精华和这件真丝睡衣一起送妈妈",
        "为脑瘫儿童康复中心捐了一批冬衣",
        "蘑菇印花童装，纯棉",
        "菩萨蛮词牌刺绣旗袍",
        "上帝视角拍照，拖鞋也要入镜",
        "羊驼毛混纺针织衫",
        # denials, internal rules, closures, retractions
        "这条手链没有开光，也不具备任何转运功能",
        "所谓开光都是噱头，我们只讲面料",
        "红绳就是普通饰品，不能辟邪",
        "直播规范：严禁播放国歌，请主播遵守",
        "九一八，今天不做任何促销，直播取消一天",
        "公祭日当天活动取消，订单正常发出",
        "关于下架一款印有纳粹标志的T恤：我们已全部下架并诚恳致歉",
        "该款图案与旭日旗近似，已下架，向大家道歉",
    ],
)
def test_s18d_lawful_neighbours_pass(text: str) -> None:
    assert "sensitive" not in categories(text), text
