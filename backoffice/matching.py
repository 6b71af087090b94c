"""Matching lost and found reports, explainably: how well a found pet fits a lost one, attribute
by attribute, so that staff see *why* a candidate is proposed.

The scorer is pure: it reads ``ReportFacts`` (built from a report, a model or any object with the
same attributes, by ``facts_of``) and ``MatchWeights`` (the defaults here; staff change them in
the admin), and returns a ``MatchScore`` whose parts hold the points of each attribute.

The rules:

- the species must be the same, else there is no candidate;
- an equal microchip number is decisive: 100%, whatever else the reports say;
- colours, breed, size, sex, age group, distinguishing marks, collar and tag score on what both
  reports actually say: a blank or unknown field scores nothing (and never takes points away), a
  field that disagrees scores nothing either, a near value (medium and large, tan and brown)
  scores part;
- the places score less the farther apart they are (points halve every ``distance_half_miles``:
  most lost pets are found within a mile); farther than ``max_miles``, no candidate;
- the pet must be found *after* it was lost (``grace_hours`` before still counts: the times people
  give are approximate); points halve every ``time_half_days``; later than ``max_days``, no
  candidate.

The percentage is the points out of the most all attributes can give (``MatchWeights.maximum``),
so a report that says little gets candidates with low percentages rather than high ones.
"""

import math
from dataclasses import dataclass, field, fields
from datetime import datetime
from functools import lru_cache

from core.digits import microchip_compact
from core.geography import distance_miles
from search.analysis import allowed_edits, edit_distance

from .pet_words import breed_terms, colours_of, description_terms

LOST = "lost"
FOUND = "found"

SIZES = ("small", "medium", "large", "extra_large")
AGE_GROUPS = ("young", "adult", "senior")
SEXES = ("female", "male")

# Colours people often tell apart differently: half the points of the same colour.
CLOSE_COLOURS = {
    frozenset(pair)
    for pair in [
        ("tan", "brown"),
        ("tan", "cream"),
        ("tan", "golden"),
        ("tan", "ginger"),
        ("golden", "cream"),
        ("golden", "ginger"),
        ("cream", "white"),
        ("brindle", "tabby"),
        ("brindle", "brown"),
        ("tortoiseshell", "calico"),
        ("tortoiseshell", "ginger"),
    ]
}

# The attributes scored, in the order staff read them.
ATTRIBUTES = (
    "colours",
    "breed",
    "size",
    "sex",
    "age_group",
    "marks",
    "collar",
    "distance",
    "time",
)


@dataclass(frozen=True)
class MatchWeights:
    """The points each attribute gives at best, and the rules of distance and time. The
    defaults add up to 100 points."""

    colours: float = 20
    breed: float = 12
    size: float = 8
    sex: float = 8
    age_group: float = 6
    marks: float = 14
    collar: float = 6
    distance: float = 16
    time: float = 10
    distance_half_miles: float = 1.0
    time_half_days: float = 14.0
    max_miles: float = 10.0
    max_days: int = 90
    grace_hours: float = 24.0
    # Candidates below this percentage are scored but not kept (noise for staff).
    minimum_percent: int = 35

    @property
    def maximum(self) -> float:
        return sum(max(getattr(self, name), 0) for name in ATTRIBUTES)

    @classmethod
    def from_values(cls, values: dict) -> "MatchWeights":
        """Weights from stored values (the admin's setting), unknown keys ignored and blanks
        left at their defaults."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (values or {}).items() if k in names and v is not None})


DEFAULT_WEIGHTS = MatchWeights()


@dataclass(frozen=True)
class ReportFacts:
    """What matching reads of a report, normalised once (``report_facts``)."""

    kind: str
    species: str
    id: int | None = None
    microchip: str = ""
    # A found pet scanned without a chip being read.
    chip_not_found: bool = False
    colours: frozenset = frozenset()
    breed: frozenset = frozenset()
    size: str = ""
    sex: str = ""
    age_group: str = ""
    marks: frozenset = frozenset()
    collar: frozenset = frozenset()
    point: tuple[float, float] | None = None
    when: datetime | None = None


def point_or_none(latitude, longitude) -> tuple[float, float] | None:
    try:
        lat, lng = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lng)) or abs(lat) > 90 or abs(lng) > 180:
        return None
    return lat, lng


def choice_or_blank(value, allowed) -> str:
    """A stored code when it is one of ``allowed``; "" (unknown) otherwise."""
    value = str(value or "").strip()
    return value if value in allowed else ""


def report_facts(
    *,
    kind: str,
    species: str,
    id: int | None = None,
    microchip: str = "",
    chip_not_found: bool = False,
    colours=(),
    breed: str = "",
    size: str = "",
    sex: str = "",
    age_group: str = "",
    marks: str = "",
    collar: str = "",
    latitude=None,
    longitude=None,
    when: datetime | None = None,
) -> ReportFacts:
    """A report's facts from its values as stored or typed (unknown values read as blank)."""
    if isinstance(colours, str):
        colours = [colours]
    return ReportFacts(
        kind=kind,
        species=str(species or ""),
        id=id,
        microchip=microchip_compact(microchip),
        chip_not_found=bool(chip_not_found),
        colours=colours_of(colours),
        breed=breed_terms(breed),
        size=choice_or_blank(size, SIZES),
        sex=choice_or_blank(sex, SEXES),
        age_group=choice_or_blank(age_group, AGE_GROUPS),
        marks=description_terms(marks),
        collar=description_terms(collar),
        point=point_or_none(latitude, longitude),
        when=when,
    )


