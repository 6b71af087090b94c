#!/usr/bin/env python
"""How fast the public pages are, as a ratio to a minimal Django view served in the same run.

    .venv/bin/python bench/pages.py                  # every page, 15 s rounds (about 6 minutes)
    .venv/bin/python bench/pages.py --quick          # five pages, 5 s rounds (about 2 minutes)
    .venv/bin/python bench/pages.py --no-page-cache  # measure rendering, with the page cache off
    .venv/bin/python bench/pages.py --profile 20     # CPU and cProfile per page, in-process

Builds a throwaway demo site (SQLite, file cache, collected static files) in a temporary
directory, serves it with gunicorn (production settings, DEBUG off, 2 sync workers) on 127.0.0.1,
and loads it with wrk, taking rounds in turn: minimal view, page 1, minimal view, page 2, ...,
minimal view. This machine's speed drifts, so each page's rate is only compared with the minimal
view rounds just before and after it. Then, in this process: warm SQL queries per page (with the
page cache, and without it), page weight (HTML plus the CSS, scripts and images it links), and
whether a change published while gunicorn runs shows on the very next request.

Goals (issue): every public page >= 10% of the minimal view, <= 10 warm queries, <= 100 KB
transferred including CSS; anonymous pages may be cached, but a published change must show at once.
Exits with status 1 when a goal is missed.

Longer than the ~500-line rule on purpose: one self-contained benchmark script (site build,
server, load rounds, report) that must run with nothing but the project installed.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402

GOAL_RATIO = 0.10
GOAL_QUERIES = 10
GOAL_BYTES = 100 * 1024
WORKERS = 2
WRK_THREADS = 2
HOST = "127.0.0.1"
QUICK_PAGES = ("home en", "home ar", "guide", "category es", "category zip ar", "listing es")
# A category with a ZIP code (nearest first) and filters, as a visitor narrows the list.
# (Not "open now": what it finds depends on the hour.)
CATEGORY_FILTERS = "zip=95814&cost=free&species=dog"


@dataclass
class Page:
    label: str
    url: str
    note: str = ""
    queries_cached: int | None = None
    queries_uncached: int | None = None
    bytes_wire: int = 0
    bytes_raw: int = 0
    assets: list[str] = field(default_factory=list)


@dataclass
class Round:
    url: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


# --- Environment ---------------------------------------------------------------------------------


def bench_env(workdir: Path, *, page_cache: bool) -> dict[str, str]:
    """Production settings pointed at the throwaway directory; only loopback hosts allowed."""
    var = workdir / "var"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "SECRET_KEY": "bench-only-" + "x" * 60,
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
        "STATIC_ROOT": str(var / "static"),
        "MEDIA_ROOT": str(var / "media"),
        # A file cache, so that both gunicorn workers (and this process) share the page cache.
        "CACHE_URL": f"filecache://{var / 'cache'}",
        "LOG_LEVEL": "WARNING",
    }
    if not page_cache:
        env["PAGE_CACHE_SECONDS"] = "0"
    else:
        env.pop("PAGE_CACHE_SECONDS", None)  # production default (600 s)
    return env


def site_build(env: dict[str, str], log: Path) -> None:
    Path(env["VAR_DIR"]).mkdir(parents=True)
    for args in (["migrate", "--no-input"], ["load_demo_data"], ["collectstatic", "--no-input"]):
        print(f"  manage.py {' '.join(args)}", flush=True)
        # The demo app is installed for the command that loads it only, as in production.
        run_env = {**env, "DEMO_APP": "true"} if args[0] == "load_demo_data" else env
        with log.open("a") as out:
            result = subprocess.run(
                [sys.executable, "manage.py", *args], cwd=ROOT, env=run_env, stdout=out, stderr=out
            )
        if result.returncode:
            sys.exit(f"manage.py {args[0]} failed; see {log}\n" + log.read_text()[-3000:])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """``threads`` above 1: gunicorn's threaded workers (``gthread``), as the Dockerfile serves
    (``WEB_THREADS``); 1, its sync workers."""

    def __init__(self, env: dict[str, str], log: Path, *, threads: int = 1):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.log = log
        command = [
            sys.executable, "-m", "gunicorn", "portal.wsgi",
            "--bind", f"{HOST}:{self.port}",
            "--workers", str(WORKERS),
            "--worker-class", "gthread" if threads > 1 else "sync",
            "--threads", str(threads),
            "--error-logfile", str(log),
        ]  # fmt: skip
        # Its own process group, so that stopping it also stops the workers.
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit("gunicorn stopped while starting:\n" + self.log.read_text()[-3000:])
            try:
                if http_get(self.base, "/healthz/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit(f"gunicorn did not answer /healthz/ within {timeout:.0f} s; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass


# --- HTTP ------------------------------------------------------------------------------------------


@dataclass
class Fetched:
    status: int
    headers: dict[str, str]
    body: bytes
    wire_bytes: int


def http_get(base: str, url: str, *, gzip: bool = False) -> Fetched:
    """One GET over loopback; ``wire_bytes`` counts the status line, headers and body as sent."""
    parts = urlsplit(urljoin(base + "/", url))
    assert parts.hostname == HOST, f"refusing to leave loopback: {url}"
    connection = http.client.HTTPConnection(HOST, parts.port, timeout=30)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip else {})
        response = connection.getresponse()
        body = response.read()
        headers = {name.lower(): value for name, value in response.getheaders()}
        head = len(f"HTTP/1.1 {response.status} {response.reason}\r\n\r\n")
        head += sum(len(f"{name}: {value}\r\n") for name, value in response.getheaders())
        return Fetched(response.status, headers, body, head + len(body))
    finally:
        connection.close()


ASSET_PATTERNS = [
    re.compile(r"""<link\b[^>]*\brel=["']?stylesheet["']?[^>]*\bhref=["']([^"']+)""", re.I),
    re.compile(r"""<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']?stylesheet""", re.I),
    re.compile(r"""<script\b[^>]*\bsrc=["']([^"']+)""", re.I),
    re.compile(r"""<img\b[^>]*\bsrc=["']([^"']+)""", re.I),
]


