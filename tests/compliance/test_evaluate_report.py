"""The evaluation report's figures for real copy labelled by two reviewers (issue 18, s20)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.compliance import evaluate


def _case(expect: str, second: str | None = None, kind: str = "real") -> evaluate.Case:
    categories = frozenset() if expect == "pass" else frozenset({"ad_absolute"})
    return evaluate.Case("r", "这款最好", None, expect, categories, kind, "heldout", second)


def test_load_cases_reads_the_second_label(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": "最好", "channel": None, "expect": "pass", "categories": [],
         "kind": "real", "why": "x", "split": "tuning",
         "second": {"expect": "review", "categories": ["ad_absolute"], "why": "y"}},
        {"id": "b", "text": "好", "channel": None, "expect": "pass", "categories": [],
         "kind": "real", "why": "x", "split": "heldout"},
    ]  # fmt: skip
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    first, second = evaluate.load_cases(path)
    assert (first.second, second.second) == ("review", None)


def test_a_text_either_labeller_flags_is_not_clean_for_both() -> None:
    assert evaluate.both_clean(_case("pass"))
    assert evaluate.both_clean(_case("pass", "pass"))
    assert evaluate.both_clean(_case("pass", "warn"))
    assert not evaluate.both_clean(_case("pass", "review"))
    assert not evaluate.both_clean(_case("review", "pass"))


def test_agreement_counts_double_labelled_texts_and_kappa() -> None:
    cases = [
        *[_case("pass", "pass")] * 6,
        *[_case("review", "review")] * 2,
        _case("pass", "review"),
        _case("review", "pass"),
        _case("pass"),  # one label only: not counted
    ]
    agree, double, kappa = evaluate.agreement(cases)
    assert (agree, double) == (8, 10)
    # observed 0.8; both flag 3 of 10, so chance = 0.3·0.3 + 0.7·0.7 = 0.58
    assert kappa == pytest.approx((0.8 - 0.58) / (1 - 0.58))
    assert evaluate.agreement([_case("pass"), _case("review")]) == (0, 0, None)
    assert evaluate.agreement([_case("pass", "pass")]) == (1, 1, None)


def test_real_copy_summary_counts_false_flags_on_texts_no_labeller_flags() -> None:
    lexicon = evaluate.load_lexicon()
    texts = [
        ("这件卫衣是全网最低价。", "review"),
        ("这件卫衣是全网最低价！", "pass"),
        ("一件柔软的卫衣。", None),
    ]
    cases = [
        evaluate.Case(str(n), text, None, "pass", frozenset(), "real", "heldout", second)
        for n, (text, second) in enumerate(texts)
    ]
    outcomes = evaluate.evaluate(lexicon, cases)
    assert [o.flagged for o in outcomes] == [True, True, False]
    lines = evaluate.real_copy_summary(outcomes, "Real")
    assert lines[1].startswith("False flags on clean texts:  66.7 % (2/3), target ≤ 1%")
    assert lines[2] == "  … on texts no labeller flags:  50.0 % (1/2)"
    assert lines[3].startswith("Two labellers agree on  50.0 % (1/2)")
    single = evaluate.real_copy_summary(outcomes[2:], "Real")
    assert len(single) == 2  # no second label: no agreement lines


def test_report_lines_print_the_target_they_are_given() -> None:
    outcomes = evaluate.evaluate(evaluate.load_lexicon(), [_case("pass")])
    lines = evaluate.report_lines(outcomes, True, "Real", evaluate.REAL_COPY_FALSE_FLAG_TARGET)
    assert any(line.endswith("target ≤ 1%") and "False flags" in line for line in lines)
    lines = evaluate.report_lines(outcomes, True, "Traps")
    assert any(line.endswith("target ≤ 2%") and "False flags" in line for line in lines)


@pytest.mark.parametrize("path", [path for path, _title in evaluate.REAL_COPY_SETS])
def test_second_labels_are_well_formed(path: Path) -> None:
    known = {
        "ad_absolute",
        "ad_claim",
        "ad_disclosure",
        "inducement",
        "lottery",
        "pii",
        "sensitive",
    }
    for line in path.read_text(encoding="utf-8").splitlines():
        second = json.loads(line).get("second") if line.strip() else None
        if second:
            assert second["expect"] in evaluate.VERDICT_RANK
            assert set(second["categories"]) <= known
            assert (second["expect"] == "pass") == (not second["categories"])
            assert second["by"] in ("h213", "h214") and second["why"]
