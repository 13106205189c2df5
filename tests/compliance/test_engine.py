"""The compliance engine's matching rules, verdicts, report format and robustness."""

from __future__ import annotations

import json
import threading

import pytest

from app.compliance import (
    Entry,
    EntryError,
    Lexicon,
    Report,
    build_lexicon,
    check,
    check_text,
    validate_entry,
    verify_examples,
)

BEST = Entry("最好", "ad_absolute", "review", allow_contexts=("最好搭配",), id=1, basis="九条")
FIRST = Entry("第一", "ad_absolute", "review", "word", ("第一眼", "第一次"), id=2)
LOWEST = Entry("全网最低", "ad_absolute", "block", id=3)
NATIONAL = Entry("国家级", "ad_absolute", "block", id=4)
VIP = Entry("VIP", "promo_marker", "info", id=5)
MOM = Entry("妈妈", "sensitive", "warn", id=6)
PRIZE = Entry("抽奖", "lottery", "review", channels=("wechat_oa",), id=7)
RANK = Entry("第一名", "ad_absolute", "block", id=8)
CHEAP = Entry("最低价", "ad_absolute", "block", id=9)
COTTON = Entry("100%纯棉", "ad_claim", "warn", id=10)
LEXICON = build_lexicon(
    [BEST, FIRST, LOWEST, NATIONAL, VIP, MOM, PRIZE, RANK, CHEAP, COTTON], version=42
)


def spans(
    text: str, lexicon: Lexicon = LEXICON, channel: str | None = None
) -> list[tuple[int, int, str, str]]:
    """(start, end, text, term) of every hit of text checked as the body."""
    report = check_text(lexicon, text, channel=channel)
    for hit in report.hits:
        assert text[hit.start : hit.end] == hit.text
    return [(hit.start, hit.end, hit.text, hit.term) for hit in report.hits]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("最*好的裙子", (0, 3, "最*好")),
        ("最 好", (0, 3, "最 好")),
        ("买它！最😀好", (3, 6, "最😀好")),
        ("最\u200b好", (0, 3, "最\u200b好")),
        ("最\ufe0f\u200d好", (0, 4, "最\ufe0f\u200d好")),
        ("最\u3000\t好", (0, 4, "最\u3000\t好")),
        ("最\ud800好", (0, 3, "最\ud800好")),
        ("最\x07\x00好", (0, 4, "最\x07\x00好")),
        ("👍🏻最👍🏻好", (2, 6, "最👍🏻好")),
    ],
)
def test_separators_between_characters_are_skipped(text: str, expected: tuple) -> None:
    assert spans(text) == [(*expected, "最好")]


def test_spaced_out_phrase_matches_with_original_offsets() -> None:
    assert spans("今天 全 网 最 低！") == [(3, 10, "全 网 最 低", "全网最低")]


@pytest.mark.parametrize(
    ("text", "matched", "term"),
    [
        ("國家級品質", "國家級", "国家级"),
        ("国家級", "国家級", "国家级"),
        ("ｖｉｐ专享", "ｖｉｐ", "VIP"),
        ("Vip专享", "Vip", "VIP"),
        ("ＶＩＰ专享", "ＶＩＰ", "VIP"),
        ("１００％純棉", "１００％純棉", "100%纯棉"),
    ],
)
def test_width_case_and_traditional_forms_match(text: str, matched: str, term: str) -> None:
    assert [(hit[2], hit[3]) for hit in spans(text)] == [(matched, term)]


def test_pinyin_tone_marks_are_dropped_with_exact_offsets() -> None:
    lexicon = build_lexicon(
        [Entry("zui", "ad_absolute", "review"), Entry("diyi", "ad_absolute", "review")]
    )
    assert spans("本季zuì火，销量Dì Yī", lexicon) == [
        (2, 5, "zuì", "zui"),
        (9, 14, "Dì Yī", "diyi"),
    ]
    assert spans("Zǚ", build_lexicon([Entry("zu", "ad_absolute", "review")])) == [
        (0, 2, "Zǚ", "zu")
    ]


