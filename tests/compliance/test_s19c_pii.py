"""PII reading of session 19 (h197, issue 18): the traditional-script pass and its speed-up."""

from __future__ import annotations

import random
import re

from app.compliance import pii
from app.compliance.pii import _t2s, find_pii, simplified


def test_simplified_equals_a_whole_text_translate_over_every_code_point() -> None:
    _, table = _t2s()
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    assert simplified(everything) == everything.translate({ord(k): v for k, v in table.items()})


def test_simplified_leaves_simplified_text_and_emoji_alone() -> None:
    text = "国家级面料🎉🥇，加V😀"
    assert simplified(text) is text or simplified(text) == text
    assert simplified("國家級🅥🅧") == "国家级VX"


def test_traditional_hits_keep_the_original_text_and_offsets() -> None:
    text = "國家級面料🎉 收貨地址：廣東省深圳市南山區科技園路88號 電話 13912345678"
    hits = find_pii(text)
    assert hits
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
    assert any(hit.text == "13912345678" for hit in hits)
    assert any("號" in hit.text for hit in hits)


def test_every_character_of_a_spelled_token_is_a_stretch_character() -> None:
    stretch = re.compile(f"[{pii._SPELLED_CHARS}]")
    for code in range(0x110000):
        char = chr(code)
        if re.fullmatch("(?i:[a-z])", char) or pii._SPELLED_TOKENS.fullmatch(char):
            assert stretch.match(char), hex(code)


def _whole_text_runs(probe: str) -> list[tuple[tuple[int, int], tuple[str, str, str]]]:
    """_spelled_mobiles as it was: _SPELLED_RUN over the whole text with a phone cue."""
    if not pii._PHONE_CUE.search(probe):
        return []
    return list(pii._spelled_runs(probe, 0, len(probe)))


def test_spelled_mobiles_in_stretches_equal_the_whole_text_scan() -> None:
    rng = random.Random(19)
    tokens = {
        0: ("ling", "0", "O", "铃", "零"),
        1: ("yao", "l", "1", "腰", "幺", "I"),
        3: ("san", "3", "伞"),
        8: ("ba", "8", "捌", "巴"),
        9: ("jiu", "9", "酒"),
    }
    gaps = ("", " ", "", " ", "  ", "-", "，", "", " ", "   ", "a", "的")
    found = 0
    for _ in range(3000):
        digits = [1, rng.choice((3, 8, 9))] + [rng.choice(list(tokens)) for _ in range(9)]
        digits = digits[: rng.choice((10, 11, 11, 11, 12))]
        parts = [rng.choice(("yao ", "", "好的")), rng.choice(("电话", "联系：", "tel ", "的"))]
        parts.append(rng.choice(("", " ", "是", "号码是 ", "一二三四五六七八")))
        for digit in digits:
            gap = rng.choice(gaps) if rng.random() < 0.1 else rng.choice(gaps[:4])
            parts += [rng.choice(tokens[digit]), gap]
        probe = "".join(parts) + rng.choice(("", "哦", "1", " ba"))
        expected = _whole_text_runs(probe)
        found += bool(expected)
        assert list(pii._spelled_mobiles(probe)) == expected, probe
    assert found > 100


def test_a_spelled_mobile_after_a_cue_deep_in_a_long_text() -> None:
    text = "面料柔软亲肤，" * 400 + "联系我：yao san ba 医二伞四 屋六期八" + "，版型宽松" * 50
    hits = [hit for hit in find_pii(text) if hit.term == "手机号"]
    assert [hit.text for hit in hits] == ["yao san ba 医二伞四 屋六期八"]


def _accounts(text: str) -> list[tuple[str, str]]:
    hits = find_pii(text)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
    return [(hit.term, hit.text) for hit in hits]


def test_a_qq_id_in_keycap_digits_after_a_mixed_and_spaced_cue() -> None:
    keycaps = "3⃣️8⃣️2⃣️9⃣️1⃣️0⃣️4⃣️7⃣️"  # digit, keycap mark, emoji selector (fresh6-063)
    assert _accounts(f"批发联系 q 扣：{keycaps}") == [("QQ号", keycaps)]
    standard = "3️⃣8️⃣2️⃣9️⃣1️⃣0️⃣4️⃣7️⃣"  # digit, emoji selector, keycap mark
    assert _accounts(f"qq：{standard}") == [("QQ号", standard)]
    assert _accounts("QQ：③⑧②⑨①⓪④⑦") == [("QQ号", "③⑧②⑨①⓪④⑦")]
    assert _accounts("微信：lily5️⃣2️⃣0️⃣") == [("微信号", "lily5️⃣2️⃣0️⃣")]
    hit = find_pii(f"qq：{standard}")[0]
    assert hit.suggestion.startswith("如需展示请脱敏为 38****47")


def test_qq_cues_mixed_and_spaced() -> None:
    for cue in ("q扣", "扣q", "Q Q", "q 扣", "扣 扣", "扣 Q"):
        assert _accounts(f"找我{cue}：38291047") == [("QQ号", "38291047")], cue
    for text in ("这款Q弹面料", "faq 扣子 123456", "纽扣 扣 q 123", "QQ糖 扣好扣子"):
        assert _accounts(text) == [], text


def test_a_wechat_id_split_by_a_space_with_a_note_to_remove_it() -> None:
    text = "改尺码的加我绿色软件：tangtang_ 9527（空格删掉）。"  # fresh5-072
    assert _accounts(text) == [("微信号", "tangtang_ 9527")]
    assert find_pii(text)[0].suggestion.startswith("如需展示请脱敏为 ta****27")
    assert _accounts("微信：lily_ 0520 中间没有空格") == [("微信号", "lily_ 0520")]
    assert _accounts("加我绿色app：lily0520") == [("微信号", "lily0520")]
    # the parts must make an id; a shop's own account is none; the app alone is no cue
    assert _accounts("微信：ab 12（空格删掉）") == []
    assert _accounts("客服微信：tangtang_ 9527（空格删掉）") == []
    assert _accounts("绿色软件推荐：清理大师") == []
