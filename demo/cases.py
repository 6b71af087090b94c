"""Demo cases: a year of case work by the demo case managers, done through the back office's services.

About 300 cases over the last year, across case types, channels, statuses, languages and case
managers, a few of them confidential (safety). Each is built as staff would build it, through
``backoffice.services``: opened (``case_open``), taken or assigned, contacted (``case_note_add``),
moved on (``case_status_set``), handed over (``case_transfer``), referred (``case_refer``,
``referral_status_set``), followed up (``case_followup_add``, ``case_followup_complete``), resolved
(``case_resolve``), closed by a supervisor, sometimes reopened (``case_reopen``). So every case is
in a state the product can reach, and a service that refuses a step stops the load with its error.
Each step happens at its moment in the past: ``time_machine`` moves the clock the services read,
never beyond now, so timelines, the audit log and the dashboard read as a year of real work.

Channels are the ways cases open today: the hotline, the front desk and email, which staff
record in the back office, lost or found reports, and the public pet support survey
(``/<language>/help/``), whose cases open with no staff member and wait in the queue until a case
manager takes them.

Deterministic (a fixed seed, dates relative to today) and idempotent: loading again first removes
the earlier demo cases (client tokens start "demo-") and the people who were theirs, then plays the
same stories again; the append-only audit log keeps its lines about the removed ones, and the new
cases carry on the reference numbering. People are invented: names are random pairings, phone
numbers are in the fictional 555-01xx range and emails use example.org.

Longer than the ~500-line rule on purpose: it is one script of demo case work (people, pets,
needs, timelines, outcomes) that reads best top to bottom; it is development-only and not packaged.
"""

import datetime
import random
from dataclasses import dataclass, field

import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from backoffice import services
from backoffice.models import Case, FollowUp, Person, Pet, Referral, TimelineEntry
from backoffice.vocabulary import (
    KEPT_TOGETHER_OUTCOMES,
    AgeGroup,
    CaseType,
    Channel,
    ContactMethod,
    ContactTime,
    Need,
    NoteKind,
    Outcome,
    Reason,
    ReferralStatus,
    Sex,
    Size,
    Species,
    Status,
    Urgency,
    YesNoUnknown,
)
from directory.models import Resource

DEMO_CASES = 300
SEED = 2026
TOKEN_PREFIX = "demo-"
CASE_MANAGERS = ("casemanager", "casemanager2")
SUPERVISOR = "supervisor"

# Invented people: first and last names are paired at random, per language.
NAMES = {
    "en": (
        "Jordan Keisha Tyrone Maya Dakota Priya Samir Aisha Noah Harper Imani Rowan Teresa Malik "
        "Sienna Quinn".split(),
        "Okafor Whitfield Brightwater Delacroix Fairbanks Kowalczyk Osei Lindqvist Redcloud Ashby "
        "Mbeki Thornbury".split(),
    ),
    "es": (
        "Lucía Mateo Guadalupe Rafael Ximena Joaquín Marisol Esteban Rocío Itzel".split(),
        "Villaseñor Quintanilla Arredondo Solórzano Bracamontes Echeverría Montemayor "
        "Zavaleta".split(),
    ),
    "zh-hans": (
        "Wei Mei Jun Lan Hao Xiu Yong Ling".split(),
        "Zhao Qian Sun Zhou Wu Zheng Feng Chu".split(),
    ),
    "vi": (
        ["Thanh", "Linh", "Minh Anh", "Quang", "Huong", "Bao", "Ngoc", "Tuan"],
        "Phan Vo Dang Bui Do Ho Ngo Duong".split(),
    ),
    "ar": (
        "Layla Omar Yasmin Karim Noor Tariq Rania Bilal".split(),
        "Haddad Mansour Khoury Nassar Saleh Darwish Aziz Qasim".split(),
    ),
    "tl": (["Marites", "Jomar", "Luzviminda", "Rodel"], ["Dimaculangan", "Bautista", "Magsaysay"]),
    "ko": (["Ji-woo", "Min-jun", "Seo-yeon"], ["Bae", "Yoon", "Han"]),
}
LANGUAGE_WEIGHTS = [
    ("en", 50),
    ("es", 24),
    ("zh-hans", 8),
    ("vi", 8),
    ("ar", 6),
    ("tl", 2),
    ("ko", 2),
]
ZIP_CODES = ["95814", "95815", "95817", "95820", "95824", "95670", "95691"]
HOUSEHOLD_NOTES = [
    "",
    "",
    "Lives with two children and a grandparent.",
    "Works night shifts; afternoons are best.",
    "Recently moved in with a family member.",
]
CASE_TYPES = [
    (CaseType.PET_SUPPORT, 60),
    (CaseType.REHOMING, 15),
    (CaseType.LOST_PET, 10),
    (CaseType.FOUND_PET, 8),
    (CaseType.OTHER, 7),
]
# The ways a pet support or rehoming case opens: staff record calls, visits and emails in the back
# office; the public survey (/<language>/help/) opens its own, at any hour.
CHANNELS = [(Channel.PHONE, 45), (Channel.SURVEY, 25), (Channel.WALK_IN, 18), (Channel.EMAIL, 12)]
LOST_FOUND_CHANNELS = [(Channel.LOST_FOUND, 45), (Channel.PHONE, 35), (Channel.WALK_IN, 20)]

