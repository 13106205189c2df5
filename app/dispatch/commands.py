"""Output of the publishing commands (`flask publish-due`, `backup`, `restore`) for people."""

from __future__ import annotations

from pathlib import Path

import click

from app.dispatch import backup, services
from app.dispatch.alerts import process_outbox


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
        "notices_sent": "通知已发送",
    }
    summary = "，".join(f"{labels.get(key, key)} {value}" for key, value in counts.items())
    click.echo(f"本轮完成：{summary}。")


def make_backup(path: str) -> None:
    """Write a backup and say what is in it."""
    manifest = backup.backup(Path(path))
    click.echo(
        f"已备份到 {path}：{manifest.dialect} 数据库（迁移版本 {manifest.alembic_revision}），"
        f"上传文件 {manifest.upload_files} 个。"
    )


def restore_backup(path: str) -> None:
    """Restore a backup and say what was restored."""
    manifest = backup.restore(Path(path))
    click.echo(
        f"已从 {path} 恢复 {manifest.created_at} 的备份（迁移版本 {manifest.alembic_revision}，"
        f"上传文件 {manifest.upload_files} 个）。如代码更新过，请再运行 flask db upgrade。"
    )
