"""Staff sign-in's optional second step (portal.two_factor): set-up with a real app code, the
recovery codes shown once, verification before staff pages, throttling, the setting that makes it
required for those who see confidential cases, and supervisors' resets, all in the audit log."""

import re
import time
from binascii import unhexlify

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from backoffice import permissions
from backoffice.factories import CaseFactory, CaseManagerFactory, SupervisorFactory
from backoffice.models import AuditEntry
from portal.two_factor.views import SETUP_KEY
from tests.fuzz import EDGES

pytestmark = pytest.mark.django_db

VERIFY = "/two-factor/verify/"
SET_UP = "/two-factor/setup/"


def code_for(key: str, offset: int = 0) -> str:
    """The code an authenticator app holding ``key`` shows now (or ``offset`` steps later)."""
    return f"{totp(unhexlify(key), t0=-offset * 30):06d}"


def equip(user, codes=("k2m7qx4d", "ab34cd56")):
    """``user`` with a confirmed app and recovery codes, as set-up leaves them."""
    key = random_hex(20)
    TOTPDevice.objects.create(user=user, name="Authenticator app", key=key, confirmed=True)
    static = StaticDevice.objects.create(user=user, name="Recovery codes")
    for code in codes:
        StaticToken.objects.create(device=static, token=code)
    return key


def verify(client, code, *, next="/backoffice/", method="app", **extra):
    field = "code" if method == "app" else "recovery_code"
    return client.post(VERIFY, {"method": method, field: code, "next": next}, **extra)


def test_setting_up_an_app_with_its_real_code_turns_the_second_step_on(client):
    user = CaseManagerFactory()
    client.force_login(user)
    page = client.get(SET_UP)
    assert page.status_code == 200
    html = page.content.decode()
    # The QR code is drawn inline, with nothing the strict policy refuses (no style, no script).
    assert "<svg" in html and "style=" not in html and "<script" not in html
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]
    key = client.session[SETUP_KEY]
    shown = re.search(r'class="totp-key"[^>]*>([A-Z2-7 ]+)<', html).group(1)
    from base64 import b32decode

    assert b32decode(shown.replace(" ", "")) == unhexlify(key)  # the key, to type by hand
    assert 'inputmode="numeric"' in html and 'autocomplete="one-time-code"' in html
    assert not TOTPDevice.objects.filter(user=user).exists()  # nothing saved before the code

    done = client.post(SET_UP, {"code": code_for(key)})
    assert done.status_code == 302 and done["Location"].startswith("/two-factor/recovery-codes/")
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.key == key
    assert AuditEntry.objects.filter(
        operation="two_factor_setup", actor=user, detail__staff_id=user.pk
    ).exists()

    shown_once = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown_once)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    again = client.get(done["Location"]).content.decode()
    assert not any(code in again for code in codes)  # shown once only
    assert "10 recovery codes left" in again
    # The session that set it up is verified: the back office opens at once.
    assert client.get("/backoffice/").status_code == 200


def test_a_wrong_code_at_set_up_saves_nothing_and_says_so(client):
    user = CaseManagerFactory()
    client.force_login(user)
    client.get(SET_UP)
    key = client.session[SETUP_KEY]
    wrong = next(c for c in ("000000", "111111") if c not in {code_for(key, o) for o in (-1, 0, 1)})
    answer = client.post(SET_UP, {"code": wrong})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "That code did not match" in html
    # The error summary takes the focus and links to the field.
    assert re.search(r'class="error-summary[^"]*" role="alert" tabindex="-1" autofocus', html)
    assert 'href="#id_code"' in html
    not_digits = client.post(SET_UP, {"code": "12ab56"})
    assert "Enter the 6 digits" in not_digits.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert client.session[SETUP_KEY] == key  # the same key, the app keeps working