PET_NAMES = {
    Species.DOG: "Biscuit Luna Rocky Canela Mochi Duke Pepper Nala Bruno Rosie Taro Zeus".split(),
    Species.CAT: "Whiskers Mango Shadow Mimi Tiger Olive Bao Noodle Sultan Cleo".split(),
    Species.RABBIT: ["Clover", "Thumper", "Juniper"],
    Species.BIRD: ["Kiwi", "Sunny", "Paco"],
    Species.SMALL_ANIMAL: ["Peanut", "Hazel"],
    Species.REPTILE: ["Spike"],
}
SPECIES_WEIGHTS = [
    (Species.DOG, 55),
    (Species.CAT, 35),
    (Species.RABBIT, 4),
    (Species.BIRD, 3),
    (Species.SMALL_ANIMAL, 2),
    (Species.REPTILE, 1),
]
# Dog breeds with the sizes they come in (a Chihuahua is never large).
DOG_BREEDS = {
    "Pit bull mix": [Size.MEDIUM, Size.LARGE],
    "Chihuahua": [Size.SMALL],
    "Labrador mix": [Size.LARGE],
    "German shepherd": [Size.LARGE],
    "Husky": [Size.MEDIUM, Size.LARGE],
    "Shih tzu": [Size.SMALL],
    "Great Dane": [Size.EXTRA_LARGE],
    "Mixed breed": [Size.SMALL, Size.MEDIUM, Size.LARGE, Size.UNKNOWN],
}
CAT_BREEDS = ["Domestic shorthair", "Domestic longhair", "Siamese mix", "Tabby"]

