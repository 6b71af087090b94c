"""Lost and found matching benchmark: the candidates of a new report among 100,000 open ones.

    .venv/bin/python bench/matching.py                    # 100,000 open reports (the issue's)
    .venv/bin/python bench/matching.py --reports 20000    # a quick check

Creates a throwaway PostgreSQL database (``portal_bench_matching`` on 127.0.0.1:5432, user
postgres), migrates it, and COPYs open lost and found reports (with their people and cases) at
the ZIP codes of California, over the last six months: dogs, cats and a few others, colours,
breeds, marks and collars drawn from what reporters write, some microchips, their words read
once as the intake does (``match_terms``). Then, for ``--new`` new reports made as the intake
makes them, it measures ``report_matches_refresh`` (the prefiltered query, every candidate
scored, the candidates written) and the case page's read of them (``case_report_matches``).
Then it measures the public board with filters (ZIP code and radius, kind, animal, a second
page), anonymous. Targets: the matches of a new report p95 < 100 ms; the board p95 < 80 ms.
Prints the load average and the CPU probe
(``bench/common.py``) beside the figures. The database is dropped at the end unless --keep.
"""

import argparse
import datetime
import json
import os
import random
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine, percentiles  # noqa: E402

DB_NAME = "portal_bench_matching"
DB_SERVER = "postgres://postgres@127.0.0.1:5432"
DAYS = 180
BATCH = 20_000

SPECIES = ["dog"] * 50 + ["cat"] * 40 + ["rabbit"] * 4 + ["bird"] * 3 + ["other"] * 3
BREEDS = {
    "dog": [
        "Labrador mix",
        "lab",
        "German shepherd",
        "pit bull",
        "chihuahua",
        "husky",
        "poodle",
        "beagle",
        "dachshund",
        "shih tzu",
        "yorkie",
        "border collie",
        "boxer",
        "rottweiler",
        "pastor alemán",
        "perro salchicha",
        "mestizo",
        "terrier mix",
        "golden retriever",
        "corgi",
        "",
        "",
        "unknown",
        "拉布拉多",
        "chó béc giê",
        "هاسكي",
    ],
    "cat": [
        "domestic shorthair",
        "DSH",
        "siamese",
        "maine coon",
        "persian",
        "tabby",
        "",
        "",
        "gato común",
        "mèo ta",
        "暹罗猫",
        "قط بلدي",
    ],
}
MARKS = [
    "white patch on chest",
    "notch in left ear",
    "limps on back leg",
    "one blue eye",
    "scar on nose",
    "mancha blanca en el pecho",
    "cola corta",
    "左耳有缺口",
    "đuôi cụt",
    "ندبة على الأنف",
    "docked tail",
    "white socks",
    "grey muzzle",
    "missing teeth",
    "",
    "",
    "",
]
COLLARS = [
    "red collar",
    "blue collar with tag",
    "no collar",
    "collar rosa",
    "green harness",
    "项圈",
    "vòng cổ đỏ",
    "طوق أزرق",
    "",
    "",
    "",
]


