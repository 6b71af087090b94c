"""The database's own full-text index, made by raw SQL in migration search 0002, is still there
after every migration: a later migration that makes SQLite rebuild ``search_indexentry`` (most
``AlterField``s and some ``AddField``s do) drops its triggers without a word, and from then on
no listing saved is found by search until the index is rebuilt."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

TRIGGERS = {"search_fts_insert", "search_fts_delete", "search_fts_update"}


def test_the_full_text_index_survives_the_migrations():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                ["search_indexentry"],
            )
            assert {row[0] for row in cursor.fetchall()} >= TRIGGERS
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'search_fts'")
            assert cursor.fetchone() is not None
        else:
            cursor.execute(
                "SELECT is_generated FROM information_schema.columns "
                "WHERE table_name = 'search_indexentry' AND column_name = 'vector'"
            )
            assert cursor.fetchone() == ("ALWAYS",)
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'search_indexentry_vector'")
            assert cursor.fetchone() is not None
