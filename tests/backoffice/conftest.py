import pytest
from django.contrib.auth.models import Group, Permission

from backoffice import services
from backoffice.factories import CaseManagerFactory, SupervisorFactory, UserFactory
from backoffice.vocabulary import CaseType, Channel, Need, Reason


@pytest.fixture
def case_manager(db):
    return CaseManagerFactory(username="cm_carmen", first_name="Carmen", last_name="Casework")


@pytest.fixture
def other_case_manager(db):
    return CaseManagerFactory(username="cm_minh", first_name="Minh", last_name="Nguyen")


@pytest.fixture
def supervisor(db):
    return SupervisorFactory(username="sup_sam", first_name="Sam", last_name="Supervisor")


@pytest.fixture
def content_editor(db):
    """A Wagtail editor: may sign in to the admin, but not to the back office."""
    user = UserFactory(username="ed_erin")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user.groups.add(group)
    return user


@pytest.fixture
def login(client):
    def _login(user):
        if user is not None:
            client.force_login(user)
        return client

    return _login


def open_case(**overrides):
    """Open a case through the service every intake channel uses."""
    kwargs = {
        "case_type": CaseType.PET_SUPPORT,
        "channel": Channel.PHONE,
        "person": services.PersonDetails(
            name=overrides.pop("name", "Rosalind Fairweather"),
            phone=overrides.pop("phone", "(503) 555-0142"),
            email=overrides.pop("email", "rosalind@example.org"),
            preferred_language=overrides.pop("preferred_language", "en"),
        ),
        "pets": [services.PetDetails(species="dog", name="Biscuit")],
        "needs": [Need.FOOD_SUPPLIES],
        "reasons": [Reason.COST],
    }
    kwargs.update(overrides)
    return services.case_open(**kwargs)


@pytest.fixture
def world(case_manager, other_case_manager, supervisor):
    """A plain case and a confidential (safety) case, both assigned to ``case_manager``."""
    plain = open_case(assignee=case_manager, opened_by=case_manager)
    secret = open_case(
        name="Zephyrine Quillfeather",
        phone="(503) 555-0177",
        email="zephyrine@example.org",
        needs=[Need.TEMPORARY_CARE],
        reasons=[Reason.SAFETY],
        assignee=case_manager,
        opened_by=case_manager,
    )
    services.case_followup_add(
        case=secret,
        actor=case_manager,
        due_on=secret.opened_at.date().replace(year=2000),
        note="Check the foster placement",
    )
    return {"plain": plain, "secret": secret}
