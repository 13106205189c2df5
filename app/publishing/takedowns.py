"""Take-downs through the 公众号 API (issue 19): freepublish/delete, run by the worker.

A withdrawal of consent opens a take-down task per published piece (``app.consent.services``).
Tasks on a 公众号 with an article id are tried here, once per pass, up to ``MAX_ATTEMPTS``: a
success closes the task (audited, people told); a permanent refusal or the last failed attempt
turns it into a manual task, so that a person deletes the article by hand and confirms.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select

from app.channels import PublishError, SettingsError
from app.channels.base import PermanentError
from app.channels.messages import said
from app.channels.wechat_oa import WeChatOAAdapter
from app.consent.services import finish_takedown, remind_takedowns, takedown_people
from app.extensions import db
from app.models import TakedownKind, TakedownState, TakedownTask, utcnow
from app.notifications.events import Event, Words
from app.notifications.services import notify
from app.publishing.adapters import build_adapter

log = logging.getLogger("hemline.dispatch")
MAX_ATTEMPTS = 3


def process_takedowns(now: datetime | None = None) -> int:
    """Try every open 公众号 take-down once, remind about the manual ones; returns how many
    were done."""
    at = now or utcnow()
    query = select(TakedownTask.id).where(
        TakedownTask.state == TakedownState.OPEN.value,
        TakedownTask.kind == TakedownKind.WECHAT.value,
    )
    done = 0
    for task_id in list(db.session.scalars(query.order_by(TakedownTask.id))):
        task = db.session.get(TakedownTask, task_id)
        if task is not None and _take_down(task, at):
            done += 1
        db.session.commit()
    remind_takedowns(at)  # manual ones still open a day later: tell the people again
    db.session.commit()
    return done


def _take_down(task: TakedownTask, now: datetime) -> bool:
    piece = task.piece
    task.attempts += 1
    try:
        adapter = build_adapter(piece.channel, piece.channel.publishing)
        if not isinstance(adapter, WeChatOAAdapter):
            raise PermanentError(said("wechat.not_wechat"), "not_wechat", "wechat_oa")
        article_id = task.article_id
        db.session.commit()  # no transaction open while the platform (and its token cache) works
        adapter.take_down(article_id)
    except (PublishError, ValueError) as error:
        words = Words(error.said) if isinstance(error, PublishError | SettingsError) else None
        words = words or Words.as_is(str(error))
        # Chinese as said, and its words for pages in the reader's language (issue 20)
        task.last_error, task.last_error_params = str(error)[:500], words.to_json() or None
        log.warning("下架稿件 #%s 失败：%s", piece.id, error)
        if isinstance(error, PublishError) and not isinstance(error, PermanentError):
            if task.attempts < MAX_ATTEMPTS:
                return False
        task.kind = TakedownKind.MANUAL.value  # a person deletes it and confirms
        title = Words.of("takedown", piece=piece.title)
        text = Words.of("takedown.api_failed", error=task.last_error)
        task.alerted_at = now
        notify(
            takedown_people(piece),
            Event.TAKEDOWN,
            title,
            text=text,
            url=f"/consent/takedowns#task-{task.id}",
            piece=piece,
            at=now,
        )
        return False
    task.last_error, task.last_error_params = "", None
    finish_takedown(task, None, Words.of("takedown.deleted"), now)
    return True
