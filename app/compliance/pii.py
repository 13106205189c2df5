"""Personal information found by validated patterns on the original text (PIPL, PRODUCT §2).

* 手机号: ``1[3-9]`` + 9 digits, optionally ``+86``/``0086``/``86`` in front and written
  3-4-4 with one consistent space or hyphen; never part of a longer digit run.
* 身份证号: 17 digits + digit or X (contiguous, or grouped 6-8-4 or 6-4-4-4 with one consistent
  space or hyphen), with a valid ISO 7064 MOD 11-2 check digit and a birth date between
  1900-01-01 and today. Right after its cue (身份证号：…, issue 18, h161) an 18-character number is
  read even with a wrong check digit: a mistyped real number is still someone's.
* 银行卡号: 16–19 digits (contiguous, or in groups of four with one consistent space or hyphen)
  passing the Luhn check and not also a valid 身份证号; right after 银行卡/卡号 (h161) without the
  Luhn check.
* 手机号 written loosely (issue 18): the same 11 digits with one or two spaces between any of
  them (``1 3 9 1 2 3 4 5 6 7 8``, ``1380 013 8000``), never part of a longer spaced digit run
  (order numbers, size rows). Other mixed separators (``139.1234-5678``) are not read as one
  number. Chinese digits (一三八…, 幺, 壹贰叁…) may be spaced the same way
  (``幺三九 一二三四 五六七八``).
* 电子邮箱: ``local@domain.tld``, and the same with the ``@`` or dots written out (issue 18):
  ``(at)``, ``[at]``, `` at ``, ``艾特``, ``圈a``, ``#`` for the ``@``; ``点``, ``(dot)``,
  `` dot `` for the dots; a mail provider alone after a written-out ``@`` (``lily艾特qq``) is
  enough.
  **Severity (issue 18, legal's open question):** an e-mail address of a private person is
  ``review``, like a mobile number or a personal WeChat/QQ id: PIPL Art. 25 asks for separate
  consent before anyone's personal information is published, and an e-mail address reaches its
  owner as directly as a phone number (Ad Law Art. 9(6)). A business's own address — a business
  word (客服, 官方, 品牌, 合作, 商务, 公司 …) within 12 characters before it, or a role mailbox
  (service@, pr@, hr@, hello@, kefu@ …) — stays ``warn``: the reviewer sees it, nothing to mask.
* 详细地址 (issue 19): a mainland address down to the house number — a province-level name
  (北京, 广东省, 内蒙古自治区 …), a city (…市) or a district/county (…区/县) at its start, then
  optionally the lower levels, a road or street (…路/街/大道/巷/弄/胡同) and a number (…号, then
  optionally 栋/幢/单元/室). A city- or district-led address must begin after a non-Chinese
  character or after a cue (地址, 寄到, 住在 …), so that the words before it are not taken for
  its name. Without a house number there is no hit: 北京时间, 云南白药, 新疆棉, 北京路店 pass.
  Masked to the district: 杭州市西湖区****. A business address — 门店, 店铺, 专柜, 公司地址, 总部,
  仓库 … within 8 characters before it — is not personal information and gives no hit; nor is
  one with 门店/店铺/分店/新店/总部 within 24 characters before it and no delivery or home cue
  (寄, 收货, 住 …) in that reach (a shop's move, issue 18, h161).
  A home inside a residential estate (issue 18) is one too: building, then unit and room or a
  room (3栋2单元501室, 12幢1203室, 5号楼602室), with the estate's name before it if there is one
  (阳光小区3栋2单元501室); masked to the estate name.
* 姓名 (issue 19): a personal name in context — a cue (收件人, 收货人, 联系人, 获奖者, 中奖者,
  买家, 寄件人 …), optionally a colon or space, then a known surname (single or compound) and one
  or two more Chinese characters; a third character that is a common verb or particle (说, 的,
  在 …) is not taken. A surname followed by a title only (王女士, 李先生) is not a name hit.
  Masked to the surname: 王**. Names the piece's authorisation allows showing are passed in
  ``allowed_names`` and give no hit. Severity ``warn``: the reviewer sees it and the suggestion.
  A name right before a mobile number or an address hit (中奖名单：李娜 138…, @张伟 ①③⑨…,
  寄给陈静：阳光小区…, issue 18) is a name hit too, without a cue: it starts after a non-Chinese
  character, 给 or @.

Digit forms (issue 18): full-width digits (and the full-width space) count as digits (and a
space), and so do circled, parenthesised, dotted, dingbat and mathematical digits (①, ⑴, ⒈, ❶, 𝟏)
and keycap emoji (1️⃣: the keycap mark and emoji selector belong to the digit before them);
zero-width spaces between digits are skipped. A run of 11 or more digits of any script (壹叁捌 1234
伍陆柒捌, 1三8一2…) is read as digits. A mobile number in 3-4-4 may use one kind of separator of
``space . - / _ ~ · | 丨 — –`` or a line break, a hyphen or dash also with spaces around it; a
number given in two parts (前三位 138，后八位 1234 5678) is one hit from the first digit to the
last. An ID number may be written in groups of one to four characters with one consistent space
or hyphen (3301 0619 8805 1234 19); a card number grouped in fours may use the mobile separators.
Masked numbers (``138****5678``) break the digit run and do not match. Offsets are indexes into
the original text.

Issue 18 (h147, from blind-written texts): an emoji or symbol between the groups of a 3-4-4
number (138🌸1234🌸5678), a dash between spaced digits (1 3 8 - 1 2 3 4 - 5 6 7 8) and linking
words between the groups after a phone cue (号码是 139 然后 1234 最后 5678) are read too; a
number right after a product or order code's label (货号, 款号, SKU, 订单号 …) is that code.
Also ``review``: a private landline after a home cue (家里座机, 宅电), Douyin, Xiaohongshu and
Kuaishou ids after 抖音号, 小红书号, 红薯号, 快手号, WeChat's nickname 卫星 and a full-width Ｑ/Ｖ
cue, full-width e-mail addresses, villages with their group (王庄村三组18号), dormitories
(东区宿舍 12栋 504 寝室, 7舍 403), a unit written 门, one space between address parts, licence
plates in a text about a car (车主 … 沪A·12345), a full name before a masked mobile
(李娜 138****5678: the name is the unmasked part) and a tail number with a full name
(陈思思，手机尾号 5678). A shop's own landline, account or address still gives no hit.

Issue 18 (h154, from blind-written texts): radio digits 两/洞/拐/勾; homophone, pinyin and l/O
spellings of a mobile after a phone cue; line breaks inside spaced mobiles and ID groups; a
full-width Ｘ; emoji between card groups; 135开头…尾号4567; WeChat homophones 维信/微芯/威芯 and
spaced ids; a tracking number with a full name in its line (快递单号); a name after a tail
number (尾号 4630 的周敏姐); lane numbers (75 弄 12 号) and addresses after 人在/家在/住;
dormitory rooms (3 楼 308 寝室); kindergarten classes and a child's name after the class; a full
name with a birth date (出生日期); a home-landline cue after the number. Return addresses and
addresses followed by a warehouse, company or shop are the business's own.

Issue 18 (s18e, from blind-written texts): WeChat cues spaced or dotted (w x, V X, v.x), in
spaced pinyin (wei xin, wei xin hao), 微 · 信 with spaces round the dot, and 微/威/薇 alone before
a colon (加薇：…; not 蔷薇：); words or an arrow between the cue and the id (微信找我👉, vx 加我：,
威信搜一下, 主页有 v ，加 …) and a lone V after 有/主页/简介/私/找我; ids spelled with a middle dot
(l i l y · 0 5 2 0, lily·0520). After a spaced V X the id needs a digit, _ or - or a colon
before it (Hemline V x Ami is a collaboration). Digits 叄, 貮 and 兩; a middle dot between spaced
mobile digits (1 3 8 · 1 5 9 2 · …); mobile groups parted by commas after a phone cue
(电话是一三八，一五九二，六四七三); an ID number in groups of any length right after its cue. An
office tower's room (T3 塔 1506, B座1806, 金茂大厦 A 座 1801) with a delivery, home or address
cue or a full name before it in its sentence (or a name and 收 after it); not after a
business or event word (公司地址, 活动, 会场 …), and not a second hit right after the street
address it belongs to. The same for a room in a named building without a building number
(寄到环球大厦 2203 室, 文三路华星时代广场 1203 室). An estate home written building-unit-room
with dashes after the estate's name (阳光小区 3-2-501). No-break, en, em and thin spaces read as
spaces in numbers; a lone V or Q before a plus is a cue (V➕ lily0520). A text in traditional
script (收貨地址：…區…號, 電話, 身份證, 衛星, 陳曉雯) is read in simplified script, character for
character (OpenCC's table), and enclosed letters (ⓋⓍ, 🅥🅧) as plain ones, the hits keeping the
original text and offsets. After a personal address or delivery cue (收货地址, 寄到, 家住 …) a
road and house number need no province, city or district (寄到文三路 478 号 1203 室). Hong Kong,
Macao and Taiwan mobiles with their country code (+852 9123 4567, +886 912 345 678), not a
shop's or service line. Taobao, Wangwang and Xianyu accounts after 淘宝账号, 旺旺号 (or 旺旺：),
闲鱼号, as the Douyin and Xiaohongshu ones.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import cache
from importlib import resources

from app.compliance.model import VERDICTS, Hit, Report, severity_rank

_BASIS = "《个人信息保护法》第二十五条；《广告法》第九条第六项"
_CONSENT = "，并取得本人单独同意"
# Full-width digits and the other characters of numbers and e-mail addresses (＋－．＠＿) read as
# their ASCII forms (same length). Full-width letters are left alone: ad copy uses them (ＶＩＰ),
# and translating every such text would cost more than the rest of the PII scan.
# Issue 18 (s18e): other spaces pasted from documents and chats (no-break, en, em, thin, narrow
# no-break, medium mathematical) read as a space too: 138\u00a01592\u00a06473.
_WIDE_CHARS = "０１２３４５６７８９＋－．＠＿\u3000Ｘｘ\u00a0\u2002\u2003\u2009\u200a\u202f\u205f"
# Issue 18: digits written as circled (①), parenthesised (⑴), dotted (⒈), dingbat (❶ ➀ ➊) or
# mathematical (𝟏 𝟙 𝟷) characters read as digits too; ⑩ and the like (no single digit) do not.
_DIGIT_BLOCKS = (
    (0x2460, 0x24FF),
    (0x2776, 0x2793),
    (0x1D7CE, 0x1D7FF),
    # session 20 (s20d): superscript and subscript digits (电话 ¹³⁸¹²³⁴⁵⁶⁷⁸)
    (0xB2, 0xB3),
    (0xB9, 0xB9),
    (0x2070, 0x2089),
)
_DIGIT_FORMS = {
    code: str(unicodedata.digit(chr(code)))
    for first, last in _DIGIT_BLOCKS
    for code in range(first, last + 1)
    if unicodedata.digit(chr(code), None) is not None
}
_NARROW: dict[int, str] = {
    **{
        ord(wide): narrow
        for wide, narrow in zip(_WIDE_CHARS, "0123456789+-.@_ Xx       ", strict=True)
    },
    **_DIGIT_FORMS,
}
# Full-width letters, read as ASCII only in a text with a full-width "＠" (issue 18, h147).
_WIDE_LETTERS = {
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},
}
# The characters read as digits (and the rest of _WIDE_CHARS), as ranges: a class of ranges is
# searched much faster than one of the same characters listed one by one.
_FORM = re.compile(
    f"[{_WIDE_CHARS}" + "".join(f"{chr(first)}-{chr(last)}" for first, last in _DIGIT_BLOCKS) + "]"
)
# Dropped from the probe when they follow a digit, their place taken by that digit: the emoji
# selector and keycap mark (1️⃣ is "1", U+FE0F, U+20E3) and zero-width spaces between digits.
_MARK_CHARS = "\ufe0f\u20e3\u200b-\u200d\u2060\ufeff"
_MARK = re.compile(f"[{_MARK_CHARS}]")
_DIGIT_MARKS = re.compile(f"(?<=[0-9])[{_MARK_CHARS}]+")
_FORM_OR_MARK = re.compile(_FORM.pattern[:-1] + _MARK_CHARS + "]")
# The separators a mobile number may be written with (one kind in one number); a hyphen or dash
# may have a space on each side (138 - 1234 - 5678).
# Issue 18 (h147): an emoji or symbol (138🌸1234🌸5678, 139 ★ 1234 ★ 5678) is a separator too.
_SYMBOLS = "\u2600-\u27bf\u2b50\u2b55\U0001f300-\U0001faff"
_SEPARATOR = rf"(?:[ .\-/_~·|丨—–\n]| ?[\-—–~] ?| ?[{_SYMBOLS}]\ufe0f? ?)?"
_MOBILE = re.compile(
    r"(?<![0-9])(?<![0-9][./_·|丨])(?:(?:\+|00)?86[ -]?)?(1[3-9][0-9])("
    + _SEPARATOR
    + r")([0-9]{4})\2([0-9]{4})(?![0-9])"
)
# A number written in Chinese digits (一三九…, 幺 for 1), maybe mixed with other digits
# (壹叁捌 1234 伍陆柒捌, 1三8一2…): a run of 11 or more is read as digits (same length, so offsets
# stay exact); shorter runs (一二三, 八一) are ordinary words. The financial forms (壹贰叁…, also
# in traditional script) count too. Issue 18 (s18e): the variant 叄 and 貮 of 叁 and 贰, and 兩,
# the traditional 两 (致電 壹玖捌伍柒叄陸壹零貳肆); 参, the simplified 參 (a text in traditional
# script is read in simplified script, see _t2s).
_HAN_DIGITS = str.maketrans(
    "零〇一二三四五六七八九幺壹贰叁肆伍陆柒捌玖貳參陸两洞拐勾叄貮兩参",
    "00123456789112345678923620793223",
)
_HAN_DIGIT = "[零〇一二三四五六七八九幺壹贰叁肆伍陆柒捌玖貳參陸两洞拐勾叄貮兩参]"
_HAN_CHARS = "\u4e00-\u9fa5"
_ANY_DIGIT = "[0-9零〇一二三四五六七八九幺壹贰叁肆伍陆柒捌玖貳參陸两洞拐勾叄貮兩参]"
# Issue 18 (s18e): the groups may be parted by commas (一三八，一五九二，六四七三); they become one
# number only through _WORDED_MOBILE, after a phone cue.
_HAN_DIGIT_RUN = re.compile(f"{_ANY_DIGIT}(?:[ ，,、]{{0,2}}{_ANY_DIGIT}){{10,}}")
# A mobile number with one or two spaces between any of its digits (issue 18); the forms the
# strict pattern reads (contiguous, 3-4-4 with one consistent separator) are left to it.
# Issue 18 (h147): a dash between spaced digits too (1 3 8 - 1 2 3 4 - 5 6 7 8).
# Issue 18 (s18e): or a middle dot (1 3 8 · 1 5 9 2 · 6 4 7 3); never a full stop (1.38 1.59 …).
_LOOSE_GAP = r"(?: ?[\-—–·・] ?| {0,2})"
_LOOSE_MOBILE = re.compile(
    r"(?<![0-9])(?<![0-9] )(?<![0-9]  )(?<![0-9][\-—–·・])(?<![0-9] [\-—–·・])"
    rf"1{_LOOSE_GAP}[3-9](?:{_LOOSE_GAP}[0-9]){{9}}(?!{_LOOSE_GAP}[0-9])"
)
# Issue 18 (h154): a 3-4-4 number broken across a line, a space between the other groups
# (139 6920⏎7745); only in 3-4-4, so a column of figures (1386⏎1234⏎152) is no number.
_MIXED_MOBILE = re.compile(
    r"(?<![0-9])(?<![0-9][ \n])1[3-9][0-9][ \n][0-9]{4}[ \n][0-9]{4}(?![0-9])(?![ \n][0-9])"
)
# A mobile number given in two parts (前三位 138，后八位 1234 5678): joined if they make 11 digits.
_SPLIT_MOBILE = re.compile(
    r"前[三四五六七3-7]位[是为:：\s]*(?P<front>1(?:[ -]?[0-9]){2,6})(?![0-9])[^0-9]{0,8}?"
    r"后[四五六七八4-8]位[是为:：\s]*(?P<back>[0-9](?:[ -]?[0-9]){3,7})(?![0-9])"
)
_ID_NUMBER = re.compile(
    r"(?<![0-9])(?:[0-9]{17}[0-9Xx]"
    r"|[0-9]{6}([ \-\n])[0-9]{8}\1[0-9]{3}[0-9Xx]"
    r"|[0-9]{6}([ \-\n])[0-9]{4}\2[0-9]{4}\2[0-9]{3}[0-9Xx])(?![0-9Xx])"
)
# An ID number written in small groups (3301 0619 8805 1234 19, 330 106 1988 …): groups of one to
# four characters with one consistent space or hyphen, never part of a longer such run; the check
# digit and the birth date keep random digit rows out. Long uneven groups (5101072 0010515 6631)
# stay unread, as before.
_LOOSE_ID = re.compile(
    r"(?<![0-9])(?<![0-9][ \n-])[0-9]{1,4}([ \n-])(?:[0-9]{1,4}\1)+[0-9]{0,3}[0-9Xx]"
    r"(?![0-9Xx])(?![ \n-][0-9])"
)
_CARD_GAP = rf"(?: ?[{_SYMBOLS}]\ufe0f? ?| |\n)"
_CARD = re.compile(
    r"(?<![0-9])(?:[0-9]{16,19}"
    r"|[0-9]{4}([ .\-/_·|丨—–\n])[0-9]{4}(?:\1[0-9]{4}){2}(?:\1[0-9]{1,3})?"
    # issue 18 (h154): an emoji between some groups, spaces or line breaks between the others
    # (6214 8375 💳 5102 9386)
    rf"|[0-9]{{4}}(?:{_CARD_GAP}[0-9]{{4}}){{3}}(?:{_CARD_GAP}[0-9]{{1,3}})?)(?![0-9])"
)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@"
    r"([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
)
# An e-mail address with its "@" (and maybe its dots) written out (issue 18). A written-out "@"
# (艾特, 圈a, (at), " at ") may be followed by a mail provider alone; "#" and a spaced "@" need
# a whole domain.
_AT_WORDS = r"(?:艾特|圈[aA]|[(（\[【{<]\s*(?:[aA][tT]|@)\s*[)）\]】}>]|(?<=\S)\s[aA][tT]\s(?=\S))"
_AT_SIGNS = "[#@]"
_DOT_WORD = r"(?:\.|点|[(（\[【{<]\s*(?:[dD][oO][tT]|点)\s*[)）\]】}>]|\s[dD][oO][tT]\s)"
_MAIL_PROVIDERS = "qq|163|126|139|gmail|outlook|hotmail|sina|sohu|foxmail|yeah|aliyun|icloud|yahoo"
_TLDS = "com|cn|net|org|edu|gov|io|me|co|cc|hk|tw|jp|uk|us|info|biz"
_DOMAIN = rf"(?:[A-Za-z0-9-]+\s*{_DOT_WORD}\s*)+(?:{_TLDS})(?![A-Za-z0-9])"
# The same forms, written to start with one character class: the regex engine then skips ahead
# to those characters instead of trying every alternative at every position (~20x faster).
_AT_STARTS = "艾圈(（[【{<aA#@"  # the first character of each form
_AT_FORM = re.compile(
    f"[{re.escape(_AT_STARTS)}]"
    r"(?:(?<=艾)特|(?<=圈)[aA]|(?<=[(（\[【{<])\s*(?:[aA][tT]|@)\s*[)）\]】}>]"
    r"|(?<=\S\s[aA])[tT]\s(?=\S)|(?<=[#@]))"
)
_WRITTEN_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*\s*"
    rf"(?:{_AT_WORDS}\s*(?P<domain>{_DOMAIN}|(?:{_MAIL_PROVIDERS})(?![A-Za-z0-9.]))"
    rf"|{_AT_SIGNS}\s*(?P<whole>{_DOMAIN}))"
)
_BUSINESS_MAIL = re.compile(
    "客服|官方|店铺|门店|品牌|公众号|商家|售后|公司|企业|工作室|合作|商务|招聘|媒体|联系我们|投诉"
)
_ROLE_MAILBOXES = frozenset(
    "service support info hr pr bd contact hello kefu press media marketing sales business admin "
    "job jobs official shop team noreply cs help feedback market brand store vip".split()
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """Return the ISO 7064 MOD 11-2 check character of a 身份证号's first 17 digits."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def is_valid_id_number(number: str) -> bool:
    """Tell whether an 18-character 身份证号 has a valid check digit and plausible birth date."""
    if len(number) != 18 or not (number[:17].isascii() and number[:17].isdigit()):
        return False
    if id_check_digit(number[:17]) != number[17].upper():
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


