"""Settings for SAKIP: one file, driven by environment variables (see README "Deployment")."""

import ipaddress
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from sakip.lib import env

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.flag("SAKIP_DEBUG", default=False)

# A missing secret key is refused outside DEBUG: a default key in production would let anyone forge sessions.
SECRET_KEY = env.text("SAKIP_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SAKIP_SECRET_KEY wajib diisi bila SAKIP_DEBUG tidak aktif.")
    SECRET_KEY = "django-insecure-sakip-development-only"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env.items("SAKIP_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.items("SAKIP_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "config.admin.SakipAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "sakip.lib",
    "sakip.organisasi",
    "sakip.akun",
    "sakip.profil",
    "sakip.perencanaan",
    "sakip.pengukuran",
    "sakip.anggaran",
    "sakip.survei",
    "sakip.evaluasi",
    "sakip.rpjmd",
    "sakip.pelaporan",
    "sakip.api",
    "sakip.publikasi",
    "sakip.demo",
    "sakip.cadangan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sakip.akun.middleware.WajibDuaFaktorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sakip.lib.tahun.TahunMiddleware",  # a year outside 2000-2100 in a URL or a query: 400 with a message
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # In production whitenoise serves the collected static files (no CDN: offices are often offline);
    # in development runserver serves them from the app directories.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

# SQLite is the embedded default (make run); PostgreSQL is what a province runs (and what CI tests too).
DB_ENGINE = env.text("SAKIP_DB_ENGINE", default="sqlite")
if DB_ENGINE == "sqlite":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env.text("SAKIP_DB_NAME", default=str(BASE_DIR / "var" / "sakip.sqlite3")),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
elif DB_ENGINE == "postgresql":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": env.text("SAKIP_DB_NAME", default="sakip"),
            "USER": env.text("SAKIP_DB_USER", default="sakip"),
            "PASSWORD": env.text("SAKIP_DB_PASSWORD", default=""),
            "HOST": env.text("SAKIP_DB_HOST", default="127.0.0.1"),
            "PORT": env.text("SAKIP_DB_PORT", default="5432"),
            "CONN_MAX_AGE": env.integer("SAKIP_DB_CONN_MAX_AGE", default=60),
            "CONN_HEALTH_CHECKS": True,
        }
    }
else:
    raise ImproperlyConfigured(
        f"SAKIP_DB_ENGINE tidak dikenal: {DB_ENGINE!r} (pilih 'sqlite' atau 'postgresql')."
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisasi.Pengguna"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, loading each request's user with their roles in one query.
    "sakip.organisasi.backends.PenggunaBackend",
]
# Five failures for the same user name from the same address lock that pair out for 30 minutes.
AXES_FAILURE_LIMIT = env.integer("SAKIP_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_LOCKOUT_CALLABLE = "sakip.akun.views.terkunci"  # says when to try again, with a link back
# Every address-keyed limit (this lockout, the API throttles, the survey's flood limit) uses the client's address
# from sakip.lib.klien: X-Forwarded-For is believed only from the reverse proxies listed here (docs/deploy.md).
AXES_CLIENT_IP_CALLABLE = "sakip.lib.klien.alamat_klien"
PROXY_TERPERCAYA = env.items("SAKIP_PROXY_TERPERCAYA", default=[])
for _proxy in PROXY_TERPERCAYA:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"SAKIP_PROXY_TERPERCAYA berisi {_proxy!r}, yang bukan alamat IP atau jaringan (mis. 127.0.0.1)."
        ) from None
if env.text("SAKIP_PROXY_COUNT", default=""):
    raise ImproperlyConfigured(
        "SAKIP_PROXY_COUNT tidak dipakai lagi: isi SAKIP_PROXY_TERPERCAYA dengan alamat reverse proxy "
        "(mis. 127.0.0.1 untuk nginx di mesin yang sama)."
    )

# REST API (sakip.api, docs/api.md): a token per user or the browser session; every list is paginated and every
# client throttled. The generous rates in DEBUG keep development and the test suite (one address, many requests)
# clear of them; production sets its own through SAKIP_API_RATE_ANON / SAKIP_API_RATE_USER.
# The cache holds the API throttles' request counts (and nothing else yet). In production it is a directory shared by
# every gunicorn worker of the host, so a client's limit is the configured one and not that times the number of
# workers (each process's memory, Django's default, would count separately). Development and tests keep memory.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        if DEBUG
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.text("SAKIP_CACHE_DIR", default=str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    )
}

# Backup archives of a pemda (sakip.cadangan) are signed with this key (HMAC-SHA256), and a restore refuses an archive
# not signed with it. Development and tests use a fixed key; production sets its own (at least 32 characters).
SAKIP_BACKUP_KEY = env.text("SAKIP_BACKUP_KEY", default="")
if not SAKIP_BACKUP_KEY and DEBUG:
    SAKIP_BACKUP_KEY = "sakip-cadangan-development-only-key"

