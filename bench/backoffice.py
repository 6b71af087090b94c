"""Back-office benchmark: the queue, the case page and the dashboard over many cases.

    .venv/bin/python bench/backoffice.py --keep          # 500,000 cases (the issue's target)
    .venv/bin/python bench/backoffice.py --cases 20000   # a quick check
    .venv/bin/python bench/backoffice.py --reuse --only served   # a kept database, 16 sessions

Creates a throwaway PostgreSQL database (``portal_bench_backoffice`` on 127.0.0.1:5432, user
postgres, or --database), migrates it, generates cases over five years with COPY (people, pets
with names and microchips, needs, reasons, timelines, follow-ups, referrals) and prints how long
that took. Then it measures twice:

- through Django's test client, one session at a time, signed in as a case manager (queue with
  common filters, searches, case pages) and a supervisor (dashboard for a year of data), with
  the SQL queries of each page;
- through gunicorn with production settings (``bench/backoffice_served.py``): --sessions
  concurrent staff sessions (case managers and a supervisor, each a different person, signed in
  and verified) asking for queue pages and case pages without pause for --seconds, with p50 and
  p95 per page and whether any request waited on a lock (the audit line each view writes).

Targets (issue 14): queue and case page p95 < 150 ms with 16 concurrent sessions at 500k cases;
dashboard < 500 ms. The database is dropped at the end unless --keep (or --reuse).

Longer than the ~500-line rule on purpose: one self-contained benchmark script; most of it is
the COPY generator of realistic case data at 500k cases, which only makes sense in one piece.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402

DB_NAME = "portal_bench_backoffice"
DB_SERVER = "postgres://postgres@127.0.0.1:5432"
YEARS = 5
CASE_MANAGERS = 12
BATCH = 50_000


def database_recreate(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{DB_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_drop(name: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{DB_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_setup(name: str) -> None:
    os.environ["DATABASE_URL"] = f"{DB_SERVER}/{name}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django

    django.setup()


def staff_create():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from backoffice.permissions import CASE_MANAGERS_GROUP, SUPERVISORS_GROUP

    User = get_user_model()
    managers = Group.objects.get(name=CASE_MANAGERS_GROUP)
    supervisors = Group.objects.get(name=SUPERVISORS_GROUP)
    staff = []
    for i in range(CASE_MANAGERS):
        user = User.objects.create(username=f"cm{i}", first_name=f"Case{i}", last_name="Manager")
        user.groups.add(managers)
        staff.append(user)
    supervisor = User.objects.create(username="sup", first_name="Sam", last_name="Supervisor")
    supervisor.groups.add(supervisors)
    return staff, supervisor


PET_NAMES = [
    "Luna", "Max", "Bella", "Charlie", "Coco", "Milo", "Nala", "Rocky", "Mochi", "Simba",
    "Canela", "Chispa", "Bao", "Miu", "Kiki", "Tigre", "Oreo", "Pepper", "Biscuit", "Shadow",
    "Zeus", "Lola", "Toby", "Misty", "Ginger", "Sasha", "Duke", "Pancho", "Lulu", "Hachi",
]  # fmt: skip


def pet_name(pet_id: int) -> str:
    """A pet's name in the bench data, from its id (``PET_SQL`` gives the same in SQL)."""
    return PET_NAMES[pet_id % len(PET_NAMES)]


def pet_chip(pet_id: int) -> str:
    """Two pets in three are microchipped: a 15-digit ISO number, from the pet's id."""
    return "" if pet_id % 3 == 0 else f"985{pet_id:012d}"


# The same names and chips for a database generated before pets had them (--reuse).
PET_SQL = (
    "UPDATE backoffice_pet SET name = (ARRAY[{names}])[id % {n} + 1], microchip = CASE WHEN"
    " id % 3 = 0 THEN '' ELSE '985' || lpad(id::text, 12, '0') END WHERE name = 'Luna'"
    " AND microchip = '' AND id % {n} <> 0"
).format(names=", ".join(f"'{name}'" for name in PET_NAMES), n=len(PET_NAMES))


