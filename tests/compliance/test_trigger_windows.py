"""Near and then rules decided from the triggers around each hit (issue 18: the trigger words
left the main automaton; a small one runs over a window of the collapsed stream around a hit
that has such a rule). The engine agrees with the reference checker on generated texts that put
triggers at, just inside and just beyond each rule's distance, in one or two sentences, in ASCII
and Chinese, repeated, spelled with separators and next to other triggers."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.compliance import Entry, build_lexicon, check
from tests.compliance.reference import reference_lexicon

ENTRIES = (
    Entry("显瘦", "ad_claim", "warn", conditions=("near:2:看看/裤子",), id=1),
    Entry("转起来", "inducement", "block", conditions=("then:3:好运/lucky day",), id=2),
    Entry("赘肉", "ad_claim", "block", conditions=("near:0:甩掉/燃烧脂肪",), id=3),
    Entry("ok", "promo_marker", "info", conditions=("near:4:vip/go",), id=4),
    Entry("保暖", "ad_claim", "review", conditions=("near:1:不", "then:5:零下30度"), id=5),
    Entry("最", "ad_absolute", "info", conditions=("near:6:好", "unless:广告"), id=6),
    Entry("妈妈", "sensitive", "warn", conditions=("then:0:说",), id=7),
)
PIECES = (
    *("显瘦", "转起来", "赘肉", "ok", "OK", "保暖", "最", "妈妈", "妈"),
    *("看看", "看", "裤子", "好运", "lucky day", "lucky", "day", "甩掉", "燃烧脂肪", "燃烧"),
    *("vip", "ＶＩＰ", "go", "gogo", "不", "零下30度", "零下", "30度", "好", "说", "广告"),
    *("的", "是", "这", "款", "衣服", "a", "x", "1", "很", "真的"),
    *(" ", "*", "，", "。", "！", "\n", "😀", "-", "\u200b"),
)
piece = st.tuples(st.sampled_from(PIECES), st.integers(1, 2)).map(lambda pair: pair[0] * pair[1])
texts = st.lists(piece, max_size=30).map("".join)
LEXICON = build_lexicon(ENTRIES, version=3)
REFERENCE = reference_lexicon(ENTRIES, version=3)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=texts, body=texts)
def test_near_and_then_rules_match_the_reference(title: str, body: str) -> None:
    expected = REFERENCE.check(title=title, body=body)
    assert check(LEXICON, title=title, body=body) == expected


def test_the_triggers_at_the_edge_of_each_distance() -> None:
    def terms(body: str) -> list[str]:
        report = check(LEXICON, body=body)
        assert report == REFERENCE.check(body=body)
        return [hit.term for hit in report.hits]

    assert terms("裤子12显瘦") == ["显瘦"]  # two characters between: near:2
    assert terms("裤子123显瘦") == []
    assert terms("显瘦ab看看") == ["显瘦"]
    assert terms("显瘦ab看") == []  # 看 alone is not the trigger 看看
    assert terms("转起来！abc好运") == ["转起来"]  # then: one sentence end, not counted
    assert terms("转起来！abcd好运") == []
    assert terms("转起来。好运。") == ["转起来"]
    assert terms("好运，转起来") == []  # then: the trigger must follow
    assert terms("转起来，加油lucky day") == ["转起来"]
    assert terms("转起来，加油呀lucky day") == ["转起来"]
    assert terms("转起来，加油呀啊lucky day") == []
    assert terms("转起来！abc lucky day") == ["转起来"]  # the longest trigger, at the far edge
    assert terms("lucky day，abc显瘦ok看看gogo。转起来") == ["显瘦", "ok"]
    assert terms("燃烧脂肪赘肉") == ["赘肉"]
    assert terms("燃烧脂肪，赘肉") == ["赘肉"]  # separators are not counted
    assert terms("燃烧脂肪的赘肉") == []
