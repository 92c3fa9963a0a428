"""Settings come from environment variables with safe defaults (12-factor).

With nothing set, jumelage runs in development mode on a SQLite file with inline tasks.
With DEBUG=false it refuses to start without a real SECRET_KEY and ALLOWED_HOSTS.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("Set SECRET_KEY (50+ random characters) when DEBUG is false.")

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "jumelage.core",
    "jumelage.accounts",
    "jumelage.partnerships",
    "jumelage.hosting",
    "jumelage.calls",
    "jumelage.notifications",
    "jumelage.review",
    "jumelage.selection",
    "jumelage.exchange",
    "jumelage.matchmaking",
    "jumelage.followup",
    "jumelage.reports",
    "jumelage.api",
    "jumelage.demo",
    "ninja",  # its templates and static files: the API docs load nothing from a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jumelage.accounts.sessions.IdleTimeoutMiddleware",
    "jumelage.accounts.second_factor.SecondFactorMiddleware",
    "jumelage.accounts.zones.ReaderTimezoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jumelage.core.middleware.DownloadHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that it is the first asked about a view's exception.
    "jumelage.core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "jumelage.urls"
WSGI_APPLICATION = "jumelage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jumelage.core.context_processors.site",
            ],
            # Every template shows dates and times through the same filters.
            "builtins": ["jumelage.core.templatetags.moments"],
        },
    }
]

# Database: a SQLite file by default, configured for concurrent writers (WAL, immediate
# transactions, a busy timeout) so that simultaneous submissions wait instead of failing.
DATA_DIR = Path(env.str("DATA_DIR", default=str(Path.cwd() / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'jumelage.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
# Keep connections across requests: opening one (and its PRAGMAs) costs more than a query.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Requests each API token may make per window of seconds (jumelage.api.services).
API_RATE_LIMIT = (env.int("API_RATE_LIMIT", default=600), 60)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "jumelage.accounts.hashers.Argon2OwaspHasher",
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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling: five failures lock the username from that address for 15 minutes.
# Password resets and registration notices one address, or one client, may cause per hour.
ACCOUNT_MAILS_PER_ADDRESS = env.int("ACCOUNT_MAILS_PER_ADDRESS", default=3)
ACCOUNT_MAILS_PER_CLIENT = env.int("ACCOUNT_MAILS_PER_CLIENT", default=20)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The login form names its email field "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
# Wider counters beside axes's pair: failed logins one account, or one client, may cause per
# hour whatever the other half of the pair (a sweep of addresses, a spread of addresses).
LOGIN_FAILURES_PER_ACCOUNT = env.int("LOGIN_FAILURES_PER_ACCOUNT", default=20)
LOGIN_FAILURES_PER_CLIENT = env.int("LOGIN_FAILURES_PER_CLIENT", default=50)

# A second factor (TOTP, with single-use recovery codes) for everyone who holds a staff or
# committee role: on by default in production; the demo (DEBUG on) logs in with passwords.
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="jumelage")
OTP_RECOVERY_CODES = 10

LANGUAGE_CODE = "en"
LANGUAGES = [("zh-hant", "繁體中文"), ("fr", "Français"), ("en", "English")]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "fr", "zh-hant")}
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# The zone a reader is shown when neither their side nor their browser says one.
READER_ZONES_BY_LANGUAGE = {"zh-hant": "Asia/Taipei", "fr": "Europe/Paris"}

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve app static files even before collectstatic (tests, first run); collected ones win.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {
        "BACKEND": env.str("FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# S3-compatible storage: FILE_STORAGE=storages.backends.s3.S3Storage plus the AWS_* variables.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_AUTH = True

# Web addresses typed without a scheme are https (Django 6's default, opted into early).
FORMS_URLFIELD_ASSUME_HTTPS = True

# Uploads (jumelage.core.uploads): bytes per file, pages per PDF, pixels per image.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
UPLOAD_MAX_PDF_PAGES = env.int("UPLOAD_MAX_PDF_PAGES", default=60)
UPLOAD_MAX_IMAGE_PIXELS = env.int("UPLOAD_MAX_IMAGE_PIXELS", default=40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = EMAIL["EMAIL_BACKEND"]
EMAIL_HOST = EMAIL.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = EMAIL.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = EMAIL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = EMAIL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = EMAIL.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = EMAIL.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="jumelage <noreply@localhost>")
# A mail server that stalls fails the attempt after this long instead of holding a worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# The outbox's retries: a failed send waits OUTBOX_RETRY_FIRST_SECONDS, doubling up to
# OUTBOX_RETRY_MAX_SECONDS, and is marked failed after OUTBOX_MAX_ATTEMPTS (about an hour).
OUTBOX_RETRY_FIRST_SECONDS = env.int("OUTBOX_RETRY_FIRST_SECONDS", default=15)
OUTBOX_RETRY_MAX_SECONDS = env.int("OUTBOX_RETRY_MAX_SECONDS", default=120)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=32)
# A message being sent is its worker's for this long (several SMTP timeouts); after that a
# killed worker's message is sent again, with the same Message-ID.
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=3 * EMAIL_TIMEOUT)
# A queued message whose own task has not sent it after this long is sent by the sweep.
OUTBOX_SWEEP_AFTER_SECONDS = env.int("OUTBOX_SWEEP_AFTER_SECONDS", default=60)

BROKER = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not BROKER
# Inline tasks never touch the broker; "memory://" keeps kombu from looking for one.
CELERY_BROKER_URL = BROKER or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down must not hold a request: one quick try, then the sweep's turn.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
# Run by `celery -A jumelage beat` (or a worker started with -B).
CELERY_BEAT_SCHEDULE = {
    "sweep-outbox": {"task": "jumelage.notifications.tasks.sweep_outbox", "schedule": 30.0},
    "sweep-webhooks": {"task": "jumelage.api.tasks.sweep_webhooks", "schedule": 30.0},
    "retention": {"task": "jumelage.accounts.tasks.apply_retention", "schedule": 24 * 3600.0},
    "survey-reminders": {
        "task": "jumelage.followup.tasks.send_survey_reminders",
        "schedule": 3600.0,
    },
    # Each party is asked once (the outbox's dedupe key), so a few runs a day suffice.
    "matchmaking-outcomes": {
        "task": "jumelage.matchmaking.tasks.ask_outcomes",
        "schedule": 6 * 60 * 60.0,
    },
}

# Webhooks (api.webhooks): https only in production; addresses on private networks refused
# unless allowed (a receiver inside the city's own network); tries before giving up.
WEBHOOKS_REQUIRE_HTTPS = env.bool("WEBHOOKS_REQUIRE_HTTPS", default=not DEBUG)
WEBHOOKS_ALLOW_PRIVATE_URLS = env.bool("WEBHOOKS_ALLOW_PRIVATE_URLS", default=False)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)

# How many months each stage keeps people's data before `jumelage retention` purges or
# anonymises it (accounts.retention): drafts after their call closed, applications not
# selected after the results (unless kept on file with consent), messages after sending.
# Travellers' details follow their own "keep until" date.
RETENTION = {
    "drafts": env.int("RETENTION_DRAFTS_MONTHS", default=6),
    "refused": env.int("RETENTION_REFUSED_MONTHS", default=24),
    "messages": env.int("RETENTION_MESSAGES_MONTHS", default=24),
}

# A session ends after SESSION_IDLE_SECONDS without a request, and in any case after
# SESSION_COOKIE_AGE. Drafts survive: the application form autosaves, keeps a copy in the
# browser, and the login page brings the person back to it.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "jumelage.core.views.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "celery.app.trace": {"level": "WARNING"}},
}
