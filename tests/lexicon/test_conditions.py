"""Conditions (issue 18) in legal's editor, the stored entry, the version diff and the CSV."""

from __future__ import annotations

import dataclasses
import io

import pytest

from app.checks.store import entries_at, latest_version
from app.compliance import Entry
from app.compliance.conditions import ConditionError, parse_condition
from app.compliance.wordlist_csv import read_entries, write_entries
from app.errors import MessageId
from app.lexicon.services import ChangeSet, commit_changes
from app.lexicon.versions import diff_versions
from tests.conftest import login
from tests.english import merged_english
from tests.in_place import refusal_in
from tests.lexicon.test_views import _form, _save

SLIM = Entry(
    "赘肉",
    "ad_claim",
    "block",
    conditions=("near:6:甩掉/燃烧",),
    examples_hit=("甩掉赘肉",),
    examples_pass=("遮住赘肉",),
)


def test_conditions_are_saved_from_the_editor_and_shown_again(
    client, make_user, load_lexicon
) -> None:
    load_lexicon(
        Entry("最好", "ad_absolute", "review", examples_hit=("最好",), examples_pass=("好",))
    )
    login(client, make_user("legal"))
    data = _form(
        term="赘肉",
        category="ad_claim",
        severity="block",
        allow_contexts="",
        conditions="near:6:甩掉/燃烧\nunless:遮肉",
        examples_hit="三周甩掉赘肉",
        examples_pass="遮住小肚子上的赘肉",
    )
    response = _save(client, "/lexicon/entries/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    [saved] = [e for e in entries_at() if e.term == "赘肉"]
    assert saved.conditions == ("near:6:甩掉/燃烧", "unless:遮肉")
    page = client.get(f"/lexicon/entries/{saved.id}").get_data(as_text=True)
    assert "near:6:甩掉/燃烧\nunless:遮肉" in page


def test_a_bad_condition_is_refused_next_to_the_field(client, make_user, load_lexicon) -> None:
    version = load_lexicon(SLIM)
    login(client, make_user("legal"))
    data = _form(term="脂肪", category="ad_claim", conditions="near:很近:燃烧", action="save")
    page = client.post("/lexicon/entries/new", data=data).get_data(as_text=True)
    assert "邻近条件的字数“很近”" in page and "has-error" in page
    assert latest_version() == version


def test_a_condition_failing_its_examples_is_refused(client, make_user, load_lexicon) -> None:
    version = load_lexicon(SLIM)
    login(client, make_user("legal"))
    data = _form(term="脂肪", category="ad_claim", conditions="near:2:燃烧",
                 examples_hit="脂肪很多", examples_pass="第一次穿", action="save")  # fmt: skip
    response = client.post("/lexicon/entries/new", data=data)
    beside = refusal_in(response.get_data(as_text=True), "entry-form", "examples_hit")
    assert response.status_code == 400 and "示例“脂肪很多”：应命中“脂肪”，实际没有命中" in beside
    assert latest_version() == version


def test_conditions_are_a_field_of_the_diff_and_of_the_csv(load_lexicon) -> None:
    first = load_lexicon(SLIM)
    [stored] = entries_at()
    assert stored.conditions == SLIM.conditions
    wider = dataclasses.replace(SLIM, conditions=("near:8:甩掉/燃烧/消除",))
    second = commit_changes(
        ChangeSet(changed=[(stored.id, wider, True)], base_version=first),
        author=None,
        reason="扩大范围",
        kind="edit",
    ).id
    [(_was, now, fields)] = diff_versions(first, second).changed
    assert fields == ["conditions"] and now.entry.conditions == wider.conditions
    buffer = io.StringIO()
    write_entries(entries_at(), buffer)
    assert [e.conditions for e in read_entries(buffer.getvalue())] == [wider.conditions]


def test_a_bad_condition_is_refused_in_the_readers_language(
    client, monkeypatch, make_user, load_lexicon
) -> None:
    load_lexicon(SLIM)
    login(client, make_user("legal"))
    data = _form(term="脂肪", category="ad_claim", conditions="near:很近:燃烧", action="save")
    with merged_english(monkeypatch):
        page = client.post("/lexicon/entries/new?lang=en", data=data).get_data(as_text=True)
    assert "has-error" in page and (
        "Condition “near:很近:燃烧”: the distance “很近” of a proximity condition must be a whole "
        "number from 0 to " in page
    )
    assert "邻近条件" not in page  # the item and its parts stay as written, the rest is English


def test_a_condition_error_reads_chinese_and_translates_as_a_message_id(
    client, monkeypatch, make_user, load_lexicon
) -> None:
    """What the inbox's “add a condition” puts in its refusal (a MessageId parameter)."""
    error = parse_error("unless:")
    assert str(error) == "没有写文档标记"
    with merged_english(monkeypatch), client.application.test_request_context("/?lang=en"):
        assert MessageId(error.msgid, **error.params).translated() == "no document marker given"


def parse_error(item: str) -> ConditionError:
    try:
        parse_condition(item)
    except ConditionError as error:
        return error
    raise AssertionError(f"{item} parsed")


def test_a_condition_item_is_parsed_once_and_a_bad_one_is_refused_every_time() -> None:
    """Building a lexicon parses each entry's conditions to validate and to compile them, and the
    lists share long trigger lists: an item is parsed once per process (issue 18, session 17)."""
    item = "near:6:甩掉/燃烧/消除!消除疑虑"
    assert parse_condition(item) is parse_condition(item)
    assert parse_condition(item).triggers[2].exceptions == ("消除疑虑",)
    for _ in range(2):
        with pytest.raises(ConditionError):
            parse_condition("near:六:甩掉")
