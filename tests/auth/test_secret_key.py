"""Issue 14.1: no default secret key; the app refuses to start without a strong one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

from app import InsecureConfiguration, check_secret_key, create_app
from config import Config, _secret_key

ROOT = Path(__file__).resolve().parents[2]
STRONG = "k7Qm2vX9pL4sT8wZ1nB6cF3hJ5dR0yGeUaVtKiWo"


@pytest.mark.parametrize("env_name", ["production", "Production", "prod", "development"])
@pytest.mark.parametrize(
    "key",
    [None, "", "x", "dev-only-change-me", "test-secret-key", "a" * 40, "short-but-random-Zx9"],
)
def test_weak_or_missing_keys_refuse_to_start_in_every_environment(env_name, key) -> None:
    class Weak(Config):
        ENV_NAME = env_name
        SECRET_KEY = key
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    with pytest.raises(InsecureConfiguration, match="SECRET_KEY.*拒绝启动"):
        create_app(Weak)


def test_a_strong_key_starts_and_only_the_test_config_may_use_a_fixed_one() -> None:
    class Strong(Config):
        SECRET_KEY = STRONG
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    assert isinstance(create_app(Strong), Flask)
    check_secret_key(STRONG)  # no exception
    with pytest.raises(InsecureConfiguration):
        check_secret_key(STRONG[:31])  # 31 bytes


def test_the_key_comes_from_the_environment_else_the_instance_file(tmp_path: Path) -> None:
    key_file = tmp_path / "secret_key"
    assert _secret_key({}, key_file) is None  # no default anywhere
    key_file.write_text(STRONG + "\n", encoding="utf-8")
    assert _secret_key({}, key_file) == STRONG
    assert _secret_key({"SECRET_KEY": "from-env"}, key_file) == "from-env"
    assert _secret_key({"SECRET_KEY": ""}, key_file) == ""  # set but empty: refused, not replaced


def _start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "from app import create_app; create_app(); print('started')"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_empty_secret_key_refuses_to_start_with_a_chinese_message() -> None:
    """Today `SECRET_KEY=""` starts and then answers 500 to every request."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "HEMLINE_ENV"}}
    env |= {"SECRET_KEY": "", "DATABASE_URL": "sqlite://"}
    result = _start(env)
    assert result.returncode != 0 and "started" not in result.stdout
    assert "未设置 SECRET_KEY（或为空），拒绝启动" in result.stderr
    assert "instance/secret_key" in result.stderr  # says how to fix it
    result = _start(env | {"SECRET_KEY": "dev-only-change-me", "HEMLINE_ENV": "Production"})
    assert result.returncode != 0 and "公开的已知密钥" in result.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_writes_a_private_random_key_once(tmp_path: Path) -> None:
    for name in ("requirements.txt", "requirements-dev.txt"):  # the venv's stamp is newer
        shutil.copy(ROOT / name, tmp_path / name)
        os.utime(tmp_path / name, (0, 0))
    make = ["make", "-s", "-f", str(ROOT / "Makefile"), f"VENV={ROOT / '.venv'}"]
    subprocess.run([*make, "instance/secret_key"], cwd=tmp_path, check=True, timeout=60)
    key_file = tmp_path / "instance" / "secret_key"
    key = key_file.read_text(encoding="utf-8").strip()
    assert key_file.stat().st_mode & 0o777 == 0o600
    check_secret_key(key)  # strong enough for create_app
    subprocess.run([*make, "instance/secret_key"], cwd=tmp_path, check=True, timeout=60)
    assert key_file.read_text(encoding="utf-8").strip() == key  # made once, then kept
    assert "db: install instance/secret_key" in (ROOT / "Makefile").read_text(encoding="utf-8")
