"""The Elasticsearch index of listings: analyzers per language, the document, and how a
``search.documents.ResourceDocument`` becomes one.

- **Analyzers**: one custom analyzer per site language for indexing (standard tokenizer, the
  language's normalisation, the stop words of ``search.analysis`` so both engines drop the same
  words, its stemmer) and a ``search_analyzer`` that adds the language's synonyms
  (``synonym_graph``, ``updateable``), so saving synonyms needs no reindex; quoted phrases use
  the index analyzer (``search_quote_analyzer``). For the English fallback of a visitor reading
  another language there is one more search analyzer per language, with that visitor's synonyms
  and stop words too ("dientes" ~ "teeth" finds an English-only listing; "para" is not English).
- **Fields**: every text field is an object with a sub-field per language (``name.es``), as
  kitsune's locale-aware fields; names have an accent-folded and an edge-ngram sub-field (for
  suggestions while typing); ``spelling.<language>`` gathers the searched words unstemmed
  (``copy_to``), which near spellings are matched against (a stemmed "grooming" is "groom",
  two edits from "groomng") and which "did you mean" reads; keyword fields for the filters;
  ``points`` (``geo_point``) only for the places ``directory.confidential`` lets through
  (``documents.py`` leaves them out); opening periods as minute-of-week ranges, the part after midnight apart, so "open now" skips a
  period whose day is closed (the rule of ``directory.hours.open_now_q``).
- ``ELASTICSEARCH_SKIP_FILTERS`` names token filters to leave out, for an engine that lacks them
  (the osmem-server emulator the tests run on has no ``arabic_stem``, and with
  ``possessive_english`` it matches every document).
"""

from django.conf import settings
from elasticsearch.dsl import (
    Boolean,
    Date,
    DateRange,
    Document,
    GeoPoint,
    Index,
    Integer,
    IntegerRange,
    Keyword,
    MetaField,
    Nested,
    Object,
    Text,
    analyzer,
    normalizer,
    token_filter,
)

from directory.models import MINUTES_PER_DAY, MINUTES_PER_WEEK

from ... import analysis
from ...documents import ResourceDocument, site_languages

ALIAS = "resources"
TEXT_FIELDS = ("name", "organization", "categories", "description", "eligibility", "spoken")
SUMMARY = "summary"  # the short description, highlighted on result cards, never searched
SPELLING = "spelling"  # every searched word as written, per language (typos, "did you mean")
SYNONYMS_INLINE = "inline"  # rules in the index settings (reloaded by close/update/open)
SYNONYMS_SET = "set"  # Elasticsearch 8.10+ synonyms sets (``PUT _synonyms``, reloaded by it)

# Each language's chain: normalisation, then (search only) synonyms, stop words, the stemmer.
NORMALISE = {
    "en": [("possessive_english", {"type": "stemmer", "language": "possessive_english"})]
    + [("asciifolding", "asciifolding")],
    "es": [("asciifolding", "asciifolding")],
    "vi": [("asciifolding", "asciifolding")],  # "thu y" finds "thú y"
    "ar": [("arabic_normalization", "arabic_normalization")],
    # Chinese is written without spaces: overlapping pairs of characters.
    "zh-hans": [("cjk_width", "cjk_width"), ("cjk_bigram", "cjk_bigram")],
}
STEM = {
    "en": [("english", {"type": "stemmer", "language": "english"})],  # Porter
    "es": [("light_spanish", {"type": "stemmer", "language": "light_spanish"})],
    "ar": [("arabic_stem", "arabic_stem")],
    "vi": [],  # not inflected
    "zh-hans": [],
}


def key(language: str) -> str:
    """A language code as it appears in names of fields and analysis parts."""
    return language.replace("-", "_")


def index_prefix() -> str:
    return settings.SEARCH_INDEX_PREFIX.lower()


def alias_name() -> str:
    return f"{index_prefix()}_{ALIAS}"


def synonyms_set_id(language: str) -> str:
    return f"{index_prefix()}_synonyms_{key(language)}"


def _skipped() -> set[str]:
    return set(getattr(settings, "ELASTICSEARCH_SKIP_FILTERS", ()) or ())


