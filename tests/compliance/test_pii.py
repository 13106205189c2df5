"""PII patterns: validated mobile numbers, 身份证号, bank cards and e-mail addresses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.compliance import build_lexicon, check
from app.compliance.pii import KINDS, find_pii

WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]  # ISO 7064 MOD 11-2, derived, not copied


def make_id(first17: str) -> str:
    """Append the check character to 17 digits."""
    remainder = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11
    return first17 + "10X98765432"[remainder]


def luhn_complete(partial: str) -> str:
    """Append the digit that makes partial Luhn-valid."""
    for digit in "0123456789":
        candidate = partial + digit
        total = sum(
            sum(divmod(int(d) * (2 if i % 2 else 1), 10)) for i, d in enumerate(reversed(candidate))
        )
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


def found(text: str) -> list[tuple[str, str]]:
    """(term, matched text) of every PII hit."""
    hits = find_pii(text)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
    return [(hit.term, hit.text) for hit in hits]


def test_known_id_check_digit() -> None:
    assert make_id("11010519491231002") == "11010519491231002X"


@pytest.mark.parametrize(
    "number",
    ["13812345678", "138-1234-5678", "138 1234 5678", "+86 13812345678", "+8613812345678",
     "0086-19912345678", "１３８１２３４５６７８"],
)  # fmt: skip
def test_mobile_numbers_hit(number: str) -> None:
    assert found(f"咨询电话：{number}。") == [("手机号", number)]


@pytest.mark.parametrize(
    "text",
    ["12812345678", "1381234567", "0138123456789", "138123456789", "138****5678",
     "138-1234 5678", "订单号2013812345678"],
)  # fmt: skip
def test_non_mobile_numbers_do_not_hit(text: str) -> None:
    assert found(text) == []


def test_mobile_hit_shape() -> None:
    (hit,) = find_pii("加我13812345678", "title")
    assert (hit.field, hit.start, hit.end, hit.category, hit.severity) == (
        "title", 2, 13, "pii", "review",
    )  # fmt: skip
    assert hit.entry_id is None
    assert "138****5678" in hit.suggestion and "同意" in hit.suggestion
    assert hit.basis == "《个人信息保护法》第二十五条；《广告法》第九条第六项"


def test_valid_id_numbers_hit_with_masking() -> None:
    number = make_id("44030419900307301")
    (hit,) = find_pii(f"身份证{number}")
    assert (hit.term, hit.text, hit.severity) == ("身份证号", number, "review")
    assert f"440304********{number[14:]}" in hit.suggestion


def test_lowercase_x_check_character() -> None:
    assert found("证件11010519491231002x") == [("身份证号", "11010519491231002x")]


@pytest.mark.parametrize(
    "first17",
    ["44030419901307301", "44030418990101301", "44030420990101301", "44030419900230301"],
)
def test_id_numbers_with_impossible_birth_dates_do_not_hit(first17: str) -> None:
    assert found(make_id(first17)) == []


@pytest.mark.parametrize(
    "written", ["510107 20010515 6631", "510107-20010515-6631", "510107 2001 0515 6631"]
)
def test_id_numbers_written_in_groups_hit(written: str) -> None:
    [hit] = find_pii(f"会员登记身份证 {written} 已核对。")
    assert (hit.term, hit.text) == ("身份证号", written)
    assert "510107********6631" in hit.suggestion


@pytest.mark.parametrize(
    "written", ["510107 20010515 6632", "510107 20010515-6631", "5101072 0010515 6631"]
)
def test_badly_grouped_or_invalid_id_numbers_do_not_hit(written: str) -> None:
    assert [h for h in find_pii(written) if h.term == "身份证号"] == []


def test_id_number_with_wrong_check_digit_does_not_hit() -> None:
    number = make_id("44030419900307301")
    wrong = number[:17] + ("1" if number[17] != "1" else "2")
    assert "身份证号" not in [term for term, _ in found(wrong)]


def test_id_number_inside_a_longer_digit_run_does_not_hit() -> None:
    assert found("9" + make_id("44030419900307301") + "9") == []


def test_luhn_valid_id_number_is_not_also_a_bank_card() -> None:
    numbers = (make_id(f"440304199003073{n:02d}") for n in range(100))
    number = next(n for n in numbers if n[-1] != "X" and luhn_complete(n[:-1]) == n)
    assert found(number) == [("身份证号", number)]


@pytest.mark.parametrize("partial", ["411111111111111", "622202123456789012", "62220212345678901"])
def test_luhn_valid_cards_hit(partial: str) -> None:
    card = luhn_complete(partial)
    (hit,) = find_pii(f"卡号{card}")
    assert (hit.term, hit.text) == ("银行卡号", card)
    assert card[-4:] in hit.suggestion and "*" in hit.suggestion


def test_grouped_card_number_hits() -> None:
    card = luhn_complete("622202123456789")
    grouped = " ".join(card[i : i + 4] for i in range(0, 16, 4))
    assert found(f"转账到{grouped}谢谢") == [("银行卡号", grouped)]


def test_luhn_invalid_and_short_runs_do_not_hit() -> None:
    card = luhn_complete("411111111111111")
    broken = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert found(broken) == []
    assert found(card[:-1]) == []
    assert found(card[:4] + "********" + card[-4:]) == []


def test_email_hits_as_warning() -> None:
    (hit,) = find_pii("投稿请发 hello.world+x@brand-mail.com.cn 谢谢")
    assert (hit.term, hit.text, hit.severity) == (
        "电子邮箱", "hello.world+x@brand-mail.com.cn", "warn",
    )  # fmt: skip
    assert "h***@brand-mail.com.cn" in hit.suggestion


@pytest.mark.parametrize("text", ["h***@brand.com", "@brand.com", "user@localhost", "a@b.c"])
def test_masked_or_incomplete_emails_do_not_hit(text: str) -> None:
    assert found(text) == []


def test_pii_reaches_the_report_verdict() -> None:
    report = check(build_lexicon([]), title="联系 a@b.co", body="电话13812345678")
    assert report.verdict == "review"
    assert [(hit.field, hit.term) for hit in report.hits] == [
        ("title", "电子邮箱"), ("body", "手机号"),
    ]  # fmt: skip


PIECES = ("13812345678", "+8613812345678", "+86 138-1234-5678", "+86", "0086", " ", "-", "@",
          ".", "a", "b.cn", "号", "X", "9", "11010519491231002X", "4111111111111111",
          "4111 1111 1111 1111", "510107 20010515 6631", "510107-2001-0515-6631",
          "0", "1")  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text("0123456789 +-@.aX号", max_size=6), max_size=12))
def test_targeted_scan_finds_what_a_full_scan_finds(parts: list[str]) -> None:
    text = "".join(parts)
    full = [(judge(m)[0], *m.span()) for p, judge in KINDS for m in p.finditer(text) if judge(m)]
    assert sorted((hit.term, hit.start, hit.end) for hit in find_pii(text)) == sorted(full)
