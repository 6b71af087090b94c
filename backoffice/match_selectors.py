"""Reads of lost and found matching: what scoring reads of a report (``report_facts_of``, its
words kept in ``PetReport.match_terms``), the weights staff set, and a case's candidates for its
page, best first, each explained attribute by attribute in words ("Colours: Grey, White —
13.3 of 20").

Only candidates whose other case the staff member may see are listed (``permissions``), and only
while both cases are open; a confirmed match is shown on both cases for good. The stored points
rank the candidates; the page's explanation is worked out again from the two reports as they
are (ten at a time), so it never says what a report no longer says.
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .board import contact_details_removed, reports_on_board_q
from .followups import cases_with_unsettled_followups
from .matching import (
    AGE_GROUPS,
    LOST,
    SEXES,
    SIZES,
    MatchScore,
    MatchWeights,
    Part,
    ReportFacts,
    choice_or_blank,
    match_score,
    point_or_none,
)
from .models import Case, MatchingSettings, MatchStatus, PetReport, ReportMatch
from .permissions import case_visibility_q
from .pet_words import TERMS_VERSION, breed_terms, colours_of, description_terms
from .vocabulary import (
    OPEN_STATUSES,
    AgeGroup,
    ChipScan,
    Colour,
    Sex,
    Size,
    Species,
)

MATCHES_PAGE_SIZE = 10
# A report given no time happened about midday.
MIDDAY = datetime.time(12, 0)

# What scoring reads of a report, in one query (``PetReport.objects.values``).
FACT_FIELDS = (
    "id",
    "kind",
    "species",
    "microchip",
    "chip_scan",
    "colours",
    "breed",
    "sex",
    "size",
    "age_group",
    "marks",
    "collar_tag",
    "latitude",
    "longitude",
    "happened_on",
    "happened_time",
    "match_terms",
)


def matching_weights() -> MatchWeights:
    """The weights staff set in the admin (Settings → Lost and found matching), or the
    defaults."""
    return MatchingSettings.load().weights()


def report_terms(report) -> dict:
    """A report's description in comparable words (what ``match_terms`` keeps)."""
    return {
        "v": TERMS_VERSION,
        "colours": sorted(colours_of(_get(report, "colours") or [])),
        "breed": sorted(breed_terms(_get(report, "breed") or "")),
        "marks": sorted(description_terms(_get(report, "marks") or "")),
        "collar": sorted(description_terms(_get(report, "collar_tag") or "")),
    }


def _get(report, name):
    return report.get(name) if isinstance(report, dict) else getattr(report, name, None)


def _moment(day, time) -> datetime.datetime | None:
    if day is None:
        return None
    # A ZoneInfo needs no normalising: tzinfo given at once (make_aware is slower, per row).
    return datetime.datetime.combine(day, time or MIDDAY, tzinfo=timezone.get_current_timezone())


def report_facts_of(report) -> ReportFacts:
    """The facts matching reads, from a ``PetReport`` or a row of ``FACT_FIELDS``; the words
    kept in ``match_terms`` when they are of this vocabulary, else read now."""
    terms = _get(report, "match_terms") or {}
    if terms.get("v") != TERMS_VERSION:
        terms = report_terms(report)
    return ReportFacts(
        kind=_get(report, "kind"),
        species=_get(report, "species") or "",
        id=_get(report, "id"),
        microchip=_get(report, "microchip") or "",
        chip_not_found=_get(report, "chip_scan") == ChipScan.NO_CHIP,
        colours=frozenset(terms["colours"]),
        breed=frozenset(terms["breed"]),
        size=choice_or_blank(_get(report, "size"), SIZES),
        sex=choice_or_blank(_get(report, "sex"), SEXES),
        age_group=choice_or_blank(_get(report, "age_group"), AGE_GROUPS),
        marks=frozenset(terms["marks"]),
        collar=frozenset(terms["collar"]),
        point=point_or_none(_get(report, "latitude"), _get(report, "longitude")),
        when=_moment(_get(report, "happened_on"), _get(report, "happened_time")),
    )


ATTRIBUTE_LABELS = {
    "colours": gettext_lazy("Colours"),
    "breed": gettext_lazy("Breed"),
    "size": gettext_lazy("Size"),
    "sex": gettext_lazy("Sex"),
    "age_group": gettext_lazy("Age"),
    "marks": gettext_lazy("Distinguishing marks"),
    "collar": gettext_lazy("Collar and tag"),
    "distance": gettext_lazy("Distance"),
    "time": gettext_lazy("Time"),
}