SUMMARIES = {
    Need.FOOD_SUPPLIES: "Between paychecks this month and running low on pet food.",
    Need.URGENT_VET: "Their pet stopped eating yesterday and they cannot afford an emergency visit.",
    Need.ROUTINE_VET: "Needs vaccines and a check-up; looking for a low-cost clinic nearby.",
    Need.BEHAVIOUR: "Their pet has grown anxious and destructive since the move; wants behaviour help.",
    Need.DEPOSIT_FEES: "Found a new apartment but the pet deposit is more than they can pay now.",
    Need.LANDLORD: "New building manager says the pet must go within 30 days.",
    Need.HOUSING: "Has to move and is looking for pet-friendly housing.",
    Need.TEMPORARY_CARE: "Going into hospital for surgery and needs someone to care for the pet.",
    Need.TRANSPORT: "Has no car and needs a ride to the vet appointment.",
    Need.REHOMING: "Wants help finding a good home for the pet directly.",
    Need.SURRENDER: "Feels they have no option but to bring the pet to the shelter.",
    Need.END_OF_LIFE: "Their senior pet is very ill; wants to talk about end-of-life care.",
    Need.LOST_PET: "Their {species} slipped out during a move three days ago.",
    Need.FOUND_PET: "Found a friendly {species} without a collar near the park.",
    Need.OTHER: "Has questions about pet licensing in the county.",
}
SAFETY_SUMMARY = "Leaving an unsafe home and needs a safe place for the pet for a few weeks."
NOTES = {
    NoteKind.CALL: [
        "Spoke with them by phone. They shared more about the situation and what has worked so far.",
        "Called back as promised; they are managing for now and appreciated the check-in.",
    ],
    NoteKind.TEXT: [
        "Sent the clinic's address and hours by text, as they asked.",
        "They texted that the appointment went well.",
    ],
    NoteKind.EMAIL: ["Emailed the list of pet-friendly rentals and the deposit-help application."],
    NoteKind.VISIT: ["Came to the front desk; picked up two bags of food and a leash."],
    NoteKind.INTERNAL: [
        "Checked with the food bank: they restock on Thursdays.",
        "Interpreter booked for the next call.",
        "Partner confirmed they have space next week.",
    ],
}
SAFETY_NOTE = "Called at the time they chose; no message left, as agreed. They are safe for now."
# Directory categories a case manager looks in for each need.
NEED_CATEGORIES = {
    Need.FOOD_SUPPLIES: ["pet-food"],
    Need.URGENT_VET: ["vet-emergency", "financial-help"],
    Need.ROUTINE_VET: ["vet-wellness", "spay-neuter", "microchip"],
    Need.BEHAVIOUR: ["behaviour"],
    Need.DEPOSIT_FEES: ["pet-deposit-help"],
    Need.LANDLORD: ["landlord-legal"],
    Need.HOUSING: ["pet-friendly-housing"],
    Need.TEMPORARY_CARE: ["emergency-boarding", "crisis-foster"],
    Need.TRANSPORT: ["transport"],
    Need.REHOMING: ["rehoming"],
    Need.SURRENDER: ["rehoming", "financial-help"],
    Need.END_OF_LIFE: ["end-of-life"],
    Need.LOST_PET: ["lost-found", "microchip"],
    Need.FOUND_PET: ["lost-found"],
}
PARTNERS = [
    "Neighbourhood Pet Pantry",
    "Second Chance Training Collective",
    "Safe Paws Foster Network",
    "Tenant Rights Hotline",
]
REFERRAL_NOTES = ["", "Gave them the intake phone number.", "Warm hand-off by phone."]
FOLLOWUP_NOTES = [
    "Check the vet appointment went well.",
    "Ask whether the landlord replied.",
    "Confirm food pick-up.",
    "",
]
TRANSFER_REASON = (
    "Handing over to {name}: they connected well on the last call, and {name} has room."
)
REOPEN_REASON = "They called again: the first arrangement fell through."


class DemoStaffMissing(Exception):
    """The demo cases are worked by the demo staff accounts (``demo.accounts``)."""


@dataclass
class Staff:
    case_managers: list
    supervisor: object

    @property
    def everyone(self) -> list:
        return [*self.case_managers, self.supervisor]


@dataclass
class Plan:
    """One case's story, drawn before anything is written."""

    index: int
    opened_at: datetime.datetime
    age_days: int
    language: str
    case_type: str
    channel: str
    safety: bool
    status: str = Status.NEW
    needs: list = field(default_factory=list)
    reasons: list = field(default_factory=list)


def _pick(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _staff() -> Staff:
    users = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in=[*CASE_MANAGERS, SUPERVISOR], is_active=True
        )
    }
    missing = sorted({*CASE_MANAGERS, SUPERVISOR} - set(users))
    if missing:
        raise DemoStaffMissing(
            f"the demo cases need the demo staff accounts ({', '.join(missing)} missing): "
            "load demo.accounts first"
        )
    return Staff([users[name] for name in CASE_MANAGERS], users[SUPERVISOR])


def demo_cases_remove() -> int:
    """Remove the demo cases and the people who were theirs only; return how many cases went.

    The audit log is append-only: its lines about them stay, and their reference numbers are not
    handed out again (the next demo cases carry on the numbering).
    """
    old = Case.objects.filter(client_token__startswith=TOKEN_PREFIX)
    people = list(old.values_list("person_id", flat=True))
    removed, _by_model = old.delete()
    Person.objects.filter(pk__in=people, cases__isnull=True).delete()
    return removed


@transaction.atomic
def demo_cases_load(count: int = DEMO_CASES) -> list[str]:
    """Replace the demo cases; return report lines for ``load_demo_data``."""
    staff = _staff()
    demo_cases_remove()
    rng = random.Random(SEED)
    now = timezone.now()
    referrals = _referral_resources()
    plans = sorted((_plan(rng, index, now) for index in range(count)), key=lambda p: p.opened_at)
    cases = [_play(rng, plan, staff, referrals, now) for plan in plans]
    return _report(cases)


