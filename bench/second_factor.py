#!/usr/bin/env python
"""Two-step verification under a code-guessing run: how many codes someone holding a staff
password gets checked in an hour and in a day, and what each refusal says.

    .venv/bin/python bench/second_factor.py
    .venv/bin/python bench/second_factor.py --hours 24

Migrates a throwaway SQLite file, makes a case manager with an authenticator app, signs in with
the password, then posts wrong codes to /two-factor/verify/ through Django's test client as fast
as the answers allow: after each 429 it waits exactly the Retry-After it was given (on a simulated
clock, time-machine, so the run takes seconds). Recovery-code guesses are mixed in every third
attempt, as they share the wait. Prints the codes checked, the refusals, the longest wait given,
and the chance that guessing found a 6-digit code (3 codes are valid at a time). Goal (issue 8):
throttled by django-otp, every refusal a 429 with Retry-After, and a chance below 1 in 10,000 a
day. Exits 1 when missed.
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

VERIFY = "/two-factor/verify/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=24)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-bench-2fa-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'db.sqlite3'}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
        # The guesser keeps the session alive (or signs in again): no idle timeout in the way.
        os.environ["STAFF_IDLE_MINUTES"] = "0"
        import django

        django.setup()
        import time_machine
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
        from django_otp.plugins.otp_totp.models import TOTPDevice

        setup_test_environment()
        logging.disable(logging.WARNING)  # Django logs each 429; the figures say it
        call_command("migrate", verbosity=0)
        from backoffice.factories import CaseManagerFactory

        user = CaseManagerFactory(username="maria")
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        static = StaticDevice.objects.create(user=user, name="codes")
        StaticToken.objects.create(device=static, token="k2m7qx4d")
        client = Client()
        client.force_login(user)
        print(f"OTP_TOTP_THROTTLE_FACTOR = {settings.OTP_TOTP_THROTTLE_FACTOR} s")
        print(machine("before"), flush=True)

        start, elapsed, limit = time.time(), 0.0, args.hours * 3600
        checked = refused = attempts = 0
        longest = 0
        marks = {3600: None, 86400: None}
        ok = True
        while elapsed < limit:
            attempts += 1
            recovery = attempts % 3 == 0
            data = (
                {"method": "recovery", "recovery_code": "zzzzzzzz"}
                if recovery
                else {"method": "app", "code": "000000"}
            )
            with time_machine.travel(start + elapsed, tick=False):
                response = client.post(VERIFY, data)
            if response.status_code == 429:
                refused += 1
                wait = int(response.get("Retry-After", "0"))
                ok &= wait >= 1
                longest = max(longest, wait)
                elapsed += wait
            elif response.status_code == 200:
                checked += 1
                elapsed += 0.2  # the next guess at once
            else:
                print(f"unexpected answer {response.status_code}")
                ok = False
                break
            for mark in marks:
                if marks[mark] is None and elapsed >= mark:
                    marks[mark] = checked
        for mark, count in marks.items():
            if count is not None:
                print(f"codes checked in the first {mark // 3600:>2} h: {count}")
        chance = checked * 3 / 1_000_000
        print(
            f"{args.hours:g} h simulated: {attempts} attempts, {checked} checked, {refused} refused "
            f"(429 with Retry-After), longest wait given {longest} s"
        )
        print(f"chance a guess found a valid code: {chance:.6%} (about 1 in {1 / chance:,.0f})")
        ok &= refused > 0 and chance < 1e-4 * max(1, args.hours / 24)
        print(machine("after"))
        print("goal met" if ok else "GOAL MISSED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
