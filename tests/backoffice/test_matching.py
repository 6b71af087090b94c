"""Matching lost and found reports (``backoffice.matching``): on a hand-made set of 24 lost pets
and the found reports of them, among distractors, the true match ranks first both ways; blank
fields never raise a score; every candidate says why, attribute by attribute."""

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.matching import (
    ATTRIBUTES,
    DEFAULT_WEIGHTS,
    FOUND,
    LOST,
    MatchWeights,
    candidates_rank,
    facts_of,
    match_score,
    quick_points,
    report_facts,
)
from backoffice.pet_words import (
    COLOUR_CODES,
    breed_terms,
    colours_of,
    colours_read,
    description_terms,
)
from backoffice.vocabulary import Colour

CENTRE = (38.5816, -121.4944)  # Sacramento
T0 = dt.datetime(2026, 10, 1, 18, 0, tzinfo=dt.UTC)


def at(east: float, north: float) -> dict:
    """A place ``east`` and ``north`` miles from the centre."""
    lat = CENTRE[0] + north / 69.09
    lng = CENTRE[1] + east / (69.09 * math.cos(math.radians(CENTRE[0])))
    return {"latitude": lat, "longitude": lng}


def lost(id, species, *, day=0, place=(0, 0), **values):
    return report_facts(
        kind=LOST, id=id, species=species, when=T0 + dt.timedelta(days=day), **at(*place), **values
    )


def found(id, species, *, day=0, place=(0, 0), **values):
    return report_facts(
        kind=FOUND, id=id, species=species, when=T0 + dt.timedelta(days=day), **at(*place), **values
    )


