"""The database engine: PostgreSQL full text search or SQLite FTS5 over ``IndexEntry``.

Both databases get the same terms (``search.analysis``: folded, stemmed, Chinese as character
pairs), so they find the same listings; each ranks with its own full-text function
(``ts_rank`` over a weighted ``tsvector``; FTS5's ``bm25`` with column weights). A query is
expanded before it reaches the database:

- **synonyms** staff edit (``search.synonyms``), single words and phrases;
- **typos**: a word the index does not know is replaced by the known words one or two edits
  away (Elasticsearch's ``fuzziness: AUTO:4,8``), starting with the same letter
  (``prefix_length: 1``: "dental" never becomes "mental"), so a known word is never corrected;
- **languages**: the visitor's language first, the English texts at half weight as fallback.

Filters are the directory's own (``directory.selectors.resources_filtered``: category with its
subcategories, cost, species, language spoken, open now), applied in the same SQL; ZIP radius
and distance use only the places ``directory.confidential`` lets through.

One statement answers a search with words: the texts are matched and ranked once, the matches
joined once to their listings (each filter one condition there), and the results and every
facet's counts read that set (``_found_text``). Without words, the listings are read by name
and the facets counted in a second statement (``_found_listed``).
"""

import json
import logging
import math
import threading
import uuid
from collections import namedtuple
from collections.abc import Iterable

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.html import escape

from core.geography import MILES_PER_DEGREE, distance_miles, zip_point
from directory.confidential import resource_locations_public
from directory.models import Category, Resource
from directory.selectors import (
    ListingFilters,
    location_point,
    resources_filtered,
)
from directory.selectors.translation import listing_order

from .. import analysis, synonyms
from ..documents import ResourceDocument, iter_documents, site_languages
from ..models import IndexEntry, IndexWord
from ..results import (
    MAX_RESULTS,
    SORT_DISTANCE,
    FacetValue,
    Hit,
    ResourceQuery,
    ResourceResults,
    Suggestion,
)

logger = logging.getLogger(__name__)

FALLBACK_WEIGHT = 0.5  # English texts, for a visitor reading another language
MAX_TERMS = 60  # alternatives in one query (a 10 KB query is cut, not an error)
MAX_CONCEPTS = 12  # words (or synonym phrases) of a query scored apart, per language
EXPANSION_WEIGHT = 0.6  # a synonym's match, against a match of the word typed
TWO_STAGE = True  # PostgreSQL: rank a shortlist exactly (``_shortlist``); False: every match
TEXT_WORK_MEM = "64MB"  # PostgreSQL's memory for the sorts and groups of a text search
VOCABULARY_VERSION_KEY = "search:vocabulary:version"
_vocabulary_lock = threading.Lock()
_vocabularies: dict[str, tuple[object, dict[str, list[str]], int]] = {}


# --- Writing the index ------------------------------------------------------------------------


ENTRY_COLUMNS = (
    "resource_id",
    "language",
    "name",
    "name_folded",
    "name_terms",
    "org_terms",
    "body_terms",
    "extra_terms",
)


def _entries(document: ResourceDocument) -> list[tuple]:
    """The index rows of a document (``ENTRY_COLUMNS``), one per language it is written in."""
    entries = []
    for language, texts in document.texts.items():
        entries.append(
            (
                document.id,
                language,
                texts["name"][:200],
                analysis.fold(texts["name"])[:200],
                " ".join(analysis.terms(texts["name"], language, stop_words=False)),
                " ".join(
                    analysis.terms(texts["organization"] + "\n" + texts["categories"], language)
                ),
                " ".join(analysis.terms(texts["description"], language)),
                " ".join(analysis.terms(texts["eligibility"] + "\n" + texts["spoken"], language)),
            )
        )
    return entries


def _words(entries: list[tuple]) -> set[tuple[str, str]]:
    """The vocabulary of index rows, numbers left out: a number is never corrected (a listing
    numbered 4821 is not a typo of 4812), and numbers were most of the words of a large index,
    each loaded by every process that corrects a typo."""
    found = set()
    for entry in entries:
        language = entry[1]
        for text in entry[4:]:
            found.update(
                (language, word) for word in text.split() if len(word) <= 100 and not word.isdigit()
            )
    return found


