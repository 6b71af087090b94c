"""The Elasticsearch requests of a directory search, built with ``elasticsearch.dsl``.

- **Text** in the visitor's language and, at ``ENGLISH_FALLBACK_BOOST``, in English: the words
  in the order typed (a phrase, the index analyzer: no synonym expansion) above the words
  anywhere (with synonyms) above near spellings (``fuzziness: AUTO:4,8``, ``prefix_length: 1``:
  "dental" never becomes "mental"; only in the visitor's language, as the database engine),
  matched against the unstemmed ``spelling`` field, which a term suggester also reads for
  ``ResourceResults.corrected`` (the words no listing holds and their nearest known spelling).
  Name, then organisation and categories, then descriptions, then the rest, as the database
  engine weighs them. Text that holds no word either engine searches by (only stop words,
  punctuation) lists everything the filters pass, in name order, as the database engine does.
- **Filters**: the facet filters (category with its subcategories, cost, species, language
  spoken) go in ``post_filter``, so each facet's aggregation counts with every filter but its
  own; "open now" and the ZIP radius narrow the query itself (and every facet).
- **Pages** stop at ``results.MAX_RESULTS``, as the database engine's.
"""

import re
from datetime import datetime, timedelta

from django.utils import timezone
from elasticsearch.dsl import A, Q, Search

from directory.hours import minute_of_week

from ... import analysis
from ...documents import site_languages
from ...results import MAX_RESULTS, SORT_DISTANCE, ResourceQuery
from .mapping import SPELLING, index_analyzer_name, key, search_analyzer_name

ENGLISH_FALLBACK_BOOST = 0.4
PHRASE_BOOST = 3.0
WORDS_BOOST = 2.0
FUZZY_BOOST = 0.5
FUZZINESS = "AUTO:4,8"
_NUMBER = re.compile(r"(?<!\w)\d+(?!\w)")  # a number alone: never a typo
SPELLING_SUGGESTION = "spelling"  # the name of the term suggester in a search request
FOLDED_NAME_BOOST = 1.0
FIELD_WEIGHTS = (
    ("name", 10),
    ("organization", 4),
    ("categories", 4),
    ("description", 2),
    ("eligibility", 1),
    ("spoken", 1),
)
MAX_TEXT = 500  # characters of a query the engine sees (a 10 KB query is cut, not an error)
FACETS = {  # facet -> (filter field, aggregated field)
    "category": ("category_slugs", "top_categories"),
    "cost": ("cost", "cost"),
    "species": ("species", "species"),
    "spoken": ("spoken_codes", "spoken_codes"),
}
FACET_SIZE = 200
HIGHLIGHT = {"name": "name", "summary": "summary"}


def languages(visitor: str) -> list[tuple[str, float]]:
    """The languages searched, with their boost: the visitor's first, then English."""
    codes = [visitor] if visitor in site_languages() else []
    if "en" not in codes:
        codes.append("en")
    return [(code, 1.0 if code == visitor else ENGLISH_FALLBACK_BOOST) for code in codes]


def has_words(text: str, visitor: str) -> bool:
    """Whether the text holds a word worth searching (not only stop words or punctuation)."""
    return any(analysis.terms(text, code) for code, _boost in languages(visitor))


def text_query(text: str, visitor: str):
    text = (text or "")[:MAX_TEXT]
    clauses = []
    for code, boost in languages(visitor):
        fields = [f"{name}.{key(code)}^{weight}" for name, weight in FIELD_WEIGHTS]
        clauses.append(
            Q(
                "multi_match",
                query=text,
                type="phrase",
                fields=fields,
                analyzer=index_analyzer_name(code),
                boost=PHRASE_BOOST * boost,
            )
        )
        clauses.append(
            Q(
                "multi_match",
                query=text,
                type="best_fields",
                fields=fields,
                analyzer=search_analyzer_name(code, visitor),
                boost=WORDS_BOOST * boost,
            )
        )
        spelled = _NUMBER.sub(" ", text).strip()
        if code == visitor and spelled:
            # Near spellings of the words as written (a stemmed field would compare "groomng"
            # with "groom"); the first letter kept, so "dental" never becomes "mental"; numbers
            # left out, as the database engine's vocabulary does (4812 is not a typo of 4821).
            clauses.append(
                Q(
                    "match",
                    **{
                        f"{SPELLING}.{key(code)}": {
                            "query": spelled,
                            "fuzziness": FUZZINESS,
                            "prefix_length": 1,
                            "max_expansions": 20,
                            "boost": FUZZY_BOOST * boost,
                        }
                    },
                )
            )
        clauses.append(
            Q(
                "match",
                **{f"name.{key(code)}.folded": {"query": text, "boost": FOLDED_NAME_BOOST * boost}},
            )
        )
    return Q("bool", should=clauses, minimum_should_match=1)


