"""Flask commands; each one is a thin call into a service."""

from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import AppGroup

from app.errors import DomainError

users_cli = AppGroup("users", help="管理用户。")


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


@click.command("worker")
@click.option("--once", is_flag=True, help="只执行一轮。")
def worker_command(once: bool) -> None:
    """The publish worker: loops over due work until stopped."""
    from app.worker import run_worker

    run_worker(once=once)


def init_app(app: Flask) -> None:
    """Register the commands on the app."""
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(worker_command)