# (lost, found): the found report is of the lost pet. Written as reporters write: in their own
# language, with fewer details from finders, places a few blocks apart, found days later.
PAIRS = [
    (
        lost(1, "dog", colours=["black", "white"], breed="Border collie", size="medium",
             sex="female", age_group="adult", marks="white blaze on face, one blue eye",
             collar="red collar with bone-shaped tag", place=(0, 0)),
        found(101, "dog", day=1, colours=["black", "white"], breed="collie mix", size="medium",
              marks="one blue eye", collar="red collar", place=(0.4, 0.3)),
    ),
    (
        lost(2, "cat", colours=["grey"], breed="domestic shorthair", sex="male",
             age_group="senior", marks="notch in left ear, missing tail tip", place=(3, 2)),
        found(102, "cat", day=4, colours=["gray"], marks="ear notch, short tail", age_group="senior",
              place=(3.5, 2.2)),
    ),
    (
        lost(3, "dog", colours=["golden"], breed="golden retriever", size="large", sex="male",
             age_group="senior", marks="limps on back leg, grey muzzle", place=(-4, 1),
             microchip="985 112 003 456 789"),
        found(103, "dog", day=9, colours=["tan"], breed="retriever", size="large",
              microchip="985112003456789", place=(-12, 6)),
    ),
    (
        lost(4, "dog", colours=["brown"], breed="chihuahua", size="small", sex="female",
             age_group="young", marks="pink collar, very shy", collar="pink collar", place=(6, -3),
             day=2),
        found(104, "dog", day=3, colours=["marrón"], breed="chihuaua", size="small", sex="female",
              collar="collar rosa", place=(6.2, -3.3)),
    ),
    (
        # A lost cat described in Spanish, found and described in English.
        lost(5, "cat", colours=["naranja"], breed="gato común", sex="male", age_group="adult",
             marks="mancha blanca en el pecho", place=(-2, -5)),
        found(105, "cat", day=2, colours=["ginger"], sex="male", marks="white patch on chest",
              place=(-2.3, -4.6)),
    ),
    (
        # Chinese and Vietnamese.
        lost(6, "cat", colours=["玳瑁色"], sex="female", age_group="adult",
             marks="左耳有缺口", place=(8, 4)),
        found(106, "cat", day=5, colours=["đồi mồi"], sex="female", place=(8.5, 4.1)),
    ),
    (
        # Arabic and English.
        lost(7, "dog", colours=["أسود"], breed="لابرادور", size="large", sex="male",
             age_group="adult", collar="طوق أزرق", place=(-7, -2)),
        found(107, "dog", day=1, colours=["black"], breed="lab", size="large",
              collar="blue collar", place=(-6.6, -2.2)),
    ),
    (
        lost(8, "rabbit", colours=["white"], size="small", marks="lop ears, brown nose patch",
             place=(1, 7)),
        found(108, "rabbit", day=2, colours=["white", "brown"], marks="lop eared", place=(1.2, 7.5)),
    ),
    (
        lost(9, "bird", colours=["yellow", "grey"], breed="budgie", marks="says hello",
             place=(-9, 8)),
        found(109, "bird", day=1, colours=["vàng"], breed="parakeet budgie", place=(-9.5, 8.1)),
    ),
    (
        lost(10, "dog", colours=["brindle"], breed="pit bull", size="large", sex="female",
             age_group="adult", marks="scar on right shoulder", place=(10, -8)),
        found(110, "dog", day=6, colours=["atigrado"], breed="pitbull", sex="female",
              marks="scar on shoulder", place=(10.8, -8.2)),
    ),
    (
        lost(11, "cat", colours=["black"], sex="female", age_group="young",
             marks="tiny white spot on throat", place=(-11, -9)),
        found(111, "cat", day=1, colours=["黑色"], age_group="young", marks="white spot on throat",
              place=(-11.2, -9.1)),
    ),
    (
        lost(12, "dog", colours=["white", "tan"], breed="jack russell terrier", size="small",
             sex="male", age_group="adult", marks="brown patch over left eye", place=(12, 10)),
        found(112, "dog", day=12, colours=["white", "brown"], breed="terrier", size="small",
              sex="male", marks="patch over eye", place=(13, 10.5)),
    ),
    (
        lost(13, "dog", colours=["black", "tan"], breed="German shepherd", size="large",
             sex="male", age_group="adult", place=(-13, 11)),
        found(113, "dog", day=2, colours=["đen", "nâu"], breed="chó béc giê", size="large",
              place=(-13.4, 11.3)),
    ),
    (
        lost(14, "cat", colours=["white"], breed="siamese", sex="female", age_group="adult",
             marks="blue eyes, dark ears and tail", place=(14, -12)),
        found(114, "cat", day=3, colours=["cream"], breed="暹罗猫", place=(14.1, -12.2)),
    ),
    (
        lost(15, "dog", colours=["grey"], breed="husky", size="large", sex="female",
             age_group="young", marks="one brown eye one blue eye", place=(-14, -13)),
        found(115, "dog", day=1, colours=["grey", "white"], breed="siberian husky",
              marks="different coloured eyes, brown and blue", place=(-14.2, -12.6)),
    ),
    (
        lost(16, "dog", colours=["cream"], breed="poodle", size="small", sex="male",
             age_group="senior", marks="cloudy eyes, trimmed coat", place=(15, 14)),
        found(116, "dog", day=7, colours=["crema"], breed="caniche", size="small",
              age_group="senior", marks="ojos nublados", place=(15.6, 13.5)),
    ),
    (
        lost(17, "cat", colours=["calico"], sex="female", age_group="adult", place=(-16, 15)),
        found(117, "cat", day=2, colours=["tam thể"], sex="female", place=(-16.3, 15.4)),
    ),
    (
        lost(18, "dog", colours=["ginger"], breed="dachshund", size="small", sex="male",
             age_group="adult", collar="green harness", place=(17, -15)),
        found(118, "dog", day=0.5, colours=["rojo"], breed="perro salchicha", size="small",
              collar="arnés verde", place=(17.1, -15.2)),
    ),
    (
        lost(19, "dog", colours=["black", "white", "tan"], breed="beagle", size="medium",
             sex="female", age_group="adult", marks="loud howl, white tip on tail",
             place=(-18, -16)),
        found(119, "dog", day=3, colours=["tricolor"], breed="beagle", size="medium",
              marks="white tail tip", place=(-18.5, -16.2)),
    ),
    (
        lost(20, "cat", colours=["grey", "tabby"], breed="maine coon", size="large", sex="male",
             age_group="adult", marks="very fluffy, tufted ears", place=(19, 17)),
        found(120, "cat", day=10, colours=["虎斑", "灰色"], size="large",
              marks="fluffy with ear tufts", place=(19.5, 17.8)),
    ),
    (
        lost(21, "dog", colours=["white"], breed="maltese", size="small", sex="female",
             age_group="senior", marks="tear stains", place=(-20, 18)),
        found(121, "dog", day=4, colours=["أبيض"], breed="مالتيز", size="small",
              place=(-20.1, 18.3)),
    ),
    (
        lost(22, "dog", colours=["grey", "spotted"], breed="australian shepherd", size="medium",
             sex="male", age_group="young", marks="docked tail", place=(21, -19)),
        found(122, "dog", day=2, colours=["blue merle"], breed="aussie", size="medium", sex="male",
              marks="no tail, docked", place=(21.2, -19.4)),
    ),
    (
        lost(23, "cat", colours=["black", "white"], sex="male", age_group="adult",
             marks="white socks on all four paws", place=(-22, -20)),
        found(123, "cat", day=1, colours=["tuxedo"], sex="male", marks="white paws",
              place=(-22.4, -20.1)),
    ),
    (
        lost(24, "dog", colours=["golden"], breed="labrador", size="large", sex="female",
             age_group="adult", marks="pink nose", place=(22, 21)),
        found(124, "dog", day=20, colours=["golden"], breed="lab", size="large", sex="female",
              marks="pink nose", place=(22.3, 21)),
    ),
]  # fmt: skip

