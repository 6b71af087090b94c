#!/usr/bin/env python
"""Complete pet support surveys per second, through gunicorn, on PostgreSQL.

    .venv/bin/python bench/survey.py                 # 8 visitors for 30 s
    .venv/bin/python bench/survey.py --visitors 4 --seconds 10
    .venv/bin/python bench/survey.py --profile 40     # CPU per step, in this process

Builds the throwaway demo site of ``bench/pages.py`` (production settings, 2 gunicorn workers of
``--threads`` threads each, 4 as the Dockerfile serves, 1 for sync workers, on 127.0.0.1, file
cache) on a throwaway PostgreSQL database (``portal_bench_survey`` on 127.0.0.1:5432, user
postgres, or ``BENCH_SURVEY_DB_NAME``; dropped at the end unless --keep), then lets visitors (threads
here, each with its own cookies, standing for people at different addresses: the per-address
limits are lifted) walk the whole survey again and again with realistic answers: the start page,
what they need (a third ask for temporary care, a fifth for rehoming: those steps are answered
too), how soon and why, one or two pets, home and safety (one in ten says someone at home is a
danger), contact (one in five with the phone number of someone already known, typed differently),
the review, the submit and the confirmation page with its recommended listings.

Prints complete surveys per second, errors (any answer that is not the expected redirect or page,
a confirmation without a reference), p50/p95 per step and the confirmation page's p95, the cases
opened, and the load average. Goal (issue 12): >= 30 complete surveys/s with zero errors, and the
confirmation page p95 < 150 ms. Exits 1 when missed.

``--profile N`` walks N surveys in this process instead (Django's test client on the same site
and settings, no gunicorn): the CPU time of each step (``time.process_time``: this process only,
not PostgreSQL's) and, per request, the functions that cost most (cProfile), to see what a step
spends its time on.
"""

import argparse
import http.client
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402
from bench.pages import HOST, WORKERS, Gunicorn, bench_env, site_build  # noqa: E402

DB_NAME = os.environ.get("BENCH_SURVEY_DB_NAME", "portal_bench_survey")
DB_SERVER = "postgres://postgres@127.0.0.1:5432"
GOAL_RATE = 30.0
THREADS = 4  # a worker's threads, as the Dockerfile serves (WEB_THREADS)
GOAL_CONFIRMATION_P95_MS = 150.0
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE = re.compile(rb"PS-\d{4}-\d{6}")
KNOWN_PHONES: list[str] = []  # read from the demo's people (known_phones_read)


CLOCK = time.perf_counter  # what the steps are timed with (``--profile``: this process's CPU)