def page_weigh(base: str, page: Page) -> None:
    """HTML plus every stylesheet, script and image it links, as a browser accepting gzip gets them."""
    html = http_get(base, page.url, gzip=True)
    if html.status != 200:
        sys.exit(f"{page.url} answered {html.status}")
    text = html.body.decode("utf-8", "replace")
    assets = sorted({m for pattern in ASSET_PATTERNS for m in pattern.findall(text)})
    page.assets = assets
    page.bytes_wire = html.wire_bytes
    page.bytes_raw = len(http_get(base, page.url).body)
    for asset in assets:
        if urlsplit(asset).netloc not in ("", f"{HOST}:{urlsplit(base).port}"):
            continue  # nothing on the demo pages links off site; never fetch from elsewhere
        wire = http_get(base, urljoin(page.url, asset), gzip=True)
        if wire.status != 200:
            sys.exit(f"{asset} (linked from {page.url}) answered {wire.status}")
        page.bytes_wire += wire.wire_bytes
        page.bytes_raw += len(http_get(base, urljoin(page.url, asset)).body)


# --- wrk -------------------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk(base: str, url: str, *, duration: int, connections: int) -> Round:
    command = [
        "wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{duration}s", "--latency",
        "--timeout", "10s", base + url,
    ]  # fmt: skip
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    out = result.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if result.returncode or not rps:
        sys.exit(f"wrk failed on {url}:\n{out}\n{result.stderr}")

    def percentile(name: str) -> float:
        match = re.search(rf"^\s+{name}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        return float(match.group(1)) * UNITS_MS[match.group(2)] if match else float("nan")

    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(n) for n in match.groups())
    return Round(url, float(rps.group(1)), percentile("50"), percentile("99"), errors)


# --- In-process measurements (Django set up against the bench database and cache) ----------------