def _referral_resources() -> dict[str, list]:
    """Public listings by category slug (a category holds those of its subcategories too)."""
    by_slug: dict[str, list] = {}
    resources = Resource.objects.public().prefetch_related("categories__parent").order_by("hsds_id")
    for resource in resources:
        for category in resource.categories.all():
            by_slug.setdefault(category.slug, []).append(resource)
            if category.parent is not None:
                by_slug.setdefault(category.parent.slug, []).append(resource)
    return by_slug


# --- Drawing the plans ----------------------------------------------------------------------------


def _opening_moment(rng: random.Random, now: datetime.datetime, age_days: int, channel: str):
    """A time of day the channel is open (the hotline 8:00-20:00, the front desk 9:00-17:00, the
    online survey at any hour)."""
    day = timezone.localdate(now) - datetime.timedelta(days=age_days)
    first, last = {Channel.WALK_IN: (9, 16), Channel.SURVEY: (0, 23)}.get(channel, (8, 19))
    moment = datetime.datetime.combine(
        day, datetime.time(rng.randint(first, last), rng.randint(0, 59))
    )
    moment = timezone.make_aware(moment)
    if moment > now - datetime.timedelta(minutes=30):  # today, later than now: earlier today
        moment = now - datetime.timedelta(minutes=rng.randint(30, 90))
    return moment


def _status_for_age(rng: random.Random, age: int) -> str:
    """Recent cases are mostly open; older ones resolved or closed."""
    if age < 3:
        return rng.choice([Status.NEW, Status.NEW, Status.IN_PROGRESS])
    if age < 21:
        return rng.choice(
            [Status.IN_PROGRESS, Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.NEW]
        )
    if age < 60:
        return rng.choice(
            [Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.RESOLVED, Status.CLOSED]
        )
    return rng.choice([Status.RESOLVED, Status.CLOSED, Status.CLOSED, Status.CLOSED])


def _plan(rng: random.Random, index: int, now: datetime.datetime) -> Plan:
    language = _pick(rng, LANGUAGE_WEIGHTS)
    age_days = min(int(rng.expovariate(1 / 90)), 364)
    case_type = _pick(rng, CASE_TYPES)
    safety = case_type == CaseType.PET_SUPPORT and rng.random() < 0.05
    lost_found = case_type in (CaseType.LOST_PET, CaseType.FOUND_PET)
    channel = (
        Channel.PHONE if safety else _pick(rng, LOST_FOUND_CHANNELS if lost_found else CHANNELS)
    )
    plan = Plan(
        index=index,
        opened_at=_opening_moment(rng, now, age_days, channel),
        age_days=age_days,
        language=language,
        case_type=case_type,
        channel=channel,
        safety=safety,
        status=_status_for_age(rng, age_days),
    )
    type_needs = {
        CaseType.LOST_PET: [Need.LOST_PET],
        CaseType.FOUND_PET: [Need.FOUND_PET],
        CaseType.REHOMING: [rng.choice([Need.REHOMING, Need.SURRENDER])],
    }.get(case_type)
    if type_needs:
        plan.needs = type_needs
        if case_type == CaseType.REHOMING and rng.random() < 0.5:
            plan.needs.append(rng.choice([Need.HOUSING, Need.BEHAVIOUR, Need.DEPOSIT_FEES]))
    else:
        pool = [n for n in Need.values if n not in (Need.LOST_PET, Need.FOUND_PET, Need.REHOMING)]
        plan.needs = rng.sample(pool, k=rng.choice([1, 1, 2, 3]))
    if safety:
        plan.needs = list(dict.fromkeys([Need.TEMPORARY_CARE, *plan.needs]))
    if not lost_found:
        plan.reasons = rng.sample(
            [r for r in Reason.values if r != Reason.SAFETY], k=rng.choice([0, 1, 1, 2])
        )
    if safety:
        plan.reasons.append(Reason.SAFETY)
    return plan


def _person(rng: random.Random, plan: Plan) -> services.PersonDetails:
    firsts, lasts = NAMES[plan.language]
    first, last = rng.choice(firsts), rng.choice(lasts)
    email = ""
    if rng.random() < 0.7 or plan.channel == Channel.EMAIL:
        email = f"{first.lower().replace(' ', '.')}.{last.lower()}{plan.index}@example.org"
    return services.PersonDetails(
        name=f"{first} {last}",
        preferred_language=plan.language,
        interpreter_needed=plan.language != "en" and rng.random() < 0.6,
        phone=f"(916) 555-01{plan.index % 100:02d}",
        email=email,
        contact_method=ContactMethod.PHONE
        if plan.safety
        else rng.choice(
            [ContactMethod.ANY, ContactMethod.PHONE, ContactMethod.TEXT, ContactMethod.EMAIL]
        ),
        safe_to_leave_message=False if plan.safety else rng.choice([None, True, True, False]),
        best_time_to_contact=rng.choice(ContactTime.values),
        zip_code=rng.choice(ZIP_CODES),
        household_notes=rng.choice(HOUSEHOLD_NOTES),
    )


