"""Settings shared by every environment.

Everything that differs between machines is read from the environment here, in one place.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# The one reader of the environment: dev.py, production.py and test.py use this ``env`` too.
env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PORTAL_DIR = BASE_DIR / "portal"
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

# --- Read from the environment ------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")  # dev.py generates one; production.py requires it
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
_POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# Opening a PostgreSQL connection (a new server process, authentication, settings) costs several
# milliseconds, as much as a whole cached page: a worker keeps its connection for a minute, checked
# before reuse so that a restarted database costs one retry, not an error. SQLite opens a file.
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60 if _POSTGRESQL else 0)
)
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if _POSTGRESQL:
    # Web requests run short queries; PostgreSQL's JIT compiler, which starts on queries it
    # estimates to be costly, spends longer compiling them (100+ ms) than running them.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
# The embedded default, SQLite, shares one file between every worker: a write waits for the lock
# (taken when the transaction starts, so two writers never deadlock on an upgrade) instead of
# failing at once with "database is locked", and WAL lets readers go on while one writes.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
STATIC_ROOT = env.str("STATIC_ROOT", default=str(VAR_DIR / "static"))
# A cache shared by every worker process, so that a publish invalidates cached pages everywhere.
# A cache that fails (full disk, Redis down) must not take pages down: ResilientCache logs the error
# and answers "not cached" for CACHE_RETRY_SECONDS before trying again; /healthz/ reports it.
_cache = env.cache_url("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}")
if _cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache":
    _cache["BACKEND"] = "core.file_cache.FileCache"  # no folder listing on every write
CACHES = {
    "default": {
        "BACKEND": "core.resilient_cache.ResilientCache",
        "WRAPPED": _cache,
        "RETRY_SECONDS": env.int("CACHE_RETRY_SECONDS", default=10),
    },
}
WAGTAILADMIN_BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000")
TIME_ZONE = env.str("TIME_ZONE", default="America/Los_Angeles")
# The demo app (``demo/``: development only, not in the wheel). Development and test settings
# always install it; elsewhere it is installed only when asked, to run ``load_demo_data``.
DEMO_APP = env.bool("DEMO_APP", default=False)

# --- Email: EMAIL_URL read once, spelled out ------------------------------------------------------
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
if _email["EMAIL_FILE_PATH"]:
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
# A mail server that stops answering must not hold a request or a worker for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Pet Support <help@example.org>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
del _email

# --- Messages to people (messaging/): texts, the outbox, the background worker --------------------
# Who writes, in every message ("Message from <organisation>: please call us at <phone>").
ORGANISATION_NAME = env.str("ORGANISATION_NAME", default="Pet Support")
ORGANISATION_PHONE = env.str("ORGANISATION_PHONE", default="")
# console | file | locmem | twilio (or a dotted path); twilio needs the ``sms`` extra.
SMS_BACKEND = env.str("SMS_BACKEND", default="console")
SMS_FILE_PATH = env.str("SMS_FILE_PATH", default=str(VAR_DIR / "sms"))
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM = env.str("TWILIO_FROM", default="")  # a number in E.164, or a messaging service SID
# The inbound webhook's public address, when a proxy changes it (the provider signs that URL).
SMS_WEBHOOK_URL = env.str("SMS_WEBHOOK_URL", default="")
SMS_WEBHOOK_SECRET = env.str("SMS_WEBHOOK_SECRET", default="")  # development backends' signature
PHONE_REGION = env.str("PHONE_REGION", default="US")  # numbers typed without a country code
# No texts between these hours, in TIME_ZONE.
MESSAGING_QUIET_HOURS_START = env.int("MESSAGING_QUIET_HOURS_START", default=21)
MESSAGING_QUIET_HOURS_END = env.int("MESSAGING_QUIET_HOURS_END", default=8)
MESSAGING_RETENTION_DAYS = env.int("MESSAGING_RETENTION_DAYS", default=90)
MESSAGING_MAX_ATTEMPTS = env.int("MESSAGING_MAX_ATTEMPTS", default=4)
MESSAGING_RETRY_SECONDS = env.int("MESSAGING_RETRY_SECONDS", default=60)  # x4 each attempt
MESSAGING_SENDING_TIMEOUT_SECONDS = 15 * 60
MESSAGING_MESSAGE_ID_DOMAIN = env.str("MESSAGING_MESSAGE_ID_DOMAIN", default="portal.invalid")
# "Send me this list": per number or address a day, per IP an hour.
SEND_LIST_PER_ADDRESS_PER_DAY = env.int("SEND_LIST_PER_ADDRESS_PER_DAY", default=3)
SEND_LIST_PER_IP_PER_HOUR = env.int("SEND_LIST_PER_IP_PER_HOUR", default=10)
# Background work (django-tasks). "default" runs Wagtail's own small jobs in the request, as
# before; "background" is the worker's queue: the database backend (``manage.py db_worker
# --backend background``) unless TASKS_BACKEND names another.
# Its queue "pdf" has a worker of its own (``--queue-name pdf``, under ``nice``): PDFs of printed
# lists (``directory.pdf_jobs``), which cost seconds of CPU, never hold up a message.
MESSAGING_TASK_BACKEND = "background"
PDF_TASK_BACKEND = "background"
# Scoring every open lost and found report again after staff change the weights.
MATCHING_TASK_BACKEND = "background"
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "pdf"],
    },
}

# --- Search ---------------------------------------------------------------------------------------
# Elasticsearch when ELASTICSEARCH_URL is set, else the database. Index names start with the prefix
# (test settings use their own, so tests never touch a real index); a search request that takes
# longer than the timeout fails rather than hold the page.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="portal")
SEARCH_TIMEOUT_SECONDS = env.float("SEARCH_TIMEOUT_SECONDS", default=1.0)
# After Elasticsearch fails, every worker skips it (the database answers) for this long.
SEARCH_RETRY_AFTER_SECONDS = env.float("SEARCH_RETRY_AFTER_SECONDS", default=30.0)
# Token filters to leave out of the analyzers, for an engine that lacks them (an emulator).
ELASTICSEARCH_SKIP_FILTERS = env.list("ELASTICSEARCH_SKIP_FILTERS", default=[])
# Extra keyword arguments of the Elasticsearch client (not from the environment; tests use it).
ELASTICSEARCH_CLIENT_OPTIONS: dict = {}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{SEARCH_INDEX_PREFIX}_wagtail_",
            "TIMEOUT": SEARCH_TIMEOUT_SECONDS,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Files ----------------------------------------------------------------------------------------
# Two stores. "default" holds what Wagtail publishes (images, documents): public, under MEDIA_URL.
# "private" holds uploads people send (photos, case attachments): it has no URL, and a file in it is
# served only by a view that has checked permission (``core.private_files``). SERVE_MEDIA lets
# Django serve MEDIA_ROOT when no reverse proxy does; it never reaches the private store.
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "/media/"
PRIVATE_MEDIA_ROOT = env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
STORAGES = {
    "default": {
        "BACKEND": env.str("MEDIA_STORAGE", default="django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env.json("MEDIA_STORAGE_OPTIONS", default={}),
    },
    "private": {
        "BACKEND": env.str(
            "PRIVATE_STORAGE", default="core.private_files.PrivateFileSystemStorage"
        ),
        "OPTIONS": env.json("PRIVATE_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
for _public_root in (MEDIA_ROOT, STATIC_ROOT):
    if Path(PRIVATE_MEDIA_ROOT).resolve().is_relative_to(Path(_public_root).resolve()):
        raise ImproperlyConfigured(
            f"PRIVATE_MEDIA_ROOT ({PRIVATE_MEDIA_ROOT}) must not be inside a public folder "
            f"({_public_root}): its files would be served to anyone."
        )
del _public_root

# --- Staff sign-in -------------------------------------------------------------------------------
# django-axes: after LOGIN_FAILURE_LIMIT failed sign-ins for one user name from one address, that
# pair is refused for LOGIN_LOCKOUT_MINUTES, with the same page whether the user exists or not.
# A staff session ends after STAFF_IDLE_MINUTES without a request.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.sign_in.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_VERBOSE = False
STAFF_IDLE_MINUTES = env.int("STAFF_IDLE_MINUTES", default=30)
STAFF_IDLE_RESOLUTION_SECONDS = 60
# A second step at sign-in (portal.two_factor, django-otp): an authenticator app's code, or a
# recovery code. Optional for each staff member; required, before the back office or the admin,
# for everyone who can see a confidential case when STAFF_TOTP_REQUIRED_FOR_CONFIDENTIAL (True in
# production). After each wrong code the next is refused for 1, 2, 4, 8... seconds (django-otp's
# throttling; the factor is that first delay).
STAFF_TOTP_REQUIRED_FOR_CONFIDENTIAL = env.bool(
    "STAFF_TOTP_REQUIRED_FOR_CONFIDENTIAL", default=False
)
OTP_TOTP_ISSUER = ORGANISATION_NAME
OTP_TOTP_THROTTLE_FACTOR = env.int("TOTP_THROTTLE_SECONDS", default=1)
OTP_STATIC_THROTTLE_FACTOR = OTP_TOTP_THROTTLE_FACTOR
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
STAFF_RECOVERY_CODES = 10
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out user name and address first
    "django.contrib.auth.backends.ModelBackend",
]

# --- Rate limits (django-ratelimit, counted per visitor address in the shared cache) ---------------
# Every public form sent (report a problem, surveys...), and every PDF render queued (a PDF costs
# seconds of CPU; one made already or on its way costs nothing and is not counted).
# PDF_RENDERS_AT_ONCE caps renders at once on one server, across its PDF workers (the others wait).
PUBLIC_POST_RATE = env.str("PUBLIC_POST_RATE", default="60/h")
PDF_RATE = env.str("PDF_RATE", default="10/m")
# Pet support surveys sent (each opens a case): per visitor address, and per phone number or email
# typed. Every step sent also counts against PUBLIC_POST_RATE.
SURVEY_SUBMIT_RATE = env.str("SURVEY_SUBMIT_RATE", default="10/h")
SURVEY_CONTACT_RATE = env.str("SURVEY_CONTACT_RATE", default="5/d")
# Lost and found reports sent (each opens a case), the same way: per address, per contact typed.
LOST_FOUND_REPORT_RATE = env.str("LOST_FOUND_REPORT_RATE", default="10/h")
LOST_FOUND_CONTACT_RATE = env.str("LOST_FOUND_CONTACT_RATE", default="5/d")
# Report forms sent back with photos held for the next try, from one visitor address.
LOST_FOUND_HOLD_RATE = env.str("LOST_FOUND_HOLD_RATE", default="30/h")
# A reporter's private link (update the report, add photos, say the pet is home) works this long.
LOST_FOUND_LINK_DAYS = env.int("LOST_FOUND_LINK_DAYS", default=90)
PDF_RENDERS_AT_ONCE = env.int("PDF_RENDERS_AT_ONCE", default=1)
# The worker renders PDFs at this OS niceness (0-19), below the web workers; a visitor's
# "being prepared" page stops refreshing and says the PDF could not be made after PDF_WAIT_SECONDS.
PDF_RENDER_NICENESS = env.int("PDF_RENDER_NICENESS", default=10)
PDF_WAIT_SECONDS = env.int("PDF_WAIT_SECONDS", default=60)
RATELIMIT_FAIL_OPEN = True

# --- Content-Security-Policy and Permissions-Policy (docs/security.md) -----------------------------
# Every response carries both headers (``portal.security``). The public site and the back office
# run no inline script or style: only files from this site. The Wagtail admin (/admin/) writes
# inline scripts and style attributes of its own into its pages (inline panels, date pickers, the
# editor), which no nonce can reach, so it gets a looser policy: ``'unsafe-inline'`` for scripts
# and styles there, and nowhere else. CSP_IMG_ORIGINS adds origins for images (media on a CDN).
CSP_IMG_ORIGINS = env.list("CSP_IMG_ORIGINS", default=[])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *CSP_IMG_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
CSP_ADMIN_URL_PREFIX = "/admin/"
CSP_ADMIN_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    # Image previews of uploads (blob:), and the icons and thumbnails Wagtail writes as data: URIs.
    "img-src": ["'self'", "data:", "blob:", *CSP_IMG_ORIGINS],
    # The page editor's live preview is an admin page framed by an admin page.
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# No page asks for a device's sensors, camera, microphone, position or payments: all denied.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# Staff avatars are not fetched from gravatar.com: a third party would learn who works here (and
# the admin's policy allows images from this site only).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Applications ---------------------------------------------------------------------------------
INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "portal",
    "content",
    "directory",
    "search",
    "surveys",
    "backoffice",
    "messaging",
    "core",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
if DEMO_APP:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # First, so that every answer has them: cached pages, static files, errors, the admin.
    "portal.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.locale_middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "portal.middleware.PublicPostRateLimitMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.sign_in.StaffIdleTimeoutMiddleware",
    # After the idle timeout: request.user.otp_device, then the second step before staff pages.
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.middleware.StaffSecondFactorMiddleware",
    # After the second step: a form kept at an idle sign-out is offered back to its author.
    "portal.sign_in.StaffKeptFormMiddleware",
    "portal.middleware.SiteFromCacheMiddleware",
    "portal.middleware.DatabaseBusyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into the lockout page
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- Languages ------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("zh-hans", _("Simplified Chinese")),
    ("vi", _("Vietnamese")),
    ("ar", _("Arabic")),
]
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Sessions and messages --------------------------------------------------------------------------
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# --- Wagtail ---------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Pet Support Portal"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True

# Listings not checked for this many days show up in the directory's review queue.
DIRECTORY_REVIEW_AFTER_DAYS = env.int("DIRECTORY_REVIEW_AFTER_DAYS", default=180)
# A ZIP code with no listed place this close is outside the area served: the visitor is told so.
DIRECTORY_AREA_MILES = env.float("DIRECTORY_AREA_MILES", default=100.0)

# What the survey's confirmation promises: a case manager contacts the person within this many
# working days.
SURVEY_RESPONSE_DAYS = env.int("SURVEY_RESPONSE_DAYS", default=2)
# Survey answers left untouched this long are forgotten (and the confirmation page no longer shown
# in that browser): a shared or watched computer must not keep them.
SURVEY_IDLE_MINUTES = env.int("SURVEY_IDLE_MINUTES", default=60)

# The lost and found board (``backoffice/board.py``): a report whose reporter agreed to publish it
# waits for a member of staff to approve it, unless LOST_FOUND_PUBLISH_AT_ONCE says it goes on the
# board as soon as it is sent; it leaves the board when its case is resolved, or this many days
# after it was published.
LOST_FOUND_PUBLISH_AT_ONCE = env.bool("LOST_FOUND_PUBLISH_AT_ONCE", default=False)
LOST_FOUND_BOARD_DAYS = env.int("LOST_FOUND_BOARD_DAYS", default=30)
# Messages sent from a report's page on the board ("I think this is my pet"), per visitor address.
BOARD_MESSAGE_RATE = env.str("BOARD_MESSAGE_RATE", default="5/h")

# Seconds an anonymous page stays in the shared page cache; any publish invalidates it at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