def pages_discover(*, quick: bool) -> list[Page]:
    """The home page in every language, and in English a guide, the stories, a story, contact;
    the directory's browse page, a category and a listing."""
    from django.conf import settings
    from wagtail.models import Locale, Site

    from content.models import ContactPage, StandardPage, StoryIndexPage, StoryPage

    home = Site.objects.get(is_default_site=True).root_page.specific
    pages = []
    for code, _name in settings.LANGUAGES:
        locale = Locale.objects.filter(language_code=code).first()
        translation = home.get_translation_or_none(locale) if locale else None
        if translation is not None and translation.live:
            pages.append(Page(f"home {code}", translation.get_url()))
        else:
            pages.append(Page(f"home {code}", f"/{code}/", note="no translation: English page"))
    guide = StandardPage.objects.child_of(home).live().order_by("path").first()
    index = StoryIndexPage.objects.child_of(home).live().first()
    story = StoryPage.objects.child_of(index).live().order_by("-date").first() if index else None
    contact = ContactPage.objects.child_of(home).live().first()
    for label, page in (
        ("guide", guide),
        ("story index", index),
        ("story", story),
        ("contact", contact),
    ):
        if page is None:
            sys.exit(f"the demo site has no {label} page")
        pages.append(Page(label, page.get_url()))
    from directory.models import Resource

    listing = Resource.objects.public().filter(confidential_address=False).order_by("pk").first()
    if listing is None:
        sys.exit("the demo site has no directory listing")
    for label, page in (("guide", guide), ("story", story)):
        arabic = page.get_translation_or_none(Locale.objects.filter(language_code="ar").first())
        if arabic is not None and arabic.live:
            pages.append(Page(f"{label} ar", arabic.get_url()))
    pages += [
        Page("directory", "/en/resources/"),
        Page("category es", "/es/resources/vet-care/"),
        Page("category ar", "/ar/resources/vet-care/"),
        Page("category zip", f"/en/resources/vet-care/?{CATEGORY_FILTERS}"),
        Page("category zip ar", f"/ar/resources/vet-care/?{CATEGORY_FILTERS}"),
        Page("listing es", f"/es/resources/listing/{listing.pk}/"),
        Page("listing ar", f"/ar/resources/listing/{listing.pk}/"),
    ]
    if quick:
        pages = [page for page in pages if page.label in QUICK_PAGES]
    return pages


