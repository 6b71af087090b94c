"""PostgreSQL: the database engine's per-term weights, for its two-stage ranking.

``search_indexterm`` holds, for every term of every index entry (numbers left out), the entry's
full-text rank for that term alone (``ts_rank`` of the weighted vector, which for one term
depends only on the fields holding it): one row per (language, term, listing). Walking its
index in rank order gives a term's best listings without reading the others
(``search.engines.database``: a shortlist, then the exact ranking of the shortlist). Kept by the
engine as it writes the index; filled here from the index already written.

SQLite ranks every match with FTS5's ``bm25`` and has no such table.
"""

from django.db import migrations

POSTGRESQL = [
    """CREATE TABLE search_indexterm (
        language varchar(10) NOT NULL,
        term text NOT NULL,
        impact real NOT NULL,
        resource_id bigint NOT NULL
    )""",
    "CREATE INDEX search_indexterm_walk ON search_indexterm (language, term, impact DESC, resource_id)",
    "CREATE INDEX search_indexterm_resource ON search_indexterm (resource_id)",
    """INSERT INTO search_indexterm (language, term, impact, resource_id)
        SELECT e.language, u.lexeme, ts_rank(e.vector, quote_literal(u.lexeme)::tsquery),
            e.resource_id
        FROM search_indexentry e CROSS JOIN LATERAL unnest(e.vector) AS u
        WHERE u.lexeme !~ '^[0-9]+$'""",
    "ANALYZE search_indexterm",
]
POSTGRESQL_UNDO = ["DROP TABLE IF EXISTS search_indexterm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_seed_synonyms")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_UNDO))]
