"""The back office through gunicorn: many signed-in staff at once (``bench/backoffice.py``).

Serves the bench database with gunicorn (production settings, DEBUG off, 2 workers of ``--threads`` threads,
4 as the Dockerfile serves (1: sync workers), a file cache shared by both, as deployed) and runs one thread per staff session: case managers, each
with cases of their own (some confidential), and a supervisor, each signed in as themselves and
verified with a second step, as production requires of anyone who sees a confidential case. Each
session asks in turn, after a pause (``think``, exponential, its mean in seconds: the time a
person reads a page and types; 0: none, which measures how many requests the two workers can
take rather than how fast a page is for someone working), for a queue page (the common filters, a search by phone,
name, microchip or pet name, deeper pages) or the page of a case it may see. Every answer must be
a 200 (a redirect would mean the session was refused).

Printed: p50 and p95 per kind of page and for all queue pages and all case pages; requests per
second; and, sampled every 20 ms from ``pg_stat_activity`` while the load runs, how often a
request waited on a lock (any lock, and the audit log's INSERT in particular) and the longest
transaction seen: the audit line each view writes must not make requests queue behind one
another.
"""

import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from bench.pages import HOST, Gunicorn, http_get

SECRET_KEY = "bench-only-" + "y" * 60
SESSION_COOKIE = "sessionid"


def server_env(database_url: str, var: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": os.pathsep.join(
            filter(
                None, [str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH")]
            )
        ),
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "VAR_DIR": str(var),
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(var / "static"),
        "MEDIA_ROOT": str(var / "media"),
        "CACHE_URL": f"filecache://{var / 'cache'}",
        "LOG_LEVEL": "WARNING",
    }


def static_collect(env: dict[str, str], log: Path) -> None:
    """Once per VAR_DIR: the pages need the manifest of static files (production storage)."""
    if (Path(env["STATIC_ROOT"]) / "staticfiles.json").exists():
        return
    print("  manage.py collectstatic (once)", flush=True)
    root = Path(__file__).resolve().parent.parent
    with log.open("a") as out:
        done = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input"],
            cwd=root,
            env=env,
            stdout=out,
            stderr=out,
        )
    if done.returncode:
        sys.exit("collectstatic failed:\n" + log.read_text()[-3000:])


