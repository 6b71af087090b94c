"""What the board reads: a page of the reports on it, one report, one photo. Every read starts
from ``backoffice.board`` (the one rule of what is on the board)."""

import datetime
import math
import uuid
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch

from backoffice.board import (
    contact_details_removed,
    photos_on_board,
    reports_on_board,
)
from backoffice.models import PetReport, ReportPhoto
from backoffice.vocabulary import ChipScan, Colour, Temperament
from core.geography import MILES_PER_DEGREE, distance_miles, zip_point

RADIUS_CHOICES = (1, 3, 5, 10, 25)  # miles: most lost pets are found within a mile of home
RADIUS_DEFAULT = 5


@dataclass(frozen=True, kw_only=True)
class BoardFilters:
    kind: str = ""
    species: str = ""
    zip_code: str = ""
    radius: int = RADIUS_DEFAULT
    since: datetime.date | None = None


@dataclass(kw_only=True)
class Card:
    """A report as the board shows it: only what may be public."""

    report: PetReport
    photos: list[ReportPhoto] = field(default_factory=list)
    distance: float | None = None

    @property
    def photo(self) -> ReportPhoto | None:
        return self.photos[0] if self.photos else None

    @property
    def colours(self) -> list[str]:
        return [str(Colour(c).label) for c in self.report.colours if c in Colour.values]

    @property
    def temperament(self) -> list[str]:
        return [
            str(Temperament(t).label) for t in self.report.temperament if t in Temperament.values
        ]

    @property
    def chip_scan(self) -> str:
        """A found pet's scan (what it said, never the number read)."""
        if self.report.is_lost or self.report.chip_scan not in ChipScan.values:
            return ""
        return str(ChipScan(self.report.chip_scan).label) if self.report.chip_scan else ""

    # The reporter's free text, with phone numbers and addresses taken out.

    @property
    def pet_name(self) -> str:
        return contact_details_removed(self.report.pet_name)

    @property
    def breed(self) -> str:
        return contact_details_removed(self.report.breed)

    @property
    def marks(self) -> str:
        return contact_details_removed(self.report.marks)

    @property
    def collar_tag(self) -> str:
        return contact_details_removed(self.report.collar_tag)

    @property
    def direction(self) -> str:
        return contact_details_removed(self.report.direction)


def _photos() -> Prefetch:
    return Prefetch("photos", queryset=ReportPhoto.objects.order_by("position", "id"))


def _box(point: tuple[float, float], miles: float) -> dict:
    """A latitude and longitude box around ``point`` holding every place within ``miles`` (the
    index narrows to it; the exact distance decides)."""
    lat, lon = point
    dlat = miles / MILES_PER_DEGREE
    dlon = miles / (MILES_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    return {
        "latitude__gte": lat - dlat,
        "latitude__lte": lat + dlat,
        "longitude__gte": lon - dlon,
        "longitude__lte": lon + dlon,
    }


def board_page(
    *, filters: BoardFilters, page, per_page: int, now: datetime.datetime
) -> tuple[Page, list[Card]]:
    """The ``page`` (as typed: anything that is not a page number is the first) of the reports
    on the board that match ``filters``, newest first, and their cards. With a ZIP code, only
    reports within ``radius`` miles of its centre, each with its distance."""
    reports = reports_on_board(now=now)
    if filters.kind:
        reports = reports.filter(kind=filters.kind)
    if filters.species:
        reports = reports.filter(species=filters.species)
    if filters.since:
        reports = reports.filter(happened_on__gte=filters.since)
    reports = reports.order_by("-happened_on", "-id")
    point = zip_point(filters.zip_code) if filters.zip_code else None
    distances: dict[int, float] = {}
    if point is not None:
        for pk, lat, lon in reports.filter(**_box(point, filters.radius)).values_list(
            "pk", "latitude", "longitude"
        ):
            miles = distance_miles(point, (lat, lon))
            if miles <= filters.radius:
                distances[pk] = miles
        reports = reports.filter(pk__in=list(distances)) if distances else reports.none()
    page_obj = Paginator(reports.prefetch_related(_photos()), per_page).get_page(page)
    cards = [
        Card(report=r, photos=list(r.photos.all()), distance=distances.get(r.pk))
        for r in page_obj.object_list
    ]
    return page_obj, cards


def board_report_get(*, pk: int, now: datetime.datetime) -> Card:
    """A report on the board, as its page shows it (``PetReport.DoesNotExist`` otherwise)."""
    report = reports_on_board(now=now).prefetch_related(_photos()).get(pk=pk)
    return Card(report=report, photos=list(report.photos.all()))


def board_report_left(*, pk: int) -> bool:
    """Whether a report not on the board now was on it once (its page says it has left the
    board); one never published is unknown, as any other number is."""
    return PetReport.objects.filter(pk=pk, published_at__isnull=False).exists()


def board_photo_get(*, public_id: str, now: datetime.datetime) -> ReportPhoto:
    """A photo of a report on the board, by its opaque id (``ReportPhoto.DoesNotExist`` for
    anything else: an unknown id, or a photo of a report waiting, hidden, ended or resolved)."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        raise ReportPhoto.DoesNotExist from None
    return photos_on_board(now=now).get(public_id=key)
