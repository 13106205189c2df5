"""The publish worker loop (`flask --app app worker`): the entry point `make run` starts.

Each pass writes this worker's heartbeat, publishes due pieces exactly once
(app.publishing.services.publish_due), runs the watchdog for missed pieces and stopped workers and
runs confirmed browser imports of word lists and sends queued bot/e-mail notices. Any number of
workers may run.
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable
from types import FrameType

from flask import current_app
from sqlalchemy.exc import DBAPIError

from app.analytics.schedule import run_due
from app.compliance import warm_up
from app.extensions import db
from app.lexicon.transfer import run_imports
from app.models import utcnow
from app.notifications.outbox import process_outbox
from app.publishing import incidents, monitor
from app.publishing.services import run_pass

log = logging.getLogger("hemline.worker")


def run_once() -> int:
    """One pass: heartbeat, publish due pieces, watch for missed ones and for stopped workers
    (app.publishing.monitor, at most once a minute across processes), send notices; returns
    pieces handled."""
    try:
        incidents.beat(utcnow())
        counts = run_pass()
        for key, value in (monitor.check() or {}).items():
            counts[key] = counts.get(key, 0) + value
        counts["lexicon_imports"] = run_imports()
        counts["analytics_tasks"] = run_due(utcnow())  # 公众号 pull, the reports (issue 17)
        counts["notices_sent"] = process_outbox()
    finally:
        db.session.remove()
    if any(counts.values()):
        log.info("本轮：%s", "，".join(f"{key} {value}" for key, value in counts.items()))
    return sum(v for k, v in counts.items() if k not in ("notices_sent", "analytics_tasks"))


def run_worker(*, once: bool = False) -> None:
    """Loop every WORKER_INTERVAL_SECONDS until SIGTERM/SIGINT; survive database outages."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    stopping = False

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    interval = current_app.config["WORKER_INTERVAL_SECONDS"]
    log.info("发布进程已启动，每 %s 秒检查一次；分词词典加载 %.2f 秒。", interval, warm_up())
    outage = Outage()
    while not stopping:
        wait = outage.after_pass(interval)
        if once:
            break
        for _ in range(int(wait * 10)):
            if stopping:
                break
            time.sleep(0.1)
    _record_stop()
    log.info("发布进程已停止。")


class Outage:
    """One pass at a time, with a back-off while the database is unreachable.

    A database that goes away (restart, failover) is logged once with the error, retried after
    1, 2, 4 … seconds up to the worker's interval, and its return is logged with how long it was
    away — never a silent wait.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.since: float | None = None  # when the current outage began
        self.failures = 0

    def after_pass(self, interval: float) -> float:
        """Run one pass; the seconds to wait before the next one."""
        try:
            run_once()
        except DBAPIError as error:
            db.session.remove()
            self.failures += 1
            if self.since is None:
                self.since = self.clock()
                log.error("数据库暂不可用，稍后重试：%s", error.orig)
            else:
                log.warning("数据库仍不可用（第 %s 次重试）：%s", self.failures, error.orig)
            return float(min(2 ** (self.failures - 1), max(interval, 1)))
        except Exception:  # a bug in one pass must not stop publishing for good
            db.session.remove()
            log.exception("本轮发布出错，下一轮继续")
        if self.since is not None:
            away = self.clock() - self.since
            log.warning("数据库已恢复（中断约 %.0f 秒，重试 %s 次）。", away, self.failures)
            self.since, self.failures = None, 0
        return float(interval)


def _record_stop() -> None:
    """Say in the heartbeat table that this worker stopped on purpose (best effort)."""
    try:
        incidents.stopped(utcnow())
    except DBAPIError:
        log.warning("数据库不可用，未能记录发布进程的停止。")
    finally:
        db.session.remove()
