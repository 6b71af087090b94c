"""Development: runs with nothing installed but Python (SQLite, database search, console email)."""

import secrets

from .base import *

if "demo" not in INSTALLED_APPS:
    INSTALLED_APPS.append("demo")  # the demo site and ``load_demo_data``

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])

if not SECRET_KEY:
    # Generated once and kept under var/ so sessions survive restarts.
    _key_file = VAR_DIR / "secret_key"
    if not _key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        _key_file.write_text(secrets.token_urlsafe(50))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
