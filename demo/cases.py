"""Demo cases so the queue, case pages and dashboard look real (``manage.py load_demo_data``).

About 300 cases over the last year, across types, channels, statuses, languages and the demo case
managers, each with a timeline; a few confidential (safety) cases. Deterministic (fixed seed) and
idempotent: loading again replaces the earlier demo cases (their client tokens start "demo-").
All people are invented: names are random pairings, phone numbers are in the fictional 555-01xx
range and emails use example.org.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import (
    Case,
    CaseNeed,
    CasePet,
    CaseReason,
    FollowUp,
    Person,
    Pet,
    ReferenceCounter,
    Referral,
    TimelineEntry,
)
from .services import priority_compute
from .vocabulary import (
    KEPT_TOGETHER_OUTCOMES,
    AgeGroup,
    CaseType,
    Channel,
    EventKind,
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
)

DEMO_CASES = 300
SEED = 2026
TOKEN_PREFIX = "demo-"

# Invented people: first and last names are paired at random, per language.
NAMES = {
    "en": (
        [
            "Jordan",
            "Keisha",
            "Tyrone",
            "Maya",
            "Dakota",
            "Priya",
            "Samir",
            "Aisha",
            "Noah",
            "Harper",
            "Imani",
            "Rowan",
            "Teresa",
            "Malik",
            "Sienna",
            "Quinn",
        ],
        [
            "Okafor",
            "Whitfield",
            "Brightwater",
            "Delacroix",
            "Fairbanks",
            "Kowalczyk",
            "Osei",
            "Lindqvist",
            "Redcloud",
            "Ashby",
            "Mbeki",
            "Thornbury",
        ],
    ),
    "es": (
        [
            "Lucía",
            "Mateo",
            "Guadalupe",
            "Rafael",
            "Ximena",
            "Joaquín",
            "Marisol",
            "Esteban",
            "Rocío",
            "Itzel",
        ],
        [
            "Villaseñor",
            "Quintanilla",
            "Arredondo",
            "Solórzano",
            "Bracamontes",
            "Echeverría",
            "Montemayor",
            "Zavaleta",
        ],
    ),
    "zh-hans": (
        ["Wei", "Mei", "Jun", "Lan", "Hao", "Xiu", "Yong", "Ling"],
        ["Zhao", "Qian", "Sun", "Zhou", "Wu", "Zheng", "Feng", "Chu"],
    ),
    "vi": (
        ["Thanh", "Linh", "Minh Anh", "Quang", "Huong", "Bao", "Ngoc", "Tuan"],
        ["Phan", "Vo", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong"],
    ),
    "ar": (
        ["Layla", "Omar", "Yasmin", "Karim", "Noor", "Tariq", "Rania", "Bilal"],
        ["Haddad", "Mansour", "Khoury", "Nassar", "Saleh", "Darwish", "Aziz", "Qasim"],
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
PET_NAMES = {
    Species.DOG: [
        "Biscuit",
        "Luna",
        "Rocky",
        "Canela",
        "Mochi",
        "Duke",
        "Pepper",
        "Nala",
        "Bruno",
        "Rosie",
        "Taro",
        "Zeus",
    ],
    Species.CAT: [
        "Whiskers",
        "Mango",
        "Shadow",
        "Mimi",
        "Tiger",
        "Olive",
        "Bao",
        "Noodle",
        "Sultan",
        "Cleo",
    ],
    Species.RABBIT: ["Clover", "Thumper", "Juniper"],
    Species.BIRD: ["Kiwi", "Sunny", "Paco"],
    Species.SMALL_ANIMAL: ["Peanut", "Hazel"],
    Species.REPTILE: ["Spike"],
}
BREEDS = {
    Species.DOG: [
        "Pit bull mix",
        "Chihuahua",
        "Labrador mix",
        "German shepherd",
        "Husky",
        "Shih tzu",
        "Mixed breed",
    ],
    Species.CAT: ["Domestic shorthair", "Domestic longhair", "Siamese mix", "Tabby"],
}
SUMMARIES = {
    Need.FOOD_SUPPLIES: "Between paychecks this month and running low on pet food.",
    Need.URGENT_VET: "Their pet stopped eating yesterday and they cannot afford an emergency visit.",
    Need.ROUTINE_VET: "Needs vaccines and a check-up; looking for a low-cost clinic nearby.",
    Need.BEHAVIOUR: "The dog has started pulling hard and barking at neighbours; wants training help.",
    Need.DEPOSIT_FEES: "Found a new apartment but the pet deposit is more than they can pay now.",
    Need.LANDLORD: "New building manager says the pet must go within 30 days.",
    Need.HOUSING: "Has to move and is looking for pet-friendly housing.",
    Need.TEMPORARY_CARE: "Going into hospital for surgery and needs someone to care for the pet.",
    Need.TRANSPORT: "Has no car and needs a ride to the vet appointment.",
    Need.REHOMING: "Wants help finding a good home for the pet directly.",
    Need.SURRENDER: "Feels they have no option but to bring the pet to the shelter.",
    Need.END_OF_LIFE: "Their senior pet is very ill; wants to talk about end-of-life care.",
    Need.LOST_PET: "Their cat slipped out during a move three days ago.",
    Need.FOUND_PET: "Found a friendly dog without a collar near the park.",
    Need.OTHER: "Has questions about pet licensing in the county.",
}
NOTES = {
    NoteKind.CALL: [
        "Spoke with them by phone. They shared more about the situation and what has worked so far.",
        "Called back as promised; they are managing for now and appreciated the check-in.",
        "Left no message (not confirmed safe). Will try again in the evening.",
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
PARTNERS = [
    "Neighbourhood Pet Pantry",
    "Second Chance Training Collective",
    "Safe Paws Foster Network",
    "Riverside Low-Cost Vet Clinic",
    "Tenant Rights Hotline",
]


def _pick_weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _demo_users():
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["casemanager", "casemanager2", "supervisor"])
    }
    return [users[name] for name in ("casemanager", "casemanager2", "supervisor") if name in users]


@transaction.atomic
def demo_cases_load(count: int = DEMO_CASES) -> list[str]:
    """Replace the demo cases; return report lines."""
    rng = random.Random(SEED)
    now = timezone.now()
    today = timezone.localdate()
    staff = _demo_users()
    if not staff:
        return ["cases: skipped (create the demo staff accounts first)"]
    case_managers = staff[:2] or staff
    supervisor = staff[-1]

    # Remove earlier demo cases (and their people, who exist only for the demo).
    old = Case.objects.filter(client_token__startswith=TOKEN_PREFIX)
    old_people = list(old.values_list("person_id", flat=True))
    old.delete()
    Person.objects.filter(pk__in=old_people, cases__isnull=True).delete()

    try:
        from directory.models import Resource

        resource_ids = list(Resource.objects.public().values_list("pk", flat=True)[:40])
    except Exception:  # the directory may be empty or not migrated in a bare demo
        resource_ids = []

    plans = []
    people = []
    for index in range(count):
        language = _pick_weighted(rng, LANGUAGE_WEIGHTS)
        firsts, lasts = NAMES[language]
        first, last = rng.choice(firsts), rng.choice(lasts)
        age_days = min(int(rng.expovariate(1 / 90)), 364)
        opened_at = now - datetime.timedelta(days=age_days, hours=rng.randint(0, 10))
        case_type = _pick_weighted(
            rng,
            [
                (CaseType.PET_SUPPORT, 60),
                (CaseType.REHOMING, 15),
                (CaseType.LOST_PET, 10),
                (CaseType.FOUND_PET, 8),
                (CaseType.OTHER, 7),
            ],
        )
        safety = rng.random() < 0.04
        phone_tail = f"{index % 100:02d}"
        people.append(
            Person(
                name=f"{first} {last}",
                preferred_language=language,
                interpreter_needed=language != "en" and rng.random() < 0.6,
                phone=f"(916) 555-01{phone_tail}",
                phone_digits=f"91655501{phone_tail}",
                email=(
                    f"{first.lower().replace(' ', '.')}.{last.lower()}{index}@example.org"
                    if rng.random() < 0.7
                    else ""
                ),
                contact_method=rng.choice(["", "phone", "text", "email"]),
                safe_to_leave_message=False if safety else rng.choice([None, True, True, False]),
                best_time_to_contact=rng.choice(["", "morning", "afternoon", "evening"]),
                zip_code=rng.choice(
                    ["95814", "95815", "95817", "95820", "95824", "95670", "95691"]
                ),
                household_notes=rng.choice(
                    [
                        "",
                        "",
                        "Lives with two children and a grandparent.",
                        "Works night shifts; afternoons are best.",
                        "Recently moved in with a family member.",
                    ]
                ),
                created_at=opened_at,
            )
        )
        plans.append(
            {
                "index": index,
                "opened_at": opened_at,
                "age_days": age_days,
                "case_type": case_type,
                "safety": safety,
                "language": language,
            }
        )
    Person.objects.bulk_create(people)

    # Status by age: recent cases are mostly open; older ones resolved or closed.
    for plan, person in zip(plans, people, strict=True):
        age = plan["age_days"]
        if age < 3:
            status = rng.choice([Status.NEW, Status.NEW, Status.IN_PROGRESS])
        elif age < 21:
            status = rng.choice(
                [
                    Status.IN_PROGRESS,
                    Status.IN_PROGRESS,
                    Status.WAITING,
                    Status.RESOLVED,
                    Status.NEW,
                ]
            )
        elif age < 60:
            status = rng.choice(
                [
                    Status.IN_PROGRESS,
                    Status.WAITING,
                    Status.RESOLVED,
                    Status.RESOLVED,
                    Status.CLOSED,
                ]
            )
        else:
            status = rng.choice([Status.RESOLVED, Status.CLOSED, Status.CLOSED, Status.CLOSED])
        plan["status"] = status
        plan["person"] = person
        type_needs = {
            CaseType.LOST_PET: [Need.LOST_PET],
            CaseType.FOUND_PET: [Need.FOUND_PET],
            CaseType.REHOMING: [Need.REHOMING, Need.SURRENDER],
        }.get(plan["case_type"])
        if type_needs:
            needs = rng.sample(type_needs, k=1)
            if plan["case_type"] == CaseType.REHOMING and rng.random() < 0.5:
                needs.append(rng.choice([Need.HOUSING, Need.BEHAVIOUR, Need.DEPOSIT_FEES]))
        else:
            pool = [
                n for n in Need.values if n not in (Need.LOST_PET, Need.FOUND_PET, Need.REHOMING)
            ]
            needs = rng.sample(pool, k=rng.choice([1, 1, 2, 3]))
        if plan["safety"]:
            needs = list(dict.fromkeys([Need.TEMPORARY_CARE, *needs]))
        plan["needs"] = needs
        reasons = rng.sample(
            [r for r in Reason.values if r != Reason.SAFETY], k=rng.choice([0, 1, 1, 2])
        )
        if plan["safety"]:
            reasons.append(Reason.SAFETY)
        plan["reasons"] = reasons
        plan["urgency"] = (
            Urgency.EMERGENCY
            if Need.URGENT_VET in needs
            else rng.choice([Urgency.LOW, Urgency.NORMAL, Urgency.NORMAL, Urgency.HIGH])
        )
        plan["at_risk"] = (
            bool(set(needs) & {Need.LANDLORD, Need.SURRENDER, Need.DEPOSIT_FEES})
            and rng.random() < 0.6
        )
        if status == Status.NEW and rng.random() < 0.6:
            plan["assignee"] = None
        elif plan["safety"]:
            plan["assignee"] = case_managers[0]
        else:
            plan["assignee"] = rng.choice([*case_managers, *case_managers, supervisor])

    # References continue each year's numbering after any real cases that exist.
    by_year: dict[int, int] = {}
    for year in {timezone.localtime(p["opened_at"]).year for p in plans}:
        used = Case.objects.filter(reference__startswith=f"PS-{year}-").aggregate(
            m=Max("reference")
        )["m"]
        by_year[year] = int(used.rsplit("-", 1)[1]) if used else 0
    cases = []
    for plan in sorted(plans, key=lambda p: p["opened_at"]):
        year = timezone.localtime(plan["opened_at"]).year
        by_year[year] += 1
        status = plan["status"]
        opened_at = plan["opened_at"]
        contact_delay = datetime.timedelta(hours=rng.choice([1, 2, 3, 5, 8, 20, 30, 50]))
        first_contact = opened_at + contact_delay if status != Status.NEW else None
        if first_contact and first_contact > now:
            first_contact = now
        resolved_at = closed_at = None
        outcome = ""
        if status in (Status.RESOLVED, Status.CLOSED):
            span = max(plan["age_days"] - 1, 1)
            resolved_at = opened_at + datetime.timedelta(
                days=rng.randint(1, min(span, 30)), hours=rng.randint(0, 6)
            )
            if first_contact:
                resolved_at = max(resolved_at, first_contact + datetime.timedelta(hours=1))
            resolved_at = min(resolved_at, now - datetime.timedelta(minutes=30))
            outcome = _demo_outcome(rng, plan["case_type"])
            if status == Status.CLOSED:
                closed_at = min(resolved_at + datetime.timedelta(days=rng.randint(1, 10)), now)
        plan.update(
            first_contact=first_contact,
            resolved_at=resolved_at,
            closed_at=closed_at,
            outcome=outcome,
        )
        summary = SUMMARIES[plan["needs"][0]]
        if plan["safety"]:
            summary = "Leaving an unsafe home and needs a safe place for the pet for a few weeks."
        cases.append(
            Case(
                reference=f"PS-{year}-{by_year[year]:06d}",
                client_token=f"{TOKEN_PREFIX}{plan['index']:05d}",
                person=plan["person"],
                case_type=plan["case_type"],
                channel=_pick_weighted(
                    rng,
                    [
                        (Channel.SURVEY, 40),
                        (Channel.PHONE, 30),
                        (Channel.WALK_IN, 12),
                        (Channel.EMAIL, 8),
                        (Channel.LOST_FOUND, 10),
                    ]
                    if plan["case_type"] in (CaseType.LOST_PET, CaseType.FOUND_PET)
                    else [
                        (Channel.SURVEY, 45),
                        (Channel.PHONE, 35),
                        (Channel.WALK_IN, 12),
                        (Channel.EMAIL, 8),
                    ],
                ),
                language=plan["language"],
                summary=summary,
                intake_answers=(
                    {
                        "How many pets live with you?": str(rng.randint(1, 3)),
                        "Where did you hear about us?": rng.choice(
                            ["Friend or family", "Shelter website", "Vet clinic", "Social media"]
                        ),
                    }
                ),
                urgency=plan["urgency"],
                at_risk_of_losing_pet=plan["at_risk"],
                safety_concern=plan["safety"],
                confidential=plan["safety"],
                priority=priority_compute(
                    urgency=plan["urgency"],
                    at_risk_of_losing_pet=plan["at_risk"],
                    safety_concern=plan["safety"],
                ),
                status=status,
                assignee=plan["assignee"],
                outcome=outcome,
                outcome_notes="" if not outcome else _outcome_note(outcome),
                opened_at=opened_at,
                first_contact_at=first_contact,
                resolved_at=resolved_at,
                closed_at=closed_at,
                opened_by=None if plan["assignee"] is None else rng.choice(case_managers),
            )
        )
        plan["case"] = cases[-1]
    Case.objects.bulk_create(cases)
    for year, last in by_year.items():
        counter, _created = ReferenceCounter.objects.get_or_create(year=year)
        if counter.last < last:
            counter.last = last
            counter.save(update_fields=["last"])

    pets, case_pets, needs, reasons = [], [], [], []
    for plan in plans:
        case = plan["case"]
        needs += [CaseNeed(case=case, code=c) for c in plan["needs"]]
        reasons += [CaseReason(case=case, code=c) for c in plan["reasons"]]
        for _n in range(rng.choice([1, 1, 1, 2, 2, 3])):
            species = _pick_weighted(
                rng,
                [
                    (Species.DOG, 55),
                    (Species.CAT, 35),
                    (Species.RABBIT, 4),
                    (Species.BIRD, 3),
                    (Species.SMALL_ANIMAL, 2),
                    (Species.REPTILE, 1),
                ],
            )
            pet = Pet(
                owner=plan["person"],
                species=species,
                name=rng.choice(PET_NAMES[species]),
                breed=rng.choice(BREEDS.get(species, [""])),
                age_group=rng.choice(
                    [AgeGroup.YOUNG, AgeGroup.ADULT, AgeGroup.ADULT, AgeGroup.SENIOR]
                ),
                sex=rng.choice([Sex.FEMALE, Sex.MALE, Sex.UNKNOWN]),
                spayed_neutered=rng.choice(["yes", "no", ""]),
                size=rng.choice([Size.SMALL, Size.MEDIUM, Size.LARGE, Size.UNKNOWN])
                if species == Species.DOG
                else "",
                microchip=f"985{rng.randint(10**11, 10**12 - 1)}" if rng.random() < 0.4 else "",
            )
            pets.append(pet)
            case_pets.append((case, pet, plan["outcome"]))
    Pet.objects.bulk_create(pets)
    CasePet.objects.bulk_create([CasePet(case=c, pet=p, outcome=o) for c, p, o in case_pets])
    CaseNeed.objects.bulk_create(needs)
    CaseReason.objects.bulk_create(reasons)

    referrals, followups = [], []
    for plan in plans:
        case = plan["case"]
        if plan["status"] == Status.NEW or rng.random() < 0.35:
            continue
        created = plan["first_contact"] or plan["opened_at"]
        status = (
            rng.choice(
                [
                    ReferralStatus.CONNECTED,
                    ReferralStatus.CONNECTED,
                    ReferralStatus.DECLINED,
                    ReferralStatus.UNAVAILABLE,
                ]
            )
            if plan["status"] in (Status.RESOLVED, Status.CLOSED)
            else rng.choice([ReferralStatus.SUGGESTED, ReferralStatus.REFERRED])
        )
        resource_id = rng.choice(resource_ids) if resource_ids and rng.random() < 0.7 else None
        referrals.append(
            Referral(
                case=case,
                resource_id=resource_id,
                partner_name="" if resource_id else rng.choice(PARTNERS),
                status=status,
                note=rng.choice(
                    ["", "Gave them the intake phone number.", "Warm hand-off by phone."]
                ),
                created_by=case.assignee,
                created_at=created + datetime.timedelta(hours=1),
            )
        )
        plan["referral"] = referrals[-1]
    Referral.objects.bulk_create(referrals)

    for plan in plans:
        case = plan["case"]
        if plan["status"] in (Status.IN_PROGRESS, Status.WAITING) and case.assignee:
            due = today + datetime.timedelta(days=rng.choice([-6, -3, -1, 0, 0, 1, 2, 4, 7]))
            followups.append(
                FollowUp(
                    case=case,
                    due_on=due,
                    assignee=case.assignee,
                    note=rng.choice(
                        [
                            "Check the vet appointment went well.",
                            "Ask whether the landlord replied.",
                            "Confirm food pick-up.",
                            "",
                        ]
                    ),
                    created_by=case.assignee,
                    created_at=plan["first_contact"] or plan["opened_at"],
                )
            )
            plan["followup"] = followups[-1]
        if plan["resolved_at"] and rng.random() < 0.5:
            followups.append(
                FollowUp(
                    case=case,
                    due_on=timezone.localtime(plan["resolved_at"]).date(),
                    assignee=case.assignee,
                    note="Check in before resolving.",
                    created_by=case.assignee,
                    created_at=plan["first_contact"] or plan["opened_at"],
                    done_at=plan["resolved_at"],
                    done_by=case.assignee,
                )
            )
    FollowUp.objects.bulk_create(followups)

    entries = []
    for plan in plans:
        entries += _demo_timeline(rng, plan)
    TimelineEntry.objects.bulk_create(entries, batch_size=500)

    statuses = {}
    for plan in plans:
        statuses[plan["status"]] = statuses.get(plan["status"], 0) + 1
    confidential = sum(1 for p in plans if p["safety"])
    return [
        f"cases: {len(cases)} demo cases ({', '.join(f'{k} {v}' for k, v in sorted(statuses.items()))}), "
        f"{confidential} confidential",
        f"cases: {len(pets)} pets, {len(referrals)} referrals, {len(followups)} follow-ups, "
        f"{len(entries)} timeline entries",
    ]


def _demo_outcome(rng: random.Random, case_type: str) -> str:
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
    return _pick_weighted(
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
    }.get(outcome, "")


def _demo_timeline(rng: random.Random, plan: dict) -> list[TimelineEntry]:
    case = plan["case"]
    at = plan["opened_at"]
    author = case.assignee
    entries = [
        TimelineEntry(
            case=case,
            kind=EventKind.OPENED,
            author=case.opened_by,
            data={"channel": case.channel},
            created_at=at,
        )
    ]
    if case.assignee:
        entries.append(
            TimelineEntry(
                case=case,
                kind=EventKind.ASSIGNED,
                author=author,
                subject_user=case.assignee,
                data={"from": None, "to": case.assignee_id},
                created_at=at + datetime.timedelta(minutes=20),
            )
        )
    if plan["first_contact"]:
        kind = rng.choice(
            [NoteKind.CALL, NoteKind.CALL, NoteKind.TEXT, NoteKind.EMAIL, NoteKind.VISIT]
        )
        entries.append(
            TimelineEntry(
                case=case,
                kind=EventKind.NOTE,
                note_kind=kind,
                author=author,
                body=rng.choice(NOTES[kind]),
                created_at=plan["first_contact"],
            )
        )
        entries.append(
            TimelineEntry(
                case=case,
                kind=EventKind.STATUS,
                author=author,
                data={"from": Status.NEW, "to": Status.IN_PROGRESS},
                created_at=plan["first_contact"] + datetime.timedelta(minutes=2),
            )
        )
        if rng.random() < 0.5:
            kind = rng.choice([NoteKind.INTERNAL, NoteKind.CALL, NoteKind.TEXT])
            entries.append(
                TimelineEntry(
                    case=case,
                    kind=EventKind.NOTE,
                    note_kind=kind,
                    author=author,
                    body=rng.choice(NOTES[kind]),
                    created_at=plan["first_contact"] + datetime.timedelta(hours=5),
                )
            )
    if plan.get("referral"):
        referral = plan["referral"]
        entries.append(
            TimelineEntry(
                case=case,
                kind=EventKind.REFERRAL,
                author=author,
                referral=referral,
                body=referral.note,
                data={"status": referral.status},
                created_at=referral.created_at,
            )
        )
    if plan.get("followup"):
        followup = plan["followup"]
        entries.append(
            TimelineEntry(
                case=case,
                kind=EventKind.FOLLOWUP,
                author=author,
                followup=followup,
                subject_user=followup.assignee,
                body=followup.note,
                data={"due_on": followup.due_on.isoformat()},
                created_at=followup.created_at + datetime.timedelta(minutes=5),
            )
        )
    if plan["status"] == Status.WAITING and plan["first_contact"]:
        entries.append(
            TimelineEntry(
                case=case,
                kind=EventKind.STATUS,
                author=author,
                data={"from": Status.IN_PROGRESS, "to": Status.WAITING},
                created_at=plan["first_contact"] + datetime.timedelta(hours=6),
            )
        )
    if plan["resolved_at"]:
        entries.append(
            TimelineEntry(
                case=case,
                kind=EventKind.RESOLVED,
                author=author,
                body=case.outcome_notes,
                data={"from": Status.IN_PROGRESS, "outcome": case.outcome},
                created_at=plan["resolved_at"],
            )
        )
    if plan["closed_at"]:
        entries.append(
            TimelineEntry(
                case=case,
                kind=EventKind.STATUS,
                author=None,
                data={"from": Status.RESOLVED, "to": Status.CLOSED},
                created_at=plan["closed_at"],
            )
        )
    return entries