def _insert(
    entries: list[tuple], words: set[tuple[str, str]], terms_table: str = "search_indexterm"
) -> None:
    """Index rows and new vocabulary in bulk: PostgreSQL's ``COPY`` and one ``INSERT`` of
    arrays; SQLite's ``executemany`` (its triggers fill the FTS table). Django's
    ``bulk_create`` spent longer building the SQL than the database did running it."""
    entry_table = _q(IndexEntry._meta.db_table)
    word_table = _q(IndexWord._meta.db_table)
    columns = ", ".join(_q(c) for c in ENTRY_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {entry_table} ({columns}) FROM STDIN") as copy:
                for entry in entries:
                    copy.write_row(entry)
            cursor.execute(
                TERMS_INSERT.replace(TERMS_TABLE, terms_table, 1),
                {"ids": sorted({entry[0] for entry in entries})},
            )
            if words:
                languages, terms = zip(*sorted(words), strict=True)
                cursor.execute(
                    f"INSERT INTO {word_table} (language, word) "
                    "SELECT * FROM unnest(%s::text[], %s::text[]) ON CONFLICT DO NOTHING",
                    [list(languages), list(terms)],
                )
            return
        marks = ", ".join(["%s"] * len(ENTRY_COLUMNS))
        cursor.executemany(f"INSERT INTO {entry_table} ({columns}) VALUES ({marks})", entries)
        cursor.executemany(
            f"INSERT OR IGNORE INTO {word_table} (language, word) VALUES (%s, %s)", sorted(words)
        )


# PostgreSQL: each term's weight in each entry (migration 0005), for the shortlist of a text
# search: the entry's rank for that term alone. Numbers are left out, as from the vocabulary: a
# number is rare, and its matches are read from the full-text index instead (``_walk``). Each row
# carries what the facet filters read of its listing (migration 0007, ``FACET_TOKENS``), held
# in the walk's index: a term's best listings that pass them are read from the index alone,
# without visiting each listing.
TERMS_TABLE = "search_indexterm"
# A listing's facet values as short ``kind:value`` tokens (a copy on every weight of the
# listing, and in the walk's index): its cost (``c:free``), species (``s:dog``), languages spoken
# (``l:es``) and categories with their parents, by id (``k:12``: a filter by a category takes
# its subcategories'), as ``directory.selectors.resources_filtered`` filters
# (``_Filters.tokens``). The same expression fills the rows written before it (migration 0007).
FACET_TOKENS = """ARRAY['c:' || r.cost]
    || ARRAY(SELECT 's:' || v FROM jsonb_array_elements_text(CASE WHEN
        jsonb_typeof(r.species) = 'array' THEN r.species ELSE '[]'::jsonb END) AS v)
    || ARRAY(SELECT 'l:' || v FROM jsonb_array_elements_text(CASE WHEN
        jsonb_typeof(r.languages) = 'array' THEN r.languages ELSE '[]'::jsonb END) AS v)
    || ARRAY(SELECT DISTINCT 'k:' || k.id FROM directory_resource_categories l
        JOIN directory_category c ON c.id = l.category_id
        CROSS JOIN LATERAL (VALUES (c.id), (c.parent_id)) AS k(id)
        WHERE l.resource_id = r.id AND k.id IS NOT NULL)"""
TERMS_INSERT = f"""INSERT INTO {TERMS_TABLE} (language, term, impact, resource_id, facets)
    SELECT e.language, u.lexeme, ts_rank(e.vector, quote_literal(u.lexeme)::tsquery),
        e.resource_id, f.facets
    FROM search_indexentry e
    JOIN (SELECT r.id, {FACET_TOKENS} AS facets FROM directory_resource r
        WHERE r.id = ANY(%(ids)s)) f ON f.id = e.resource_id
    CROSS JOIN LATERAL unnest(e.vector) AS u
    WHERE e.resource_id = ANY(%(ids)s) AND u.lexeme !~ '^[0-9]+$'"""
# Its indexes (migrations 0005 and 0007), made anew on the table a rebuild fills (``rebuild``).
TERMS_INDEXES = {
    "search_indexterm_walk": "(language, term, impact DESC, resource_id) INCLUDE (facets)",
    "search_indexterm_resource": "(resource_id)",
}


def _delete_entries(ids: list[int]) -> None:
    """The index rows of these listings, deleted in one statement (``QuerySet.delete`` read
    every row first, to send signals nothing listens to for the index: a third of a rebuild)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TERMS_TABLE} WHERE resource_id = ANY(%s)", [list(ids)])
    IndexEntry.objects.filter(resource_id__in=ids)._raw_delete(IndexEntry.objects.db)


def _vocabulary_changed() -> None:
    cache.set(VOCABULARY_VERSION_KEY, uuid.uuid4().hex, None)


class DatabaseEngine:
    name = "database"

    def index(
        self,
        documents: Iterable[ResourceDocument],
        *,
        batch: int = 500,
        fresh: bool = False,
        terms_table: str = TERMS_TABLE,
    ) -> int:
        """Write the documents' index rows, replacing their old ones (``fresh``: there are
        none, the index was emptied)."""
        count = 0
        pending: list[ResourceDocument] = []

        def flush():
            entries = [e for d in pending for e in _entries(d)]
            with transaction.atomic():
                if not fresh:
                    _delete_entries([d.id for d in pending])
                _insert(entries, _words(entries), terms_table)
            pending.clear()

        for document in documents:
            pending.append(document)
            count += 1
            if len(pending) >= batch:
                flush()
        if pending:
            flush()
        if count:
            _vocabulary_changed()
        return count

    def delete(self, ids: Iterable[int]) -> None:
        _delete_entries(list(ids))

    def rebuild(self) -> int:
        """Every listing indexed anew. Searches read the old index until the commit. On
        PostgreSQL the term weights go into a new table, indexed once filled and swapped in
        at the end: deleting 3.6 million weights and keeping the walk's index up to date
        through as many inserts took most of a rebuild at 100k listings (and left the old rows
        for a vacuum to clear)."""
        postgresql = connection.vendor == "postgresql"
        filling = f"{TERMS_TABLE}_next"
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {_q(IndexEntry._meta.db_table)}")
                cursor.execute(f"DELETE FROM {_q(IndexWord._meta.db_table)}")
                if postgresql:
                    cursor.execute(f"DROP TABLE IF EXISTS {filling}")
                    cursor.execute(
                        f"CREATE TABLE {filling} (LIKE {TERMS_TABLE} INCLUDING DEFAULTS)"
                    )
            count = self.index(
                iter_documents(), fresh=True, terms_table=filling if postgresql else TERMS_TABLE
            )
            if postgresql:
                with connection.cursor() as cursor:
                    for name, columns in TERMS_INDEXES.items():
                        cursor.execute(f"CREATE INDEX {name}_next ON {filling} {columns}")
                    # Every row is new: the planner's figures of the old index would mislead it
                    # (a nested loop over half the index, sorts spilling to disk).
                    cursor.execute(f"ANALYZE {_q(IndexEntry._meta.db_table)}")
                    cursor.execute(f"ANALYZE {filling}")
                    cursor.execute(f"DROP TABLE {TERMS_TABLE}")
                    cursor.execute(f"ALTER TABLE {filling} RENAME TO {TERMS_TABLE}")
                    for name in TERMS_INDEXES:
                        cursor.execute(f"ALTER INDEX {name}_next RENAME TO {name}")
        if postgresql and not connection.in_atomic_block:
            # Until a vacuum marks the new table's pages all-visible, a walk visits the table
            # for each weight it passes instead of reading the index alone (measured at 100k:
            # a walk passing 41,000 weights). Autovacuum would come, later.
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM {TERMS_TABLE}")
        _vocabulary_changed()
        return count

    def synonyms_changed(self, language: str) -> None:
        """Nothing to rebuild: synonyms expand the query, so the next search uses them."""

    # --- Reading -----------------------------------------------------------------------------

    def search(self, query: ResourceQuery) -> ResourceResults:
        point = zip_point(query.zip_code)
        plans = _plans(query.text, query.language)
        matches, facets, facets_limited = _found(query, plans, point)
        if not query.facets:
            facets, facets_limited = {}, False
        hits = [Hit(resource_id=pk, score=score) for pk, score in matches]
        if point is not None:
            hits = _with_distances(hits, point, query)
        total = len(hits)
        start = (query.page - 1) * query.per_page
        page = hits[start : start + query.per_page]
        _highlight(page, plans, query.language)
        return ResourceResults(
            query=query,
            hits=page,
            total=total,
            facets=facets,
            engine=self.name,
            facets_limited=facets_limited,
            corrected={w: c for plan in plans.values() for w, c in plan.corrected.items()},
        )

    def suggest(self, text: str, language: str, limit: int = 8) -> list[Suggestion]:
        from . import category_suggestions

        folded = analysis.fold(text).strip()
        if len(folded) < 2:
            return []
        suggestions = category_suggestions(text, limit)
        public = Resource.objects.public().values("pk")
        seen = set()
        for language_ in dict.fromkeys([language, "en"]):
            rows = (
                IndexEntry.objects.filter(language=language_, resource_id__in=public)
                .filter(name_folded__startswith=folded)
                .values_list("resource_id", "name")
                .order_by("name_folded")[: limit * 2]
            )
            words_rows = (
                IndexEntry.objects.filter(language=language_, resource_id__in=public)
                .filter(name_folded__contains=" " + folded)
                .values_list("resource_id", "name")
                .order_by("name_folded")[: limit * 2]
            )
            for pk, name in [*rows, *words_rows]:
                if pk not in seen:
                    seen.add(pk)
                    suggestions.append(Suggestion(text=name, kind="resource", slug_or_id=str(pk)))
        if len(suggestions) < limit and analysis.allowed_edits(folded.split()[-1]) and _trigrams():
            for pk, name in _names_like(folded, language, limit * 2):
                if pk not in seen:
                    seen.add(pk)
                    suggestions.append(Suggestion(text=name, kind="resource", slug_or_id=str(pk)))
        return suggestions[:limit]


TRIGRAM_INDEX = "search_indexentry_name_trgm"  # migration 0006, where pg_trgm could be enabled
_trigram_index: list[bool] = []


def _trigrams() -> bool:
    """Whether the names have their trigram index (PostgreSQL with pg_trgm), once a process."""
    if connection.vendor != "postgresql":
        return False
    if not _trigram_index:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [TRIGRAM_INDEX])
            _trigram_index.append(cursor.fetchone() is not None)
    return _trigram_index[0]


def _names_like(folded: str, language: str, limit: int) -> list[tuple[int, str]]:
    """Public listings with a name close to what was typed, misspelt ("vetrinary"): pg_trgm's
    word similarity (``<%``: some run of the name's words shares most of the text's trigrams,
    0.6 by default), served by the trigram index, the visitor's language first."""
    public_sql, public_params = Resource.objects.public().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT resource_id, name FROM search_indexentry "
            f"WHERE language = ANY(%s) AND %s <%% name_folded AND resource_id IN ({public_sql}) "
            "ORDER BY language = %s DESC, word_similarity(%s, name_folded) DESC, name_folded "
            f"LIMIT {int(limit)}",
            [list(dict.fromkeys([language, "en"])), folded, *public_params, language, folded],
        )
        return cursor.fetchall()