def test_term_written_in_traditional_matches_simplified_text() -> None:
    lexicon = build_lexicon([Entry("頂級", "ad_absolute", "review")])
    assert spans("顶级面料", lexicon) == [(0, 2, "顶级", "頂級")]


def test_symbols_in_a_term_are_ignored_like_separators() -> None:
    assert spans("100纯棉T恤") == [(0, 5, "100纯棉", "100%纯棉")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("最最好", [(0, 3, "最最好", "最好")]),
        ("最好好好", [(0, 4, "最好好好", "最好")]),
        ("最*最好", [(0, 4, "最*最好", "最好")]),
        ("第一一名", [(0, 4, "第一一名", "第一名")]),
        ("全网最低低价", [(0, 5, "全网最低低", "全网最低"), (2, 6, "最低低价", "最低价")]),
    ],
)
def test_repeated_characters_still_match(text: str, expected: list) -> None:
    assert spans(text) == expected


def test_a_doubled_term_needs_the_double_in_the_text() -> None:
    assert spans("妈") == []
    assert spans("妈*妈") == [(0, 3, "妈*妈", "妈妈")]
    assert spans("妈妈妈") == [(0, 3, "妈妈妈", "妈妈")]


def test_word_mode_needs_jieba_token_boundaries() -> None:
    assert spans("全场第一，") == [(2, 4, "第一", "第一")]
    assert spans("这款是第一款") == []  # jieba: 这款 / 是 / 第一款
    assert [hit[3] for hit in spans("第一名")] == ["第一名"]  # 第一 inside the token 第一名


def test_word_mode_across_blocks_checks_each_end_in_its_block() -> None:
    top = build_lexicon([Entry("顶级", "ad_absolute", "review", "word")])
    assert spans("顶*级面料", top) == [(0, 3, "顶*级", "顶级")]  # 顶 | 级 / 面料
    assert spans("山顶*级别", top) == []  # 山顶 | 级别: neither end on a token boundary


def test_substring_mode_fires_inside_words() -> None:
    lexicon = build_lexicon([Entry("第一", "ad_absolute", "review")])
    assert spans("这款是第一款", lexicon) == [(3, 5, "第一", "第一")]


def test_allowed_context_suppresses_only_the_covered_hit() -> None:
    text = "最好搭配白T，这是最好的"
    assert spans(text) == [(9, 11, "最好", "最好")]
    assert spans("最 好 搭 配") == []
    assert spans("第一眼就爱上，第一次穿") == []


def test_context_of_one_entry_does_not_protect_another() -> None:
    lexicon = build_lexicon([BEST, Entry("好搭", "x", "warn")])
    assert [hit[3] for hit in spans("最好搭配", lexicon)] == ["好搭"]


def test_global_allow_list_suppresses_hits_of_any_entry_inside_it() -> None:
    entries = [BEST, Entry("好看", "x", "warn")]
    plain = build_lexicon(entries)
    allowing = build_lexicon(entries, allow_list=["最好看", "***"])
    assert [hit[3] for hit in spans("最好看", plain)] == ["最好", "好看"]
    assert spans("最好看", allowing) == []
    assert spans("最 好 看", allowing) == []
    assert spans("最好的，好看", allowing) == [(0, 2, "最好", "最好"), (4, 6, "好看", "好看")]


def test_channel_scope() -> None:
    assert spans("抽奖", channel="wechat_oa") == [(0, 2, "抽奖", "抽奖")]
    assert spans("抽奖", channel=None) == [(0, 2, "抽奖", "抽奖")]
    assert spans("抽奖", channel="weibo") == []
    assert spans("最好", channel="weibo") == [(0, 2, "最好", "最好")]


