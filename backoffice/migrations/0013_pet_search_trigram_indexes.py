"""Trigram indexes for the queue's search by pet: a pet's name anywhere in it, and its microchip
number whole or in part (``filters.CaseFilter.filter_search``: ``UPPER(name) LIKE``,
``UPPER(microchip) LIKE`` and ``UPPER(microchip) =``, which a trigram index answers from
PostgreSQL 14 on). Without them every search by a pet read every pet row (600,000 at 500,000
cases: 150-850 ms a search).

PostgreSQL only, as 0004: elsewhere, or without pg_trgm, the search works the same, reading every
row.
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger(__name__)

INDEXES = {
    "bo_pet_name_trgm": 'backoffice_pet USING gin ((UPPER("name"::text)) gin_trgm_ops)',
    "bo_pet_microchip_trgm": 'backoffice_pet USING gin ((UPPER("microchip"::text)) gin_trgm_ops)',
}


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as error:  # noqa: BLE001 - any refusal: the search still works, slower
        logger.warning("pg_trgm unavailable (%s): the pet search reads every row", error)
        return
    with connection.cursor() as cursor:
        for name, target in INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("backoffice", "0012_timeline_person_match")]

    operations = [migrations.RunPython(forwards, backwards)]