# --- Query plans ------------------------------------------------------------------------------


class Concept:
    """One thing the query asks for: a word it typed (or a phrase a synonym group names) as
    ``original`` alternatives, with its corrected spellings among them, and what synonyms
    add, ``expanded``. A listing scores for a concept by its best match, an expansion counting
    ``EXPANSION_WEIGHT`` of an original."""

    def __init__(self, original: list[tuple[str, ...]], expanded: list[tuple[str, ...]] = ()):
        self.original = list(dict.fromkeys(original))
        self.expanded = [p for p in dict.fromkeys(expanded) if p not in self.original]


class Plan:
    """What to look for in the texts of one language: the concepts of the query, each a set of
    alternatives (a term, or a phrase of terms), and the words that were corrected."""

    def __init__(self, language: str):
        self.language = language
        self.concepts: list[Concept] = []
        self.corrected: dict[str, str] = {}

    def add(self, concept: Concept) -> None:
        room = MAX_TERMS - len(self.alternatives)
        if len(self.concepts) >= MAX_CONCEPTS or room <= 0 or not concept.original:
            return
        concept.original = concept.original[:room]
        concept.expanded = concept.expanded[: max(0, room - len(concept.original))]
        self.concepts.append(concept)

    @property
    def alternatives(self) -> list[tuple[str, ...]]:
        return list(dict.fromkeys(p for c in self.concepts for p in (*c.original, *c.expanded)))

    @property
    def terms(self) -> set[str]:
        return {term for phrase in self.alternatives for term in phrase}


def _index_stats(language: str) -> tuple[dict[str, list[str]], int]:
    """The index's words of a language by first letter, and how many entries it has
    (reloaded after the index changed)."""
    version = cache.get(VOCABULARY_VERSION_KEY)
    if version is None:  # the cache lost it: no copy a process holds can be trusted
        version = uuid.uuid4().hex
        if not cache.add(VOCABULARY_VERSION_KEY, version, None):
            version = cache.get(VOCABULARY_VERSION_KEY, version)
    known = _vocabularies.get(language)
    if known is not None and known[0] == version:
        return known[1], known[2]
    with _vocabulary_lock:
        by_letter: dict[str, list[str]] = {}
        for word in IndexWord.objects.filter(language=language).values_list("word", flat=True):
            if not word.isdigit():  # an index written before numbers were left out
                by_letter.setdefault(word[0], []).append(word)
        entries = IndexEntry.objects.filter(language=language).count()
        _vocabularies[language] = (version, by_letter, entries)
    return by_letter, entries


def _vocabulary(language: str) -> dict[str, list[str]]:
    return _index_stats(language)[0]


def _corrections(term: str, language: str) -> list[str]:
    """Known words within the allowed edits of an unknown ``term`` (none when it is known)."""
    limit = analysis.allowed_edits(term)
    if limit == 0 or term.isdigit():  # numbers are not in the vocabulary (``_words``)
        return []
    vocabulary = _vocabulary(language)
    candidates = vocabulary.get(term[:1], [])
    if term in candidates or limit == 0:
        return []
    best, found = limit + 1, []
    for word in candidates:
        if abs(len(word) - len(term)) > limit:
            continue
        distance = analysis.edit_distance(term, word, limit)
        if distance < best:
            best, found = distance, [word]
        elif distance == best and distance <= limit:
            found.append(word)
    return found[:3] if best <= limit else []


def _synonym_phrases(language: str, analysed_in: str, visitor: str) -> list[list[tuple[str, ...]]]:
    """The synonym groups of ``language`` with each term analysed as ``analysed_in`` text, as the
    query is: without stop words ("put to sleep" is "put sleep", as a query and as indexed) nor
    the visitor's stop words; a term of stop words alone keeps them."""
    groups = []
    for group in synonyms.synonym_groups(language):
        phrases = []
        for term in group:
            words = [
                w
                for w in analysis.terms(term, analysed_in)
                if analysed_in == visitor or not analysis.is_stop_word(w, visitor)
            ] or analysis.terms(term, analysed_in, stop_words=False)
            if words:
                phrases.append(tuple(words))
        groups.append(phrases)
    return groups


def _contains(sequence: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(sequence[i : i + n]) == phrase for i in range(len(sequence) - n + 1))