def queries_count(url: str, *, page_cache: bool) -> int:
    """SQL queries for one anonymous GET, after one warm-up GET of the same URL."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    seconds = (settings.PAGE_CACHE_SECONDS or 600) if page_cache else 0
    client = Client(HTTP_HOST=HOST)
    with override_settings(PAGE_CACHE_SECONDS=seconds):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code} in the test client")
    return len(captured)


PROJECT_CODE = r"/(core|surveys|backoffice|portal|directory|search|messaging|content)/"


def profile_run(pages: list[Page], count: int) -> None:
    """Each page ``count`` times in this process (Django's test client, the same settings, page
    cache off): the CPU per request (``time.process_time``) and queries, then what costs most,
    by own time over every page and by cumulative time per page (cProfile)."""
    import cProfile
    import io
    import pstats

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST=HOST)
    profiles = {}
    print(machine("before"))
    print(f"{'page':<18}{'CPU ms':>8}{'queries':>9}")
    with override_settings(PAGE_CACHE_SECONDS=0):
        for page in pages:
            for _ in range(3):
                client.get(page.url)
            with CaptureQueriesContext(connection) as captured:
                client.get(page.url)
            began = time.process_time()
            for _ in range(count):
                client.get(page.url)
            cpu = (time.process_time() - began) / count * 1000
            print(f"{page.label:<18}{cpu:>8.1f}{len(captured):>9}", flush=True)
            profile = profiles[page.label] = cProfile.Profile()
            profile.enable()
            for _ in range(count):
                client.get(page.url)
            profile.disable()
    print(machine("after"))
    every = pstats.Stats(*profiles.values(), stream=(out := io.StringIO()))
    every.sort_stats("tottime").print_stats(30)
    print("\n=== every page, by own time\n" + "\n".join(out.getvalue().splitlines()[-36:]))
    for label, profile in profiles.items():
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(PROJECT_CODE, 20)
        print(f"\n=== {label}\n" + "\n".join(out.getvalue().splitlines()[-24:]))


def publish_check(base: str, pages: list[Page], *, page_cache: bool) -> list[tuple[str, bool, str]]:
    """Publish changes while gunicorn serves cached pages; each must show on the next GET.

    Three changes: the English home page's heading (the page itself); the newest story's title,
    which the home page lists (another page's change); and the heading again, published inside a
    transaction held open while wrk loads the home page (as a workflow approval, a move or a
    settings edit does), so that pages rendered from the old content before the commit must not
    stay cached. Several GETs follow each change, so both workers answer.
    """
    from django.db import transaction
    from wagtail.models import Site

    from content.models import StoryPage

    home_url = next(page.url for page in pages if page.label == "home en")
    home = Site.objects.get(is_default_site=True).root_page.specific
    story = StoryPage.objects.live().descendant_of(home).order_by("-date").first()

    def change(page, field_name, *, hold: float = 0.0):
        """Publish a new value, check it on the home page, then publish the old one back."""
        page = type(page).objects.get(pk=page.pk)
        old = getattr(page, field_name)
        marker = f"Bench change {time.time_ns()}"
        for _ in range(2):
            http_get(base, home_url)  # the home page is in the page cache before the change
        before = http_get(base, home_url)
        setattr(page, field_name, marker)
        load = None
        try:
            if hold:
                load = subprocess.Popen(
                    ["wrk", "-t1", "-c4", f"-d{int(hold) + 2}s", base + home_url],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                time.sleep(0.5)
                with transaction.atomic():
                    page.save_revision().publish()
                    time.sleep(hold)
            else:
                page.save_revision().publish()
            seen = [http_get(base, home_url) for _ in range(8)]
        finally:
            if load is not None:
                load.terminate()
                load.wait()
        shown = sum(marker in r.body.decode() for r in seen)
        states = "/".join(r.headers.get("x-page-cache", "-") for r in seen)
        page = type(page).objects.get(pk=page.pk)
        setattr(page, field_name, old)
        page.save_revision().publish()
        cached_before = before.headers.get("x-page-cache", "-")
        ok = shown == len(seen) and marker not in before.body.decode()
        ok &= cached_before == "hit" or not page_cache
        detail = (
            f"before: {cached_before}; {shown}/{len(seen)} GETs after publish show it "
            f"(page cache: {states})"
        )
        return ok, detail

    results = [("home heading", *change(home, "hero_heading"))]
    if story is not None:
        results.append(("newest story's title, on the home page", *change(story, "title")))
    results.append(
        (
            "home heading, in a transaction held 0.3 s under load",
            *change(home, "hero_heading", hold=0.3),
        )
    )
    return results


# --- Report ---------------------------------------------------------------------------------------


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def report(pages, page_rounds, minimal_rounds, publish, args, minimal, probes) -> bool:
    minimal_rps = [r.rps for r in minimal_rounds]
    mode = "page cache ON (production)" if not args.no_page_cache else "page cache OFF"
    print()
    print(
        f"gunicorn: {WORKERS} sync workers, production settings, {mode}; "
        f"wrk -t{WRK_THREADS} -c{args.connections} -d{args.duration}s --latency, 127.0.0.1"
    )
    for probe in probes:
        print(probe)
    print(
        f"minimal view ({minimal}): {len(minimal_rps)} rounds, "
        f"{min(minimal_rps):.0f}-{max(minimal_rps):.0f} req/s "
        f"(median {statistics.median(minimal_rps):.0f}, p50 "
        f"{statistics.median(r.p50_ms for r in minimal_rounds):.2f} ms)"
    )
    print()
    header = (
        f"{'page':<12} {'url':<26} {'req/s':>7} {'÷min':>6} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'queries':>8} {'KB wire':>7} {'KB raw':>7}  goals"
    )
    print(header)
    print("-" * len(header))
    all_met = True
    counted = "queries_cached" if not args.no_page_cache else "queries_uncached"
    for i, (page, rnd) in enumerate(zip(pages, page_rounds, strict=True)):
        around = (minimal_rounds[i].rps + minimal_rounds[i + 1].rps) / 2
        ratio = rnd.rps / around
        queries = getattr(page, counted)
        missed = []
        if ratio < GOAL_RATIO:
            missed.append("speed")
        if queries > GOAL_QUERIES:
            missed.append("queries")
        if page.bytes_wire > GOAL_BYTES:
            missed.append("size")
        if rnd.errors:
            missed.append(f"{rnd.errors} errors")
        all_met &= not missed
        print(
            f"{page.label:<12} {page.url:<26} {rnd.rps:>7.0f} {ratio:>5.0%} {rnd.p50_ms:>7.2f} "
            f"{rnd.p99_ms:>7.2f} {page.queries_cached:>3}/{page.queries_uncached:<4} "
            f"{kb(page.bytes_wire):>7} {kb(page.bytes_raw):>7}  "
            + ("ok" if not missed else "MISSED: " + ", ".join(missed))
        )
    print()
    print(
        "÷min: the page's req/s over the mean of the minimal view rounds just before and after it."
    )
    print(
        "queries: warm SQL queries per request, with the page cache / without it "
        f"(the goal counts the {'first' if counted == 'queries_cached' else 'second'}, "
        "as served in this run)."
    )
    print(
        "KB wire: HTML + linked CSS/JS/images with headers, gzip accepted; "
        "KB raw: the same bodies uncompressed."
    )
    heavy = [f"{p.label} {p.queries_uncached}" for p in pages if p.queries_uncached > GOAL_QUERIES]
    if heavy and counted == "queries_cached":
        print(
            f"rendering (a page cache miss, as after every publish) takes over {GOAL_QUERIES} "
            f"queries: {', '.join(heavy)}"
        )
    for page in pages:
        if page.note:
            print(f"note: {page.url} — {page.note}")
    assets = sorted({a for page in pages for a in page.assets})
    print(f"assets linked: {', '.join(assets) or 'none'}")
    print()
    print("published change shows at once:")
    for what, ok, detail in publish:
        all_met &= ok
        print(f"  {'ok' if ok else 'MISSED'}  {what}: {detail}")
    print()
    print(
        f"goals: >= {GOAL_RATIO:.0%} of the minimal view, <= {GOAL_QUERIES} warm queries, "
        f"<= {GOAL_BYTES // 1024} KB including CSS, published changes at once: "
        + ("all met" if all_met else "NOT all met")
    )
    return all_met


# --- Main -----------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=None, help="seconds per wrk round (15)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument("--quick", action="store_true", help="5 s rounds, five pages")
    parser.add_argument(
        "--no-page-cache", action="store_true", help="serve with PAGE_CACHE_SECONDS=0"
    )
    parser.add_argument("--keep", action="store_true", help="keep the throwaway directory")
    parser.add_argument(
        "--profile", type=int, metavar="N", help="profile each page N times in-process, no gunicorn"
    )
    args = parser.parse_args(argv)
    args.duration = args.duration or (5 if args.quick else 15)
    if not 1 <= args.duration <= 120:
        parser.error("--duration must be 1 to 120 seconds")
    if not WRK_THREADS <= args.connections <= 256:
        parser.error(f"--connections must be {WRK_THREADS} to 256")
    if args.profile:
        args.no_page_cache = True
    elif shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")

    # Ctrl-C and SIGTERM both unwind through the finally below, which stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated; gunicorn stopped"))
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    server = None
    try:
        env = bench_env(workdir, page_cache=not args.no_page_cache)
        print(f"building the demo site in {workdir}", flush=True)
        site_build(env, workdir / "setup.log")

        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.urls import reverse

        minimal = reverse("bench_minimal")  # bench/urls.py
        pages = pages_discover(quick=args.quick)
        if args.profile:
            profile_run(pages, args.profile)
            return 0

        server = Gunicorn(env, workdir / "gunicorn.log")
        server.wait_ready()
        for page in [Page("minimal", minimal), *pages]:
            if (status := http_get(server.base, page.url).status) != 200:
                sys.exit(f"{page.url} answered {status}")
        wrk(server.base, minimal, duration=2, connections=args.connections)  # warm up

        rounds = 2 * len(pages) + 1
        print(
            f"{rounds} wrk rounds of {args.duration} s, minimal view and pages in turn "
            f"(about {rounds * (args.duration + 1) // 60 + 1} min)",
            flush=True,
        )
        minimal_rounds, page_rounds = [], []
        probes = [machine("before")]
        print(f"  {probes[0]}", flush=True)
        for page in [*pages, None]:
            minimal_rounds.append(
                wrk(server.base, minimal, duration=args.duration, connections=args.connections)
            )
            print(f"  minimal      {minimal_rounds[-1].rps:8.0f} req/s", flush=True)
            if page is not None:
                page_rounds.append(
                    wrk(server.base, page.url, duration=args.duration, connections=args.connections)
                )
                print(f"  {page.label:<12} {page_rounds[-1].rps:8.0f} req/s", flush=True)
        probes.append(machine("after"))
        print(f"  {probes[-1]}", flush=True)

        for page in pages:
            page.queries_cached = queries_count(page.url, page_cache=True)
            page.queries_uncached = queries_count(page.url, page_cache=False)
            page_weigh(server.base, page)
        publish = publish_check(server.base, pages, page_cache=not args.no_page_cache)
        met = report(pages, page_rounds, minimal_rounds, publish, args, minimal, probes)
        return 0 if met else 1
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("interrupted; gunicorn stopped")
