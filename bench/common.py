"""What every benchmark prints beside its figures: how busy the machine was.

The machine the benchmarks run on is shared, so a figure alone says little. ``machine(label)``
gives the load average and a fixed CPU probe: a pure-Python loop that always does the same work,
timed. When the probe takes much longer than it does on the idle machine, the figures beside it
were taken on a busy one: compare figures only beside similar probes.

    from bench.common import machine
    print(machine("before"))
"""

import os
import statistics
import time

PROBE_LOOPS = 2_000_000


def cpu_probe() -> float:
    """Milliseconds of a fixed pure-Python loop: higher when the machine is busy or slow."""
    began = time.perf_counter()
    total = 0
    for n in range(PROBE_LOOPS):
        total += n * n % 7
    return (time.perf_counter() - began) * 1000


def machine(label: str) -> str:
    """``machine <label>: load average 1.02 0.80 0.66 (2 CPUs); CPU probe 31 ms``."""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"machine {label}: load average {load} ({os.cpu_count()} CPUs); "
        f"CPU probe {cpu_probe():.0f} ms"
    )


def percentiles(times: list[float]) -> tuple[float, float]:
    """(median, p95) of ``times``."""
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]