def _plan(text: str, visitor: str, language: str) -> Plan:
    """The plan for the texts in ``language`` of a query a visitor typed in ``visitor``. On the
    fallback side the visitor's stop words are dropped too, and a word is corrected only in the
    visitor's language ("para" is Spanish, not a typo of "park").

    Concepts: the words in the order typed (when there are several: they rank above scattered
    ones); each phrase of several words that a synonym group holds ("put down", "low cost"),
    whose words then count only as that phrase, as Elasticsearch's ``synonym_graph`` does
    ("put down my dog" does not look for "put"); and every other word, with its corrections
    and its synonyms."""
    plan = Plan(language)
    words = [
        w
        for w in analysis.terms(text, language)
        if language == visitor or not analysis.is_stop_word(w, visitor)
    ]
    if not words:
        return plan
    corrections: dict[str, list[str]] = {}
    if language == visitor:
        for word in dict.fromkeys(words):
            found = _corrections(word, language)
            if found:
                corrections[word] = found
                plan.corrected[word] = found[0]
    if len(words) > 1:
        plan.add(Concept([tuple(words[:8])]))
    # Synonyms of the visitor's language (and English ones, for the English texts), matched on
    # the query's words and the corrected ones.
    sequences = [words] + ([[plan.corrected.get(w, w) for w in words]] if corrections else [])
    groups = _synonym_phrases(visitor, language, visitor)
    if language != visitor:
        groups += _synonym_phrases(language, language, visitor)
    consumed: set[str] = set()
    synonyms_of: dict[str, list[tuple[str, ...]]] = {}
    for group in groups:
        matched = [p for p in group if any(_contains(seq, p) for seq in sequences)]
        phrases = [p for p in matched if len(p) > 1]
        if phrases:
            phrase = max(phrases, key=len)
            consumed.update(phrase)
            plan.add(Concept([phrase], [p for p in group if p != phrase]))
        elif matched:
            for (word,) in matched:
                synonyms_of.setdefault(word, []).extend(p for p in group if p != (word,))
    for word in dict.fromkeys(words):
        corrected = corrections.get(word, [])
        if word in consumed or any(c in consumed for c in corrected[:1]):
            continue
        expanded = list(synonyms_of.get(word, []))
        for c in corrected:
            expanded += synonyms_of.get(c, [])
        plan.add(Concept([(word,), *((c,) for c in corrected)], expanded))
    return plan


def _plans(text: str, language: str) -> dict[str, Plan]:
    text = (text or "")[:500]
    plans = {}
    for code in dict.fromkeys([language, "en"]):
        if code in site_languages():
            plan = _plan(text, language, code)
            if plan.alternatives:
                plans[code] = plan
    return plans


# --- SQL -------------------------------------------------------------------------------------


def _fts_expression(phrases: list[tuple[str, ...]], vendor: str) -> str:
    """The full-text query matching any of ``phrases``. Terms hold only letters and digits
    (``search.analysis``) and are quoted all the same."""
    if vendor == "postgresql":
        parts = []
        for phrase in phrases:
            quoted = [f"'{t}'" for t in phrase]
            parts.append(f"({' <-> '.join(quoted)})" if len(quoted) > 1 else quoted[0])
        return " | ".join(parts)
    return " OR ".join('"' + " ".join(phrase) + '"' for phrase in phrases)


FACETS = ("category", "cost", "species", "spoken")  # the facets a search counts
FACET_COLUMNS = {"cost": "cost", "species": "species", "spoken": "languages"}


class _Filters:
    """The query's filters as SQL, each decided where its rule lives
    (``directory.selectors.resources_filtered``, ``directory.confidential``) and compiled once:
    ``base``, what every result passes (public, open now, within the radius's square), and one
    condition per facet filter set (category with its subcategories, cost, species, language
    spoken). A facet counts the results of every filter but its own."""

    def __init__(self, query: ResourceQuery, point):
        self.query = query
        self.category = None
        if query.category:
            self.category = Category.objects.filter(slug=query.category).first()
        self.near = None
        if point is not None and query.radius_miles:
            lat0, lon0 = point
            dlat = query.radius_miles / MILES_PER_DEGREE
            dlon = dlat / max(abs(math.cos(math.radians(lat0))), 0.01)
            self.near = resource_locations_public().filter(
                location__latitude__range=(lat0 - dlat, lat0 + dlat),
                location__longitude__range=(lon0 - dlon, lon0 + dlon),
            )
        self.base = _where(self._near(resources_filtered(filters=self._listing_filters("*"))))
        self.active: dict[str, tuple[str, list]] = {}
        if query.category:
            self.active["category"] = (
                _where(resources_filtered(category=self.category))
                if self.category is not None
                else ("1 = 0", [])  # an unknown category: nothing is in it
            )
        for facet, setting in (
            ("cost", ListingFilters(costs=query.costs)),
            ("species", ListingFilters(species=query.species)),
            ("spoken", ListingFilters(language=query.spoken)),
        ):
            if setting != ListingFilters():
                self.active[facet] = _where(resources_filtered(filters=setting))
        # The same filters as the facet tokens of ``search_indexterm`` (``FACET_TOKENS``): a
        # listing passes a facet's filter when it holds one of its tokens.
        self.tokens: dict[str, list[str]] = {
            facet: tokens
            for facet, tokens in (
                # An unknown category: a token no listing holds.
                ("category", [f"k:{self.category.pk if self.category else 'none'}"]),
                ("cost", [f"c:{cost}" for cost in query.costs]),
                ("species", [f"s:{query.species}"]),
                ("spoken", [f"l:{query.spoken}"]),
            )
            if facet in self.active
        }
        # What the tokens cannot tell (open now, the radius), checked on each listing walked.
        self.checked = query.open_now or self.near is not None

    def _listing_filters(self, without: str) -> ListingFilters:
        """The directory's filters of the query, but ``without``'s (``*``: every facet's)."""
        query = self.query
        return ListingFilters(
            open_now=query.open_now,
            costs=() if without in ("cost", "*") else query.costs,
            species="" if without in ("species", "*") else query.species,
            language="" if without in ("spoken", "*") else query.spoken,
        )

    def _near(self, queryset: QuerySet) -> QuerySet:
        if self.near is None:
            return queryset
        return queryset.filter(pk__in=self.near.values("resource_id"))

    def queryset(self, *, without: str = "") -> QuerySet:
        """The public listings that pass the filters but ``without``'s."""
        if "category" in self.active and without != "category" and self.category is None:
            return Resource.objects.none()
        category = None if without == "category" else self.category
        return self._near(
            resources_filtered(category=category, filters=self._listing_filters(without))
        )


