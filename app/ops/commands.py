"""Output of the operations commands (`flask backup`, `flask restore`) for people."""

from __future__ import annotations

from pathlib import Path

import click

from app.ops import backup


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
