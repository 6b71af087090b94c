"""What a search asks and what it answers: plain values, the same whichever engine answered.

Views build a ``ResourceQuery`` from the request (``search.forms``) and read ``ResourceResults``;
they never see an engine's query language and never branch on the engine.
"""

from dataclasses import dataclass, field

SORT_RELEVANCE = "relevance"
SORT_DISTANCE = "distance"
MAX_RADIUS_MILES = 100
MAX_QUERY_CHARS = 200  # longer text is cut (a 10 KB query is a normal page, not an error)


@dataclass(frozen=True)
class ResourceQuery:
    """A directory search: free text in the visitor's ``language`` and the filters.

    ``category`` is a category slug (its subcategories included); ``costs`` are ``Cost`` values,
    ``species`` a ``Species`` value, ``spoken`` a ``SpokenLanguage`` code; ``zip_code`` is five
    ASCII digits (already normalised) and ``radius_miles`` limits results to that distance from
    it (0: no limit, nearest first only when ``sort`` is distance). ``page`` starts at 1.
    ``facets=False`` asks for the hits alone (no counts per value: the survey's
    recommendations show none, and counting them cost the database engine a search per facet).
    """

    text: str = ""
    language: str = "en"
    category: str = ""
    costs: tuple[str, ...] = ()
    species: str = ""
    spoken: str = ""
    open_now: bool = False
    zip_code: str = ""
    radius_miles: int = 0
    sort: str = SORT_RELEVANCE
    page: int = 1
    per_page: int = 20
    facets: bool = True

    @property
    def has_filters(self) -> bool:
        return bool(
            self.category
            or self.costs
            or self.species
            or self.spoken
            or self.open_now
            or (self.zip_code and self.radius_miles)
        )


@dataclass
class Hit:
    """One listing found. ``highlights`` maps a field ("name", "summary") to a snippet that is
    already HTML-escaped, with the matched words in ``<mark>``; a field without a match is
    absent. ``distance_miles`` is set when a ZIP code was given and the listing has a place that
    may be shown (never for a confidential address)."""

    resource_id: int
    score: float = 0.0
    highlights: dict[str, str] = field(default_factory=dict)
    distance_miles: float | None = None


@dataclass
class FacetValue:
    value: str  # a slug or a code
    count: int


@dataclass
class ResourceResults:
    """A page of results. ``facets`` maps "category" (top-level slugs), "cost", "spoken" and
    "species" to counts over all results of the query with its filters except the facet's own
    (so a visitor sees how many each other choice would give). ``engine`` names who answered
    ("elasticsearch" or "database") and ``fallback`` says the database answered because
    Elasticsearch failed. ``facets_limited`` says some facet counted only the first
    ``MAX_RESULTS`` listings found with its filters, for there were more (the database engine;
    Elasticsearch counts them all). ``corrected`` lists query words that were matched by a near spelling
    (for "Showing results for ...")."""

    query: ResourceQuery
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]]
    engine: str
    fallback: bool = False
    corrected: dict[str, str] = field(default_factory=dict)
    facets_limited: bool = False  # a facet counted only the first MAX_RESULTS listings found

    @property
    def num_pages(self) -> int:
        return max(1, -(-min(self.total, MAX_RESULTS) // self.query.per_page))


MAX_RESULTS = 1000  # pages beyond this many results are not offered: filters narrow better


@dataclass
class Suggestion:
    """A suggestion while typing: a listing or a category name, with where it leads."""

    text: str
    kind: str  # "resource" or "category"
    slug_or_id: str


@dataclass
class PageHit:
    """An editorial page found by site search."""

    title: str
    url: str
    summary: str = ""
