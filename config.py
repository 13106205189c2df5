"""Configuration classes read from the environment with safe defaults."""

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"
# Written once by `make run` (random, mode 0600) and read when SECRET_KEY is not set.
SECRET_KEY_FILE = INSTANCE_DIR / "secret_key"


def _bool(name: str, default: bool) -> bool:
    """Read a boolean flag from the environment ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(environ: Mapping[str, str], key_file: Path) -> str | None:
    """SECRET_KEY from the environment (even when empty), else from `key_file`, else None.

    There is no default key: create_app refuses to start without a strong one.
    """
    if "SECRET_KEY" in environ:
        return environ["SECRET_KEY"]
    try:
        return key_file.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None


def _database_url(default: str) -> str:
    """Normalise DATABASE_URL so that plain postgres:// URLs use the psycopg 3 driver."""
    url = os.environ.get("DATABASE_URL", default)
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    """Production-safe defaults; every value can be overridden from the environment."""

    ENV_NAME = os.environ.get("HEMLINE_ENV", "development")
    SECRET_KEY = _secret_key(os.environ, SECRET_KEY_FILE)
    SQLALCHEMY_DATABASE_URI = _database_url(f"sqlite:///{INSTANCE_DIR / 'hemline.db'}")
    # On PostgreSQL with psycopg the pool checks connections without a round trip instead
    # (app/extensions.py, install_liveness_check); pre_ping stays for any other database.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # PostgreSQL (app/extensions.py, postgres_connect_args): a connection attempt gives up after
    # this many seconds, a statement waits at most this long for a lock (0: no limit); dead
    # connections are found by TCP keepalives within about a minute.
    DB_CONNECT_TIMEOUT_SECONDS = int(os.environ.get("HEMLINE_DB_CONNECT_TIMEOUT", "10"))
    DB_LOCK_TIMEOUT_SECONDS = int(os.environ.get("HEMLINE_DB_LOCK_TIMEOUT", "30"))
    # PostgreSQL connections each process keeps open (≥ HEMLINE_WEB_THREADS; workers × this
    # stays below the server's max_connections).
    DB_POOL_SIZE = int(os.environ.get("HEMLINE_DB_POOL_SIZE", "8"))
    HEMLINE_TIMEZONE = os.environ.get("HEMLINE_TIMEZONE", "Asia/Shanghai")
    UPLOAD_FOLDER = os.environ.get("HEMLINE_UPLOAD_FOLDER", str(INSTANCE_DIR / "uploads"))
    # Largest word-list upload (CSV/XLSX) the import page accepts; bigger ones are refused clearly.
    LEXICON_UPLOAD_MAX_BYTES = int(os.environ.get("HEMLINE_LEXICON_UPLOAD_MAX_BYTES", 10 * 2**20))
    # Any request body: covers (MAX_COVER_BYTES) and word-list uploads plus form overhead.
    MAX_CONTENT_LENGTH = max(6 * 2**20, LEXICON_UPLOAD_MAX_BYTES + 2**20)
    MAX_COVER_BYTES = 5 * 1024 * 1024
    # Largest evidence file (PDF/PNG/JPEG) of a customer authorisation (issue 19).
    CONSENT_EVIDENCE_MAX_BYTES = int(
        os.environ.get("HEMLINE_CONSENT_EVIDENCE_MAX_BYTES", str(5 * 2**20))
    )
    MAX_BODY_CHARS = int(os.environ.get("HEMLINE_MAX_BODY_CHARS", "50000"))
    REVIEW_SLA_HOURS = int(os.environ.get("HEMLINE_REVIEW_SLA_HOURS", "24"))
    # Reasons reviewers pick from when they send a piece back (shown on the review page).
    REVIEW_REASON_TEMPLATES = (
        "含绝对化用语，请改为可证实的具体描述。",
        "功效宣称缺少检测报告或依据，请补充或删除。",
        "抽奖/活动规则不完整：请写明奖项、参与方式、开奖时间和方式。",
        "有诱导分享或诱导关注的表述，请删除。",
        "付费合作内容缺少“广告”标识。",
        "图片或素材缺少授权，请补充授权证明。",
        "错别字或事实错误，请逐一核对。",
    )
    # A reviewer's claim on a piece expires after this long without a decision.
    REVIEW_CLAIM_MINUTES = int(os.environ.get("HEMLINE_REVIEW_CLAIM_MINUTES", "30"))
    PAGE_SIZE = 25

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("HEMLINE_SECURE_COOKIES", ENV_NAME == "production")
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # A log-in lasts this long on the server (UserSession.expires_at): "保持登录" for
    # HEMLINE_REMEMBER_DAYS, otherwise HEMLINE_SESSION_HOURS; log-out ends it at once.
    REMEMBER_DAYS = int(os.environ.get("HEMLINE_REMEMBER_DAYS", "14"))
    REMEMBER_COOKIE_DURATION = timedelta(days=REMEMBER_DAYS)
    SESSION_HOURS = int(os.environ.get("HEMLINE_SESSION_HOURS", "12"))
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are trusted (ProxyFix).
    TRUSTED_PROXIES = int(os.environ.get("HEMLINE_TRUSTED_PROXIES", "0"))

    WTF_CSRF_ENABLED = True
    PASSWORD_HASH_METHOD = "scrypt"
    # Redis (issue 16): when REDIS_URL is set, rate-limit state (the log-in throttle, the API's
    # and the feed's limits) and the shared caches live there, the same for every web process
    # and machine; without it both stay inside each process (fine for one machine, `make run`).
    REDIS_URL = os.environ.get("REDIS_URL", "")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or REDIS_URL or "memory://"
    CACHE_TYPE = "RedisCache" if REDIS_URL else "SimpleCache"
    CACHE_REDIS_URL = REDIS_URL
    CACHE_KEY_PREFIX = "hemline:"
    CACHE_DEFAULT_TIMEOUT = 60
    # A calendar feed's body is built at most this often per person (0: every poll).
    FEED_CACHE_SECONDS = int(os.environ.get("HEMLINE_FEED_CACHE_SECONDS", "60"))
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    # Failed log-ins (app/auth/throttle.py): per IP, per account and IP, per account.
    LOGIN_RATE_LIMIT = os.environ.get("HEMLINE_LOGIN_RATE_LIMIT", "10 per minute")
    LOGIN_ACCOUNT_IP_RATE_LIMIT = os.environ.get(
        "HEMLINE_LOGIN_ACCOUNT_IP_RATE_LIMIT", "5 per 15 minutes"
    )
    LOGIN_ACCOUNT_RATE_LIMIT = os.environ.get("HEMLINE_LOGIN_ACCOUNT_RATE_LIMIT", "30 per hour")
    # API tokens expire after this many days unless `flask tokens create --days` says otherwise.
    API_TOKEN_DAYS = int(os.environ.get("HEMLINE_API_TOKEN_DAYS", "90"))

    BABEL_DEFAULT_LOCALE = "zh_Hans_CN"
    BABEL_DEFAULT_TIMEZONE = HEMLINE_TIMEZONE
    # Compiled catalogs (<locale>/LC_MESSAGES/messages.mo, built by `make translations-compile`).
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "app" / "translations")

    WORKER_INTERVAL_SECONDS = int(os.environ.get("HEMLINE_WORKER_INTERVAL", "15"))
    # The worker's operations-data timetable (公众号 pull after 08:00, the reports; issue 17).
    ANALYTICS_SCHEDULE = os.environ.get("HEMLINE_ANALYTICS_SCHEDULE", "1") != "0"
    # /dashboard keeps its figures this long per filters (an import shows at once; issue 17).
    DASHBOARD_CACHE_SECONDS = int(os.environ.get("HEMLINE_DASHBOARD_CACHE_SECONDS", "120"))
    # The home page's shared figures (legal's hit statistics, channel health) are kept this long
    # in the shared cache (0: computed on every view; issue 16).
    HOME_CACHE_SECONDS = int(os.environ.get("HEMLINE_HOME_CACHE_SECONDS", "60"))
    WORDLISTS_DIR = os.environ.get("HEMLINE_WORDLISTS_DIR", str(BASE_DIR / "wordlists"))
    # How often each process looks for a new lexicon version (legal edits are live within 1 s).
    LEXICON_REFRESH_SECONDS = float(os.environ.get("HEMLINE_LEXICON_REFRESH", "0.1"))
    # Largest request body POST /api/v1/check accepts.
    API_CHECK_MAX_BYTES = 1024 * 1024

    # Scheduled publishing (issue 8): leases, retries, the watchdog and notices to bots/e-mail.
    HEMLINE_BASE_URL = os.environ.get("HEMLINE_BASE_URL", "http://127.0.0.1:5000")
    # Alert links must reach people: production refuses to start without HEMLINE_BASE_URL.
    BASE_URL_CONFIGURED = bool(os.environ.get("HEMLINE_BASE_URL", "").strip())
    # Fernet keys for channel secrets, newest first; derived from SECRET_KEY when unset.
    SECRET_ENCRYPTION_KEYS = os.environ.get("HEMLINE_SECRET_KEY_ENCRYPTION", "")
    PUBLISH_LEASE_SECONDS = int(os.environ.get("HEMLINE_PUBLISH_LEASE", "180"))
    PUBLISH_MAX_ATTEMPTS = int(os.environ.get("HEMLINE_PUBLISH_MAX_ATTEMPTS", "5"))
    PUBLISH_BACKOFF_SECONDS = float(os.environ.get("HEMLINE_PUBLISH_BACKOFF", "30"))
    PUBLISH_BACKOFF_MAX_SECONDS = 3600.0
    PUBLISH_POLL_SECONDS = 30.0  # before asking WeChat again about a publish still in progress
    PUBLISH_MISSED_MINUTES = 5
    PUBLISH_MANUAL_ESCALATE_MINUTES = int(os.environ.get("HEMLINE_MANUAL_ESCALATE", "60"))
    WECHAT_TIMEOUT_SECONDS = 10.0
    WECHAT_POLL_INTERVAL = 3.0
    NOTIFY_MAX_ATTEMPTS = 8
    # Operations (issue 15): the workers count as down after this many seconds without a
    # heartbeat; the independent watchdog runs at most this often across all processes (0: not
    # from the web processes, only from workers and `flask watchdog`).
    WORKER_STALE_SECONDS = int(os.environ.get("HEMLINE_WORKER_STALE", "120"))
    WATCHDOG_INTERVAL_SECONDS = int(os.environ.get("HEMLINE_WATCHDOG_INTERVAL", "60"))
    # GET /metrics answers only with "Authorization: Bearer <this>" when set (empty: open).
    METRICS_TOKEN = os.environ.get("HEMLINE_METRICS_TOKEN", "")
    SMTP_HOST = os.environ.get("HEMLINE_SMTP_HOST", "")
    SMTP_PORT = int(os.environ.get("HEMLINE_SMTP_PORT", "587"))
    SMTP_SECURITY = os.environ.get("HEMLINE_SMTP_SECURITY", "starttls")  # none|starttls|ssl
    SMTP_SENDER = os.environ.get("HEMLINE_SMTP_SENDER", "hemline@localhost")
    SMTP_USERNAME = os.environ.get("HEMLINE_SMTP_USERNAME", "")
    SMTP_PASSWORD = os.environ.get("HEMLINE_SMTP_PASSWORD", "")


class TestConfig(Config):
    """Settings for the test suite: a throw-away database, no CSRF unless a test asks for it."""

    TESTING = True
    ENV_NAME = "testing"
    # The only fixed key: create_app accepts a weak key only from a TESTING configuration.
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = _database_url("sqlite://")
    WTF_CSRF_ENABLED = False
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    RATELIMIT_ENABLED = False
    # Each test's app has its own in-process cache; feeds are built on every poll.
    CACHE_TYPE = "SimpleCache"
    FEED_CACHE_SECONDS = 0
    # Several apps share one test database; each looks for new lexicon versions on every check.
    LEXICON_REFRESH_SECONDS = 0.0
    # The web processes' watchdog is tested on its own (tests/publishing/test_monitor.py).
    WATCHDOG_INTERVAL_SECONDS = 0
    # The operations-data timetable is tested on its own (tests/analytics/test_schedule.py).
    ANALYTICS_SCHEDULE = False
    DASHBOARD_CACHE_SECONDS = 0  # the tests' databases reuse ids: no figure cache across tests
    HOME_CACHE_SECONDS = 0
    # Still scrypt, with a small work factor so that the suite does not spend minutes hashing.
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"
