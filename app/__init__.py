"""Hemline: content operations and compliance review for a clothing brand's marketing team."""

from flask import Flask

from config import Config

MIN_SECRET_KEY_BYTES = 32
# Keys that were ever public (in this repository, its tests and tutorials): never accepted.
KNOWN_SECRET_KEYS = frozenset(
    {
        "dev-only-change-me",
        "test-secret-key",
        "race-secret-key",
        "bench-secret",
        "dev",
        "secret",
        "changeme",
        "change-me",
        "development",
        "your-secret-key",
        "super-secret-key",
    }
)


class InsecureConfiguration(RuntimeError):
    """The app was asked to run with a setting that is unsafe anywhere but in the test suite."""


def check_secret_key(key: object) -> None:
    """Refuse a missing, empty, short (< 32 bytes), low-variety or publicly known SECRET_KEY.

    With a known key anyone can forge a session or remember cookie (and, without
    HEMLINE_SECRET_KEY_ENCRYPTION, decrypt channel secrets); so no environment but the test
    configuration (TESTING) starts without a strong one.
    """
    hint = (
        "请运行 make run（会在 instance/secret_key 生成随机密钥），或把环境变量 SECRET_KEY 设为"
        "随机值，例如：python -c 'import secrets; print(secrets.token_urlsafe(48))'。"
    )
    if not isinstance(key, str | bytes) or not key:
        raise InsecureConfiguration(f"未设置 SECRET_KEY（或为空），拒绝启动。{hint}")
    raw = key.encode("utf-8") if isinstance(key, str) else key
    if raw.decode("utf-8", "replace").strip().lower() in KNOWN_SECRET_KEYS:
        raise InsecureConfiguration(f"SECRET_KEY 是公开的已知密钥，拒绝启动。{hint}")
    if len(raw) < MIN_SECRET_KEY_BYTES:
        raise InsecureConfiguration(
            f"SECRET_KEY 太短（{len(raw)} 字节，至少需要 {MIN_SECRET_KEY_BYTES} 字节），拒绝启动。"
            f"{hint}"
        )
    if len(set(raw)) < 8:
        raise InsecureConfiguration(f"SECRET_KEY 过于简单（重复字符），拒绝启动。{hint}")


class MissingConfiguration(RuntimeError):
    """A setting production cannot do without is missing."""


def require_base_url(app: Flask) -> None:
    """In production, alert links (bots, e-mail) need the site's address: HEMLINE_BASE_URL."""
    if app.config["ENV_NAME"] == "production" and not app.config.get("BASE_URL_CONFIGURED"):
        raise MissingConfiguration(
            "生产环境必须设置 HEMLINE_BASE_URL（例如 https://hemline.example.com）："
            "告警和通知里的链接都用它，默认的 http://127.0.0.1:5000 在别人的电脑上打不开。"
        )


def create_app(config_class: type = Config) -> Flask:
    """Build the Flask application: config, extensions, blueprints, error handlers, CLI."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config_class)
    # JSON answers in readable UTF-8 (全网最低价, not \u5168…); JSON is UTF-8 by definition.
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    if not app.config.get("TESTING"):
        check_secret_key(app.config.get("SECRET_KEY"))
    if app.config.get("TRUSTED_PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    from app import auth, cli, errors, extensions, headers, i18n, inputs, serving, templating
    from app.checks import current as current_lexicon
    from app.publishing import monitor

    inputs.init_app(app)  # bounded integers and JSON, before any route is added
    extensions.apply_database_options(app.config)  # PostgreSQL: fail, never hang
    extensions.db.init_app(app)
    with app.app_context():
        for engine in extensions.db.engines.values():
            extensions.install_liveness_check(engine)  # PostgreSQL: instead of pool_pre_ping
    if app.testing or app.debug:
        extensions.refuse_writes_when_reading_alone()
    extensions.migrate.init_app(app, extensions.db, directory=_migrations_dir())
    extensions.csrf.init_app(app)
    extensions.limiter.init_app(app)
    i18n.init_app(app)
    # Before-request order: the watchdog's turn (it writes, in a transaction of its own), then
    # reads-alone pages drop BEGIN / ROLLBACK, then the session's user is loaded (auth).
    monitor.init_app(app)
    app.before_request(extensions.begin_reads_alone)
    app.teardown_request(extensions.end_reads_alone)
    auth.init_login(app)
    current_lexicon.init_app(app)
    require_base_url(app)
    templating.init_app(app)
    headers.init_app(app)
    serving.init_app(app)  # the shared cache, fingerprinted static files
    _register_blueprints(app)
    errors.init_app(app)
    cli.init_app(app)
    return app


def _migrations_dir() -> str:
    """Absolute path of the Alembic folder, so `flask db` works from any working directory."""
    from pathlib import Path

    return str(Path(__file__).resolve().parent.parent / "migrations")


def _register_blueprints(app: Flask) -> None:
    """Attach one blueprint per domain."""
    from app.admin.views import bp as admin_bp
    from app.analytics.views import bp as analytics_bp
    from app.api.views import bp as api_bp
    from app.auth.views import bp as auth_bp
    from app.consent.views import bp as consent_bp
    from app.content.views import bp as content_bp
    from app.dashboard.views import bp as dashboard_bp
    from app.lexicon import entry_views, transfer_views  # noqa: F401  their routes are on lexicon_bp
    from app.lexicon.views import bp as lexicon_bp
    from app.notifications.views import bp as notifications_bp
    from app.ops.views import bp as ops_bp
    from app.publishing.views import bp as publishing_bp
    from app.review.views import bp as review_bp
    from app.schedule.views import bp as schedule_bp

    blueprints = (
        auth_bp,
        dashboard_bp,
        content_bp,
        review_bp,
        admin_bp,
        api_bp,
        lexicon_bp,
        notifications_bp,
        publishing_bp,
    )
    for blueprint in (*blueprints, schedule_bp, ops_bp, analytics_bp, consent_bp):
        app.register_blueprint(blueprint)
