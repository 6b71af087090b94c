"""The survey's wording: the titles and help text of its steps as the code ships them (translated
in the catalogues), and what content editors wrote in the Wagtail admin for each language
(``models.SurveyWording``): the introduction on the first step, each other step's help text and a
line on the confirmation page. An editor's text wins in its own language; left empty, the built-in
wording is shown in that language (never another language's edited text).
"""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core import chrome, generations

PETS = "pets"

# Each step's title and, under it, its help text (the first step's is the survey's introduction).
STEP_TEXT = {
    "needs": (
        _("What can we help with?"),
        _("Tell us a little about what is going on, so we can find the right help for you."),
    ),
    "situation": (_("How soon, and why"), ""),
    PETS: (_("Your pets"), _("Tell us about each pet you need help with.")),
    "care": (
        _("Care for your pet"),
        _("We can look for someone to care for your pet for a while."),
    ),
    "rehoming": (
        _("Finding a new home"),
        _(
            "Many families keep their pets once the problem behind it is solved. If a new home "
            "is best, we can help you find one, without your pet going to the shelter."
        ),
    ),
    "home": (_("Your home"), ""),
    "contact": (
        _("How to reach you"),
        _("Only a first name or nickname is needed. The rest helps us reach you safely."),
    ),
    "review": (
        _("Check your answers"),
        _("You can change any answer before you send your request."),
    ),
}

CONFIRMATION_TEXT = _("Help never depends on paperwork, and you will not be judged.")

# The editable field of each text: the first step's help text is the survey's introduction.
STEP_FIELDS = {step: ("intro" if step == "needs" else f"{step}_help") for step in STEP_TEXT}
CONFIRMATION_FIELD = "confirmation_text"
FIELDS = (*STEP_FIELDS.values(), CONFIRMATION_FIELD)

CACHE_GENERATION = "survey-wording:v2"
CACHE_SECONDS = 60 * 60


def _edited(site) -> dict:
    """What the editors wrote, per language and text (empty texts left out): the fields above
    and every question, help text and option (``SurveyWording.texts``, keyed as in
    ``surveys.questions``), kept in the shared cache until the wording is saved again
    (``surveys.signals``)."""
    from .models import SurveyWording  # the model takes its defaults from this module

    def build():
        wording = SurveyWording.for_site(site)
        stored = wording.texts if isinstance(wording.texts, dict) else {}
        edited = {}
        for code, _name in settings.LANGUAGES:
            mine = {}
            for name in FIELDS:
                text = (getattr(wording, build_localized_fieldname(name, code), "") or "").strip()
                if text:
                    mine[name] = text
            language = stored.get(code)
            if isinstance(language, dict):
                mine.update(
                    {k: v.strip() for k, v in language.items() if isinstance(v, str) and v.strip()}
                )
            if mine:
                edited[code] = mine
        return edited

    return generations.cached(CACHE_GENERATION, str(site.pk), build, CACHE_SECONDS)


class Wording:
    """The survey's texts for one request, in its language."""

    def __init__(self, request):
        site = chrome.site_for_request(request)  # from the shared cache, not the database
        self.language = get_language()
        # What names this wording for HTML kept rendered: the site, and the generation of its
        # editors' texts (read before them, so a save meanwhile can only make the key newer).
        self.key = (
            site.pk if site is not None else None,
            generations.generation(CACHE_GENERATION),
        )
        # This language's edited texts (never another language's).
        self.texts = (_edited(site) if site is not None else {}).get(self.language, {})

    def _text(self, field, default):
        return self.texts.get(field) or default

    def step(self, step: str) -> tuple[str, str]:
        """A step's title and help text."""
        title, help_text = STEP_TEXT[step]
        return self._text(f"{step}__title", title), self._text(STEP_FIELDS[step], help_text)

    @property
    def confirmation(self) -> str:
        return self._text(CONFIRMATION_FIELD, CONFIRMATION_TEXT)


def wording_for(request) -> Wording:
    """The survey's wording for this request, read once per request."""
    wording = getattr(request, "_survey_wording", None)
    if wording is None or wording.language != get_language():
        wording = request._survey_wording = Wording(request)
    return wording
