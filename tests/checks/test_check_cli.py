"""`flask check`, `flask wordlists` and `flask tokens` as a user runs them (PRODUCT §4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner

from app.checks.services import check_fields
from app.compliance import Entry
from app.models import ApiToken, LexiconVersion
from tests.conftest import SHIPPED_WORDLISTS, count_rows

ABSOLUTE = Entry("最好", "ad_absolute", "review", suggestion="写具体优点", basis="《广告法》第九条")
BANNED = Entry("国家级", "ad_absolute", "block", suggestion="删去", basis="《广告法》第九条")
DOUYIN_ONLY = Entry("私信领取", "inducement", "review", channels=("douyin",), suggestion="删去")


@pytest.fixture
def words(load_lexicon) -> int:
    return load_lexicon(ABSOLUTE, BANNED, DOUYIN_ONLY)


def _run(runner: FlaskCliRunner, *args: str, text: str | bytes | None = None):
    return runner.invoke(args=["check", *args], input=text)


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        ("纯棉T恤，透气舒适。", "review", 0),
        ("这是今年最好的外套。", "review", 1),
        ("这是今年最好的外套。", "block", 0),
        ("国家级工艺。", "block", 1),
        ("最 好的外套。", "warn", 1),
        ("", "warn", 0),
    ],
)
def test_exit_code_follows_the_threshold(runner, words, text, fail_on, code) -> None:
    result = _run(runner, "--fail-on", fail_on, "-", text=text)
    assert result.exit_code == code, result.output


def test_json_output_is_the_report_of_the_contract(runner, words) -> None:
    text = "这是今年最 好的外套，國家級工艺。"
    result = _run(runner, "--format", "json", "-", text=text)
    report = json.loads(result.stdout)
    assert report == check_fields("", text).to_dict()
    assert report["verdict"] == "block" and report["lexicon_version"] == words
    assert [text[h["start"] : h["end"]] for h in report["hits"]] == ["最 好", "國家級"]


def test_text_output_names_the_hit_suggestion_and_basis(runner, words) -> None:
    result = _run(runner, "-", text="第一行\n这是最好的外套。")
    assert "需人工审核" in result.stdout
    assert "正文第 2 行" in result.stdout and "“最好”" in result.stdout
    assert "建议：写具体优点" in result.stdout and "依据：《广告法》第九条" in result.stdout


def test_channel_scope(runner, words) -> None:
    text = "评论区私信领取优惠券"
    assert _run(runner, "--channel", "douyin", "-", text=text).exit_code == 1
    assert _run(runner, "--channel", "wechat_oa", "-", text=text).exit_code == 0
    unknown = _run(runner, "--channel", "nosuch", "-", text=text)
    assert unknown.exit_code == 2 and "未知渠道" in unknown.output


def test_reads_a_file_and_handles_a_megabyte(runner, words, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(("柔软亲肤的羊毛衫。" * 120_000) + "最好", encoding="utf-8")
    assert path.stat().st_size > 1024 * 1024
    result = _run(runner, "--format", "json", str(path))
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["hits"][0]["start"] == 9 * 120_000


def test_bad_input_exits_2_with_a_clear_message(runner, words, tmp_path: Path) -> None:
    invalid = _run(runner, "-", text=b"\xe6\x9c\x80\xff\xfe")
    assert invalid.exit_code == 2 and "不是 UTF-8" in invalid.output
    missing = _run(runner, str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2
    bad_option = _run(runner, "--fail-on", "pass", "-", text="x")
    assert bad_option.exit_code == 2


def test_without_a_lexicon_check_refuses_instead_of_passing(runner) -> None:
    result = _run(runner, "-", text="最好")
    assert result.exit_code == 2 and "还没有词库" in result.output


def test_control_characters_do_not_break_offsets(runner, words) -> None:
    text = "\x00\x07最\u200b好\ufeff\x1b"
    report = json.loads(_run(runner, "--format", "json", "-", text=text).stdout)
    [hit] = report["hits"]
    assert text[hit["start"] : hit["end"]] == hit["text"] == "最\u200b好"


def test_jsonl_batch(runner, words) -> None:
    lines = [
        json.dumps({"id": 1, "text": "最好的外套"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "text": "私信领取", "channel": "douyin"}, ensure_ascii=False),
        json.dumps({"id": 3, "text": "\ud800孤立代理项最好"}),
        json.dumps({"id": 4, "text": 5}),
    ]
    result = _run(runner, "--jsonl", "-", text="\n".join(lines) + "\n")
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 2  # two bad lines
    assert [o.get("id") for o in out] == [1, None, "b", 3, None]
    assert out[0]["verdict"] == "review" and out[2]["verdict"] == "review"
    assert out[1]["line"] == 2 and "JSON" in out[1]["error"]
    lone = "\ud800孤立代理项最好"
    assert [lone[h["start"] : h["end"]] for h in out[3]["hits"]] == ["最好"]
    assert out[4]["line"] == 5


def test_jsonl_exit_code_without_bad_lines(runner, words) -> None:
    clean = json.dumps({"id": 1, "text": "羊毛衫"}, ensure_ascii=False)
    flagged = json.dumps({"id": 2, "text": "最好"}, ensure_ascii=False)
    assert _run(runner, "--jsonl", "-", text=clean + "\n").exit_code == 0
    assert _run(runner, "--jsonl", "-", text=clean + "\n" + flagged + "\n").exit_code == 1


def test_wordlists_import_and_export_commands(runner, tmp_path: Path) -> None:
    paths = [str(p) for p in SHIPPED_WORDLISTS]
    result = runner.invoke(args=["wordlists", "import", *paths, "--reason", "默认词库"])
    assert result.exit_code == 0, result.output
    assert "已创建词库版本 1" in result.output and "100%" in result.output
    again = runner.invoke(args=["wordlists", "import", *paths])
    assert "没有变化" in again.output and count_rows(LexiconVersion) == 1
    out = tmp_path / "out"
    assert runner.invoke(args=["wordlists", "export", str(out)]).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in SHIPPED_WORDLISTS)


def test_wordlists_import_rejects_bad_files(runner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("term,category\n最好,ad_absolute\n", encoding="utf-8")
    result = runner.invoke(args=["wordlists", "import", str(bad)])
    assert result.exit_code == 1 and "bad.csv 第 1 行" in result.output
    assert count_rows(LexiconVersion) == 0


def test_tokens_create_list_revoke(runner, make_user) -> None:
    make_user("writer", username="wang")
    created = runner.invoke(
        args=["tokens", "create", "wang", "--name", "CI 检查", "--scope", "check"]
    )
    assert created.exit_code == 0
    secret = created.stdout.strip()
    assert secret.startswith("hml_") and len(secret) > 40
    token = ApiToken.query.one()
    assert token.token_hash != secret and secret.startswith(token.prefix)
    listing = runner.invoke(args=["tokens", "list"])
    assert token.prefix in listing.output and "有效" in listing.output
    assert runner.invoke(args=["tokens", "revoke", token.prefix]).exit_code == 0
    assert "已吊销" in runner.invoke(args=["tokens", "list"]).output
    nobody = runner.invoke(args=["tokens", "create", "nobody", "--scope", "check"])
    assert nobody.exit_code == 1