def _pets(rng: random.Random, plan: Plan) -> list[services.PetDetails]:
    """The household's pets; a lost or found report is about one animal (a found one's name is
    not known); an end-of-life question is about a senior pet."""
    lost_found = plan.case_type in (CaseType.LOST_PET, CaseType.FOUND_PET)
    pets = []
    for _n in range(1 if lost_found else rng.choice([1, 1, 1, 2, 2, 3])):
        species = _pick(rng, SPECIES_WEIGHTS)
        breed, size = "", ""
        if species == Species.DOG:
            breed = rng.choice(list(DOG_BREEDS))
            size = rng.choice(DOG_BREEDS[breed])
        elif species == Species.CAT:
            breed = rng.choice(CAT_BREEDS)
        pets.append(
            services.PetDetails(
                species=species,
                name="" if plan.case_type == CaseType.FOUND_PET else rng.choice(PET_NAMES[species]),
                breed=breed,
                age_group=AgeGroup.SENIOR
                if Need.END_OF_LIFE in plan.needs and not pets
                else rng.choice([AgeGroup.YOUNG, AgeGroup.ADULT, AgeGroup.ADULT, AgeGroup.SENIOR]),
                sex=rng.choice([Sex.FEMALE, Sex.MALE, Sex.UNKNOWN]),
                spayed_neutered=rng.choice(YesNoUnknown.values),
                size=size,
                microchip=f"985{rng.randint(10**11, 10**12 - 1)}" if rng.random() < 0.4 else "",
            )
        )
    return pets


def _summary(plan: Plan, pets: list[services.PetDetails]) -> str:
    if plan.safety:
        return SAFETY_SUMMARY
    with translation.override("en"):  # staff write the summary, in English
        species = str(Species(pets[0].species).label).lower()
    return SUMMARIES[plan.needs[0]].format(species=species)


def _outcome(rng: random.Random, case_type: str) -> str:
    if case_type == CaseType.LOST_PET:
        return rng.choice([Outcome.REUNITED, Outcome.REUNITED, Outcome.LOST_CONTACT, Outcome.OTHER])
    if case_type == CaseType.FOUND_PET:
        return rng.choice([Outcome.REUNITED, Outcome.REFERRED, Outcome.SURRENDERED])
    if case_type == CaseType.REHOMING:
        return rng.choice(
            [
                Outcome.SELF_REHOMED,
                Outcome.SELF_REHOMED,
                Outcome.KEPT,
                Outcome.SURRENDERED,
                Outcome.TEMPORARY_CARE,
            ]
        )
    return _pick(
        rng,
        [
            (Outcome.KEPT, 60),
            (Outcome.TEMPORARY_CARE, 8),
            (Outcome.REFERRED, 10),
            (Outcome.SURRENDERED, 6),
            (Outcome.LOST_CONTACT, 10),
            (Outcome.OTHER, 6),
        ],
    )


def _outcome_note(outcome: str) -> str:
    if outcome in KEPT_TOGETHER_OUTCOMES:
        return "The family and their pet are together."
    return {
        Outcome.SELF_REHOMED: "The owner found a new home through a friend, with our listing help.",
        Outcome.SURRENDERED: "After exploring options together, the owner chose to surrender.",
        Outcome.LOST_CONTACT: "No answer after three tries over two weeks.",
        Outcome.REFERRED: "A partner organisation is helping them now.",
    }.get(outcome, "Resolved after talking it through.")


# --- Playing a plan through the services ----------------------------------------------------------


class _Clock:
    """The moments of one case's story, in order and never later than ``now``."""

    def __init__(self, start: datetime.datetime, now: datetime.datetime):
        self.moment = start
        self.now = now

    def after(self, delta: datetime.timedelta) -> datetime.datetime:
        latest = self.now - datetime.timedelta(minutes=1)
        self.moment = min(self.moment + delta, latest) if self.moment < latest else self.moment
        return self.moment

    def room(self) -> datetime.timedelta:
        return self.now - self.moment