def _where(queryset: QuerySet) -> tuple[str, list]:
    """The condition of a queryset of resources as SQL on the ``directory_resource`` table (its
    name, not an alias): ``1 = 0`` when it matches nothing, ``1 = 1`` when it matches all."""
    query = queryset.query
    if len(query.alias_map) > 1:  # a join: the condition would name a table not in our SQL
        raise ValueError("search filters must be conditions on resources, without joins")
    compiler = query.get_compiler(connection=connection)
    try:
        sql, params = query.where.as_sql(compiler, connection)
    except EmptyResultSet:
        return "1 = 0", []
    except FullResultSet:
        return "1 = 1", []
    return f"({sql})", list(params)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _facet_counts_sql(sets: dict[str, str]) -> tuple[list[str], list]:
    """A ``SELECT kind, value, n, NULL`` per facet counting the listings of its set (``sets``:
    facet -> the name of a CTE of ``rid`` with the listing's facet columns, ``FACET_COLUMNS``,
    read once with it: joining the listings again per facet read the whole table each time),
    one pass each, for a ``UNION ALL``."""
    vendor = connection.vendor
    links = Resource.categories.through
    links_table = _q(links._meta.db_table)
    link_resource = _q(links._meta.get_field("resource").column)
    link_category = _q(links._meta.get_field("category").column)
    categories = _q(Category._meta.db_table)
    parent = _q(Category._meta.get_field("parent").column)
    selects = []
    for facet, name in sets.items():
        if facet == "category":
            selects.append(
                f"SELECT 'category', COALESCE(p.slug, c.slug), COUNT(DISTINCT s.rid), "
                f"{NULL_SCORE} FROM {name} s JOIN {links_table} l ON l.{link_resource} = s.rid "
                f"JOIN {categories} c ON c.id = l.{link_category} "
                f"LEFT JOIN {categories} p ON p.id = c.{parent} "
                "GROUP BY COALESCE(p.slug, c.slug)"
            )
            continue
        column = f"s.{_q(FACET_COLUMNS[facet])}"
        joined = f"FROM {name} s"
        if facet == "cost":
            selects.append(
                f"SELECT 'cost', {column}, COUNT(*), {NULL_SCORE} {joined} GROUP BY {column}"
            )
        elif vendor == "postgresql":
            selects.append(
                f"SELECT '{facet}', v.value, COUNT(*), {NULL_SCORE} {joined} "
                f"CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN "
                f"jsonb_typeof({column}) = 'array' THEN {column} ELSE '[]'::jsonb END) "
                "AS v(value) GROUP BY v.value"
            )
        else:
            selects.append(
                f"SELECT '{facet}', v.value, COUNT(*), {NULL_SCORE} {joined}, "
                f"json_each({column}) AS v GROUP BY v.value"
            )
    for name in dict.fromkeys(sets.values()):  # how many each set holds: MAX_RESULTS is a cap
        selects.append(f"SELECT 'size', '{name}', COUNT(*), {NULL_SCORE} FROM {name}")
    return selects, []


def _facet_columns(table: str) -> str:
    """``, t.cost, t.species, t.languages``: what the facet counts read of a listing."""
    return "".join(f", {table}.{_q(c)}" for c in dict.fromkeys(FACET_COLUMNS.values()))


NULL_SCORE = "CAST(NULL AS DOUBLE PRECISION)"
_Place = namedtuple("_Place", "latitude longitude postal_code")


def _facets_read(rows) -> tuple[dict[str, list[FacetValue]], bool]:
    """The counts per facet value, and whether a facet counted only the first ``MAX_RESULTS``
    listings of its set (there were more)."""
    counted: dict[str, list[FacetValue]] = {facet: [] for facet in FACETS}
    limited = False
    for kind, value, n in rows:
        if kind == "size":
            limited = limited or n >= MAX_RESULTS
        elif value is not None and n:
            counted[kind].append(FacetValue(str(value), int(n)))
    for values in counted.values():
        values.sort(key=lambda f: (-f.count, f.value))
    return counted, limited


def _found(query: ResourceQuery, plans: dict[str, Plan], point):
    """The query's matches, ``[(resource id, score)]`` best first (at most ``MAX_RESULTS``),
    and the facet counts over them, in one statement (two without words to match).

    Each facet counts the first ``MAX_RESULTS`` listings the query finds with every filter but
    its own (so a visitor sees what each other choice would give); with no facet filter set,
    that is the results themselves."""
    filters = _Filters(query, point)
    if not plans:
        return _found_listed(query, filters)
    return _found_text(query, plans, filters)


def _found_listed(query: ResourceQuery, filters: _Filters):
    """Without words: the listings that pass the filters in the directory's order (an index
    walk): the editors' weight, then, within a category, what it is for, then the name."""
    order = listing_order(query.language)
    listed = filters.queryset().order_by(*order)
    if filters.category is not None:
        listed = listed.filter(listed_under__category=filters.category).order_by(
            *listing_order(query.language, listed=True)
        )
    ids = list(listed.values_list("pk", flat=True)[:MAX_RESULTS])
    matches = [(pk, 0.0) for pk in ids]
    if not query.facets:  # the hits alone (the survey's recommendations): no counting statement
        return matches, {}, False
    vendor = connection.vendor
    resources = _q(Resource._meta.db_table)
    listed = (
        "r.id = ANY(%s::bigint[])"
        if vendor == "postgresql"
        else "r.id IN (SELECT value FROM json_each(%s))"
    )
    ctes = [
        f"top AS MATERIALIZED (SELECT r.id AS rid{_facet_columns('r')} "
        f"FROM {resources} r WHERE {listed})"
    ]
    params = [ids if vendor == "postgresql" else json.dumps(ids)]
    columns = list(dict.fromkeys(FACET_COLUMNS.values()))
    sets = {}
    for facet in FACETS:
        if facet not in filters.active:
            sets[facet] = "top"
            continue
        queryset = (
            filters.queryset(without=facet).order_by(*order).values("pk", *columns)[:MAX_RESULTS]
        )
        try:
            sql, sql_params = queryset.query.sql_with_params()
        except EmptyResultSet:
            continue
        # By the columns' names: Django writes them in the model's order, not the one asked.
        ctes.append(
            f"w_{facet} AS (SELECT w.{_q('pk')} AS rid{_facet_columns('w')} FROM ({sql}) w)"
        )
        params += sql_params
        sets[facet] = f"w_{facet}"
    if not ids:
        sets = {f: s for f, s in sets.items() if s != "top"}
    if not sets:
        return (matches, *_facets_read([]))
    selects, _ = _facet_counts_sql(sets)
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(ctes)} {' UNION ALL '.join(selects)}", params)
        rows = [(kind, value, n) for kind, value, n, _s in cursor.fetchall()]
    return (matches, *_facets_read(rows))