def database_recreate(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{DB_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_drop(name: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{DB_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_setup(name: str) -> None:
    os.environ["DATABASE_URL"] = f"{DB_SERVER}/{name}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django

    django.setup()


def zip_places() -> list[tuple[str, float, float]]:
    import zipcodes

    return [
        (z["zip_code"], float(z["lat"]), float(z["long"]))
        for z in zipcodes.filter_by(state="CA")
        if z.get("lat") and z.get("long") and z.get("zip_code_type") == "STANDARD"
    ]


def report_values(rng: random.Random, places, today: datetime.date) -> dict:
    from backoffice.vocabulary import Colour

    kind = rng.choice(["lost", "found"])
    species = rng.choice(SPECIES)
    zip_code, lat, lng = rng.choice(places)
    chip = ""
    if kind == "lost" and rng.random() < 0.3:
        chip = "".join(rng.choice("0123456789") for _ in range(15))
    return {
        "kind": kind,
        "species": species,
        "pet_name": rng.choice(["Biscuit", "Luna", "Max", "Mochi", "Bông", "قمر", ""])
        if kind == "lost"
        else "",
        "breed": rng.choice(BREEDS.get(species, [""])),
        "colours": rng.sample(Colour.values, rng.choice([1, 1, 2, 2, 3])),
        "sex": rng.choice(["", "female", "male"]),
        "size": rng.choice(["", "small", "medium", "large", "extra_large"]),
        "age_group": rng.choice(["", "young", "adult", "adult", "senior"]),
        "marks": rng.choice(MARKS),
        "collar_tag": rng.choice(COLLARS),
        "microchip": chip,
        "chip_scan": "" if kind == "lost" else rng.choice(["", "not_scanned", "no_chip"]),
        "happened_on": today - datetime.timedelta(days=rng.randrange(DAYS)),
        "place": "Near the park",
        "zip_code": zip_code,
        "latitude": lat + rng.uniform(-0.01, 0.01),
        "longitude": lng + rng.uniform(-0.01, 0.01),
    }


def _copy(cursor, model, rows: list[dict]) -> None:
    """COPY ``rows`` into ``model``'s table: every concrete column, defaults for those not
    given, JSON fields as JSON."""
    from django.db import models

    fields = model._meta.concrete_fields
    columns = [f.column for f in fields]
    table = model._meta.db_table
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            values = []
            for field in fields:
                key = field.attname
                value = row[key] if key in row else field.get_default()
                if isinstance(field, models.JSONField):
                    value = json.dumps(value)
                values.append(value)
            copy.write_row(values)


def generate(n: int, rng: random.Random) -> None:
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from backoffice.models import Case, Person, PetReport
    from backoffice.services.matches import report_terms
    from backoffice.vocabulary import CaseType, Channel, Status

    places = zip_places()
    today = timezone.localdate()
    now = timezone.now()
    board_for = datetime.timedelta(days=settings.LOST_FOUND_BOARD_DAYS)
    languages = ["en"] * 5 + ["es"] * 3 + ["zh-hans", "vi", "ar"]
    for start in range(0, n, BATCH):
        people, cases, reports = [], [], []
        for i in range(start, min(n, start + BATCH)):
            pk = i + 1
            values = report_values(rng, places, today)
            people.append(
                {
                    "id": pk,
                    "name": f"Reporter {pk}",
                    "preferred_language": rng.choice(languages),
                    "phone": f"(916) 555-{pk % 10000:04d}",
                    "phone_digits": f"916555{pk % 10000:04d}",
                    "email": f"reporter{pk}@example.org",
                    "created_at": now,
                    "updated_at": now,
                }
            )
            cases.append(
                {
                    "id": pk,
                    "reference": f"LF-B-{pk:07d}",
                    "person_id": pk,
                    "case_type": CaseType.LOST_PET
                    if values["kind"] == "lost"
                    else CaseType.FOUND_PET,
                    "channel": Channel.LOST_FOUND,
                    "status": rng.choice([Status.NEW, Status.NEW, Status.IN_PROGRESS]),
                    "opened_at": now,
                    "updated_at": now,
                }
            )
            state = rng.choice(["published", "published", "pending", "private"])
            published = None
            if state == "published":
                published = timezone.make_aware(
                    datetime.datetime.combine(values["happened_on"], datetime.time(20, 0))
                )
            reports.append(
                {
                    "id": pk,
                    "case_id": pk,
                    **values,
                    "state": state,
                    "publish_consent": state != "private",
                    "published_at": published,
                    "ends_at": published + board_for if published else None,
                    "match_terms": report_terms(values),
                    "created_at": now,
                    "updated_at": now,
                }
            )
        with connection.cursor() as cursor:
            _copy(cursor, Person, people)
            _copy(cursor, Case, cases)
            _copy(cursor, PetReport, reports)
        print(f"  {min(n, start + BATCH):,} reports", flush=True)
    with connection.cursor() as cursor:
        from django.core.management.color import no_style

        for sql in connection.ops.sequence_reset_sql(no_style(), [Person, Case, PetReport]):
            cursor.execute(sql)
        cursor.execute("ANALYZE")


def new_report(rng: random.Random, places, number: int):
    """A report made as the intake makes one: its person, its case, the report."""
    from django.utils import timezone

    from backoffice.models import Case, Person, PetReport
    from backoffice.vocabulary import CaseType, Channel

    values = report_values(rng, places, timezone.localdate())
    values["happened_on"] = timezone.localdate() - datetime.timedelta(days=rng.randrange(3))
    person = Person.objects.create(name=f"New reporter {number}")
    case = Case.objects.create(
        reference=f"LF-N-{secrets.token_hex(4)}-{number}",
        person=person,
        case_type=CaseType.LOST_PET if values["kind"] == "lost" else CaseType.FOUND_PET,
        channel=Channel.LOST_FOUND,
    )
    return PetReport.objects.create(case=case, **values)


def measure(count: int, rng: random.Random) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries

    from backoffice.match_selectors import case_report_matches
    from backoffice.services.matches import (
        matching_weights,
        report_candidates_query,
        report_matches_refresh,
    )

    places = zip_places()
    supervisor, _ = get_user_model().objects.get_or_create(
        username="bench-sup", defaults={"is_superuser": True}
    )
    weights = matching_weights()
    refresh, read, scored, kept = [], [], [], []
    for number in range(count):
        report = new_report(rng, places, number)
        began = time.perf_counter()
        scores = report_matches_refresh(report=report)
        refresh.append((time.perf_counter() - began) * 1000)
        kept.append(len(scores))
        scored.append(report_candidates_query(report, weights=weights).count())
        began = time.perf_counter()
        shown = case_report_matches(user=supervisor, case=report.case)
        list(shown.candidates)
        read.append((time.perf_counter() - began) * 1000)
        reset_queries()
    connection.close()
    for label, times in (("new report: matches computed and kept", refresh),
                         ("case page: candidates read", read)):  # fmt: skip
        median, p95 = percentiles(times)
        print(f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms")
    median_scored, p95_scored = percentiles([float(x) for x in scored])
    median_kept, p95_kept = percentiles([float(x) for x in kept])
    print(
        f"candidates scored per new report: median {median_scored:.0f}, p95 {p95_scored:.0f}; "
        f"kept (>= {weights.minimum_percent}%): median {median_kept:.0f}, p95 {p95_kept:.0f}"
    )


def board_measure(count: int, rng: random.Random) -> None:
    """The public board with filters, as a visitor asks for it (anonymous, a new ZIP code and
    filters each time, so no cached page answers)."""
    from django.test import Client

    places = zip_places()
    client = Client()
    client.get("/en/lost-and-found/")  # the first request loads what every later one reuses
    times = []
    for number in range(count):
        params = {"zip": rng.choice(places)[0], "radius": rng.choice([1, 5, 10, 25])}
        if number % 2:
            params["kind"] = rng.choice(["lost", "found"])
        if number % 3:
            params["species"] = rng.choice(["dog", "cat"])
        if number % 4 == 0:
            params["page"] = 2
        began = time.perf_counter()
        response = client.get("/en/lost-and-found/", params)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, response.status_code
    median, p95 = percentiles(times)
    print(
        f"board page with filters: median {median:.1f} ms, p95 {p95:.1f} ms, "
        f"max {max(times):.1f} ms ({count} requests)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=200, help="new reports to measure")
    parser.add_argument("--board", type=int, default=200, help="board pages to measure")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if not args.reuse:
        database_recreate(DB_NAME)
    django_setup(DB_NAME)
    from django.core.management import call_command

    if not args.reuse:
        print(machine("before loading"))
        began = time.perf_counter()
        call_command("migrate", verbosity=0)
        generate(args.reports, rng)
        print(f"loaded {args.reports:,} open reports in {time.perf_counter() - began:.0f} s")
    print(machine("before measuring"))
    measure(args.new, rng)
    print(machine("between"))
    board_measure(args.board, rng)
    print(machine("after measuring"))
    if not args.keep:
        database_drop(DB_NAME)


if __name__ == "__main__":
    main()