@pytest.mark.parametrize(
    ("severities", "verdict"),
    [
        ((), "pass"),
        (("info",), "pass"),
        (("info", "warn"), "warn"),
        (("warn", "review", "info"), "review"),
        (("block", "warn"), "block"),
    ],
)
def test_verdict_is_the_highest_severity(severities: tuple[str, ...], verdict: str) -> None:
    entries = [Entry(f"词{i}", "x", severity) for i, severity in enumerate(severities)]
    text = "".join(entry.term for entry in entries)
    assert check_text(build_lexicon(entries), text).verdict == verdict


def test_hits_are_sorted_title_first_and_deduplicated() -> None:
    lexicon = build_lexicon([BEST, BEST, NATIONAL])
    report = check(lexicon, title="国家级，最好", body="最好")
    keys = [(hit.field, hit.start, hit.term) for hit in report.hits]
    assert keys == [("title", 0, "国家级"), ("title", 4, "最好"), ("body", 0, "最好")]


def test_report_json_contract() -> None:
    report = check(LEXICON, title="最 好", body="")
    data = json.loads(json.dumps(report.to_dict()))
    assert data == {
        "verdict": "review",
        "lexicon_version": 42,
        "hits": [
            {
                "field": "title",
                "start": 0,
                "end": 3,
                "text": "最 好",
                "term": "最好",
                "category": "ad_absolute",
                "severity": "review",
                "entry_id": 1,
                "suggestion": "",
                "basis": "九条",
            }
        ],
        "total_hits": 1,
        "terms": [
            {
                "term": "最好",
                "category": "ad_absolute",
                "severity": "review",
                "entry_id": 1,
                "count": 1,
            }
        ],
    }
    assert Report.from_dict(data) == report


@pytest.mark.parametrize("text", ["", "\ud800", "\udfff\ud800", "\x00\x01\x7f", "\u200b", "😀"])
def test_degenerate_texts_pass(text: str) -> None:
    assert check(LEXICON, title=text, body=text).to_dict()["hits"] == []


def test_empty_lexicon_still_finds_pii() -> None:
    assert [hit.term for hit in check_text(build_lexicon([]), "电话13812345678").hits] == ["手机号"]


def test_large_text_offsets_stay_exact() -> None:
    chunk = "面料柔软，" * 200 + "國家級\ud800最*好"
    text = chunk * 100  # about 100,000 characters
    hits = check_text(LEXICON, text, limit=None).hits
    assert len(hits) == 200
    assert {hit.text for hit in hits} == {"國家級", "最*好"}
    assert hits[-1].end == len(text)


def test_one_megabyte_of_noise_does_not_crash() -> None:
    text = ("\ud800\x00😀最好a1%" * 150_000)[:1_000_000]
    report = check_text(LEXICON, text)
    assert report.hits and all(0 <= h.start < h.end <= len(text) for h in report.hits)