def _walk(
    language: str,
    alternative: tuple[str, ...],
    where: tuple[str, list],
    tokens: list[list[str]],
    checked: bool,
    limit: int,
    matches: int,
) -> tuple[str, list]:
    """The best ``limit`` listings for one alternative of a concept that pass ``where`` (a
    condition on the listing, which ``tokens`` says in facet tokens but for what ``checked``
    says they cannot: open now, the radius), which ``matches`` entries of the language hold. A
    term's by its weight, walking ``search_indexterm``'s index in that order, the facet filters
    read from the index (each listing is visited only for what ``checked`` says), so a word
    55,000 listings hold costs as much as a rare one. A phrase (or a number) that few entries
    hold: all of them, from the full-text index. A common phrase: by the weight of its first
    term, each checked for the phrase (an arbitrary thousand of 8,000 "pet food" listings would
    not hold the best)."""
    resources = _q(Resource._meta.db_table)
    condition, condition_params = where
    phrase = _fts_expression([alternative], "postgresql")
    single = len(alternative) == 1
    if not alternative[0].isdigit() and (single or matches > limit):
        # Each listing in weight order, checked on its own where it must be (a LATERAL
        # subquery with LIMIT 1, which the planner cannot turn into a join that reads them all
        # and sorts them).
        checks, check_params = [], []
        if checked:
            checks.append(
                f"(SELECT 1 FROM {resources} WHERE {resources}.id = t.resource_id "
                f"AND {condition} LIMIT 1)"
            )
            check_params += condition_params
        if not single:
            checks.append(
                "(SELECT 1 FROM search_indexentry e WHERE e.resource_id = t.resource_id "
                "AND e.language = t.language AND e.vector @@ to_tsquery('simple', %s) LIMIT 1)"
            )
            check_params.append(phrase)
        lateral = "".join(f" CROSS JOIN LATERAL {c} c{n}" for n, c in enumerate(checks))
        held = "".join(" AND t.facets && %s::text[]" for _ in tokens)
        return (
            f"(SELECT t.resource_id AS rid FROM {TERMS_TABLE} t{lateral} "
            f"WHERE t.language = %s AND t.term = %s{held} "
            f"ORDER BY t.impact DESC, t.resource_id LIMIT {int(limit)})"
        ), [*check_params, language, alternative[0], *tokens]
    return (
        f"(SELECT e.resource_id AS rid FROM search_indexentry e "
        f"JOIN {resources} ON {resources}.id = e.resource_id "
        f"WHERE e.vector @@ to_tsquery('simple', %s) AND e.language = %s AND {condition} "
        f"LIMIT {int(limit)})"
    ), [phrase, language, *condition_params]


def _walk_sets(
    language: str, term: str, conditions: list[tuple[tuple[str, list], list[list[str]]]], limit: int
) -> tuple[str, list]:
    """``_walk`` of a term for several sets of facet filters at once (``conditions``: each set's
    condition, and its facet tokens): the best ``limit`` listings of each set, read in one pass
    over the term's weights in the walk's index, each set counted as it goes. Each facet's
    tokens are compared once a row (the comparisons are most of the pass)."""
    groups = list(dict.fromkeys(tuple(g) for _where, tokens in conditions for g in tokens))
    flags = "".join(f", t.facets && %s::text[] AS g{n}" for n in range(len(groups)))
    passes = [
        " AND ".join(f"g{groups.index(tuple(g))}" for g in tokens) or "TRUE"
        for _where, tokens in conditions
    ]
    columns = ", ".join(
        f"{p} AS p{n}, COUNT(*) FILTER (WHERE {p}) OVER w AS n{n}" for n, p in enumerate(passes)
    )
    kept = " OR ".join(f"(p{n} AND n{n} <= {int(limit)})" for n in range(len(passes)))
    return (
        f"(SELECT rid FROM (SELECT rid, {columns} FROM ("
        f"SELECT t.resource_id AS rid, t.impact{flags} FROM {TERMS_TABLE} t "
        "WHERE t.language = %s AND t.term = %s OFFSET 0) f "
        f"WHERE {' OR '.join(f'({p})' for p in passes)} "
        "WINDOW w AS (ORDER BY impact DESC, rid ROWS UNBOUNDED PRECEDING)) s "
        f"WHERE {kept})"
    ), [*(list(g) for g in groups), language, term]


def _shortlist(
    plans: dict[str, Plan],
    filters: _Filters,
    matches: dict[tuple[str, str], int],
    *,
    counting: bool = True,
):
    """PostgreSQL's first stage: the listings worth ranking exactly, as ``SELECT rid``: for
    each alternative of each concept (in each language), its best ``MAX_RESULTS`` listings that
    pass the filters (``_walk``), and, when the facets are counted, its best that pass every
    filter but one facet's, for each facet filter set (what that facet counts).

    A listing that is not on the shortlist holds none of the alternatives, or has at least
    ``MAX_RESULTS`` better ones that pass the same filters on each it holds. So with fewer
    matches than that per alternative the shortlist is every match, and the results, total and
    facets are the exact ones; a query of one concept ("vet" and its synonyms) gets its exact
    best ``MAX_RESULTS`` however many match (a listing's score is its best alternative's); with
    several concepts, whose scores add up, a listing just outside every alternative's best
    ``MAX_RESULTS`` could have ranked above the last ones in. The total is ``MAX_RESULTS``
    either way ("More than 1,000"); the facets count those ``MAX_RESULTS``."""
    active = list(filters.active)
    sets = [active] + ([[f for f in active if f != facet] for facet in active] if counting else [])
    conditions = []  # each set's condition on the listing, its facet tokens
    for facets in sets:
        where, where_params = filters.base
        for facet in facets:
            sql, sql_params = filters.active[facet]
            where, where_params = f"{where} AND {sql}", [*where_params, *sql_params]
        conditions.append(((where, where_params), [filters.tokens[facet] for facet in facets]))
    walks, params = [], []
    for language, plan in plans.items():
        for alternative in dict.fromkeys(
            alternative
            for concept in plan.concepts
            for alternative in (*concept.original, *concept.expanded)
            # A synonym phrase holding a word typed ("vet clinic" for "vet"): every listing
            # holding it holds the word, which nearly always ranks it higher (a synonym's match
            # counts EXPANSION_WEIGHT), so the word's walk finds the best of them.
            if not (
                len(alternative) > 1
                and {p[0] for p in concept.original if len(p) == 1} & set(alternative)
            )
        ):
            held = matches.get((language, _fts_expression([alternative], "postgresql")), 0)
            if not held:
                continue
            if len(active) > 1 and len(alternative) == 1 and not filters.checked:
                # Every set's best from one pass over the term's weights: with two facet filters
                # or more, few listings pass them all, so the walk for all of them would read
                # every weight of the term, and each other set's walk a part again. (With one,
                # the walk without it stops after MAX_RESULTS, and the one with it where enough
                # pass: walked apart, they read no more than one pass.)
                sql, walk_params = _walk_sets(language, alternative[0], conditions, MAX_RESULTS)
                walks.append(sql)
                params += walk_params
                continue
            for where, tokens in conditions:
                sql, walk_params = _walk(
                    language, alternative, where, tokens, filters.checked, MAX_RESULTS, held
                )
                walks.append(sql)
                params += walk_params
    if not walks:
        return "SELECT CAST(NULL AS BIGINT) AS rid WHERE FALSE", []
    return f"SELECT DISTINCT rid FROM ({' UNION ALL '.join(walks)}) w", params