# An API token is refused this many days after it was issued; the token endpoint then issues a new one.
SAKIP_API_TOKEN_HARI = env.integer("SAKIP_API_TOKEN_HARI", default=90)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "sakip.api.otentikasi.TokenBerbatas",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "sakip.api.pagination.Halaman",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["sakip.api.throttling.AnonThrottle", "sakip.api.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.text("SAKIP_API_RATE_ANON", default="100000/hour" if DEBUG else "30/minute"),
        "user": env.text("SAKIP_API_RATE_USER", default="100000/hour" if DEBUG else "300/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "sakip.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SAKIP API",
    "DESCRIPTION": (
        "Indikator, target, realisasi, data dukung, anggaran, IKM survei dan capaian. "
        "Token: POST /api/token/, lalu kirim `Authorization: Token <token>` pada setiap permintaan."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "DISABLE_DOCSTRING_DESCRIPTIONS": True,  # docstrings are for developers (English); summaries are Indonesian
    "ENUM_NAME_OVERRIDES": {
        "PeriodeRealisasiEnum": "sakip.pengukuran.models.Periode",
        "PeriodeSurveiEnum": "sakip.survei.models.Periode",
        "JenisAturanValidasiEnum": "sakip.pengukuran.models.AturanValidasi.Jenis",
        "JenisSatuanEnum": "sakip.perencanaan.models.SatuanPemda.Jenis",
        "SifatJabatanEnum": "sakip.organisasi.models.Pejabat.Sifat",
        "StatusJabatanKepalaDaerahEnum": "sakip.rpjmd.models.PKKepalaDaerah.StatusJabatan",
        "StatusPKKepalaDaerahEnum": "sakip.rpjmd.models.PKKepalaDaerah.Status",
        "StatusEnum": "sakip.pengukuran.models.Realisasi.Status",  # its name before a second "status" enum
    },
    # Swagger UI from the installed sidecar package, not a CDN: offices are often offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Two-factor login (sakip.akun, docs/arsitektur.md): django-otp's TOTP devices. Its own per-device exponential delay is
# off because sakip.akun counts wrong codes per user (authenticator and recovery codes together) and locks them.
OTP_TOTP_ISSUER = "SAKIP"
OTP_TOTP_THROTTLE_FACTOR = 0

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
# Corrections to Django's Indonesian messages (locale/id/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.text("SAKIP_TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
# Evidence files live outside the web root and are served only through access-checked views.
MEDIA_ROOT = Path(env.text("SAKIP_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))

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

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# The refused-form page in the site's layout and in Indonesian (Django's own is English and has no menu).
CSRF_FAILURE_VIEW = "config.views.csrf_gagal"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
if not DEBUG:
    SESSION_COOKIE_SECURE = env.flag("SAKIP_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env.flag("SAKIP_SSL_REDIRECT", default=False)  # usually done by nginx
    SECURE_HSTS_SECONDS = env.integer("SAKIP_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.flag("SAKIP_HSTS_SUBDOMAINS", default=False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.text("SAKIP_LOG_LEVEL", default="WARNING")},
}

# Background jobs (sakip.antrean, docs/arsitektur.md "Background jobs"): django-tasks with its database backend;
# workers are `manage.py pekerja` processes (docs/deploy.md).
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "sakip.antrean", "sakip.notifikasi"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Uploads above this many bytes are checked and applied on the queue (sakip.antrean.impor); smaller ones in the request.
SAKIP_IMPOR_LATAR_BYTE = env.integer("SAKIP_IMPOR_LATAR_BYTE", default=256 * 1024)

# E-mail (sakip.notifikasi): SMTP from the environment; without SAKIP_EMAIL_HOST a development machine prints the
# messages on the worker's console instead of sending them.
EMAIL_HOST = env.text("SAKIP_EMAIL_HOST", default="")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env.integer("SAKIP_EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.text("SAKIP_EMAIL_USER", default="")
EMAIL_HOST_PASSWORD = env.text("SAKIP_EMAIL_PASSWORD", default="")
EMAIL_USE_TLS = env.flag("SAKIP_EMAIL_TLS", default=bool(EMAIL_HOST_USER))
EMAIL_USE_SSL = env.flag("SAKIP_EMAIL_SSL", default=False)
EMAIL_TIMEOUT = env.integer("SAKIP_EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.text("SAKIP_EMAIL_FROM", default="SAKIP <sakip@localhost>")
# The address people open the app at, for the links in e-mails (no request to take it from in a worker).
SAKIP_URL_DASAR = env.text("SAKIP_URL_DASAR", default="http://127.0.0.1:8000").rstrip("/")
# Internal networks a pemda's webhook may reach (CIDRs, comma-separated), e.g. its WhatsApp gateway's subnet; any
# other non-public address (loopback, private, link-local, cloud metadata) is refused.
SAKIP_WEBHOOK_JARINGAN_INTERNAL = env.items("SAKIP_WEBHOOK_JARINGAN_INTERNAL", default=[])
