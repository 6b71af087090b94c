"""What the board reads: a page of the reports on it, one report, one photo. Every read starts
from ``backoffice.board`` (the one rule of what is on the board)."""

import datetime
import math
import uuid
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import F, FloatField, Prefetch, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.utils.functional import cached_property

from backoffice.board import (
    contact_details_removed,
    photos_on_board,
    reports_on_board,
)
from backoffice.models import PetReport, ReportPhoto
from backoffice.vocabulary import ChipScan, Colour, Temperament
from core.geography import EARTH_RADIUS_MILES, MILES_PER_DEGREE, zip_point

RADIUS_CHOICES = (1, 3, 5, 10, 25)  # miles: most lost pets are found within a mile of home
RADIUS_DEFAULT = 5
# The board counts its reports up to this many: counting every report on a busy board costs more
# than the page itself, and nobody pages through more; past it the page says "more than" and
# that filters find the others.
COUNT_CAP = 1000


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


def _miles_from(point: tuple[float, float]):
    """The great-circle distance (haversine, as ``core.geography.distance_miles``) from
    ``point`` to a report's place, worked out by the database (SQLite and PostgreSQL alike)."""
    lat, lon = (math.radians(v) for v in point)
    half_dlat = (Radians(F("latitude")) - Value(lat)) / 2
    half_dlon = (Radians(F("longitude")) - Value(lon)) / 2
    h = Power(Sin(half_dlat), 2) + Value(math.cos(lat)) * Cos(Radians(F("latitude"))) * Power(
        Sin(half_dlon), 2
    )
    return Value(2 * EARTH_RADIUS_MILES) * ASin(Sqrt(h), output_field=FloatField())


class BoardPaginator(Paginator):
    """Counts up to ``COUNT_CAP`` (``capped`` says there are more): the pages past it are not
    listed, the filters reach those reports."""

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @cached_property
    def num_pages(self) -> int:
        return max(1, math.ceil(min(self.count, COUNT_CAP) / self.per_page))


def board_page(
    *, filters: BoardFilters, page, per_page: int, now: datetime.datetime
) -> tuple[Page, list[Card]]:
    """The ``page`` (as typed: anything that is not a page number is the first) of the reports
    on the board that match ``filters``, newest first, and their cards. With a ZIP code, only
    reports within ``radius`` miles of its centre, each with its distance. Counted up to
    ``COUNT_CAP`` (``BoardPaginator``)."""
    reports = reports_on_board(now=now)
    if filters.kind:
        reports = reports.filter(kind=filters.kind)
    if filters.species:
        reports = reports.filter(species=filters.species)
    if filters.since:
        reports = reports.filter(happened_on__gte=filters.since)
    reports = reports.order_by("-happened_on", "-id")
    point = zip_point(filters.zip_code) if filters.zip_code else None
    if point is not None:
        # The box narrows by the index; the distance, in the same statement, decides.
        reports = (
            reports.filter(**_box(point, filters.radius))
            .alias(miles=_miles_from(point))
            .filter(miles__lte=filters.radius)
            .annotate(distance=F("miles"))
        )
    page_obj = BoardPaginator(reports.prefetch_related(_photos()), per_page).get_page(page)
    cards = [
        Card(report=r, photos=list(r.photos.all()), distance=getattr(r, "distance", None))
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