# The words ``backoffice.pet_words`` reads descriptions into, named for staff.
MARK_LABELS = {
    "ear": gettext_lazy("ear"),
    "eye": gettext_lazy("eye"),
    "tail": gettext_lazy("tail"),
    "chest": gettext_lazy("chest"),
    "leg": gettext_lazy("leg or paw"),
    "nose": gettext_lazy("nose"),
    "face": gettext_lazy("face"),
    "muzzle": gettext_lazy("muzzle"),
    "neck": gettext_lazy("neck"),
    "scar": gettext_lazy("scar"),
    "patch": gettext_lazy("patch or spot"),
    "notch": gettext_lazy("notch"),
    "limp": gettext_lazy("limp"),
    "blind": gettext_lazy("blind or cloudy eyes"),
    "missing": gettext_lazy("missing or docked"),
    "tooth": gettext_lazy("teeth"),
    "fluffy": gettext_lazy("fluffy coat"),
    "tuft": gettext_lazy("tufts"),
    "collar": gettext_lazy("collar"),
    "tag": gettext_lazy("tag"),
    "harness": gettext_lazy("harness"),
}

BREED_LABELS = {
    "labrador": gettext_lazy("Labrador"),
    "golden_retriever": gettext_lazy("Golden retriever"),
    "german_shepherd": gettext_lazy("German shepherd"),
    "pit_bull": gettext_lazy("Pit bull"),
    "chihuahua": gettext_lazy("Chihuahua"),
    "husky": gettext_lazy("Husky"),
    "poodle": gettext_lazy("Poodle"),
    "beagle": gettext_lazy("Beagle"),
    "dachshund": gettext_lazy("Dachshund"),
    "shih_tzu": gettext_lazy("Shih tzu"),
    "yorkshire_terrier": gettext_lazy("Yorkshire terrier"),
    "bulldog": gettext_lazy("Bulldog"),
    "boxer": gettext_lazy("Boxer"),
    "rottweiler": gettext_lazy("Rottweiler"),
    "border_collie": gettext_lazy("Border collie"),
    "australian_shepherd": gettext_lazy("Australian shepherd"),
    "corgi": gettext_lazy("Corgi"),
    "pomeranian": gettext_lazy("Pomeranian"),
    "schnauzer": gettext_lazy("Schnauzer"),
    "maltese": gettext_lazy("Maltese"),
    "siamese": gettext_lazy("Siamese"),
    "persian": gettext_lazy("Persian"),
    "maine_coon": gettext_lazy("Maine coon"),
    "domestic_shorthair": gettext_lazy("Domestic shorthair"),
    "domestic_longhair": gettext_lazy("Domestic longhair"),
}

_VALUE_LABELS = {
    "size": dict(Size.choices),
    "sex": dict(Sex.choices),
    "age_group": dict(AgeGroup.choices),
}
_COLOURS = dict(Colour.choices)


def word_shown(word: str) -> str:
    """A word matching compared, for staff: a colour, mark or breed code by its name in the
    staff member's language, "tan~brown" as "Tan or fawn ≈ Brown or chocolate", other words as
    they were read."""
    if "~" in word:
        return " ≈ ".join(word_shown(part) for part in word.split("~", 1))
    kind, _sep, code = word.rpartition(":")
    if kind == "breed":
        return str(BREED_LABELS.get(code, code.replace("_", " ")))
    if kind == "mark":
        return str(MARK_LABELS.get(code, code))
    if kind == "colour" or (not kind and code in _COLOURS):
        return str(_COLOURS.get(code, code))
    return word


@dataclass(frozen=True)
class PartShown:
    attribute: str
    label: str
    points: float
    maximum: float
    # What both reports said, in words ("Grey, White"; "Large / Large"; "0.4 miles").
    said: str


def _said(part: Part) -> str:
    if part.shared:
        return ", ".join(word_shown(word) for word in part.shared)
    if part.attribute in _VALUE_LABELS:
        labels = _VALUE_LABELS[part.attribute]
        if part.lost and part.found:
            return f"{labels.get(part.lost, part.lost)} / {labels.get(part.found, part.found)}"
        return ""
    measure = part.measure
    if measure is None:
        return ""
    if part.attribute == "distance":
        # "mi" reads the same for one mile and many.
        return _("%(miles)s mi apart") % {
            "miles": formats.number_format(round(measure, 1), decimal_pos=1, use_l10n=True)
        }
    if part.attribute == "time":
        days = round(measure)
        if measure < 0:
            before = max(-days, 1)
            return ngettext(
                "found %(days)s day before it was lost",
                "found %(days)s days before it was lost",
                before,
            ) % {"days": before}
        return ngettext(
            "found %(days)s day after it was lost", "found %(days)s days after it was lost", days
        ) % {"days": days}
    return ""


def match_parts_shown(score: MatchScore | None) -> list[PartShown]:
    """The points of each attribute, in the order staff read them, with what both reports said;
    attributes one of them says nothing of are listed with no points."""
    if score is None:
        return []
    return [
        PartShown(
            attribute=part.attribute,
            label=str(ATTRIBUTE_LABELS[part.attribute]),
            points=part.points,
            maximum=part.maximum,
            said=_said(part),
        )
        for part in score.parts
    ]


