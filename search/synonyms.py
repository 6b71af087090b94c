"""Synonyms staff edit (``SynonymGroup``), as both engines read them.

``synonym_groups(language)`` gives the groups of a language as lists of terms (lower case,
stripped); the database engine expands a query with them, Elasticsearch builds its
``synonym_graph`` filter from ``solr_rules(language)``. Saving a group calls ``changed``, which
tells every engine (``synonyms_changed``; see ``search.signals``).

The maintained pet-support vocabulary is ``data/synonyms.json`` (groups per language; a group of
one language may hold English words for its English fallback, "desalojo" ~ "eviction").
Migration 0004 seeds it into an empty table; ``manage.py search_synonyms_seed`` adds the groups
a language lacks later on (``synonyms_seed``).
"""

import json
import logging
import re
import threading
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .engines import engines_to_write
from .models import SynonymGroup

logger = logging.getLogger(__name__)

_SPLIT = re.compile(r"[,\n;،、，]+")
CACHE_KEY = "search:synonyms:{language}:v1"  # migration 0004 holds a frozen copy
VOCABULARY_PATH = Path(__file__).resolve().parent / "data" / "synonyms.json"
_batch = threading.local()


def split_terms(text: str) -> list[str]:
    terms = []
    for term in _SPLIT.split(text or ""):
        term = " ".join(term.split()).lower()
        if term and term not in terms:
            terms.append(term)
    return terms


def synonym_groups(language: str) -> list[list[str]]:
    key = CACHE_KEY.format(language=language)
    groups = cache.get(key)
    if groups is None:
        groups = [
            terms
            for terms in (
                split_terms(t)
                for t in SynonymGroup.objects.filter(language=language).values_list(
                    "terms", flat=True
                )
            )
            if len(terms) > 1
        ]
        cache.set(key, groups, 3600)
    return groups


def forget(language: str) -> None:
    cache.delete(CACHE_KEY.format(language=language))


def solr_rules(language: str) -> list[str]:
    """The groups as Solr synonym rules ("spay, neuter, fix"), for Elasticsearch."""
    return [", ".join(terms) for terms in synonym_groups(language)]


def changed(language: str) -> None:
    """The groups of ``language`` changed: forget the cached ones and tell every engine. Inside
    ``_one_change`` an engine hears once per language, however many groups were written."""
    pending = getattr(_batch, "languages", None)
    if pending is not None:
        pending.add(language)
        return
    forget(language)
    for engine in engines_to_write():
        try:
            engine.synonyms_changed(language)
        except Exception:  # the next rebuild applies them; saving synonyms never fails
            logger.exception("search: applying synonyms in %s failed", engine.name)


@contextmanager
def _one_change():
    _batch.languages = set()
    try:
        yield
    finally:
        languages, _batch.languages = _batch.languages, None
    for language in sorted(languages):
        changed(language)


def vocabulary(path: Path = VOCABULARY_PATH) -> dict[str, list[list[str]]]:
    """The maintained vocabulary: for each site language, its groups of terms."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        code: [split_terms(", ".join(group)) for group in data.get(code, [])]
        for code, _name in settings.LANGUAGES
    }


def synonyms_seed(
    *, replace: bool = False, languages: list[str] | None = None
) -> dict[str, tuple[int, int]]:
    """Add the vocabulary's groups that a language lacks; returns (added, already there) per
    language. A group counts as there when one of the language's groups holds its first term,
    so a group staff have edited stays as they left it and running this again adds nothing.
    ``replace`` first deletes every group of the languages: staff edits to them are lost."""
    groups = vocabulary()
    codes = [code for code in groups if not languages or code in languages]
    counts = {}
    with _one_change(), transaction.atomic():
        for code in codes:
            existing = SynonymGroup.objects.filter(language=code)
            if replace:
                existing.delete()
            known = {
                t for text in existing.values_list("terms", flat=True) for t in split_terms(text)
            }
            new = [g for g in groups[code] if len(g) > 1 and g[0] not in known]
            SynonymGroup.objects.bulk_create(
                [SynonymGroup(language=code, terms="\n".join(g)) for g in new]
            )
            counts[code] = (len(new), len(groups[code]) - len(new))
            if new or replace:
                changed(code)
    return counts
