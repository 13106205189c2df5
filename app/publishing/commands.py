"""Output of the publishing command (`flask publish-due`) for people."""

from __future__ import annotations

import click

from app.models import utcnow
from app.notifications.outbox import process_outbox
from app.publishing import incidents, monitor, services


def publish_due(dry_run: bool) -> None:
    """One pass, or (dry run) the list of what a pass would do."""
    if dry_run:
        plans = services.plan_due()
        for plan in plans:
            click.echo(f"#{plan.piece_id} {plan.title}（{plan.channel}）：{plan.action}")
        click.echo(f"共 {len(plans)} 篇稿件到期（演练，未做任何修改）。")
        return
    counts = services.run_pass()
    counts["notices_sent"] = process_outbox()
    labels = {
        **services.OUTCOME_LABELS,
        "missed_alerts": "错过提醒",
        "sla_alerts": "审核超时提醒",
        "takedowns": "接口下架",
        "notices_sent": "通知已发送",
    }
    summary = "，".join(f"{labels.get(key, key)} {value}" for key, value in counts.items())
    click.echo(f"本轮完成：{summary}。")


def watchdog() -> None:
    """Run the independent watchdog now and say what it found (cron: `flask watchdog`)."""
    counts = monitor.check(force=True) or {}
    age = incidents.heartbeat_age(utcnow())
    beat = "从未收到心跳" if age is None else f"最近心跳 {int(age)} 秒前"
    click.echo(
        f"看门狗：错过提醒 {counts.get('missed_alerts', 0)}，发布进程告警 "
        f"{counts.get('worker_alerts', 0)}，恢复通知 {counts.get('recoveries', 0)}；{beat}。"
    )
