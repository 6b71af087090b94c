"""Print precision@3 and MRR of each engine, per language, over the judged queries.

    .venv/bin/python -m tests.search.relevance.report            # SQLite (portal.settings.test)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_x \\
        .venv/bin/python -m tests.search.relevance.report        # PostgreSQL
    ... report --misses                                          # and what each miss found
    ... report --one-stage                                       # PostgreSQL ranking every match
    ... report --elastic                                         # Elasticsearch too: osmem-server,
                                                                 # or the ELASTICSEARCH_URL server

It builds a throwaway test database (``test_`` + the configured name; migrations seed the
synonyms), loads the demo directory, runs every judged query on each engine
(``RELEVANCE_ENGINES=database,elasticsearch`` to choose) and drops the database. It exits 1 when
an engine is below the goal (precision@3 0.9), as ``test_relevance.py`` fails.
"""

import argparse
import os
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="show what each miss found")
    parser.add_argument(
        "--elastic", action="store_true", help="the Elasticsearch engine too (tier 2's server)"
    )
    parser.add_argument(
        "--one-stage",
        action="store_true",
        help="PostgreSQL: rank every match, not a shortlist (the two-stage ranking's A/B)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    if args.one_stage:
        from search.engines import database

        database.TWO_STAGE = False
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from .harness import GOAL, demo_load, engines, evaluate, misses, score, table

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    server = None
    try:
        if args.elastic:
            server = _elastic()
        demo_load()
        results = {engine.name: evaluate(engine) for engine in engines()}
        print(f"relevance on {connection.vendor}, goal P@3 >= {GOAL}")
        print("\n".join(table(results)))
        if args.misses:
            for name, outcomes in results.items():
                print(f"\n{name}: queries below P@3 1")
                print("\n".join(misses(outcomes)) or "  none")
        if server is not None:
            print(f"elasticsearch: {server[0]}" + (" (osmem-server emulator)" if server[1] else ""))
    finally:
        if server is not None:
            from search.engines.elastic import connection as es

            for name in es.client().indices.get(index="relevance_report_*", allow_no_indices=True):
                es.client().indices.delete(index=name, ignore_unavailable=True)
            if server[2] is not None:
                server[2].close()
        teardown_databases(databases, verbosity=0)
    return 0 if all(score(o).precision_at_3 >= GOAL for o in results.values()) else 1


def _elastic():
    """Point search at tier 2's server (``tests/search/osmem.py``) for the rest of the run."""
    from django.test import override_settings

    from tests.search.osmem import engine_settings, real_url

    url, emulator, process = real_url(), False, None
    if not url:
        from osmem_server import OsmemServer

        process = OsmemServer.start(japanese=False)
        url, emulator = process.url, True
    override_settings(**engine_settings(url, emulator=emulator, prefix="relevance_report")).enable()
    return url, emulator, process


if __name__ == "__main__":
    sys.exit(main())
