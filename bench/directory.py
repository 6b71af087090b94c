#!/usr/bin/env python
"""Directory benchmark: the category page and the listing page over many resources.

    .venv/bin/python bench/directory.py                    # 10,000 then 100,000 resources
    .venv/bin/python bench/directory.py --sizes 2000       # a quick check
    .venv/bin/python bench/directory.py --database sqlite  # the embedded default (10,000)
    .venv/bin/python bench/directory.py --at 12:00         # only at noon (site time)
    .venv/bin/python bench/directory.py --profile 5        # and where the time goes, per page

Creates a throwaway database (PostgreSQL: ``portal_bench_directory`` on 127.0.0.1:5432 as
``postgres``, or the name in ``BENCH_DIRECTORY_PG_NAME``; SQLite: a temporary file), migrates it (the pet-support taxonomy comes with the
migrations), and grows the directory to each size in turn with bulk inserts: resources spread over
the leaf categories (some in two), each with a location near Sacramento, a phone, weekday opening
hours and, for one in twenty, a closure; half translated into Spanish. Then, through Django's
test client with the page cache off (rendering is measured, not the cache), it requests:

- category pages: a top-level category (its subcategories' listings included) and a leaf, in
  English and Spanish: by name, nearest-first from a ZIP code, a deep page, with filters;
- the same with the "open now" filter;
- listing pages of random resources, in Spanish.

The figures do not depend on the hour the benchmark runs: it simulates the site's clock
(``time-machine``) at each ``--at`` time (site time, ``TIME_ZONE``) of one Wednesday,
``SIMULATED_DAY``: by default at noon, when most places are open and "open now" lists thousands,
and at 03:00, when none is. The data is generated on that day too (its closures run from it).

It prints the median and p95 latency and the SQL queries per page, and the load average with the
CPU probe of ``bench/common.py`` before and after each block. Goals (issue 14), on PostgreSQL at
100k resources, at every time: category page p95 < 50 ms, category "open now" p95 < 50 ms,
listing page p95 < 30 ms; on SQLite at 10k, within twice those. Exits 1 when one is missed at the
largest size. ``--profile N`` then prints, per page kind, the N functions with the most time of
their own and the N of the project's with the most cumulative time (cProfile over a separate
round, so the timings above are not slowed). ``--keep`` leaves the database (SQLite:
``var/bench-directory.sqlite3``) and ``--reuse`` starts from it, migrated. The database is
dropped at the end unless --keep.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine, percentiles  # noqa: E402

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = os.environ.get("BENCH_DIRECTORY_PG_NAME", "portal_bench_directory")  # runs side by side
GOAL_CATEGORY_P95_MS = 50
GOAL_OPEN_NOW_P95_MS = 50
GOAL_LISTING_P95_MS = 30
SQLITE_GOAL_FACTOR = 2  # SQLite (at 10k): within twice the goals
SIMULATED_DAY = date(2026, 12, 2)  # a Wednesday: the generated hours are Monday to Friday
TIMES = ["12:00", "03:00"]
SQLITE_KEPT = ROOT / "var" / "bench-directory.sqlite3"  # with --keep or --reuse
BATCH = 5_000
ZIPS = ["95814", "95815", "95816", "95817", "95818", "95820", "95821", "95824", "95825", "95670"]


def database_url(kind: str, workdir: Path, *, reuse: bool = False) -> str:
    """A fresh database (or, with ``reuse``, the one a ``--keep`` run left, migrated)."""
    if kind == "sqlite":
        path = SQLITE_KEPT if reuse else workdir / "bench.sqlite3"
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME]).fetchone()
        if not (reuse and exists):
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{PG_NAME}"')
    return f"{PG_SERVER}/{PG_NAME}"


def database_drop(kind: str) -> None:
    if kind != "postgres":
        return
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    if connection.vendor == "postgresql":  # statistics for what a migration wrote, as autovacuum
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def grow(start: int, stop: int, rng: random.Random) -> float:
    """Add resources ``start`` to ``stop - 1``; return the seconds it took."""
    from django.db import transaction
    from django.utils import timezone

    from directory.models import (
        Category,
        Closure,
        Location,
        OpeningHours,
        Organization,
        Phone,
        Resource,
        ResourceLocation,
    )
    from directory.services import listing_order_refresh
    from directory.vocabulary import Cost, Status

    began = time.perf_counter()
    leaves = list(Category.objects.filter(children__isnull=True).values_list("pk", flat=True))
    costs = list(Cost.values)
    today = timezone.localdate()
    now = timezone.now()
    through = Resource.categories.through
    for first in range(start, stop, BATCH):
        last = min(first + BATCH, stop)
        with transaction.atomic():
            organizations = Organization.objects.bulk_create(
                [Organization(name=f"Org {n}", name_en=f"Org {n}") for n in range(first, last, 50)]
            )
            locations = Location.objects.bulk_create(
                [
                    Location(
                        organization=organizations[(n - first) // 50],
                        name=f"Place {n}",
                        name_en=f"Place {n}",
                        address_1=f"{n % 9000 + 100} Mill Road",
                        city="Riverbend",
                        state_province="CA",
                        postal_code=rng.choice(ZIPS),
                        latitude=38.58 + rng.uniform(-0.15, 0.15),
                        longitude=-121.49 + rng.uniform(-0.2, 0.2),
                    )
                    for n in range(first, last)
                ]
            )
            resources = []
            for n in range(first, last):
                name = f"Service {n:06d} {rng.choice(['pantry', 'clinic', 'foster', 'help line'])}"
                resource = Resource(
                    organization=organizations[(n - first) // 50],
                    name=name,
                    name_en=name,
                    short_description_en="Low-cost vaccines and check-ups. Walk in.",
                    description_en="A longer description of what is offered, to whom and how.",
                    eligibility_description_en="Anyone in the county.",
                    application_process_en="Call or come in during opening hours.",
                    cost=rng.choice(costs),
                    languages=rng.sample(["en", "es", "vi", "zh", "ar"], k=2),
                    species=["dog", "cat"],
                    status=Status.ACTIVE if n % 40 else Status.TEMPORARILY_CLOSED,
                    last_verified_at=now - timedelta(days=n % 400),
                )
                if n % 2:
                    resource.name_es = f"Servicio {n:06d}"
                    resource.short_description_es = "Vacunas y chequeos a bajo costo."
                resources.append(resource)
            resources = Resource.objects.bulk_create(resources)
            links, places, phones, hours, closures = [], [], [], [], []
            for resource, location in zip(resources, locations, strict=True):
                for category in {rng.choice(leaves) for _ in range(rng.choice([1, 1, 2]))}:
                    links.append(through(resource_id=resource.pk, category_id=category))
                places.append(ResourceLocation(resource=resource, location=location))
                phones.append(Phone(resource=resource, number="(555) 010-2000"))
                opens = clock(rng.choice([8, 9, 10]))
                closes = clock(rng.choice([16, 17, 18]))
                hours += [
                    OpeningHours(resource=resource, weekday=day, opens_at=opens, closes_at=closes)
                    for day in range(5)
                ]
                if resource.pk % 20 == 0:
                    closures.append(
                        Closure(resource=resource, start_date=today, end_date=today + timedelta(3))
                    )
            through.objects.bulk_create(links)
            ResourceLocation.objects.bulk_create(places)
            Phone.objects.bulk_create(phones)
            OpeningHours.objects.bulk_create(hours)
            Closure.objects.bulk_create(closures)
            # Their places in the lists of their categories, as the imports write them.
            listing_order_refresh(resource_ids=[resource.pk for resource in resources])
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum does on a running site after a bulk load: statistics for the planner
        # and the visibility map that lets a narrow index answer without the table's rows.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return time.perf_counter() - began


def timed(client, url: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        began = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - began) * 1000
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    return elapsed, len(captured)


def measure(urls: list[str], runs: int) -> dict:
    from django.test import Client

    client = Client()
    for url in urls:  # warm up: templates, translations, the site's page lookups
        client.get(url)
    times, queries = [], set()
    for n in range(runs):
        elapsed, count = timed(client, urls[n % len(urls)])
        times.append(elapsed)
        queries.add(count)
    p50, p95 = percentiles(times)
    return {
        "p50": p50,
        "p95": p95,
        "queries": f"{min(queries)}-{max(queries)}" if len(queries) > 1 else str(queries.pop()),
    }


def category_urls(total: int, *, open_now: bool = False) -> list[str]:
    from django.db.models import Count

    from directory.models import Category

    biggest_leaf = (
        Category.objects.filter(children__isnull=True)
        .annotate(n=Count("resources"))
        .order_by("-n")
        .first()
    )
    deep = max(1, min(50, total // 400))
    urls = []
    for lang in ("en", "es"):
        for slug in ("vet-care", biggest_leaf.slug):
            if open_now:
                urls += [
                    f"/{lang}/resources/{slug}/?open_now=on",
                    f"/{lang}/resources/{slug}/?open_now=on&cost=free&zip=95816",
                ]
            else:
                urls += [
                    f"/{lang}/resources/{slug}/",
                    f"/{lang}/resources/{slug}/?zip=95814",
                    f"/{lang}/resources/{slug}/?page={deep}",
                    f"/{lang}/resources/{slug}/?cost=free&language=es",
                ]
    return urls


def listing_urls(rng: random.Random, count: int) -> list[str]:
    from directory.models import Resource

    top = Resource.objects.order_by("-pk").values_list("pk", flat=True).first()
    return [f"/es/resources/listing/{rng.randint(1, top)}/" for _ in range(count)]


def site_moment(at: str) -> datetime:
    """``SIMULATED_DAY`` at ``at`` (HH:MM), in the site's time zone."""
    from zoneinfo import ZoneInfo

    from django.conf import settings

    hour, minute = (int(part) for part in at.split(":"))
    return datetime.combine(SIMULATED_DAY, clock(hour, minute), ZoneInfo(settings.TIME_ZONE))


