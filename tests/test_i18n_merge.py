"""The pending translation fragments merge into the catalog (`make translations-merge`)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from app.i18n_merge import main, merge_locale, merged_catalog, read_catalog


def _write(path: Path, pairs: dict[str, str], *, fuzzy: tuple[str, ...] = ()) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(locale="en", project="Hemline")
    for msgid, msgstr in pairs.items():
        catalog.add(msgid, msgstr, flags=("fuzzy",) if msgid in fuzzy else ())
    with path.open("wb") as handle:
        write_po(handle, catalog)
    return path


def _strings(path: Path) -> dict[str, str]:
    return {str(m.id): str(m.string) for m in read_catalog(path) if m.id}


def test_a_fragment_fills_empty_and_missing_strings_and_is_deleted(tmp_path: Path) -> None:
    po = _write(
        tmp_path / "en/LC_MESSAGES/messages.po",
        {"工作台": "Dashboard", "稿件": "", "选题": "Tpoics"},
        fuzzy=("选题",),
    )
    fragment = _write(
        tmp_path / "en/pending/issue-17.po",
        {"稿件": "Pieces", "发布": "Publish", "选题": "Topics", "工作台": "Dashboard"},
    )
    result = merge_locale(tmp_path / "en")
    assert sorted(result.filled) == ["稿件", "选题"] and result.added == ["发布"]
    assert result.conflicts == [] and not fragment.exists()
    assert _strings(po) == {
        "工作台": "Dashboard",
        "稿件": "Pieces",
        "选题": "Topics",
        "发布": "Publish",
    }
    assert not read_catalog(po)["选题"].fuzzy


def test_a_translation_in_the_catalog_is_not_overwritten(tmp_path: Path, capsys) -> None:
    po = _write(tmp_path / "en/LC_MESSAGES/messages.po", {"工作台": "Dashboard", "稿件": ""})
    clash = _write(tmp_path / "en/pending/issue-18.po", {"工作台": "Home", "稿件": "Pieces"})
    clean = _write(tmp_path / "en/pending/issue-19.po", {"稿件": "Pieces"})
    assert main(["--translations", str(tmp_path)]) == 1
    assert _strings(po) == {"工作台": "Dashboard", "稿件": "Pieces"}
    assert clash.exists() and not clean.exists()
    out = capsys.readouterr().out
    assert "1 conflict(s)" in out and "issue-18.po: '工作台'" in out


def test_keep_leaves_the_fragments_and_an_empty_msgstr_fills_nothing(tmp_path: Path) -> None:
    po = _write(tmp_path / "en/LC_MESSAGES/messages.po", {"稿件": ""})
    fragment = _write(tmp_path / "en/pending/issue-20.po", {"稿件": "", "审核": "Review"})
    assert main(["--translations", str(tmp_path), "--keep"]) == 0
    assert fragment.exists() and _strings(po) == {"稿件": "", "审核": "Review"}


def test_the_merged_view_leaves_the_files_alone(tmp_path: Path) -> None:
    po = _write(tmp_path / "en/LC_MESSAGES/messages.po", {"稿件": ""})
    fragment = _write(tmp_path / "en/pending/issue-16.po", {"稿件": "Pieces"})
    before = po.read_bytes()
    assert merged_catalog("en", tmp_path)["稿件"].string == "Pieces"
    assert po.read_bytes() == before and fragment.exists()


def test_named_fragments_merge_alone(tmp_path: Path) -> None:
    po = _write(tmp_path / "en/LC_MESSAGES/messages.po", {"稿件": "", "选题": ""})
    mine = _write(tmp_path / "en/pending/issue-20.po", {"稿件": "Pieces"})
    theirs = _write(tmp_path / "en/pending/issue-16.po", {"选题": "Topics"})
    assert main(["--translations", str(tmp_path), "issue-20.po"]) == 0
    assert _strings(po) == {"稿件": "Pieces", "选题": ""}
    assert not mine.exists() and theirs.exists()
