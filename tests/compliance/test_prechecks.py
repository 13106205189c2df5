"""The cheap prechecks that skip a scan (issue 18, make bench): each form whose first character
a precheck looks for is still found — alone in a text, so that a missing character would skip it —
and a lone trigger word (filed straight from the automaton) still decides its near rule, its run
lengths included."""

from __future__ import annotations

import pytest

from app.compliance import Entry, build_lexicon, check_text
from app.compliance.pii import find_pii


def terms(text: str) -> list[tuple[str, str]]:
    """(term, matched text) of every PII hit; offsets checked against the text."""
    hits = find_pii(text)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
    return [(hit.term, hit.text) for hit in hits]


@pytest.mark.parametrize(
    "address",
    [
        "lily艾特qq",
        "lily圈a163.com",
        "lily圈A163.com",
        "lily(at)163.com",
        "lily（at）163.com",
        "lily[at]163.com",
        "lily【at】163.com",
        "lily{at}163.com",
        "lily<at>163.com",
        "lily at 163.com",
        "lily#163.com",
        "lily @ 163.com",
    ],
)
def test_every_written_out_at_is_found_after_chinese(address: str) -> None:
    assert terms(f"售后找我{address}就好") == [("电子邮箱", address)]


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("加微信lily_2020", "lily_2020"),
        ("威信lily_2020", "lily_2020"),
        ("薇信lily_2020", "lily_2020"),
        ("薇❤lily_2020", "lily_2020"),
        ("vx：lily_2020", "lily_2020"),
        ("VX lily_2020", "lily_2020"),
        ("wx lily_2020", "lily_2020"),
        ("WeChat lily_2020", "lily_2020"),
        ("weixin lily_2020", "lily_2020"),
        ("绿泡泡lily_2020", "lily_2020"),
        ("加V lily_2020", "lily_2020"),
        ("QQ：287654321", "287654321"),
        ("扣扣287654321", "287654321"),
        ("企鹅287654321", "287654321"),
        ("Q：287654321", "287654321"),
    ],
)
def test_every_account_cue_is_found(text: str, account: str) -> None:
    accounts = [found for term, found in terms(f"私聊{text}") if term in ("微信号", "QQ号")]
    assert accounts == [account]


@pytest.mark.parametrize(
    "home", ["3栋2单元501室", "12幢1203室", "5号楼602室", "2座1803室", "杭州市西湖区文三路100号"]
)
def test_every_home_address_form_is_found(home: str) -> None:
    assert terms(f"寄到{home}") == [("详细地址", home)]


LOOK = Entry("显瘦", "ad_claim", "warn", conditions=("near:4:看看",))


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("看看这条裤子显瘦吗", ["显瘦"]),  # the trigger's run of two
        ("看看看这条显瘦", ["显瘦"]),  # a longer run also fits
        ("看这条裤子显瘦", []),  # one 看 is not the trigger
        ("显瘦。看看", []),  # never across a sentence end
    ],
)
def test_a_lone_trigger_word_decides_its_near_rule(text: str, hits: list[str]) -> None:
    lexicon = build_lexicon([LOOK])
    assert [hit.text for hit in check_text(lexicon, text).hits] == hits


def test_a_lone_trigger_word_without_runs_decides_its_near_rule() -> None:
    lexicon = build_lexicon([Entry("显瘦", "ad_claim", "warn", conditions=("near:4:裤子",))])
    assert [hit.text for hit in check_text(lexicon, "这条裤子显瘦").hits] == ["显瘦"]
    assert check_text(lexicon, "这条裙摆很长，显瘦").hits == ()
