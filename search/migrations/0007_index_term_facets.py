"""PostgreSQL: what the facet filters read of a listing, on each of its term weights.

``search_indexterm.facets`` holds the listing's cost, species, languages spoken and categories
(with their parents, by id) as short ``kind:value`` tokens, and the walk's index holds them
too, so that a text search with facet filters takes each term's best listings that pass them
from the index alone (``search.engines.database._walk``) instead of visiting every listing that
holds the term. Filled here from the listings for the weights already written; kept by the
engine since."""

from django.db import migrations

FACET_TOKENS = """ARRAY['c:' || r.cost]
    || ARRAY(SELECT 's:' || v FROM jsonb_array_elements_text(CASE WHEN
        jsonb_typeof(r.species) = 'array' THEN r.species ELSE '[]'::jsonb END) AS v)
    || ARRAY(SELECT 'l:' || v FROM jsonb_array_elements_text(CASE WHEN
        jsonb_typeof(r.languages) = 'array' THEN r.languages ELSE '[]'::jsonb END) AS v)
    || ARRAY(SELECT DISTINCT 'k:' || k.id FROM directory_resource_categories l
        JOIN directory_category c ON c.id = l.category_id
        CROSS JOIN LATERAL (VALUES (c.id), (c.parent_id)) AS k(id)
        WHERE l.resource_id = r.id AND k.id IS NOT NULL)"""

POSTGRESQL = [
    "ALTER TABLE search_indexterm ADD COLUMN facets text[] NOT NULL DEFAULT '{}'",
    f"""UPDATE search_indexterm t SET facets = f.facets
        FROM (SELECT r.id, {FACET_TOKENS} AS facets FROM directory_resource r) f
        WHERE f.id = t.resource_id""",
    "DROP INDEX search_indexterm_walk",
    "CREATE INDEX search_indexterm_walk ON search_indexterm "
    "(language, term, impact DESC, resource_id) INCLUDE (facets)",
    "ANALYZE search_indexterm",
]
POSTGRESQL_UNDO = [
    "DROP INDEX search_indexterm_walk",
    "CREATE INDEX search_indexterm_walk ON search_indexterm "
    "(language, term, impact DESC, resource_id)",
    "ALTER TABLE search_indexterm DROP COLUMN facets",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0006_suggest_trigrams")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_UNDO))]
