"""Synonyms staff edit (``SynonymGroup``), as both engines read them.

``synonym_groups(language)`` gives the groups of a language as lists of terms (lower case,
stripped); the database engine expands a query with them, Elasticsearch builds its
``synonym_graph`` filter from ``solr_rules(language)``. Saving a group calls
``synonyms_changed`` on every engine (see ``search.signals``).
"""

import re

from django.core.cache import cache

from .models import SynonymGroup

_SPLIT = re.compile(r"[,\n;،、，]+")
CACHE_KEY = "search:synonyms:{language}:v1"


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