# Distractors: pets that look like one of the lost ones, but nearer in some way and wrong in
# another (another sex, size, found before it was lost, far away, another species).
DISTRACTORS_FOUND = [
    # Like 1, but a male and large, a mile off.
    found(201, "dog", day=1, colours=["black", "white"], breed="border collie", size="large",
          sex="male", place=(1, 0)),
    # Like 2 but found before the cat was lost.
    found(202, "cat", day=-5, colours=["grey"], marks="ear notch", age_group="senior",
          place=(3, 2)),
    # Like 4 but a black chihuahua.
    found(204, "dog", day=3, colours=["black"], breed="chihuahua", size="small", sex="male",
          place=(6.1, -3.1)),
    # Like 5 but a dog.
    found(205, "dog", day=2, colours=["orange"], sex="male", marks="white patch on chest",
          place=(-2.3, -4.6)),
    # Like 7 but 30 miles away.
    found(207, "dog", day=1, colours=["black"], breed="labrador", size="large", sex="male",
          collar="blue collar", place=(-37, -2)),
    # Like 13 but small.
    found(213, "dog", day=2, colours=["black", "tan"], breed="dachshund", size="small",
          place=(-13.2, 11.1)),
    # Like 15, two months later.
    found(215, "dog", day=60, colours=["grey", "white"], breed="husky", size="large",
          sex="female", place=(-14.2, -12.8)),
    # Like 20, a small grey tabby kitten.
    found(220, "cat", day=3, colours=["grey", "tabby"], size="small", age_group="young",
          place=(19.3, 17.5)),
    # Like 24, another chip.
    found(224, "dog", day=20, colours=["yellow"], breed="labrador", size="large", sex="female",
          microchip="900111222333444", place=(22.5, 21.3)),
    # Vague reports nearby every few miles.
    *[found(300 + i, "dog", day=2, place=(i * 3 - 20, i * 2 - 15)) for i in range(14)],
    *[found(320 + i, "cat", day=2, colours=["black"], place=(i * 3 - 19, 10 - i)) for i in range(10)],
]  # fmt: skip

DISTRACTORS_LOST = [
    # Like 101 but lost after it was found.
    lost(401, "dog", day=10, colours=["black", "white"], breed="collie", size="medium",
         place=(0.4, 0.3)),
    # Like 105 but female.
    lost(405, "cat", day=1, colours=["orange"], sex="female", marks="white patch on chest",
         place=(-2.2, -4.7)),
    # Like 118 but large.
    lost(418, "dog", day=0, colours=["ginger"], breed="golden retriever", size="large",
         place=(17, -15)),
    # Like 124 but its chip is another than the found dog's.
    lost(424, "dog", day=19, colours=["yellow"], breed="labrador", size="large", sex="female",
         microchip="900111222333999", place=(22.4, 21.2)),
    *[lost(500 + i, "cat", day=-3, colours=["grey"], place=(i * 2 - 10, i - 5)) for i in range(12)],
]  # fmt: skip

ALL_LOST = [pair[0] for pair in PAIRS] + DISTRACTORS_LOST
ALL_FOUND = [pair[1] for pair in PAIRS] + DISTRACTORS_FOUND