def _filter(name: str, definition):
    if isinstance(definition, str):
        return definition  # a built-in filter, by name
    return token_filter(f"portal_{key(name)}", **definition)


def _stop(language: str):
    words = sorted(analysis.STOP_WORDS.get(language, ()))
    return token_filter(f"portal_stop_{key(language)}", type="stop", stopwords=words or ["_none_"])


def synonyms_filter(language: str, mode: str, rules: list[str] | None):
    """The ``synonym_graph`` filter of ``language``: its rules inline, or the synonyms set."""
    options = {"type": "synonym_graph", "updateable": True, "lenient": True}
    if mode == SYNONYMS_SET:
        options["synonyms_set"] = synonyms_set_id(language)
    else:
        options["synonyms"] = list(rules or [])
    return token_filter(f"portal_synonyms_{key(language)}", **options)


def _chain(language: str, *, synonyms=(), extra_stop: str = ""):
    skipped = _skipped()
    chain = ["lowercase", "decimal_digit"]
    chain += [_filter(n, d) for n, d in NORMALISE[language] if n not in skipped]
    chain += list(synonyms)
    chain.append(_stop(language))
    if extra_stop and extra_stop != language:
        chain.append(_stop(extra_stop))
    chain += [_filter(n, d) for n, d in STEM[language] if n not in skipped]
    return chain


def index_analyzer(language: str):
    return analyzer(f"portal_{key(language)}", tokenizer="standard", filter=_chain(language))


def search_analyzer(language: str, *, visitor: str, mode: str, rules: dict[str, list[str]]):
    """The analyzer of a query in ``visitor``'s language over ``language``'s texts."""
    synonyms = [synonyms_filter(visitor, mode, rules.get(visitor))]
    if visitor != language:
        synonyms.append(synonyms_filter(language, mode, rules.get(language)))
    name = (
        f"portal_{key(language)}_search"
        if visitor == language
        else f"portal_{key(language)}_search_from_{key(visitor)}"
    )
    return analyzer(
        name,
        tokenizer="standard",
        filter=_chain(language, synonyms=synonyms, extra_stop=visitor),
    )


def search_analyzer_name(language: str, visitor: str) -> str:
    if language == visitor:
        return f"portal_{key(language)}_search"
    return f"portal_{key(language)}_search_from_{key(visitor)}"


def index_analyzer_name(language: str) -> str:
    return f"portal_{key(language)}"


FOLDED = analyzer(
    "portal_folded",
    tokenizer="standard",
    filter=["cjk_width", "lowercase", "decimal_digit", "asciifolding"],
)
SUGGEST_INDEX = analyzer(
    "portal_suggest",
    tokenizer="standard",
    filter=[
        "cjk_width",
        "lowercase",
        "asciifolding",
        token_filter("portal_edge", type="edge_ngram", min_gram=1, max_gram=20),
    ],
)
SUGGEST_SEARCH = analyzer(
    "portal_suggest_search", tokenizer="standard", filter=["cjk_width", "lowercase", "asciifolding"]
)
SORT = normalizer("portal_sort", filter=["lowercase", "asciifolding"])


def _language_text(language: str, *, name: bool = False, spelled: bool = True) -> Text:
    options = {
        "analyzer": index_analyzer_name(language),
        "search_analyzer": search_analyzer_name(language, language),
        "search_quote_analyzer": index_analyzer_name(language),
    }
    if spelled:  # the words as written (folded, not stemmed), for typos and "did you mean"
        options["copy_to"] = f"{SPELLING}.{key(language)}"
    if name:
        options["fields"] = {
            "folded": Text(analyzer=FOLDED),
            "suggest": Text(analyzer=SUGGEST_INDEX, search_analyzer=SUGGEST_SEARCH),
        }
    return Text(**options)


def _spelling() -> Object:
    return Object(properties={key(code): Text(analyzer=FOLDED) for code in site_languages()})


def _per_language(**kwargs) -> Object:
    return Object(
        properties={key(code): _language_text(code, **kwargs) for code in site_languages()}
    )


