"""Tests: fast hashing, local-memory cache, plain static storage, no page cache unless a test asks."""

from .base import *

if "demo" not in INSTALLED_APPS:
    INSTALLED_APPS.append("demo")  # the demo site and ``load_demo_data``

DEBUG = False
SECRET_KEY = "test-only-not-secret"
# Browser tests serve from threads: a connection kept by one would still be open when the test
# database is dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {
        "BACKEND": "core.resilient_cache.ResilientCache",
        "WRAPPED": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "locmem"
SMS_WEBHOOK_SECRET = "test-webhook-secret"
# Background work runs at once, inside the request that queues it (tests that need the worker's
# deferral use the database backend themselves).
TASKS["background"] = {
    "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    "QUEUES": ["default", "pdf"],
}
PDF_RENDER_NICENESS = 0  # a PDF made at once is made in the test process
MEDIA_ROOT = str(VAR_DIR / "test-media")
PRIVATE_MEDIA_ROOT = str(VAR_DIR / "test-private")
PAGE_CACHE_SECONDS = 0
# Tests never touch the indexes of a real site, even on a shared Elasticsearch.
SEARCH_INDEX_PREFIX = f"test_{SEARCH_INDEX_PREFIX}"
# The directory's search runs on the database in tests; the Elasticsearch tests (tests/search/
# test_elastic_*.py) switch to the server of ELASTICSEARCH_URL, or to the emulator without one.
ELASTICSEARCH_TEST_URL = ELASTICSEARCH_URL
ELASTICSEARCH_URL = ""
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
}
LOGGING["root"]["level"] = "WARNING"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests post many forms and PDFs from one address; the tests of the limits set their own rates.
PUBLIC_POST_RATE = "100000/h"
PDF_RATE = "100000/h"
SURVEY_SUBMIT_RATE = SURVEY_CONTACT_RATE = BOARD_MESSAGE_RATE = "100000/h"
# Activity is recorded at sign-in and then not again, so query counts do not depend on the clock.
STAFF_IDLE_RESOLUTION_SECONDS = 10**9
# No night hours unless a test sets them (texts would otherwise wait, depending on the clock).
MESSAGING_QUIET_HOURS_START = MESSAGING_QUIET_HOURS_END = 0
