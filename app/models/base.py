"""Shared column types and helpers of the models: UTC timestamps, enum checks, loading by id."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

from app.errors import N_, NotFound
from app.extensions import db

T = TypeVar("T")


def utcnow() -> datetime:
    """Current time as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes as UTC and always returns them aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store aware UTC datetimes only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def in_list(column: str, values: Any) -> str:
    """SQL for a check constraint that keeps `column` inside an enum's values."""
    quoted = ", ".join(f"'{v.value}'" for v in values)
    return f"{column} IN ({quoted})"


class EpochSeconds(FunctionElement[int]):
    """SQL: the whole seconds since 1970-01-01 UTC of a UTCDateTime column (fractions cut, as
    `int(instant.timestamp())` does for instants after 1970), on PostgreSQL and SQLite alike."""

    type = BigInteger()
    name = "epoch_seconds"
    inherit_cache = True


@compiles(EpochSeconds, "postgresql")
def _epoch_seconds_postgresql(element: EpochSeconds, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"CAST(EXTRACT(EPOCH FROM date_trunc('second', {column})) AS BIGINT)"


@compiles(EpochSeconds, "sqlite")
def _epoch_seconds_sqlite(element: EpochSeconds, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)  # stored as UTC text without a zone
    return f"CAST(STRFTIME('%s', {column}) AS INTEGER)"


def get_or_404(model: type[T], object_id: int) -> T:
    """Load a row by primary key or raise NotFound with a Chinese message."""
    obj = db.session.get(model, object_id)
    if obj is None:
        raise NotFound(N_("你要找的内容不存在，可能已被删除。"))
    return obj
