"""``flask metrics …``: import metric files from the command line."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import click
from flask.cli import AppGroup

from app.analytics import imports
from app.errors import DomainError

metrics_cli = AppGroup("metrics", help="导入平台数据（阅读、互动、转化）。")


@metrics_cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--source", default=imports.CANONICAL_SOURCE, show_default=True, help="数据来源（列映射）名称。"
)
@click.option("--channel", "channel_code", default="", help="文件里没有渠道列时使用的渠道代码。")
def import_command(paths: tuple[str, ...], source: str, channel_code: str) -> None:
    """Import CSV/XLSX metric files; each file is all or nothing, re-imports replace."""
    failed = False
    for name in paths:
        try:
            batch, result = imports.import_file(Path(name), source, channel_code)
        except DomainError as error:
            failed = True
            click.echo(f"{name}：{error.message}", err=True)
            continue
        click.echo(
            f"{name}：新增 {batch.rows_inserted} 行，替换 {batch.rows_replaced} 行，"
            f"未匹配稿件而跳过 {batch.rows_skipped} 行。"
        )
        for row in result.unmatched:
            click.echo(f"  未匹配：第 {row.line} 行 {row.describe()}")
    if failed:
        raise SystemExit(1)


@metrics_cli.command("pull")
@click.option("--channel", "channel_code", required=True, help="公众号渠道代码。")
@click.option("--date", "day", default="", help="数据日期 YYYY-MM-DD，默认昨天（品牌时区）。")
def pull_command(channel_code: str, day: str) -> None:
    """Pull a 公众号's figures for one day through the datacube API (is_delay: nothing saved)."""
    from app.analytics import pull

    try:
        wanted = date.fromisoformat(day) if day else yesterday()
    except ValueError:
        raise click.ClickException("日期格式应为 2026-12-01。") from None
    try:
        done = pull.pull(channel_code, wanted)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    batch = done.batch
    click.echo(
        f"{channel_code} {wanted.isoformat()}：新增 {batch.rows_inserted} 行，"
        f"替换 {batch.rows_replaced} 行，未匹配稿件而跳过 {batch.rows_skipped} 行"
        f"（调用数据接口 {done.calls} 次）。"
    )
    for row in done.preview.unmatched:
        click.echo(f"  未匹配：{row.describe()}")
    figures = done.account.values

    def shown(value: int | None) -> str:
        return "—" if value is None else f"{value:,}"

    click.echo(
        f"  账号概况（已保存）：阅读 {shown(figures['reads'])}，分享 {shown(figures['shares'])}，"
        f"发表 {shown(figures['articles'])} 篇；新关注 {shown(figures['new_followers'])}，"
        f"取消关注 {shown(figures['cancelled_followers'])}，"
        f"净增 {shown(done.account.net_followers)}，总关注 {shown(figures['followers'])}。"
    )


def yesterday() -> date:
    """The day before today in the brand zone."""
    from app.models import utcnow
    from app.zones import brand_zone

    return utcnow().astimezone(brand_zone()).date() - timedelta(days=1)


@metrics_cli.command("rollup")
@click.option("--from", "first", default="", help="第一天 YYYY-MM-DD，默认最早的数据日期。")
@click.option("--to", "last", default="", help="最后一天 YYYY-MM-DD，默认最新的数据日期。")
def rollup_command(first: str, last: str) -> None:
    """Rebuild the dashboard's rollups from the metric rows (all days, or --from … --to)."""
    import time

    from app.analytics import rollup
    from app.extensions import db

    try:
        low = date.fromisoformat(first) if first else None
        high = date.fromisoformat(last) if last else None
    except ValueError:
        raise click.ClickException("日期格式应为 2026-12-01。") from None
    if low and high and low > high:
        raise click.ClickException("--from 不能晚于 --to。")
    started = time.perf_counter()
    written = rollup.rebuild(low, high)
    db.session.commit()
    click.echo(
        f"汇总已重建：每日汇总 {written['metric_daily']} 行，稿件周期汇总 "
        f"{written['metric_piece_period']} 行，用时 {time.perf_counter() - started:.1f} 秒。"
    )


@metrics_cli.command("sources")
def sources_command() -> None:
    """List the saved sources (column mappings)."""
    for source in imports.sources():
        click.echo(f"{source.name:<24} {source.channel_kind or '-':<12} {source.note}")
    from app.extensions import db

    db.session.commit()


@click.command("digest")
@click.option(
    "--period",
    type=click.Choice(["day", "week", "month"]),
    required=True,
    help="日报、周报或月报。",
)
@click.option("--dry-run", is_flag=True, help="只显示报告内容，不发送。")
def digest_command(period: str, dry_run: bool) -> None:
    """Send (or show) the operations report of the last complete day, week or month."""
    from app.analytics import digests
    from app.models import utcnow

    report = digests.send(period, utcnow(), dry_run=dry_run)
    click.echo(report.title)
    click.echo(report.text)
    if not dry_run:
        click.echo("已发送给经理（并按通知路由转发到群机器人和邮件）。")