def _at(moment: datetime.datetime):
    return time_machine.travel(moment, tick=False)


def _play(rng: random.Random, plan: Plan, staff: Staff, referrals: dict, now) -> Case:
    clock = _Clock(plan.opened_at, now)
    status = plan.status
    if plan.safety:
        assignee = staff.case_managers[0]  # one trusted case manager holds the safety cases
    elif status == Status.NEW and rng.random() < 0.6:
        assignee = None
    else:
        assignee = rng.choice([*staff.case_managers, *staff.case_managers, staff.supervisor])
    online = plan.channel == Channel.SURVEY  # opened by the visitor: no staff member, no assignee
    taken_later = assignee is not None and not plan.safety and (online or rng.random() < 0.3)
    if online:
        intake = None
    else:
        intake = (
            assignee if assignee is not None and not taken_later else rng.choice(staff.everyone)
        )
    urgency = (
        Urgency.EMERGENCY
        if Need.URGENT_VET in plan.needs
        else rng.choice([Urgency.LOW, Urgency.NORMAL, Urgency.NORMAL, Urgency.HIGH])
    )
    pets = _pets(rng, plan)
    with _at(clock.moment):
        case = services.case_open(
            case_type=plan.case_type,
            channel=plan.channel,
            person=_person(rng, plan),
            pets=pets,
            needs=plan.needs,
            reasons=plan.reasons,
            urgency=urgency,
            at_risk_of_losing_pet=bool(
                set(plan.needs) & {Need.LANDLORD, Need.SURRENDER, Need.DEPOSIT_FEES}
            )
            and rng.random() < 0.6,
            safety_concern=plan.safety,
            summary=_summary(plan, pets),
            client_token=f"{TOKEN_PREFIX}{plan.index:05d}",
            opened_by=intake,
            assignee=None if taken_later else assignee,
        )
    if taken_later:  # a case manager takes it from the queue; a supervisor hands it out
        with _at(clock.after(datetime.timedelta(minutes=rng.randint(15, 180)))):
            actor = assignee if assignee in staff.case_managers else staff.supervisor
            services.case_assign(case=case, assignee=assignee, actor=actor)
    if status == Status.NEW:
        return case

    # First contact, and the case is under way.
    with _at(clock.after(datetime.timedelta(hours=rng.choice([1, 2, 3, 5, 8, 20, 30, 50])))):
        if plan.safety:
            services.case_note_add(case=case, actor=assignee, kind=NoteKind.CALL, body=SAFETY_NOTE)
        else:
            kind = (
                NoteKind.VISIT
                if plan.channel == Channel.WALK_IN
                else rng.choice([NoteKind.CALL, NoteKind.CALL, NoteKind.TEXT, NoteKind.EMAIL])
            )
            services.case_note_add(
                case=case, actor=assignee, kind=kind, body=rng.choice(NOTES[kind])
            )
    with _at(clock.after(datetime.timedelta(minutes=2))):
        services.case_status_set(case=case, actor=assignee, status=Status.IN_PROGRESS)
    if rng.random() < 0.5:
        kind = rng.choice([NoteKind.INTERNAL, NoteKind.CALL, NoteKind.TEXT])
        with _at(clock.after(datetime.timedelta(hours=rng.randint(2, 30)))):
            services.case_note_add(
                case=case, actor=assignee, kind=kind, body=rng.choice(NOTES[kind])
            )

    # Sometimes the connection is not working and another case manager takes over.
    if assignee in staff.case_managers and not plan.safety and rng.random() < 0.06:
        other = next(user for user in staff.case_managers if user != assignee)
        with _at(clock.after(datetime.timedelta(days=1))):
            services.case_transfer(
                case=case,
                assignee=other,
                actor=assignee,
                reason=TRANSFER_REASON.format(name=other.first_name),
            )
        assignee = other

    resolving = status in (Status.RESOLVED, Status.CLOSED)
    referral = None
    if rng.random() < 0.65:
        referral = _refer(rng, case, plan, assignee, referrals, clock, resolving)

    if status in (Status.IN_PROGRESS, Status.WAITING):
        today = timezone.localdate(now)
        due = today + datetime.timedelta(days=rng.choice([-6, -3, -1, 0, 0, 1, 2, 4, 7]))
        with _at(clock.after(datetime.timedelta(minutes=5))):
            if due <= timezone.localdate():  # planned for a day after it was planned
                due = timezone.localdate() + datetime.timedelta(days=rng.randint(1, 7))
            services.case_followup_add(
                case=case, actor=assignee, due_on=due, note=rng.choice(FOLLOWUP_NOTES)
            )
    if status == Status.WAITING:
        with _at(clock.after(datetime.timedelta(hours=rng.randint(1, 8)))):
            services.case_status_set(case=case, actor=assignee, status=Status.WAITING)
    if not resolving:
        return case

    check_in = None
    if rng.random() < 0.5:
        with _at(clock.after(datetime.timedelta(minutes=10))):
            check_in = services.case_followup_add(
                case=case,
                actor=assignee,
                due_on=timezone.localdate() + datetime.timedelta(days=rng.randint(2, 10)),
                note="Check in before resolving.",
            )
    span = max(min(plan.age_days - 1, 30), 1)
    resolve_after = datetime.timedelta(days=rng.randint(1, span), hours=rng.randint(0, 6))
    if referral is not None and referral.status in (
        ReferralStatus.SUGGESTED,
        ReferralStatus.REFERRED,
    ):
        with _at(clock.after(resolve_after / 2)):
            services.referral_status_set(
                referral=referral,
                actor=assignee,
                status=rng.choice(
                    [
                        ReferralStatus.CONNECTED,
                        ReferralStatus.CONNECTED,
                        ReferralStatus.DECLINED,
                        ReferralStatus.UNAVAILABLE,
                    ]
                ),
            )
    if check_in is not None:
        with _at(clock.after(resolve_after / 2 - datetime.timedelta(hours=1))):
            services.case_followup_complete(followup=check_in, actor=assignee, note="All well.")
    outcome = _outcome(rng, plan.case_type)
    with _at(clock.after(datetime.timedelta(hours=1))):
        services.case_resolve(
            case=case, actor=assignee, outcome=outcome, outcome_notes=_outcome_note(outcome)
        )
    if clock.room() > datetime.timedelta(days=12) and rng.random() < 0.05:
        with _at(clock.after(datetime.timedelta(days=rng.randint(2, 5)))):
            services.case_reopen(case=case, actor=assignee, reason=REOPEN_REASON)
        outcome = _outcome(rng, plan.case_type)
        with _at(clock.after(datetime.timedelta(days=rng.randint(3, 6)))):
            services.case_resolve(
                case=case, actor=assignee, outcome=outcome, outcome_notes=_outcome_note(outcome)
            )
    if status == Status.CLOSED:
        with _at(clock.after(datetime.timedelta(days=rng.randint(1, 10)))):
            services.case_status_set(case=case, actor=staff.supervisor, status=Status.CLOSED)
    return case