def luhn_valid(digits: str) -> bool:
    """Tell whether a digit string passes the Luhn check."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char) * (2 if i % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _mobile(match: re.Match[str]) -> tuple[str, str, str] | None:
    digits = match.group(1) + match.group(3) + match.group(4)
    return "手机号", "review", f"{digits[:3]}****{digits[7:]}"


# Issue 18 (h161): a number right after its own cue (身份证号：…, 退到了她的银行卡 …) is that number
# even when its check digit or Luhn sum is wrong — a mistyped real number is still someone's; the
# check only keeps cue-less digit rows (order numbers, size rows) out.
_ID_CUE = re.compile("身份证|证件号|身份号码")
_CARD_CUE = re.compile(
    "银行卡|(?<!会员)(?<!礼品)(?<!购物)(?<!储值)卡号|银行账号|储蓄卡|借记卡|信用卡|银行账户"
)
_NUMBER_CUE_REACH = 12


def _cued(match: re.Match[str], cue: re.Pattern[str]) -> bool:
    """Tell whether the cue stands within _NUMBER_CUE_REACH characters before the match."""
    return bool(cue.search(match.string, max(0, match.start() - _NUMBER_CUE_REACH), match.start()))


def _id_number(match: re.Match[str]) -> tuple[str, str, str] | None:
    number = re.sub("[ \n-]", "", match.group())
    if not is_valid_id_number(number) and not (len(number) == 18 and _cued(match, _ID_CUE)):
        return None
    return "身份证号", "review", f"{number[:6]}********{number[14:]}"


def _loose_id(match: re.Match[str]) -> tuple[str, str, str] | None:
    if _ID_NUMBER.fullmatch(match.group()):
        return None  # the strict pattern's own form: its hit, not a second one
    return _id_number(match)  # 18 characters once the separators are gone, or no hit


# Issue 18 (s18e): right after an ID cue, 18 characters in groups of any length (身份证号码
# 3301061990 0315 2319): the cue says what the number is; without it uneven groups stay unread.
_UNEVEN_ID = re.compile(
    r"(?<![0-9])(?<![0-9][ \-])[0-9](?:[ \-]?[0-9]){16}[ \-]?[0-9Xx](?![0-9Xx])(?![ \-][0-9])"
)


def _uneven_id(match: re.Match[str]) -> tuple[str, str, str] | None:
    if not _cued(match, _ID_CUE) or _ID_NUMBER.fullmatch(match.group()):
        return None
    if _LOOSE_ID.fullmatch(match.group()):
        return None  # the small groups' own form: its hit, not a second one
    return _id_number(match)


def _card(match: re.Match[str]) -> tuple[str, str, str] | None:
    digits = re.sub("[^0-9]", "", match.group())
    if is_valid_id_number(digits) or not (luhn_valid(digits) or _cued(match, _CARD_CUE)):
        return None
    return "银行卡号", "review", f"{digits[:4]}{'*' * (len(digits) - 8)}{digits[-4:]}"


def _loose_mobile(match: re.Match[str]) -> tuple[str, str, str] | None:
    if _MOBILE.fullmatch(match.group()):
        return None  # the strict pattern's own form: its hit, not a second one
    if re.search("[-—–]", match.group()) and re.search("[0-9][0-9]", match.group()):
        return None  # a dash only between spaced single digits; 138-1234 5678 mixes two forms
    digits = re.sub("[^0-9]", "", match.group())
    return "手机号", "review", f"{digits[:3]}****{digits[7:]}"


def _mixed_mobile(match: re.Match[str]) -> tuple[str, str, str] | None:
    if _MOBILE.fullmatch(match.group()):
        return None  # one separator throughout: the strict pattern's hit
    digits = re.sub("[^0-9]", "", match.group())
    return "手机号", "review", f"{digits[:3]}****{digits[7:]}"


def _email_severity(match: re.Match[str]) -> str:
    """``warn`` for a business's own address, ``review`` for a private person's (see above)."""
    local = re.split(r"[._+-]|\s|艾特|圈|[(（\[【{<#@]", match.group(), maxsplit=1)[0].lower()
    business = _BUSINESS_MAIL.search(match.string, max(0, match.start() - 12), match.start())
    return "warn" if business or local in _ROLE_MAILBOXES else "review"


def _email(match: re.Match[str]) -> tuple[str, str, str] | None:
    return "电子邮箱", _email_severity(match), f"{match.group(1)}***@{match.group(2)}"


def _written_email(match: re.Match[str]) -> tuple[str, str, str] | None:
    if _EMAIL.match(match.group()):
        return None  # a plain address: the plain pattern's hit
    written = match.group("domain") or match.group("whole")
    domain = re.sub(rf"\s*{_DOT_WORD}\s*", ".", written)
    return "电子邮箱", _email_severity(match), f"{match.group(1)}***@{domain}"


_Judge = Callable[[re.Match[str]], tuple[str, str, str] | None]
# Every mobile/ID/card match is a run of 11+ digits, separators and "+" starting with a digit, maybe
# after a "+"; trying the patterns only at those places is much faster than a full scan and
# finds the same matches as finditer, because no match can start anywhere else.
_NUMBERISH = re.compile(rf"[0-9][0-9 +.\-/_~·|丨—–\n{_SYMBOLS}\ufe0f]{{10,}}")
_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")
KINDS: tuple[tuple[re.Pattern[str], _Judge], ...] = (
    (_MOBILE, _mobile),
    (_LOOSE_MOBILE, _loose_mobile),
    (_MIXED_MOBILE, _mixed_mobile),
    (_ID_NUMBER, _id_number),
    (_LOOSE_ID, _loose_id),
    (_UNEVEN_ID, _uneven_id),
    (_CARD, _card),
    (_EMAIL, _email),
    (_WRITTEN_EMAIL, _written_email),
)


def _number_starts(text: str) -> list[int]:
    """Positions where a mobile, ID or card number could start."""
    return [i for m in _NUMBERISH.finditer(text) for i in range(max(0, m.start() - 1), m.end())]


def _email_starts(text: str) -> list[int]:
    """Start of the local-part run before each "@" (where an address could start)."""
    starts, at = [], text.find("@")
    while at != -1:
        start = at
        while start > 0 and text[start - 1] in _LOCAL_CHARS:
            start -= 1
        if start < at:
            starts.append(start)
        at = text.find("@", at + 1)
    return starts


def _written_email_starts(text: str) -> list[int]:
    """Start of the local-part run before each written-out "@" (艾特, (at), # …)."""
    starts: list[int] = []
    for at_form in _AT_FORM.finditer(text):
        end = at_form.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = end
        while start > 0 and text[start - 1] in _LOCAL_CHARS:
            start -= 1
        if start < end and (not starts or starts[-1] != start):
            starts.append(start)
    return sorted(set(starts))


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What pattern.finditer(text) yields, trying only the given ascending start positions."""
    matches: list[re.Match[str]] = []
    for start in starts:
        if matches and start < matches[-1].end():
            continue
        match = pattern.match(text, start)
        if match:
            matches.append(match)
    return matches


def _matches(text: str) -> Iterator[tuple[re.Match[str], _Judge]]:
    """Yield every pattern match with its judge."""
    numbers, emails = _number_starts(text), _email_starts(text)
    # most texts hold none of the forms' first characters: no regex scan (str.find in C)
    at_form = any(char in text for char in _AT_STARTS) and _AT_FORM.search(text)
    written = _written_email_starts(text) if at_form else []
    id_cue = "身份" in text or "证件" in text
    for pattern, judge in KINDS:
        if pattern is _UNEVEN_ID and not id_cue:
            continue  # read only after an ID cue (issue 18, s18e)
        starts = emails if pattern is _EMAIL else written if pattern is _WRITTEN_EMAIL else numbers
        for match in _matches_at(pattern, text, starts):
            yield match, judge


# Where the probe's characters start in the text, when marks were dropped: the probe indexes
# from which the dropped count grows, and the count from there on.
_Shifts = tuple[list[int], list[int]]


def _probe(text: str) -> tuple[str, _Shifts | None]:
    """The text with every digit form read as an ASCII digit (see the module docstring), and the
    shifts that map its indexes back to the text (None: the same indexes)."""
    probe, shifts = text, None
    if _FORM_OR_MARK.search(text):  # rare: one search instead of two on most texts
        probe = _FORM.sub(lambda form: _NARROW.get(ord(form.group()), form.group()), text)
        if "＠" in text:  # a full-width e-mail address (ｗａｎｇ＠１６３．ｃｏｍ): its letters too
            probe = probe.translate(_WIDE_LETTERS)
        if _MARK.search(probe):
            probe, shifts = _drop_marks(probe)
    return _read_han_digits(probe), shifts


_ASCII_NUMBER = re.compile("[0-9]{8}")


def _read_han_digits(probe: str) -> str:
    """The probe with its runs of 11 or more digits of any script read as ASCII digits."""
    pieces, last = [], 0
    for run in _HAN_DIGIT_RUN.finditer(probe):
        # issue 18 (h154): a whole number in ASCII digits next to a word that starts with a
        # Chinese digit (电话13812345678一直打不通, …5678三件都要) is that number, not a longer one
        if not run.group().isascii() and not _ASCII_NUMBER.search(run.group()):
            pieces += [probe[last : run.start()], run.group().translate(_HAN_DIGITS)]
            last = run.end()
    return "".join(pieces) + probe[last:] if pieces else probe


def _drop_marks(probe: str) -> tuple[str, _Shifts | None]:
    """The probe without the marks after its digits; each run of marks belongs to the digit
    before it, so a span of the new probe maps back to one that covers them."""
    pieces, starts, dropped, last, total = [], [], [], 0, 0
    for run in _DIGIT_MARKS.finditer(probe):
        pieces.append(probe[last : run.start()])
        total += run.end() - run.start()
        starts.append(run.end() - total)
        dropped.append(total)
        last = run.end()
    if not starts:
        return probe, None
    pieces.append(probe[last:])
    return "".join(pieces), (starts, dropped)


def _in_text(index: int, shifts: _Shifts | None) -> int:
    """The text index of a probe index."""
    if shifts is None:
        return index
    runs = bisect_right(shifts[0], index)
    return index + (shifts[1][runs - 1] if runs else 0)


def _split_mobiles(probe: str) -> Iterator[tuple[re.Match[str], tuple[str, str, str]]]:
    """前三位 138，后八位 1234 5678: the two parts, if together they are a mobile number."""
    for match in _SPLIT_MOBILE.finditer(probe):
        digits = re.sub("[^0-9]", "", match.group("front") + match.group("back"))
        if re.fullmatch("1[3-9][0-9]{9}", digits):
            yield match, ("手机号", "review", f"{digits[:3]}****{digits[7:]}")


# Issue 18 (h147): a mobile number in 3-4-4 with words between its groups (139 然后 1234 最后
# 5678, 138 加 1234 再加 5678); only these linking words, and only after a phone cue within
# _PHONE_CUE_REACH characters (号码, 手机, 电话, 拨打 …), so prices and sizes in a sentence
# (139 元，1299 元; 尺码 155 和 1600 和 1700) are not read as one number.
# Issue 18 (h154): the first group may be called the start (135开头) and the last the tail
# (中间0123，尾号4567).
_LINK_WORDS = (
    "最后四位|中间四位|末四位|尾号|尾数|"
    "然后|接着|再来|再是|再|最后|之后|后面是|后面|后四位|中间|加上|加|和|还有|跟着|跟|空格|横杠|杠"
)
# Issue 18 (s18e): or a comma alone (电话是一三八，一五九二，六四七三; 号码 138，1592，6473).
_LINK = rf"\s*(?:开头|打头)?\s*(?:[，,、]?\s*(?:{_LINK_WORDS})(?:是|为)?\s*[，,、:：]?|[，,、])\s*"
_WORDED_MOBILE = re.compile(rf"1(?<![0-9]1)[3-9][0-9]{_LINK}[0-9]{{4}}{_LINK}[0-9]{{4}}(?![0-9])")
# A number right after a product or order code's label is that code, not a phone number
# (货号：13702260511, 订单号 13800138000…).
_CODE_LABEL = re.compile(
    r"(?:货号|款号|款式号|编号|型号|条码|条形码|SKU|sku|Sku|单号|批次|批号|序列号|证书号)"
    r"[：:\s#＃]*$"
)
# Session 20 (s20d): an ID or card number right after such a label is that code too (订单号
# 6222…: one random 19-digit order number in ten passes the Luhn check).
_CODE_TERMS = frozenset(("手机号", "身份证号", "银行卡号"))
# A private person's landline (张奶奶家里座机 010-62345678): an area-code number only after a
# home or private cue; a shop's or service line (客服电话 021-…) has none and gives no hit.
_HOME_PHONE_CUE = re.compile("(?:家里|家中|家庭|住宅|私人|个人|家)的?(?:座机|电话|固话)|宅电")
# Session 20 (s20d): a relative's or neighbour's phone (王阿姨的电话 0755-…) is private too. The
# phone word is found first (座, 电, 固 are rare), then the relative's word before it: a pattern
# led by the relatives' words tried every 大, 妈, 姐 of the text.
_PHONE_WORD = re.compile("座机|电话|固话")
_RELATIVES = ("阿姨", "奶奶", "爷爷", "叔叔", "婶婶", "姐姐", "哥哥", "妈妈", "爸爸")


def _home_phone_cues(probe: str) -> list[re.Match[str]]:
    """The home or private cues of a landline, the relatives' ones included, in text order."""
    cues = list(_HOME_PHONE_CUE.finditer(probe))
    for word in _PHONE_WORD.finditer(probe):
        start = word.start() - (probe[word.start() - 1 : word.start()] == "的")
        if probe[max(0, start - 2) : start] in _RELATIVES:
            cues.append(word)
    return sorted(cues, key=lambda cue: cue.start())


_LANDLINE = re.compile(r"(?<![0-9])[(（]?0[1-9][0-9]{1,2}(?:[- ]|[)）] ?)?[2-9][0-9]{6,7}(?![0-9])")
_LANDLINE_REACH = 8
# Issue 18 (h154): the digits may be spaced (0 2 1 - 5 4 8 7 2 3 1 6), and the cue may follow the
# number (…（家里座机）): then the number must end within _LANDLINE_BACK characters before it.
_SPACED_LANDLINE = re.compile(
    r"(?<![0-9])(?<![0-9] )0(?: ?[1-9])(?: ?[0-9]){1,2} ?(?:[-—–] ?)?[2-9](?: ?[0-9]){6,7}"
    r"(?! ?[0-9])"
)
_LANDLINE_BACK = 3


# Every alternative starts with a literal (t…|T…, not [tT]…): sre then skips ahead to their
# first characters; one class-led alternative made it try every alternative at every position,
# 0.12 ms over a 5,000-character text with no cue (session 19, h197: 0.04 ms now).
_PHONE_CUE = re.compile("号码|手机|电话|联系|致电|拨打|打给|打我|机号|t[eE][lL]|T[eE][lL]|☎|📞|📱")
_PHONE_CUE_REACH = 12


def _worded_mobiles(probe: str) -> Iterator[tuple[tuple[int, int], tuple[str, str, str]]]:
    for match in _WORDED_MOBILE.finditer(probe):
        if not _PHONE_CUE.search(probe, max(0, match.start() - _PHONE_CUE_REACH), match.start()):
            continue
        digits = re.sub("[^0-9]", "", match.group())
        yield match.span(), ("手机号", "review", f"{digits[:3]}****{digits[7:]}")


# Issue 18 (h154): a mobile number spelled to slip past the digit patterns, after a phone cue:
# homophones of the digits (腰伞捌 医二伞四 屋六期八), toneless pinyin (yao san ba, yi er san si …)
# or the letters l and O for 1 and 0 (l38-O2l4-7736). Eleven such tokens in a row (at most two
# separators between them) that read as a mobile number, at least one of them spelled this way.
_SPELLED_DIGITS = {
    **{
        char: digit
        for digit, chars in enumerate(
            (
                "铃灵",
                "腰妖要医衣依伊",
                "尔耳儿",
                "伞散",
                "思寺死",
                "屋舞吾午无武",  # 无, 武: session 20 (s20d)
                "溜留",
                "期漆妻",
                "巴扒吧",
                "酒久",
            )
        )
        for char in chars
    },
    **dict.fromkeys("lI", 1),
    **dict.fromkeys("Oo", 0),
}
_PINYIN_DIGITS = {
    "ling": 0,
    "dong": 0,
    "yao": 1,
    "yi": 1,
    "er": 2,
    "liang": 2,
    "san": 3,
    "si": 4,
    "wu": 5,
    "liu": 6,
    "qi": 7,
    "guai": 7,
    "ba": 8,
    "jiu": 9,
    "gou": 9,
}
_PLAIN_DIGITS = {
    **{str(d): d for d in range(10)},
    **{
        char: int(digit)
        for char, digit in zip(
            "零〇一二三四五六七八九幺两洞拐勾壹贰叁肆伍陆柒捌玖",
            "0012345678912079123456789",
            strict=True,
        )
    },
}
_SPELLED_TOKEN = (
    "(?:(?<![A-Za-z])(?i:"
    + "|".join(sorted(_PINYIN_DIGITS, key=len, reverse=True))
    + ")(?![A-Za-z])|(?<![A-Za-z])[lIOo](?![A-Za-z])|["
    + re.escape("".join(c for c in _SPELLED_DIGITS if len(c) == 1 and c not in "lIOo"))
    + "".join(c for c in _PLAIN_DIGITS if not c.isascii())
    + "0-9])"
)
_SPELLED_GAP = r"[ \t,，、\-—–./]{0,2}"
_SPELLED_RUN = re.compile(f"{_SPELLED_TOKEN}(?:{_SPELLED_GAP}{_SPELLED_TOKEN}){{10,}}")
_SPELLED_TOKENS = re.compile(_SPELLED_TOKEN)
# Session 19 (h197): every character a token can hold — the letters (under IGNORECASE also İ, ı,
# ſ and the Kelvin sign), the spelled and Chinese digits — and a stretch of eleven or more of
# them, at most two gap characters apart (which holds every spelled run: no gap character is a
# token character). Such stretches are maximal, so a run never crosses one, and _SPELLED_RUN is
# run only inside those with a phone cue in reach: a scan of these plain classes costs half of
# _SPELLED_RUN's over a long text that has some phone cue (the bench's copy; 0.06 ms).
_SPELLED_CHARS = (
    "A-Za-z\u0130\u0131\u017f\u212a"
    + re.escape("".join(c for c in _SPELLED_DIGITS if len(c) == 1 and c not in "lIOo"))
    + "".join(c for c in _PLAIN_DIGITS if not c.isascii())
    + "0-9"
)
_SPELLED_STRETCH = re.compile(f"[{_SPELLED_CHARS}](?:{_SPELLED_GAP}[{_SPELLED_CHARS}]){{10,}}")


def _spelled_mobiles(probe: str) -> Iterator[tuple[tuple[int, int], tuple[str, str, str]]]:
    if not _PHONE_CUE.search(probe):  # most texts: one scan
        return
    for stretch in _SPELLED_STRETCH.finditer(probe):
        start, end = stretch.span()
        if _PHONE_CUE.search(probe, max(0, start - _PHONE_CUE_REACH), end):
            yield from _spelled_runs(probe, start, end)


def _spelled_runs(
    probe: str, start: int, end: int
) -> Iterator[tuple[tuple[int, int], tuple[str, str, str]]]:
    """The spelled mobiles of one stretch [start, end) of the probe (see _SPELLED_STRETCH)."""
    for run in _SPELLED_RUN.finditer(probe, start, end):
        tokens = [token.group() for token in _SPELLED_TOKENS.finditer(run.group())]
        if len(tokens) != 11 or sum(token not in _PLAIN_DIGITS for token in tokens) < 2:
            continue
        digits = "".join(
            str(_PLAIN_DIGITS.get(t, _SPELLED_DIGITS.get(t, _PINYIN_DIGITS.get(t.lower(), 0))))
            for t in tokens
        )
        if not re.fullmatch("1[3-9][0-9]{9}", digits):
            continue
        if not _PHONE_CUE.search(probe, max(0, run.start() - _PHONE_CUE_REACH), run.start()):
            continue
        yield run.span(), ("手机号", "review", f"{digits[:3]}****{digits[7:]}")


# Issue 18 (s18e): a Hong Kong, Macao or Taiwan mobile given with its country code (+852 9123
# 4567, 00853 6612 3456, +886 912 345 678, +886-912-345678): posts in traditional script reach
# customers there. Only with the code: eight local digits alone are any number. A shop's or
# service line (门店, 官方, 客服 … within _FOREIGN_BUSINESS_REACH characters before it) is the
# business's own.
_FOREIGN_MOBILE = re.compile(
    r"(?<![0-9])(?:\+|00)(?:(?:852|853)[ \-]?[5-9][0-9]{3}[ \-]?[0-9]{4}"
    r"|886[ \-]?0?9[0-9]{2}[ \-]?[0-9]{3}[ \-]?[0-9]{3})(?![0-9])"
)
_FOREIGN_BUSINESS = re.compile("门店|门市|店铺|官方|客服|售后|公司|热线|专线|总部|分店|专柜")
_FOREIGN_BUSINESS_REACH = 12


def _foreign_mobiles(probe: str) -> Iterator[tuple[tuple[int, int], tuple[str, str, str]]]:
    for match in _FOREIGN_MOBILE.finditer(probe):
        reach = probe[max(0, match.start() - _FOREIGN_BUSINESS_REACH) : match.start()]
        if _FOREIGN_BUSINESS.search(reach) or _FOREIGN_BUSINESS.search(
            probe, match.end(), match.end() + 8
        ):
            continue
        digits = re.sub("[^0-9]", "", match.group())
        yield match.span(), ("手机号", "review", f"{match.group()[:4]}****{digits[-4:]}")


def _home_landlines(probe: str) -> Iterator[tuple[tuple[int, int], tuple[str, str, str]]]:
    if not any(char in probe for char in "座固宅") and "电话" not in probe:  # most texts: no scan
        return
    for cue in _home_phone_cues(probe):
        window_end = min(len(probe), cue.end() + _LANDLINE_REACH + 13)
        found = _LANDLINE.search(probe, cue.end(), window_end)
        found = found or _SPACED_LANDLINE.search(probe, cue.end(), window_end)
        if not (found and found.start() - cue.end() <= _LANDLINE_REACH):
            before = list(_SPACED_LANDLINE.finditer(probe, max(0, cue.start() - 40), cue.start()))
            found = before[-1] if before else None
            if found is None or cue.start() - found.end() > _LANDLINE_BACK:
                continue
        digits = re.sub("[^0-9]", "", found.group())
        yield found.span(), ("固定电话", "review", f"{digits[:4]}****{digits[-2:]}")


def _number_hits(text: str, field: str) -> list[Hit]:
    """Mobile, ID, card numbers and e-mail addresses, read through the probe."""
    probe, shifts = _probe(text)
    found = [(match.span(), judged) for match, judge in _matches(probe) if (judged := judge(match))]
    found = [
        (span, judged)
        for span, judged in found
        if judged[0] not in _CODE_TERMS
        or not _CODE_LABEL.search(probe, max(0, span[0] - 8), span[0])
    ]
    found += _worded_mobiles(probe)
    found += _spelled_mobiles(probe)
    found += _home_landlines(probe)
    if "85" in probe or "886" in probe:  # most texts: no regex scan
        found += _foreign_mobiles(probe)
    if "位" in probe:
        found += [
            ((match.start("front"), match.end("back")), judged)
            for match, judged in _split_mobiles(probe)
        ]
    hits = []
    for (start, end), (term, severity, masked) in found:
        start, end = _in_text(start, shifts), _in_text(end, shifts)
        suggestion = f"如需展示请脱敏为 {masked}{_CONSENT}"
        hits.append(
            Hit(field, start, end, text[start:end], term, "pii", severity, None, suggestion, _BASIS)
        )
    return hits


# Issue 18 (s18e): a text in traditional script (收貨地址：廣東省深圳市南山區…88 號, 電話,
# 身份證號碼, 陳曉雯, 衛星) is read in simplified script, one character for one (OpenCC's
# character table, as the word lists' normalisation), so that every pattern, cue and surname
# above applies; the hits keep the original text and offsets.
# Issue 18 (s19, h197): the characters to replace are found by one regex split whose class holds
# the table's BMP characters and the whole range beyond the BMP (sre then tests a BMP character
# with one lookup in a 64k bitmap, and any other with one range compare; listing the 432 table
# characters beyond the BMP made it test each of them for every character, ten times slower);
# only the few characters found are looked up. A set's isdisjoint gate and a whole-text
# translate cost some 0.22 ms a 5,000-character text holding one traditional character, this
# some 0.02 ms.
_ENCLOSED_LETTERS = (
    (0x24B6, True),  # Ⓐ
    (0x24D0, False),  # ⓐ
    (0x249C, False),  # ⒜
    (0x1F130, True),  # 🄰
    (0x1F150, True),  # 🅐
    (0x1F170, True),  # 🅰
)


@cache
def _t2s() -> tuple[re.Pattern[str], dict[str, str]]:
    """(a pattern capturing each character that may be replaced, the replacements: traditional
    characters by their one-character simplified forms)."""
    path = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1 and target != source:
            table[source] = target
    # … and enclosed Latin letters as plain ones (ⓋⓍ：lily0520, 🅥🅧, ⒲⒳), one for one too
    for first, upper in _ENCLOSED_LETTERS:
        for i in range(26):
            table[chr(first + i)] = chr((0x41 if upper else 0x61) + i)
    ranges: list[list[int]] = []
    for code in sorted(ord(char) for char in table if char <= "\uffff"):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    members = "".join(
        re.escape(chr(first))
        if first == last
        else f"{re.escape(chr(first))}-{re.escape(chr(last))}"
        for first, last in ranges
    )
    return re.compile(f"([{members}\U00010000-\U0010ffff])"), table


def simplified(text: str) -> str:
    """text with its traditional characters (and enclosed Latin letters) replaced, one for one."""
    pattern, table = _t2s()
    parts = pattern.split(text)
    if len(parts) == 1:  # most texts
        return text
    get = table.get
    parts[1::2] = [get(char, char) for char in parts[1::2]]
    return "".join(parts)


def find_pii(text: str, field: str = "body", allowed_names: Iterable[str] = ()) -> list[Hit]:
    """Return the PII hits of one field's original text (names in ``allowed_names`` pass)."""
    read = simplified(text)
    if read == text:  # most texts: read as written
        return _find_pii(text, field, allowed_names)
    names = [simplified(name) for name in allowed_names]
    hits = _find_pii(read, field, names)
    return [hit._replace(text=text[hit.start : hit.end]) for hit in hits]


def _find_pii(text: str, field: str, allowed_names: Iterable[str]) -> list[Hit]:
    """The PII hits of a text in simplified script."""
    hits = _number_hits(text, field)
    accounts = find_accounts(text, field)
    addresses = find_addresses(text, field)
    addresses += _estate_hits(text, field, addresses)
    addresses += _room_hits(text, field, addresses)
    addresses += _dashed_homes(text, field, addresses)
    names = find_names(text, field, allowed_names)
    allowed = {name.strip() for name in allowed_names if name.strip()}
    named = {hit.start for hit in names}
    names += [
        hit
        for hit in _names_before(text, field, hits + addresses, allowed)
        if hit.start not in named
    ]
    named |= {hit.start for hit in names}
    names += [hit for hit in _masked_mobile_names(text, field, allowed) if hit.start not in named]
    tails, tail_names = _tail_numbers(text, field, allowed)
    named |= {hit.start for hit in names}
    names += [hit for hit in tail_names if hit.start not in named]
    hits += tails + find_plates(text, field)
    for found_hits, found_names in (
        _parcels(text, field, allowed),
        _birth_dates(text, field, allowed),
    ):
        named |= {hit.start for hit in names}
        hits += found_hits
        names += [hit for hit in found_names if hit.start not in named]
    named |= {hit.start for hit in names}
    addresses += _dorms(text, field, addresses)
    classes, pupils = _school_classes(text, field, allowed)
    names += [hit for hit in pupils if hit.start not in named]
    homes = _homes_of_names(text, field, names, addresses)
    found = hits + accounts + addresses + classes + homes + names
    swept = _sweep_hits(text, field, allowed, [hit for hit in found if hit.severity != "warn"])
    if swept:  # a name the sweep reads with its details: that hit, not the plain name's
        found = [
            hit
            for hit in found
            if not (
                hit.term == "姓名" and any(s.start <= hit.start and hit.end <= s.end for s in swept)
            )
        ]
    return found + swept


# --- WeChat and QQ accounts ---------------------------------------------------------------------

# After the cue: 号/id, then maybe a verb of finding (搜, 添加 — "V信搜 lily_2020"), then a colon,
# 是/为 or spaces.
# Issue 18 (s17/h175): a plus sign may stand between the cue and the id (VX➕ yoyo_dress).
# Issue 18 (s18e): 号 in pinyin (wei xin hao: …), words sending the reader to the writer
# (微信找我👉, vx 加我：, 威信搜一下, 主页有 v ，加 …) and a pointing emoji or arrow before the id.
_ID_SEP = (
    r"(?:\s*(?:号码?|id|ID|账号|hao|HAO|Hao)(?![A-Za-z0-9_]))?"
    r"(?:\s*(?:找\s?我|加\s?我|私\s?我|联系\s?我?))?"
    r"\s*[，,]?\s*(?:搜(?:一\s?下|索)?|添加|加)?(?:\s*[➕+＋]\ufe0f?)?"
    r"(?:\s*[👉👇➡→⬇⤵]\ufe0f?)?"
    r"(?:\s*[：:]\s*|\s*(?:是|为)\s*|\s+)?"
)
# Two-character cues, found by one cheap scan (a character class first, so the regex engine
# skips ahead); the id pattern is then tried only right after each cue. Issue 18: the words and
# nicknames written to slip past them — wechat/weixin, 绿泡泡 (WeChat), 企鹅 (QQ) — and 微, 威,
# 薇 or V with a heart or star standing for 信 (薇❤, V♥).
_HEART = "[❤♥♡💗💕💖💚💛💜💬✉📧⭐★☆✨*＊]\ufe0f?"
# One character class first (then the engine skips ahead to it), the rest by look-behind.
# the first character of every cue (and of the lone V and Q)
_CUE_STARTS = "微威薇维徽vVwWqQ扣抠绿企"
_ACCOUNT_CUE = re.compile(
    f"[{_CUE_STARTS}](?:(?<=[微威薇vVwWqQ扣])[信xXqQ扣]|(?<=[微威薇维vV])[芯]|(?<=[维徽])信|(?<=抠)抠"
    f"|(?<=[微威薇vV]){_HEART}"
    "|(?<=[wW])[eE](?:[cC][hH][aA][tT]|[iI][xX][iI][nN])|(?<=绿)泡泡|(?<=企)鹅)"
)
# A lone V (WeChat) or Q (QQ) is a cue only as 加V / 私人V … or right before a colon: V领, Q弹 and
# Q&A are not.
# Issue 18 (h147): the full-width letters too (Ｑ：２８４７…). The letter is found first (a
# character class, so the engine skips ahead to it), then what stands around it is checked.
_LETTER_CUE = re.compile(r"[vVqQ](?<![A-Za-z0-9][vVqQ])(?![A-Za-z0-9])")
_WIDE_LETTERS_CUE = "ＶＱｖｑ"  # looked for only in a text that has one (ｖｉｐ is common copy)
_WIDE_LETTER_CUE = re.compile(
    r"[ＶＱｖｑ](?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９][ＶＱｖｑ])(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])"
)
# Issue 18 (s18e): … or after 主页有 / 简介有 / 私 / 找我 (主页有 v ，加 zhen_66): a V that the
# profile "has" is a WeChat id, a V neckline (有V领款) has no id after it.
_LETTER_AFTER = ("加", "私人", "个人", "我的", "+", "＋", "➕", "有", "主页", "简介", "私", "找我")
# … or before 号 (Q号 34671289, issue 18, h154)
# … or before a plus (V➕ lily0520, issue 18, s18e)
_LETTER_COLON = re.compile(r"\s*[：:➕+＋]|号")
_LETTER_WORD = {"v": "vx", "q": "qq", "ｖ": "vx", "ｑ": "qq"}
_QQ_REACH = 48  # cue to the end of a QQ id: separators and up to 12 spaced digits
_HEART_CUE = re.compile(f"[微威薇v]{_HEART}")
_WECHAT_CUES = frozenset(
    ("微信", "威信", "薇信", "卫星", "vx", "wx", "v信", "wechat", "weixin", "绿泡泡")
    # issue 18 (h154): more homophones of 微信
    + ("维信", "徽信", "微芯", "威芯", "薇芯", "维芯", "v芯")
)
_QQ_CUES = frozenset(("qq", "扣扣", "抠抠", "企鹅", "q扣", "扣q"))
_SATELLITE = "\U0001f6f0"
_SATELLITE_CUE = re.compile(f"{_SATELLITE}\ufe0f?")
_SPACED_CUE = re.compile("[微威薇维][ \u3000·・.\\-_]{1,3}信")  # 微 · 信 (issue 18, s18e)
# Issue 18 (s18e): the Latin cues spaced or dotted (w x, V X, v.x) and 微信 in spaced pinyin
# (wei xin, Wei Xin), never inside a Latin word or after a digit (30w x 40h).
_SPACED_LATIN_CUE = re.compile(  # the letter first: the engine skips ahead to it
    r"[vVwW](?<![A-Za-z0-9][vVwW])(?:[ \u3000·・.\-_]{1,3}[xX]"
    r"|(?<=[wW])[eE][iI][ \u3000·・.\-_]{1,3}[xX][iI][nN])(?![A-Za-z])"
)
# Issue 18 (s18e): 微, 威 or 薇 alone right before a colon (薇: lily0520, 加威：amy_22), not at
# the end of a word (蔷薇：rose_01 is a colour's name).
_LONE_WEI_CUE = re.compile(
    f"[微威薇](?:(?<![{_HAN_CHARS}][微威薇])|(?<=[加我私][微威薇]))(?=\\s*[：:])"
)
_BUBBLE_CUE = re.compile("(?:绿色|\U0001f7e2|\U0001f49a|\U0001f7e9)\ufe0f?泡泡")
# Session 19 (h197, fresh_set_5): WeChat as "the green app" (绿色软件, 绿色的聊天软件, 绿色app).
_GREEN_APP_CUE = re.compile("绿色?的?(?:聊天)?(?:软件|[aA][pP][pP](?![A-Za-z]))")
# Session 19 (h197, fresh_set_6): QQ written with Q and 扣 mixed or spaced (q 扣, Q Q, 扣 扣),
# never inside a Latin word.
_SPACED_QQ_CUE = re.compile(
    "[qQ扣](?:(?<=[qQ])(?<![A-Za-z0-9][qQ])[ \u3000·・.\\-_]{0,3}扣"
    "|(?<=[qQ])(?<![A-Za-z0-9][qQ])[ \u3000·・.\\-_]{1,3}[qQ](?![A-Za-z0-9])"
    "|(?<=扣)[ \u3000·・.\\-_]{0,3}[qQ](?![A-Za-z0-9])|(?<=扣)[ \u3000·・.\\-_]{1,3}扣)"
)
# Session 19 (h197, fresh_set_5): an id split by spaces with a note to remove them
# (tangtang_ 9527（空格删掉）, lily_ 0520 中间没有空格): the parts together are the id.
_SPACE_NOTE = (
    r"\s*[（(【\[]?\s*(?:(?:中间的?)?空格(?:要|请)?(?:删掉|去掉|删除|去除|省略|不要)"
    r"|(?:请|要)?(?:删掉|去掉|删除|去除|省略|不要)(?:中间的?)?空格|(?:中间)?(?:没有|无|不带)空格"
    r"|连起来|连着写|连在一起)"
)
_SPLIT_ID = re.compile(
    rf"{_ID_SEP}(?P<id>[A-Za-z0-9_-]{{1,19}}(?:[ \u3000]{{1,2}}[A-Za-z0-9_-]{{1,19}}){{1,3}})"
    rf"(?={_SPACE_NOTE})"
)
_JOINED_IDS = {
    "微信号": re.compile("[A-Za-z][A-Za-z0-9_-]{5,19}"),
    "QQ号": re.compile("[1-9][0-9]{4,11}"),
}
# Issue 18 (h154): an id spelled out with a space between its characters (a z h e n _ 8 8 0 6).
_WECHAT_ID = re.compile(
    rf"{_ID_SEP}(?P<id>[A-Za-z][A-Za-z0-9_-]{{5,19}}"
    # issue 18 (s18e): a middle dot between its characters or its parts (l i l y · 0 5 2 0,
    # lily·0520)
    r"|[A-Za-z](?:(?: | ?[·・] ?)[A-Za-z0-9_-]){5,19}"
    r"|[A-Za-z][A-Za-z0-9_-]{1,18}(?:[·・][A-Za-z0-9_-]{1,18})+"
    # issue 18 (s17/h175): an id in full-width letters and digits (Ｖ：ｘｉａｏｍｅｉ０９２３)
    r"|[Ａ-Ｚａ-ｚ][Ａ-Ｚａ-ｚ０-９＿－]{5,19})"
    r"(?![A-Za-z0-9_@.-])"
)
# A QQ id may be spaced (2 8 7 6 5 …) or written in Chinese digits (read through _HAN_DIGITS).
# … and in full-width digits (same length).
# Session 19 (h197): and circled, dingbat and mathematical digits (③⑧②…, ❸), as in numbers.
_QQ_DIGITS: dict[int, str | int | None] = {
    **_HAN_DIGITS,
    **{0xFF10 + d: str(d) for d in range(10)},
    **_DIGIT_FORMS,
}
_QQ_ID = re.compile(rf"{_ID_SEP}(?P<id>[1-9](?: ?[0-9]){{4,11}})(?! ?[0-9])")
# A shop's or brand's own account (客服微信, 官方QQ群 …) is not personal information.
_BUSINESS_ACCOUNT = re.compile("客服|官方|店铺|门店|品牌|公众号|商家|售后|公司|企业|工作室|官微|群")
# Issue 18 (s17/h175): an id that says it is the brand's own (hemline_official, xx_guanfang,
# hm_kefu, xxofficial) — personal ids do not call themselves official.
_BUSINESS_ID = re.compile("official|offical|guanfang|kefu", re.IGNORECASE)
# After a spaced V X / W X (issue 18, s18e) an id needs a digit, _ or - (or a colon before it):
# "Hemline V x Nike" is a collaboration.
_ID_MARK = re.compile("[0-9_-]")
_COLON = re.compile("[:：]")


# Issue 18 (h147): a person's Douyin, Xiaohongshu or Kuaishou account after 抖音号,
# 小红书号 (红薯号, 红书号), 快手号, dy号 or their id/账号 forms; the platform name alone
# (小红书搜索 …) is no cue, and a business's own account (官方抖音号：…) gives no hit.
# Issue 18 (s18e): a buyer's Taobao, Wangwang or Xianyu account from an order screenshot
# (买家旺旺：tb_88235161, 淘宝账号 lily0520); 旺旺 also right before a colon.
_PLATFORM_CUE = re.compile(
    "(?P<platform>抖音|dy|DY|小红书|红书|红薯|快手|淘宝|旺旺|闲鱼)"
    "(?:号|账号|id|ID|Id|(?<=旺旺)(?=\\s*[：:]))"
)
_PLATFORM_TERMS = {
    "抖音": "抖音号",
    "dy": "抖音号",
    "快手": "快手号",
    "淘宝": "淘宝账号",
    "旺旺": "旺旺号",
    "闲鱼": "闲鱼号",
}
_PLATFORM_ID = re.compile(
    r"(?:\s*[：:]\s*|\s*(?:是|为)\s*|\s+)?@?(?P<id>[A-Za-z0-9][A-Za-z0-9_.-]{4,23})"
    r"(?![A-Za-z0-9_.@-])"
)


def _platform_accounts(text: str, field: str) -> list[Hit]:
    """Personal Douyin, Xiaohongshu and Kuaishou accounts after their cue."""
    hits: list[Hit] = []
    # most texts: no regex scan (one-character finds are the cheapest gate)
    if not any(char in text for char in "抖书薯yY淘旺鱼") and "快手" not in text:
        return hits
    for cue in _PLATFORM_CUE.finditer(text):
        if (
            cue.group()[0] in "dD"
            and cue.start()
            and text[cue.start() - 1].isascii()
            and (text[cue.start() - 1].isalnum())
        ):
            continue  # inside a Latin word
        match = _PLATFORM_ID.match(text, cue.end())
        if match is None or _BUSINESS_ACCOUNT.search(text, max(0, cue.start() - 8), cue.start()):
            continue
        if _BUSINESS_ACCOUNT.search(text, match.end(), match.end() + 4):
            continue  # 抖音号：Hemline官方
        if _BUSINESS_ID.search(match.group("id")):
            continue  # 小红书号：hemline_official (issue 18, s17/h175)
        start, end = match.span("id")
        term = _PLATFORM_TERMS.get(cue.group("platform").lower(), "小红书号")
        account = match.group("id")
        suggestion = f"如需展示请脱敏为 {account[:2]}****{account[-2:]}{_CONSENT}"
        hits.append(_review_hit(text, field, start, end, term, suggestion))
    return hits


def _letter_cues(
    text: str, pattern: re.Pattern[str], at: int | None = None
) -> list[tuple[str, int, int]]:
    """A lone V or Q after 加, 私人, 个人, 我的 or a plus (maybe with spaces), or before a colon
    (every one in the text, or the one at ``at``)."""
    cues = []
    found = pattern.finditer(text) if at is None else filter(None, [pattern.match(text, at)])
    for cue in found:
        before = text[max(0, cue.start() - 8) : cue.start()].rstrip()
        if before.endswith(_LETTER_AFTER) or _LETTER_COLON.match(text, cue.end()):
            cues.append((_LETTER_WORD[cue.group().lower()], cue.start(), cue.end()))
    return cues


def find_accounts(text: str, field: str = "body") -> list[Hit]:
    """Personal WeChat or QQ account ids after a cue (微信, vx, QQ号 …), not a business's own."""
    hits: list[Hit] = _platform_accounts(text, field)
    cues: list[tuple[str, int, int]] = []
    # most texts hold none of the cues' first characters: no regex scan (str.find in C)
    if any(char in text for char in _CUE_STARTS):
        cues += [
            (cue.group().lower(), cue.start(), cue.end()) for cue in _ACCOUNT_CUE.finditer(text)
        ]
        if "v" in text or "V" in text or "q" in text or "Q" in text:
            cues += _letter_cues(text, _LETTER_CUE)
    for letter in _WIDE_LETTERS_CUE:  # str.find: faster than a regex over full-width characters
        at = text.find(letter)
        while at != -1:
            cues += _letter_cues(text, _WIDE_LETTER_CUE, at)
            at = text.find(letter, at + 1)
    if "卫星" in text:  # WeChat's nickname; 卫 alone starts 卫衣 in most clothing copy
        cues += [(found.group(), found.start(), found.end()) for found in re.finditer("卫星", text)]
    # Issue 18 (s17/h175): the satellite emoji written for 卫星 (🛰️：amy2026); 太空🛰️主题 has no
    # id after it.
    if _SATELLITE in text:
        cues += [("卫星", found.start(), found.end()) for found in _SATELLITE_CUE.finditer(text)]
    if "信" in text:  # 微 信, 薇·信: the cue with a space or dot inside (issue 18, s17/h175)
        cues += [("微信", found.start(), found.end()) for found in _SPACED_CUE.finditer(text)]
    spaced: set[int] = set()  # where a spaced V X / W X stands (a collaboration's "x" too)
    if "x" in text or "X" in text:  # w x, wei xin (issue 18, s18e)
        for found in _SPACED_LATIN_CUE.finditer(text):
            word = re.sub("[^a-z]", "", found.group().lower())
            cues.append((word, found.start(), found.end()))
            if len(word) == 2:
                spaced.add(found.start())
    if ("：" in text or ":" in text) and any(
        char in text for char in "微威薇"
    ):  # 薇：lily0520, one character for 微信 (issue 18, s18e)
        cues += [("微信", found.start(), found.end()) for found in _LONE_WEI_CUE.finditer(text)]
    if "泡泡" in text:  # 绿色泡泡, 🟢泡泡: WeChat's green bubble (issue 18, s17/h175)
        cues += [("绿泡泡", found.start(), found.end()) for found in _BUBBLE_CUE.finditer(text)]
    if "绿" in text:  # 绿色软件 (session 19)
        cues += [("微信", found.start(), found.end()) for found in _GREEN_APP_CUE.finditer(text)]
    if "扣" in text or "q" in text or "Q" in text:  # q 扣, Q Q (session 19)
        cues += [("qq", found.start(), found.end()) for found in _SPACED_QQ_CUE.finditer(text)]
    if not cues:
        return hits
    cues.sort(key=lambda cue: cue[1])
    for word, at, cue_end in cues:
        probe, offset = text, 0
        if _HEART_CUE.fullmatch(word):
            word = "微信"  # 薇❤, V♥: a heart for 信
        if word in _WECHAT_CUES:
            pattern, term = _WECHAT_ID, "微信号"
        elif word in _QQ_CUES:
            pattern, term = _QQ_ID, "QQ号"
            # QQ：贰捌柒…: the next characters with Chinese digits read as digits (same length)
            probe, offset = text[cue_end : cue_end + _QQ_REACH].translate(_QQ_DIGITS), cue_end
        else:
            continue
        if word[0].isascii() and at and text[at - 1].isascii() and text[at - 1].isalpha():
            continue  # inside a Latin word (avx, mqq)
        # session 19 (h197): keycap digits (3⃣️8⃣️…, 1️⃣) after the cue read as digits, their
        # keycap mark and emoji selector dropped (a span maps back over them); a QQ id reaches
        # three times as far then
        shifts: _Shifts | None = None
        window = text[cue_end : cue_end + 3 * _QQ_REACH]
        if "\u20e3" in window or "\ufe0f" in window:
            table = _QQ_DIGITS if term == "QQ号" else _DIGIT_FORMS
            probe, shifts = _drop_marks(window.translate(table))
            offset = cue_end
        match = None
        if "空格" in text or "连" in text:  # tangtang_ 9527（空格删掉）(session 19)
            match = _SPLIT_ID.match(probe, cue_end - offset)
            if match and not _JOINED_IDS[term].fullmatch(re.sub(r"\s", "", match.group("id"))):
                match = None
        match = match or pattern.match(probe, cue_end - offset)
        if match is None:
            continue
        start = _in_text(match.start("id"), shifts) + offset
        end = _in_text(match.end("id"), shifts) + offset
        if _BUSINESS_ACCOUNT.search(text, max(0, at - 8), start):
            continue
        if term == "微信号" and _BUSINESS_ID.search(match.group("id")):
            continue  # 微信：hemline_kefu01 (issue 18, s17/h175)
        if at in spaced and not (
            _ID_MARK.search(match.group("id")) or _COLON.search(match.group())
        ):
            continue  # 联名款 V x Hemline: a collaboration, not an id (issue 18, s18e)
        if any(hit.start < end and start < hit.end for hit in hits):
            continue  # wxid_… after 微信：, not a second account
        account = re.sub(r"\s", "", match.group("id"))
        suggestion = f"如需展示请脱敏为 {account[:2]}****{account[-2:]}{_CONSENT}"
        hits.append(_review_hit(text, field, start, end, term, suggestion))
    return hits


# --- addresses and names (issue 19) ------------------------------------------------------------

_HAN = _HAN_CHARS
_PROVINCES = (
    "内蒙古|黑龙江|北京|天津|上海|重庆|河北|山西|辽宁|吉林|江苏|浙江|安徽|福建|江西|山东|河南|"
    "湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|广西|西藏|宁夏|新疆"
)
_PROVINCE = rf"(?:{_PROVINCES})(?:省|市|(?:壮族|回族|维吾尔)?自治区)?"
_CITY = rf"[{_HAN}]{{2,4}}?(?:市|自治州|地区|盟)"
_DISTRICT = rf"[{_HAN}]{{1,5}}?(?:区|县|旗)"
_TOWN = rf"(?:[{_HAN}]{{1,6}}?(?:街道|镇|乡))?"
# Issue 18 (h147): a village with its group (王庄村三组18号) stands for the street, and the parts
# may have one space between them (麓山南路 932 号, 科华北路 5 号 2 单元 301).
_SP = "[ \u3000]?"
# Issue 18 (h154): a lane's number between the road and the house number (田林东路 75 弄 12 号).
_STREET = (
    rf"(?:[{_HAN}0-9]{{1,10}}?(?:大道|路|街|巷|弄|胡同)(?:{_SP}[0-9]{{1,5}}{_SP}(?:弄|巷|支弄))?"
    rf"|[{_HAN}]{{1,8}}?村(?:[一二三四五六七八九十0-9]{{1,3}}(?:组|队|社))?)"
)
_NOT_ROOM = (
    r"(?![0-9]|[ \u3000]?(?:平|米|㎡|元|块|件|人|个|万|户|套|年|天|号|cm|mm|m|kg|g|克|斤|%))"
)
_NUMBER = (
    rf"[0-9]{{1,5}}(?:-[0-9]{{1,5}})?{_SP}号"
    rf"(?:{_SP}[0-9]{{1,3}}{_SP}(?:号楼|栋|幢))?"
    rf"(?:{_SP}[0-9]{{1,2}}{_SP}单元(?:{_SP}[0-9]{{2,5}}(?![0-9]){_SP}室?)?|{_SP}[0-9]{{1,5}}{_SP}室"
    # issue 18 (s18e): a room without 室 right after the building (5 号楼 302, 3 栋 1203)
    rf"|(?<=[楼栋幢]){_SP}[0-9]{{3,4}}{_NOT_ROOM})?"
)
_CUES = (
    "地址",
    "住址",
    "寄到",
    "寄往",
    "送到",
    "住在",
    "位于",
    "发往",
    "收货地",
    "人在",
    "家在",
    "住",
)
_AFTER_CUE = "|".join(f"(?<={cue})" for cue in _CUES)
_LED_BY_CITY = rf"(?:(?<![{_HAN}])|{_AFTER_CUE})(?!址)(?:{_CITY}(?:{_DISTRICT})?|{_DISTRICT})"
_ADDRESS = re.compile(
    rf"(?P<admin>{_PROVINCE}(?:{_CITY})?(?:{_DISTRICT})?|{_LED_BY_CITY})"
    rf"{_SP}{_TOWN}{_SP}{_STREET}{_SP}{_NUMBER}"
)
_SURNAMES = (
    "欧阳|司马|诸葛|上官|东方|慕容|令狐|皇甫|尉迟|公孙|长孙|宇文|司徒|夏侯|"
    "王|李|张|刘|陈|杨|黄|赵|吴|周|徐|孙|马|朱|胡|郭|何|高|林|罗|郑|梁|谢|宋|唐|许|韩|冯|邓|"
    "曹|彭|曾|肖|田|董|袁|潘|于|蒋|蔡|余|杜|叶|程|苏|魏|吕|丁|任|沈|姚|卢|姜|崔|钟|谭|陆|汪|"
    "范|金|石|廖|贾|夏|韦|付|方|白|邹|孟|熊|秦|邱|江|尹|薛|闫|段|雷|侯|龙|史|陶|黎|贺|顾|毛|"
    "郝|龚|邵|万|钱|严|覃|武|戴|莫|孔|向|汤"
)
_NAME_CUES = (
    "收件人|收货人|寄件人|联系人|获奖者|获奖人|中奖者|中奖人|得主|买家|顾客|客户|车主|患者|学员"
)
_NAME = re.compile(
    rf"(?:{_NAME_CUES})(?:[：:]\s*|\s+|是|为)?(?P<name>(?:{_SURNAMES})[{_HAN}]{{1,2}})"
)
_TITLES = ("女士", "先生", "小姐", "同学", "老师", "阿姨", "姐", "哥", "总", "某")
_NOT_IN_NAME = frozenset("说的在和与已将请了等们也都还就很又是给把被从向对称表反收寄发买穿晒来去")


# Every address ends in "<digit>号" (then at most _TAIL characters of 号楼/栋/单元/室) and starts
# at most _HEAD characters before that 号 (the longest province, city, district, town, street and
# number parts together). So the pattern is run only over the windows around each "<digit>号",
# overlapping windows merged, with ``pos``/``endpos`` (look-behinds still see the text before a
# window): the same matches as a full finditer, and none of its cost on text without a number.
_HOUSE_NUMBER = re.compile("[0-9][ \u3000]?号")
_HEAD, _TAIL = 64, 16


def _address_windows(text: str) -> list[tuple[int, int]]:
    """Merged [start, end) windows of text that can hold an address."""
    windows: list[tuple[int, int]] = []
    if "号" not in text:  # most texts: no regex scan (str.find in C)
        return windows
    for found in _HOUSE_NUMBER.finditer(text):
        start, end = max(0, found.start() - _HEAD), found.end() + _TAIL
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _address_matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_ADDRESS.finditer(text)`` yields, scanning only the windows."""
    for start, end in _address_windows(text):
        yield from _ADDRESS.finditer(text, start, min(end, len(text)))


# A shop's, office's or warehouse's address is not personal information (issue 18): no hit when
# one of these words stands within _BUSINESS_REACH characters before the address.
_BUSINESS = (
    "门店",
    "店铺",
    "实体店",
    "专柜",
    "旗舰店",
    "店址",
    "公司地址",
    "公司位于",
    "总部",
    "仓库",
    "展厅",
    "展会",  # issue 18 (s17/h175): 展会地址：…国家会展中心
    "展位",
    # a store-opening notice (issue 18, h146): 新店开业啦！地址：…, 分店地址
    "开业",
    "开张",
    "新店",
    "分店",
    "店地址",
    "营业地址",
    # issue 18 (h154): where customers send returns is the shop's address
    "退货地址",
    "退换货地址",
    "售后地址",
    "寄回地址",
    # issue 18 (s17/h175): the same as an instruction (退货请寄：…, 退换货寄回至 …)
    "退货请寄",
    "退货寄",
    "退换货请寄",
    "退货请邮寄",
    "退回至",
    "寄回至",
    "退货寄回",
    "请寄回",
    "寄至售后",
    "售后：",
    "售后:",
)
_BUSINESS_REACH = 8
# Issue 18 (h161): a shop's move or a new branch names the shop a little further back
# (我们的杭州门店正式搬到了新地址：📍 杭州市…): these words count within
# _BUSINESS_FAR_REACH characters when no delivery or home cue (_PERSONAL) stands anywhere in
# that reach (寄到公司：… is a delivery).
_BUSINESS_FAR = ("门店", "店铺", "专柜", "旗舰店", "分店", "新店", "总部")
_BUSINESS_FAR_REACH = 24
# … or when the address runs on into a shopping venue (…268号来福士广场2楼, …1号万象城商场) and
# no delivery or home cue (寄到, 住在 …) stands before it: a home is not in a mall.
# … and a trade fair's hall (issue 18, s17/h175)
_VENUE = (
    "广场",
    "商场",
    "购物中心",
    "商城",
    "百货",
    "奥特莱斯",
    "专柜",
    "会展中心",
    "展览中心",
    "号馆",
)
_VENUE_REACH = 8
_PERSONAL = ("寄", "送到", "发往", "收货", "收件", "住", "我家", "家里", "家在")
# … or when a business place follows the address (…88 号 Hemline 仓储中心 3 号库, issue 18, h154)
_BUSINESS_AFTER = ("仓储", "仓库", "公司", "门店", "旗舰店", "专卖店", "售后部", "客服部", "办公室")
# Issue 18 (s17/h175): a person's name (maybe with a title) and 收 after the address — a parcel
# label (…维多利广场A塔2806室 林晓燕 收): personal even in an office tower or mall; the shop's own
# return desk (海姆售后组 收) is a business word, not a name.
_ADDRESSEE_REACH = 24
_ADDRESSEE = re.compile(
    rf"(?:(?<![{_HAN}])|(?<=[室房号楼座]))(?P<name>(?:{_SURNAMES})[{_HAN}]{{1,2}}?)"
    rf"(?:女士|先生|小姐)?{_SP}收(?![{_HAN}])"
)
_BUSINESS_AFTER_REACH = 12


def _addressee_after(text: str, end: int) -> bool:
    """Tell whether a person's name and 收 follow the address ending at end, in its sentence
    (a parcel label)."""
    window = text[end : end + _ADDRESSEE_REACH]
    if "收" not in window:  # most addresses: no regex scan
        return False
    stop = _SENTENCE_END.search(window)
    for found in _ADDRESSEE.finditer(window, 0, stop.start() if stop else len(window)):
        if _person_name(found.group("name")) is not None:
            return True
    return False


def _business(text: str, start: int, end: int | None = None) -> bool:
    """Tell whether a business word stands just before an address starting at start, or (given
    its end) a shopping venue follows it with no delivery or home cue before it."""
    before = text[max(0, start - _BUSINESS_REACH) : start]
    if any(word in before for word in _BUSINESS):
        return True
    far = text[max(0, start - _BUSINESS_FAR_REACH) : start]
    if any(word in far for word in _BUSINESS_FAR) and not any(word in far for word in _PERSONAL):
        return True
    lead = text[max(0, start - _BUSINESS_REACH) : start + 3]  # a match may start with its cue
    if end is None or any(word in lead for word in _PERSONAL):
        return False
    if _addressee_after(text, end):
        return False
    after = text[end : end + _BUSINESS_AFTER_REACH]
    return any(word in text[end : end + _VENUE_REACH] for word in _VENUE) or any(
        word in after for word in _BUSINESS_AFTER
    )


# A home inside a residential estate (issue 18): building, then unit and room or a room
# (3栋2单元501室, 12幢1203室, 5号楼602室), with the estate's name right before it if there is one
# (阳光小区, 翠苑花园 …): the name starts after a non-Chinese character or after the last character
# of a cue (住在, 寄给, 地址 …), and of the possible starts the latest is taken (我家住在翠苑花园 →
# 翠苑花园).
# Issue 18 (h147): a dormitory too (东区宿舍 12栋 504 寝室, 7舍 403), a unit written 门 (3 号楼 2 门
# 501), one space between the parts, and a room number without 室 right after the building when
# no unit of measure follows it (3栋 801; 5栋 120 平 is no room).
_ESTATE_KINDS = "小区|花园|家园|新村|公寓|公馆|大厦|宿舍|苑|府|庭|湾|城"
_ESTATE = re.compile(
    rf"(?P<estate>(?:(?<![{_HAN}])|(?<=[住在给到往址于地]))"
    rf"[{_HAN}]{{1,8}}?(?:{_ESTATE_KINDS}){_SP})?"
    # issue 18 (s18e): a building named by a letter, maybe with a digit (A 座, T3 塔 1506)
    rf"(?:(?<![A-Za-z0-9])[A-Za-z][0-9]{{0,2}}|(?<![0-9])[0-9]{{1,3}})"
    rf"{_SP}(?:号楼|栋|幢|座|塔|舍){_SP}"
    rf"(?:[0-9]{{1,2}}{_SP}(?:单元|门){_SP}[0-9]{{2,5}}(?![0-9])(?:{_SP}(?:室|房))?"
    rf"|[0-9]{{2,5}}{_SP}(?:室|寝室|房间|房)|[0-9]{{3,4}}{_NOT_ROOM})"
)
_ESTATE_MARK = re.compile("[0-9A-Za-z][ \u3000]?(?:号楼|栋|幢|座|塔|舍)")
_ESTATE_CHARS = "号栋幢座塔舍"  # one character of each of _ESTATE_MARK's words
_ESTATE_HEAD, _ESTATE_TAIL = 14, 16


def _estate_matches(text: str) -> list[re.Match[str]]:
    """Estate addresses, the pattern tried only around each building number."""
    matches: list[re.Match[str]] = []
    if not any(char in text for char in _ESTATE_CHARS):  # most texts: no regex scan (C find)
        return matches
    for mark in _ESTATE_MARK.finditer(text):
        if matches and mark.start() < matches[-1].end():
            continue
        start = max(0, mark.start() - _ESTATE_HEAD)
        if matches:
            start = max(start, matches[-1].end())
        found = _ESTATE.search(text, start, min(len(text), mark.end() + _ESTATE_TAIL))
        if found and found.start() <= mark.start() < found.end():
            matches.append(_latest_start(found))
    return matches


def _latest_start(found: re.Match[str]) -> re.Match[str]:
    """The same estate address started as late as its name allows."""
    if not found.group("estate"):
        return found
    for start in range(found.end("estate") - 2, found.start(), -1):
        later = _ESTATE.match(found.string, start, found.end())
        if later and later.group("estate") and later.end() == found.end():
            return later
    return found


def _estate_hits(text: str, field: str, taken: list[Hit]) -> list[Hit]:
    """Homes in an estate not already inside a street address hit."""
    hits = []
    for match in _estate_matches(text):
        start, end = match.span()
        if _business(text, start) or any(h.start < end and start < h.end for h in taken):
            continue
        if _TOWER.search(match.group()) and not _tower_is_personal(text, start, end, taken):
            continue
        hits.append(_address_hit(text, field, start, end, match.group("estate") or ""))
    return hits


# Issue 18 (s18e): an office tower's room (望京 SOHO T3 塔 1506, 万达广场B座1806, 金茂大厦 A 座
# 1801): a building named by a letter, or a 塔. Offices and shops are there too, so it is a
# hit only with a delivery, home or address cue (寄到, 收货, 住, 地址 …) or a full name within
# _TOWER_REACH characters before it in its sentence, or a name and 收 after it — and no
# business word (公司地址, 总部 …) in that reach. Right after a street address hit (…体育西路
# 123号维多利广场A塔2806室) it is part of that address, already a hit.
_TOWER = re.compile("[A-Za-z][0-9]{0,2}[ \u3000]?(?:号楼|栋|幢|座|塔|舍)|塔")
_TOWER_REACH = 40
_TOWER_CUES = (*_PERSONAL, "地址", "住址", "收件")
_TOWER_EVENTS = ("活动", "会场", "签到", "报名", "面试", "办公", "工作室", "品牌", "官方")
_TOWER_NAME = re.compile(
    rf"(?:(?<![{_HAN_CHARS}])|(?<=[的给是叫]))"
    rf"(?P<name>(?:{_SURNAMES})[{_HAN_CHARS}]{{1,2}})(?![{_HAN_CHARS}])"
)


# Issue 18 (s18e): a room in a building given without a building number (文三路华星时代广场
# 1203 室, 金茂大厦 2203 室) — the building's name, then a room with 室 or 房; like a tower's room,
# a hit only as someone's address (see _tower_is_personal).
_ROOM = re.compile(
    rf"(?:(?<![{_HAN_CHARS}])|(?<=[住在给到往址于地路街道区市县镇号放是交]))"
    rf"(?P<estate>[{_HAN_CHARS}]{{2,10}}?(?:大厦|广场|中心|大楼|公寓|花园|小区|家园|新村|苑))"
    rf"{_SP}(?<![0-9])[0-9]{{3,4}}{_SP}(?:室|房)(?![{_HAN_CHARS}])"
)


_ROOM_MARK = re.compile("[0-9]{3}[0-9]?[ \u3000]?[室房]")
_DASHES = re.compile("[0-9]-[0-9]{1,2}-[0-9]{3}")
_NAMED_HEAD = 16  # the name's longest reach before the room: a space, 10 characters and a kind


def _windowed(
    pattern: re.Pattern[str], mark: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """Matches of pattern found around each mark only (a character class first: fast), each
    containing its mark, in text order."""
    last = 0
    for found_mark in mark.finditer(text):
        if found_mark.start() < last:
            continue
        start = max(last, found_mark.start() - _NAMED_HEAD)
        found = pattern.search(text, start, min(len(text), found_mark.end() + 8))
        if found and found.start() <= found_mark.start() < found.end():
            last = found.end()
            yield found


def _latest_named(pattern: re.Pattern[str], found: re.Match[str]) -> re.Match[str]:
    """The same match started as late as its building's name allows (住在|万科公寓, not
    在万科公寓; 我家在|万科城)."""
    match = found
    for later in range(found.start() + 1, found.end("estate") - 2):
        again = pattern.match(found.string, later)
        if again and again.end() == found.end():
            match = again
    return match


def _room_hits(text: str, field: str, taken: list[Hit]) -> list[Hit]:
    """Rooms of a named building given as someone's address, not inside another address hit."""
    hits: list[Hit] = []
    if "室" not in text and "房" not in text:  # most texts: no regex scan
        return hits
    for found in _windowed(_ROOM, _ROOM_MARK, text):
        match = _latest_named(_ROOM, found)
        start, end = match.span()
        if any(h.start < end and start < h.end for h in taken):
            continue
        if _business(text, start) or not _tower_is_personal(text, start, end, taken):
            continue
        hits.append(_address_hit(text, field, start, end, match.group("estate")))
    return hits