def test_the_set_is_big_enough():
    assert len(PAIRS) >= 20
    assert len(DISTRACTORS_FOUND) >= 20 and len(DISTRACTORS_LOST) >= 10


@pytest.mark.parametrize("lost_report, found_report", PAIRS, ids=lambda r: str(r.id))
def test_the_found_pet_ranks_first_for_its_owner(lost_report, found_report):
    ranked = candidates_rank(lost_report, ALL_FOUND, keep_all=True)
    assert ranked, "no candidate at all"
    assert ranked[0].found_id == found_report.id, [(s.found_id, s.points) for s in ranked[:3]]
    assert ranked[0].percent >= DEFAULT_WEIGHTS.minimum_percent


@pytest.mark.parametrize("lost_report, found_report", PAIRS, ids=lambda r: str(r.id))
def test_the_owner_ranks_first_for_the_finder(lost_report, found_report):
    ranked = candidates_rank(found_report, ALL_LOST, keep_all=True)
    assert ranked[0].lost_id == lost_report.id, [(s.lost_id, s.points) for s in ranked[:3]]


def test_another_species_is_never_a_candidate():
    cat = found(1, "cat", colours=["black"])
    dog = lost(2, "dog", colours=["black"])
    assert match_score(dog, cat) is None
    assert candidates_rank(dog, [cat], keep_all=True) == []


def test_an_equal_microchip_is_decisive_however_far_and_late():
    owner = lost(1, "dog", microchip="985-112-003-456", colours=["black"], size="small")
    finder = found(
        2, "dog", microchip="985112003456", colours=["white"], size="large", day=400,
        place=(300, 0),
    )  # fmt: skip
    score = match_score(owner, finder)
    assert score.decisive and score.percent == 100 and score.microchip == "equal"
    assert candidates_rank(owner, [finder, found(3, "dog", colours=["black"])])[0].found_id == 2


def test_different_chips_are_said_and_score_nothing():
    score = match_score(lost(1, "dog", microchip="111"), found(2, "dog", microchip="222"))
    assert score.microchip == "differ" and not score.decisive
    scanned = match_score(lost(1, "dog", microchip="111"), found(2, "dog", chip_not_found=True))
    assert scanned.microchip == "not_read"


def test_found_before_it_was_lost_is_no_candidate_beyond_a_day():
    owner = lost(1, "cat", colours=["grey"])
    assert match_score(owner, found(2, "cat", colours=["grey"], day=-3)) is None
    within_grace = match_score(owner, found(3, "cat", colours=["grey"], day=-0.5))
    assert within_grace is not None and within_grace.part("time").points == DEFAULT_WEIGHTS.time


def test_points_decay_with_distance_and_time():
    owner = lost(1, "dog")
    near, mile, far = (match_score(owner, found(i, "dog", place=(m, 0))) for i, m in
                       enumerate((0, 1, 5)))  # fmt: skip
    assert near.part("distance").points > mile.part("distance").points > far.part("distance").points
    assert mile.part("distance").points == pytest.approx(DEFAULT_WEIGHTS.distance / 2, abs=0.1)
    assert match_score(owner, found(9, "dog", place=(40, 0))) is None
    soon, weeks = (match_score(owner, found(i, "dog", day=d)) for i, d in ((1, 1), (2, 28)))
    assert soon.part("time").points > weeks.part("time").points
    assert weeks.part("time").points == pytest.approx(DEFAULT_WEIGHTS.time / 4, abs=0.1)
    assert match_score(owner, found(3, "dog", day=DEFAULT_WEIGHTS.max_days + 1)) is None


def test_every_candidate_says_why_attribute_by_attribute():
    score = match_score(*PAIRS[0])
    assert [part.attribute for part in score.parts] == list(ATTRIBUTES)
    assert score.part("colours").shared == ("black", "white")
    assert score.part("sex").points == 0  # the finder did not say
    assert score.part("size").points == DEFAULT_WEIGHTS.size
    assert "mark:eye" in score.part("marks").shared
    assert score.points == pytest.approx(sum(p.points for p in score.parts), abs=0.2)
    assert score.part("distance").measure == pytest.approx(0.5, abs=0.05)