def sessions_create(users) -> dict[int, str]:
    """A signed-in, second-step-verified session per user, as the sign-in pages would leave it,
    signed with the server's SECRET_KEY. Returns user id -> session key."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from portal.sign_in import LAST_SEEN_KEY

    settings.SECRET_KEY = SECRET_KEY  # the session and its auth hash are signed with it
    # The backend that signs staff in (the first, django-axes', only counts failures).
    backend = next(b for b in settings.AUTHENTICATION_BACKENDS if "axes" not in b.lower())
    keys = {}
    for user in users:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[LAST_SEEN_KEY] = int(time.time())
        session.create()
        keys[user.pk] = session.session_key
    return keys


@dataclass
class Staff:
    label: str
    session: str
    urls: list[tuple[str, str]]  # (kind, url)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)


def urls_for(user, *, supervisor: bool, rng: random.Random, samples: dict) -> list:
    """The mix one member of staff asks for: queue pages (filters, searches, deeper pages)
    and cases this user may open, in a shuffled order that repeats."""
    from django.db.models import Q

    from backoffice.models import Case

    queue = "/backoffice/"
    visible = (
        Case.objects.all()
        if supervisor
        else Case.objects.filter(Q(confidential=False) | Q(assignee=user))
    )
    references = list(
        visible.filter(pk__in=[rng.randint(1, samples["cases"]) for _ in range(400)]).values_list(
            "reference", flat=True
        )
    )
    own = list(
        Case.objects.filter(assignee=user)
        .order_by("-opened_at")
        .values_list("reference", flat=True)[:20]
    )
    mix = [
        ("queue: open, most urgent first", queue),
        ("queue: mine", queue + "?assignee=mine"),
        ("queue: unassigned", queue + "?assignee=unassigned"),
        ("queue: need = housing", queue + "?need=housing"),
        ("queue: overdue follow-ups", queue + "?overdue=on"),
        ("queue: all, newest first", queue + "?status=all&sort=newest"),
    ]
    for _ in range(3):
        mix.append(("queue: a deeper page", queue + f"?status=all&page={rng.randint(2, 40)}"))
        mix.append(
            ("queue: search by phone", queue + f"?status=all&q={rng.choice(samples['phones'])}")
        )
        mix.append(
            (
                "queue: search by name",
                queue + f"?status=all&q={rng.choice(samples['names']).replace(' ', '+')}",
            )
        )
        mix.append(
            ("queue: search by microchip", queue + f"?status=all&q={rng.choice(samples['chips'])}")
        )
        mix.append(
            ("queue: search by pet name", queue + f"?status=all&q={rng.choice(samples['pets'])}")
        )
    cases = [("case page", f"/backoffice/cases/{ref}/") for ref in references[:24] + own[:6]]
    mix += cases
    rng.shuffle(mix)
    return [(kind, quote(url, safe="/?&=+")) for kind, url in mix]


def _session_run(base: str, staff: Staff, until: float, think: float = 0.0) -> None:
    import http.client

    port = int(base.rsplit(":", 1)[1])
    pause = random.Random(staff.label)
    i = 0
    while time.monotonic() < until:
        if think and i:
            time.sleep(pause.expovariate(1 / think))
        kind, url = staff.urls[i % len(staff.urls)]
        i += 1
        began = time.perf_counter()
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=60)
            connection.request("GET", url, headers={"Cookie": f"{SESSION_COOKIE}={staff.session}"})
            response = connection.getresponse()
            response.read()
            connection.close()
        except OSError as error:
            staff.errors.append(f"{url}: {error}")
            continue
        elapsed = (time.perf_counter() - began) * 1000
        if response.status != 200:
            staff.errors.append(f"{url}: {response.status}")
            continue
        staff.times[kind].append(elapsed)


class LockWatch(threading.Thread):
    """Samples the server's connections every 20 ms: lock waits, audit INSERTs waiting, the
    longest open transaction."""

    def __init__(self, dsn: str, database: str):
        super().__init__(daemon=True)
        self.dsn, self.database = dsn, database
        self.stop = threading.Event()
        self.samples = 0
        self.lock_waits = 0
        self.audit_waits = 0
        self.busy = []
        self.longest_transaction_ms = 0.0
        self.waits_seen: dict[str, int] = defaultdict(int)
        self.slow: dict[str, float] = {}  # statements seen running for over 100 ms

    def run(self):
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as conn:
            while not self.stop.is_set():
                rows = conn.execute(
                    "SELECT state, wait_event_type, wait_event, query,"
                    " EXTRACT(EPOCH FROM now() - xact_start) * 1000,"
                    " EXTRACT(EPOCH FROM now() - query_start) * 1000"
                    " FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
                    " AND backend_type = 'client backend'",
                    [self.database],
                ).fetchall()
                self.samples += 1
                active = 0
                for state, wait_type, wait_event, query, xact_ms, query_ms in rows:
                    if state == "active":
                        active += 1
                        if query_ms and query_ms > 100:
                            shape = " ".join((query or "").split())[:240]
                            self.slow[shape] = max(self.slow.get(shape, 0), query_ms)
                    if wait_type == "Lock":
                        self.lock_waits += 1
                        self.waits_seen[f"{wait_event}: {query[:60]}"] += 1
                        if "backoffice_auditentry" in (query or ""):
                            self.audit_waits += 1
                    if xact_ms is not None and state != "idle":
                        self.longest_transaction_ms = max(self.longest_transaction_ms, xact_ms)
                self.busy.append(active)
                time.sleep(0.02)


def p95(values):
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def run(*, database: str, server: str, staff_users, supervisor, seconds: int, think: float,
        samples: dict, var: Path, machine, worker_threads: int = 1) -> dict:  # fmt: skip
    """Serve, load with one thread per session for ``seconds``, print and return p95s."""
    from backoffice.models import AuditEntry

    database_url = f"{server}/{database}"
    var.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(var / "cache", ignore_errors=True)
    env = server_env(database_url, var)
    log = var / "gunicorn.log"
    static_collect(env, log)
    rng = random.Random(16)
    users = [*staff_users, supervisor]
    keys = sessions_create(users)
    staff = []
    for user in users:
        is_supervisor = user.pk == supervisor.pk
        staff.append(
            Staff(
                label=("supervisor " if is_supervisor else "case manager ") + user.username,
                session=keys[user.pk],
                urls=urls_for(user, supervisor=is_supervisor, rng=rng, samples=samples),
            )
        )
    gunicorn = Gunicorn(env, log, threads=worker_threads)
    try:
        gunicorn.wait_ready()
        # Warm each worker (imports, templates, the first connection) before measuring.
        for s in staff[:4]:
            for _kind, url in s.urls[:6]:
                http_get(gunicorn.base, url)  # anonymous: a redirect to sign in; warms imports
        warm_until = time.monotonic() + 5
        threads = [
            threading.Thread(target=_session_run, args=(gunicorn.base, s, warm_until))
            for s in staff
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for s in staff:
            s.times.clear()
            if s.errors:
                sys.exit(f"{s.label} was refused while warming up: {s.errors[:3]}")
        audit_before = AuditEntry.objects.count()
        print(f"  {machine('before')}", flush=True)
        watch = LockWatch(f"{server}/{database}", database)
        watch.start()
        began = time.monotonic()
        until = began + seconds
        threads = [
            threading.Thread(target=_session_run, args=(gunicorn.base, s, until, think))
            for s in staff
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - began
        watch.stop.set()
        watch.join()
        print(f"  {machine('after')}", flush=True)
        audit_written = AuditEntry.objects.count() - audit_before
    finally:
        gunicorn.stop()

    by_kind: dict[str, list[float]] = defaultdict(list)
    errors = []
    for s in staff:
        for kind, values in s.times.items():
            by_kind[kind] += values
        errors += s.errors
    total = sum(len(v) for v in by_kind.values())
    pace = f"a pause of {think:.1f} s on average between a person's clicks" if think else "no pause"
    print(
        f"  {len(staff)} sessions ({len(staff_users)} case managers, 1 supervisor), {pace}, for "
        f"{elapsed:.0f} s through gunicorn (2 workers, "
        f"{f'{worker_threads} threads each' if worker_threads > 1 else 'sync'}): {total} requests, "
        f"{total / elapsed:.1f}/s, {len(errors)} errors"
    )
    for kind in sorted(by_kind):
        values = by_kind[kind]
        print(
            f"  {kind:<34} p50 {statistics.median(values):7.1f} ms   p95 {p95(values):7.1f} ms"
            f"   (n={len(values)})"
        )
    queue = [v for kind, values in by_kind.items() if kind.startswith("queue") for v in values]
    case = by_kind.get("case page", [])
    for label, values in [("all queue pages", queue), ("all case pages", case)]:
        if values:
            print(
                f"  {label:<34} p50 {statistics.median(values):7.1f} ms   p95 "
                f"{p95(values):7.1f} ms   (n={len(values)})"
            )
    print(
        f"  audit lines written: {audit_written} ({audit_written / elapsed:.1f}/s); "
        f"{watch.samples} samples of pg_stat_activity: requests running in the database "
        f"{statistics.mean(watch.busy or [0]):.2f} on average; a request waiting on a lock in "
        f"{watch.lock_waits} samples, of which the audit log's INSERT {watch.audit_waits}; "
        f"longest transaction seen {watch.longest_transaction_ms:.0f} ms"
    )
    for what, n in sorted(watch.waits_seen.items(), key=lambda kv: -kv[1])[:5]:
        print(f"    waited on {what!r}: {n} samples")
    slow = sorted(watch.slow.items(), key=lambda kv: -kv[1])
    print(f"  statements seen running longer than 100 ms: {len(slow)}")
    for what, ms in slow[:8]:
        print(f"    {ms:6.0f} ms  {what}")
    if errors:
        print("  errors:", errors[:5])
    return {"queue": queue, "case": case, "errors": errors}
