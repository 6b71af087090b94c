"""Lost and found board benchmark: the public board page with filters, among 100,000 reports.

    .venv/bin/python bench/board.py                    # 100,000 reports (the issue's)
    .venv/bin/python bench/board.py --reports 20000    # a quick check

Creates a throwaway PostgreSQL database (``portal_bench_board`` on 127.0.0.1:5432, user
postgres), migrates it and COPYs the reports ``bench/matching.py`` makes (people, cases, reports
at California's ZIP codes over six months; about half published), published at moments of the
last 45 days so that some have already left the board (``LOST_FOUND_BOARD_DAYS``), a photo row
for every third. Then it requests the board page as a visitor would, through Django's test
client (the whole view, template and middleware, no network): no filter, lost or found, a
species, a ZIP code with each radius, a date, and pages further on, in the five languages.
Target: the board page with filters p95 < 80 ms. Prints the load average and the CPU probe
(``bench/common.py``) beside the figures. The database is dropped at the end unless --keep.
"""

import argparse
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine, percentiles  # noqa: E402
from bench.matching import (  # noqa: E402
    database_drop,
    database_recreate,
    django_setup,
    generate,
)

DB_NAME = "portal_bench_board"
ZIPS = ["95814", "95670", "94103", "90012", "92101"]


def publish(rng: random.Random) -> None:
    """Publication moments for the reports ``generate`` marked published, and photo rows."""
    from django.db import connection
    from django.utils import timezone

    from backoffice.models import ReportPhoto

    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE backoffice_petreport SET publish_consent = true, "
            "published_at = %s - (random() * interval '45 days') WHERE state = 'published'",
            [now],
        )
        cursor.execute(
            "UPDATE backoffice_petreport SET ends_at = published_at + interval '30 days' "
            "WHERE state = 'published'"
        )
        cursor.execute("SELECT id FROM backoffice_petreport WHERE id % 3 = 0")
        ids = [row[0] for row in cursor.fetchall()]
    ReportPhoto.objects.bulk_create(
        [
            ReportPhoto(
                report_id=pk,
                file=f"lost-found/bench/{uuid.uuid4().hex}.jpg",
                width=800,
                height=600,
                public_id=uuid.uuid4(),
            )
            for pk in ids
        ],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def queries(rng: random.Random, today) -> list[dict]:
    import datetime

    asked = [{}, {"kind": "lost"}, {"kind": "found"}, {"species": "cat"}, {"page": "5"}]
    for zip_code in ZIPS:
        for radius in ("1", "3", "5", "10", "25"):
            asked.append({"zip": zip_code, "radius": radius})
    asked += [
        {"kind": "lost", "species": "dog", "zip": "95814", "radius": "10"},
        {"kind": "found", "species": "cat", "zip": "94103", "radius": "5", "page": "2"},
        {"since": (today - datetime.timedelta(days=7)).isoformat()},
        {"since": (today - datetime.timedelta(days=30)).isoformat(), "zip": "90012"},
        {"zip": "00000"},  # unknown: said, and ignored
    ]
    return asked


def measure(count: int, rng: random.Random) -> None:
    from urllib.parse import urlencode

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from backoffice.board import reports_on_board

    settings.PAGE_CACHE_SECONDS = 0
    client = Client()
    asked = queries(rng, timezone.localdate())
    languages = [code for code, _name in settings.LANGUAGES]
    print(f"reports on the board now: {reports_on_board().count():,}")
    for query in asked[:3]:  # warm the connection and the template cache
        client.get(f"/en/lost-and-found/?{urlencode(query)}")
    times, filtered, in_database, statements = [], [], [], []
    spent = {"ms": 0.0, "count": 0}

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent["ms"] += (time.perf_counter() - began) * 1000
            spent["count"] += 1

    for number in range(count):
        query = asked[number % len(asked)]
        language = languages[number % len(languages)]
        url = f"/{language}/lost-and-found/" + (f"?{urlencode(query)}" if query else "")
        spent.update(ms=0.0, count=0)
        began = time.perf_counter()
        with connection.execute_wrapper(timed):
            response = client.get(url)
        elapsed = (time.perf_counter() - began) * 1000
        in_database.append(spent["ms"])
        statements.append(float(spent["count"]))
        assert response.status_code == 200, (url, response.status_code)
        times.append(elapsed)
        if query and set(query) != {"page"}:
            filtered.append(elapsed)
    median, p95 = percentiles(in_database)
    most = max(statements)
    print(
        f"of which in the database: median {median:.1f} ms, p95 {p95:.1f} ms; at most {most:.0f} statements"
    )
    for label, values in (("board page, any query", times), ("board page with filters", filtered)):
        median, p95 = percentiles(values)
        print(
            f"{label}: {len(values)} requests, median {median:.1f} ms, p95 {p95:.1f} ms, "
            f"max {max(values):.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database")
    parser.add_argument("--database", default=DB_NAME, help="its name (another bench may run)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if not args.reuse:
        database_recreate(args.database)
    django_setup(args.database)
    from django.core.management import call_command

    if not args.reuse:
        print(machine("before loading"))
        began = time.perf_counter()
        call_command("migrate", verbosity=0)
        generate(args.reports, rng)
        publish(rng)
        print(f"loaded {args.reports:,} reports in {time.perf_counter() - began:.0f} s")
    print(machine("before measuring"))
    measure(args.requests, rng)
    print(machine("after measuring"))
    if not args.keep:
        database_drop(args.database)


if __name__ == "__main__":
    main()