def test_near_values_score_part():
    owner = lost(1, "dog", size="medium", colours=["tan"], age_group="adult")
    score = match_score(owner, found(2, "dog", size="large", colours=["brown"], age_group="young"))
    assert score.part("size").points == DEFAULT_WEIGHTS.size / 2
    assert score.part("colours").points == DEFAULT_WEIGHTS.colours / 2
    assert score.part("colours").shared == ("tan~brown",)
    assert 0 < score.part("age_group").points < DEFAULT_WEIGHTS.age_group
    far = match_score(owner, found(3, "dog", size="extra_large", colours=["black"]))
    assert far.part("size").points == 0 and far.part("colours").points == 0


def test_weights_are_an_input():
    pair = PAIRS[0]
    no_colours = MatchWeights(colours=0)
    assert match_score(*pair, weights=no_colours).part("colours").points == 0
    assert match_score(*pair, weights=no_colours).maximum == DEFAULT_WEIGHTS.maximum - 20
    doubled = MatchWeights.from_values({"size": 16, "unknown": 3, "sex": None})
    assert doubled.size == 16 and doubled.sex == DEFAULT_WEIGHTS.sex
    assert match_score(*pair, weights=doubled).part("size").points == 16


def test_a_report_that_says_nothing_scores_only_place_and_time():
    owner = lost(1, "dog", colours=["black"], breed="lab", size="large", sex="male")
    score = match_score(owner, found(2, "dog"))
    scored = {part.attribute for part in score.parts if part.points}
    assert scored == {"distance", "time"}
    assert score.percent <= round(100 * (DEFAULT_WEIGHTS.distance + DEFAULT_WEIGHTS.time) / 100)


def test_no_cap_on_the_number_of_candidates():
    owner = lost(1, "cat", colours=["grey"], sex="male")
    many = [
        found(10 + i, "cat", colours=["grey"], sex="male", place=(0.01 * i, 0)) for i in range(600)
    ]
    ranked = candidates_rank(owner, many)
    assert len(ranked) == 600
    assert [s.found_id for s in ranked[:3]] == [10, 11, 12]


def test_below_the_minimum_only_when_asked_for_all():
    owner = lost(1, "cat")
    faint = found(2, "cat", place=(6, 0), day=45)
    assert candidates_rank(owner, [faint]) == []
    assert len(candidates_rank(owner, [faint], keep_all=True)) == 1


def test_facts_of_reads_any_object_with_a_report_s_attributes():
    class Report:
        pk = 7
        kind = LOST
        species = "dog"
        colours = ["gris"]
        size = "giant"  # not a size: blank
        latitude = "nan"
        longitude = 3
        when = None

    facts = facts_of(Report())
    assert facts.id == 7 and facts.colours == {"grey"}
    assert facts.size == "" and facts.point is None


# --- The words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, codes",
    [
        ("grey", {"grey"}),
        ("gray", {"grey"}),
        ("gris", {"grey"}),
        ("灰色", {"grey"}),
        ("xám", {"grey"}),
        ("xam", {"grey"}),
        ("رمادي", {"grey"}),
        ("رمادية", {"grey"}),
        ("negra y blanca", {"black", "white"}),
        ("黑白", {"black", "white"}),
        ("đen trắng", {"black", "white"}),
        ("أسود وأبيض", {"black", "white"}),
        ("الأبيض", {"white"}),
        ("vàng kim", {"golden"}),
        ("nâu nhạt", {"tan"}),
        ("nâu", {"brown"}),
        ("blue merle", {"spotted"}),
        ("tricolour", {"black", "white", "tan"}),
        ("light brown", {"tan"}),
        ("黄褐色", {"tan"}),
        ("tuxedo", {"black", "white"}),
        ("do not chase, may be friendly", set()),
        ("", set()),
    ],
)
def test_colours_are_read_in_five_languages(text, codes):
    assert colours_read(text) == codes


def test_the_vocabulary_has_words_for_exactly_the_forms_colours():
    assert COLOUR_CODES == set(Colour.values)


def test_every_colour_code_is_read_as_itself():
    for colour in COLOUR_CODES:
        assert colours_of([colour]) == {colour}
        assert colours_read(colour) == {colour}


