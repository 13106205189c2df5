"""A take-down that the 公众号 API could not do says why in the reader's language (issue 20):
the task keeps the error's words next to its Chinese text; older tasks show their stored text.
So does the publish job a withdrawal stopped."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from app.consent import services
from app.extensions import db
from app.models import Channel, JobState, PublishJob, TakedownKind, TakedownTask, User
from app.publishing.takedowns import process_takedowns
from tests.conftest import login
from tests.consent.conftest import NOW, MakeAuthorisation, MakeUgc
from tests.english import merged_english

CHINESE = "渠道已不再通过公众号接口发布"
ENGLISH = "The channel no longer publishes through the Official Account API"


def test_a_failed_api_take_down_reads_in_the_readers_language(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_ugc: MakeUgc,
    make_user: Callable[..., User],
) -> None:
    channel = make_channel()  # no 公众号 settings (any more): the API cannot delete the post
    row = make_authorisation(channel)
    piece = make_ugc(channel, row, status="published")
    older_piece = make_ugc(channel, row, status="published", title="旧稿件")
    task = TakedownTask(piece=piece, authorisation=row, kind="wechat", article_id="article-1")
    older = TakedownTask(
        piece=older_piece, authorisation=row, kind="manual", last_error="旧版本保存的错误"
    )
    db.session.add_all([task, older])
    db.session.commit()

    assert process_takedowns(NOW) == 0

    db.session.refresh(task)
    assert task.kind == TakedownKind.MANUAL.value  # a person deletes it now
    assert task.last_error == CHINESE  # as said, for the logs
    assert task.last_error_params == [["wechat.not_wechat", {}]]
    login(client, make_user("legal"))
    with merged_english(monkeypatch):
        english = client.get("/consent/takedowns?lang=en").get_data(as_text=True)
        panel = client.get(f"/consent/{row.id}?lang=en").get_data(as_text=True)
    chinese = client.get("/consent/takedowns?lang=zh_Hans_CN").get_data(as_text=True)

    assert ENGLISH in english and CHINESE not in english
    assert ENGLISH in panel and CHINESE not in panel
    assert "<span data-user-content>旧版本保存的错误</span>" in english
    assert CHINESE in chinese


def test_a_job_stopped_by_a_withdrawal_says_so_in_the_readers_language(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_ugc: MakeUgc,
    make_user: Callable[..., User],
) -> None:
    channel = make_channel()
    row = make_authorisation(channel, customer="青柠")
    piece = make_ugc(channel, row, status="scheduled")
    db.session.add(PublishJob(piece_id=piece.id, state=JobState.PENDING.value))
    db.session.commit()

    services.withdraw(make_user("legal"), row, "用户私信要求撤回")

    job = db.session.get(PublishJob, piece.id)
    assert job is not None and job.state == JobState.STOPPED
    assert job.last_error == f"用户撤回授权（#{row.id} 青柠）"  # Chinese, as before
    login(client, piece.owner)
    with merged_english(monkeypatch):
        english = client.get(f"/pieces/{piece.id}?lang=en").get_data(as_text=True)
    assert (
        f"The customer withdrew the authorisation (#{row.id} "
        "<span data-user-content>青柠</span>)" in english
    )
    assert "用户撤回授权" not in english
