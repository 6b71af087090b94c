"""The maintained pet-support vocabulary (``search/data/synonyms.json``), seeded into an empty
synonym table: a site whose staff already keep synonyms is left alone (``manage.py
search_synonyms_seed`` adds the groups a language lacks). A frozen copy of the loader: a migration
must not import app code that may change."""

import json
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import migrations

VOCABULARY_PATH = Path(__file__).resolve().parent.parent / "data" / "synonyms.json"
CACHE_KEY = "search:synonyms:{language}:v1"


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    data = json.loads(VOCABULARY_PATH.read_text(encoding="utf-8"))
    groups = []
    for code, _name in settings.LANGUAGES:
        for terms in data.get(code, []):
            terms = [" ".join(t.split()).lower() for t in terms if t.strip()]
            if len(terms) > 1:
                groups.append(SynonymGroup(language=code, terms="\n".join(terms)))
    SynonymGroup.objects.bulk_create(groups)
    for code, _name in settings.LANGUAGES:
        cache.delete(CACHE_KEY.format(language=code))


class Migration(migrations.Migration):
    dependencies = [("search", "0003_editors_edit_synonyms")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