FACT_ATTRIBUTES = (
    "microchip",
    "chip_not_found",
    "colours",
    "breed",
    "size",
    "sex",
    "age_group",
    "marks",
    "collar",
    "latitude",
    "longitude",
    "when",
)


def facts_of(report, **overrides) -> ReportFacts:
    """Facts from any object with a report's attributes (``kind``, ``species``, ``id`` and those
    of ``FACT_ATTRIBUTES``; missing ones are blank)."""
    values = {name: getattr(report, name, None) for name in FACT_ATTRIBUTES}
    values = {k: v for k, v in values.items() if v is not None}
    values.update(overrides)
    values.setdefault("kind", getattr(report, "kind", ""))
    values.setdefault("species", getattr(report, "species", ""))
    values.setdefault("id", getattr(report, "pk", getattr(report, "id", None)))
    return report_facts(**values)


@dataclass(frozen=True)
class Part:
    """The points of one attribute, and what earned them (for the "why" staff read)."""

    attribute: str
    points: float
    maximum: float
    # What both reports say: colour codes ("grey", or "tan~brown" for near ones), words.
    shared: tuple[str, ...] = ()
    lost: str = ""
    found: str = ""
    # Miles apart, or days from lost to found.
    measure: float | None = None


@dataclass(frozen=True)
class MatchScore:
    lost_id: int | None
    found_id: int | None
    decisive: bool
    points: float
    maximum: float
    parts: tuple[Part, ...] = field(default_factory=tuple)
    # "equal", "differ" (both gave a number), "not_read" (the finder scanned, no chip), or "".
    microchip: str = ""

    @property
    def percent(self) -> int:
        if self.decisive:
            return 100
        if self.maximum <= 0:
            return 0
        return max(0, min(100, round(100 * self.points / self.maximum)))

    @property
    def distance(self) -> float | None:
        return next((p.measure for p in self.parts if p.attribute == "distance"), None)

    def part(self, attribute: str) -> Part | None:
        return next((p for p in self.parts if p.attribute == attribute), None)


def _round(value: float) -> float:
    return round(value, 1)


def _ordinal(a: str, b: str, order: tuple[str, ...], near: float) -> float:
    if not a or not b:
        return 0.0
    gap = abs(order.index(a) - order.index(b))
    return 1.0 if gap == 0 else near if gap == 1 else 0.0


def _colours(a: frozenset, b: frozenset) -> tuple[float, tuple[str, ...]]:
    """Dice's coefficient, a near colour counting half: {black, white} and {black} give 2/3."""
    if not a or not b:
        return 0.0, ()
    shared = []
    total = 0.0
    for mine, theirs in ((a, b), (b, a)):
        for colour in mine:
            if colour in theirs:
                total += 1
            elif any(frozenset((colour, other)) in CLOSE_COLOURS for other in theirs):
                total += 0.5
    shared = sorted(a & b)
    shared += sorted(f"{x}~{y}" for x in a - b for y in b - a if frozenset((x, y)) in CLOSE_COLOURS)
    return total / (len(a) + len(b)), tuple(shared)


