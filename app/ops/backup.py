"""Backup and restore of the database and the uploads (``flask backup`` / ``flask restore``).

A backup is one ``.tar.gz``: ``manifest.json``, the database (``database.sqlite3`` made with
SQLite's online backup API, or ``database.pgdump`` from ``pg_dump --format=custom``) and the
``uploads/`` folder. Restoring replaces the database and moves the current uploads aside.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path, PurePosixPath

from flask import current_app
from sqlalchemy import URL, text
from sqlalchemy.exc import DBAPIError

from app.errors import InvalidInput
from app.extensions import db
from app.models import utcnow

FORMAT = 1
SQLITE_NAME = "database.sqlite3"
PGDUMP_NAME = "database.pgdump"


@dataclass(frozen=True)
class Manifest:
    """What a backup holds."""

    created_at: str
    dialect: str
    alembic_revision: str
    database_file: str
    upload_files: int

    def to_json(self) -> bytes:
        """The manifest as UTF-8 JSON."""
        data = {"format": FORMAT, **self.__dict__}
        return json.dumps(data, ensure_ascii=False, indent=2).encode()


def _url() -> URL:
    return db.engine.url


def _sqlite_path() -> Path:
    database = _url().database
    if not database or database == ":memory:":
        raise InvalidInput("内存数据库无法备份：请使用文件数据库或 PostgreSQL。")
    return Path(database)


def _uploads() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def backup(target: Path) -> Manifest:
    """Write a backup of the database and the uploads to ``target`` (a .tar.gz file)."""
    with tempfile.TemporaryDirectory() as tmp:
        dump = _dump_database(Path(tmp))
        uploads = _uploads()
        files = sum(1 for p in uploads.rglob("*") if p.is_file()) if uploads.is_dir() else 0
        manifest = Manifest(
            utcnow().isoformat(timespec="seconds"),
            _url().get_backend_name(),
            _alembic_revision(),
            dump.name,
            files,
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(target, "w:gz") as tar:
            _add_bytes(tar, "manifest.json", manifest.to_json())
            tar.add(dump, arcname=dump.name)
            if uploads.is_dir():
                tar.add(uploads, arcname="uploads")
    return manifest


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(data), int(utcnow().timestamp())
    tar.addfile(info, io.BytesIO(data))


def _alembic_revision() -> str:
    try:
        revision = db.session.scalar(text("SELECT version_num FROM alembic_version"))
    except DBAPIError:
        revision = None
    db.session.rollback()
    return revision or ""


def _dump_database(folder: Path) -> Path:
    """The database as one file in ``folder``: SQLite backup API or pg_dump."""
    if _url().get_backend_name() == "sqlite":
        target = folder / SQLITE_NAME
        _sqlite_copy(_sqlite_path(), target)
        return target
    target = folder / PGDUMP_NAME
    _pg_tool("pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(target))
    return target


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy a live SQLite database consistently (the online backup API, not a file copy)."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _pg_tool(program: str, *args: str) -> None:
    """Run pg_dump / pg_restore against the configured database, password via PGPASSWORD."""
    if shutil.which(program) is None:
        raise InvalidInput(f"找不到 {program}：请安装 PostgreSQL 客户端工具。")
    url = _url()
    env = {**os.environ, "PGPASSWORD": url.password or ""}
    libpq = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    done = subprocess.run(
        [program, *args, "--dbname", libpq], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise InvalidInput(f"{program} 失败：{done.stderr.strip()[:500]}")


def restore(source: Path) -> Manifest:
    """Replace the database and the uploads with the backup in ``source``."""
    if not source.is_file():
        raise InvalidInput(f"找不到备份文件 {source}。")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        try:
            with tarfile.open(source, "r:gz") as tar:
                _unpack(tar, folder)
        except (tarfile.TarError, OSError):
            raise InvalidInput(f"{source} 不是有效的备份文件（无法解压）。") from None
        manifest = _read_manifest(folder)
        db.session.remove()
        db.engine.dispose()  # no pooled connection may keep the old database open
        _restore_database(archive_member(folder, manifest.database_file), manifest)
        _restore_uploads(folder / "uploads")
    return manifest


def _unpack(tar: tarfile.TarFile, folder: Path) -> None:
    """Unpack a backup into `folder`: regular files and folders only, each named inside it.

    A backup holds nothing else, so anything else (a link, a device, an absolute name, ``..``)
    refuses the whole archive before a byte is written. Python 3.11.4 and later also apply
    tarfile's "data" filter; Debian bookworm's python3.11 (3.11.2, which ``make install``
    prefers) has no filters, so the checks here and the plain permissions do that work there.
    """
    members = tar.getmembers()
    for member in members:
        name = PurePosixPath(member.name)
        inside = not name.is_absolute() and ".." not in name.parts and "\\" not in member.name
        if not inside or not (member.isfile() or member.isdir()):
            raise tarfile.TarError(f"refused archive member {member.name!r}")
        member.mode = 0o700 if member.isdir() else 0o600  # no set-id bits, no other users
    if hasattr(tarfile, "data_filter"):
        tar.extractall(folder, members=members, filter="data")
    else:  # interpreters before 3.11.4: every member was checked above
        tar.extractall(folder, members=members)


def archive_member(folder: Path, name: object) -> Path:
    """The file `name` of the extracted archive in `folder`, never a path outside it.

    A manifest names files of its own archive: a relative name, without ``..``, a backslash or
    a NUL, that resolves inside the folder to a regular file (not a link). Anything else — an
    absolute path such as ``/srv/other.db`` — is refused before it is read.
    """
    refused = InvalidInput("备份的 manifest.json 指向备份文件以外的路径，拒绝恢复。")
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        raise refused
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise refused
    path = folder / relative
    if path.is_symlink() or not path.is_file():
        raise InvalidInput(f"备份文件中缺少 manifest.json 所列的 {name}。")
    if not path.resolve().is_relative_to(folder.resolve()):
        raise refused
    return path


def _read_manifest(folder: Path) -> Manifest:
    try:
        data = json.loads((folder / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        raise InvalidInput("这不是 Hemline 的备份文件（缺少 manifest.json）。") from None
    if not isinstance(data, dict):
        raise InvalidInput("这不是 Hemline 的备份文件（manifest.json 格式不对）。")
    known = {item.name for item in fields(Manifest)}
    try:  # keys a newer version added are ignored: they describe nothing this version restores
        manifest = Manifest(**{key: value for key, value in data.items() if key in known})
    except TypeError:
        raise InvalidInput("备份的 manifest.json 不完整，无法恢复。") from None
    if manifest.dialect != _url().get_backend_name():
        raise InvalidInput(
            f"备份来自 {manifest.dialect} 数据库，当前配置的是 {_url().get_backend_name()}。"
        )
    return manifest


def _restore_database(dump: Path, manifest: Manifest) -> None:
    if manifest.dialect == "sqlite":
        _sqlite_copy(dump, _sqlite_path())
        return
    _pg_tool(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        str(dump),
    )


def _restore_uploads(extracted: Path) -> None:
    """Put the backed-up uploads in place; the current folder is kept beside it, renamed."""
    uploads = _uploads()
    if uploads.exists():
        stamp = utcnow().strftime("%Y%m%d%H%M%S")
        uploads.rename(uploads.with_name(f"{uploads.name}.before-restore-{stamp}"))
    if extracted.is_dir():
        shutil.move(str(extracted), str(uploads))
    else:
        uploads.mkdir(parents=True)
