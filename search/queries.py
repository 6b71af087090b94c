"""Search, one function per use: what views, the back office and the survey call.

- ``resources_search``: the directory's results page (and the back office's referral picker);
- ``resources_suggest``: suggestions while typing;
- ``resources_recommend``: listings for the needs a survey names;
- ``site_search``: editorial pages, through Wagtail search.

Each answers plain values (``search.results``) whichever engine answered: Elasticsearch when it is
configured and answering, else the database (``search.engines.answering``).
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import analysis
from .engines import answering
from .models import QueryRecord
from .results import PageHit, ResourceQuery, ResourceResults, Suggestion

logger = logging.getLogger(__name__)


def resources_search(query: ResourceQuery, *, record: bool = False) -> ResourceResults:
    """A page of listings for the query. ``record`` counts it in what people searched for (the
    public results page does; the back office does not)."""
    results = answering("search", query)
    if record and query.text.strip() and query.page == 1:
        record_query(query.text, query.language, results.total)
    return results


def resources_suggest(text: str, language: str, *, limit: int = 8) -> list[Suggestion]:
    # What is typed goes to the engine as it is, so characters no text field can hold (NUL:
    # PostgreSQL refuses it) and other control characters become spaces first.
    text = "".join(char if char.isprintable() else " " for char in text or "")
    return answering("suggest", text, language, limit)


def resources_recommend(
    needs: list[str], *, language: str, zip_code: str = "", species: str = "", limit: int = 5
) -> list[int]:
    """Listing ids for the needs (category slugs) a survey names: for each need its best
    listings near the ZIP code, then the next ones, without repeats."""
    picked: list[int] = []
    for slug in needs:
        query = ResourceQuery(
            language=language,
            category=slug,
            species=species,
            zip_code=zip_code,
            sort="distance" if zip_code else "relevance",
            per_page=limit,
            facets=False,
        )
        for hit in answering("search", query).hits:
            if hit.resource_id not in picked:
                picked.append(hit.resource_id)
    return picked[:limit]


def site_search(text: str, language: str, *, limit: int = 5) -> list[PageHit]:
    """Live editorial pages in the visitor's language that match the text."""
    from wagtail.models import Locale, Page

    text = (text or "").strip()[:200]
    if not text:
        return []
    pages = Page.objects.live().public().specific()
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None:
        pages = pages.filter(locale=locale)
    try:
        found = list(pages.search(text)[:limit])
    except Exception:  # a search backend that fails must not take the results page down
        logger.exception("site search failed")
        return []
    return [
        PageHit(
            title=page.title,
            url=page.get_url() or page.url_path,
            summary=getattr(page, "search_description", "") or getattr(page, "intro", "") or "",
        )
        for page in found
    ]


def record_query(text: str, language: str, results: int) -> None:
    """Count a search of ``text`` today: the folded words only, nothing about who searched."""
    query = " ".join(analysis.words(text))[:100]
    if not query:
        return
    today = timezone.localdate()
    try:
        with transaction.atomic():
            updated = QueryRecord.objects.filter(day=today, language=language, query=query).update(
                searches=F("searches") + 1, results=results
            )
            if not updated:
                QueryRecord.objects.create(
                    day=today, language=language, query=query, searches=1, results=results
                )
    except IntegrityError:  # another request recorded it first
        QueryRecord.objects.filter(day=today, language=language, query=query).update(
            searches=F("searches") + 1, results=results
        )
    except Exception:  # counting must never fail a search
        logger.exception("search: recording a query failed")