@lru_cache(maxsize=50_000)
def _near_word(a: str, b: str) -> bool:
    """The same word, or one mistyped ("chihuahua", "chihuaua"): edits allowed as the search
    engine allows them (none below 4 letters), never for codes or digits."""
    if a == b:
        return True
    if ":" in a or ":" in b or a.isdigit() or b.isdigit():
        return False
    limit = min(allowed_edits(a), allowed_edits(b))
    return limit > 0 and a[0] == b[0] and edit_distance(a, b, limit) <= limit


def _words(a: frozenset, b: frozenset, *, fuzzy: bool) -> tuple[float, tuple[str, ...]]:
    """The words both say, as a cosine of the two sets (|shared| / sqrt(|a| |b|)): a long
    description is not drowned by a short one, nor a one-word one inflated."""
    if not a or not b:
        return 0.0, ()
    shared = a & b
    if fuzzy:
        extra = {x for x in a - shared if any(_near_word(x, y) for y in b - shared)}
        count = len(shared) + len(extra)
        shown = shared | extra
    else:
        count, shown = len(shared), shared
    return min(1.0, count / math.sqrt(len(a) * len(b))), tuple(sorted(shown))


def match_score(
    lost: ReportFacts, found: ReportFacts, *, weights: MatchWeights = DEFAULT_WEIGHTS
) -> MatchScore | None:
    """How well ``found`` fits ``lost``; None when it cannot be the same pet (another species;
    found long before it was lost, too long after or too far away, unless the chip is equal)."""
    if not lost.species or lost.species != found.species:
        return None
    chip = ""
    if lost.microchip and found.microchip:
        chip = "equal" if lost.microchip == found.microchip else "differ"
    elif lost.microchip and found.chip_not_found:
        chip = "not_read"
    decisive = chip == "equal"

    parts = []

    def add(attribute, fraction, **detail):
        weight = max(getattr(weights, attribute), 0)
        parts.append(Part(attribute, _round(weight * fraction), _round(weight), **detail))

    fraction, shared = _colours(lost.colours, found.colours)
    add("colours", fraction, shared=shared)
    fraction, shared = _words(lost.breed, found.breed, fuzzy=True)
    add("breed", fraction, shared=shared)
    add("size", _ordinal(lost.size, found.size, SIZES, 0.5), lost=lost.size, found=found.size)
    add("sex", _ordinal(lost.sex, found.sex, SEXES, 0.0), lost=lost.sex, found=found.sex)
    add(
        "age_group",
        _ordinal(lost.age_group, found.age_group, AGE_GROUPS, 0.4),
        lost=lost.age_group,
        found=found.age_group,
    )
    fraction, shared = _words(lost.marks, found.marks, fuzzy=False)
    add("marks", fraction, shared=shared)
    fraction, shared = _words(lost.collar, found.collar, fuzzy=False)
    add("collar", fraction, shared=shared)

    if lost.point and found.point:
        miles = distance_miles(lost.point, found.point)
        if miles > weights.max_miles and not decisive:
            return None
        half = weights.distance_half_miles if weights.distance_half_miles > 0 else 1.0
        add("distance", 0.5 ** (miles / half), measure=round(miles, 2))
    else:
        add("distance", 0.0)

    if lost.when and found.when:
        days = (found.when - lost.when).total_seconds() / 86400
        if not decisive and (days < -weights.grace_hours / 24 or days > weights.max_days):
            return None
        half = weights.time_half_days if weights.time_half_days > 0 else 14.0
        add("time", 0.5 ** (max(days, 0.0) / half), measure=round(days, 1))
    else:
        add("time", 0.0)

    return MatchScore(
        lost_id=lost.id,
        found_id=found.id,
        decisive=decisive,
        points=_round(sum(p.points for p in parts)),
        maximum=_round(weights.maximum),
        parts=tuple(parts),
        microchip=chip,
    )


