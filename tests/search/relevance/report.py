"""Print precision@3 and MRR of each engine, per language, over the judged queries.

    .venv/bin/python -m tests.search.relevance.report            # SQLite (portal.settings.test)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_x \\
        .venv/bin/python -m tests.search.relevance.report        # PostgreSQL
    ... report --misses                                          # and what each miss found

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
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from .harness import GOAL, demo_load, engines, evaluate, misses, score, table

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        demo_load()
        results = {engine.name: evaluate(engine) for engine in engines()}
        print(f"relevance on {connection.vendor}, goal P@3 >= {GOAL}")
        print("\n".join(table(results)))
        if args.misses:
            for name, outcomes in results.items():
                print(f"\n{name}: queries below P@3 1")
                print("\n".join(misses(outcomes)) or "  none")
    finally:
        teardown_databases(databases, verbosity=0)
    return 0 if all(score(o).precision_at_3 >= GOAL for o in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
