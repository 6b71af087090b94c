"""Fixtures of the tier-2 Elasticsearch tests (see ``tests/search/osmem.py``): import them into
a test module with ``from tests.search.elastic_fixtures import *``."""

import uuid

import pytest
from django.test import override_settings

from search.engines import breaker
from search.engines.elastic import connection

from .osmem import engine_settings, real_url

__all__ = ["elastic_server", "elastic", "on_emulator"]


@pytest.fixture(scope="session")
def elastic_server():
    """(url, is the emulator): real Elasticsearch from ELASTICSEARCH_URL, else osmem-server."""
    url = real_url()
    if url:
        yield url, False
        return
    from osmem_server import OsmemServer

    server = OsmemServer.start(japanese=False)  # port 0: a free one
    yield server.url, True
    server.close()


@pytest.fixture
def elastic(elastic_server, request):
    """The directory's search on the live engine, with an index prefix of this test's own; the
    test fails if any search fell back to the database (the engine must have answered)."""
    url, emulator = elastic_server
    gaps = getattr(request.module, "EMULATOR_GAPS", {})
    if emulator and request.node.originalname in gaps:
        pytest.skip(f"osmem-server: {gaps[request.node.originalname]}")
    prefix = f"test_{uuid.uuid4().hex[:10]}"
    fallbacks = []
    trip = breaker.trip

    def recorded_trip():
        fallbacks.append(True)
        trip()

    breaker.reset()
    with override_settings(**engine_settings(url, emulator=emulator, prefix=prefix)):
        connection.forget()
        original, breaker.trip = breaker.trip, recorded_trip
        try:
            yield emulator
        finally:
            breaker.trip = original
            _clean(prefix)
            connection.forget()
            breaker.reset()
    assert not fallbacks, "Elasticsearch failed and the database answered"


@pytest.fixture
def on_emulator(elastic):
    return elastic


def _clean(prefix: str) -> None:
    """Delete the test's indexes (by name: Elasticsearch 8 refuses wildcard deletes) and
    synonyms sets."""
    from search.documents import site_languages
    from search.engines.elastic.mapping import synonyms_set_id

    es = connection.client()
    try:
        for name in es.indices.get(index=f"{prefix}_*", allow_no_indices=True):
            es.indices.delete(index=name, ignore_unavailable=True)
    except Exception:
        pass
    if connection.has_synonyms_api():
        for language in site_languages():
            try:
                es.synonyms.delete_synonym(id=synonyms_set_id(language))
            except Exception:
                pass