# Issue 18 (s18e): a home written building-unit-room with dashes after the estate's name
# (阳光小区 3-2-501, 翠苑一区3-2-501室): the dashes alone (3-2-501) are no address.
_DASHED_HOME = re.compile(
    rf"(?:(?<![{_HAN_CHARS}])|(?<=[住在给到往址于地路街道号放是交]))"
    rf"(?P<estate>[{_HAN_CHARS}]{{1,8}}?(?:{_ESTATE_KINDS}|园|[一二三四五六七八九东南西北]区)){_SP}"
    rf"(?<![0-9])[0-9]{{1,3}}-[0-9]{{1,2}}-[0-9]{{3,4}}(?![0-9-])(?:{_SP}(?:室|房))?"
)


def _dashed_homes(text: str, field: str, taken: list[Hit]) -> list[Hit]:
    """Homes written building-unit-room with dashes, not inside another address hit."""
    hits: list[Hit] = []
    if "-" not in text:  # most texts: no regex scan
        return hits
    for found in _windowed(_DASHED_HOME, _DASHES, text):
        match = _latest_named(_DASHED_HOME, found)
        start, end = match.span()
        if _business(text, start) or any(h.start < end and start < h.end for h in taken):
            continue
        hits.append(_address_hit(text, field, start, end, match.group("estate")))
    return hits


