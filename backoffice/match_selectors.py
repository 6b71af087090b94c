"""Reads of lost and found matches for the back office: a case's candidates, best first, with the
points of each attribute in words ("Colours: grey, white — 13.3 of 20").

Only candidates whose other case the staff member may see are listed (``permissions``), and only
while both cases are open; a confirmed match is shown on both cases for good.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .followups import cases_with_unsettled_followups
from .matching import ATTRIBUTES, LOST
from .models import Case, MatchStatus, PetReport, ReportMatch
from .permissions import case_visibility_q
from .vocabulary import OPEN_STATUSES, AgeGroup, Colour, Sex, Size

MATCHES_PAGE_SIZE = 10

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
        # "mi" reads the same for one mile and many.
        return _("%(miles)s mi apart") % {
            "miles": formats.number_format(round(measure, 1), decimal_pos=1, use_l10n=True)
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