class ResourceIndexDocument(Document):
    """One public listing (``_id`` is the resource id)."""

    id = Integer()
    status = Keyword()
    cost = Keyword()
    species = Keyword(multi=True)
    spoken_codes = Keyword(multi=True)
    category_slugs = Keyword(multi=True)  # with parents, for the filter
    top_categories = Keyword(multi=True)  # for the facet
    confidential = Boolean()
    points = GeoPoint(multi=True)
    open_same_day = IntegerRange(multi=True)  # minute-of-week, the day the period starts
    open_after_midnight = IntegerRange(multi=True)  # the part of an overnight period after 0:00
    closures = DateRange(multi=True)
    languages = Keyword(multi=True)  # the languages the listing has texts in
    updated_at = Date()
    # The directory's order without words: the editors' weight, then what the category filtered
    # on is for (the purpose rank under it), then the name (``directory.models.CategoryListing``).
    list_weight = Integer()
    purposes = Nested(properties={"category": Keyword(), "rank": Integer()})

    name = _per_language(name=True)
    organization = _per_language()
    categories = _per_language()
    description = _per_language()
    eligibility = _per_language()
    spoken = _per_language()
    summary = _per_language(spelled=False)  # part of ``description`` already
    spelling = _spelling()  # filled by ``copy_to`` from the searched text fields
    sort_name = Object(
        properties={key(code): Keyword(normalizer=SORT) for code in site_languages()}
    )

    class Index:
        name = "portal_resources"  # replaced by ``index_definition``

    class Meta:
        dynamic = MetaField("strict")  # a field not mapped here is a bug, not a new guessed mapping


def index_definition(name: str, *, mode: str, rules: dict[str, list[str]]) -> Index:
    """The index ``name`` with its settings, analyzers and mapping (``to_dict()`` is the body
    of the create request)."""
    index = Index(name)
    index.settings(number_of_shards=1, max_result_window=10_000)
    index.document(ResourceIndexDocument)
    languages = site_languages()
    for language in languages:
        index.analyzer(index_analyzer(language))
        for visitor in dict.fromkeys([language, *languages]):
            if visitor == language or language == "en":
                index.analyzer(search_analyzer(language, visitor=visitor, mode=mode, rules=rules))
    return index


def split_at_midnight(ranges) -> tuple[list[dict], list[dict]]:
    """Minute-of-week ranges split into the part on the day a period starts and the part after
    midnight (Sunday night's runs into Monday morning, at the start of the week)."""
    same_day, after = [], []
    for start, end in ranges:
        midnight = (start // MINUTES_PER_DAY + 1) * MINUTES_PER_DAY
        same_day.append({"gte": start, "lt": min(end, midnight)})
        if end > midnight:
            shift = MINUTES_PER_WEEK if midnight >= MINUTES_PER_WEEK else 0
            after.append({"gte": midnight - shift, "lt": end - shift})
    return same_day, after


def prepare(document: ResourceDocument, *, top_categories: set[str] = frozenset()) -> dict:
    """The ``_source`` of a listing's document (what the bulk request sends)."""
    same_day, after = split_at_midnight(document.open_minutes)
    english = document.texts.get("en", {})
    source = {
        "id": document.id,
        "status": document.status,
        "cost": document.cost,
        "species": document.species,
        "spoken_codes": document.spoken,
        "category_slugs": document.categories,
        "top_categories": [s for s in document.categories if s in top_categories],
        "confidential": document.confidential,
        "open_same_day": same_day,
        "open_after_midnight": after,
        "closures": [{"gte": s.isoformat(), "lte": e.isoformat()} for s, e in document.closures],
        "languages": list(document.texts),
        "list_weight": document.list_weight,
        "purposes": [
            {"category": slug, "rank": rank} for slug, rank in sorted(document.purposes.items())
        ],
        "sort_name": {
            key(code): (texts.get("name") or english.get("name", ""))[:200]
            for code, texts in document.texts.items()
        },
    }
    if document.updated_at:
        source["updated_at"] = document.updated_at
    if document.points and not document.confidential:
        source["points"] = [{"lat": lat, "lon": lon} for lat, lon in document.points]
    for field in (*TEXT_FIELDS, SUMMARY):
        values = {
            key(code): texts.get(field, "")
            for code, texts in document.texts.items()
            if texts.get(field)
        }
        if values:
            source[field] = values
    return source
