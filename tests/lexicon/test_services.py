"""Word lists in the database: import, versions, export round trip, the per-process cache."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from flask import Flask

from app.checks.current import LexiconCache, current_lexicon
from app.checks.store import entries_at, latest_version
from app.compliance import Entry
from app.compliance.wordlist_csv import read_entries, write_entries
from app.errors import Conflict, InvalidInput
from app.extensions import db
from app.lexicon.changes import import_files
from app.lexicon.services import (
    ChangeSet,
    ImportRejected,
    commit_changes,
    export_version,
)
from app.models import AuditEvent, LexiconVersion
from tests.conftest import SHIPPED_WORDLISTS, count_rows


def _sorted(entries: list[Entry]) -> list[Entry]:
    return sorted(
        (dataclasses.replace(e, id=None) for e in entries), key=lambda e: (e.category, e.term)
    )


def _write(path: Path, entries: list[Entry]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        write_entries(entries, file)
    return path


def _shipped(category: str) -> list[Entry]:
    return read_entries((Path("wordlists") / f"{category}.csv").read_bytes())


def test_import_then_export_is_lossless(shipped_lexicon: int, tmp_path: Path) -> None:
    written = export_version(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in SHIPPED_WORDLISTS)
    for path in SHIPPED_WORDLISTS:
        exported = read_entries((tmp_path / path.name).read_bytes())
        assert _sorted(exported) == _sorted(read_entries(path.read_bytes()))
    version = db.session.get(LexiconVersion, shipped_lexicon)
    assert (
        version.entry_count
        == version.added
        == sum(len(read_entries(p.read_bytes())) for p in SHIPPED_WORDLISTS)
    )


def test_importing_the_same_files_again_creates_no_version(shipped_lexicon: int) -> None:
    version, changes = import_files(SHIPPED_WORDLISTS, author=None, reason="再次导入")
    assert version is None and changes.empty
    assert latest_version() == shipped_lexicon


def test_import_adds_changes_and_removes_within_its_categories(
    shipped_lexicon: int, tmp_path: Path
) -> None:
    lottery = _shipped("lottery")
    kept, dropped, edited = lottery[2:], lottery[0], lottery[1]
    edited_now = dataclasses.replace(edited, suggestion="写明奖品价值与开奖时间")
    added = Entry(
        "幸运锦鲤",
        "lottery",
        "review",
        examples_hit=("抽一位幸运锦鲤",),
        examples_pass=("锦鲤刺绣卫衣",),
        suggestion="写明规则",
        basis="《反不正当竞争法》第十条",
    )
    path = _write(tmp_path / "lottery.csv", [*kept, edited_now, added])

    applied, changes = import_files([path], author=None, reason="调整抽奖词条")
    assert applied is not None
    version = applied.version

    assert (version.added, version.changed, version.removed) == (1, 1, 1)
    assert changes.unchanged == len(kept)
    now = {(e.category, e.term): e for e in entries_at()}
    before = {(e.category, e.term): e for e in entries_at(shipped_lexicon)}
    assert ("lottery", dropped.term) in before and ("lottery", dropped.term) not in now
    assert now[("lottery", edited.term)].suggestion == "写明奖品价值与开奖时间"
    assert before[("lottery", edited.term)].suggestion == edited.suggestion
    # the entry keeps its identity across versions; other categories are untouched
    assert now[("lottery", edited.term)].id == before[("lottery", edited.term)].id
    assert len(now) == len(before)
    assert sum(e.category == "ad_absolute" for e in now.values()) == len(_shipped("ad_absolute"))


def test_one_bad_line_rejects_the_whole_import(shipped_lexicon: int, tmp_path: Path) -> None:
    good = _shipped("lottery")
    path = tmp_path / "lottery.csv"
    _write(path, good)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("  ,lottery,review,substring,,,,,,,")  # empty term
    lines.append("锦鲤,nosuchcategory,review,substring,,,,,,,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    versions, audits = count_rows(LexiconVersion), count_rows(AuditEvent)

    with pytest.raises(ImportRejected) as caught:
        import_files([path], author=None, reason="坏文件")

    numbers = {line for _source, line, _message in caught.value.errors}
    assert numbers == {len(lines) - 1, len(lines)}  # header is line 1
    assert "未知的类别" in caught.value.message and "lottery.csv 第" in caught.value.message
    assert count_rows(LexiconVersion) == versions and count_rows(AuditEvent) == audits


def test_failing_examples_are_reported_by_line(app: Flask, tmp_path: Path) -> None:
    entry = Entry(
        "锦鲤",
        "lottery",
        "review",
        examples_hit=("抽一位幸运儿",),
        examples_pass=("锦鲤刺绣卫衣",),
        suggestion="写明规则",
        basis="依据",
    )
    path = _write(tmp_path / "lottery.csv", [entry])
    with pytest.raises(ImportRejected) as caught:
        import_files([path], author=None, reason="示例不对")
    messages = [message for _s, line, message in caught.value.errors if line == 2]
    assert any("必中示例“抽一位幸运儿”" in m for m in messages)
    assert any("必过示例“锦鲤刺绣卫衣”" in m for m in messages)
    assert latest_version() == 0


def test_a_change_needs_a_reason_and_a_fresh_base(load_lexicon) -> None:
    entry = Entry("最好", "ad_absolute", "review")
    load_lexicon(entry)
    with pytest.raises(InvalidInput):
        commit_changes(
            ChangeSet(added=[entry], base_version=1), author=None, reason=" ", kind="edit"
        )
    stale = ChangeSet(added=[Entry("第一", "ad_absolute", "review")], base_version=0)
    with pytest.raises(Conflict):
        commit_changes(stale, author=None, reason="基于旧版本", kind="edit")
    assert latest_version() == 1


def test_every_version_is_audited_with_its_reason(load_lexicon) -> None:
    load_lexicon(Entry("最好", "ad_absolute", "review"), reason="首批词条")
    event = db.session.query(AuditEvent).filter_by(action="lexicon_import").one()
    assert event.reason == "首批词条" and event.details["added"] == 1


def test_cache_recompiles_when_a_new_version_appears(app: Flask, load_lexicon) -> None:
    other_process = LexiconCache(refresh_seconds=60.0)  # a cache this process does not notify
    load_lexicon(Entry("最好", "ad_absolute", "review"))
    first = other_process.get()
    assert first.version == 1 and other_process.get() is first

    load_lexicon(Entry("第一", "ad_absolute", "review"))
    assert other_process.get() is first  # within the refresh interval nobody asks the database
    assert current_lexicon().version == 2  # the saving process sees its own change at once
    other_process.refresh_seconds = 0.0
    second = other_process.get()
    assert second.version == 2 and {e.term for e in second.entries} == {"最好", "第一"}
    assert other_process.get() is second  # unchanged version: no recompilation


def test_disabled_entries_are_not_compiled(load_lexicon) -> None:
    load_lexicon(Entry("最好", "ad_absolute", "review"))
    row_entry = entries_at()[0]
    changes = ChangeSet(changed=[(row_entry.id, row_entry, False)], base_version=1)
    commit_changes(changes, author=None, reason="停用", kind="edit")
    assert entries_at() == [] and len(entries_at(enabled_only=False)) == 1
    assert [e.term for e in entries_at(1)] == ["最好"]


def test_export_import_export_is_byte_identical(shipped_lexicon: int, tmp_path: Path) -> None:
    """Exports are canonical (sorted by category, then term): re-importing one changes nothing."""
    first = export_version(tmp_path / "first")
    version, changes = import_files(first, author=None, reason="重新导入导出文件")
    assert version is None and changes.empty
    second = export_version(tmp_path / "second")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_incremental_pickup_equals_a_full_load(app: Flask, load_lexicon) -> None:
    """A process that follows versions one by one ends with exactly the entries of a fresh load."""
    from app.lexicon.versions import rollback

    follower = LexiconCache(refresh_seconds=0.0)
    load_lexicon(Entry("最好", "ad_absolute", "review"), Entry("第一", "ad_absolute", "review"))
    follower.get()
    ids = {e.term: e.id for e in entries_at()}
    changed = Entry("最好", "ad_absolute", "block", suggestion="删去")
    commit_changes(
        ChangeSet(
            added=[Entry("治疗", "ad_claim", "block")],
            changed=[(ids["最好"], changed, True)],
            removed=[ids["第一"]],
            base_version=1,
        ),
        author=None,
        reason="改",
        kind="edit",
    )
    assert {(e.term, e.severity) for e in follower.get().entries} == {
        ("最好", "block"),
        ("治疗", "ad_claim" and "block"),
    }
    cure = next(e.id for e in entries_at() if e.term == "治疗")
    commit_changes(
        ChangeSet(changed=[(cure, Entry("治疗", "ad_claim", "block"), False)], base_version=2),
        author=None,
        reason="停用",
        kind="edit",
    )
    assert {e.term for e in follower.get().entries} == {"最好"}
    rollback(None, 1, "恢复")
    fresh = LexiconCache(refresh_seconds=0.0).get()
    assert sorted(map(repr, follower.get().entries)) == sorted(map(repr, fresh.entries))
    assert {e.term for e in fresh.entries} == {"最好", "第一"}
