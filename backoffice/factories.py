"""factory_boy factories for back-office tests. Cases made here skip the services (fast, for
volume); tests of behaviour open cases with ``services.case_open``."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from .models import (
    Case,
    CaseNeed,
    CasePet,
    FollowUp,
    Person,
    Pet,
    PetReport,
    Referral,
    ReportPhoto,
    TimelineEntry,
)
from .permissions import CASE_MANAGERS_GROUP, SUPERVISORS_GROUP
from .vocabulary import (
    REPORT_CASE_TYPES,
    CaseType,
    Channel,
    Colour,
    EventKind,
    NoteKind,
    Publication,
    ReportKind,
    Species,
    Status,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Sequence(lambda n: f"Staff{n}")
    last_name = "Member"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.django.Password("test-pass")

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class CaseManagerFactory(UserFactory):
    group = factory.PostGeneration(
        lambda user, create, extracted, **kw: (
            create and user.groups.add(Group.objects.get(name=extracted or CASE_MANAGERS_GROUP))
        )
    )


class SupervisorFactory(UserFactory):
    group = factory.PostGeneration(
        lambda user, create, extracted, **kw: (
            create and user.groups.add(Group.objects.get(name=extracted or SUPERVISORS_GROUP))
        )
    )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Test Person {n}")
    preferred_language = "en"
    phone = factory.Sequence(lambda n: f"(503) 555-01{n % 100:02d}")
    phone_digits = factory.LazyAttribute(lambda p: "".join(c for c in p.phone if c.isdigit()))
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class PetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pet

    owner = factory.SubFactory(PersonFactory)
    species = Species.DOG
    name = factory.Sequence(lambda n: f"Pet{n}")


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"PS-1999-{n + 1:06d}")
    person = factory.SubFactory(PersonFactory)
    case_type = CaseType.PET_SUPPORT
    channel = Channel.PHONE
    language = factory.SelfAttribute("person.preferred_language")
    status = Status.NEW
    opened_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        if create and extracted:
            CaseNeed.objects.bulk_create([CaseNeed(case=self, code=c) for c in extracted])

    @factory.post_generation
    def pets(self, create, extracted, **kwargs):
        if create and extracted:
            for _ in range(extracted):
                CasePet.objects.create(case=self, pet=PetFactory(owner=self.person))


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    case = factory.SubFactory(CaseFactory)
    due_on = factory.LazyFunction(timezone.localdate)
    assignee = factory.SelfAttribute("case.assignee")
    note = "Call back"


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    case = factory.SubFactory(CaseFactory)
    partner_name = "Neighbourhood Pet Pantry"


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimelineEntry

    case = factory.SubFactory(CaseFactory)
    kind = EventKind.NOTE
    note_kind = NoteKind.CALL
    body = "Spoke with them by phone."


class PetReportFactory(factory.django.DjangoModelFactory):
    """A lost dog reported near 95814 (``found=True``: a found one), with its case. The place's
    position is that ZIP code's centre, as the intake service sets it."""

    class Meta:
        model = PetReport

    class Params:
        found = factory.Trait(
            kind=ReportKind.FOUND,
            pet_name="",
            private_detail="",
        )
        published = factory.Trait(
            publish_consent=True,
            state=Publication.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
        )

    case = factory.SubFactory(
        CaseFactory,
        case_type=factory.LazyAttribute(lambda case: REPORT_CASE_TYPES[case.factory_parent.kind]),
        channel=Channel.LOST_FOUND,
    )
    kind = ReportKind.LOST
    species = Species.DOG
    pet_name = factory.Sequence(lambda n: f"Pet{n}")
    breed = "Labrador mix"
    colours = factory.LazyFunction(lambda: [Colour.BLACK.value])
    happened_on = factory.LazyFunction(timezone.localdate)
    place = "J St and 10th St"
    zip_code = "95814"
    latitude = 38.5804
    longitude = -121.4922
    private_detail = "A notch in the left ear"


class ReportPhotoFactory(factory.django.DjangoModelFactory):
    """A small JPEG in the private store (tests that check what is stored use ``backoffice.photos``)."""

    class Meta:
        model = ReportPhoto

    report = factory.SubFactory(PetReportFactory)
    file = factory.django.ImageField(width=64, height=48, format="JPEG", filename="photo.jpg")
    width = 64
    height = 48
    position = factory.Sequence(lambda n: n % ReportPhoto.MAX_PER_REPORT)
