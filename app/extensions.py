"""Flask extensions, created unbound and attached in create_app()."""

import time
from collections.abc import Mapping
from typing import Any, cast

from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import CursorResult, Engine, MetaData, Result, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase

from app.catalogs import KeptBabel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention so that migrations name constraints stably."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address)
babel = KeptBabel()  # Flask-Babel, its catalogs loaded once per process (app/catalogs.py)
# Redis when REDIS_URL is set, else in-process (config.py; app/serving.py).
cache = Cache()


def rowcount(result: Result[Any]) -> int:
    """Rows matched by an UPDATE or DELETE run through ``db.session.execute``.

    The session returns a CursorResult for such statements, but its signature promises only a
    Result (which has no rowcount), so the type is narrowed here, in one place.
    """
    return cast(CursorResult[Any], result).rowcount


# --- PostgreSQL connections that fail instead of hanging (issue 15) ----------------------------

# libpq's own TCP keepalives: a connection whose server vanished (restart, failover, a cable)
# is declared dead after about idle + interval × count seconds instead of never; the server side
# gets the same settings so that the locks of a vanished client are released as quickly.
KEEPALIVE_IDLE, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT = 30, 10, 3


def postgres_connect_args(config: Mapping[str, Any]) -> dict[str, Any]:
    """libpq parameters for every PostgreSQL connection of the app (web, worker, CLI).

    * ``connect_timeout``: a server that accepts TCP but never answers (starting up, a dead
      host behind a live address) fails the connect after DB_CONNECT_TIMEOUT seconds;
    * keepalives and ``tcp_user_timeout``: a read or write on a dead peer fails within about a
      minute (without them a worker can wait on a dead socket for the kernel's two hours);
    * ``lock_timeout`` (DB_LOCK_TIMEOUT seconds, 0 = none): no statement waits for a row or
      table lock forever — the worker's claim then fails, is logged and retried next pass.
    """
    idle, interval, count = KEEPALIVE_IDLE, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT
    server = [
        f"-c tcp_keepalives_idle={idle}",
        f"-c tcp_keepalives_interval={interval}",
        f"-c tcp_keepalives_count={count}",
    ]
    lock_timeout = int(config.get("DB_LOCK_TIMEOUT_SECONDS", 0))
    if lock_timeout > 0:
        server.append(f"-c lock_timeout={lock_timeout * 1000}")
    return {
        "connect_timeout": int(config.get("DB_CONNECT_TIMEOUT_SECONDS", 10)),
        "keepalives": 1,
        "keepalives_idle": idle,
        "keepalives_interval": interval,
        "keepalives_count": count,
        "tcp_user_timeout": (idle + interval * count) * 1000,
        "options": " ".join(server),
    }


DEFAULT_POOL_SIZE = 8  # gunicorn.conf.py's 6 threads, the publish worker's, and two to spare


def apply_database_options(config: dict[str, Any]) -> None:
    """Add :func:`postgres_connect_args` to SQLALCHEMY_ENGINE_OPTIONS on PostgreSQL (before the
    engine is made); connect_args a configuration sets itself win, key by key. With psycopg,
    pool_pre_ping gives way to :func:`install_liveness_check` (no round trip per checkout)."""
    uri = str(config.get("SQLALCHEMY_DATABASE_URI", ""))
    if not uri.startswith("postgresql"):
        return
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if uri.startswith("postgresql+psycopg:"):
        options["pool_pre_ping"] = False
    # Connections kept open per process: at least one per thread that serves requests. With
    # SQLAlchemy's default of 5 under gunicorn's 6 threads, the sixth busy thread opened an
    # overflow connection and closed it again on return — a PostgreSQL backend started and
    # ended (a fork, the authentication) again and again under load (issue 16).
    if "poolclass" not in options:  # a pool without a size (NullPool) takes no pool_size
        options.setdefault("pool_size", int(config.get("DB_POOL_SIZE", DEFAULT_POOL_SIZE)))
    options["connect_args"] = postgres_connect_args(config) | dict(
        options.get("connect_args") or {}
    )
    config["SQLALCHEMY_ENGINE_OPTIONS"] = options


# --- the pool's liveness check without a round trip (issue 16) ---------------------------------

# pool_pre_ping sends an empty statement to the server on every checkout: one round trip per
# request (and per worker pass), ~0.1 ms of the web process and more of PostgreSQL's. A
# connection the server has closed (a restart, pg_terminate_backend, an idle timeout, a crashed
# backend) is readable at once: the server's goodbye or the end of the stream is waiting on the
# socket. So a pooled connection is pinged for real only when its socket has something to read,
# or when it sat in the pool longer than this (a peer that vanished without a word: the ping then
# fails within the keepalive settings above, and the pool connects anew, as pre_ping did).
PING_AFTER_IDLE_SECONDS = 30.0
_IDLE_SINCE = "hemline_idle_since"


def socket_has_news(dbapi_connection: Any) -> bool:
    """True when the idle connection's socket is readable or broken (or has no socket left)."""
    import select

    try:
        fd = dbapi_connection.pgconn.socket
    except Exception:  # closed: no socket
        return True
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLERR | select.POLLHUP)
    return bool(poller.poll(0))