def _tower_is_personal(text: str, start: int, end: int, taken: list[Hit]) -> bool:
    """Tell whether an office tower's room is someone's address (see above)."""
    before = text[max(0, start - _TOWER_REACH) : start]
    stops = list(_SENTENCE_END.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    offset = start - len(before)
    if any(offset <= h.end <= start and "号" in h.text for h in taken):
        return False  # the street address it belongs to is the hit
    if any(word in before for word in _BUSINESS + _TOWER_EVENTS):
        return False
    if any(word in before for word in _TOWER_CUES) or _addressee_after(text, end):
        return True
    return any(_person_name(found.group("name")) for found in _TOWER_NAME.finditer(before))


def _review_hit(text: str, field: str, start: int, end: int, label: str, suggestion: str) -> Hit:
    """A personal-information hit of severity review on ``text[start:end]``."""
    return Hit(field, start, end, text[start:end], label, "pii", "review", None, suggestion, _BASIS)


def _address_hit(text: str, field: str, start: int, end: int, shown: str) -> Hit:
    """A home address hit whose suggestion keeps `shown` (the city or the estate) and masks the
    rest."""
    return _review_hit(
        text, field, start, end, "详细地址", f"如需展示请脱敏为 {shown}****{_CONSENT}"
    )


def find_addresses(text: str, field: str = "body") -> list[Hit]:
    """Mainland addresses down to the house number (see the module docstring); a business
    address (门店地址：…, 公司位于…) is not personal and gives no hit."""
    hits = []
    for match in _address_matches(text):
        start, end = match.span()
        if _business(text, start, end):
            continue
        admin = match.group("admin")
        cue = next((cue for cue in _CUES if admin.startswith(cue)), "")
        start, admin = start + len(cue), admin[len(cue) :]  # 寄到杭州市… is not a city's name
        if admin.startswith("在") and text[start - 1 : start] == "住":
            start, admin = start + 1, admin[1:]  # 住|在南京鼓楼区…: 在 is the cue's (s18e)
        hits.append(_address_hit(text, field, start, end, admin))
    hits += _cued_streets(text, field, hits)
    return hits


# Issue 18 (s18e): after a delivery, home or personal address cue, a road and house number need no
# province, city or district (寄到文三路 478 号 1203 室, 家住杭州文三路 478 号, 收货地址：杭州 西湖
# 文三路478号): the cue says it is an address. One or two place words may stand before the road,
# a space after each.
# Only personal cues: a bare 地址 also opens a shop's, office's or event's address (办公地址,
# 活动地址), which the admin-led pattern above leaves to _business.
_STREET_CUES = (
    "收货地址|收件地址|寄件地址|家庭地址|顾客地址|客户地址|住址"
    "|寄到|寄往|送到|发往|住在|家住|家在|人在"
)
_CUED_STREET = re.compile(
    rf"(?:{_STREET_CUES})(?:是|为|在)?[：:\s]*"
    rf"(?P<address>(?:[{_HAN_CHARS}]{{2,6}}[ \u3000]){{0,2}}{_STREET}{_SP}{_NUMBER})"
)


def _cued_streets(text: str, field: str, taken: list[Hit]) -> list[Hit]:
    """Roads with a house number right after an address cue, not inside another address hit."""
    hits: list[Hit] = []
    for window_start, window_end in _address_windows(text):
        start_at = max(0, window_start - 8)  # the cue may stand just before the window
        for match in _CUED_STREET.finditer(text, start_at, min(window_end, len(text))):
            start, end = match.span("address")
            if any(h.start < end and start < h.end for h in taken + hits):
                continue
            if _business(text, start, end):
                continue
            hits.append(_address_hit(text, field, start, end, ""))
    return hits


def _person_name(candidate: str, after: str = "") -> tuple[str, str] | None:
    """(name, surname) of a surname and one or two characters, if it reads as a name: not a
    title (王女士), not running into a verb or particle (张三说 → 张三) nor into a title that
    starts with its last character and goes on in ``after``, the text right after it
    (赵敏女士 → 赵敏)."""
    surname = next(s for s in _SURNAMES.split("|") if candidate.startswith(s))
    rest = candidate[len(surname) :]
    if rest.startswith(_TITLES):
        return None
    if len(rest) == 2 and (rest[1] in _NOT_IN_NAME or (rest[1] + after[:1]).startswith(_TITLES)):
        rest = rest[:1]
    if not rest or rest[0] in _NOT_IN_NAME:
        return None
    return surname + rest, surname


def _name_hit(text: str, field: str, start: int, name: str, surname: str) -> Hit:
    suggestion = f"如需展示请脱敏为 {mask_name(name, surname)}{_CONSENT}"
    end = start + len(name)
    return Hit(field, start, end, name, "姓名", "pii", "warn", None, suggestion, _BASIS)


def find_names(text: str, field: str = "body", allowed_names: Iterable[str] = ()) -> list[Hit]:
    """Personal names after a cue (see the module docstring); ``allowed_names`` give no hit."""
    allowed = {name.strip() for name in allowed_names if name.strip()}
    hits = []
    for match in _NAME.finditer(text):
        person = _person_name(match.group("name"), text[match.end("name") : match.end("name") + 1])
        if person is not None and person[0] not in allowed:
            hits.append(_name_hit(text, field, match.start("name"), *person))
    return hits


# A name right before a phone number or a home address (李娜 138…, @张伟 ①③⑨…, 寄给陈静：阳光小区…,
# issue 18): a winner list or a parcel label. It starts after a non-Chinese character, 给 or @.
_NAME_BEFORE = re.compile(
    rf"(?:(?<![{_HAN}])|(?<=给))(?P<name>(?:{_SURNAMES})[{_HAN}]{{1,2}})[ \u3000:：,，]*"
)
_NAME_REACH = 8


def _names_before(text: str, field: str, contacts: list[Hit], allowed: set[str]) -> list[Hit]:
    """Names standing right before a mobile number or an address hit."""
    hits = []
    for contact in contacts:
        if contact.term not in ("手机号", "详细地址"):
            continue
        for start in range(max(0, contact.start - _NAME_REACH), contact.start):
            match = _NAME_BEFORE.fullmatch(text, start, contact.start)
            if match is None:
                continue
            person = _person_name(match.group("name"))
            if person is not None and person[0] == match.group("name") and person[0] not in allowed:
                hits.append(_name_hit(text, field, start, *person))
            break
    return hits


# Issue 18 (h147): a full name next to a masked mobile number (中奖名单：李娜 138****5678) or to a
# phone's tail number (陈思思，手机尾号 5678) still identifies the winner: the number was masked,
# the name was not. The name before a masked number is a ``review`` name hit; a tail number with
# a full name within _TAIL_REACH characters before it (or right after it) is a ``review`` hit of
# its own. Masked names (王*, 张**) and tail numbers alone (订单尾号 5678 的顾客) give no hit.
_MASKED_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9][*＊]{4}[0-9]{4}(?![0-9])")
_TAIL_NUMBER = re.compile(r"尾号(?:是|为)?[：:\s]*[0-9]{4}(?![0-9])")
_LONE_NAME = re.compile(
    rf"(?:(?<![{_HAN}*＊])|(?<=[是叫给@]))(?P<name>(?:{_SURNAMES})[{_HAN}]{{1,2}})"
    rf"(?=[^{_HAN}*＊]|的|手机|电话|尾号|$)"
)
_TAIL_REACH = 12
# Issue 18 (h154): the name after the tail number with 的 and a title (尾号 4630 的周敏姐).
_NAME_AFTER_TAIL = re.compile(
    rf"[\s，,]*的?\s*(?P<name>(?:{_SURNAMES})[{_HAN}]{{1,2}}?)"
    rf"(?=女士|先生|小姐|姐|哥|阿姨|老师|同学|[^{_HAN}]|$)"
)
_NOT_NAMES = frozenset(("顾客", "金卡", "高级", "万元", "钱包", "于是"))