def at_time(value: str) -> str:
    try:
        hour, minute = (int(part) for part in value.split(":"))
        clock(hour, minute)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a time like 12:00") from None
    return f"{hour:02d}:{minute:02d}"


def profile(urls: list[str], runs: int, top: int) -> str:
    """The ``top`` functions by own time, and the project's ``top`` by cumulative time, over
    ``runs`` requests of ``urls``."""
    import cProfile
    import io
    import pstats

    from django.test import Client

    client = Client()
    profiler = cProfile.Profile()
    profiler.enable()
    for n in range(runs):
        client.get(urls[n % len(urls)])
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)  # where the time is spent
    # and which of the project's functions spend it (with what they call)
    stats.sort_stats("cumulative").print_stats(rf"^{ROOT}/(?!\.venv/)", top)
    return out.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", help="resources (10,000 and 100,000; SQLite: 10,000)"
    )
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--runs", type=int, default=200, help="requests per page kind and size")
    parser.add_argument(
        "--at",
        type=at_time,
        action="append",
        help=f"site time to simulate, HH:MM (repeatable; default {' and '.join(TIMES)})",
    )
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="print the top N functions per page"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="start from the database a --keep run left (migrated; grown only if smaller)",
    )
    args = parser.parse_args(argv)
    times = args.at or TIMES
    sizes = sorted(args.sizes or ([10_000] if args.database == "sqlite" else [10_000, 100_000]))

    import time_machine

    rng = random.Random(20261201)
    workdir = Path(tempfile.mkdtemp(prefix="bench-directory-"))
    if args.database == "sqlite" and (args.keep or args.reuse):
        SQLITE_KEPT.parent.mkdir(exist_ok=True)
        if not args.reuse:
            SQLITE_KEPT.unlink(missing_ok=True)
        workdir = SQLITE_KEPT.parent
    django_setup(database_url(args.database, workdir, reuse=args.reuse))
    from directory.models import Resource

    factor = SQLITE_GOAL_FACTOR if args.database == "sqlite" else 1
    goals = {
        "category": GOAL_CATEGORY_P95_MS * factor,
        "open now": GOAL_OPEN_NOW_P95_MS * factor,
        "listing": GOAL_LISTING_P95_MS * factor,
    }
    print(
        f"database: {args.database}; page cache off; {args.runs} requests per row; "
        f"site time {SIMULATED_DAY:%A %Y-%m-%d} at {', '.join(times)}"
    )
    print(machine("at start"), flush=True)
    print(
        f"{'resources':>10} {'at':>5} {'page':<9} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}  goal"
    )
    missed = False
    try:
        have = Resource.objects.count()
        for size in sizes:
            if have < size:
                with time_machine.travel(site_moment(times[0]), tick=True):
                    seconds = grow(have, size, rng)
                have = size
                print(f"{size:>10} (generated in {seconds:.1f} s)")
            if Resource.objects.count() != size:
                sys.exit(f"the database holds {have} resources, not {size}: run without --reuse")
            listings = listing_urls(rng, 50)
            for at in times:
                print(f"{size:>10} {at:>5} {machine('before')}", flush=True)
                with time_machine.travel(site_moment(at), tick=True):
                    kinds = (
                        ("category", category_urls(size)),
                        ("open now", category_urls(size, open_now=True)),
                        ("listing", listings),
                    )
                    for kind, urls in kinds:
                        result = measure(urls, args.runs)
                        ok = result["p95"] < goals[kind]
                        if size == sizes[-1]:
                            missed |= not ok
                        print(
                            f"{size:>10} {at:>5} {kind:<9} {result['p50']:>8.1f} "
                            f"{result['p95']:>8.1f} {result['queries']:>8}  "
                            f"p95 < {goals[kind]} ms {'ok' if ok else 'MISSED'}",
                            flush=True,
                        )
                    print(f"{size:>10} {at:>5} {machine('after')}", flush=True)
                    if args.profile:
                        for kind, urls in kinds:
                            print(f"\n--- profile: {size} resources, {at}, {kind} ---")
                            print(profile(urls, max(20, args.runs // 4), args.profile))
    finally:
        if not args.keep:
            database_drop(args.database)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
