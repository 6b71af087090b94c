"""Measuring relevance: the judged queries (``judgements.py``) run against each engine over the
demo directory, scored by precision@3 and mean reciprocal rank.

- **precision@3** of a query: the share of the listings that must be in the top 3 that are
  (of 1, 2 or 3 named), and 0 when a listing that must not appear is on the first page of
  results (``FIRST_PAGE``, what a visitor reads first);
- **reciprocal rank**: 1 / the rank of the first listing that must be in the top 3, within the
  first page (0 if none is there, or when a listing that must not appear is).

Engines are those ``search.engines`` writes to (``engines_to_write``: the database engine, and
Elasticsearch when configured), or the names in ``RELEVANCE_ENGINES`` (comma-separated).
"""

import os
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import translation

from search.engines import engines_to_write
from search.results import ResourceQuery

from .judgements import JUDGEMENTS, Judgement

FIRST_PAGE = 10
GOAL = 0.9  # precision@3 every engine must reach


def engines() -> list:
    wanted = [n.strip() for n in os.environ.get("RELEVANCE_ENGINES", "").split(",") if n.strip()]
    found = {engine.name: engine for engine in engines_to_write()}
    missing = [name for name in wanted if name not in found]
    if missing:
        raise LookupError(f"no engine named {', '.join(missing)} (there are {', '.join(found)})")
    return [found[name] for name in wanted] if wanted else list(found.values())


def demo_load() -> None:
    """The demo directory imported through HSDS (which rebuilds every index) and the seeded
    synonym vocabulary, into the current database."""
    from demo.listings import demo_directory_load
    from search.indexing import rebuild_all
    from search.synonyms import synonyms_seed

    synonyms_seed()
    demo_directory_load()
    rebuild_all()


def listing_ids() -> dict[str, int]:
    """The demo listings by English name (judgements name them so)."""
    from demo.listings import demo_resources

    return dict(demo_resources().values_list("name_en", "pk"))


@dataclass
class Outcome:
    judgement: Judgement
    found: list[str]  # English names of the first page, best first
    precision: float
    reciprocal_rank: float
    shown_wrongly: list[str] = field(default_factory=list)


def judge(engine, judgement: Judgement, names_by_id: dict[int, str]) -> Outcome:
    query = ResourceQuery(
        text=judgement.query,
        language=judgement.language,
        per_page=FIRST_PAGE,
        **judgement.filters,
    )
    with translation.override(judgement.language):
        results = engine.search(query)
    found = [names_by_id.get(h.resource_id, f"#{h.resource_id}") for h in results.hits[:FIRST_PAGE]]
    wrong = [name for name in judgement.absent if name in found]
    top = found[:3]
    wanted = judgement.top3
    precision = sum(1 for name in wanted if name in top) / len(wanted)
    ranks = [found.index(name) + 1 for name in wanted if name in found]
    reciprocal = 1 / min(ranks) if ranks else 0.0
    if wrong:
        precision = reciprocal = 0.0
    return Outcome(judgement, found, precision, reciprocal, wrong)


@dataclass
class Scores:
    queries: int
    precision_at_3: float
    mrr: float


def score(outcomes: list[Outcome]) -> Scores:
    n = len(outcomes)
    return Scores(
        n,
        sum(o.precision for o in outcomes) / n if n else 0.0,
        sum(o.reciprocal_rank for o in outcomes) / n if n else 0.0,
    )


def evaluate(engine, judgements=JUDGEMENTS) -> list[Outcome]:
    ids = listing_ids()
    names_by_id = {pk: name for name, pk in ids.items()}
    return [judge(engine, judgement, names_by_id) for judgement in judgements]


def by_language(outcomes: list[Outcome]) -> dict[str, Scores]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[outcome.judgement.language].append(outcome)
    return {language: score(group) for language, group in groups.items()}


def table(results: dict[str, list[Outcome]]) -> list[str]:
    """Lines of figures: per engine, each language and all queries."""
    lines = [f"{'engine':<12} {'language':<9} {'queries':>7} {'P@3':>6} {'MRR':>6}"]
    for name, outcomes in results.items():
        for language, s in sorted(by_language(outcomes).items()):
            lines.append(
                f"{name:<12} {language:<9} {s.queries:>7} {s.precision_at_3:>6.3f} {s.mrr:>6.3f}"
            )
        s = score(outcomes)
        lines.append(f"{name:<12} {'all':<9} {s.queries:>7} {s.precision_at_3:>6.3f} {s.mrr:>6.3f}")
    return lines


def misses(outcomes: list[Outcome]) -> list[str]:
    """What each query that fell short found instead."""
    lines = []
    for o in outcomes:
        if o.precision < 1:
            j = o.judgement
            lines.append(f"[{j.language}] {j.query!r} {j.filters or ''}: P@3 {o.precision:.2f}")
            lines.append(f"    wanted in the top 3: {', '.join(j.top3)}")
            if o.shown_wrongly:
                lines.append(f"    shown but must not be: {', '.join(o.shown_wrongly)}")
            lines.append(f"    found: {' | '.join(o.found[:5]) or '(nothing)'}")
    return lines
