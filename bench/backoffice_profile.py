"""Where a back-office page's time goes (``bench/backoffice.py --profile``).

For each page (the queue's slowest variants, a case page, the dashboard), signed in as the bench's
case manager (the supervisor for the dashboard), in-process through Django's test client: the
time in SQL against the whole request (every statement timed through an execute wrapper, the
slowest shown with its duration), then a cProfile of ``--runs`` more requests, the functions
with the most time of their own and the most time under them.
"""

import cProfile
import io
import pstats
import time
from collections import defaultdict
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


class _Statements:
    """An execute wrapper that times every statement."""

    def __init__(self):
        self.times: dict[str, list[float]] = defaultdict(list)

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.times[" ".join(sql.split())].append((time.perf_counter() - began) * 1000)


_WRAPPERS = ("/django/test/", "middleware", "deprecation.py", "exception.py", "handlers/base.py")


def _wrapper(line: str) -> bool:
    return any(part in line for part in _WRAPPERS)


def _short(line: str) -> str:
    """A profile line with its path from the package on (``django/template/base.py:...``)."""
    for marker in ("site-packages/", "/lib/python3", str(_ROOT) + "/"):
        if marker in line:
            head, _sep, tail = line.partition(marker)
            head = head[: len(head) - len(head.split(" ")[-1])]
            return head + tail
    return line


def pages(samples: dict) -> dict[str, str]:
    """Label -> URL of the pages profiled: the slowest queue variants, a case page, the dashboard."""
    from django.urls import reverse

    queue = reverse("backoffice:queue")
    return {
        "queue: open, most urgent first": queue,
        "queue: all, newest first": queue + "?status=all&sort=newest",
        "queue: search by name": queue + "?status=all&q=" + samples["name"].replace(" ", "+"),
        "queue: search by pet name": queue + "?status=all&q=" + samples["pet"],
        "case page": reverse("backoffice:case", args=[samples["case"]]),
        "dashboard": reverse("backoffice:dashboard"),
    }


def run(client, boss, samples: dict, runs: int, *, only: str = "", top: int = 18) -> None:
    from django.db import connection

    for label, url in pages(samples).items():
        if only and only not in label:
            continue
        who = boss if label == "dashboard" else client
        for _ in range(2):  # warm: imports, templates, the caches a steady state has
            assert who.get(url).status_code == 200, url
        statements = _Statements()
        began = time.perf_counter()
        with connection.execute_wrapper(statements):
            for _ in range(runs):
                who.get(url)
        total = (time.perf_counter() - began) * 1000 / runs
        sql = sum(sum(v) for v in statements.times.values()) / runs
        count = sum(len(v) for v in statements.times.values()) / runs
        print(f"\n== {label}: {url}")
        print(
            f"   {total:.1f} ms a request, of which SQL {sql:.1f} ms in {count:.0f} statements, "
            f"Python {total - sql:.1f} ms"
        )
        slowest = sorted(statements.times.items(), key=lambda kv: -sum(kv[1]))[:6]
        for shape, times in slowest:
            print(f"     {sum(times) / runs:6.1f} ms  x{len(times) / runs:.0f}  {shape[:300]}")
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(runs):
            who.get(url)
        profile.disable()
        for order, shown in (("tottime", top), ("cumulative", top * 3)):
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).sort_stats(order)
            stats.print_stats(shown * 2)
            lines = out.getvalue().splitlines()
            start = next(i for i, line in enumerate(lines) if "ncalls" in line)
            rows = [line for line in lines[start + 1 :] if line.strip()]
            if order == "cumulative":  # past the middleware that wraps every request
                rows = [line for line in rows if not _wrapper(line)]
            print(f"   by {order} ({runs} requests):")
            print("\n".join("     " + _short(line) for line in rows[:shown]))
