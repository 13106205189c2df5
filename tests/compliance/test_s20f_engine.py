"""Session 20 (issue 18), engine speed: the shortcuts give the answers of the slow paths."""

from __future__ import annotations

import random
from bisect import bisect_left

from app.compliance import Entry, build_lexicon, check_text
from app.compliance.model import Hit, hit_sort_key, sorted_hits
from app.compliance.normalize import Stream

_CHARS = "好好最，、,。 😀🥇ab1!\n不能治疗"


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    fixed = ["", "，", "好好，好", "，，最，，好，", "最好😀，好", "、a、、b,,c ，", "销量🥇，第一"]
    return fixed + [
        "".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 16))) for _ in range(count)
    ]


def test_clause_break_between_agrees_with_the_clause_breaks() -> None:
    for text in _texts(400, 20):
        for emoji in (True, False):
            stream = Stream(text, emoji=emoji)
            breaks = stream.clause_breaks(text)
            size = len(stream.collapsed)
            for start in range(size + 1):
                for end in range(start, size + 1):
                    k = bisect_left(breaks, start)
                    expected = k < len(breaks) and breaks[k] <= end
                    assert stream.clause_break_between(text, start, end) == expected, (
                        text,
                        emoji,
                        start,
                        end,
                    )


def _hit(rng: random.Random) -> Hit:
    return Hit(
        rng.choice(["title", "body", "summary", "other"]),
        rng.randint(0, 3),
        rng.randint(3, 5),
        rng.choice("ab"),
        rng.choice("xy"),
        rng.choice(["pii", "ad_claim"]),
        rng.choice(["info", "block"]),
        rng.choice([None, 1, 2]),
        rng.choice(["", "s"]),
        rng.choice(["", "b"]),
    )


def test_sorted_hits_order_as_the_full_sort_key() -> None:
    rng = random.Random(20)
    for _ in range(3000):
        hits = [_hit(rng) for _ in range(rng.randint(0, 12))]
        assert sorted_hits(hits) == tuple(sorted(set(hits), key=hit_sort_key))


def test_a_trigger_window_reads_only_its_own_triggers_and_their_exceptions() -> None:
    # 送 is a trigger of both entries, but an exception (送洗) only of the first one's
    entries = [
        Entry("关注", "inducement", "review", conditions=("near:6:送!送洗",)),
        Entry("转发", "inducement", "review", conditions=("near:6:送/抽奖",)),
        Entry("好评", "inducement", "review", conditions=("near:6:返现",)),
    ]
    lexicon = build_lexicon(entries)
    terms = lambda text: [hit.term for hit in check_text(lexicon, text).hits]  # noqa: E731
    assert terms("关注送洗") == []
    assert terms("转发送洗") == ["转发"]
    assert terms("关注就送") == ["关注"]
    assert terms("好评送洗") == []
    assert terms("好评返现，关注送洗，转发抽奖") == ["好评", "转发"]
