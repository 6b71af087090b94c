"""Tier 2 of the Elasticsearch tests: a live engine over HTTP.

``ELASTICSEARCH_URL`` set (``docker compose up search``): that server, real Elasticsearch.
Otherwise the ``osmem-server`` emulator (the dev extra ships its binary), started once per test
session on a free port. Its answers are plain ``application/json`` and carry no
``X-Elastic-Product`` header, so the client talks to it through ``OsmemNode``, which rewrites
the Elasticsearch 8 compatibility media type on the way out and adds the header on the way
back. What the emulator lacks (``EMULATOR_SKIPS_FILTERS``, synonyms) is left out or skipped.
"""

import os

from elastic_transport import Urllib3HttpNode

COMPATIBLE = "application/vnd.elasticsearch+json; compatible-with=8"
# osmem-server 0.1.6: no arabic_stem; possessive_english and light_spanish make every query match
# every document.
EMULATOR_SKIPS_FILTERS = ["arabic_stem", "possessive_english", "light_spanish"]


def plain(value: str) -> str:
    """ "application/vnd.elasticsearch+x-ndjson; compatible-with=8" -> "application/x-ndjson"."""
    if value.startswith("application/vnd.elasticsearch+"):
        return "application/" + value.split("+", 1)[1].split(";", 1)[0].strip()
    return value


class OsmemNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        headers = headers.copy() if headers is not None else None
        for found in (headers, self._headers):
            for name in ("accept", "content-type"):
                if found is not None and name in found:
                    found[name] = plain(found[name])
        response = super().perform_request(method, target, body=body, headers=headers, **kwargs)
        response.meta.headers["x-elastic-product"] = "Elasticsearch"
        return response


def real_url() -> str:
    from django.conf import settings

    return settings.ELASTICSEARCH_TEST_URL or os.environ.get("ELASTICSEARCH_URL", "")


def engine_settings(url: str, *, emulator: bool, prefix: str) -> dict:
    """The settings that point the directory's search at the server ``url``."""
    values = {
        "ELASTICSEARCH_URL": url,
        "SEARCH_INDEX_PREFIX": prefix,
        "SEARCH_TIMEOUT_SECONDS": 10.0,
    }
    if emulator:
        values["ELASTICSEARCH_CLIENT_OPTIONS"] = {"node_class": OsmemNode}
        values["ELASTICSEARCH_SKIP_FILTERS"] = EMULATOR_SKIPS_FILTERS
    return values