@dataclass(frozen=True)
class CandidateShown:
    match: ReportMatch
    other: PetReport
    parts: list[PartShown]
    # "equal", "differ", "not_read" or "" (``MatchScore.microchip``).
    microchip: str = ""
    # Whether confirming must say what becomes of follow-ups still planned (``case_resolve``).
    followups_to_settle: bool = False


@dataclass(frozen=True)
class CaseMatches:
    report: PetReport
    confirmed: list[CandidateShown]
    page: Page
    candidates: list[CandidateShown]
    dismissed: int


def _explained(match: ReportMatch, report: PetReport, other: PetReport, weights) -> MatchScore:
    mine, theirs = report_facts_of(report), report_facts_of(other)
    lost, found = (mine, theirs) if report.kind == LOST else (theirs, mine)
    return match_score(lost, found, weights=weights)


def case_report_matches(*, user, case: Case, page=None) -> CaseMatches | None:
    """The possible matches of a lost or found case, for its page; None for any other case."""
    try:
        report = case.pet_report  # read with the case by ``selectors.case_get``
    except PetReport.DoesNotExist:
        return None
    mine, other = ("lost", "found") if report.kind == LOST else ("found", "lost")
    visible = ReportMatch.objects.filter(**{mine: report}).filter(
        case_visibility_q(user, prefix=f"{other}__case__")
    )
    related = (f"{other}__case",)
    confirmed = [
        CandidateShown(m, getattr(m, other), [])
        for m in visible.filter(status=MatchStatus.CONFIRMED).select_related(*related)
    ]
    candidates = visible.none()
    if case.status in OPEN_STATUSES:
        candidates = (
            visible.filter(
                status=MatchStatus.CANDIDATE, **{f"{other}__case__status__in": OPEN_STATUSES}
            )
            .select_related(*related)
            .order_by("-decisive", "-points", "id")
        )
    shown = Paginator(candidates, MATCHES_PAGE_SIZE).get_page(page)
    matches = list(shown)
    unsettled = (
        cases_with_unsettled_followups([case.pk, *(getattr(m, other).case_id for m in matches)])
        if matches
        else set()
    )
    weights = matching_weights() if matches else None
    rows = []
    for m in matches:
        other_report = getattr(m, other)
        score = _explained(m, report, other_report, weights)
        rows.append(
            CandidateShown(
                m,
                other_report,
                match_parts_shown(score),
                microchip=score.microchip if score else "",
                followups_to_settle=bool({case.pk, other_report.case_id} & unsettled),
            )
        )
    return CaseMatches(
        report=report,
        confirmed=confirmed,
        page=shown,
        candidates=rows,
        dismissed=visible.filter(status=MatchStatus.DISMISSED).count(),
    )


# --- What a reporter is shown (the private link's page) ----------------------------------------


def reporter_matches_q(report: PetReport, *, now=None) -> Q:
    """The candidates a reporter may be shown or alerted to: reports on the public board (its
    one rule, ``board.reports_on_board_q``: what anyone may see), not dismissed by staff."""
    mine, other = ("lost", "found") if report.kind == LOST else ("found", "lost")
    return Q(**{mine: report, "status": MatchStatus.CANDIDATE}) & reports_on_board_q(
        now=now or timezone.now(), prefix=f"{other}__"
    )


@dataclass(frozen=True)
class ReporterMatch:
    """A report on the board that may be the reporter's pet, as the board shows it."""

    report: PetReport
    species: str
    colours: list[str]
    # As the board shows it: anything like a phone number or an email taken out.
    breed: str
    # Its board page ("" without the public board).
    url: str


def reporter_matches(*, report: PetReport, limit: int = 20) -> list[ReporterMatch]:
    """The published reports that may be the reporter's pet, best first, for the private link's
    page: what the board shows of them (species, colours, breed, day, ZIP code), never a contact
    detail or the private identifying detail."""
    if report.case.status not in OPEN_STATUSES:
        return []
    other = "found" if report.kind == LOST else "lost"
    matches = (
        ReportMatch.objects.filter(reporter_matches_q(report))
        .select_related(other)
        .order_by("-decisive", "-points", "id")[:limit]
    )
    species = dict(Species.choices)
    rows = []
    for match in matches:
        shown = getattr(match, other)
        rows.append(
            ReporterMatch(
                report=shown,
                species=str(species.get(shown.species, shown.species)),
                colours=[str(_COLOURS.get(code, code)) for code in shown.colours or []],
                breed=contact_details_removed(shown.breed),
                url=board_path(shown),
            )
        )
    return rows


# The board page of a published report, when the public board is installed.
BOARD_REPORT_URL = "board:report"


def board_path(report: PetReport) -> str:
    """The path of a published report's board page ("" without the public board)."""
    try:
        return reverse(BOARD_REPORT_URL, args=[report.pk])
    except NoReverseMatch:
        return ""
