"""Zicht's one settings module: every value comes from the environment (contracts.md).

Development defaults are safe for `make run`; with DEBUG off Zicht is secure by default and
refuses to start on an unsafe configuration rather than running with it.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
TRUE_WORDS = {"1", "true", "yes", "on"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None or not value.strip() else value.strip().lower() in TRUE_WORDS


def env_list(name: str, default: list[str]) -> list[str]:
    value = env_str(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


def is_real_secret(key: str) -> bool:
    """The same bar Django's deployment check sets for SECRET_KEY."""
    return len(key) >= 50 and len(set(key)) >= 5 and not key.startswith("django-insecure-")


def development_secret(data_dir: Path) -> str:
    """A per-machine random key kept in the data dir, so dev sessions survive restarts."""
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


DATA_DIR = Path(env_str("ZICHT_DATA_DIR") or "var").resolve()
DEBUG = env_bool("DEBUG", False)
DEMO = env_bool("ZICHT_DEMO", False)
HTTPS = env_bool("ZICHT_HTTPS", not DEBUG)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = development_secret(DATA_DIR)
if not is_real_secret(SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY is missing or too weak. Set SECRET_KEY to a random value of at least "
        "50 characters, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
if DEMO and not DEBUG:
    raise ImproperlyConfigured("ZICHT_DEMO enables demo logins and is only allowed with DEBUG on.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is empty: list the host names Zicht is served on.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "zicht.core",
    "zicht.accounts",
    "zicht.privacy",
    "zicht.api",
    "zicht.youth",
    "zicht.inbox",
    "zicht.observations",
    "zicht.triage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "zicht.core.middleware.RejectNulCharactersMiddleware",
    "zicht.core.middleware.ContentSecurityPolicyMiddleware",
    "zicht.core.middleware.InProcessSchedulerMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "zicht.privacy.audit.AuditContextMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zicht.accounts.sessions.SessionTimeoutMiddleware",
    "zicht.accounts.middleware.LoginRequiredMiddleware",
    "zicht.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zicht.core.middleware.NoStoreForSignedInMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zicht.urls"
WSGI_APPLICATION = "zicht.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zicht.core.context_processors.shell",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'zicht.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # the default
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["ENGINE"] = "zicht.core.db.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        # WAL and IMMEDIATE transactions let web requests and in-process jobs share the file.
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
    if not DATABASE_URL.endswith(":memory:"):
        DATA_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, background jobs -----------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without a broker every job runs in-process, right after the transaction that asked for it.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# "thread": in-process jobs run in one background thread; "sync": inline (tests).
INPROCESS_JOBS = env_str("ZICHT_INPROCESS_JOBS") or "thread"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "core.worker_heartbeat", "schedule": 60.0},
    "expire-screenshots": {"task": "observations.screenshots_expire", "schedule": 3600.0},
    "retention-purge": {"task": "privacy.purge", "schedule": 24 * 3600.0},
    "retry-failed-webhook-deliveries": {
        "task": "inbox.retry_failed_deliveries",
        "schedule": 300.0,
    },
}

# --- Accounts, MFA, login throttling --------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
OTP_TOTP_ISSUER = "Zicht"
OTP_TOTP_THROTTLE_FACTOR = 1
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(env_str("ZICHT_PROXY_COUNT") or 0)

ZICHT_IDLE_MINUTES = int(env_str("ZICHT_IDLE_MINUTES") or 30)
ZICHT_SESSION_HOURS = int(env_str("ZICHT_SESSION_HOURS") or 10)
SESSION_COOKIE_AGE = ZICHT_SESSION_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- HTTP security (production defaults; `zicht check --deploy` passes) -----------------
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(timedelta(days=365).total_seconds()) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("ZICHT_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files: shipped in the package, served by WhiteNoise, no CDN ----------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it, even when empty
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"

# --- API ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "zicht.api.authentication.ApiTokenAuthentication",
        "zicht.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "zicht.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "zicht.api.parsers.JSONParser",
        "zicht.api.parsers.FormParser",
        "zicht.api.parsers.MultiPartParser",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Zicht API",
    "DESCRIPTION": "De API van Zicht, met dezelfde rechten als de webapplicatie.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LifeDomainEnum": "zicht.youth.models.LifeDomain",
        "SignalStatusEnum": "zicht.triage.workflow.Status",
        "SignalSourceEnum": "zicht.triage.models.SourceKind",
        "MessageSourceEnum": "zicht.inbox.models.MessageSource",
        "SendStatusEnum": "zicht.inbox.models.SendStatus",
    },
}

# --- Integrations (later modules) -----------------------------------------------------
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY")
META_APP_SECRET = env_str("META_APP_SECRET")
META_VERIFY_TOKEN = env_str("META_VERIFY_TOKEN")
META_GRAPH_API_BASE = env_str("META_GRAPH_API_BASE") or "https://graph.facebook.com/v21.0"
WHATSAPP_TOKEN = env_str("WHATSAPP_TOKEN")

EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or not env_str("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "zicht@localhost"

# Logs never carry personal data: no request bodies, no query strings with ids of people.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {"axes": {"level": "WARNING"}},
}
