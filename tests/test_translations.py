"""The catalogues are complete, current and compiled: a guard for every user-facing string."""

import json
import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from portal.management.commands.update_catalogues import CATALOGUE_LANGUAGES, MAKEMESSAGES_IGNORE

ROOT = Path(settings.BASE_DIR)
LOCALE_DIR = ROOT / "locale"
CATALOGUES = CATALOGUE_LANGUAGES


def _po(lang):
    return polib.pofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"))


def _keys(catalogue):
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in catalogue if not e.obsolete}


@pytest.mark.parametrize("lang", CATALOGUES)
def test_catalogue_is_complete(lang):
    po = _po(lang)
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    empty = [e.msgid for e in po if not e.obsolete and not e.fuzzy and not e.translated()]
    assert not fuzzy, f"{lang}: fuzzy entries: {fuzzy[:10]}"
    assert not empty, f"{lang}: untranslated entries: {empty[:10]}"
    assert len(po) > 0


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_plural_has_the_forms_its_language_counts(lang):
    """A plural entry with fewer forms than the header's ``nplurals`` shows English for the
    counts that fall on a missing form (Spanish "4 pets" on the board did)."""
    po = _po(lang)
    nplurals = int(re.search(r"nplurals\s*=\s*(\d+)", po.metadata["Plural-Forms"]).group(1))
    short = [
        e.msgid
        for e in po
        if not e.obsolete
        and e.msgid_plural
        and sorted(int(k) for k, v in e.msgstr_plural.items() if v) != list(range(nplurals))
    ]
    assert not short, f"{lang}: plural entries without all {nplurals} forms: {short[:10]}"


@pytest.mark.parametrize("lang", CATALOGUES)
def test_compiled_catalogue_matches_its_source(lang):
    po = _po(lang)
    mo_path = LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), f"{lang}: run `manage.py compilemessages` and commit the .mo"
    mo = polib.mofile(str(mo_path))
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
    }
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == (
            entry.msgstr,
            tuple(sorted((int(k), v) for k, v in entry.msgstr_plural.items())),
        ), f"{lang}: {entry.msgid!r} differs in django.mo; run compilemessages"


@pytest.fixture
def gettext_tools():
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("xgettext (Debian package gettext) is missing: CI must install it")
        pytest.skip(
            "SKIPPED LOUDLY: xgettext missing; install gettext to check catalogue freshness"
        )


def test_makemessages_would_not_change_any_catalogue(
    tmp_path, settings, monkeypatch, gettext_tools
):
    # makemessages writes next to the sources it reads, so it runs on a copy of the tree.
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(*MAKEMESSAGES_IGNORE, ".git", "__pycache__")
    )
    fresh = copy / "locale"
    settings.LOCALE_PATHS = [fresh]
    monkeypatch.chdir(copy)
    call_command(
        "makemessages",
        locale=CATALOGUES,
        ignore_patterns=MAKEMESSAGES_IGNORE,
        no_obsolete=True,
        verbosity=0,
    )
    for lang in CATALOGUES:
        current = _keys(_po(lang))
        regenerated = _keys(polib.pofile(str(fresh / lang / "LC_MESSAGES" / "django.po")))
        assert regenerated == current, (
            f"{lang}: catalogue is stale. New: {sorted(regenerated - current)[:10]}; "
            f"gone: {sorted(current - regenerated)[:10]}. Run "
            "`manage.py update_catalogues`."
        )


# Vietnamese addresses the person as "quý vị" (formal), everywhere: the interface, the pages, the
# listings and the categories. "bạn" as a pronoun mixed with it reads as careless ("bạn bè",
# friends, is another word).
VIETNAMESE_INFORMAL_YOU = re.compile(r"\bbạn\b(?!\s+bè)", re.IGNORECASE)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _informal(texts):
    return [text for text in texts if VIETNAMESE_INFORMAL_YOU.search(text)]


def test_vietnamese_catalogue_says_quy_vi_never_ban():
    po = _po("vi")
    texts = [e.msgstr for e in po if not e.obsolete]
    texts += [text for e in po if not e.obsolete for text in e.msgstr_plural.values()]
    assert not _informal(texts), f"vi catalogue uses “bạn”: {_informal(texts)[:5]}"


@pytest.mark.parametrize(
    "path", ["demo/data/pages/vi.json", "demo/data/directory/vi.json"], ids=lambda p: p
)
def test_vietnamese_demo_content_says_quy_vi_never_ban(path):
    texts = list(_strings(json.loads((ROOT / path).read_text(encoding="utf-8"))))
    assert not _informal(texts), f"{path} uses “bạn”: {_informal(texts)[:5]}"


def test_vietnamese_categories_say_quy_vi_never_ban():
    texts = [
        text
        for entry in _strings_of_taxonomy(
            json.loads((ROOT / "directory/taxonomy.json").read_text())
        )
        for text in entry
    ]
    assert not _informal(texts), f"vi categories use “bạn”: {_informal(texts)[:5]}"


def _strings_of_taxonomy(entries):
    for entry in entries:
        yield list(_strings(entry["text"].get("vi", {})))
        yield from _strings_of_taxonomy(entry.get("children", []))
