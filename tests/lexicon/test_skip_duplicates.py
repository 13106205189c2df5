"""`flask wordlists import --skip-duplicates` (issue 18 item 6)."""

from __future__ import annotations

import io
from pathlib import Path

from app.checks.store import entries_at
from app.compliance.wordlist_csv import HEADER, read_numbered_entries
from app.lexicon.services import parse_files

LIST = "\n".join(
    [
        ",".join(HEADER),
        "最好,sensitive,review,substring,,,,,,,,",
        "最 好,sensitive,review,substring,,,,,,,,",  # the same after normalisation
        "最最好,sensitive,warn,substring,,,,,,,,",  # runs differ: not a duplicate
        "顶級,sensitive,review,substring,,,,,,,,",
        "顶级,sensitive,review,substring,,,,,,,,",  # traditional → simplified
    ]
)


def test_reader_reports_duplicates_instead_of_refusing_when_asked() -> None:
    skipped: list[tuple[int, str]] = []
    entries = read_numbered_entries(LIST, skipped=skipped)
    assert [(line, e.term) for line, e in entries] == [(2, "最好"), (4, "最最好"), (5, "顶級")]
    assert [line for line, _ in skipped] == [3, 6]
    assert "与第 2 行的“最好”" in skipped[0][1] and "重复" in skipped[0][1]


def test_cli_skips_and_reports_duplicates(app, runner, tmp_path: Path) -> None:
    path = tmp_path / "public.csv"
    path.write_text(LIST + "\n", encoding="utf-8")
    refused = runner.invoke(args=["wordlists", "import", str(path)])
    assert refused.exit_code != 0 and "重复" in refused.output and entries_at() == []
    result = runner.invoke(args=["wordlists", "import", str(path), "--skip-duplicates"])
    assert result.exit_code == 0, result.output
    assert "跳过 2 条重复词条" in result.output and "public.csv 第 3 行" in result.output
    assert {e.term for e in entries_at()} == {"最好", "最最好", "顶級"}
    files = parse_files([("public.csv", LIST)], skip_duplicates=True)
    assert [line for line, _ in files[0].skipped] == [3, 6]


def test_browser_import_offers_the_same_choice(client, login_as) -> None:
    login_as("legal")
    assert 'name="skip_duplicates"' in client.get("/lexicon/transfer").get_data(as_text=True)

    def upload(**form: str):
        data = {"files": [(io.BytesIO(LIST.encode()), "public.csv")], **form}
        return client.post(
            "/lexicon/transfer/upload", data=data, content_type="multipart/form-data"
        )

    refused = upload()
    assert refused.status_code == 400 and "重复" in refused.get_data(as_text=True)
    accepted = upload(skip_duplicates="y")
    assert accepted.status_code == 302, accepted.get_data(as_text=True)[:2000]
    page = client.get(accepted.headers["Location"]).get_data(as_text=True)
    assert "已跳过 2 条重复词条" in page and "public.csv 第 3 行" in page
    assert "<b>3</b><span>新增</span>" in page
