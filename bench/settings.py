"""Production settings plus one extra URL: the minimal view that ``bench/pages.py`` compares against."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
