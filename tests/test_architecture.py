"""The pure core stays pure: no Flask, no database, no app code but other pure modules.

import-linter (`make lint`, contracts in pyproject.toml) checks the whole import graph, indirect
imports included; this test reads each pure module's own imports, so a slip shows up in pytest too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The pure core: the state machine, the compliance engine, the posting policy, the platform
# adapters, the notice vocabulary with its senders, and the message ids they return.
PURE = (
    "app.workflow",
    "app.messages",
    "app.compliance",
    "app.schedule.policy",
    "app.channels",
    "app.notifications.events",
    "app.notifications.senders",
)
BANNED = ("flask", "flask_babel", "flask_login", "flask_sqlalchemy", "flask_wtf", "flask_migrate")
BANNED += ("sqlalchemy", "werkzeug", "wtforms", "app")


def module_files(module: str) -> list[Path]:
    """The source files of a pure module or package."""
    path = ROOT / Path(*module.split("."))
    return sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


def imported_modules(path: Path) -> list[str]:
    """Every module ``path`` imports, relative imports resolved against its package."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            names.append(".".join(part for part in (base, node.module or "") if part))
    return names


def within(module: str, prefixes: tuple[str, ...]) -> bool:
    """True when ``module`` is one of ``prefixes`` or inside one of them."""
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def is_banned(module: str) -> bool:
    """True for Flask, database and app modules outside the pure core."""
    return not within(module, PURE) and within(module, BANNED)


def test_the_checker_catches_what_it_should() -> None:
    assert is_banned("flask") and is_banned("sqlalchemy.orm") and is_banned("app.models")
    assert is_banned("flask_babel") and is_banned("app.labels")
    assert not is_banned("app.channels.base") and not is_banned("httpx")
    assert not is_banned("app.compliance.engine") and not is_banned("app.workflow")


@pytest.mark.parametrize("module", PURE)
def test_a_pure_module_imports_no_flask_database_or_app_code(module: str) -> None:
    files = module_files(module)
    offenders = {
        f"{path.relative_to(ROOT)}: {imported}"
        for path in files
        for imported in imported_modules(path)
        if is_banned(imported)
    }

    assert files and all(path.is_file() for path in files)
    assert offenders == set()