def _fraction_colours(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    total = 0.0
    for mine, theirs in ((a, b), (b, a)):
        for colour in mine:
            if colour in theirs:
                total += 1
            elif any(frozenset((colour, other)) in CLOSE_COLOURS for other in theirs):
                total += 0.5
    return total / (len(a) + len(b))


def _fraction_words(a: frozenset, b: frozenset, fuzzy: bool) -> float:
    if not a or not b:
        return 0.0
    count = len(a & b)
    if fuzzy and count < min(len(a), len(b)):
        rest = b - a
        count += sum(1 for x in a - b if any(_near_word(x, y) for y in rest))
    return min(1.0, count / math.sqrt(len(a) * len(b)))


def quick_points(lost: ReportFacts, found: ReportFacts, weights: MatchWeights) -> float | None:
    """``match_score(...).points`` without the explanation (what ``candidates_rank`` sorts out
    thousands of candidates with; the kept ones are then explained): None when no candidate,
    ``math.inf`` for an equal chip."""
    if not lost.species or lost.species != found.species:
        return None
    decisive = bool(lost.microchip) and lost.microchip == found.microchip
    points = 0.0
    if lost.point and found.point:
        miles = distance_miles(lost.point, found.point)
        if miles > weights.max_miles and not decisive:
            return None
        half = weights.distance_half_miles if weights.distance_half_miles > 0 else 1.0
        points += max(weights.distance, 0) * 0.5 ** (miles / half)
    if lost.when and found.when:
        days = (found.when - lost.when).total_seconds() / 86400
        if not decisive and (days < -weights.grace_hours / 24 or days > weights.max_days):
            return None
        half = weights.time_half_days if weights.time_half_days > 0 else 14.0
        points += max(weights.time, 0) * 0.5 ** (max(days, 0.0) / half)
    if decisive:
        return math.inf
    if lost.colours and found.colours:
        points += max(weights.colours, 0) * _fraction_colours(lost.colours, found.colours)
    if lost.breed and found.breed:
        points += max(weights.breed, 0) * _fraction_words(lost.breed, found.breed, True)
    if lost.size and found.size:
        points += max(weights.size, 0) * _ordinal(lost.size, found.size, SIZES, 0.5)
    if lost.sex and lost.sex == found.sex:
        points += max(weights.sex, 0)
    if lost.age_group and found.age_group:
        points += max(weights.age_group, 0) * _ordinal(
            lost.age_group, found.age_group, AGE_GROUPS, 0.4
        )
    if lost.marks and found.marks:
        points += max(weights.marks, 0) * _fraction_words(lost.marks, found.marks, False)
    if lost.collar and found.collar:
        points += max(weights.collar, 0) * _fraction_words(lost.collar, found.collar, False)
    return points


def rank_key(score: MatchScore):
    """Best first: an equal chip, then points, then the nearer, then the older report."""
    distance = score.distance
    return (
        not score.decisive,
        -score.points,
        distance if distance is not None else math.inf,
        score.lost_id or 0,
        score.found_id or 0,
    )


def candidates_rank(
    report: ReportFacts, others, *, weights: MatchWeights = DEFAULT_WEIGHTS, keep_all=False
) -> list[MatchScore]:
    """Every report of the other kind in ``others`` scored against ``report``, best first; those
    below ``weights.minimum_percent`` left out (unless ``keep_all``) but never a decisive one.
    Nothing is cut by number."""
    scores = []
    maximum = weights.maximum
    # Sorted out on the points alone (a little below the minimum, for rounding), then explained.
    floor = -1.0 if keep_all else maximum * (weights.minimum_percent - 1) / 100
    for other in others:
        if other.kind == report.kind or (other.id is not None and other.id == report.id):
            continue
        lost, found = (report, other) if report.kind == LOST else (other, report)
        points = quick_points(lost, found, weights)
        if points is None or points < floor:
            continue
        score = match_score(lost, found, weights=weights)
        if keep_all or score.decisive or score.percent >= weights.minimum_percent:
            scores.append(score)
    scores.sort(key=rank_key)
    return scores