def test_digits_typed_in_another_script_with_spaces_are_read(client):
    user = CaseManagerFactory()
    client.force_login(user)
    client.get(SET_UP)
    key = client.session[SETUP_KEY]
    arabic = code_for(key).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert client.post(SET_UP, {"code": f"{arabic[:3]} {arabic[3:]}"}).status_code == 302
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_staff_pages_wait_for_the_second_step_and_public_pages_do_not(client):
    user = CaseManagerFactory()
    key = equip(user)
    client.force_login(user)
    for path in ("/backoffice/", "/admin/", "/two-factor/", "/two-factor/recovery-codes/"):
        answer = client.get(path)
        assert answer.status_code == 302, path
        assert answer["Location"] == VERIFY + "?next=" + path, path
    assert client.get("/healthz/").status_code == 200
    page = client.get(VERIFY + "?next=/backoffice/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'inputmode="numeric"' in html and 'autocomplete="one-time-code"' in html
    # The recovery code's field takes letters: not a numeric one.
    recovery_input = re.search(r'<input[^>]*name="recovery_code"[^>]*>', html).group(0)
    assert "numeric" not in recovery_input

    answer = verify(client, code_for(key))
    assert answer.status_code == 302 and answer["Location"] == "/backoffice/"
    assert client.get("/backoffice/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_staff_member_without_an_app_is_not_asked_for_one(client):
    user = CaseManagerFactory()
    client.force_login(user)
    assert client.get("/backoffice/").status_code == 200
    assert client.get(VERIFY)["Location"] == "/backoffice/"  # nothing to verify


def test_sign_in_and_out_stay_open_before_the_second_step(client):
    user = CaseManagerFactory()
    equip(user)
    client.force_login(user)
    assert client.post("/admin/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_is_refused_and_does_not_verify(client):
    user = CaseManagerFactory()
    key = equip(user)
    client.force_login(user)
    now = {code_for(key, o) for o in (-1, 0, 1)}
    wrong = next(c for c in ("000000", "111111", "222222") if c not in now)
    answer = verify(client, wrong)
    assert answer.status_code == 200
    assert "That code did not work" in answer.content.decode()
    assert client.get("/backoffice/").status_code == 302


def test_a_recovery_code_works_once_and_its_use_is_recorded(client):
    user = CaseManagerFactory()
    equip(user)
    client.force_login(user)
    answer = verify(client, "K2M7-QX4D", method="recovery")  # as written down
    assert answer.status_code == 302 and answer["Location"] == "/backoffice/"
    assert AuditEntry.objects.filter(operation="two_factor_recovery_use", actor=user).exists()
    assert client.get("/backoffice/").status_code == 200
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["ab34cd56"]

    client.post("/admin/logout/")
    client.force_login(user)
    with time_machine.travel(time.time() + 5):
        again = verify(client, "k2m7qx4d", method="recovery")
    assert again.status_code == 200
    assert "That recovery code did not work" in again.content.decode()
    assert client.get("/backoffice/").status_code == 302


def test_after_a_wrong_code_the_next_attempt_waits_429_with_retry_after(client):
    user = CaseManagerFactory()
    key = equip(user)
    client.force_login(user)
    now = {code_for(key, o) for o in (-1, 0, 1)}
    wrong = next(c for c in ("000000", "111111", "222222") if c not in now)
    with time_machine.travel(time.time(), tick=False):
        verify(client, wrong)
        verify(client, wrong)  # throttled already: not even checked
        refused = verify(client, code_for(key), HTTP_ACCEPT_LANGUAGE="es")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 2
    assert "demasiados códigos incorrectos" in refused.content.decode()
    assert client.get("/backoffice/").status_code == 302
    with time_machine.travel(time.time() + 3):
        assert verify(client, code_for(key)).status_code == 302
    assert client.get("/backoffice/").status_code == 200


def test_wrong_recovery_codes_count_towards_the_wait_too(client):
    user = CaseManagerFactory()
    key = equip(user)
    client.force_login(user)
    with time_machine.travel(time.time(), tick=False):
        verify(client, "zzzzzzzz", method="recovery")
        refused = verify(client, code_for(key))
        also = verify(client, "ab34cd56", method="recovery")
    assert refused.status_code == 429 and "Retry-After" in refused
    assert also.status_code == 429
    assert StaticToken.objects.filter(token="ab34cd56").exists()  # not used up while refused
    # One count for the person: the wrong recovery code counted against the app too...
    assert TOTPDevice.objects.get(user=user).throttling_failure_count == 1
    with time_machine.travel(time.time() + 3):
        assert verify(client, code_for(key)).status_code == 302
    # ...and the right code cleared both, so the next sign-in does not wait.
    assert StaticDevice.objects.get(user=user).throttling_failure_count == 0


@pytest.mark.parametrize(
    "next_value",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example"],
)
def test_the_next_address_never_leads_off_the_site(client, next_value):
    user = CaseManagerFactory()
    key = equip(user)
    client.force_login(user)
    page = client.get(VERIFY, {"next": next_value}).content.decode()
    assert "evil.example" not in page and "javascript:" not in page
    answer = verify(client, code_for(key), next=next_value)
    assert answer.status_code == 302 and answer["Location"] == "/backoffice/"


def test_the_next_address_on_the_site_is_kept(client):
    user = CaseManagerFactory()
    key = equip(user)
    client.force_login(user)
    first = client.get("/backoffice/follow-ups/")
    assert first["Location"] == VERIFY + "?next=/backoffice/follow-ups/"
    assert 'value="/backoffice/follow-ups/"' in client.get(first["Location"]).content.decode()
    answer = verify(client, code_for(key), next="/backoffice/follow-ups/")
    assert answer["Location"] == "/backoffice/follow-ups/"


def test_new_recovery_codes_stop_the_old_ones(client):
    user = CaseManagerFactory()
    key = equip(user)
    client.force_login(user)
    verify(client, code_for(key))
    made = client.post("/two-factor/recovery-codes/")
    assert made.status_code == 302
    codes = re.findall(
        r"<li><code>([a-z2-7]{8})</code></li>", client.get(made["Location"]).content.decode()
    )
    assert len(codes) == 10 and "k2m7qx4d" not in codes
    assert not StaticToken.objects.filter(token__in=["k2m7qx4d", "ab34cd56"]).exists()
    assert AuditEntry.objects.filter(operation="two_factor_recovery_codes", actor=user).exists()


@override_settings(STAFF_TOTP_REQUIRED_FOR_CONFIDENTIAL=True)
def test_when_required_whoever_sees_confidential_cases_sets_up_an_app_first(client):
    supervisor = SupervisorFactory()
    client.force_login(supervisor)
    for path in ("/backoffice/", "/admin/", "/two-factor/"):
        answer = client.get(path)
        assert answer.status_code == 302
        assert answer["Location"].startswith(SET_UP + "?next="), path
    assert client.get(SET_UP).status_code == 200

    assigned = CaseManagerFactory()
    CaseFactory(assignee=assigned, confidential=True)
    client.force_login(assigned)
    assert client.get("/backoffice/")["Location"].startswith(SET_UP)

    others = CaseManagerFactory()
    CaseFactory(assignee=assigned, confidential=False)
    client.force_login(others)
    assert client.get("/backoffice/").status_code == 200  # sees no confidential case


@override_settings(STAFF_TOTP_REQUIRED_FOR_CONFIDENTIAL=False)
def test_when_not_required_a_supervisor_without_an_app_goes_in(client):
    client.force_login(SupervisorFactory())
    assert client.get("/backoffice/").status_code == 200


def test_production_requires_it_and_the_default_does_not():
    import os
    import subprocess
    import sys

    from portal.settings import base

    assert base.STAFF_TOTP_REQUIRED_FOR_CONFIDENTIAL is False
    env = {k: v for k, v in os.environ.items() if k != "STAFF_TOTP_REQUIRED_FOR_CONFIDENTIAL"}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x" * 64,
        ALLOWED_HOSTS="pets.example.org",
        DATABASE_URL="sqlite:////tmp/portal-settings-check.sqlite3",
    )
    snippet = (
        "from django.conf import settings; print(settings.STAFF_TOTP_REQUIRED_FOR_CONFIDENTIAL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", snippet],
        cwd=base.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "True", result.stderr


def test_who_sees_confidential_cases():
    supervisor = SupervisorFactory()
    assigned, other = CaseManagerFactory(), CaseManagerFactory()
    CaseFactory(assignee=assigned, confidential=True)
    CaseFactory(assignee=other, confidential=False)
    assert permissions.user_sees_confidential_cases(supervisor)
    assert permissions.user_sees_confidential_cases(assigned)
    assert not permissions.user_sees_confidential_cases(other)


def test_a_supervisor_resets_a_case_managers_app_and_it_is_recorded(client):
    supervisor = SupervisorFactory(first_name="Sam", last_name="Supervisor")
    staff = CaseManagerFactory(first_name="Minh", last_name="Nguyen")
    equip(staff)
    client.force_login(supervisor)
    listing = client.get("/two-factor/staff/").content.decode()
    assert "Reset for Minh Nguyen" in listing
    answer = client.post(f"/two-factor/staff/{staff.pk}/reset/")
    assert answer.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    entry = AuditEntry.objects.get(operation="two_factor_reset")
    assert entry.actor == supervisor and entry.detail == {"staff_id": staff.pk}
    log = client.get(reverse("backoffice:audit_log")).content.decode()
    assert "Reset a staff member&#x27;s two-step verification" in log and "Minh Nguyen" in log

    # Minh signs in with the password alone again.
    client.force_login(staff)
    assert client.get("/backoffice/").status_code == 200


def test_a_case_manager_cannot_reset_anyone(client):
    staff = CaseManagerFactory()
    equip(staff)
    client.force_login(CaseManagerFactory())
    assert client.get("/two-factor/staff/").status_code == 403
    assert client.post(f"/two-factor/staff/{staff.pk}/reset/").status_code == 403
    assert TOTPDevice.objects.filter(user=staff).exists()
    assert AuditEntry.objects.filter(operation="page", action="denied").exists()


def test_only_a_superuser_resets_a_superusers_app(client):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    other_root = get_user_model().objects.create_superuser("root2", "root2@example.org", "pw")
    equip(root)
    supervisor = SupervisorFactory()
    client.force_login(supervisor)
    assert "root" not in re.findall(
        r"Reset for (\w+)", client.get("/two-factor/staff/").content.decode()
    )
    assert client.post(f"/two-factor/staff/{root.pk}/reset/").status_code == 403
    assert TOTPDevice.objects.filter(user=root).exists()

    client.force_login(other_root)
    assert client.post(f"/two-factor/staff/{root.pk}/reset/").status_code == 302
    assert not TOTPDevice.objects.filter(user=root).exists()


def test_unknown_or_huge_staff_ids_are_not_found(client):
    client.force_login(SupervisorFactory())
    assert client.post("/two-factor/staff/999999/reset/").status_code == 404
    assert client.post(f"/two-factor/staff/{2**70}/reset/").status_code == 404


def test_pages_need_sign_in_and_are_never_cached(client):
    assert client.get("/two-factor/")["Location"].startswith("/admin/login/")
    assert client.get(VERIFY)["Location"].startswith("/admin/login/")
    user = CaseManagerFactory()
    client.force_login(user)
    answer = client.get(SET_UP)
    assert "no-store" in answer["Cache-Control"] or "no-cache" in answer["Cache-Control"]


def test_a_device_set_up_in_another_session_is_asked_for_at_once(client):
    """The cached "has no app" answer is forgotten when an app is set up elsewhere."""
    user = CaseManagerFactory()
    client.force_login(user)
    assert client.get("/backoffice/").status_code == 200
    equip(user)
    assert client.get("/backoffice/").status_code == 302


def test_staff_without_an_app_cost_no_query_of_the_devices_and_verified_ones_one(client):
    """The queue and case pages' query budgets hold for staff without an app; a verified session
    pays one query a page (django-otp checks the device still exists, so a reset counts at once)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = CaseManagerFactory()
    client.force_login(user)
    client.get("/backoffice/")

    def device_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/backoffice/").status_code == 200
        return [q["sql"] for q in queries if "otp_" in q["sql"]]

    assert device_queries() == []
    key = equip(user)
    verify(client, code_for(key))
    assert len(device_queries()) == 1


def test_the_account_page_of_the_admin_links_to_two_step_verification(client):
    client.force_login(CaseManagerFactory())
    page = client.get("/admin/account/").content.decode()
    assert 'href="/two-factor/"' in page


@pytest.mark.parametrize("value", EDGES)
def test_whatever_is_typed_as_a_code_the_answer_is_never_an_error(client, value):
    user = CaseManagerFactory()
    equip(user)
    client.force_login(user)
    for method in ("app", "recovery"):
        answer = verify(client, value, method=method, next=value)
        assert answer.status_code in (200, 429), (method, value)
    answer = client.post(SET_UP, {"code": value, "next": value})
    assert answer.status_code in (200, 302)
    assert client.get(VERIFY, {"next": value}).status_code in (200, 302)