class Visitor:
    """One browser: a keep-alive connection, its cookies, and the CSRF token of the last form."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def request(self, method: str, path: str, data: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if match := CSRF.search(content):
            self.csrf = match.group(1).decode()
        return response.status, response.getheader("Location", ""), content

    def get_page(self, path: str) -> tuple[int, bytes]:
        """GET, following redirects within the site (as a browser would)."""
        status, location, content = self.request("GET", path)
        hops = 0
        while status in (301, 302) and hops < 5:
            path = urlsplit(location).path or location
            status, location, content = self.request("GET", path)
            hops += 1
        return status, content


def answers(rng: random.Random, serial: int) -> list[tuple[str, dict]]:
    needs = rng.sample(["food_supplies", "urgent_vet", "routine_vet", "behaviour", "housing"], 2)
    if rng.random() < 1 / 3:
        needs.append("temporary_care")
    if rng.random() < 1 / 5:
        needs.append("rehoming")
    pets = [("dog", "Canela"), ("cat", "Mishi")][: rng.choice([1, 1, 2])]
    pets_data = {
        "TOTAL_FORMS": str(len(pets)),
        "INITIAL_FORMS": "0",
        "MIN_NUM_FORMS": "1",
        "MAX_NUM_FORMS": "6",
    }
    for i, (species, name) in enumerate(pets):
        pets_data.update(
            {f"{i}-species": species, f"{i}-name": name, f"{i}-age_group": "adult", f"{i}-size": ""}
        )
    known = rng.random() < 0.2
    phone = (
        rng.choice(KNOWN_PHONES).replace("(", "").replace(")", "")
        if known
        else (f"(530) {serial // 10000 % 1000:03d}-{serial % 10000:04d}")
    )
    steps = [
        ("needs", {"needs": needs, "needs_other": ""}),
        (
            "situation",
            {"urgency": rng.choice(["emergency", "high", "normal", "low"]), "reasons": ["cost"]},
        ),
        ("pets", pets_data),
    ]
    if "temporary_care" in needs:
        steps.append(("care", {"care_length": "weeks", "care_why": "A hospital stay"}))
    if "rehoming" in needs:
        steps.append(("rehoming", {"rehoming_timeline": "month", "pet_history": "Since 2020"}))
    steps += [
        (
            "home",
            {"living": "rent_not_allowed", "safety": "yes" if rng.random() < 0.1 else "no"},
        ),
        (
            "contact",
            {
                "name": "Lupe",
                "preferred_language": rng.choice(["en", "es", "vi", "zh-hans", "ar"]),
                "phone": phone,
                "email": f"visitor{serial}@example.org" if rng.random() < 0.5 else "",
                "contact_method": "",
                "best_time_to_contact": "",
                "zip_code": rng.choice(["95814", "95815", ""]),
                "message_consent": "yes",
                "safe_to_leave_message": "",
            },
        ),
        ("review", {}),
    ]
    return steps


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.completed = 0
        self.errors: list[str] = []

    def time(self, step: str, seconds: float) -> None:
        with self.lock:
            self.times[step].append(seconds)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def survey_walk(visitor: Visitor, rng: random.Random, serial: int, tally: Tally) -> bool:
    lang = rng.choice(["en", "es", "vi", "zh-hans", "ar"])
    started = CLOCK()
    status, _content = visitor.get_page(f"/{lang}/help/")
    tally.time("start", CLOCK() - started)
    if status != 200:
        tally.error(f"start: {status}")
        return False
    for step, data in answers(rng, serial):
        payload = {f"{step}-{k}": v for k, v in data.items()}
        payload.update({"survey-current_step": step, "csrfmiddlewaretoken": visitor.csrf})
        started = CLOCK()
        status, location, _content = visitor.request("POST", f"/{lang}/help/{step}/", payload)
        if status != 302:
            tally.error(f"{step}: {status}")
            return False
        if step == "review":  # the submit: /done/ opens the case, then the confirmation page
            status, location, _content = visitor.request("GET", urlsplit(location).path)
            tally.time("submit", CLOCK() - started)
            started = CLOCK()
            status, content = visitor.get_page(urlsplit(location).path)
            tally.time("confirmation", CLOCK() - started)
            if status != 200 or not REFERENCE.search(content):
                tally.error(
                    f"confirmation: {status}, reference shown: {bool(REFERENCE.search(content))}"
                )
                return False
            return True
        status, _content = visitor.get_page(urlsplit(location).path)
        tally.time(step, CLOCK() - started)
        if status != 200:
            tally.error(f"after {step}: {status}")
            return False
    return False


def visitors_run(port: int, *, count: int, seconds: float, tally: Tally) -> float:
    stop_at = time.monotonic() + seconds
    serials = iter(range(10**9))
    serial_lock = threading.Lock()

    def visitor_loop(seed: int):
        rng = random.Random(seed)
        while time.monotonic() < stop_at:
            with serial_lock:
                serial = next(serials)
            visitor = Visitor(port)  # a new person, a new session
            if survey_walk(visitor, rng, serial, tally):
                with tally.lock:
                    tally.completed += 1
            visitor.connection.close()

    threads = [threading.Thread(target=visitor_loop, args=(n,)) for n in range(count)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


class ProfiledVisitor(Visitor):
    """A browser in this process: Django's test client (CSRF checked; one client, so one loaded
    middleware stack, its cookies cleared for each new visitor), each request profiled under its
    method and step when ``profiles`` is given."""

    client = None
    cpu: dict[str, list[float]] = defaultdict(list)  # CPU seconds of each request, by its name

    def __init__(self, profiles: dict | None):
        from http.cookies import SimpleCookie

        from django.test import Client

        if ProfiledVisitor.client is None:
            ProfiledVisitor.client = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
        self.client.cookies = SimpleCookie()
        self.profiles = profiles
        self.csrf = ""

    def _send(self, method, path, data):
        if data is None:
            return self.client.get(path)
        return self.client.post(
            path, urlencode(data, doseq=True), "application/x-www-form-urlencoded"
        )

    def request(self, method: str, path: str, data: dict | None = None):
        import cProfile

        parts = [p for p in path.split("/") if p]
        name = f"{method} {parts[2] if len(parts) > 2 else 'start'}"
        if self.profiles is None:
            started = time.process_time()
            response = self._send(method, path, data)
            self.cpu[name].append(time.process_time() - started)
        else:
            # Timed by CPU, as the steps are (the wall clock would count PostgreSQL's waits).
            profile = self.profiles.setdefault(name, cProfile.Profile(time.process_time))
            profile.enable()
            try:
                response = self._send(method, path, data)
            finally:
                profile.disable()
        content = response.content
        if match := CSRF.search(content):
            self.csrf = match.group(1).decode()
        return response.status_code, response.get("Location", ""), content


PROJECT_CODE = (
    r"^(?!.*site-packages).*/(core|surveys|backoffice|portal|directory|search|messaging|content)/"
)


def profile_run(env: dict[str, str], count: int) -> int:
    """Walk ``count`` surveys in this process timing each step's CPU, then ``count`` more under
    cProfile; print CPU per step and what costs most."""
    import io
    import pstats

    import django

    global CLOCK
    os.environ.update(env)
    django.setup()
    CLOCK = time.process_time
    rng = random.Random(1)
    for serial in range(3):  # first requests, caches
        survey_walk(ProfiledVisitor(None), rng, 10**6 + serial, Tally())
    ProfiledVisitor.cpu.clear()
    tally = Tally()
    print(machine("before"))
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    completed = sum(
        survey_walk(ProfiledVisitor(None), rng, serial, tally) for serial in range(1, count + 1)
    )
    cpu, wall = time.process_time() - cpu_started, time.perf_counter() - wall_started
    print(machine("after"))
    done = max(completed, 1)
    print(f"complete surveys: {completed} of {count}; errors: {tally.errors[:5]}")
    print(f"CPU per complete survey: {cpu / done * 1000:.0f} ms (wall {wall / done * 1000:.0f} ms)")
    print(f"{'step (POST + next page)':<26}{'n':>6}{'CPU ms mean':>13}{'p95':>8}")
    for step, values in tally.times.items():
        mean = statistics.fmean(values) * 1000
        print(f"{step:<26}{len(values):>6}{mean:>13.1f}{ms(values, 95):>8.1f}")
    print(f"{'request':<26}{'n':>6}{'CPU ms mean':>13}{'p95':>8}")
    for name, values in ProfiledVisitor.cpu.items():
        mean = statistics.fmean(values) * 1000
        print(f"{name:<26}{len(values):>6}{mean:>13.1f}{ms(values, 95):>8.1f}")
    profiles: dict = {}
    for serial in range(count + 1, 2 * count + 1):
        survey_walk(ProfiledVisitor(profiles), rng, serial, Tally())
    every = pstats.Stats(*profiles.values(), stream=(out := io.StringIO()))
    every.sort_stats("tottime").print_stats(30)
    print("\n=== every request, by own time\n" + "\n".join(out.getvalue().splitlines()[-36:]))
    for name, profile in profiles.items():
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(PROJECT_CODE, 16)
        print(f"\n=== {name}\n" + "\n".join(out.getvalue().splitlines()[-20:]))
    return 0 if completed == count else 1


def database_recreate(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{DB_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_drop(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{DB_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def known_phones_read(env: dict[str, str]) -> None:
    """Phone numbers of people the demo already knows: some visitors type one, formatted
    otherwise ("+1 916 555 0142" for "(916) 555-0142"), and their case is linked to that person."""
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as conn:
        rows = conn.execute(
            "SELECT phone_digits FROM backoffice_person WHERE length(phone_digits) = 10 LIMIT 50"
        ).fetchall()
    KNOWN_PHONES[:] = [f"+1 {d[:3]} {d[3:6]} {d[6:]}" for (d,) in rows] or ["+1 916 555 0100"]


def cases_counted(env: dict[str, str]) -> tuple[int, int, int]:
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as conn:
        total, confidential = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE confidential) FROM backoffice_case "
            "WHERE channel = 'survey'"
        ).fetchone()
        messages = conn.execute("SELECT count(*) FROM messaging_message").fetchone()[0]
    return total, confidential, messages


def ms(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] * 1000


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--visitors", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--threads", type=int, default=THREADS, help="threads a worker (1: sync workers)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database and the site")
    parser.add_argument("--profile", type=int, metavar="N", help="profile N surveys in-process")
    parser.add_argument(
        "--site", type=Path, help="the directory of a site kept with --keep: used as it is"
    )
    args = parser.parse_args(argv)

    reused = args.site is not None
    workdir = args.site or Path(tempfile.mkdtemp(prefix="bench-survey-"))
    env = bench_env(workdir, page_cache=True)
    env.update(
        {
            "DATABASE_URL": f"{DB_SERVER}/{DB_NAME}",
            # The visitors stand for people at different addresses.
            "PUBLIC_POST_RATE": "100000000/h",
            "SURVEY_SUBMIT_RATE": "100000000/h",
            "SURVEY_CONTACT_RATE": "100000000/d",
        }
    )
    server = None
    if not reused:
        print(f"building the demo site on PostgreSQL ({DB_NAME}) in {workdir}", flush=True)
        database_recreate(DB_NAME)
    try:
        if not reused:
            site_build(env, workdir / "build.log")
        known_phones_read(env)
        if args.profile:
            return profile_run(env, args.profile)
        server = Gunicorn(env, workdir / "gunicorn.log", threads=args.threads)
        server.wait_ready()
        warm = Tally()
        visitors_run(server.port, count=1, seconds=3, tally=warm)  # first requests, caches
        tally = Tally()
        load_before = os.getloadavg()
        probe_before = machine("before")
        elapsed = visitors_run(server.port, count=args.visitors, seconds=args.seconds, tally=tally)
        load_after = os.getloadavg()
        probe_after = machine("after")
        total, confidential, messages = cases_counted(env)
    finally:
        if server is not None:
            server.stop()
        if not args.keep and not reused:
            database_drop(DB_NAME)
            shutil.rmtree(workdir, ignore_errors=True)

    rate = tally.completed / elapsed
    confirmation_p95 = ms(tally.times["confirmation"], 95)
    print(
        f"\ngunicorn {WORKERS} workers, "
        + (f"{args.threads} threads each (gthread)" if args.threads > 1 else "sync")
        + ", production settings, PostgreSQL; "
        f"{args.visitors} visitors for {elapsed:.1f} s on {os.cpu_count()} CPUs"
    )
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min)")
    print(probe_before)
    print(probe_after)
    print(f"complete surveys: {tally.completed} ({rate:.1f}/s); errors: {len(tally.errors)}")
    for error in tally.errors[:10]:
        print(f"  error: {error}")
    print(
        f"cases opened by the survey: {total} ({confidential} confidential); messages: {messages}"
    )
    print(f"{'step':<14}{'n':>7}{'p50 ms':>10}{'p95 ms':>10}")
    for step, values in tally.times.items():
        print(f"{step:<14}{len(values):>7}{ms(values, 50):>10.1f}{ms(values, 95):>10.1f}")
    ok = rate >= GOAL_RATE and not tally.errors and confirmation_p95 < GOAL_CONFIRMATION_P95_MS
    print(
        f"goal: >= {GOAL_RATE:.0f} surveys/s with no error, confirmation p95 < "
        f"{GOAL_CONFIRMATION_P95_MS:.0f} ms: {'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
