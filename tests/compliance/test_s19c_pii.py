"""PII reading of session 19 (h197, issue 18): the traditional-script pass and its speed-up."""

from __future__ import annotations

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
