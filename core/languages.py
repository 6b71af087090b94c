"""Language codes: one map between the languages the site is written in and the languages people
speak.

Two code systems name the same languages here:

- **site languages**, the languages of the interface and of translated records: Django's codes
  from ``settings.LANGUAGES`` (``en``, ``es``, ``zh-hans``, ``vi``, ``ar``). The back office also
  records a person's preferred language with these codes, plus a few it added (``asl``...).
- **spoken languages**, the languages a service, a phone line or an interpreter offers: ISO 639-1
  codes, or ISO 639-3 where there is none (the directory's ``SpokenLanguage``, the HSDS
  ``languages`` of a service).

They differ for two languages: Simplified Chinese is ``zh-hans`` on the site and ``zh`` spoken;
American Sign Language is ``asl`` in the back office and ``ase`` (ISO 639-3) spoken (``asl`` is
the ISO code of Asilulu, so it is never read as a spoken code). ``spoken_language_of`` and
``site_language_of`` cross between the systems; ``spoken_language_code`` reads the codes and
English names that other systems (HSDS files) use for a spoken language.

Imports no app of the project: callers pass the codes they know.
"""

from collections.abc import Iterable

from django.utils.translation import get_language_info

# Site (and back-office preference) codes whose spoken-language code is written differently.
# Every other code is the same in both systems.
SPOKEN_BY_SITE_CODE = {
    "zh-hans": "zh",
    "asl": "ase",
}

# ISO 639-2/3 codes (and BCP 47 forms) that mean a spoken-language code, as HSDS files write them.
SPOKEN_ALIASES = {
    "eng": "en",
    "spa": "es",
    "zho": "zh",
    "chi": "zh",
    "cmn": "zh",
    "yue": "zh",
    "vie": "vi",
    "ara": "ar",
    "tgl": "tl",
    "fil": "tl",
    "kor": "ko",
    "rus": "ru",
    "fas": "fa",
    "per": "fa",
    "prs": "fa",
    "hin": "hi",
    "pan": "pa",
    "fra": "fr",
    "fre": "fr",
    "por": "pt",
    "hye": "hy",
    "arm": "hy",
    "ukr": "uk",
    "sgn-us": "ase",
}

# English names of spoken languages (lower case), for files that give a name and no code.
SPOKEN_NAMES = {
    "english": "en",
    "spanish": "es",
    "chinese": "zh",
    "mandarin": "zh",
    "cantonese": "zh",
    "vietnamese": "vi",
    "arabic": "ar",
    "tagalog": "tl",
    "filipino": "tl",
    "korean": "ko",
    "russian": "ru",
    "persian": "fa",
    "farsi": "fa",
    "hindi": "hi",
    "punjabi": "pa",
    "french": "fr",
    "portuguese": "pt",
    "armenian": "hy",
    "ukrainian": "uk",
    "american sign language": "ase",
}


def spoken_language_of(code: str) -> str:
    """The spoken-language code of a site language (or a back-office preference):
    ``zh-hans`` -> ``zh``, ``asl`` -> ``ase``, ``es`` -> ``es``."""
    code = code.strip().lower()
    return SPOKEN_BY_SITE_CODE.get(code, code)


def site_language_of(spoken: str, site_languages: Iterable[str]) -> str | None:
    """The site language (one of ``site_languages``) that is the spoken language ``spoken``, or
    None when the site is not written in it: ``zh`` -> ``zh-hans``."""
    for code in site_languages:
        if spoken_language_of(code) == spoken:
            return code
    return None


def spoken_language_code(code=None, name=None, *, known: Iterable[str]) -> str | None:
    """One of the ``known`` spoken-language codes for a code or an English name as other systems
    write them (``"spa"``, ``"es-MX"``, ``"zh_Hans"``, ``"Farsi"``), or None."""
    known = set(known)
    if isinstance(code, str) and code.strip():
        value = code.strip().lower().replace("_", "-")
        if value in SPOKEN_ALIASES:
            return SPOKEN_ALIASES[value]
        for candidate in (value, value.split("-")[0]):
            if candidate in known:
                return candidate
            if candidate in SPOKEN_ALIASES:
                return SPOKEN_ALIASES[candidate]
    if isinstance(name, str):
        return SPOKEN_NAMES.get(name.strip().lower())
    return None


def language_name(code: str) -> str:
    """The name of a language in the active language ("Vietnamese", "vietnamita"), for any code a
    record may hold: a site language, one Django knows by another name (``ko``), or one it does
    not know at all (``tl``, a code from an older list of site languages), which reads as its
    code rather than failing the page that shows it."""
    if not code:
        return ""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code
