"""Near and then rules decided from the triggers around each hit (issue 18: the trigger words
left the main automaton; a small one runs over a window of the collapsed stream around a hit
that has such a rule). The engine agrees with the reference checker on generated texts that put
triggers at, just inside and just beyond each rule's distance, in one or two sentences, in ASCII
and Chinese, repeated, spelled with separators and next to other triggers."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from app.compliance import Entry, build_lexicon
from tests.compliance.generated import agreeing_terms, assert_agrees, generated_texts
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
texts = generated_texts(PIECES)
LEXICON = build_lexicon(ENTRIES, version=3)
REFERENCE = reference_lexicon(ENTRIES, version=3)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=texts, body=texts)
def test_near_and_then_rules_match_the_reference(title: str, body: str) -> None:
    assert_agrees(LEXICON, REFERENCE, title, body)


def test_the_triggers_at_the_edge_of_each_distance() -> None:
    def terms(body: str) -> list[str]:
        return agreeing_terms(LEXICON, REFERENCE, body)

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


# Trigger exceptions (送!送洗, issue 18) are looked for in the same windows: the window reaches the
# longest exception beyond either side, so an exception that starts before a trigger occurrence
# at the near edge, or ends past where the window of the triggers alone would stop, still covers
# it.
EXCEPTED = (
    Entry("券", "inducement", "block", conditions=("near:2:送!送货上门!每日消息推送",), id=11),
    Entry("抽奖", "lottery", "warn", conditions=("then:1:送!送洗!送货上门到家",), id=12),
    Entry("ok", "promo_marker", "info", conditions=("near:1:go!gogo!lets go now",), id=13),
)
EXCEPTED_PIECES = (
    *("券", "抽奖", "ok", "送", "推", "推送", "送货", "送货上门", "每日消息", "上门", "到家"),
    *("洗", "送洗", "go", "lets", "now", "lets go now", "的", "a", "1", "很"),
    *(" ", "，", "。", "\n", "-", "\u200b"),
)
excepted_texts = generated_texts(EXCEPTED_PIECES, max_size=24)
EXCEPTED_LEXICON = build_lexicon(EXCEPTED, version=4)
EXCEPTED_REFERENCE = reference_lexicon(EXCEPTED, version=4)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=excepted_texts, body=excepted_texts)
def test_trigger_exceptions_in_the_windows_match_the_reference(title: str, body: str) -> None:
    assert_agrees(EXCEPTED_LEXICON, EXCEPTED_REFERENCE, title, body)


def test_an_exception_across_the_edge_of_the_window() -> None:
    def terms(body: str) -> list[str]:
        return agreeing_terms(EXCEPTED_LEXICON, EXCEPTED_REFERENCE, body)

    # 券 near:2 — 送 two characters after it is accepted …
    assert terms("券ab送") == ["券"]
    assert terms("券ab送来") == ["券"]
    # … unless it begins 送货上门, which ends five characters past the window that the longest
    # trigger alone (送, one character) would give: 券 + 2 + 1 + 1
    assert terms("券ab送货上门") == []
    assert terms("券ab送货上") == ["券"]  # not the whole exception
    # an exception that starts before the trigger, seven characters before 券: 每日消息推送
    assert terms("每日消息推送ab券") == []
    assert terms("日消息推送ab券") == ["券"]  # not the whole exception
    assert terms("每日消息推送ab券，送") == ["券"]  # another 送, in no exception, close enough
    assert terms("送abc券") == []  # three characters before 券: too far anyway
    # then:1 — an exception running past the far end of the window
    assert terms("抽奖。a送货上门到家") == []
    assert terms("抽奖。a送货上门") == ["抽奖"]
    assert terms("抽奖。a送洗") == []
    assert terms("抽奖。ab送") == []  # beyond the distance anyway
    # ASCII: the exception "lets go now" starts three characters before go, ends four after
    assert terms("ok lets go now") == []
    assert terms("ok go now") == ["ok"]
    assert terms("lets go now ok") == []
    assert terms("go ok gogo") == ["ok"]  # the first go is no part of an exception