def _masked_mobile_names(text: str, field: str, allowed: set[str]) -> list[Hit]:
    """Full names right before a masked mobile number, as ``review`` name hits."""
    if "**" not in text and "＊＊" not in text:
        return []
    anchors = [
        Hit(field, m.start(), m.end(), m.group(), "手机号", "pii", "info", None, "", "")
        for m in _MASKED_MOBILE.finditer(text)
    ]
    return [hit._replace(severity="review") for hit in _names_before(text, field, anchors, allowed)]


def _tail_numbers(text: str, field: str, allowed: set[str]) -> tuple[list[Hit], list[Hit]]:
    """(tail-number hits, name hits) of a phone's tail number given with a full name."""
    tails: list[Hit] = []
    names: list[Hit] = []
    if "尾号" not in text:
        return tails, names
    for tail in _TAIL_NUMBER.finditer(text):
        before = max(0, tail.start() - _TAIL_REACH)
        candidates = list(_LONE_NAME.finditer(text, before, tail.start()))
        candidates += list(_LONE_NAME.finditer(text, tail.end(), tail.end() + 6))[:1]
        person = None
        for match in candidates:
            judged = _person_name(match.group("name"))
            if judged is not None and judged[0] == match.group("name") and judged[0] not in allowed:
                person = (match.start("name"), judged)
        after = _NAME_AFTER_TAIL.match(text, tail.end())
        if person is None and after and after.group("name") not in _NOT_NAMES:
            judged = _person_name(after.group("name"), text[after.end() : after.end() + 1])
            if judged is not None and judged[0] not in allowed:
                person = (after.start("name"), judged)
        if person is None:
            continue
        names.append(_name_hit(text, field, person[0], *person[1]))
        suggestion = f"删去姓名或写成 {mask_name(*person[1])}{_CONSENT}"
        start, end = tail.span()
        tails.append(_review_hit(text, field, start, end, "手机尾号", suggestion))
    return tails, names


