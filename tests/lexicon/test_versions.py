"""Versions: diff any two, roll back to any (as a new version), export a past version."""

from __future__ import annotations

import dataclasses

import pytest

from app.checks.store import entries_at, latest_version
from app.compliance import Entry
from app.errors import InvalidInput
from app.lexicon.services import ChangeSet, commit_changes
from app.lexicon.versions import diff_versions, rollback
from app.models import LexiconVersion

BEST = Entry("最好", "ad_absolute", "review", suggestion="写具体优点")
FIRST = Entry("第一", "ad_absolute", "review")
CURE = Entry("治疗", "ad_claim", "block")


def _edit(changes: ChangeSet, reason: str = "编辑") -> int:
    return commit_changes(changes, author=None, reason=reason, kind="edit").id


@pytest.fixture
def three_versions(load_lexicon) -> dict[str, int]:
    """v1: 最好, 第一; v2: 最好 changed, 第一 removed, 治疗 added; v3: 治疗 disabled."""
    v1 = load_lexicon(BEST, FIRST)
    ids = {e.term: e.id for e in entries_at()}
    changed = dataclasses.replace(BEST, severity="block", suggestion="删去")
    v2 = _edit(
        ChangeSet(
            added=[CURE],
            changed=[(ids["最好"], changed, True)],
            removed=[ids["第一"]],
            base_version=v1,
        )
    )
    cure_id = next(e.id for e in entries_at() if e.term == "治疗")
    v3 = _edit(ChangeSet(changed=[(cure_id, CURE, False)], base_version=v2))
    return {"v1": v1, "v2": v2, "v3": v3, **ids, "治疗": cure_id}


def test_diff_lists_added_removed_and_changed_fields(three_versions) -> None:
    diff = diff_versions(three_versions["v1"], three_versions["v2"])
    assert [s.entry.term for s in diff.added] == ["治疗"]
    assert [s.entry.term for s in diff.removed] == ["第一"]
    [(was, now, fields)] = diff.changed
    assert (was.entry.severity, now.entry.severity) == ("review", "block")
    assert fields == ["severity", "suggestion"]


def test_diff_across_several_versions_and_backwards(three_versions) -> None:
    forward = diff_versions(three_versions["v1"], three_versions["v3"])
    assert [s.entry.term for s in forward.added] == ["治疗"]
    assert forward.added[0].enabled is False
    backward = diff_versions(three_versions["v3"], three_versions["v1"])
    assert [s.entry.term for s in backward.removed] == ["治疗"]
    assert [s.entry.term for s in backward.added] == ["第一"]
    assert diff_versions(three_versions["v2"], three_versions["v2"]).empty


def test_rollback_restores_a_past_version_as_a_new_one(three_versions) -> None:
    version = rollback(None, three_versions["v1"], "误改，恢复")
    assert version.id == 4 and version.kind == "rollback" and version.rollback_of == 1
    assert diff_versions(three_versions["v1"], version.id).empty
    restored = {e.term: e for e in entries_at()}
    assert set(restored) == {"最好", "第一"} and restored["最好"].severity == "review"
    # identities survive: the restored 第一 is the same entry as before
    assert restored["第一"].id == three_versions["第一"]
    assert len(entries_at(three_versions["v3"], enabled_only=False)) == 2  # history untouched


def test_rollback_refuses_nonsense(three_versions) -> None:
    with pytest.raises(InvalidInput):
        rollback(None, three_versions["v3"], "回滚到当前")
    with pytest.raises(InvalidInput):
        rollback(None, three_versions["v1"], "  ")
    assert latest_version() == 3 and LexiconVersion.query.count() == 3
