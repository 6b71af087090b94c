"""factory_boy factories for back-office tests. Cases made here skip the services (fast, for
volume); tests of behaviour open cases with ``services.case_open``."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from .models import Case, CaseNeed, CasePet, FollowUp, Person, Pet, Referral, TimelineEntry
from .permissions import CASE_MANAGERS_GROUP, SUPERVISORS_GROUP
from .vocabulary import CaseType, Channel, EventKind, NoteKind, Species, Status


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