def connection_is_live(engine: Engine, dbapi_connection: Any, idle_for: float) -> bool:
    """The checkout's verdict: closed or broken → no; socket quiet and used recently → yes
    without a round trip; else the dialect's own ping decides."""
    if dbapi_connection.closed or getattr(dbapi_connection, "broken", False):
        return False
    if idle_for < PING_AFTER_IDLE_SECONDS and not socket_has_news(dbapi_connection):
        return True
    try:
        return bool(engine.dialect.do_ping(dbapi_connection))
    except Exception:
        return False


def install_liveness_check(engine: Engine) -> None:
    """On PostgreSQL (psycopg): replace pool_pre_ping by :func:`connection_is_live` at checkout;
    a dead connection raises DisconnectionError there, so the pool drops it and hands out
    another (SQLAlchemy's "pessimistic" handling, with a cheaper test)."""
    if engine.dialect.name != "postgresql" or engine.dialect.driver != "psycopg":
        return

    def checkin(_dbapi_connection: Any, record: Any) -> None:  # also "connect": a new one
        record.info[_IDLE_SINCE] = time.monotonic()

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_for = time.monotonic() - record.info.get(_IDLE_SINCE, float("-inf"))
        if not connection_is_live(engine, dbapi_connection, idle_for):
            raise DisconnectionError("the pooled connection is closed")

    event.listen(engine, "connect", checkin)
    event.listen(engine, "checkin", checkin)
    event.listen(engine, "checkout", checkout)


# --- requests that only read: no transaction (issue 16) ------------------------------------------


def statements_on_their_own() -> None:
    """Run this request's statements in autocommit on PostgreSQL: no BEGIN before the first and
    no ROLLBACK after the last, two of the four round trips of a feed poll or an API check.

    Only for requests that read, and write at most single statements that stand alone (a token's
    last use): PostgreSQL's READ COMMITTED already gives each statement of a transaction its own
    snapshot, so reads see exactly what they saw inside one. Call it before the request's first
    statement; when the session is already in a transaction, or bound to a connection (the test
    suite's), or not on PostgreSQL, nothing changes. The connection's isolation level is reset
    when it goes back to the pool, and a commit ends the mode (what follows begins as usual).
    """
    session = db.session()  # this request's Session (the scoped proxy lacks in_transaction)
    if session.in_transaction():
        return
    bind = session.get_bind()
    if isinstance(bind, Engine) and bind.dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


READS_ALONE = "reads_alone"  # a view function's mark (``reads_alone``), and the request's flag on g


def reads_alone(view: Any) -> Any:
    """Mark a page whose GET only reads: its statements run on their own (no BEGIN / ROLLBACK
    round trips on PostgreSQL, :func:`statements_on_their_own`), from the request's first — the
    session's user — to its last. Set by :func:`begin_reads_alone`, which runs before the user
    is loaded; a POST to the same view begins its transaction as usual.

    Only for GET views that write nothing: under the test suite and in debug mode a write
    statement in such a request fails (:func:`refuse_writes_when_reading_alone`), so a page that
    starts writing must lose its mark. Decorator order does not matter (``functools.wraps``
    carries the mark outwards)."""
    setattr(view, READS_ALONE, True)
    return view


def begin_reads_alone() -> None:
    """Before request: a GET or HEAD of a view marked :func:`reads_alone` reads alone.

    Runs after the publishing watchdog's turn (its writes keep their transaction: when it has
    one open, nothing changes here) and before anything loads the session's user."""
    from flask import current_app, g, request

    view = current_app.view_functions.get(request.endpoint or "")
    alone = request.method in ("GET", "HEAD") and getattr(view, READS_ALONE, False)
    setattr(g, READS_ALONE, alone)  # g may outlive the request (an app context pushed around it)
    if alone:
        statements_on_their_own()


def end_reads_alone(_error: BaseException | None = None) -> None:
    """Teardown: whatever runs after the request in the same app context writes as usual."""
    from flask import g

    g.pop(READS_ALONE, None)


_WRITES = ("INSERT", "UPDATE", "DELETE")


def _refuse_write(
    _connection: Any, _cursor: Any, statement: str, _params: Any, _context: Any, _many: bool
) -> None:
    from flask import current_app, g, has_request_context, request

    if not has_request_context() or not g.get(READS_ALONE):
        return
    if statement.lstrip()[:6].upper() in _WRITES and (current_app.testing or current_app.debug):
        raise RuntimeError(f"{request.endpoint} is marked reads_alone but writes: {statement[:80]}")


def refuse_writes_when_reading_alone() -> None:
    """Tests and debug mode: a write in a request marked :func:`reads_alone` raises, naming the
    view, instead of quietly committing statement by statement on PostgreSQL. Listens on every
    engine, once per process (the test suite runs each test on a connection of its own engine)."""
    if not event.contains(Engine, "before_cursor_execute", _refuse_write):
        event.listen(Engine, "before_cursor_execute", _refuse_write)