# Issue 18 (h147): a mainland licence plate (沪A·12345, 粤B 8K2M9, 京AD12345 for new-energy cars)
# identifies its owner: the province's one-character name, the city letter, maybe a separator,
# then five or six letters and digits with at least one digit (no I or O on plates). A
# province's character before a letter and five digits is rare in clothing copy. Only in a text
# that speaks of a car (车主, 车牌, 停车 … any 车): a plate is published about its owner's car, and
# the gate is one character find.
_PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(  # the letter first: the engine skips ahead to it faster than to the province
    rf"[A-HJ-NP-Z](?<=[{_PLATE_PROVINCES}][A-HJ-NP-Z])[ ·•・.\-]?(?=[A-HJ-NP-Z0-9]{{0,5}}[0-9])"
    r"[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])(?![ ]?(?:码|号|元|件|款))"
)


def find_plates(text: str, field: str = "body") -> list[Hit]:
    """Licence plates (see above): a ``review`` hit, masked to the province and city letter."""
    hits: list[Hit] = []
    if "车" not in text:  # most texts: no regex scan
        return hits
    for match in _PLATE.finditer(text):
        start, end = match.start() - 1, match.end()  # the province's character before the letter
        suggestion = f"如需展示请脱敏为 {text[start : start + 2]}****{_CONSENT}"
        hits.append(_review_hit(text, field, start, end, "车牌号", suggestion))
    return hits


