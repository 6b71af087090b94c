"""``manage.py forget_abandoned_surveys``: survey answers left in sessions are cleared, nothing else."""

from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from backoffice.factories import CaseManagerFactory

from .helpers import send, step_url, walk

IDLE = 60


def _run(**options) -> str:
    out = StringIO()
    call_command("forget_abandoned_surveys", stdout=out, **options)
    return out.getvalue()


def _age(client, minutes, key="wizard_survey"):
    """Make the survey's data in this client's session ``minutes`` older."""
    session = client.session
    if key == "wizard_survey":
        session[key]["extra_data"]["seen"] -= minutes * 60
    else:
        session[key]["at"] -= minutes * 60
    session.save()


@pytest.fixture(autouse=True)
def _idle(settings):
    settings.SURVEY_IDLE_MINUTES = IDLE


def test_answers_left_too_long_are_cleared_and_the_visitor_starts_afresh(client, db):
    walk(client)
    session = client.session
    session["kept"] = "yes"
    session.save()
    _age(client, IDLE + 1)
    assert _run() == "Abandoned survey answers cleared from 1 session(s).\n"
    assert "wizard_survey" not in client.session
    assert client.session["kept"] == "yes"  # the rest of the session stays
    response = client.get(step_url("review"))  # never a 500: a fresh start
    assert response.status_code == 302 and response["Location"] == step_url("needs")
    assert _run() == "Abandoned survey answers cleared from 0 session(s).\n"  # nothing twice


def test_answers_in_progress_stay(client, db):
    walk(client)
    _age(client, IDLE - 5)
    assert "from 0 session(s)" in _run()
    assert client.get(step_url("review")).status_code == 200


def test_a_staff_member_stays_signed_in_and_keeps_the_sessions_expiry(client, db):
    staff = CaseManagerFactory()
    client.force_login(staff)
    walk(client)
    _age(client, IDLE + 1)
    key = client.session.session_key
    expiry = Session.objects.get(session_key=key).expire_date
    assert "from 1 session(s)" in _run()
    assert Session.objects.get(session_key=key).expire_date == expiry
    assert client.get(reverse("backoffice:queue")).status_code == 200  # still signed in


def test_a_session_holding_only_the_survey_goes_and_other_sessions_are_untouched(db):
    visitor, other = Client(), Client()
    walk(visitor)
    other.force_login(CaseManagerFactory())
    before = Session.objects.get(session_key=other.session.session_key).session_data
    _age(visitor, IDLE + 1)
    session = visitor.session
    for name in list(session.keys()):
        if name != "wizard_survey":
            del session[name]
    session.save()
    assert "from 1 session(s)" in _run()
    assert not Session.objects.filter(session_key=visitor.session.session_key).exists()
    assert Session.objects.get(session_key=other.session.session_key).session_data == before


def test_an_old_confirmation_record_is_cleared_a_recent_one_kept(client, db):
    walk(client, safety="yes")
    send(client)
    assert "from 0 session(s)" in _run()
    assert "survey_done" in client.session
    _age(client, IDLE + 1, key="survey_done")
    assert "from 1 session(s)" in _run()
    assert "survey_done" not in client.session


def test_unreadable_survey_data_is_cleared_without_an_error(client, db):
    session = client.session
    session["wizard_survey"] = "garbage"
    session["survey_done"] = {"at": "yesterday"}
    session.save()
    assert "from 1 session(s)" in _run(idle_minutes=IDLE)


def test_cached_db_sessions_are_cleared_in_the_cache_too(settings, db):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client = Client()
    walk(client)
    assert client.get(step_url("review")).status_code == 200  # read once: now in the cache
    _age(client, IDLE + 1)
    assert "from 1 session(s)" in _run()
    assert "wizard_survey" not in client.session  # read through the cache, as a request would


def test_a_session_engine_without_a_list_of_sessions_is_refused_clearly(settings, db):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    with pytest.raises(CommandError, match="only database-backed sessions"):
        _run()


def test_a_negative_idle_time_is_refused(db):
    with pytest.raises(CommandError):
        _run(idle_minutes=-1)
