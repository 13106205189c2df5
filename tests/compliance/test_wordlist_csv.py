"""The word-list CSV format: lossless round trip, BOM, and every error with its line number."""

from __future__ import annotations

import io

import pytest

from app.compliance import Entry
from app.compliance.wordlist_csv import (
    HEADER,
    OLD_HEADER,
    WordlistError,
    escape_formula,
    read_entries,
    write_entries,
)

HEAD = ",".join(OLD_HEADER)  # most lines below are written in the format before conditions
ENTRIES = [
    Entry("最好", "ad_absolute", "review", "substring", ("最好搭配", "最好手洗"), (),
          "改为具体卖点，如“面料更柔软”", "《广告法》第九条第三项", "第一行\n第二行, 带逗号",
          ("最好的面料",), ('他说"最好搭配白T"',)),
    Entry("=SUM(A1)", "formula", "info", "word", (), ("wechat_oa", "weibo")),
    Entry("100%纯棉", "ad_claim", "warn", examples_hit=("100%纯棉T恤",)),
    Entry("抽奖", "lottery", "review", channels=("wechat_oa",), suggestion="公示规则，奖≤5万元"),
]  # fmt: skip


def written(entries: list[Entry]) -> str:
    buffer = io.StringIO()
    write_entries(entries, buffer)
    return buffer.getvalue()


def errors_of(text: str | bytes, known: set[str] | None = None) -> list[tuple[int, str]]:
    with pytest.raises(WordlistError) as caught:
        read_entries(text, source="test.csv", known_categories=known)
    return caught.value.errors


def test_round_trip_is_lossless_and_sorted() -> None:
    text = written(ENTRIES)
    assert read_entries(text) == sorted(ENTRIES, key=lambda e: (e.category, e.term))
    assert text.startswith(",".join(HEADER) + "\n") and "\r" not in text
    assert written(read_entries(text)) == text


def test_ids_are_not_written() -> None:
    entry = Entry("最好", "ad_absolute", "review", id=99)
    assert read_entries(written([entry]))[0].id is None


def test_formula_cells_are_not_escaped_in_the_file() -> None:
    assert "\n=SUM(A1),formula," in written(ENTRIES)
    assert escape_formula("=SUM(A1)") == "'=SUM(A1)"
    assert [escape_formula(c) for c in ("+1", "-1", "@x", "最好", "")] == [
        "'+1",
        "'-1",
        "'@x",
        "最好",
        "",
    ]


@pytest.mark.parametrize("value", [" 最好", "最好 "])
def test_write_refuses_values_that_would_not_read_back(value: str) -> None:
    with pytest.raises(ValueError):
        written([Entry(value, "x", "warn")])


