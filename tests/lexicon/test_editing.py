"""Saving one entry: examples verified first, duplicates refused, every save a version."""

from __future__ import annotations

import dataclasses

import pytest

from app.checks.current import current_lexicon
from app.checks.store import entries_at, latest_version
from app.compliance import Entry
from app.errors import Conflict, InvalidInput
from app.extensions import db
from app.lexicon.editing import (
    EntryFilters,
    save_category,
    save_entry,
    search_entries,
    set_enabled,
    usage_counts,
)
from app.models import Category, HitLog

GOOD = Entry(
    "第一",
    "ad_absolute",
    "review",
    allow_contexts=("第一次", "第一眼"),
    suggestion="写具体数据",
    basis="《广告法》第九条",
    examples_hit=("销量第一",),
    examples_pass=("第一次穿就爱上",),
)


def test_failing_examples_refuse_the_save_and_say_which(app, make_user) -> None:
    legal = make_user("legal")
    bad = dataclasses.replace(
        GOOD, allow_contexts=(), examples_pass=("第一次穿就爱上",), examples_hit=("名列前茅",)
    )
    with pytest.raises(InvalidInput) as caught:
        save_entry(legal, bad, entry_id=None, enabled=True, reason="新增", base=0)
    problems = caught.value.extra["problems"]
    assert any("必中示例“名列前茅”" in p for p in problems)
    assert any("必过示例“第一次穿就爱上”" in p and "第 1–2 个字符" in p for p in problems)
    assert latest_version() == 0


def test_save_creates_a_version_and_the_checker_uses_it(app, make_user) -> None:
    legal = make_user("legal")
    version, impact = save_entry(legal, GOOD, entry_id=None, enabled=True, reason="新增", base=0)
    assert version.id == 1 and version.author_id == legal.id and impact.total == 0
    assert current_lexicon().version == 1
    [entry] = entries_at()
    changed = dataclasses.replace(GOOD, severity="block")
    save_entry(legal, changed, entry_id=entry.id, enabled=True, reason="加重", base=1)
    assert [e.severity for e in entries_at()] == ["block"] and entries_at()[0].id == entry.id


def test_duplicates_unknown_category_and_stale_base_are_refused(app, make_user) -> None:
    legal = make_user("legal")
    save_entry(legal, GOOD, entry_id=None, enabled=True, reason="新增", base=0)
    twin = dataclasses.replace(GOOD, term="第 一")  # normalises to the same key
    with pytest.raises(InvalidInput, match="已有词条“第一”"):
        save_entry(legal, twin, entry_id=None, enabled=True, reason="重复", base=1)
    with pytest.raises(InvalidInput, match="未知的类别"):
        save_entry(
            legal,
            dataclasses.replace(GOOD, category="nope"),
            entry_id=None,
            enabled=True,
            reason="x",
            base=1,
        )
    with pytest.raises(InvalidInput, match="严重级别"):
        save_entry(
            legal,
            dataclasses.replace(GOOD, term="最", severity="fatal"),
            entry_id=None,
            enabled=True,
            reason="x",
            base=1,
        )
    with pytest.raises(Conflict):
        save_entry(
            legal,
            dataclasses.replace(GOOD, term="最", examples_hit=("最美",)),
            entry_id=None,
            enabled=True,
            reason="基于旧版本",
            base=0,
        )
    assert latest_version() == 1


def test_disable_and_enable(app, make_user) -> None:
    legal = make_user("legal")
    save_entry(legal, GOOD, entry_id=None, enabled=True, reason="新增", base=0)
    entry_id = entries_at()[0].id
    set_enabled(legal, entry_id, False, "暂停使用")
    assert entries_at() == [] and current_lexicon().entries == ()
    set_enabled(legal, entry_id, True, "恢复")
    assert [e.term for e in entries_at()] == ["第一"] and latest_version() == 3


def test_search_filters_and_usage_counts(shipped_lexicon, make_piece) -> None:
    page = search_entries(EntryFilters(category="lottery"), page=1, per_page=10)
    assert page.total > 10 and all(row.category == "lottery" for row in page.items)
    text = search_entries(EntryFilters(text="国家级"), page=1, per_page=50)
    assert any(row.term == "国家级" for row in text.items)
    douyin = search_entries(EntryFilters(channel="douyin"), page=1, per_page=1000)
    assert all(not row.channels or "douyin" in row.channels for row in douyin.items)
    blocks = search_entries(EntryFilters(severity="block", match="word"), page=1, per_page=50)
    assert all(r.severity == "block" and r.match == "word" for r in blocks.items)
    none = search_entries(EntryFilters(text="100%_不存在"), page=1, per_page=10)
    assert none.total == 0

    piece = make_piece(body="国家级工艺，今年最好的一件")
    hit_ids = [h["entry_id"] for h in piece.current_revision.report["hits"] if h["entry_id"]]
    hits, reports = usage_counts(hit_ids)
    assert hits == {eid: 1 for eid in hit_ids} and reports == {}
    assert db.session.query(HitLog).count() == len(set(hit_ids))


def test_categories_are_editable(app, make_user) -> None:
    legal = make_user("legal")
    save_category(
        legal,
        "fabric_claim",
        label="面料宣称",
        description="面料成分宣称",
        severity="review",
        legal=True,
    )
    assert db.session.get(Category, "fabric_claim").requires_legal
    with pytest.raises(InvalidInput):
        save_category(legal, "面料", label="x", description="", severity="review", legal=False)
