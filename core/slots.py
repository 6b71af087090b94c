"""At most N of a costly thing at once on this server, across all its worker processes.

Each slot is a lock file (``VAR_DIR/locks/<name>-<n>.lock``) held with ``flock`` while the work
runs; the kernel releases it when the process ends, so a killed worker never keeps a slot. Taking
a slot never waits: when all are held the caller is told at once, and answers "busy" rather than
queue a worker behind the others (which is how a few PDF requests took every worker before).
"""

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings


@contextlib.contextmanager
def slot_take(name: str, *, slots: int) -> Iterator[bool]:
    """``with slot_take("pdf", slots=2) as taken:`` ``taken`` is False when all slots are busy."""
    folder = Path(settings.VAR_DIR) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(max(1, slots)):
        descriptor = os.open(folder / f"{name}-{n}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            continue
        try:
            yield True
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)
        return
    yield False
