"""The pet-support taxonomy is data (``directory/taxonomy.json``) in every site language, and its
migration reads that file without importing the app's code."""

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from directory.models import Category
from directory.taxonomy import TAXONOMY_PATH, taxonomy_entries, taxonomy_load

MIGRATION = "directory.migrations.0003_pet_support_taxonomy"


def every_entry():
    for entry in taxonomy_entries():
        yield entry
        yield from entry.get("children", [])


def test_every_category_has_a_name_and_description_in_every_site_language():
    entries = list(every_entry())
    for entry in entries:
        assert set(entry["text"]) == {code for code, _name in settings.LANGUAGES}, entry["slug"]
        for text in entry["text"].values():
            assert text["name"].strip() and text["description"].strip(), entry["slug"]
    slugs = [entry["slug"] for entry in entries]
    assert len(set(slugs)) == len(slugs)
    assert not set(slugs) & set(Category.RESERVED_SLUGS)


def test_the_migration_imports_no_code_of_the_project():
    source = Path(importlib.import_module(MIGRATION).__file__).read_text()
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add("." if node.level else node.module.split(".")[0])
    assert imported <= {"json", "uuid", "pathlib", "django"}
    assert importlib.import_module(MIGRATION).TAXONOMY_PATH == TAXONOMY_PATH


def snapshot() -> list[dict]:
    rows = []
    for category in Category.objects.select_related("parent").order_by("slug"):
        row = {f.attname: getattr(category, f.attname) for f in Category._meta.concrete_fields}
        del row["id"], row["hsds_id"], row["parent_id"]
        row["parent"] = category.parent.slug if category.parent_id else None
        rows.append(row)
    return rows


def empty_the_taxonomy():
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()


@pytest.mark.django_db
def test_the_migration_and_taxonomy_load_make_the_same_categories():
    empty_the_taxonomy()
    importlib.import_module(MIGRATION).load(apps, None)
    from_migration = snapshot()
    assert len(from_migration) == len(list(every_entry()))
    assert {row["slug"]: row["name_es"] for row in from_migration}["vet-care"] == (
        "Atención veterinaria"
    )
    empty_the_taxonomy()
    assert taxonomy_load(Category) == len(from_migration)
    assert snapshot() == from_migration
    assert taxonomy_load(Category) == 0  # loading again adds only what is missing


@pytest.mark.django_db
def test_loading_again_leaves_what_staff_changed():
    category = Category.objects.get(slug="pet-food")
    category.name_en = "Food for pets"
    category.save()
    assert taxonomy_load(Category) == 0
    category.refresh_from_db()
    assert category.name_en == "Food for pets"


REORDER = "directory.migrations.0007_safe_havens_second"


def top_slugs():
    return list(
        Category.objects.filter(parent=None).order_by("sort_order").values_list("slug", flat=True)
    )


@pytest.mark.django_db
def test_safe_havens_come_second_in_new_and_existing_installations():
    """A person fleeing domestic violence finds the safe havens among the first categories: in a
    new database (the data file), and in one made before (the migration moves them), unless staff
    had chosen their own order."""
    assert top_slugs()[1] == "dv-safe-haven"
    migration = importlib.import_module(REORDER)
    migration.backwards(apps, None)
    assert top_slugs() == migration.OLD_ORDER
    migration.forwards(apps, None)
    assert top_slugs()[:2] == ["vet-care", "dv-safe-haven"]

    Category.objects.filter(slug="grooming").update(sort_order=0)  # staff's own order
    Category.objects.filter(slug="vet-care").update(sort_order=10)
    chosen = top_slugs()
    migration.backwards(apps, None)
    migration.forwards(apps, None)
    assert top_slugs() == chosen


def emoji_in(text: str) -> list[str]:
    """Characters a phone without a colour-emoji font draws as empty boxes (pictographs,
    symbols and dingbats, and the emoji variation selector)."""
    return [
        ch
        for ch in text
        if 0x1F000 <= ord(ch) <= 0x1FAFF or 0x2600 <= ord(ch) <= 0x27BF or ord(ch) == 0xFE0F
    ]


@pytest.mark.django_db
def test_every_category_has_an_svg_icon_and_no_emoji():
    from directory.icons import ICONS

    for entry in every_entry():
        assert entry["icon"] in ICONS, entry["slug"]
    assert set(Category.objects.values_list("icon", flat=True)) <= set(ICONS)


@pytest.mark.django_db
@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_no_category_tile_or_heading_uses_emoji(client, code):
    """Every tile on the browse page and every category page's heading draws its icon as SVG
    in the text colour, hidden from screen readers; no emoji anywhere on those pages."""
    import re

    from directory.factories import ResourceFactory

    categories = list(Category.objects.all())
    for category in categories:
        ResourceFactory().categories.add(category)
    page = client.get(f"/{code}/resources/").content.decode()
    tiles = re.findall(r'<li class="category-tile">(.*?)</h3>', page, re.S)
    assert len(tiles) == Category.objects.filter(parent=None).count()
    for tile in tiles:
        assert re.search(
            r'<svg class="icon"[^>]*stroke="currentColor"[^>]*aria-hidden="true"', tile
        )
    assert not emoji_in(page)
    for category in categories:
        heading = re.search(
            r"<h1>(.*?)</h1>",
            client.get(f"/{code}/resources/{category.slug}/").content.decode(),
            re.S,
        ).group(1)
        assert '<svg class="icon"' in heading and not emoji_in(heading), category.slug
