"""The consent gate's reasons in the reader's language (issue 20 item 2): message keys with the
customer, the authorisation's number, channel and dates as parameters — in refusals, on the
consent panel and in the publish-time hold notice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import refresh
from sqlalchemy import select

from app.consent import services
from app.consent.services import ConsentMissing
from app.content.services import transition
from app.extensions import db
from app.models import Authorisation, Channel, Notification, Piece, PublishJob, User
from app.notifications import wording
from app.publishing.services import publish_due
from app.schedule import services as schedule_services
from app.workflow import Action
from tests.conftest import login
from tests.consent.conftest import NOW, TODAY, MakeAuthorisation, MakeUgc, brand_at
from tests.english import chinese_in, merged_english

CUSTOMER = "青柠"  # user content: shown as written in every language
OF = "The authorisation of “青柠” (#{n})"


def _none(make_ugc: MakeUgc, make_authorisation: MakeAuthorisation, channel: Channel) -> Piece:
    return make_ugc(channel, status="in_review")


def _attached(**fields: object) -> Callable[..., Piece]:
    def build(make_ugc: MakeUgc, make_authorisation: MakeAuthorisation, channel: Channel) -> Piece:
        row = make_authorisation(channel, customer=CUSTOMER, **fields)
        return make_ugc(channel, row, status="in_review")

    return build


def _other_channel(
    make_ugc: MakeUgc, make_authorisation: MakeAuthorisation, channel: Channel
) -> Piece:
    other = db.session.scalar(select(Channel).where(Channel.id != channel.id))
    return make_ugc(channel, make_authorisation(other, customer=CUSTOMER), status="in_review")


def _ended(how: str) -> Callable[..., Piece]:
    def build(make_ugc: MakeUgc, make_authorisation: MakeAuthorisation, channel: Channel) -> Piece:
        row = make_authorisation(channel, customer=CUSTOMER)
        piece = make_ugc(channel, row, status="in_review")
        legal = User.query.filter_by(username="cw-legal").one()
        getattr(services, how)(legal, row, "用户来电")
        return piece

    return build


# (scenario, channel kind, the Chinese reason, the English reason); {n}: the authorisation's id,
# {c}: the piece's channel
REASONS = [
    (_none, "xiaohongshu", "用户内容须先关联有效的用户授权", "User content needs a valid"),
    (
        _attached(valid_until=date(2026, 11, 30)),
        "xiaohongshu",
        "“青柠”的授权（#{n}）有效期至 2026-11-30，不覆盖 2026-12-01",
        OF + " is valid until 2026-11-30 and does not cover 2026-12-01",
    ),
    (
        _attached(valid_from=date(2026, 12, 2)),
        "xiaohongshu",
        "“青柠”的授权（#{n}）自 2026-12-02 起生效，2026-12-01 尚未生效",
        OF + " takes effect on 2026-12-02, not yet on 2026-12-01",
    ),
    (
        _other_channel,
        "xiaohongshu",
        "“青柠”的授权（#{n}）不包含渠道“{c}”",
        OF + " does not include the channel “{c}”",
    ),
    (
        _attached(),
        "channels",
        "“青柠”的授权（#{n}）不允许使用视频",
        OF + " does not allow using video",
    ),
    (
        _attached(allow_text=False, allow_photos=True),
        "channels",
        "“青柠”的授权（#{n}）不允许使用文字、视频",
        OF + " does not allow using the text or video",
    ),
    (
        _ended("withdraw"),
        "xiaohongshu",
        "“青柠”的授权（#{n}）已撤回",
        OF + " has been withdrawn",
    ),
    (
        _ended("erase"),
        "xiaohongshu",
        "“（已删除 #{n}）”的授权（#{n}）已按用户要求删除",
        "The authorisation of “（已删除 #{n}）” (#{n}) was deleted at the customer’s request",
    ),
]


@pytest.mark.parametrize(("scenario", "kind", "chinese", "english"), REASONS)
def test_each_reason_reads_in_chinese_and_english_with_its_parameters(
    app: Flask,
    monkeypatch: pytest.MonkeyPatch,
    make_ugc: MakeUgc,
    make_authorisation: MakeAuthorisation,
    make_channel: Callable[..., Channel],
    make_user: Callable[..., User],
    scenario: Callable[..., Piece],
    kind: str,
    chinese: str,
    english: str,
) -> None:
    channel = make_channel(kind)
    if scenario is _other_channel:
        make_channel("weibo")
    make_user("legal", username="cw-legal")
    piece = scenario(make_ugc, make_authorisation, channel)
    rows = services.authorisations_of(piece)
    number = rows[0].id if rows else 0
    chinese = chinese.format(n=number, c=channel.name)
    english = english.format(n=number, c=channel.name)

    [reason] = services.reasons(piece, TODAY)

    assert str(reason) == wording.say(reason) == chinese  # outside a request: Chinese
    assert services.problems(piece, TODAY) == [chinese]
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        refresh()
        said, html = wording.say(reason), str(wording.write(reason))
    assert said.startswith(english)
    names = [name for name in (*(row.customer for row in rows), channel.name) if name in said]
    for name in names:  # customers and channels are marked as user content where shown
        assert f"<span data-user-content>{name}</span>" in html
        said = said.replace(name, "")
    assert chinese_in(said) == []  # nothing else is left in Chinese


def test_a_refusal_in_english_mode_reads_english_on_the_form_and_in_json(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    make_ugc: MakeUgc,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    channel = make_channel("xiaohongshu")
    row = make_authorisation(channel, customer=CUSTOMER, valid_until=date(2026, 11, 30))
    piece = make_ugc(channel, row, status="in_review")
    login(client, make_user("reviewer"))
    data = {"revision_id": str(piece.current_revision_id), "decision": "approve", "reason": "好"}
    with merged_english(monkeypatch):
        page = client.post(f"/review/{piece.id}/decide?lang=en", data=data)
        as_json = client.post(
            f"/review/{piece.id}/decide?lang=en", data=data, headers={"Accept": "application/json"}
        )
    expected = (
        f"Cannot approve: The authorisation of “{CUSTOMER}” (#{row.id}) is valid until "
        "2026-11-30 and does not cover 2026-12-01."
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 409
    assert (
        f"Cannot approve: The authorisation of “青柠” (#{row.id}) is valid until 2026-11-30" in html
    )
    assert "不能通过审核" not in html and "有效期至" not in html
    assert as_json.status_code == 409 and as_json.json["message"] == expected
    assert as_json.json["problems"] == [expected.removeprefix("Cannot approve: ")[:-1]]


def test_refusals_name_what_was_refused_in_each_language(
    app: Flask,
    monkeypatch: pytest.MonkeyPatch,
    make_ugc: MakeUgc,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
    make_user: Callable[..., User],
) -> None:
    channel = make_channel("xiaohongshu")
    ended = make_authorisation(channel, customer=CUSTOMER, valid_until=date(2026, 12, 10))
    other = make_authorisation(make_channel("weibo"), customer="阿杏")
    piece = make_ugc(channel, ended)
    services.attach(piece.owner, piece, other)  # approved pieces may gain an attachment
    reviewer = make_user("reviewer")
    at = brand_at(date(2026, 12, 11))

    with pytest.raises(ConsentMissing) as chinese:
        schedule_services.schedule(reviewer, piece, at, now=NOW)
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        refresh()
        with pytest.raises(ConsentMissing) as english:
            schedule_services.schedule(reviewer, piece, at, now=NOW)

    assert chinese.value.message == (
        f"不能排在 2026-12-11：“青柠”的授权（#{ended.id}）有效期至 2026-12-10，不覆盖 2026-12-11；"
        f"“阿杏”的授权（#{other.id}）不包含渠道“{channel.name}”。"
    )
    assert english.value.message == (
        f"Cannot schedule on 2026-12-11: The authorisation of “青柠” (#{ended.id}) is valid until "
        f"2026-12-10 and does not cover 2026-12-11; The authorisation of “阿杏” (#{other.id}) "
        f"does not include the channel “{channel.name}”."
    )
    assert str(english.value.words) == chinese.value.message  # the words themselves: Chinese


def test_the_hold_notice_reads_english_for_an_english_reader(
    app: Flask,
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    make_ugc: MakeUgc,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
) -> None:
    channel = make_channel("xiaohongshu")
    row = make_authorisation(channel, customer=CUSTOMER, valid_until=date(2026, 12, 1))
    piece = make_ugc(channel, row, status="approved")
    transition(piece, Action.SCHEDULE, None)
    piece.publish_at = NOW + timedelta(days=1)
    db.session.commit()

    publish_due(NOW + timedelta(days=1, minutes=1))

    chinese = (
        f"发布前核对用户授权未通过：“青柠”的授权（#{row.id}）有效期至 2026-12-01，不覆盖 2026-12-02"
    )
    notice = db.session.scalars(
        select(Notification).where(
            Notification.user_id == piece.owner_id, Notification.event == "held"
        )
    ).one()
    assert notice.text == chinese  # stored in Chinese for bots, e-mail and search
    assert db.session.get(PublishJob, piece.id).last_error == chinese
    login(client, piece.owner)
    with merged_english(monkeypatch):
        page = client.get("/notifications/?lang=en").get_data(as_text=True)
    assert (
        "Customer authorisation check before publishing failed: The authorisation of "
        f"“<span data-user-content>{CUSTOMER}</span>” (#{row.id}) is valid until "
        "<span data-user-content>2026-12-01</span> and does not cover "
        "<span data-user-content>2026-12-02</span>"
    ) in page
    assert "发布前核对" not in page


def test_the_consent_panel_says_its_reasons_and_uses_in_english(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    make_ugc: MakeUgc,
    make_channel: Callable[..., Channel],
    make_authorisation: MakeAuthorisation,
) -> None:
    channel = make_channel("xiaohongshu")
    row = make_authorisation(channel, customer=CUSTOMER, valid_from=date(2026, 12, 2))
    piece = make_ugc(channel, row, status="in_review")
    login(client, piece.owner)
    with merged_english(monkeypatch):
        page = client.get(f"/pieces/{piece.id}?lang=en").get_data(as_text=True)
    assert (
        f"The authorisation of “<span data-user-content>{CUSTOMER}</span>” (#{row.id}) takes "
        "effect on <span data-user-content>2026-12-02</span>"
    ) in page
    assert "尚未生效" not in page

    db.session.get(Authorisation, row.id).valid_from = date(2026, 11, 1)
    db.session.commit()
    with merged_english(monkeypatch):
        page = client.get(f"/pieces/{piece.id}?lang=en").get_data(as_text=True)
    assert "Authorised on 2026-12-01 for this channel: text." in page
    assert "使用文字" not in page
