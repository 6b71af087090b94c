"""The maintained synonym vocabulary (``search/data/synonyms.json``): what it holds, how a new
database gets it (migration 0004, only into an empty table) and ``manage.py
search_synonyms_seed`` (adds what a language lacks, again and again without duplicates)."""

import importlib
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command

from search import analysis, synonyms
from search.models import SynonymGroup
from search.synonyms import split_terms, synonyms_seed, vocabulary

LANGUAGES = [code for code, _name in settings.LANGUAGES]
seed_migration = importlib.import_module("search.migrations.0004_seed_synonyms")


def test_the_vocabulary_covers_every_language_with_real_groups():
    groups = vocabulary()
    assert set(groups) == set(LANGUAGES)
    assert sum(len(g) for g in groups.values()) >= 100
    for code, language_groups in groups.items():
        assert len(language_groups) >= 15, code
        heads = [group[0] for group in language_groups]
        assert len(heads) == len(set(heads)), code
        for group in language_groups:
            assert len(group) > 1, group
            for term in group:  # every term is something a query can contain
                assert analysis.terms(term, code, stop_words=False), (code, term)


def test_the_vocabulary_keeps_false_friends_apart():
    """No group joins a need with one that merely looks like it."""
    for code, language_groups in vocabulary().items():
        for group in language_groups:
            folded = {analysis.fold(t) for t in group}
            assert not ({"dental", "mental"} <= folded), (code, group)
            assert not ({"dental", "mental health"} <= folded), (code, group)


@pytest.mark.django_db
def test_a_new_database_has_the_vocabulary_in_every_language():
    for code in LANGUAGES:
        seeded = synonyms.synonym_groups(code)
        assert len(seeded) == len(vocabulary()[code]), code
    assert any({"spay", "neuter", "fix"} <= set(g) for g in synonyms.synonym_groups("en"))
    assert any({"desalojo", "eviction"} <= set(g) for g in synonyms.synonym_groups("es"))


@pytest.mark.django_db
def test_the_migration_seeds_only_an_empty_table():
    SynonymGroup.objects.all().delete()
    SynonymGroup.objects.create(language="en", terms="pup, puppy")
    seed_migration.seed(django_apps, None)
    assert list(SynonymGroup.objects.values_list("terms", flat=True)) == ["pup, puppy"]
    SynonymGroup.objects.all().delete()
    seed_migration.seed(django_apps, None)
    assert SynonymGroup.objects.count() == sum(len(g) for g in vocabulary().values())


@pytest.mark.django_db
def test_seeding_again_adds_nothing_and_leaves_staff_edits_alone():
    assert synonyms_seed() == {code: (0, len(vocabulary()[code])) for code in LANGUAGES}
    spay = SynonymGroup.objects.get(language="en", terms__startswith="spay\n")
    spay.terms = "spay, neuter"  # staff took "fix" out
    spay.save()
    SynonymGroup.objects.filter(language="es", terms__startswith="desalojo").delete()
    counts = synonyms_seed()
    assert counts["es"] == (1, len(vocabulary()["es"]) - 1) and counts["en"][0] == 0
    spay.refresh_from_db()
    assert spay.terms == "spay, neuter"
    assert any({"desalojo", "eviction"} <= set(g) for g in synonyms.synonym_groups("es"))


@pytest.mark.django_db
def test_replace_restores_one_language_and_keeps_the_others():
    SynonymGroup.objects.filter(language="en").update(terms="spay, neuter")
    SynonymGroup.objects.create(language="vi", terms="chó con, cún con")
    output = StringIO()
    call_command("search_synonyms_seed", "--replace", "--language", "en", stdout=output)
    assert (
        output.getvalue().strip() == f"en: {len(vocabulary()['en'])} groups added, 0 already there"
    )
    english = [
        split_terms(t)
        for t in SynonymGroup.objects.filter(language="en").values_list("terms", flat=True)
    ]
    assert sorted(english) == sorted(vocabulary()["en"])
    assert SynonymGroup.objects.filter(language="vi", terms="chó con, cún con").exists()


@pytest.mark.django_db
def test_engines_hear_of_a_seed_once_per_language_and_searches_see_it_at_once(monkeypatch):
    heard = []

    class Engine:
        name = "recorder"

        def synonyms_changed(self, language):
            heard.append(language)

    monkeypatch.setattr(synonyms, "engines_to_write", lambda: [Engine()])
    assert synonyms.synonym_groups("ar")  # now cached
    synonyms_seed(replace=True, languages=["ar", "vi"])
    assert heard == ["ar", "vi"]
    SynonymGroup.objects.create(language="ar", terms="جرو, كلب صغير")
    assert heard == ["ar", "vi", "ar"]
    assert ["جرو", "كلب صغير"] in synonyms.synonym_groups("ar")