def test_lexicon_is_shared_between_threads() -> None:
    texts = [f"第{i}款 最{'好' * (i % 3 + 1)}，國家級" for i in range(50)]
    expected = [check_text(LEXICON, text) for text in texts]
    results: list[list[Report]] = [[] for _ in range(4)]

    def work(slot: list[Report]) -> None:
        slot.extend(check_text(LEXICON, text) for text in texts)

    threads = [threading.Thread(target=work, args=(slot,)) for slot in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(slot == expected for slot in results)


def test_verify_examples_accepts_a_consistent_entry() -> None:
    entry = Entry("最好", "ad_absolute", "review", allow_contexts=("最好搭配",),
                  examples_hit=("最 好的面料",), examples_pass=("最好搭配白T", "很好"))  # fmt: skip
    assert verify_examples(None, entry) == []


def test_verify_examples_reports_missed_and_wrongly_hit_examples() -> None:
    entry = Entry("第一", "ad_absolute", "review", "word",
                  examples_hit=("第一名",), examples_pass=("第一眼", "全场第一"))  # fmt: skip
    problems = verify_examples(LEXICON, entry)
    assert len(problems) == 2
    assert "第一名" in problems[0] and "没有命中" in problems[0]
    assert "全场第一" in problems[1] and "第 3–4 个字符“第一”" in problems[1]


def test_verify_examples_checks_the_entry_alone_with_the_global_allow_list() -> None:
    entry = Entry("好看", "x", "warn", examples_pass=("最好看",), examples_hit=("好看",))
    assert verify_examples(build_lexicon([BEST], allow_list=["最好看"]), entry) == []
    assert len(verify_examples(build_lexicon([BEST]), entry)) == 1


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (Entry("", "x", "warn"), "词条为空"),
        (Entry("  ", "x", "warn"), "词条为空"),
        (Entry("*** !!", "x", "warn"), "去掉符号"),
        (Entry("😀", "x", "warn"), "去掉符号"),
        (Entry("最好", "x", "fatal"), "未知的严重级别"),
        (Entry("最好", "x", "warn", "regex"), "未知的匹配方式"),
        (Entry("最好", "", "warn"), "类别为空"),
        (Entry("最好", "x", "warn", allow_contexts=("——",)), "例外语境"),
    ],
)
def test_invalid_entries_raise_entry_error(entry: Entry, message: str) -> None:
    with pytest.raises(EntryError, match=message):
        validate_entry(entry)
    with pytest.raises(EntryError, match=message):
        build_lexicon([BEST, entry])
    with pytest.raises(EntryError):
        verify_examples(None, entry)


# Conditions (issue 18): document markers and proximity triggers.
SLIM = Entry(
    "赘肉",
    "ad_claim",
    "block",
    conditions=("near:6:甩掉/燃烧/消除",),
    examples_hit=("三周甩掉赘肉",),
    examples_pass=("遮住小肚子上的赘肉",),
)
LINK = Entry(
    "链接在评论区",
    "ad_disclosure",
    "review",
    conditions=("unless:广告!不是广告!非广告",),
    examples_hit=("不是广告，链接在评论区",),
    examples_pass=("【广告】链接在评论区",),
)
UV = Entry(
    "防紫外线",
    "ad_claim",
    "review",
    conditions=("lower:warn:GB/T 18830&UPF",),
    examples_hit=("防紫外线外套",),
    examples_pass=("透气外套",),
)


def severities(entry: Entry, **fields: str) -> list[str]:
    return [hit.severity for hit in check(build_lexicon([entry]), **fields).hits]


def test_near_fires_only_with_a_trigger_close_by_in_the_same_sentence() -> None:
    assert severities(SLIM, body="三周甩掉赘肉") == ["block"]
    assert severities(SLIM, body="赘肉。燃烧！") == []  # the trigger is in the next sentence
    assert severities(SLIM, body="赘肉被 轻松 燃烧") == ["block"]  # 3 characters apart
    assert severities(SLIM, body="遮住小肚子上的赘肉，显瘦") == []  # hiding is not removing
    assert severities(SLIM, body="甩掉一二三四五六七赘肉") == []  # 7 > 6 characters between
    assert severities(SLIM, body="甩掉一二三四五六赘肉") == ["block"]
    assert severities(SLIM, body="甩掉" + "的" * 9 + "赘肉") == ["block"]  # a run counts once
    hit = check(build_lexicon([SLIM]), body="好好燃烧赘肉").hits[0]
    assert (hit.start, hit.end, hit.text) == (4, 6, "赘肉")  # the hit is the term, not the trigger


CHAIN = Entry(
    "转起来",
    "inducement",
    "block",
    conditions=("then:6:好运/平安",),
    examples_hit=("转起来！看到的都有好运",),
    examples_pass=("好运来了，转起来跳支舞",),
)


