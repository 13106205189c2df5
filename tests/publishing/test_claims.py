"""Exactly once: exclusive claims, leases that expire, fencing, and resuming from checkpoints."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest
from flask import Flask

from app.extensions import db
from app.models import JobState, Piece, PublishJob
from app.publishing import leases, services
from app.workflow import Action, Status
from tests.channels.fakes import WebhookReceiver, WeChatFake
from tests.publishing.conftest import NOW, add_cover, later

DuePiece = Callable[..., Piece]


class Crash(BaseException):
    """The worker process dies (kill -9): nothing after this point runs, no handler catches it."""


def in_threads(app: Flask, count: int, work: Callable[[int], object]) -> list[object]:
    """Run ``work(i)`` in ``count`` threads, each with its own app context and session."""
    results: list[object] = [None] * count
    errors: list[BaseException] = []

    def run(index: int) -> None:
        with app.app_context():
            try:
                results[index] = work(index)
            except BaseException as error:  # reported to the test below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def crash_after_saving(monkeypatch: pytest.MonkeyPatch, step: str) -> Callable[[], None]:
    """Make the worker die right after it committed a checkpoint holding ``step``.

    Per-article keys (``thumb_media_id:7``) count as their step. Returns the undo.
    """
    saver = leases.checkpoint_saver

    def dying_saver(piece_id: int, clock: leases.Clock) -> Callable[[dict], None]:
        save = saver(piece_id, clock)

        def save_then_die(checkpoint: dict) -> None:
            save(checkpoint)  # committed: this survives the crash
            if any(key.partition(":")[0] == step for key in checkpoint):
                raise Crash(f"killed after saving {step}")

        return save_then_die

    monkeypatch.setattr(leases, "checkpoint_saver", dying_saver)
    return lambda: monkeypatch.setattr(leases, "checkpoint_saver", saver)


@pytest.mark.real_db  # two threads claim through connections of their own
def test_only_one_of_two_simultaneous_claims_wins(
    app: Flask, webhook_channel, due_piece: DuePiece
) -> None:
    piece_id = due_piece(webhook_channel).id
    barrier = threading.Barrier(2)

    def claim(_index: int) -> bool:
        barrier.wait()
        won = leases.claim_scheduled(piece_id, NOW)
        if won:
            time.sleep(0.2)  # hold the claim while the other worker tries
            piece = db.session.get(Piece, piece_id)
            services.transition(piece, Action.START_PUBLISHING, None)
        db.session.commit()
        return won

    assert sorted(in_threads(app, 2, claim)) == [False, True]
    db.session.expire_all()
    assert db.session.get(Piece, piece_id).status == Status.PUBLISHING


@pytest.mark.real_db  # two threads claim through connections of their own
def test_two_workers_publish_fifty_pieces_each_exactly_once(
    app: Flask, webhook_channel, receiver: WebhookReceiver, due_piece: DuePiece
) -> None:
    ids = [due_piece(webhook_channel).id for _ in range(50)]

    reports = in_threads(app, 2, lambda _i: services.publish_due(later(seconds=1)))

    keys = Counter(request["idempotency_key"] for request in receiver.requests)
    assert len(keys) == 50 and max(keys.values()) == 1
    assert sum(report.count("published") for report in reports) == 50  # type: ignore[attr-defined]
    db.session.expire_all()
    assert {db.session.get(Piece, i).status for i in ids} == {Status.PUBLISHED}


def test_a_lease_expires_so_another_worker_takes_over(
    webhook_channel, receiver: WebhookReceiver, due_piece: DuePiece, as_worker, monkeypatch
) -> None:
    piece = due_piece(webhook_channel)
    as_worker("worker-a")
    monkeypatch.setattr(
        services, "_publish", lambda *_: (_ for _ in ()).throw(Crash("killed after the claim"))
    )
    with pytest.raises(Crash):
        services.publish_due(NOW)
    monkeypatch.undo()
    job = db.session.get(PublishJob, piece.id)
    assert (job.lease_owner, job.state) == ("worker-a", JobState.RUNNING)

    as_worker("worker-b")
    assert services.publish_due(later(seconds=119)).count() == 0  # the lease still holds
    report = services.publish_due(later(seconds=121))

    assert report.outcomes == {"published": [piece.id]} and len(receiver.requests) == 1
    db.session.expire_all()
    assert db.session.get(PublishJob, piece.id).attempts == 2


def test_a_worker_whose_lease_was_taken_over_cannot_record_anything(
    webhook_channel, due_piece: DuePiece, as_worker
) -> None:
    piece = due_piece(webhook_channel)
    as_worker("worker-a")
    db.session.commit()
    assert leases.claim_scheduled(piece.id, NOW)
    services._open_job(db.session.get(Piece, piece.id), NOW)
    services.transition(piece, Action.START_PUBLISHING, None)
    db.session.commit()
    as_worker("worker-b")
    assert leases.claim_job(piece.id, later(minutes=5))
    db.session.commit()

    as_worker("worker-a")
    save = leases.checkpoint_saver(piece.id, lambda: later(minutes=5))
    with pytest.raises(leases.LeaseLost):
        save({"delivered_at": "1"})
    db.session.expire_all()
    assert db.session.get(PublishJob, piece.id).checkpoint == {}


@pytest.mark.parametrize("crash_after", ["thumb_media_id", "draft_media_id", "publish_id"])
def test_resuming_after_a_crash_creates_no_second_draft(
    app: Flask,
    wechat_channel,
    wechat: WeChatFake,
    due_piece: DuePiece,
    as_worker,
    monkeypatch: pytest.MonkeyPatch,
    crash_after: str,
) -> None:
    piece = due_piece(wechat_channel)
    add_cover(app, piece)

    as_worker("worker-a")
    undo = crash_after_saving(monkeypatch, crash_after)
    with pytest.raises(Crash):
        services.publish_due(NOW)
    undo()
    db.session.rollback()
    as_worker("worker-b")

    report = services.publish_due(later(minutes=3))

    assert report.outcomes == {"published": [piece.id]}
    assert (len(wechat.materials), len(wechat.drafts), len(wechat.publishes)) == (1, 1, 1)
    assert wechat.calls.count("/cgi-bin/freepublish/submit") == 1


def test_a_publish_still_in_progress_is_polled_later(
    app: Flask, wechat_channel, wechat: WeChatFake, due_piece: DuePiece
) -> None:
    app.config["PUBLISH_POLL_SECONDS"] = 30.0
    wechat.polls_until_done = 100
    piece = due_piece(wechat_channel)
    add_cover(app, piece)

    assert services.publish_due(NOW).outcomes == {"polling": [piece.id]}
    job = db.session.get(PublishJob, piece.id)
    assert job.state == JobState.PENDING and job.next_attempt_at == later(seconds=30)
    assert job.platform_id == job.checkpoint["publish_id"]
    wechat.polls_until_done = 0

    assert services.publish_due(later(seconds=30)).outcomes == {"published": [piece.id]}
    assert len(wechat.publishes) == 1


def test_a_group_send_resumed_after_a_crash_is_sent_once_for_all_its_pieces(
    app: Flask,
    wechat_channel,
    wechat: WeChatFake,
    due_piece: DuePiece,
    as_worker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pieces = [due_piece(wechat_channel) for _ in range(3)]
    for piece in pieces:
        add_cover(app, piece)

    as_worker("worker-a")
    undo = crash_after_saving(monkeypatch, "draft_media_id")
    with pytest.raises(Crash):
        services.publish_due(NOW)
    undo()
    db.session.rollback()
    as_worker("worker-b")

    assert services.publish_due(later(seconds=60)).count() == 0  # worker-a's lease still holds
    report = services.publish_due(later(minutes=3))

    assert report.outcomes == {"published": [p.id for p in pieces]}
    assert (len(wechat.drafts), len(wechat.publishes)) == (1, 1)
    assert wechat.calls.count("/cgi-bin/freepublish/submit") == 1
