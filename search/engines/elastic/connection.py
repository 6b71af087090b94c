"""The Elasticsearch client, and every failure of it turned into ``EngineUnavailable``.

One client per process and configuration, with ``SEARCH_TIMEOUT_SECONDS`` on every request and
no retries: a search that cannot be answered at once is answered by the database instead
(``search.engines.answering``). ``ELASTICSEARCH_CLIENT_OPTIONS`` adds keyword arguments to the
client (the tests give the emulator's ``node_class`` there).
"""

import functools
import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.helpers import BulkIndexError

from ..errors import EngineUnavailable

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_clients: dict[tuple, Elasticsearch] = {}


def _config() -> tuple:
    options = getattr(settings, "ELASTICSEARCH_CLIENT_OPTIONS", {}) or {}
    return (
        settings.ELASTICSEARCH_URL,
        float(settings.SEARCH_TIMEOUT_SECONDS),
        tuple(sorted(options.items(), key=lambda item: item[0])),
    )


def client() -> Elasticsearch:
    config = _config()
    found = _clients.get(config)
    if found is None:
        url, timeout, options = config
        with _lock:
            found = _clients.get(config)
            if found is None:
                found = _clients[config] = Elasticsearch(
                    url,
                    request_timeout=timeout,
                    max_retries=0,
                    retry_on_timeout=False,
                    **dict(options),
                )
    return found


@contextmanager
def unavailable_on_error(what: str):
    """Any failure to reach or use Elasticsearch, as ``EngineUnavailable`` (with the cause)."""
    try:
        yield
    # Refused, timed out, an error answer (4xx, 5xx), a bulk request whose items failed.
    except (TransportError, ApiError, BulkIndexError) as error:
        raise EngineUnavailable(f"Elasticsearch: {what}: {error}") from error


@functools.lru_cache(maxsize=8)
def _server(config: tuple) -> dict:
    with unavailable_on_error("reading the server's version"):
        info = client().info()
    version = info.get("version", {})
    return {
        "number": version.get("number", "0"),
        "distribution": version.get("distribution", "elasticsearch"),
    }


def server() -> dict:
    """The server's version number and distribution ("elasticsearch" or "opensearch")."""
    return _server(_config())


def has_synonyms_api() -> bool:
    """Elasticsearch 8.10 and later keep synonyms in sets that an update reloads everywhere."""
    found = server()
    if found["distribution"] != "elasticsearch":
        return False
    try:
        major, minor = (int(part) for part in found["number"].split(".")[:2])
    except ValueError:
        return False
    return (major, minor) >= (8, 10)


def forget() -> None:
    """Drop clients and what is known of the server (after a settings change, in tests)."""
    with _lock:
        for found in _clients.values():
            found.close()
        _clients.clear()
    _server.cache_clear()
