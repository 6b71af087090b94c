#!/usr/bin/env python
"""Staff sign-in under a password-guessing run: after how many failures the lockout starts, and
whether it tells an existing user name from an unknown one.

    .venv/bin/python bench/sign_in.py              # 20 guesses at each user name
    .venv/bin/python bench/sign_in.py --guesses 50

Migrates a throwaway SQLite file, makes one case manager, then posts wrong passwords to the admin
sign-in page (the back office's too) through Django's test client, for the real user name and for
one that does not exist, then the right password. Prints the answer to each attempt, the attempt
that was first refused, and whether the two user names got byte-identical answers. Goal (issue 8):
locked out after LOGIN_FAILURE_LIMIT failures, the right password refused while locked, and no
difference between the two names. Exits 1 when missed.
"""

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402

LOGIN = "/admin/login/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guesses", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-bench-sign-in-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'db.sqlite3'}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment

        setup_test_environment()
        logging.disable(logging.WARNING)  # axes logs each failure; the figures say it
        call_command("migrate", verbosity=0)
        from backoffice.factories import CaseManagerFactory

        CaseManagerFactory(username="maria")
        limit = settings.AXES_FAILURE_LIMIT
        print(f"LOGIN_FAILURE_LIMIT = {limit}, lockout {settings.AXES_COOLOFF_TIME}")
        print(machine("before"), flush=True)
        answers = {}
        ok = True
        for username in ("maria", "no-such-user"):
            client = Client()
            statuses, bodies = [], []
            started = time.perf_counter()
            for _ in range(args.guesses):
                response = client.post(LOGIN, {"username": username, "password": "guess"})
                statuses.append(response.status_code)
                bodies.append(response.content)
            seconds = time.perf_counter() - started
            right = client.post(LOGIN, {"username": username, "password": "test-pass"})
            first_refused = next(
                (n + 1 for n, status in enumerate(statuses) if status == 429), None
            )
            answers[username] = (statuses, bodies[-1])
            print(
                f"  {username:14} {args.guesses} wrong passwords in {seconds:.1f} s: "
                f"answers {' '.join(str(s) for s in statuses)}"
            )
            print(
                f"  {'':14} failure {first_refused} is answered with the lockout page (429), "
                f"and so is the right password then: {right.status_code}"
            )
            if username == "maria":
                ok &= first_refused == limit and right.status_code == 429
        same = answers["maria"] == answers["no-such-user"]
        print(f"  the existing and the unknown user name got identical answers: {same}")
        ok &= same
        print(machine("after"))
        print(f"goal: lockout after {limit} failures, nothing told: {'met' if ok else 'MISSED'}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
