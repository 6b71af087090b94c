"""The queue's counts per status, kept in the shared cache until any case data changes.

Counting every case by status takes tens of milliseconds at hundreds of thousands of cases, and
the queue shows the counts on every visit. They are cached under the SQL of the count (the same
for every member of staff asking with the same filters: it counts confidential cases apart per
case manager, and ``selectors.case_status_counts`` adds up for each user only the rows she may
see, so one person's counts are never another's) and the generation
:data:`GENERATION` (``core.generations``) that every write to the back office's counted records
bumps (``signals.py``).
"""

import hashlib

from django.db import transaction

from core import generations

GENERATION = "backoffice-cases"
SECONDS = 10 * 60


def generation() -> int:
    return generations.generation(GENERATION)


def invalidate() -> None:
    """Forget every cached count, now and again when the current transaction commits (another
    request may count the old rows again before this change commits)."""
    generations.invalidate(GENERATION)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: generations.invalidate(GENERATION))


def cached(queryset, compute):
    """``compute()``, cached for the query ``queryset`` at the current generation."""
    digest = hashlib.sha256(str(queryset.query).encode()).hexdigest()[:32]
    return generations.cached(GENERATION, f"counts:{digest}", compute, SECONDS)


def cached_for(key: str, compute):
    """``compute()``, cached under ``key`` at the current generation (a value worked out from
    the counted records that no user's visibility changes, such as a search's plan)."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return generations.cached(GENERATION, f"value:{digest}", compute, SECONDS)
