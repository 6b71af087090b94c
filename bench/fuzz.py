#!/usr/bin/env python
"""The fuzzers, with many more examples than CI runs: how many requests they made, how many answered
5xx (the goal: none), on SQLite and on PostgreSQL.

    .venv/bin/python bench/fuzz.py                            # 200 examples a test, both databases
    .venv/bin/python bench/fuzz.py --examples 50 --databases sqlite

Runs ``tests/portal/test_fuzz_public.py`` (every public page's GET parameters, the report form, the
printed lists and PDFs, the HSDS API, the language switcher) and
``tests/backoffice/test_fuzz_filters.py`` (the queue, its export, the dashboard and its tables, the
audit log and the other back-office pages, signed in as a supervisor) and
``tests/surveys/test_fuzz_survey.py`` (every step of the pet support survey) through pytest with the
Hypothesis profile ``fuzz`` (``tests/conftest.py``), once per database. PostgreSQL: a throwaway
``portal_bench_fuzz`` database on 127.0.0.1:5432 as ``postgres`` (pytest-django creates
``test_portal_bench_fuzz``). Exits with status 1 when any answer was 5xx or a test failed.
"""

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402

TESTS = [
    "tests/portal/test_fuzz_public.py",
    "tests/backoffice/test_fuzz_filters.py",
    "tests/surveys/test_fuzz_survey.py",
]
PG_URL = "postgres://postgres@127.0.0.1:5432/portal_bench_fuzz"
SUMMARY = re.compile(r"fuzzers: (\d+) requests, (\d+) answers 5xx \(([^)]*)\)")


def run(database: str, examples: int) -> tuple[int, int, bool]:
    env = {**os.environ, "HYPOTHESIS_FUZZ_EXAMPLES": str(examples)}
    env.pop("DATABASE_URL", None)
    if database == "postgresql":
        env["DATABASE_URL"] = PG_URL
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *TESTS, "-q", "-p", "no:cacheprovider"]
        + ["--hypothesis-profile=fuzz", "--hypothesis-show-statistics"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    match = SUMMARY.search(result.stdout)
    requests, errors = (int(match[1]), int(match[2])) if match else (0, 0)
    detail = match[3] if match else "no summary"
    print(
        f"{database:>10}: {requests} requests, {errors} answers 5xx ({detail}), "
        f"{examples} examples a test, {seconds:.0f} s, pytest exit {result.returncode}"
    )
    if result.returncode or errors:
        print(result.stdout[-4000:])
    return requests, errors, result.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=200)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    ok = True
    print(machine("before"), flush=True)
    for database in args.databases.split(","):
        _requests, errors, passed = run(database.strip(), args.examples)
        ok = ok and passed and not errors
    print(machine("after"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
