"""Hemline: content operations and compliance review for a clothing brand's marketing team."""

from flask import Flask

from config import DEFAULT_SECRET_KEY, Config


class InsecureConfiguration(RuntimeError):
    """The app was asked to run in production with development settings."""


def create_app(config_class: type = Config) -> Flask:
    """Build the Flask application: config, extensions, blueprints, error handlers, CLI."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config_class)
    # JSON answers in readable UTF-8 (全网最低价, not \u5168…); JSON is UTF-8 by definition.
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    if app.config["ENV_NAME"] == "production" and app.config["SECRET_KEY"] == DEFAULT_SECRET_KEY:
        raise InsecureConfiguration("生产环境必须设置 SECRET_KEY 环境变量，不能使用默认密钥。")

    from app import auth, cli, errors, extensions, i18n, templating
    from app.checks import current as current_lexicon

    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=_migrations_dir())
    extensions.csrf.init_app(app)
    extensions.limiter.init_app(app)
    i18n.init_app(app)
    auth.init_login(app)
    current_lexicon.init_app(app)
    templating.init_app(app)
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
    from app.api.views import bp as api_bp
    from app.auth.views import bp as auth_bp
    from app.content.views import bp as content_bp
    from app.dashboard.views import bp as dashboard_bp
    from app.lexicon import entry_views, transfer_views  # noqa: F401  their routes are on lexicon_bp
    from app.lexicon.views import bp as lexicon_bp
    from app.notifications.views import bp as notifications_bp
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
    for blueprint in (*blueprints, schedule_bp):
        app.register_blueprint(blueprint)