def _refer(rng, case, plan: Plan, assignee, referrals: dict, clock: _Clock, resolving: bool):
    slugs = ["dv-safe-haven"] if plan.safety else []
    for need in plan.needs:
        slugs += NEED_CATEGORIES.get(need, [])
    candidates = [resource for slug in slugs for resource in referrals.get(slug, [])]
    resource = rng.choice(candidates) if candidates and rng.random() < 0.85 else None
    status = (
        ReferralStatus.REFERRED if resolving or rng.random() < 0.5 else ReferralStatus.SUGGESTED
    )
    with _at(clock.after(datetime.timedelta(hours=1))):
        return services.case_refer(
            case=case,
            actor=assignee,
            resource=resource,
            partner_name="" if resource is not None else rng.choice(PARTNERS),
            status=status,
            note=rng.choice(REFERRAL_NOTES),
        )


def _report(cases: list[Case]) -> list[str]:
    cases = Case.objects.filter(pk__in=[case.pk for case in cases])
    statuses = {}
    for status in cases.values_list("status", flat=True):
        statuses[status] = statuses.get(status, 0) + 1
    return [
        f"cases: {cases.count()} demo cases "
        f"({', '.join(f'{k} {v}' for k, v in sorted(statuses.items()))}), "
        f"{cases.filter(confidential=True).count()} confidential",
        f"cases: {Pet.objects.filter(owner__cases__in=cases).distinct().count()} pets, "
        f"{Referral.objects.filter(case__in=cases).count()} referrals, "
        f"{FollowUp.objects.filter(case__in=cases).count()} follow-ups, "
        f"{TimelineEntry.objects.filter(case__in=cases).count()} timeline entries",
    ]
