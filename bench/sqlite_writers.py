#!/usr/bin/env python
"""SQLite, the embedded default, with eight writers at once: how many writes fail.

    .venv/bin/python bench/sqlite_writers.py             # 8 processes x (40 notes + 40 reports)
    .venv/bin/python bench/sqlite_writers.py --writes 100

Migrates a throwaway SQLite file in a temporary directory, makes one listing and one case, then
starts eight processes (as eight gunicorn workers would be) that each add back-office notes
(``case_note_add``) and problem reports (``problem_report_create``) as fast as they can, through
the services. Run twice: with the settings as shipped (immediate transactions, busy timeout, WAL)
and with SQLite's plain defaults (deferred transactions, 5 s timeout, rollback journal), which is
what the project had before. Goal (issue 8): zero errors as shipped. Exits 1 when one is seen.
"""

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402

WRITERS = 8


def django_setup(db: Path, *, plain: bool) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django

    django.setup()
    if plain:
        from django.db import connections

        connections["default"].settings_dict["OPTIONS"] = {}


def site_build(db: Path) -> tuple[int, int, int]:
    django_setup(db, plain=False)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from backoffice.factories import CaseFactory, SupervisorFactory
    from directory.factories import ResourceFactory

    staff = SupervisorFactory()
    return ResourceFactory().pk, CaseFactory().pk, staff.pk


def writer(db: str, plain: bool, writes: int, ids: tuple[int, int, int], queue) -> None:
    django_setup(Path(db), plain=plain)
    from django.contrib.auth import get_user_model

    from backoffice.models import Case
    from backoffice.services import case_note_add
    from directory.models import Resource
    from directory.services import problem_report_create

    resource_id, case_id, staff_id = ids
    staff = get_user_model().objects.get(pk=staff_id)
    errors = {"notes": 0, "reports": 0}
    started = time.perf_counter()
    for n in range(writes):
        try:
            case = Case.objects.get(pk=case_id)
            case_note_add(case=case, actor=staff, kind="call", body=f"Called back ({n})")
        except Exception:
            errors["notes"] += 1
        try:
            problem_report_create(
                resource=Resource.objects.get(pk=resource_id),
                reason="phone",
                details=f"Number changed ({n})",
                language="en",
            )
        except Exception:
            errors["reports"] += 1
    queue.put((errors, time.perf_counter() - started))


def run(db: Path, *, plain: bool, writes: int, ids) -> tuple[dict, float]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    processes = [
        context.Process(target=writer, args=(str(db), plain, writes, ids, queue))
        for _ in range(WRITERS)
    ]
    for process in processes:
        process.start()
    results = [queue.get(timeout=600) for _ in processes]
    for process in processes:
        process.join()
    total = {"notes": 0, "reports": 0}
    for errors, _seconds in results:
        for kind, count in errors.items():
            total[kind] += count
    return total, max(seconds for _errors, seconds in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=40, help="notes and reports per writer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-bench-sqlite-") as tmp:
        db = Path(tmp) / "db.sqlite3"
        ids = site_build(db)
        print(
            f"SQLite, {WRITERS} parallel writers, {args.writes} notes + {args.writes} reports each"
        )
        shipped = None
        print(machine("before"), flush=True)
        for label, plain in (("plain SQLite defaults (before)", True), ("as shipped", False)):
            errors, seconds = run(db, plain=plain, writes=args.writes, ids=ids)
            each = args.writes * WRITERS
            print(
                f"  {label:32} notes failed {errors['notes']:>3} of {each}, "
                f"reports failed {errors['reports']:>3} of {each}  ({seconds:.1f} s)"
            )
            if not plain:
                shipped = errors
        ok = not any(shipped.values())
        print(machine("after"))
        print(f"goal: zero errors as shipped: {'met' if ok else 'MISSED'}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
