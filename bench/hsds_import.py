#!/usr/bin/env python
"""How long ``import_hsds`` takes for N HSDS services, on PostgreSQL and on SQLite.

    .venv/bin/python bench/hsds_import.py                 # 10k services, both databases
    .venv/bin/python bench/hsds_import.py --count 2000 --databases sqlite

Generates one HSDS 3.0 service list (JSON): N services across N/100 organizations, each with a
location (address and coordinates), a phone and a weekly schedule (Monday to Friday). Then, per
database, in a throwaway database (PostgreSQL: ``portal_bench_hsds`` on 127.0.0.1:5432 as
``postgres``; SQLite: a temporary file), it migrates, imports the file (timed), imports it again
(timed: everything matched, nothing changed) and checks the counts. Each run is a separate
process, so the settings read ``DATABASE_URL`` afresh.

Goal (issue): 10k services imported in under 60 s. Exits with status 1 when it is missed.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402

GOAL_SECONDS = 60
PG_DATABASE = "portal_bench_hsds"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
DAYS = "MO,TU,WE,TH,FR"


def generate(count: int, path: Path) -> None:
    def uid(*parts) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "bench:" + ":".join(map(str, parts))))

    organizations = [
        {"id": uid("org", n), "name": f"Bench organization {n}", "description": "Benchmark."}
        for n in range(max(1, count // 100))
    ]
    services = []
    for n in range(count):
        organization = organizations[n % len(organizations)]
        location_id = uid("location", n)
        services.append(
            {
                "id": uid("service", n),
                "name": f"Bench service {n}",
                "status": "active",
                "description": f"Low-cost vaccines and check-ups, number {n}. Walk in.",
                "fees_description": "Sliding scale by income.",
                "eligibility_description": "Residents of the county.",
                "organization": organization,
                "languages": [{"id": uid("lang", n), "code": "es", "name": "Spanish"}],
                "phones": [
                    {"id": uid("phone", n), "number": f"555-{n % 10000:04d}", "type": "voice"}
                ],
                "schedules": [
                    {
                        "id": uid("schedule", n),
                        "freq": "WEEKLY",
                        "byday": DAYS,
                        "opens_at": "09:00:00",
                        "closes_at": "17:00:00",
                    }
                ],
                "service_at_locations": [
                    {
                        "id": uid("sal", n),
                        "location": {
                            "id": location_id,
                            "location_type": "physical",
                            "name": f"Clinic {n}",
                            "latitude": 45.0 + (n % 1000) / 10000,
                            "longitude": -122.0 - (n % 1000) / 10000,
                            "addresses": [
                                {
                                    "id": uid("address", n),
                                    "address_1": f"{n} Main Street",
                                    "city": "Riverbend",
                                    "state_province": "OR",
                                    "postal_code": "97201",
                                    "country": "US",
                                    "address_type": "physical",
                                }
                            ],
                        },
                    }
                ],
            }
        )
    document = {
        "total_items": count,
        "total_pages": 1,
        "page_number": 1,
        "size": count,
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }
    path.write_text(json.dumps(document))


RUN = """
import json, sys, time
import django
django.setup()
from django.core.management import call_command
from directory.hsds.importer import hsds_import
from directory.models import OpeningHours, Phone, Resource, ResourceLocation
call_command("migrate", verbosity=0)
result = {}
for round in ("first", "again"):
    start = time.perf_counter()
    report = hsds_import(path=sys.argv[1])
    result[round] = time.perf_counter() - start
    assert report.ok, report.summary()
result["counts"] = {
    "services": Resource.objects.count(),
    "service_at_locations": ResourceLocation.objects.count(),
    "phones": Phone.objects.count(),
    "opening_hours": OpeningHours.objects.count(),
}
print(json.dumps(result))
"""


def run(database_url: str, data: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    output = subprocess.run(
        [sys.executable, "-c", RUN, str(data)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql],
        check=True,
        capture_output=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument(
        "--databases", nargs="+", choices=["postgresql", "sqlite"], default=["postgresql", "sqlite"]
    )
    options = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "services.json"
        start = time.perf_counter()
        generate(options.count, data)
        size = data.stat().st_size / 1e6
        print(
            f"Generated {options.count} services ({size:.1f} MB) in {time.perf_counter() - start:.1f} s"
        )
        for database in options.databases:
            if database == "postgresql":
                psql(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
                psql(f"CREATE DATABASE {PG_DATABASE}")
                url = f"{PG_SERVER}/{PG_DATABASE}"
            else:
                url = f"sqlite:///{tmp}/bench.sqlite3"
            print(f"{database:10} {machine('before')}", flush=True)
            try:
                result = run(url, data)
            finally:
                if database == "postgresql":
                    psql(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            goal = "ok" if result["first"] < GOAL_SECONDS else "MISSED"
            failed |= goal != "ok"
            print(
                f"{database:10} import {result['first']:6.1f} s ({goal}, goal < {GOAL_SECONDS} s)"
                f"   re-import {result['again']:6.1f} s   rows {result['counts']}"
            )
            print(f"{database:10} {machine('after')}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