def test_breed_words():
    assert breed_terms("Black Lab mix") == {"breed:labrador", "black"}
    assert breed_terms("pastor alemán") == breed_terms("German Shepherd") == breed_terms("德牧")
    assert breed_terms("rotweiler") == {"breed:rottweiler"}
    for nothing in ("unknown", "mixed", "no sé", "不知道", "mutt", "không biết", "غير معروف"):
        assert breed_terms(nothing) == frozenset(), nothing


def test_marks_words_compare_across_languages_and_forms():
    assert description_terms("mancha blanca") & description_terms("white patch")
    assert description_terms("white spots on paws") == {"mark:patch", "mark:leg", "colour:white"}
    assert description_terms("左耳有缺口") == {"mark:notch", "mark:ear", "左"}
    assert description_terms("the and of") == frozenset()


# --- Blank fields never raise a score ------------------------------------------------------

COLOUR_LISTS = st.lists(st.sampled_from(sorted(COLOUR_CODES)), max_size=3)
WORDS = st.sampled_from(
    ["", "white patch on chest", "notch in ear", "blue collar", "limps", "chihuahua", "lab mix",
     "manchas", "左耳", "đốm trắng", "ندبة", "  ", "unknown", "٣ legs"]
)  # fmt: skip


@st.composite
def reports(draw, kind):
    return report_facts(
        kind=kind,
        id=draw(st.integers(1, 10_000)),
        species="dog",
        microchip=draw(st.sampled_from(["", "", "123456", "654321"])),
        colours=draw(COLOUR_LISTS),
        breed=draw(WORDS),
        size=draw(st.sampled_from(["", "small", "medium", "large", "extra_large"])),
        sex=draw(st.sampled_from(["", "female", "male"])),
        age_group=draw(st.sampled_from(["", "young", "adult", "senior"])),
        marks=draw(WORDS),
        collar=draw(WORDS),
        latitude=CENTRE[0] + draw(st.floats(-0.2, 0.2)),
        longitude=CENTRE[1] + draw(st.floats(-0.2, 0.2)),
        when=T0 + dt.timedelta(hours=draw(st.integers(-30, 24 * 150))),
    )


BLANKS = {
    "microchip": "",
    "colours": frozenset(),
    "breed": frozenset(),
    "size": "",
    "sex": "",
    "age_group": "",
    "marks": frozenset(),
    "collar": frozenset(),
    "point": None,
    "when": None,
}


@given(
    reports(LOST),
    reports(FOUND),
    st.sampled_from(sorted(BLANKS)),
    st.sampled_from([LOST, FOUND]),
)
def test_blanking_a_field_never_raises_a_score(owner, finder, name, side):
    import dataclasses

    before = match_score(owner, finder)
    if side == LOST:
        owner = dataclasses.replace(owner, **{name: BLANKS[name]})
    else:
        finder = dataclasses.replace(finder, **{name: BLANKS[name]})
    after = match_score(owner, finder)
    if before is None:
        return
    if after is None:
        # Only an equal chip, blanked, can make a pet found too far or too late no candidate.
        assert before.decisive and name == "microchip"
        return
    assert after.points <= before.points
    assert after.percent <= before.percent
    for part_before, part_after in zip(before.parts, after.parts, strict=True):
        assert part_after.points <= part_before.points
        assert part_after.points >= 0


@given(reports(LOST), reports(FOUND))
def test_a_field_one_side_leaves_blank_scores_nothing(owner, finder):
    import dataclasses

    score = match_score(dataclasses.replace(owner, **BLANKS), finder)
    if score is not None:
        assert score.points == 0 and score.percent == 0 and not score.decisive


@given(reports(LOST), reports(FOUND))
def test_the_quick_points_are_the_explained_points(owner, finder):
    score = match_score(owner, finder)
    quick = quick_points(owner, finder, DEFAULT_WEIGHTS)
    if score is None:
        assert quick is None
    elif score.decisive:
        assert quick == math.inf
    else:
        # The explanation rounds each attribute's points to a tenth.
        assert quick == pytest.approx(score.points, abs=0.5)


@pytest.mark.parametrize("lost_report, found_report", PAIRS, ids=lambda r: str(r.id))
def test_the_quick_points_of_the_pairs(lost_report, found_report):
    score = match_score(lost_report, found_report)
    quick = quick_points(lost_report, found_report, DEFAULT_WEIGHTS)
    assert quick == (math.inf if score.decisive else pytest.approx(score.points, abs=0.5))
