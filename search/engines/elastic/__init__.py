"""The Elasticsearch engine: the ``Engine`` protocol over an index behind an alias.

- Searches read the alias ``<SEARCH_INDEX_PREFIX>_resources``; ``rebuild`` fills a new index
  (``..._resources_<time>``) and then moves the alias to it in one request, so searches never
  see an empty or half-built index; listings saved meanwhile are indexed again after the move,
  and the old index is deleted.
- Writes go to the alias only when it exists (``require_alias``): until the first rebuild the
  alias is missing, searches are answered by the database and a save writes only there.
- Synonyms: on Elasticsearch 8.10+ the filters read synonyms sets, which ``PUT _synonyms``
  updates and reloads in place; elsewhere the rules are in the index settings, and a change
  closes the index, updates them and opens it (searches meanwhile fall back to the database).
  Either failing is logged; the next rebuild applies them.
- Every failure (refused, timed out, an error answer, no index) raises ``EngineUnavailable``.
"""

import logging
from collections.abc import Iterable

from django.utils import timezone
from elasticsearch import NotFoundError, helpers
from elasticsearch.dsl import Search

from core.geography import distance_miles, zip_point
from directory.models import Category

from ... import analysis, synonyms
from ...documents import ResourceDocument, iter_documents, site_languages
from ...results import FacetValue, Hit, ResourceQuery, ResourceResults, Suggestion
from ..errors import EngineUnavailable
from . import connection
from .connection import unavailable_on_error
from .mapping import (
    SYNONYMS_INLINE,
    SYNONYMS_SET,
    alias_name,
    index_definition,
    key,
    prepare,
    synonyms_filter,
    synonyms_set_id,
)
from .queries import FACETS, HIGHLIGHT, SPELLING_SUGGESTION, search_request, suggest_request

logger = logging.getLogger(__name__)
BULK_CHUNK = 500
REBUILD_TIMEOUT_SECONDS = 120  # a bulk request of a rebuild may take longer than a search


def _top_categories() -> set[str]:
    return set(Category.objects.filter(parent=None).values_list("slug", flat=True))