_frequencies_lock = threading.Lock()
_frequencies: dict[tuple[str, str], int] = {}
_frequencies_version: list[str | None] = [None]


def _document_frequencies(plans: dict[str, Plan]) -> dict[tuple[str, str], int]:
    """How many entries of each language match each concept of the plans (its rarity in the
    index, for the score) and each phrase among its alternatives (``_walk``), by ``(language,
    full-text expression)``: counted in one statement for those not counted since the index
    last changed, and kept by the process (a common word is searched again and again; counting
    its 55,000 matches was a tenth of a search)."""
    for language in plans:
        _index_stats(language)  # the index's version, set when the cache had lost it
    version = cache.get(VOCABULARY_VERSION_KEY)
    wanted = {
        (language, _fts_expression(alternatives, "postgresql"))
        for language, plan in plans.items()
        for c in plan.concepts
        for alternatives in ([*c.original, *c.expanded], *([p] for p in (*c.original, *c.expanded)))
    }
    with _frequencies_lock:
        if version is None or _frequencies_version[0] != version:
            _frequencies.clear()
            _frequencies_version[0] = version
        known = {key: _frequencies[key] for key in wanted if key in _frequencies}
    missing = sorted(wanted - known.keys())
    if missing:
        counts = ", ".join(
            "(SELECT COUNT(*) FROM search_indexentry "
            "WHERE vector @@ to_tsquery('simple', %s) AND language = %s)"
            for _ in missing
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {counts}", [v for language, e in missing for v in (e, language)]
            )
            found = dict(zip(missing, cursor.fetchone(), strict=True))
        with _frequencies_lock:
            if _frequencies_version[0] == version and version is not None:
                _frequencies.update(found)
        known.update(found)
    return known


def _found_text(query: ResourceQuery, plans: dict[str, Plan], filters: _Filters):
    """A listing's score in a language is the sum, over the query's concepts it matches, of its
    best match of the concept (the database's full-text rank: ``ts_rank`` over the weighted
    fields, or FTS5's ``bm25`` with column weights; a synonym's match at ``EXPANSION_WEIGHT``)
    times the concept's rarity in the index (BM25's inverse document frequency,
    ``ln(1 + (N - n + 0.5) / (n + 0.5))``). So a listing that matches more of what was asked
    ranks higher, and a word most listings hold ("pet", "free") or a synonym cannot outrank the
    rare word that names the need. Its score is its best language's, the English texts at
    ``FALLBACK_WEIGHT`` for a visitor reading another language.

    The texts are matched once, without filters; the matches are then joined to their listings
    once, where each filter is one condition, and the results and every facet read that set."""
    vendor = connection.vendor
    ctes, cte_params, selects, params = [], [], [], []
    shortlisted = vendor == "postgresql" and TWO_STAGE
    if shortlisted:
        frequencies = _document_frequencies(plans)
        shortlist_sql, shortlist_params = _shortlist(
            plans, filters, frequencies, counting=query.facets
        )
        ctes.append(f"shortlist AS MATERIALIZED ({shortlist_sql})")
        cte_params += shortlist_params
    for n_language, (language, plan) in enumerate(plans.items()):
        weight = 1.0 if language == query.language else FALLBACK_WEIGHT
        entries = float(max(_index_stats(language)[1], 1))
        for n_concept, concept in enumerate(plan.concepts):
            # Floating point: PostgreSQL would read 100000.0 as numeric, whose LN() is slow.
            columns = (
                f"e.resource_id AS rid, {n_language} AS lang, {n_concept} AS concept, "
                f"CAST({entries} AS DOUBLE PRECISION) AS n, CAST({weight} AS DOUBLE PRECISION) AS lw"
            )
            if vendor == "postgresql":
                # ts_rank() of an OR query divides by its number of alternatives (a word with
                # five synonyms would count a fifth): each alternative is ranked on its own.
                weighted_alternatives = [
                    (kind_weight, phrase)
                    for kind_weight, phrases in (
                        (1.0, concept.original),
                        (EXPANSION_WEIGHT, concept.expanded),
                    )
                    for phrase in phrases
                    # A term no entry holds ranks 0 everywhere: not ranked at all. (A phrase
                    # no entry holds still ranks its words' nearness.)
                    if not shortlisted
                    or len(phrase) > 1
                    or frequencies.get((language, _fts_expression([phrase], vendor)), 1)
                ] or [(1.0, concept.original[0])]
                ranks = [
                    f"{kind_weight} * ts_rank(e.vector, to_tsquery('simple', %s))"
                    for kind_weight, _phrase in weighted_alternatives
                ]
                score = f"GREATEST({', '.join(ranks)})" if len(ranks) > 1 else ranks[0]
                alternatives = [*concept.original, *concept.expanded]
                expression = _fts_expression(alternatives, vendor)
                params += [_fts_expression([p], vendor) for _w, p in weighted_alternatives]
                params += [expression, language]
                if shortlisted:
                    # The shortlist's entries only; the concept's document frequency over the
                    # whole index, counted apart (``_document_frequencies``).
                    df = float(frequencies[(language, expression)])
                    selects.append(
                        f"SELECT {columns}, {score} AS score, "
                        f"CAST({df} AS DOUBLE PRECISION) AS df FROM search_indexentry e "
                        "WHERE e.vector @@ to_tsquery('simple', %s) AND e.language = %s "
                        "AND e.resource_id IN (SELECT rid FROM shortlist)"
                    )
                    continue
                # One (language, concept) per SELECT: its document frequency is its row count
                # (a window without a partition: no sort of the matches).
                selects.append(
                    f"SELECT {columns}, {score} AS score, COUNT(*) OVER () AS df "
                    "FROM search_indexentry e "
                    "WHERE e.vector @@ to_tsquery('simple', %s) AND e.language = %s"
                )
                continue
            for kind_weight, phrases in (
                (1.0, concept.original),
                (EXPANSION_WEIGHT, concept.expanded),
            ):
                if not phrases:
                    continue
                # bm25() works only in the query that reads the FTS table: ranked there (a
                # materialized CTE, so SQLite does not fold it into the join), joined after.
                name = f"f{len(ctes)}"
                ctes.append(
                    f"{name} AS MATERIALIZED (SELECT rowid AS id, "
                    "-bm25(search_fts, 10.0, 4.0, 2.0, 1.0) AS rank "
                    "FROM search_fts WHERE search_fts MATCH %s)"
                )
                cte_params.append(_fts_expression(phrases, vendor))
                selects.append(
                    f"SELECT {columns}, {kind_weight} * {name}.rank AS score FROM {name} "
                    f"JOIN search_indexentry e ON e.id = {name}.id WHERE e.language = %s"
                )
                params.append(language)
    if not selects:
        return ([], *_facets_read([]))
    resources = _q(Resource._meta.db_table)
    base_sql, base_params = filters.base
    flags, flag_params = [], []
    for n, facet in enumerate(filters.active):
        sql, sql_params = filters.active[facet]
        flags.append(f"({sql}) AS f{n}")
        flag_params += sql_params
    flag_of = {facet: f"f{n}" for n, facet in enumerate(filters.active)}

    counting = query.facets  # the hits alone (the survey's recommendations): no counts
    carried = _facet_columns(resources) if counting else ""

    def ranked(name: str, without: str = "") -> str:
        kept = [flag for facet, flag in flag_of.items() if facet != without]
        where = f"WHERE {' AND '.join(kept)} " if kept else ""
        return (
            f"{name} AS MATERIALIZED (SELECT * FROM matched {where}"
            f"ORDER BY score DESC, rid LIMIT {int(MAX_RESULTS)})"
        )

    sets = {facet: (f"w_{facet}" if facet in flag_of else "top") for facet in FACETS}
    facet_selects, _ = _facet_counts_sql(sets) if counting else ([], [])
    weighted = "lw * score * LN(1.0 + (n - df + 0.5) / (df + 0.5))"
    per_language = [f"SUM(CASE WHEN lang = {n} THEN {weighted} END)" for n in range(len(plans))]
    best_language = (
        f"GREATEST({', '.join(per_language)})" if len(per_language) > 1 else f"SUM({weighted})"
    )
    sql = (
        f"WITH {''.join(c + ', ' for c in ctes)}"
        f"hits AS ({' UNION ALL '.join(selects)}), "
        # A listing's best match of each concept: on PostgreSQL a concept is one SELECT, whose
        # rows are one per listing and language already (grouping them sorted their vectors).
        + (
            "counted AS (SELECT rid, lang, n, lw, score, df FROM hits), "
            if vendor == "postgresql"
            else "per_concept AS (SELECT rid, lang, concept, MAX(n) AS n, MAX(lw) AS lw, "
            "MAX(score) AS score FROM hits GROUP BY rid, lang, concept), "
            "counted AS (SELECT rid, lang, n, lw, score, "
            "COUNT(*) OVER (PARTITION BY lang, concept) AS df FROM per_concept), "
        )
        + (
            # Its best language's sum, grouped once (grouping 55k matches of a common word by
            # listing and language, then by listing, was a sixth of the statement at 100k).
            f"scored AS (SELECT rid, {best_language} AS score FROM counted GROUP BY rid), "
            if vendor == "postgresql"
            else f"per_language AS (SELECT rid, lang, SUM({weighted}) AS score "
            "FROM counted GROUP BY rid, lang), "
            "scored AS (SELECT rid, MAX(score) AS score FROM per_language GROUP BY rid), "
        )
        + f"matched AS MATERIALIZED (SELECT s.rid, s.score{carried}"
        f"{''.join(', ' + f for f in flags)} "
        f"FROM scored s JOIN {resources} ON {resources}.id = s.rid WHERE {base_sql}), "
        f"{ranked('top')}"
        + "".join(f", {ranked(f'w_{facet}', facet)}" for facet in flag_of if counting)
        + " SELECT 'hit', CAST(NULL AS TEXT), rid, score FROM top"
        + "".join(f" UNION ALL {s}" for s in facet_selects)
    )
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        if vendor == "postgresql":
            # The matches of a common word at 100k listings are grouped by listing twice:
            # within the default 4 MB the groups spilled to disk. For this statement only.
            cursor.execute(f"SET LOCAL work_mem = '{TEXT_WORK_MEM}'")
            if shortlisted:
                # A few thousand rows: parallel workers cost more to start than they save.
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        cursor.execute(sql, cte_params + params + flag_params + base_params)
        rows = cursor.fetchall()
    matches = sorted(
        ((int(rid), float(score)) for kind, _v, rid, score in rows if kind == "hit"),
        key=lambda m: (-m[1], m[0]),
    )
    return (matches, *_facets_read([(k, v, n) for k, v, n, _s in rows if k != "hit"]))


