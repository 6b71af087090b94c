"""The pet-support taxonomy: the categories every installation starts with.

The categories are data, in ``taxonomy.json`` beside this module: a list of top-level categories,
each ``{"slug", "icon", "text": {language: {"name", "description"}}, "children": [...]}``, with
the text in every site language. The data migration that loads them into a new database
(``migrations/0003_pet_support_taxonomy.py``) reads the same file with a frozen copy of the loader,
so it never imports this module. Staff can rename, reorder and extend the categories in the admin
afterwards; loading again only adds the ones that are missing.
"""

import json
import uuid
from pathlib import Path

from modeltranslation.utils import build_localized_fieldname

TAXONOMY_PATH = Path(__file__).resolve().with_name("taxonomy.json")

# The category for people fleeing domestic violence: the home page names it among the ways to get
# help, so a person in danger finds it without browsing (``safe_haven_category``).
SAFE_HAVEN_SLUG = "dv-safe-haven"


def taxonomy_entries() -> list[dict]:
    """The top-level categories of ``taxonomy.json``, each with its ``children``."""
    return json.loads(TAXONOMY_PATH.read_text(encoding="utf-8"))


def taxonomy_load(category_model) -> int:
    """Create the categories of the taxonomy that are missing; return how many were made.

    Categories already there (perhaps renamed or moved by staff) are left as they are. Takes the
    model as an argument so that a data migration may pass its historical model.
    """
    columns = {field.name for field in category_model._meta.get_fields()}
    created = 0

    def upsert(entry, parent, order):
        nonlocal created
        fields = {"parent": parent, "icon": entry["icon"], "sort_order": order}
        for code, text in entry["text"].items():
            for name in ("name", "description"):
                column = build_localized_fieldname(name, code)
                if column in columns:  # a language the site does not have (yet) is skipped
                    fields[column] = text[name]
        fields["name"] = entry["text"]["en"]["name"]
        fields["description"] = entry["text"]["en"]["description"]
        category, is_new = category_model.objects.get_or_create(
            slug=entry["slug"], defaults={**fields, "hsds_id": uuid.uuid4()}
        )
        created += is_new
        return category

    for order, entry in enumerate(taxonomy_entries()):
        parent = upsert(entry, None, order)
        for child_order, child in enumerate(entry.get("children", [])):
            upsert(child, parent, child_order)
    return created