def _columns(model, names):
    concrete = [f.column for f in model._meta.concrete_fields]
    assert sorted(concrete) == sorted(names), set(concrete) ^ set(names)
    return names


def generate(n: int, staff, supervisor, rng: random.Random) -> dict:
    """COPY ``n`` cases (and everything around them) into the database; returns row counts."""
    from django.db import connection
    from django.utils import timezone

    from backoffice.models import (
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
    from backoffice.services import priority_compute
    from backoffice.vocabulary import (
        CaseType,
        Channel,
        EventKind,
        Need,
        Outcome,
        Reason,
        Species,
        Status,
        Urgency,
    )

    now = timezone.now()
    today = timezone.localdate()
    span = datetime.timedelta(days=365 * YEARS)
    start = now - span
    languages = ["en"] * 50 + ["es"] * 25 + ["zh-hans"] * 8 + ["vi"] * 8 + ["ar"] * 6 + ["tl"] * 3
    firsts = [
        "Ada",
        "Lucía",
        "Wei",
        "Thanh",
        "Layla",
        "Jordan",
        "Priya",
        "Omar",
        "Mei",
        "Rafael",
        "Keisha",
        "Bao",
        "Noor",
        "Ximena",
        "Tuan",
        "Imani",
        "Harper",
        "Samir",
    ]
    lasts = [
        "Brightwater",
        "Quintanilla",
        "Zhao",
        "Phan",
        "Haddad",
        "Okafor",
        "Lindqvist",
        "Mansour",
        "Villaseñor",
        "Thornbury",
        "Kowalczyk",
        "Osei",
        "Delacroix",
        "Bui",
    ]
    needs_all = Need.values
    reasons_all = [r for r in Reason.values if r != Reason.SAFETY]
    types = [CaseType.PET_SUPPORT] * 6 + [
        CaseType.REHOMING,
        CaseType.LOST_PET,
        CaseType.FOUND_PET,
        CaseType.OTHER,
    ]
    channels = Channel.values
    urgencies = [Urgency.LOW, Urgency.NORMAL, Urgency.NORMAL, Urgency.HIGH, Urgency.EMERGENCY]
    outcomes = [Outcome.KEPT] * 5 + [o for o in Outcome.values if o != Outcome.KEPT]
    staff_ids = [u.pk for u in staff]
    counts = dict.fromkeys(
        ["people", "cases", "pets", "needs", "reasons", "timeline", "followups", "referrals"], 0
    )

    person_cols = _columns(
        Person,
        [
            "id",
            "name",
            "preferred_language",
            "interpreter_needed",
            "phone",
            "phone_digits",
            "email",
            "contact_method",
            "safe_to_leave_message",
            "message_consent",
            "safe_to_text",
            "safe_to_email",
            "best_time_to_contact",
            "zip_code",
            "household_notes",
            "merged_into_id",
            "anonymized_at",
            "created_at",
            "updated_at",
        ],
    )
    case_cols = _columns(
        Case,
        [
            "id",
            "reference",
            "client_token",
            "person_id",
            "case_type",
            "channel",
            "language",
            "summary",
            "intake_answers",
            "urgency",
            "at_risk_of_losing_pet",
            "safety_concern",
            "priority",
            "status",
            "assignee_id",
            "confidential",
            "outcome",
            "outcome_notes",
            "opened_at",
            "first_contact_at",
            "resolved_at",
            "closed_at",
            "updated_at",
            "opened_by_id",
            "anonymized_at",
        ],
    )
    pet_cols = _columns(
        Pet,
        [
            "id",
            "owner_id",
            "species",
            "name",
            "breed",
            "age_group",
            "sex",
            "spayed_neutered",
            "size",
            "microchip",
            "medical_notes",
            "behaviour_notes",
        ],
    )
    casepet_cols = _columns(CasePet, ["id", "case_id", "pet_id", "outcome", "outcome_detail"])
    need_cols = _columns(CaseNeed, ["id", "case_id", "code"])
    reason_cols = _columns(CaseReason, ["id", "case_id", "code"])
    timeline_cols = _columns(
        TimelineEntry,
        [
            "id",
            "case_id",
            "kind",
            "note_kind",
            "body",
            "author_id",
            "subject_user_id",
            "referral_id",
            "followup_id",
            "data",
            "created_at",
        ],
    )
    followup_cols = _columns(
        FollowUp,
        [
            "id",
            "case_id",
            "due_on",
            "assignee_id",
            "note",
            "done_at",
            "done_by_id",
            "cancelled_at",
            "cancelled_by_id",
            "created_by_id",
            "created_at",
        ],
    )
    referral_cols = _columns(
        Referral,
        [
            "id",
            "case_id",
            "resource_id",
            "partner_name",
            "status",
            "note",
            "created_by_id",
            "created_at",
            "updated_at",
        ],
    )

    ids = dict.fromkeys(["pet", "casepet", "need", "reason", "timeline", "followup", "referral"], 0)
    per_year: dict[int, int] = {}
    # Cases are opened in time order, so ids and references follow opening dates.
    offsets = sorted(rng.random() for _ in range(n))

    def nid(kind):
        ids[kind] += 1
        return ids[kind]

    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        for batch_start in range(0, n, BATCH):
            batch = range(batch_start, min(n, batch_start + BATCH))
            rows = {
                k: []
                for k in [
                    "person",
                    "case",
                    "pet",
                    "casepet",
                    "need",
                    "reason",
                    "timeline",
                    "followup",
                    "referral",
                ]
            }
            for i in batch:
                case_id = i + 1
                opened = start + span * offsets[i]
                age_days = (now - opened).days
                year = opened.year
                per_year[year] = per_year.get(year, 0) + 1
                language = rng.choice(languages)
                name = f"{rng.choice(firsts)} {rng.choice(lasts)} {case_id}"
                digits = f"503555{case_id % 10000:04d}"
                rows["person"].append(
                    (
                        case_id,
                        name,
                        language,
                        language != "en" and rng.random() < 0.5,
                        f"({digits[:3]}) {digits[3:6]}-{digits[6:]}",
                        digits,
                        f"p{case_id}@example.org",
                        "",
                        None,
                        None,  # message consent: not asked yet
                        False,
                        False,
                        "",
                        "97211",
                        "",
                        None,
                        None,
                        opened,
                        opened,
                    )
                )
                if age_days < 14:
                    status = rng.choice(
                        [Status.NEW, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.WAITING]
                    )
                elif age_days < 60:
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
                    status = rng.choice(
                        [
                            Status.RESOLVED,
                            Status.CLOSED,
                            Status.CLOSED,
                            Status.CLOSED,
                            Status.CLOSED,
                            Status.CLOSED,
                        ]
                    )
                safety = rng.random() < 0.03
                urgency = rng.choice(urgencies)
                at_risk = rng.random() < 0.15
                assignee = (
                    None if status == Status.NEW and rng.random() < 0.6 else rng.choice(staff_ids)
                )
                first_contact = (
                    None
                    if status == Status.NEW
                    else opened + datetime.timedelta(hours=rng.choice([1, 2, 4, 8, 24, 48]))
                )
                resolved = closed = None
                outcome = ""
                if status in (Status.RESOLVED, Status.CLOSED):
                    resolved = min(opened + datetime.timedelta(days=rng.randint(2, 40)), now)
                    outcome = rng.choice(outcomes)
                    if status == Status.CLOSED:
                        closed = min(resolved + datetime.timedelta(days=7), now)
                case_type = rng.choice(types)
                rows["case"].append(
                    (
                        case_id,
                        f"PS-{year}-{per_year[year]:06d}",
                        None,
                        case_id,
                        case_type,
                        rng.choice(channels),
                        language,
                        "Needs help with food and a vet visit.",
                        "{}",
                        urgency,
                        at_risk,
                        safety,
                        priority_compute(
                            urgency=urgency, at_risk_of_losing_pet=at_risk, safety_concern=safety
                        ),
                        status,
                        assignee,
                        safety,
                        outcome,
                        "",
                        opened,
                        first_contact,
                        resolved,
                        closed,
                        resolved or first_contact or opened,
                        None,
                        None,
                    )
                )
                for _p in range(rng.choice([1, 1, 1, 2])):
                    pet_id = nid("pet")
                    rows["pet"].append(
                        (
                            pet_id,
                            case_id,
                            rng.choice([Species.DOG, Species.CAT]),
                            pet_name(pet_id),
                            "",
                            "",
                            "",
                            "",
                            "",
                            pet_chip(pet_id),
                            "",
                            "",
                        )
                    )
                    rows["casepet"].append((nid("casepet"), case_id, pet_id, outcome, ""))
                for code in rng.sample(needs_all, k=rng.choice([1, 1, 2, 3])):
                    rows["need"].append((nid("need"), case_id, code))
                for code in rng.sample(reasons_all, k=rng.choice([0, 1, 1, 2])) + (
                    [Reason.SAFETY] if safety else []
                ):
                    rows["reason"].append((nid("reason"), case_id, code))
                rows["timeline"].append(
                    (
                        nid("timeline"),
                        case_id,
                        EventKind.OPENED,
                        "",
                        "",
                        None,
                        None,
                        None,
                        None,
                        "{}",
                        opened,
                    )
                )
                if first_contact:
                    rows["timeline"].append(
                        (
                            nid("timeline"),
                            case_id,
                            EventKind.NOTE,
                            "call",
                            "Called and listened; they want to keep their pet.",
                            assignee,
                            None,
                            None,
                            None,
                            "{}",
                            first_contact,
                        )
                    )
                    rows["timeline"].append(
                        (
                            nid("timeline"),
                            case_id,
                            EventKind.STATUS,
                            "",
                            "",
                            assignee,
                            None,
                            None,
                            None,
                            '{"from": "new", "to": "in_progress"}',
                            first_contact,
                        )
                    )
                if rng.random() < 0.3 and status != Status.NEW:
                    referral_id = nid("referral")
                    rows["referral"].append(
                        (
                            referral_id,
                            case_id,
                            None,
                            "Neighbourhood Pet Pantry",
                            "referred",
                            "",
                            assignee,
                            first_contact,
                            first_contact,
                        )
                    )
                    rows["timeline"].append(
                        (
                            nid("timeline"),
                            case_id,
                            EventKind.REFERRAL,
                            "",
                            "",
                            assignee,
                            None,
                            referral_id,
                            None,
                            '{"status": "referred"}',
                            first_contact,
                        )
                    )
                if assignee and status in (Status.IN_PROGRESS, Status.WAITING):
                    due = today + datetime.timedelta(days=rng.randint(-5, 10))
                    rows["followup"].append(
                        (
                            nid("followup"),
                            case_id,
                            due,
                            assignee,
                            "Call back",
                            None,
                            None,
                            None,  # not cancelled
                            None,
                            assignee,
                            first_contact or opened,
                        )
                    )
                if resolved:
                    rows["followup"].append(
                        (
                            nid("followup"),
                            case_id,
                            resolved.date(),
                            assignee,
                            "Check in",
                            resolved,
                            assignee,
                            None,  # not cancelled
                            None,
                            assignee,
                            first_contact or opened,
                        )
                    )
                    rows["timeline"].append(
                        (
                            nid("timeline"),
                            case_id,
                            EventKind.RESOLVED,
                            "",
                            "",
                            assignee,
                            None,
                            None,
                            None,
                            f'{{"outcome": "{outcome}"}}',
                            resolved,
                        )
                    )
            for table, cols, key in [
                ("backoffice_person", person_cols, "person"),
                ("backoffice_case", case_cols, "case"),
                ("backoffice_pet", pet_cols, "pet"),
                ("backoffice_casepet", casepet_cols, "casepet"),
                ("backoffice_caseneed", need_cols, "need"),
                ("backoffice_casereason", reason_cols, "reason"),
                ("backoffice_referral", referral_cols, "referral"),
                ("backoffice_followup", followup_cols, "followup"),
                ("backoffice_timelineentry", timeline_cols, "timeline"),
            ]:
                with cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                    for row in rows[key]:
                        copy.write_row(row)
            counts["people"] += len(rows["person"])
            counts["cases"] += len(rows["case"])
            for key, name in [
                ("pet", "pets"),
                ("need", "needs"),
                ("reason", "reasons"),
                ("timeline", "timeline"),
                ("followup", "followups"),
                ("referral", "referrals"),
            ]:
                counts[name] += len(rows[key])
            print(f"  generated {batch.stop:,} cases", flush=True)
        for table in [
            "person",
            "case",
            "pet",
            "casepet",
            "caseneed",
            "casereason",
            "timelineentry",
            "followup",
            "referral",
        ]:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('backoffice_{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM backoffice_{table}))"
            )
    ReferenceCounter.objects.bulk_create(
        [ReferenceCounter(year=y, last=last) for y, last in per_year.items()]
    )
    return counts


def timed(client, url: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200, (url, response.status_code)
        times.append(elapsed)
    return times


def queries(client, url: str) -> int:
    """The SQL statements one more request for ``url`` runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def report(label: str, values: list[float]) -> None:
    print(
        f"  {label:<46} p50 {statistics.median(values):7.1f} ms   p95 {p95(values):7.1f} ms"
        f"   max {max(values):7.1f} ms   (n={len(values)})",
        flush=True,
    )


def signed_in(user):
    """A test client signed in as ``user``, past the second step when the user has an app (the
    concurrent run gives every session one, as production requires)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def measure(staff, supervisor, runs: int, rng: random.Random) -> dict:
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from backoffice.models import Case

    # No setup_test_environment(): its template instrumentation (a context copy per rendered
    # template, for assertTemplateUsed) would be measured too. portal.settings.test allows any host.
    client = signed_in(staff[0])
    queue = reverse("backoffice:queue")
    year_ago = (timezone.localdate() - datetime.timedelta(days=365)).isoformat()
    some = (
        Case.objects.filter(confidential=False)
        .order_by("?")
        .values_list("reference", "person__name", "person__phone_digits", flat=False)[:5]
    )
    sample_ref, sample_name, sample_phone = some[0]
    from backoffice.models import Pet

    sample_chip = (
        Pet.objects.exclude(microchip="")
        .order_by("-pk")
        .values_list("microchip", flat=True)
        .first()
        or "985000000000001"
    )
    variants = {
        "queue: open cases, most urgent first": "",
        "queue: mine": "?assignee=mine",
        "queue: unassigned": "?assignee=unassigned",
        "queue: all statuses, newest first": "?status=all&sort=newest",
        "queue: need = housing": "?need=housing",
        "queue: language = es, status = all": "?language=es&status=all",
        "queue: overdue follow-ups": "?overdue=on",
        "queue: urgent, type = pet support": "?priority=1&case_type=pet_support",
        "queue: opened in the last year, all": f"?status=all&opened_after={year_ago}",
        "queue: page 40 of all": "?status=all&page=40",
        "queue: search by reference": f"?status=all&q={sample_ref}",
        "queue: search by phone": f"?status=all&q={sample_phone}",
        "queue: search by name": f"?status=all&q={'+'.join(sample_name.split()[:2])}",
        "queue: search by microchip": f"?status=all&q={sample_chip}",
        "queue: search by pet name": "?status=all&q=Mochi",
    }
    results = {}
    all_queue = []
    for label, query in variants.items():
        timed(client, queue + query, 2)  # warm up
        values = timed(client, queue + query, runs)
        report(f"{label} ({queries(client, queue + query)} queries)", values)
        all_queue += values
        results[label] = values
    report("queue: all variants together", all_queue)
    results["queue"] = all_queue

    # The counts per status are cached until a case changes; right after a change they are
    # counted again. Measured apart: not part of the target's mix, which is the steady state.
    from backoffice import counts_cache

    after_change = []
    for query in ("", "?assignee=mine", "?status=all&sort=newest", "?need=housing"):
        for _ in range(max(3, runs // 8)):
            counts_cache.invalidate()
            after_change += timed(client, queue + query, 1)
    report("queue, first view after a change", after_change)

    references = list(
        Case.objects.filter(confidential=False)
        .order_by("?")
        .values_list("reference", flat=True)[: runs * 4]
    )
    timed(client, reverse("backoffice:case", args=[references[0]]), 2)
    case_times = []
    for reference in references:
        case_times += timed(client, reverse("backoffice:case", args=[reference]), 1)
    case_url = reverse("backoffice:case", args=[references[-1]])
    report(f"case page (random cases) ({queries(client, case_url)} queries)", case_times)
    results["case"] = case_times

    boss = signed_in(supervisor)
    dashboard = reverse("backoffice:dashboard")
    timed(boss, dashboard, 1)
    values = timed(boss, dashboard, max(5, runs // 4))
    report("dashboard: the last 365 days", values)
    results["dashboard"] = values
    connection.close()
    return results


def profile_samples() -> dict:
    """A case manager's sample page for each profiled page (``backoffice_profile.pages``)."""
    from backoffice.models import Case

    reference, name = (
        Case.objects.filter(confidential=False)
        .order_by("pk")
        .values_list("reference", "person__name")[1000]
    )
    return {"case": reference, "name": " ".join(name.split()[:2]), "pet": "Mochi"}


def staff_ensure(sessions: int):
    """The staff of a kept database (--reuse), with case managers added (with no cases yet) up to
    ``sessions - 1``, so that every concurrent session is a different person."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from backoffice.permissions import CASE_MANAGERS_GROUP

    User = get_user_model()
    managers = Group.objects.get(name=CASE_MANAGERS_GROUP)
    for i in range(sessions - 1):
        user, created = User.objects.get_or_create(
            username=f"cm{i}", defaults={"first_name": f"Case{i}", "last_name": "Manager"}
        )
        if created:
            user.groups.add(managers)
    staff = list(User.objects.filter(username__startswith="cm").order_by("pk"))[: sessions - 1]
    return staff, User.objects.get(username="sup")


def samples_pick(rng: random.Random) -> dict:
    """What the concurrent sessions search for: phones, full names, chips and pet names of
    existing records."""
    from backoffice.models import Case, Person, Pet

    top = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
    ids = [rng.randint(1, top) for _ in range(200)]
    people = list(Person.objects.filter(pk__in=ids).values_list("name", "phone_digits"))
    chips = list(
        Pet.objects.filter(pk__in=ids).exclude(microchip="").values_list("microchip", flat=True)
    )
    return {
        "cases": top,
        "phones": [phone for _name, phone in people if phone],
        # "Ada Brightwater": about one person in 250 has a given first and last name.
        "names": [" ".join(name.split()[:2]) for name, _phone in people],
        "chips": chips or ["985000000000001"],
        "pets": PET_NAMES[:10],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=40, help="requests per queue variant")
    parser.add_argument("--database", default=DB_NAME)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure a database kept by an earlier --keep run (migrated first), no generation",
    )
    parser.add_argument(
        "--sessions", type=int, default=16, help="concurrent staff sessions through gunicorn"
    )
    parser.add_argument("--seconds", type=int, default=60, help="length of the concurrent run")
    parser.add_argument(
        "--threads",
        type=int,
        default=4,
        help="threads of each of gunicorn's 2 workers: 4 as the Dockerfile serves, 1 for sync",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=2.0,
        help="mean pause in seconds between one session's requests (0: none, saturation)",
    )
    parser.add_argument(
        "--only",
        choices=["client", "served"],
        help="only the in-process test client measurement, or only the concurrent one",
    )
    parser.add_argument(
        "--profile",
        nargs="?",
        const="all",
        metavar="PAGE",
        help="instead of measuring: where the slowest pages' time goes, SQL and a cProfile "
        "(bench/backoffice_profile.py; PAGE: only the pages whose label holds it)",
    )
    args = parser.parse_args()

    began = time.perf_counter()
    if not args.reuse:
        database_recreate(args.database)
    django_setup(args.database)
    from django.core.management import call_command
    from django.db import connection

    keep = args.keep or args.reuse
    try:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        if args.reuse:
            print(f"Reusing {args.database} (migrated in {time.perf_counter() - t0:.0f} s)")
            with connection.cursor() as cursor:
                cursor.execute(PET_SQL)
                if cursor.rowcount:
                    print(f"  gave {cursor.rowcount:,} pets their names and chips")
                    cursor.execute("VACUUM ANALYZE backoffice_pet")
        else:
            print(f"Generating {args.cases:,} cases over {YEARS} years...", flush=True)
            counts = generate(args.cases, *staff_create(), random.Random(500))
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            print(
                "  "
                + ", ".join(f"{v:,} {k}" for k, v in counts.items())
                + f" in {time.perf_counter() - t0:.0f} s (COPY, then VACUUM ANALYZE)",
                flush=True,
            )
        staff, supervisor = staff_ensure(args.sessions)
        targets = []
        if args.profile:
            from bench import backoffice_profile

            print(f"  {machine('before')}", flush=True)
            backoffice_profile.run(
                signed_in(staff[0]),
                signed_in(supervisor),
                profile_samples(),
                args.runs,
                only="" if args.profile == "all" else args.profile,
            )
            print(f"  {machine('after')}", flush=True)
            return
        if args.only != "served":
            print("Measuring (Django test client, PostgreSQL, portal.settings.test):", flush=True)
            print(f"  {machine('before')}", flush=True)
            results = measure(staff, supervisor, args.runs, random.Random(1))
            print(f"  {machine('after')}", flush=True)
            targets += [
                ("queue p95, one session", results["queue"], 150),
                ("case page p95, one session", results["case"], 150),
                ("dashboard p95", results["dashboard"], 500),
            ]
        if args.only != "client":
            from bench import backoffice_served

            print(
                f"Measuring {args.sessions} concurrent staff sessions through gunicorn "
                "(bench.settings: production, DEBUG off):",
                flush=True,
            )
            served = backoffice_served.run(
                database=args.database,
                server=DB_SERVER,
                staff_users=staff,
                supervisor=supervisor,
                seconds=args.seconds,
                think=args.think,
                samples=samples_pick(random.Random(2)),
                var=Path(f"/tmp/{args.database}-var"),
                machine=machine,
                worker_threads=args.threads,
            )
            targets += [
                (f"queue p95, {args.sessions} sessions", served["queue"], 150),
                (f"case page p95, {args.sessions} sessions", served["case"], 150),
            ]
        print("Targets:")
        for label, values, target in targets:
            value = p95(values)
            print(
                f"  {label:<34} {value:7.1f} ms  (target < {target} ms) "
                f"{'OK' if value < target else 'MISSED'}"
            )
        print(f"Total time {time.perf_counter() - began:.0f} s")
    finally:
        if not keep:
            database_drop(args.database)


if __name__ == "__main__":
    main()
