"""app.publishing stays pure: no Flask, no database, no app models (the runner builds on it)."""

from __future__ import annotations

import ast
from pathlib import Path

import app.publishing

PACKAGE = Path(app.publishing.__file__).parent
BANNED = ("flask", "flask_sqlalchemy", "flask_migrate", "sqlalchemy", "werkzeug", "app")
ALLOWED = ("app.publishing",)


def imported_modules(path: Path) -> list[str]:
    """Every module ``path`` imports, relative imports resolved against the package."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "app.publishing" if node.level == 1 else "app" if node.level else ""
            names.append(".".join(part for part in (base, node.module or "") if part))
    return names


def is_banned(module: str) -> bool:
    """True for Flask, database and app modules outside app.publishing."""
    if any(module == ok or module.startswith(ok + ".") for ok in ALLOWED):
        return False
    return any(module == bad or module.startswith(bad + ".") for bad in BANNED)


def test_the_checker_catches_what_it_should() -> None:
    assert is_banned("flask") and is_banned("sqlalchemy.orm") and is_banned("app.models")
    assert not is_banned("app.publishing.base") and not is_banned("httpx")


def test_publishing_imports_no_flask_database_or_app_code() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    offenders = {
        f"{path.name}: {module}"
        for path in files
        for module in imported_modules(path)
        if is_banned(module)
    }

    assert len(files) >= 7
    assert offenders == set()