def _with_distances(hits: list[Hit], point, query: ResourceQuery) -> list[Hit]:
    """Distances from the ZIP code (places that may be shown only), the radius applied, and
    nearest first when asked. Plain values, no model instances: a ZIP search reads up to
    ``MAX_RESULTS`` listings' places, and building them took most of its time."""
    shown = (
        resource_locations_public()  # none for a confidential address
        .filter(resource_id__in=[h.resource_id for h in hits])
        .values_list(
            "resource_id", "location__latitude", "location__longitude", "location__postal_code"
        )
    )
    nearest: dict[int, float] = {}
    for resource_id, *place in shown:
        where = location_point(_Place(*place))
        if where is None:
            continue
        distance = distance_miles(point, where)
        if resource_id not in nearest or distance < nearest[resource_id]:
            nearest[resource_id] = distance
    kept = []
    for hit in hits:
        hit.distance_miles = nearest.get(hit.resource_id)
        if query.radius_miles and (
            hit.distance_miles is None or hit.distance_miles > query.radius_miles
        ):
            continue
        kept.append(hit)
    if query.sort == SORT_DISTANCE:
        kept.sort(key=lambda h: (h.distance_miles is None, h.distance_miles or 0, -h.score))
    return kept


# --- Highlighting -----------------------------------------------------------------------------


def mark(text: str, terms_by_language: dict[str, set[str]]) -> str:
    """``text`` HTML-escaped, its words that match a searched term in ``<mark>``."""
    if not text or not terms_by_language:
        return ""
    spans = []
    for start, end, word in analysis.word_spans(text):
        for language, terms in terms_by_language.items():
            if analysis.stem(word, language) in terms:
                spans.append((start, end))
                break
    if not spans:
        return ""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def _highlight(hits: list[Hit], plans: dict[str, Plan], language: str) -> None:
    if not hits or not plans:
        return
    terms = {code: plan.terms for code, plan in plans.items()}
    resources = Resource.objects.in_bulk([h.resource_id for h in hits])
    for hit in hits:
        resource = resources.get(hit.resource_id)
        if resource is None:
            continue
        for field, value in (("name", resource.name), ("summary", resource.short_description)):
            marked = mark(value, terms)  # the active language's text, English where missing
            if marked:
                hit.highlights[field] = marked