class ElasticsearchEngine:
    name = "elasticsearch"

    # --- Writing -----------------------------------------------------------------------------

    def _actions(self, documents: Iterable[ResourceDocument], index: str, counter: list):
        tops = _top_categories()
        for document in documents:
            counter[0] += 1
            yield {
                "_index": index,
                "_id": str(document.id),
                "_source": prepare(document, top_categories=tops),
            }

    def _bulk(self, actions, *, timeout: float | None = None, **kwargs) -> None:
        es = connection.client()
        if timeout:
            es = es.options(request_timeout=timeout)
        with unavailable_on_error("bulk"):
            helpers.bulk(es, actions, chunk_size=BULK_CHUNK, refresh="wait_for", **kwargs)

    def index(self, documents: Iterable[ResourceDocument]) -> int:
        counter = [0]
        try:
            self._bulk(self._actions(documents, alias_name(), counter), require_alias=True)
        except EngineUnavailable as error:
            if _missing_alias(error):
                logger.warning(
                    "search: no Elasticsearch index yet (manage.py search_index --rebuild)"
                )
                return 0
            raise
        return counter[0]

    def delete(self, ids: Iterable[int]) -> None:
        actions = [{"_op_type": "delete", "_index": alias_name(), "_id": str(pk)} for pk in ids]
        if not actions:
            return
        try:
            self._bulk(actions, raise_on_error=False)
        except EngineUnavailable as error:
            if not _missing_alias(error):
                raise

    def synonyms_mode(self) -> str:
        return SYNONYMS_SET if connection.has_synonyms_api() else SYNONYMS_INLINE

    def _put_synonyms_sets(self) -> None:
        es = connection.client()
        for language in site_languages():
            rules = synonyms.solr_rules(language)
            with unavailable_on_error("writing a synonyms set"):
                es.synonyms.put_synonym(
                    id=synonyms_set_id(language),
                    synonyms_set=[{"synonyms": rule} for rule in rules],
                )

    def create_index(self, name: str) -> None:
        mode = self.synonyms_mode()
        if mode == SYNONYMS_SET:
            self._put_synonyms_sets()
        rules = {code: synonyms.solr_rules(code) for code in site_languages()}
        body = index_definition(name, mode=mode, rules=rules).to_dict()
        with unavailable_on_error("creating an index"):
            connection.client().indices.create(index=name, **body)

    def rebuild(self) -> int:
        """A new index with every public listing, then the alias moved to it at once."""
        es = connection.client()
        alias = alias_name()
        new = f"{alias}_{timezone.now():%Y%m%d%H%M%S%f}"
        started = timezone.now()
        self.create_index(new)
        counter = [0]
        try:
            self._bulk(
                self._actions(iter_documents(), new, counter), timeout=REBUILD_TIMEOUT_SECONDS
            )
        except EngineUnavailable:
            with unavailable_on_error("deleting a half-built index"):
                es.indices.delete(index=new, ignore_unavailable=True)
            raise
        old = self.indexes_behind_alias()
        actions = [{"remove": {"index": name, "alias": alias}} for name in old]
        actions.append({"add": {"index": new, "alias": alias}})
        with unavailable_on_error("moving the alias"):
            if es.indices.exists(index=alias) and not old:
                es.indices.delete(index=alias)  # an index, not an alias, took the name
            es.indices.update_aliases(actions=actions)
        self._catch_up(started)
        for name in old:
            with unavailable_on_error("deleting the old index"):
                es.indices.delete(index=name, ignore_unavailable=True)
        return counter[0]

    def _catch_up(self, since) -> None:
        """Listings changed while the new index was filled (their save wrote the old one)."""
        from directory.models import Resource

        from ...indexing import reindex_now

        changed = list(Resource.objects.filter(updated_at__gte=since).values_list("pk", flat=True))
        if changed:
            reindex_now(changed)

    def indexes_behind_alias(self) -> list[str]:
        with unavailable_on_error("reading the alias"):
            try:
                return sorted(connection.client().indices.get_alias(name=alias_name()))
            except NotFoundError:
                return []

    def synonyms_changed(self, language: str) -> None:
        """Apply the language's synonyms to the live index, without a rebuild."""
        es = connection.client()
        if self.synonyms_mode() == SYNONYMS_SET:
            rules = synonyms.solr_rules(language)
            with unavailable_on_error("updating a synonyms set"):
                es.synonyms.put_synonym(
                    id=synonyms_set_id(language),
                    synonyms_set=[{"synonyms": rule} for rule in rules],
                )
            return
        names = self.indexes_behind_alias()
        if not names:
            return
        definition = synonyms_filter(language, SYNONYMS_INLINE, synonyms.solr_rules(language))
        settings_body = {"analysis": {"filter": {definition._name: definition.get_definition()}}}
        for name in names:
            with unavailable_on_error("closing the index to update synonyms"):
                es.indices.close(index=name)
            try:
                with unavailable_on_error("updating synonyms"):
                    es.indices.put_settings(index=name, settings=settings_body)
            finally:
                with unavailable_on_error("opening the index after updating synonyms"):
                    es.indices.open(index=name, wait_for_active_shards="1")

    def status(self) -> dict:
        """What ``manage.py search_index --status`` prints."""
        es = connection.client()
        alias = alias_name()
        names = self.indexes_behind_alias()
        found = {"alias": alias, "indexes": names, "documents": None, "server": connection.server()}
        if names:
            with unavailable_on_error("counting documents"):
                found["documents"] = es.count(index=alias)["count"]
        found["synonyms"] = self.synonyms_mode()
        return found

    # --- Reading -----------------------------------------------------------------------------

    def search(self, query: ResourceQuery) -> ResourceResults:
        point = zip_point(query.zip_code)
        request = search_request(
            Search(using=connection.client(), index=alias_name()), query, point=point
        )
        with unavailable_on_error("searching"):
            response = request.execute().to_dict()
        hits = []
        for raw in response["hits"]["hits"]:
            source = raw.get("_source", {})
            hit = Hit(
                resource_id=int(source.get("id") or raw["_id"]), score=raw.get("_score") or 0.0
            )
            if point is not None:
                points = [(p["lat"], p["lon"]) for p in source.get("points", [])]
                hit.distance_miles = min((distance_miles(point, p) for p in points), default=None)
            hit.highlights = _highlights(raw.get("highlight", {}), source, query.language)
            hits.append(hit)
        aggregations = response.get("aggregations", {})
        facets = {
            facet: [
                FacetValue(bucket["key"], bucket["doc_count"])
                for bucket in aggregations.get(facet, {}).get("values", {}).get("buckets", [])
            ]
            for facet in FACETS
        }
        total = response["hits"]["total"]
        return ResourceResults(
            query=query,
            hits=hits,
            total=total["value"] if isinstance(total, dict) else int(total),
            facets=facets,
            engine=self.name,
            corrected=_corrected(response.get("suggest", {})),
        )

    def suggest(self, text: str, language: str, limit: int = 8) -> list[Suggestion]:
        from .. import category_suggestions

        text = (text or "").strip()
        suggestions = category_suggestions(text, limit)
        if len(text) < 2:
            return suggestions
        request = suggest_request(
            Search(using=connection.client(), index=alias_name()), text, language, limit=limit
        )
        with unavailable_on_error("suggesting"):
            response = request.execute().to_dict()
        seen = set()
        for raw in response["hits"]["hits"]:
            source = raw.get("_source", {})
            names = source.get("name", {})
            name = names.get(key(language)) or names.get("en") or ""
            pk = str(source.get("id") or raw["_id"])
            if name and pk not in seen:
                seen.add(pk)
                suggestions.append(Suggestion(text=name, kind="resource", slug_or_id=pk))
        return suggestions[:limit]


def _corrected(suggest: dict) -> dict[str, str]:
    """Each word of the query no listing holds, and the known word it was matched as: the term
    suggester's best, if within the edits the search allowed (``AUTO:4,8``, as the database
    engine corrects)."""
    corrected = {}
    for entry in suggest.get(SPELLING_SUGGESTION, []):
        word = entry.get("text", "")
        if word.isdigit():  # a number is never a typo (as in the database engine)
            continue
        for option in entry.get("options", [])[:1]:
            known = option.get("text", "")
            limit = analysis.allowed_edits(word)
            if (
                known
                and known[:1] == word[:1]
                and analysis.edit_distance(word, known, limit) <= limit
            ):
                corrected[word] = known
    return corrected


def _highlights(found: dict, source: dict, language: str) -> dict[str, str]:
    """The marked text of each field, in the visitor's language where the listing has that
    field in it, else in English (the text the card shows, as the database engine marks)."""
    marked = {}
    for field, name in HIGHLIGHT.items():
        code = key(language) if source.get(name, {}).get(key(language)) else "en"
        fragments = found.get(f"{name}.{code}")
        if fragments:
            marked[field] = fragments[0]
    return marked


def _missing_alias(error: EngineUnavailable) -> bool:
    """Whether Elasticsearch refused because the alias does not exist (never rebuilt)."""
    cause = error.__cause__
    if isinstance(cause, NotFoundError):
        return True
    details = f"{cause} {getattr(cause, 'errors', '')}"
    return "index_not_found" in details or "require_alias" in details