def test_then_looks_ahead_into_the_next_sentence_only() -> None:
    assert severities(CHAIN, body="转起来！看到的都有好运") == ["block"]  # the next sentence
    assert severities(CHAIN, body="转起来看到的都有好运") == ["block"]  # the same sentence
    assert severities(CHAIN, body="转起来！！\n…看到的都有好运") == ["block"]  # one end
    assert severities(CHAIN, body="好运的姐妹，转起来") == []  # the trigger must follow the hit
    assert severities(CHAIN, body="转起来。真的。看到的都有好运") == []  # two sentences on
    assert severities(CHAIN, body="转起来！一二三四五六好运") == ["block"]  # the end is not counted
    assert severities(CHAIN, body="转起来！一二三四五六七好运") == []  # 7 > 6 characters between
    near = Entry("转起来", "inducement", "block", conditions=("near:6:好运",))
    assert severities(near, body="转起来！看到的都有好运") == []  # near stays in one sentence
    hit = check(build_lexicon([CHAIN]), body="快转起来！好运").hits[0]
    assert (hit.start, hit.end, hit.text) == (1, 4, "转起来")  # the hit is the term
    assert verify_examples(None, CHAIN) == []
    with pytest.raises(EntryError, match="then"):
        verify_examples(None, Entry("转起来", "inducement", "block", conditions=("then:x:好运",)))


def test_unless_looks_at_the_whole_document_and_marker_exceptions() -> None:
    assert severities(LINK, body="链接在评论区") == ["review"]
    assert severities(LINK, title="【广告】新品", body="链接在评论区") == []
    assert severities(LINK, body="链接在评论区", summary="本文为广告") == []
    assert severities(LINK, body="不是广告！链接在评论区") == ["review"]  # a denial is no label
    assert severities(LINK, body="不是广告。本文广告。链接在评论区") == []


def test_lower_needs_every_marker_and_only_lowers() -> None:
    assert severities(UV, body="防紫外线外套") == ["review"]
    assert severities(UV, body="防紫外线外套，UPF50+") == ["review"]  # no cited standard
    assert severities(UV, body="防紫外线外套，按GB/T 18830-2009检测UPF50+") == ["warn"]
    assert check(build_lexicon([UV]), body="防紫外线，GB/T18830，UPF 50").verdict == "warn"


def test_condition_examples_are_verified_like_the_others() -> None:
    for entry in (SLIM, LINK, UV):
        assert verify_examples(None, entry) == []
    wrong = Entry("赘肉", "ad_claim", "block", conditions=("near:2:甩掉",),
                  examples_hit=("遮住赘肉",), examples_pass=("甩掉赘肉",))  # fmt: skip
    problems = verify_examples(None, wrong)
    assert len(problems) == 2 and "必中示例" in problems[0] and "必过示例" in problems[1]
    with pytest.raises(EntryError, match="near"):
        verify_examples(None, Entry("赘肉", "ad_claim", "block", conditions=("near:-1:甩掉",)))


SHARE = Entry(
    "分享",
    "inducement",
    "block",
    conditions=("near:8:券/送!送洗!送货",),
    examples_hit=("分享到群里送发圈",),
    examples_pass=("分享一个小技巧：衬衫送洗前先处理领口",),
)


def test_a_trigger_inside_one_of_its_exceptions_does_not_count() -> None:
    """Issue 18 (h146): ``送!送洗!送货`` — the 送 of 送洗 is no reward."""
    assert severities(SHARE, body="分享到群里送发圈") == ["block"]
    assert severities(SHARE, body="分享一个小技巧：衬衫送洗前先处理领口") == []
    assert severities(SHARE, body="分享送货上门的小技巧") == []
    assert severities(SHARE, body="分享一下送洗经验，再送你一张券") == ["block"]  # another 送
    assert severities(SHARE, body="分享送洗经验，送一张券") == ["block"]
    assert severities(SHARE, body="分享送 洗") == []  # the exception is normalised too
    assert verify_examples(None, SHARE) == []
    with pytest.raises(EntryError, match="例外"):
        verify_examples(None, Entry("分享", "inducement", "block", conditions=("near:8:送!赠品",)))
