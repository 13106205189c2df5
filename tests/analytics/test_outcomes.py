"""The dashboard's publishing outcomes of a period: on time, late (after the channel's late
threshold), held, failed, missed — counted the same by PostgreSQL (the fast path) and in Python."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from app.analytics import services
from app.extensions import db
from app.models import ChannelPublishing, JobState, Piece, PublishJob

DUE = datetime(2026, 12, 1, 4, tzinfo=UTC)  # 12:00 in Shanghai


def job(piece: Piece, state: JobState, finished: timedelta | None = None, **extra: object) -> None:
    piece.publish_at = DUE
    db.session.add(
        PublishJob(
            piece_id=piece.id,
            state=state.value,
            finished_at=None if finished is None else DUE + finished,
            **extra,
        )
    )


@pytest.mark.parametrize("fast", [True, False])
def test_outcomes_by_state_and_late_threshold(make_piece: Callable[..., Piece], fast: bool) -> None:
    first = make_piece(title="准时")
    channel = first.channel
    db.session.add(
        ChannelPublishing(channel_id=channel.id, adapter="manual", late_after_minutes=10)
    )
    job(first, JobState.DONE, timedelta(minutes=9))
    job(make_piece(channel=channel, title="迟发"), JobState.DONE, timedelta(minutes=11))
    job(make_piece(channel=channel, title="暂停"), JobState.BLACKOUT)
    job(make_piece(channel=channel, title="失败"), JobState.FAILED, timedelta(minutes=1))
    job(make_piece(channel=channel, title="错过"), JobState.PENDING, missed_at=DUE)
    other = make_piece(title="默认阈值")  # no settings: the default 30 minutes
    job(other, JobState.DONE, timedelta(minutes=25))
    job(make_piece(channel=other.channel, title="等待"), JobState.PENDING)
    db.session.commit()

    day = services.Filters("day", date(2026, 12, 1))
    current, before = day.windows(date(2026, 12, 1))
    assert services.outcomes(day, current, fast) == {
        "on_time": 2,
        "late": 1,
        "held": 1,
        "failed": 1,
        "missed": 1,
    }
    assert sum(services.outcomes(day, before, fast).values()) == 0
    only = services.Filters("day", date(2026, 12, 1), channel_id=other.channel_id)
    assert services.outcomes(only, current, fast)["on_time"] == 1