@pytest.mark.parametrize("items", [("a|b",), ("",), (" a",)])
def test_write_refuses_list_items_that_would_not_read_back(items: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        written([Entry("最好", "x", "warn", examples_hit=items)])


def test_bom_bytes_and_files_are_accepted() -> None:
    text = written(ENTRIES)
    assert read_entries("\ufeff" + text) == read_entries(text)
    assert read_entries(("\ufeff" + text).encode()) == read_entries(text)
    assert read_entries(io.BytesIO(text.encode("utf-8-sig"))) == read_entries(text)
    assert read_entries(io.StringIO(text)) == read_entries(text)


def test_cells_and_list_items_are_trimmed_and_empty_lines_skipped() -> None:
    text = f"{HEAD}\n\n 最好 , x ,warn , word, a | |b ,,,,,,\n"
    assert read_entries(text) == [Entry("最好", "x", "warn", "word", ("a", "b"))]


def test_every_bad_line_is_reported_with_its_number() -> None:
    text = "\n".join(
        [
            HEAD,
            "最好,ad_absolute,review,substring,,,,,,,",  # 2 ok
            ',ad_absolute,review,substring,,,,,"多行\n备注",,',  # 3-4 empty term
            "***,ad_absolute,review,substring,,,,,,,",  # 5
            "顶级,ad_absolute,fatal,substring,,,,,,,",  # 6
            "国家级,ad_absolute,review,regex,,,,,,,",  # 7
            "第一,,review,substring,,,,,,,",  # 8
            "最 好,ad_absolute,warn,word,,,,,,,",  # 9 duplicate of line 2
            "最好,other,review,substring,,,,,,,",  # 10 other category: fine
            "太短,x,warn",  # 11
            "极致,ad_absolute,review,substring,——,,,,,,",  # 12
        ]
    )
    errors = errors_of(text, {"ad_absolute", "other"})
    assert [line for line, _ in errors] == [3, 5, 6, 7, 8, 9, 11, 12]
    messages = dict(errors)
    assert messages[3] == "词条为空"
    assert "去掉符号" in messages[5]
    assert "未知的严重级别“fatal”" in messages[6]
    assert "未知的匹配方式“regex”" in messages[7]
    assert messages[8] == "类别为空"
    assert "第 2 行" in messages[9] and "重复" in messages[9]
    assert "11 列" in messages[11]
    assert "例外语境" in messages[12]


def test_several_problems_on_one_line_are_all_listed() -> None:
    errors = errors_of(f"{HEAD}\n,,fatal,regex,,,,,,,\n")
    assert [line for line, _ in errors] == [2, 2, 2, 2]


def test_unknown_category_only_when_categories_are_given() -> None:
    text = f"{HEAD}\n最好,made_up,review,substring,,,,,,,\n"
    assert len(read_entries(text)) == 1
    assert errors_of(text, {"ad_absolute"}) == [(2, "未知的类别“made_up”")]


@pytest.mark.parametrize("text", ["", "term,category\n最好,x\n", "最好,x,warn,substring,,,,,,,\n"])
def test_missing_or_wrong_header(text: str) -> None:
    [(line, message)] = errors_of(text)
    assert line == 1 and "表头" in message


def test_error_message_names_the_source_and_lines() -> None:
    with pytest.raises(WordlistError, match=r"test\.csv 第 2 行：词条为空"):
        read_entries(f"{HEAD}\n,x,warn,substring,,,,,,,\n", source="test.csv")


def test_broken_quoting_is_an_error_not_a_crash() -> None:
    [(line, message)] = errors_of(f'{HEAD}\n"最好"x,x,warn,substring,,,,,,,\n')
    assert line == 2 and "CSV" in message


def test_non_utf8_bytes_are_an_error() -> None:
    [(line, message)] = errors_of(f"{HEAD}\n最好,x,warn,substring,,,,,,,\n".encode("gbk"))
    assert line == 1 and "UTF-8" in message


def test_conditions_column_round_trips_and_old_files_still_read() -> None:
    entry = Entry(
        "赘肉", "ad_claim", "block", conditions=("near:6:甩掉/燃烧", "lower:warn:gb/t 18830&upf")
    )
    text = written([entry])
    assert text.splitlines()[0] == ",".join(HEADER) and HEADER[-1] == "conditions"
    assert "near:6:甩掉/燃烧|lower:warn:gb/t 18830&upf" in text
    assert read_entries(text) == [entry]
    old = f"{HEAD}\n赘肉,ad_claim,block,substring,,,,,,,\n"
    assert read_entries(old) == [Entry("赘肉", "ad_claim", "block")]


def test_bad_conditions_are_reported_by_line() -> None:
    text = "\n".join(
        [
            ",".join(HEADER),
            "赘肉,ad_claim,block,substring,,,,,,,,near:x:甩掉",
            "赘肉2,ad_claim,warn,substring,,,,,,,,lower:block:广告",
            "赘肉3,ad_claim,warn,substring,,,,,,,,unless:广告!告示",
            "赘肉4,ad_claim,warn,substring,,,,,,,,maybe:广告",
        ]
    )
    errors = errors_of(text, None)
    assert [line for line, _ in errors] == [2, 3, 4, 5]
    messages = dict(errors)
    assert "字数" in messages[2]
    assert "必须低于" in messages[3]
    assert "必须包含标记" in messages[4]
    assert "无法识别" in messages[5]