def open_now_query(now: datetime):
    """Open at ``now`` (site time zone): a period of today running, not closed today, or the
    part after midnight of yesterday's period, yesterday not closed; only active listings."""
    local = timezone.localtime(now)
    minute = minute_of_week(now)
    today = local.date()
    yesterday = today - timedelta(days=1)
    started_today = Q(
        "bool",
        filter=[Q("term", open_same_day=minute)],
        must_not=[Q("term", closures=today.isoformat())],
    )
    started_yesterday = Q(
        "bool",
        filter=[Q("term", open_after_midnight=minute)],
        must_not=[Q("term", closures=yesterday.isoformat())],
    )
    return Q(
        "bool",
        filter=[Q("term", status="active")],
        should=[started_today, started_yesterday],
        minimum_should_match=1,
    )


def facet_filters(query: ResourceQuery) -> dict[str, object]:
    found = {}
    if query.category:
        found["category"] = Q("term", category_slugs=query.category)
    if query.costs:
        found["cost"] = Q("terms", cost=list(query.costs))
    if query.species:
        found["species"] = Q("term", species=query.species)
    if query.spoken:
        found["spoken"] = Q("term", spoken_codes=query.spoken)
    return found


def _all(filters: list):
    return Q("bool", filter=filters) if filters else Q("match_all")


def search_request(
    search: Search, query: ResourceQuery, *, point=None, now: datetime | None = None
) -> Search:
    """The request of a page of results, its facets and highlights."""
    words = has_words(query.text, query.language)
    narrowing = []
    if query.open_now:
        narrowing.append(open_now_query(now or timezone.now()))
    if point is not None and query.radius_miles > 0:
        narrowing.append(
            Q(
                "geo_distance",
                distance=f"{query.radius_miles}mi",
                points={"lat": point[0], "lon": point[1]},
            )
        )
    main = text_query(query.text, query.language) if words else Q("match_all")
    if narrowing:
        main = Q("bool", must=[main], filter=narrowing)
    search = search.query(main)

    facets = facet_filters(query)
    if facets:
        search = search.post_filter(_all(list(facets.values())))
    for facet, (_filter_field, field) in FACETS.items() if query.facets else ():
        others = [f for name, f in facets.items() if name != facet]
        aggregation = A("filter", _all(others))
        aggregation.bucket("values", "terms", field=field, size=FACET_SIZE)
        search.aggs.bucket(facet, aggregation)

    sort = []
    if point is not None and query.sort == SORT_DISTANCE:
        sort.append(
            {
                "_geo_distance": {
                    "points": {"lat": point[0], "lon": point[1]},
                    "order": "asc",
                    "unit": "mi",
                    "mode": "min",
                    "distance_type": "arc",
                    "ignore_unmapped": True,
                }
            }
        )
    if words:
        sort += [{"_score": {"order": "desc"}}, {"id": {"order": "asc"}}]
    else:  # the directory's order: weight, what the category is for, name
        sort += [{"list_weight": {"order": "desc", "missing": 0}}]
        if query.category:
            sort += [
                {
                    "purposes.rank": {
                        "order": "asc",
                        "missing": "_last",
                        "nested": {
                            "path": "purposes",
                            "filter": {"term": {"purposes.category": query.category}},
                        },
                    }
                }
            ]
        sort += [{f"sort_name.{key(query.language)}": {"order": "asc", "missing": "_last"}}]
        sort += [{"id": {"order": "asc"}}]
    search = search.sort(*sort)

    if words:
        language = key(query.language)
        fields = {}
        for field in HIGHLIGHT.values():
            for code in dict.fromkeys([language, "en"]):
                fields[f"{field}.{code}"] = {"number_of_fragments": 0}
        search = search.highlight_options(
            encoder="html",
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            require_field_match=False,
        ).highlight(*fields.keys(), number_of_fragments=0)

    if words:
        # "Did you mean": words of the query no listing holds, and the nearest that some do.
        search = search.suggest(
            SPELLING_SUGGESTION,
            (query.text or "")[:MAX_TEXT],
            term={
                "field": f"{SPELLING}.{key(query.language)}",
                "suggest_mode": "missing",
                "prefix_length": 1,
                "min_word_length": 4,
                "size": 1,
            },
        )

    start = (max(query.page, 1) - 1) * query.per_page
    stop = min(start + query.per_page, MAX_RESULTS)
    if start >= MAX_RESULTS:  # past the cap: the total and facets, no hits
        start = stop = 0
    search = search.extra(track_total_hits=MAX_RESULTS, track_scores=True)[start : max(start, stop)]
    return search.source(["id", "points", "name", "summary"])


def suggest_request(search: Search, text: str, language: str, *, limit: int) -> Search:
    """Listings whose name (in the visitor's language, else English) has words starting so."""
    clauses = [
        Q(
            "match",
            **{
                f"name.{key(code)}.suggest": {
                    "query": text[:100],
                    "operator": "and",
                    "boost": boost,
                }
            },
        )
        for code, boost in languages(language)
    ]
    return (
        search.query(Q("bool", should=clauses, minimum_should_match=1))
        .source(["id", "name"])
        .extra(size=limit * 2)
    )
