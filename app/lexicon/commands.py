"""The body of `flask check`: read the input, check it, print, and choose the exit code."""

from __future__ import annotations

import json
from typing import IO

import click

from app.checks.reporting import check_json_lines, report_as_text, to_json_line, verdict_rank
from app.checks.store import latest_version
from app.errors import DomainError

EXIT_OK, EXIT_FLAGGED, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> int:
    click.echo(f"错误：{message}", err=True)
    return EXIT_USAGE


def run_check(
    source: IO[bytes], *, fmt: str, channel: str | None, fail_on: str, jsonl: bool, title: str
) -> int:
    """Check the input and print the report(s); return the exit code."""
    name = getattr(source, "name", "-")
    try:
        text = source.read().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        return _fail(f"{name} 不是 UTF-8 编码的文本（第 {error.start + 1} 个字节无法解码）。")
    if latest_version() == 0:
        return _fail(
            "数据库中还没有词库：请先运行 flask --app app wordlists import wordlists/*.csv"
        )
    threshold = verdict_rank(fail_on)
    try:
        if jsonl:
            return _run_batch(text, channel, threshold)
        return _run_single(text, title, channel, fmt, threshold)
    except DomainError as error:
        return _fail(error.message)


def _run_single(text: str, title: str, channel: str | None, fmt: str, threshold: int) -> int:
    """One text: print its report as text or JSON."""
    from app.checks.services import check_fields

    report = check_fields(title, text, channel)
    if fmt == "json":
        click.echo(
            to_json_line(report.to_dict())
            if _has_surrogates(text + title)
            else json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
        )
    else:
        output = report_as_text(report, {"title": title, "body": text})
        click.echo(output.encode("utf-8", "backslashreplace").decode("utf-8"))
    return EXIT_FLAGGED if verdict_rank(report.verdict) >= threshold else EXIT_OK


def _run_batch(text: str, channel: str | None, threshold: int) -> int:
    """JSON lines: one report per line; exit 2 if any line was bad, else 1 if any is flagged."""
    bad = flagged = False
    for line in check_json_lines(text.splitlines(), channel):
        click.echo(line.output)
        bad |= line.rank is None
        flagged |= line.rank is not None and line.rank >= threshold
    if bad:
        click.echo("错误：部分输入行无效，见输出中带 error 的行。", err=True)
        return EXIT_USAGE
    return EXIT_FLAGGED if flagged else EXIT_OK


def _has_surrogates(text: str) -> bool:
    """True if the text holds lone surrogates (which cannot be printed as UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