def mask_name(name: str, surname: str | None = None) -> str:
    """王小明 → 王**; a compound surname stays whole (欧阳娜娜 → 欧阳**)."""
    if surname is None:
        surname = next((s for s in _SURNAMES.split("|") if name.startswith(s)), name[:1])
    return surname + "*" * (len(name) - len(surname))


def without_names(report: Report, names: Iterable[str]) -> Report:
    """The report less the listed name hits of ``names`` (those an authorisation allows
    showing): their term count goes down and the verdict is taken again from what is left."""
    allowed = {name.strip() for name in names if name.strip()}
    dropped = [
        h for h in report.hits if h.term == "姓名" and h.category == "pii" and h.text in allowed
    ]
    if not dropped:
        return report
    terms = []
    for term in report.terms:
        if term.term == "姓名" and term.category == "pii":
            term = replace(term, count=term.count - len(dropped))
        if term.count > 0:
            terms.append(term)
    verdict = VERDICTS[max((severity_rank(t.severity) for t in terms), default=0)]
    hits = tuple(hit for hit in report.hits if hit not in dropped)
    return Report(verdict, report.lexicon_version, hits, tuple(terms))


# A named person's home given without a house number (issue 18): 赵敏女士，她就住在杭州文三路那栋
# 小楼里 — a street, estate or village after 住在/家住/住址 in the same sentence as a name hit,
# within _HOME_REACH characters after the name. Without a name (我住在文三路附近) there is no hit:
# the writer's own neighbourhood identifies nobody. Issue 18 (s17/h175): a district or county
# too (孙丽娟女士……家住拱墅区), not a scenic area, campus or business district (住在景区附近).
_HOME = re.compile(
    rf"(?:住在|家住|住址[：:]?\s*)(?P<place>[{_HAN}0-9]{{1,12}}?"
    r"(?:大道|路|街|巷|弄|胡同|小区|新村|村|花园|家园|公寓|大厦|(?:(?<!景|园|社|校|厂|商)区|县)(?=[^\u4e00-\u9fa50-9]|$|的|附近|一带)))"
)
_HOME_CUES = ("住在", "家住", "住址")
_HOME_REACH = 40  # issue 18 (s17/h175): 24 → 40, a clause about the person can stand between
_SENTENCE_END = re.compile("[。！？!?；;\n]")


def _homes_of_names(text: str, field: str, names: list[Hit], addresses: list[Hit]) -> list[Hit]:
    """Where a named person lives, when the text says it without a house number."""
    hits: list[Hit] = []
    if not names or not any(cue in text for cue in _HOME_CUES):
        return hits
    for name in names:
        window = text[name.end : name.end + _HOME_REACH]
        stop = _SENTENCE_END.search(window)
        window_end = name.end + (stop.start() if stop else len(window))
        found = _HOME.search(text, name.end, window_end)
        if found is None:
            continue
        start, end = found.span()
        if any(h.start < end and start < h.end for h in addresses + hits):
            continue
        suggestion = f"删去住处，或只写到城市{_CONSENT}"
        hits.append(_review_hit(text, field, start, end, "住址", suggestion))
    return hits


# A child's school class next to the child's name (issue 18; PIPL Art. 28 and 31: the personal
# information of a minor under 14 is sensitive): 王子涵（8岁，实验小学二年级3班）. The class is a
# grade then a class number (二年级3班, 初二(1)班, 大班); the school's name before it is kept in
# the hit. It is a hit only with a personal name within _PUPIL_REACH characters before it, which
# is a name hit too: "实验小学二年级3班的小朋友们来参观" names no one.
_CLASS = re.compile(
    rf"(?:[{_HAN}]{{0,8}}?(?:小学|中学|初中|高中|幼儿园|学校)\s*)?"
    r"(?:[一二三四五六七八九1-9]年级|[初高][一二三]|[大中小托][一二三四五六1-6]?班"
    r"|[一二三四五六1-6](?=\s*[(（][0-9一二三四五六七八九十]{1,2}[)）]\s*班))"
    r"(?:\s*[(（]?[0-9一二三四五六七八九十]{1,2}[)）]?班)?"
)
_PUPIL = re.compile(
    rf"(?:(?<![{_HAN}])|(?<=[叫是名])|(?<=模特)|(?<=宝宝)|(?<=孩子)|(?<=女儿)|(?<=儿子)|(?<=小朋友))(?P<name>(?:{_SURNAMES})[{_HAN}]{{1,2}})(?![{_HAN}])"
)
_PUPIL_REACH = 16
# Issue 18 (h154): the child's name right after the class (一年级四班）的李沐阳穿…,
# 四（1）班 林一诺), ending before a non-Chinese character or a verb of the sentence.
_PUPIL_AFTER = re.compile(
    rf"[)）」”’\s]*的?\s*(?P<name>(?:{_SURNAMES})[{_HAN}]{{1,2}}?)"
    rf"(?=[^{_HAN}]|$|穿|的|同学|小朋友|说|也|在|是|和|就|今天|每天)"
)
_SCHOOL_WORDS = ("小学", "中学", "初中", "高中", "幼儿园", "学校")


def _school_classes(text: str, field: str, allowed: set[str]) -> tuple[list[Hit], list[Hit]]:
    """(class hits, name hits) of named children with their school class."""
    classes: list[Hit] = []
    names: list[Hit] = []
    if "班" not in text and not any(word in text for word in _SCHOOL_WORDS):
        return classes, names
    for found in _CLASS.finditer(text):
        start, end = found.span()
        if not (found.group().endswith("班") or any(w in found.group() for w in _SCHOOL_WORDS)):
            continue  # 高一 alone (高一点) is no class
        pupil = None
        for match in _PUPIL.finditer(text, max(0, start - _PUPIL_REACH), start):
            person = _person_name(match.group("name"))
            if person is not None and person[0] == match.group("name"):
                pupil = (match.start("name"), person)
        after = _PUPIL_AFTER.match(text, end)
        if pupil is None and after:
            person = _person_name(after.group("name"))
            if person is not None and person[0] == after.group("name"):
                pupil = (after.start("name"), person)
        if pupil is None:
            continue
        name_start, person = pupil
        if person[0] not in allowed:
            names.append(_name_hit(text, field, name_start, *person))
        suggestion = f"删去学校和班级（未成年人个人信息）{_CONSENT.replace('本人', '监护人')}"
        classes.append(_review_hit(text, field, start, end, "学校班级", suggestion))
    return classes, names


# Issue 18 (h154): a parcel's tracking number given with a person's name (顺丰单号 SF14087…，收件人
# 孙雅琪; a dispatch list "张丽 中通 78312456093815") lets anyone look up that person's parcel and
# its address. A tracking number — a courier's letters and 10–15 digits, or 12–15 digits, after a
# courier or 单号 cue — is a ``review`` hit when a full name stands within _PARCEL_REACH characters
# in the same line; a tracking number alone (查物流：SF1408…) gives no hit.
_COURIER_CUE = (
    "单号|运单|快递|物流|顺丰|中通|圆通|韵达|申通|极兔|百世|京东|邮政|EMS|ems|德邦|丰巢|菜鸟|包裹"
)
_TRACKING = re.compile(
    rf"(?:{_COURIER_CUE})[^\n。！？!?；;0-9A-Za-z]{{0,6}}"
    r"(?P<number>(?<![A-Za-z0-9])(?:[A-Z]{1,4}[0-9]{10,15}|[0-9]{12,15})(?![A-Za-z0-9]))"
)
_PARCEL_NAME = re.compile(
    rf"(?:(?<![{_HAN}])|(?<=[是叫给@]))(?P<name>(?:{_SURNAMES})[{_HAN}]{{1,2}}?)"
    rf"(?=[^{_HAN}]|$|收|签收|的包裹|的快递|女士|先生|小姐)"
)
_PARCEL_REACH = 16
_LINE_END = re.compile("[。！？!?；;\n]")


def _parcels(text: str, field: str, allowed: set[str]) -> tuple[list[Hit], list[Hit]]:
    """(tracking-number hits, name hits) of parcels given with a person's full name."""
    hits: list[Hit] = []
    names: list[Hit] = []
    if not any(char in text for char in "单运快物顺中圆韵申极百京邮德丰菜包EMSems"):
        return hits, names
    for found in _TRACKING.finditer(text):
        start, end = found.span("number")
        line_start = max(0, found.start() - _PARCEL_REACH)
        for stop in _LINE_END.finditer(text, line_start, found.start()):
            line_start = stop.end()
        after = _LINE_END.search(text, end, end + _PARCEL_REACH)
        line_end = after.start() if after else min(len(text), end + _PARCEL_REACH)
        person = None
        for window in ((line_start, found.start()), (end, line_end)):
            for match in _PARCEL_NAME.finditer(text, *window):
                judged = _person_name(match.group("name"), text[match.end() : match.end() + 1])
                if judged is not None and match.group("name") not in _NOT_NAMES:
                    person = person or (match.start("name"), judged)
        if person is None or person[1][0] in allowed:
            continue
        names.append(_name_hit(text, field, person[0], *person[1]))
        number = found.group("number")
        suggestion = f"删去单号或姓名，或脱敏为 {number[:4]}****{number[-4:]}{_CONSENT}"
        hits.append(_review_hit(text, field, start, end, "快递单号", suggestion))
    return hits, names


# Issue 18 (h154): a full name with a full birth date (邓美玲，1999 年 2 月 28 日出生;
# 儿子（王子轩，2018 年 12 月 5 日生）): the date of birth of a named person, and for a child
# sensitive (PIPL Art. 28). Within _BIRTH_REACH characters after the name; a date alone
# (品牌创立于 2016 年 3 月 1 日) names no one.
_BIRTH = re.compile(
    r"(?:出生于|生于|生日是?)?\s*[12][0-9]{3}\s*年\s*[01]?[0-9]\s*月\s*[0-3]?[0-9]\s*日"
    r"(?:\s*(?:出生|生(?![效产活意])))?"
)
_BIRTH_NAME = re.compile(
    rf"(?:(?<![{_HAN}])|(?<=[叫是名]))(?P<name>(?:{_SURNAMES})[{_HAN}]{{1,2}})(?![{_HAN}])"
)
_BIRTH_REACH = 8


def _birth_dates(text: str, field: str, allowed: set[str]) -> tuple[list[Hit], list[Hit]]:
    """(birth-date hits, name hits) of a full name followed by a birth date."""
    hits: list[Hit] = []
    names: list[Hit] = []
    if "年" not in text or "月" not in text or "生" not in text:
        return hits, names
    for found in _BIRTH.finditer(text):
        if "生" not in found.group():
            continue  # a date that is not said to be a birth
        start, end = found.span()
        while start < end and text[start].isspace():
            start += 1
        person = None
        for match in _BIRTH_NAME.finditer(text, max(0, start - _BIRTH_REACH), start):
            judged = _person_name(match.group("name"))
            if judged is not None and judged[0] == match.group("name"):
                person = (match.start("name"), judged)
        if person is None or person[1][0] in allowed:
            continue
        names.append(_name_hit(text, field, person[0], *person[1]))
        hits.append(
            _review_hit(text, field, start, end, "出生日期", f"删去出生日期，或只写年龄{_CONSENT}")
        )
    return hits, names


# Issue 18 (h154): a dormitory room given by floor and room (芙蓉三 2 楼 215 宿舍, 3楼302寝室).
_DORM = re.compile(rf"(?<![0-9])[0-9]{{1,2}}{_SP}楼{_SP}[0-9]{{3,4}}{_SP}(?:宿舍|寝室|寝)")


def _dorms(text: str, field: str, taken: list[Hit]) -> list[Hit]:
    """Dormitory rooms not already inside an address hit."""
    hits: list[Hit] = []
    if "宿舍" not in text and "寝" not in text:
        return hits
    for found in _DORM.finditer(text):
        start, end = found.span()
        if any(h.start < end and start < h.end for h in taken):
            continue
        hits.append(_address_hit(text, field, start, end, ""))
    return hits


# --- session 20 (s20d, h210): a breadth sweep of personal-information concepts -----------------
# Each detector below looks for its cue's characters with ``in`` (C speed) first, so that most
# texts cost one or two substring tests and no regex scan.

# Travel documents (护照号 E12345678, 港澳通行证 C12345678, 台胞证 12345678) and a pupil's
# student number (学号 20231234, a minor's, PIPL Art. 28/31) after their cue,
# and the old 15-digit ID number (6 area digits, YYMMDD, 3 digits) after an ID cue: a document
# number identifies its holder as the ID number does.
_DOCUMENT_CUE = re.compile("护照|通行证|台胞证|回乡证|居留证|居留许可|学号|学籍号")
_DOCUMENT_NUMBER = re.compile(
    r"(?:号码|号|编号|证号)?\s*(?:是|为)?\s*[：:]?\s*"
    r"(?P<id>(?<![A-Za-z0-9])(?:[A-Za-z]{1,2}[0-9]{7,8}|[0-9]{8,12})(?![A-Za-z0-9]))"
)
_DOCUMENT_REACH = 12
_OLD_ID = re.compile(
    r"(?<![0-9])[1-9][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}(?![0-9])"
)


def _documents(text: str, field: str) -> list[Hit]:
    """Travel-document numbers after their cue and 15-digit ID numbers after an ID cue."""
    hits: list[Hit] = []
    if "护照" in text or "证" in text or "居留" in text or "学" in text:
        for cue in _DOCUMENT_CUE.finditer(text):
            window = text[cue.end() : cue.end() + _DOCUMENT_REACH + 12]
            match = _DOCUMENT_NUMBER.search(window)
            if match is None or match.start("id") > _DOCUMENT_REACH:
                continue
            start, end = cue.end() + match.start("id"), cue.end() + match.end("id")
            number = match.group("id")
            suggestion = f"如需展示请脱敏为 {number[:2]}****{number[-2:]}{_CONSENT}"
            term = "学号" if cue.group().startswith("学") else "证件号码"
            hits.append(_review_hit(text, field, start, end, term, suggestion))
    if "身份" in text or "证件" in text:
        for cue in _ID_CUE.finditer(text):
            found = _OLD_ID.search(text, cue.end(), cue.end() + _NUMBER_CUE_REACH + 15)
            if found is None or found.start() - cue.end() > _NUMBER_CUE_REACH:
                continue
            number = found.group()
            suggestion = f"如需展示请脱敏为 {number[:6]}******{number[-3:]}{_CONSENT}"
            hits.append(_review_hit(text, field, *found.span(), "身份证号", suggestion))
    return hits


