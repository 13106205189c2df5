"""The publish worker loop (`flask --app app worker`): the entry point `make run` starts.

Channel adapters and the exactly-once publisher arrive with the publishing issue; until then a
pass reports the scheduled pieces that are due so that operators can post them by hand.
"""

from __future__ import annotations

import logging
import signal
import time
from types import FrameType

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from app.compliance import warm_up
from app.extensions import db
from app.models import Piece, utcnow
from app.workflow import Status

log = logging.getLogger("hemline.worker")


def due_pieces() -> list[Piece]:
    """Scheduled pieces whose publish time has come."""
    query = select(Piece).where(
        Piece.status == Status.SCHEDULED.value, Piece.publish_at <= utcnow()
    )
    return list(db.session.scalars(query.order_by(Piece.publish_at)))


def run_once() -> int:
    """One pass; returns the number of due pieces found."""
    due = due_pieces()
    for piece in due:
        log.warning("稿件 #%s 已到发布时间（%s），等待发布。", piece.id, piece.channel.name)
    db.session.remove()
    return len(due)


def run_worker(*, once: bool = False) -> None:
    """Loop every WORKER_INTERVAL_SECONDS until SIGTERM/SIGINT; survive database outages."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    stopping = False

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    interval = current_app.config["WORKER_INTERVAL_SECONDS"]
    log.info("发布 worker 已启动，每 %s 秒检查一次；分词词典加载 %.2f 秒。", interval, warm_up())
    while not stopping:
        try:
            run_once()
        except OperationalError as error:
            db.session.remove()
            log.error("数据库暂不可用，稍后重试：%s", error.orig)
        if once:
            break
        for _ in range(interval * 10):
            if stopping:
                break
            time.sleep(0.1)
    log.info("发布 worker 已停止。")
