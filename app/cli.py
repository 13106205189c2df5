"""Flask commands; each one is a thin call into a service."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import click
from flask import Flask
from flask.cli import AppGroup

from app.errors import DomainError
from app.models import API_SCOPES

users_cli = AppGroup("users", help="管理用户。")
wordlists_cli = AppGroup("wordlists", help="导入、导出词库。")
tokens_cli = AppGroup("tokens", help="管理 API 令牌。")


@users_cli.command("create")
@click.argument("username")
@click.option("--role", "roles", multiple=True, required=True, help="角色，可重复。")
@click.option("--display-name", default="", help="显示名。")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码。")
def create_user_command(
    username: str, roles: tuple[str, ...], display_name: str, password_stdin: bool
) -> None:
    """Create a user with one or more roles."""
    from app.auth.services import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("密码", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(username, password, list(roles), display_name=display_name)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"已创建用户 {user.username}（{user.role_labels}）")


@click.command("demo")
@click.option("--reset", is_flag=True, help="清空数据库中的内容后重新加载演示数据。")
@click.option("--if-empty", is_flag=True, help="数据库已有用户时什么也不做（供 make run 使用）。")
def demo_command(reset: bool, if_empty: bool) -> None:
    """Load demo users, channels, topics and pieces for a clothing brand."""
    from app.demo.loader import DemoAlreadyLoaded, database_is_empty, load_demo

    if if_empty and not database_is_empty():
        click.echo("数据库已有数据，跳过演示数据。")
        return
    try:
        logins = load_demo(reset=reset)
    except DemoAlreadyLoaded as error:
        raise click.ClickException(str(error)) from None
    click.echo("演示数据已加载。登录账号（用户名 / 密码 / 角色）：")
    for username, password, label in logins:
        click.echo(f"  {username:<10} {password:<14} {label}")


@click.command("demo-scale")
@click.option("--pieces", default=50_000, show_default=True, help="稿件数量。")
@click.option("--users", default=240, show_default=True, help="用户总数（含演示账号）。")
@click.option("--seed", default=16, show_default=True, help="随机种子：相同参数生成相同数据。")
@click.option(
    "--dictionary",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="大词库文件（每行一词）；默认 ../shared/data/lexicons/houbb-sensitive-word/。",
)
@click.option("--dictionary-limit", type=int, help="只导入大词库的前 N 条（测试用）。")
@click.option("--reset", is_flag=True, help="清空数据库后重新生成。")
def demo_scale_command(
    pieces: int,
    users: int,
    seed: int,
    dictionary: Path | None,
    dictionary_limit: int | None,
    reset: bool,
) -> None:
    """Load the demo plus a year of scale data: users, 12 channels, the 64k lexicon, pieces."""
    from app.demo.loader import DemoAlreadyLoaded
    from app.demo.scale import ScaleError, build_scale

    try:
        summary = build_scale(
            pieces=pieces,
            users=users,
            seed=seed,
            dictionary=dictionary,
            dictionary_limit=dictionary_limit,
            reset=reset,
            echo=click.echo,
        )
    except (DemoAlreadyLoaded, ScaleError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"规模数据已生成，用时 {summary.seconds:.0f} 秒：")
    for table, count in summary.counts.items():
        click.echo(f"  {table:<16} {count:>9,}")
    click.echo("演示账号照旧可用；生成的账号（如 writer001、reviewer002、legal003、manager004、")
    click.echo(f"admin006）密码均为 {summary.password}")


@click.command("worker")
@click.option("--once", is_flag=True, help="只执行一轮。")
def worker_command(once: bool) -> None:
    """The publish worker: loops over due work until stopped."""
    from app.worker import run_worker

    run_worker(once=once)


@click.command("publish-due")
@click.option("--dry-run", is_flag=True, help="只列出到期稿件将如何处理，不做任何修改。")
def publish_due_command(dry_run: bool) -> None:
    """One publishing pass (for cron): publish due pieces, raise missed alerts, send notices."""
    from app.publishing import commands

    _domain_errors_as_click(commands.publish_due, dry_run)


@click.command("watchdog")
def watchdog_command() -> None:
    """The independent watchdog (for cron, every minute): missed pieces and a stopped worker."""
    from app.publishing import commands

    _domain_errors_as_click(commands.watchdog)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
def backup_command(path: str) -> None:
    """Back up the database and the uploads into PATH (a .tar.gz file)."""
    from app.ops import commands

    _domain_errors_as_click(commands.make_backup, path)


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="不再确认（会覆盖当前数据库和上传文件）。")
def restore_command(path: str, yes: bool) -> None:
    """Restore the database and the uploads from a backup made with `flask backup`."""
    from app.ops import commands

    if not yes:
        click.confirm("恢复会覆盖当前数据库和上传文件，继续吗？", abort=True)
    _domain_errors_as_click(commands.restore_backup, path)


def _domain_errors_as_click(command: Callable[..., None], *args: object) -> None:
    """Run a command body; a DomainError becomes a click error (exit 1) with its message."""
    try:
        command(*args)
    except DomainError as error:
        raise click.ClickException(error.message) from None


@wordlists_cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--reason", default="从 CSV 文件导入词库", show_default=True, help="修改原因。")
@click.option("--if-empty", is_flag=True, help="数据库已有词库时什么也不做（供 make run 使用）。")
@click.option(
    "--skip-duplicates",
    is_flag=True,
    help="跳过归一化后与同类别前面词条重复的行（并报告），而不是拒绝整个文件。",
)
def wordlists_import_command(
    paths: tuple[str, ...], reason: str, if_empty: bool, skip_duplicates: bool
) -> None:
    """Load word-list CSV files into the database as one new lexicon version."""
    from app.checks.store import latest_version
    from app.lexicon.changes import import_files

    if if_empty and latest_version() != 0:
        click.echo(f"数据库已有词库（版本 {latest_version()}），跳过导入。")
        return

    def progress(done: int, total: int) -> None:
        click.echo(f"\r写入词条 {done}/{total}（{done * 100 // max(total, 1)}%）", nl=False)

    try:
        applied, changes = import_files(
            [Path(p) for p in paths],
            author=None,
            reason=reason,
            progress=progress,
            skip_duplicates=skip_duplicates,
        )
    except DomainError as error:
        raise click.ClickException(error.message) from None
    if changes.skipped:
        click.echo(f"跳过 {len(changes.skipped)} 条重复词条（归一化后与同类别前面的词条相同）：")
        for source, line, why in changes.skipped[:50]:
            click.echo(f"  {source} 第 {line} 行：{why}")
        if len(changes.skipped) > 50:
            click.echo(f"  ……另有 {len(changes.skipped) - 50} 条")
    if applied is None:
        click.echo(f"词库没有变化（{changes.unchanged} 条未变），未创建新版本。")
        return
    version = applied.version
    click.echo(
        f"\n已创建词库版本 {version.id}：新增 {version.added}，修改 {version.changed}，"
        f"删除 {version.removed}，未变 {changes.unchanged}，共 {version.entry_count} 条。"
    )
    if applied.flagged:
        click.echo(f"已标记 {applied.flagged} 篇被新词库禁止的已通过/已排期稿件，并已通知审核员。")


@wordlists_cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--version", "version", type=int, default=None, help="导出指定版本（默认当前）。")
def wordlists_export_command(directory: str, version: int | None) -> None:
    """Write the current (or a past) lexicon version as one CSV per category."""
    from app.lexicon.services import export_version

    for path in export_version(Path(directory), version):
        click.echo(f"已写入 {path}")


@click.command("check")
@click.argument("source", default="-", type=click.File("rb"))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="输出格式。",
)
@click.option("--channel", default=None, help="渠道代码或平台（如 wechat_oa），决定哪些词条适用。")
@click.option(
    "--fail-on",
    type=click.Choice(["warn", "review", "block"]),
    default="review",
    show_default=True,
    help="结论达到该级别时退出码为 1。",
)
@click.option("--jsonl", is_flag=True, help='批量：每行一个 {"id", "text"}，每行输出一份报告。')
@click.option("--title", default="", help="同时检查的标题。")
def check_command(
    source: IO[bytes], fmt: str, channel: str | None, fail_on: str, jsonl: bool, title: str
) -> None:
    """Check a text file (or - for stdin); exit 0 below --fail-on, 1 at or above, 2 on bad input."""
    from app.lexicon import commands

    sys.exit(
        commands.run_check(
            source, fmt=fmt, channel=channel, fail_on=fail_on, jsonl=jsonl, title=title
        )
    )


@tokens_cli.command("create")
@click.argument("username")
@click.option("--name", default="", help="令牌用途，便于日后识别。")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    type=click.Choice(API_SCOPES),
    help="权限范围，可重复：check（合规检查）、calendar:read（读日历）、schedule（排期）。",
)
@click.option("--days", type=int, default=None, help="有效天数（默认 90 天，最长 366 天）。")
def tokens_create_command(
    username: str, name: str, scopes: tuple[str, ...], days: int | None
) -> None:
    """Create an API token for a user with the given scopes and print it once."""
    from flask import current_app

    from app.api.services import create_token
    from app.models import utcnow

    lifetime = days if days is not None else current_app.config["API_TOKEN_DAYS"]
    try:
        secret, token = create_token(username, name, scopes=scopes, days=lifetime, now=utcnow())
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(secret)
    expires = token.expires_at.isoformat(timespec="seconds")
    click.echo(
        f"（令牌只显示这一次；前缀 {token.prefix} 可用于吊销；"
        f"权限 {' '.join(token.scope_list)}；{expires} 过期）",
        err=True,
    )


@tokens_cli.command("list")
def tokens_list_command() -> None:
    """List tokens: prefix, user, state, scopes, expiry, last use, name."""
    from app.api.services import list_tokens, token_state
    from app.models import utcnow

    now = utcnow()
    for token in list_tokens():
        state = token_state(token, now)
        used = (
            token.last_used_at.isoformat(timespec="seconds") if token.last_used_at else "从未使用"
        )
        expires = token.expires_at.isoformat(timespec="seconds")
        scopes = ",".join(token.scope_list)
        click.echo(
            f"{token.prefix}  {token.user.username:<12} {state:<4} {scopes:<28} "
            f"过期 {expires}  最近使用 {used}  {token.name}"
        )


@tokens_cli.command("revoke")
@click.argument("prefix")
def tokens_revoke_command(prefix: str) -> None:
    """Revoke a token by its prefix."""
    from app.api.services import revoke_token
    from app.models import utcnow

    try:
        revoke_token(prefix, now=utcnow())
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"已吊销令牌 {prefix}")


def init_app(app: Flask) -> None:
    """Register the commands on the app."""
    app.cli.add_command(users_cli)
    app.cli.add_command(wordlists_cli)
    app.cli.add_command(tokens_cli)
    app.cli.add_command(check_command)
    app.cli.add_command(demo_command)
    app.cli.add_command(demo_scale_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(publish_due_command)
    app.cli.add_command(watchdog_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