# Messaging apps beyond WeChat and QQ (Telegram — 飞机, 纸飞机, TG, 电报 —, LINE, WhatsApp,
# Instagram — ins —, DingTalk — 钉钉): an id after the app's cue and a colon, an @ or 号/ID.
# The id must hold a digit, an underscore or a dot (ins：meimei.0823), so that a style word after
# a colon (A-line: 显瘦, ins风：…) gives no hit; a business's own account (官方, 客服…) passes.
_MESSENGER = re.compile(
    r"(?P<cue>[Tt]elegram|TELEGRAM|TG|tg|纸飞机|飞机|电报|[Ww]hats[Aa]pp|WHATSAPP|LINE|[Ll]ine"
    r"|[Ii]nstagram|INS|[Ii]ns|钉钉)"
    r"(?:(?:号|账号|\s?[Ii][Dd])\s*[：:]?\s*@?|\s*[：:]\s*@?|\s*@)"
    r"(?P<id>[A-Za-z0-9][A-Za-z0-9_.]{3,29})(?![A-Za-z0-9_.@])"
)
_MESSENGER_CUES = (
    "telegram", "Telegram", "TELEGRAM", "TG", "tg", "飞机", "电报", "whatsapp", "WhatsApp",
    "Whatsapp", "WHATSAPP", "LINE", "Line", "line", "instagram", "Instagram", "INS", "Ins", "ins",
    "钉钉",
)  # fmt: skip
_MESSENGER_CUE = re.compile("|".join(sorted(_MESSENGER_CUES, key=len, reverse=True)))


def _messenger_accounts(text: str, field: str) -> list[Hit]:
    """Personal ids on Telegram, LINE, WhatsApp, Instagram and DingTalk after their cue (the
    cues found by one alternation of literals, the pattern matched at each: 20 str.find scans
    of a 5,000-character Chinese text cost twice as much)."""
    hits: list[Hit] = []
    for cue in _MESSENGER_CUE.finditer(text):
        at = cue.start()
        if cue.group() == "飞机" and at and text[at - 1] == "纸":
            at -= 1  # 纸飞机
        match = _MESSENGER.match(text, at)
        hit = match and _messenger_hit(text, field, match)
        if hit:
            hits.append(hit)
    return hits


def _messenger_hit(text: str, field: str, match: re.Match[str]) -> Hit | None:
    cue, account = match.group("cue"), match.group("id")
    if cue[0].isascii() and match.start() and text[match.start() - 1].isascii():
        if text[match.start() - 1].isalnum() or text[match.start() - 1] == "-":
            return None  # inside a Latin word (online, A-line)
    if not re.search("[0-9_.]", account) or account.endswith("."):
        return None
    if _BUSINESS_ACCOUNT.search(text, max(0, match.start() - 8), match.start("id")):
        return None
    if _BUSINESS_ID.search(account):
        return None
    suggestion = f"如需展示请脱敏为 {account[:2]}****{account[-2:]}{_CONSENT}"
    return _review_hit(text, field, *match.span("id"), "社交账号", suggestion)


# A named customer with body or health details (感谢买家林芳（身高162，体重128斤）, 王丽丽孕6个
# 月, 女儿张悦悦有湿疹): a full name after a cue of a customer or relative, or a full name right
# before a bracket, with a body measure, a pregnancy or an illness within _BODY_REACH characters
# after it in the same sentence. Health data are sensitive personal information (PIPL Art. 28);
# a model's measures (模特身高175) name nobody and pass.
_BODY_CUES = (
    "感谢|顾客|买家|客户|会员|宝妈|女儿|儿子|闺女|老公|老婆|我家|姐妹|好友|朋友|同事|粉丝|学员|"
    "患者|老客|客人|给|帮"
)
_BODY_NAME = re.compile(
    rf"(?:(?:{_BODY_CUES})(?:[：:]\s*|\s+)?|(?<![{_HAN}]))"
    rf"(?P<name>(?:{_SURNAMES})[{_HAN}]{{1,2}})(?P<bracket>\s*[（(])?"
)
_BODY_DETAIL = re.compile(
    "身高|体重|胸围|腰围|臀围|罩杯|[0-9]{2,3}\\s?斤|[0-9]{2,3}[ABCDEF](?![A-Za-z])|"
    "孕[0-9一二三四五六七八九十]|怀孕|哺乳期|产后|术后|乳腺|癌|湿疹|过敏|糖尿病|高血压|抑郁|"
    "残疾|截肢|病史|住院|确诊|患有|患了"
)
_BODY_WORDS = (
    "身高", "体重", "胸围", "腰围", "臀围", "罩杯", "斤", "孕", "产后", "术后", "乳腺", "癌",
    "湿疹", "过敏", "糖尿病", "高血压", "抑郁", "残疾", "截肢", "病史", "住院", "确诊", "患",
)  # fmt: skip
_BODY_WORD = re.compile("|".join(_BODY_WORDS))  # one scan, not 23 str.find scans
_BODY_REACH = 10
_BODY_LOOKBACK = 24  # a cue and its colon, a name, a bracket and _BODY_REACH characters
_HEALTH_RIGHT_AFTER = re.compile(
    "孕[0-9一二三四五六七八九十]+[个周月]|怀孕|乳腺[癌增炎结]|(?:肺|胃|肝|肠|宫颈|甲状腺)癌|术后|确诊|患有|患了"
    "|糖尿病|高血压"
)
_SENTENCE_END = re.compile("[。！？!?\n；;]")


def _body_name_matches(text: str, cued: bool) -> list[re.Match[str]]:
    """The name matches standing at most _BODY_LOOKBACK characters before a body or health
    word (the digit-led details such as 34C are searched only in a text with a customer cue,
    ``cued``)."""
    anchors = {word.start() for word in _BODY_WORD.finditer(text)}
    if cued:
        anchors.update(detail.start() for detail in _BODY_DETAIL.finditer(text))
    matches: dict[int, re.Match[str]] = {}
    for anchor in sorted(anchors):
        for match in _BODY_NAME.finditer(text, max(0, anchor - _BODY_LOOKBACK), anchor):
            matches.setdefault(match.start("name"), match)
    return [matches[start] for start in sorted(matches)]


def _body_names(text: str, field: str, allowed: set[str]) -> list[Hit]:
    """Full names of customers or relatives followed by their body or health details."""
    hits: list[Hit] = []
    cued = "买家" in text or "顾客" in text or "客户" in text
    for match in _body_name_matches(text, cued):
        after = text[match.end("name") : match.end("name") + 1]
        person = _person_name(match.group("name"), after)
        if person is None or person[0] in allowed:
            continue
        start = match.start("name")
        name_end = start + len(person[0])
        if match.start() == start and not match.group("bracket"):
            # a bare surname-led word (黄色，身高160…) is no name, unless a pregnancy or an
            # illness follows it at once (王丽丽孕6个月, 陈静乳腺癌术后)
            name, surname = person
            for cut in (name, name[:-1]) if len(name) - len(surname) == 2 else (name,):
                health = _HEALTH_RIGHT_AFTER.match(text, start + len(cut))
                if health:
                    masked = mask_name(cut, surname)
                    suggestion = f"如需展示请脱敏为 {masked}，并删去健康信息{_CONSENT}"
                    label = "姓名与身体健康信息"
                    hits.append(_review_hit(text, field, start, health.end(), label, suggestion))
                    break
            continue
        window = text[name_end : name_end + _BODY_REACH + 2]
        stop = _SENTENCE_END.search(window)
        detail = _BODY_DETAIL.search(window, 0, stop.start() if stop else len(window))
        if detail is None or detail.start() > _BODY_REACH:
            continue
        end = name_end + detail.end()
        suggestion = f"如需展示请脱敏为 {mask_name(*person)}，并删去身体或健康信息{_CONSENT}"
        hits.append(_review_hit(text, field, start, end, "姓名与身体健康信息", suggestion))
    return hits


# A mobile number written 3-8 (138-12345678): one separator after the network prefix.
# The literal 1 first: sre then skips ahead to each "1" (a lookbehind first made it try every
# position).
_MOBILE_3_8 = re.compile(r"1(?<![0-9]1)(?<![0-9][-.]1)[3-9][0-9][ \-—–][0-9]{8}(?![0-9])")


def _mobiles_3_8(text: str, field: str) -> list[Hit]:
    hits: list[Hit] = []
    if "1" not in text:
        return hits
    for found in _MOBILE_3_8.finditer(text):
        if _CODE_LABEL.search(text, max(0, found.start() - 8), found.start()):
            continue
        digits = re.sub("[^0-9]", "", found.group())
        suggestion = f"如需展示请脱敏为 {digits[:3]}****{digits[-4:]}{_CONSENT}"
        hits.append(_review_hit(text, field, *found.span(), "手机号", suggestion))
    return hits


# Coordinates a person shares (定位发你：30.2741, 120.1551; 我家坐标 31.23/121.47): a latitude and
# a longitude with three or more decimals after a location cue.
_LOCATION_CUE = re.compile("定位|位置|坐标|经纬度|GPS|gps")
_COORDINATES = re.compile(
    r"(?<![0-9.])-?[0-9]{1,3}\.[0-9]{3,}\s*[,，、/ ]\s*-?[0-9]{1,3}\.[0-9]{3,}(?![0-9])"
)
_LOCATION_REACH = 10
_LOCATION_WORDS = ("定位", "位置", "坐标", "经纬", "GPS", "gps")


def _coordinates(text: str, field: str) -> list[Hit]:
    hits: list[Hit] = []
    if "." not in text or not any(word in text for word in _LOCATION_WORDS):
        return hits
    for cue in _LOCATION_CUE.finditer(text):
        found = _COORDINATES.search(text, cue.end(), cue.end() + _LOCATION_REACH + 30)
        if found is None or found.start() - cue.end() > _LOCATION_REACH:
            continue
        suggestion = f"删去精确位置，如需说明只写到城市{_CONSENT}"
        hits.append(_review_hit(text, field, *found.span(), "位置坐标", suggestion))
    return hits


# A hotel or guest-house room a person stays in (我住在如家酒店 1208 房): the room after a
# personal cue; a hotel's own room numbers in its description (豪华大床房) hold no number.
_HOTEL_ROOM = re.compile(
    r"(?:酒店|宾馆|民宿|旅馆|招待所|客栈)\s?[A-Za-z]?[0-9]{3,4}\s?(?:号房|房间|房|室)"
)
_HOTEL_CUES = ("住", "送到", "送过来", "寄到", "我在", "人在", "来找我")
_HOTEL_REACH = 16


def _hotel_rooms(text: str, field: str) -> list[Hit]:
    hits: list[Hit] = []
    if not any(kind in text for kind in ("酒店", "宾馆", "民宿", "旅馆", "招待所", "客栈")):
        return hits
    for found in _HOTEL_ROOM.finditer(text):
        around = text[max(0, found.start() - _HOTEL_REACH) : found.end() + 8]
        if not any(cue in around for cue in _HOTEL_CUES):
            continue
        suggestion = f"删去房间号{_CONSENT}"
        hits.append(_review_hit(text, field, *found.span(), "详细地址", suggestion))
    return hits


# Issue 18, session 21 (h219): a child named by a nickname (乐乐, 米粒) or only as 女儿/儿子, with
# an age and a named school's class (小模特乐乐，6岁，在阳光小学一年级2班): the age and the class
# locate one child as well as a full name does (PIPL Art. 28 and 31). The class must end in 班 and
# an age (N岁) must stand at most _AGED_REACH characters before it in the same sentence, with a
# cue of a child (模特, 女儿, 宝宝, 我家 …) at most _AGED_CUE_REACH characters before the age;
# a size tip (7岁、小学二年级的孩子选130) and a class's group order (实验小学二年级3班定制班服，
# 7岁孩子穿130码: the age after the class) pass.
_AGE = re.compile("[0-9一二三四五六七八九十]{1,2}(?:周)?岁")
_CHILD_CUE = re.compile(
    "模特|宝宝|宝贝|孩子|女儿|儿子|闺女|小朋友|我家|外甥|侄子|侄女|孙子|孙女|名叫|小名|乳名"
    "|双胞胎|老大|老二|兄妹|姐弟"
)
_AGED_REACH = 20
_AGED_CUE_REACH = 12


def _aged_pupils(text: str, field: str) -> list[Hit]:
    """School classes of a child given by a cue and an age rather than a full name."""
    hits: list[Hit] = []
    if "岁" not in text or "班" not in text:
        return hits
    for found in _CLASS.finditer(text):
        start, end = found.span()
        if not found.group().endswith("班"):
            continue
        offset = max(0, start - _AGED_REACH)
        ends = [stop.end() for stop in _SENTENCE_END.finditer(text, offset, start)]
        offset = ends[-1] if ends else offset
        ages = list(_AGE.finditer(text, offset, start))
        if not ages:
            continue
        age = ages[-1]
        if not _CHILD_CUE.search(text, max(offset, age.start() - _AGED_CUE_REACH), age.start()):
            continue
        suggestion = f"删去学校和班级（未成年人个人信息）{_CONSENT.replace('本人', '监护人')}"
        hits.append(_review_hit(text, field, start, end, "学校班级", suggestion))
    return hits


# Issue 18, session 21 (h219): a customer's handle with a health condition (感谢买家@某某 分享，
# 她乳腺癌术后…; 买家“某某”糖尿病十年): an online handle identifies its owner as a name does, and
# health data are sensitive personal information (PIPL Art. 28). The handle is an @handle, or a
# nickname right after a customer cue, quoted or followed by a bracket (感谢会员某某（…术后）;
# not a group: 粉丝们, 朋友); the condition must start at most _HANDLE_REACH characters after it
# in the same sentence. Body measures (身高160穿M) with a handle pass: buyer shows quote them all
# the time; the handle of a charity, hospital or brand passes too.
_HANDLE_CUES = "感谢|谢谢|顾客|买家|客户|会员|宝妈|粉丝|用户|老客|网友|读者|姐妹"
_HANDLE = re.compile(
    rf"(?:{'|'.join(f'(?<={cue})' for cue in _HANDLE_CUES.split('|'))})"
    r"\s*[“「『\"](?P<quoted>[^”」』\"\n]{1,12})[”」』\"]"
    r"|@(?P<at>[^\s@，,。！？!?：:、；;（）()]{1,20})"
    rf"|(?:{'|'.join(f'(?<={cue})' for cue in _HANDLE_CUES.split('|'))})"
    r"(?P<bare>[\w]{2,6}?)(?=\s*[（(])"
)
_HANDLE_HEALTH = re.compile(
    "孕[0-9一二三四五六七八九十]+[个周月]|怀孕|哺乳期|产后|术后|手术|乳腺|癌|湿疹|糖尿病|高血压|"
    "抑郁|焦虑症|残疾|截肢|病史|住院|确诊|患有|患了|患者|化疗|放疗|透析|白癜风|银屑病|牛皮癣|"
    "哮喘|自闭症|多动症|脑瘫|瘫痪|脊柱侧弯|甲亢|红斑狼疮|渐冻|艾滋|HIV|hiv|乙肝"
)
_HANDLE_BUSINESS = re.compile(
    "公益|基金|协会|医院|官方|品牌|旗舰|店|公司|工作室|官微|组织|中心|联盟|诊所|学会|报|台"
)
_HANDLE_REACH = 12
_GROUP_WORDS = ("们", "朋友", "家人", "大家", "各位", "亲")


def _handle_health(text: str, field: str) -> list[Hit]:
    """A customer's handle followed by a health condition."""
    hits: list[Hit] = []
    if not _HANDLE_HEALTH.search(text):
        return hits
    for found in _HANDLE.finditer(text):
        handle = found.group("at") or found.group("quoted") or found.group("bare")
        if _HANDLE_BUSINESS.search(handle):
            continue
        if found.group("bare") and handle.endswith(_GROUP_WORDS):
            continue
        window = text[found.end() : found.end() + _HANDLE_REACH + 8]
        stop = _SENTENCE_END.search(window)
        health = _HANDLE_HEALTH.search(window, 0, stop.start() if stop else len(window))
        if health is None or health.start() > _HANDLE_REACH:
            continue
        shown = handle[:1] + "*" * (len(handle) - 1)
        suggestion = f"删去健康信息，或把昵称隐去为 {shown}{_CONSENT}"
        end = found.end() + health.end()
        hits.append(_review_hit(text, field, found.start(), end, "昵称与健康信息", suggestion))
    return hits


def _sweep_hits(text: str, field: str, allowed: set[str], taken: list[Hit]) -> list[Hit]:
    """The session-20 detectors' hits (and session 21's) that overlap no earlier hit."""
    found = (
        _documents(text, field)
        + _messenger_accounts(text, field)
        + _body_names(text, field, allowed)
        + _mobiles_3_8(text, field)
        + _coordinates(text, field)
        + _hotel_rooms(text, field)
        + _aged_pupils(text, field)
        + _handle_health(text, field)
    )
    return [hit for hit in found if not any(h.start < hit.end and hit.start < h.end for h in taken)]
