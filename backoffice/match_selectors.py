"""Reads of lost and found matches for the back office: a case's candidates, best first, with the
points of each attribute in words ("Colours: grey, white — 13.3 of 20").

Only candidates whose other case the staff member may see are listed (``permissions``), and only
while both cases are open; a confirmed match is shown on both cases for good.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .followups import cases_with_unsettled_followups
from .matching import ATTRIBUTES, LOST
from .models import Case, MatchStatus, PetReport, ReportMatch
from .permissions import case_visibility_q
from .vocabulary import OPEN_STATUSES, AgeGroup, Colour, Sex, Size

MATCHES_PAGE_SIZE = 10

ATTRIBUTE_LABELS = {
    "colours": _("Colours"),
    "breed": _("Breed"),
    "size": _("Size"),
    "sex": _("Sex"),
    "age_group": _("Age"),
    "marks": _("Distinguishing marks"),
    "collar": _("Collar and tag"),
    "distance": _("Distance"),
    "time": _("Time"),
}

# The words ``backoffice.pet_words`` reads descriptions into, named for staff.
MARK_LABELS = {
    "ear": _("ear"),
    "eye": _("eye"),
    "tail": _("tail"),
    "chest": _("chest"),
    "leg": _("leg or paw"),
    "nose": _("nose"),
    "face": _("face"),
    "muzzle": _("muzzle"),
    "neck": _("neck"),
    "scar": _("scar"),
    "patch": _("patch or spot"),
    "notch": _("notch"),
    "limp": _("limp"),
    "blind": _("blind or cloudy eyes"),
    "missing": _("missing or docked"),
    "tooth": _("teeth"),
    "fluffy": _("fluffy coat"),
    "tuft": _("tufts"),
    "collar": _("collar"),
    "tag": _("tag"),
    "harness": _("harness"),
}

BREED_LABELS = {
    "labrador": _("Labrador"),
    "golden_retriever": _("Golden retriever"),
    "german_shepherd": _("German shepherd"),
    "pit_bull": _("Pit bull"),
    "chihuahua": _("Chihuahua"),
    "husky": _("Husky"),
    "poodle": _("Poodle"),
    "beagle": _("Beagle"),
    "dachshund": _("Dachshund"),
    "shih_tzu": _("Shih tzu"),
    "yorkshire_terrier": _("Yorkshire terrier"),
    "bulldog": _("Bulldog"),
    "boxer": _("Boxer"),
    "rottweiler": _("Rottweiler"),
    "border_collie": _("Border collie"),
    "australian_shepherd": _("Australian shepherd"),
    "corgi": _("Corgi"),
    "pomeranian": _("Pomeranian"),
    "schnauzer": _("Schnauzer"),
    "maltese": _("Maltese"),
    "siamese": _("Siamese"),
    "persian": _("Persian"),
    "maine_coon": _("Maine coon"),
    "domestic_shorthair": _("Domestic shorthair"),
    "domestic_longhair": _("Domestic longhair"),
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


def _said(attribute: str, part: dict) -> str:
    shared = part.get("shared") or []
    if shared:
        return ", ".join(word_shown(word) for word in shared)
    if attribute in _VALUE_LABELS:
        labels = _VALUE_LABELS[attribute]
        lost, found = part.get("lost") or "", part.get("found") or ""
        if lost and found:
            return f"{labels.get(lost, lost)} / {labels.get(found, found)}"
        return ""
    measure = part.get("measure")
    if measure is None:
        return ""
    if attribute == "distance":
        return ngettext("%(miles)s mile apart", "%(miles)s miles apart", 2) % {
            "miles": f"{measure:g}"
        }
    if attribute == "time":
        days = round(measure)
        if measure < 0:
            return ngettext(
                "found %(days)s day before it was lost",
                "found %(days)s days before it was lost",
                max(-days, 1),
            ) % {"days": max(-days, 1)}
        return ngettext(
            "found %(days)s day after it was lost", "found %(days)s days after it was lost", days
        ) % {"days": days}
    return ""


def match_parts_shown(detail: dict) -> list[PartShown]:
    """The points of each attribute of a stored match (``ReportMatch.detail``), in the order
    staff read them; attributes neither report spoke of are listed with no points."""
    rows = []
    for attribute in ATTRIBUTES:
        part = detail.get(attribute)
        if not isinstance(part, dict):
            continue
        rows.append(
            PartShown(
                attribute=attribute,
                label=str(ATTRIBUTE_LABELS[attribute]),
                points=part.get("points", 0),
                maximum=part.get("max", 0),
                said=_said(attribute, part),
            )
        )
    return rows


@dataclass(frozen=True)
class CandidateShown:
    match: ReportMatch
    other: PetReport
    parts: list[PartShown]
    # Whether confirming must say what becomes of follow-ups still planned (``case_resolve``).
    followups_to_settle: bool = False


@dataclass(frozen=True)
class CaseMatches:
    report: PetReport
    confirmed: list[CandidateShown]
    page: Page
    candidates: list[CandidateShown]
    dismissed: int


def case_report_matches(*, user, case: Case, page=None) -> CaseMatches | None:
    """The possible matches of a lost or found case, for its page; None for any other case."""
    report = PetReport.objects.filter(case=case).first()
    if report is None:
        return None
    mine, other = ("lost", "found") if report.kind == LOST else ("found", "lost")
    visible = ReportMatch.objects.filter(**{mine: report}).filter(
        case_visibility_q(user, prefix=f"{other}__case__")
    )
    related = (f"{other}__case",)
    confirmed = [
        CandidateShown(m, getattr(m, other), match_parts_shown(m.detail))
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
    rows = [
        CandidateShown(
            m,
            getattr(m, other),
            match_parts_shown(m.detail),
            followups_to_settle=bool({case.pk, getattr(m, other).case_id} & unsettled),
        )
        for m in matches
    ]
    return CaseMatches(
        report=report,
        confirmed=confirmed,
        page=shown,
        candidates=rows,
        dismissed=visible.filter(status=MatchStatus.DISMISSED).count(),
    )
