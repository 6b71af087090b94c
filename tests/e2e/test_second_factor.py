"""A case manager sets up two-step verification in a real browser (the QR code drawn under the
strict Content-Security-Policy, with no violation), then signs in again with a recovery code;
axe-core finds nothing serious or critical on the set-up, codes and verification pages."""

import os
from base64 import b32decode

import pytest
from playwright.sync_api import expect

from tests.e2e.test_backoffice import _axe_problems

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


def _sign_in(page, username, password, path="/backoffice/"):
    page.goto(path)
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    page.locator('button[type="submit"]').click()


def test_set_up_an_app_then_sign_in_with_a_recovery_code(page):
    from django_otp.oath import totp

    from backoffice.permissions import backoffice_groups_ensure
    from demo.accounts import DEMO_ACCOUNTS, demo_accounts_load

    backoffice_groups_ensure()
    demo_accounts_load()
    username, _role, _first, _last, password = next(
        a for a in DEMO_ACCOUNTS if a[0] == "casemanager"
    )
    _sign_in(page, username, password)
    expect(page.locator("h1")).to_have_text("Case queue")

    page.get_by_role("link", name="Two-step verification").click()
    page.get_by_role("link", name="Set up two-step verification").click()
    expect(page.locator(".qr-code svg")).to_be_visible()
    problems = _axe_problems(page, "set-up")

    key = b32decode(page.locator(".totp-key").inner_text().replace(" ", ""))
    page.get_by_label("Code from your authenticator app").fill("12")
    page.get_by_role("button", name="Turn on two-step verification").click()
    expect(page.locator(".error-summary")).to_be_focused()
    page.get_by_label("Code from your authenticator app").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Turn on two-step verification").click()
    expect(page.locator("h1")).to_have_text("Recovery codes")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    problems += _axe_problems(page, "recovery codes")

    page.get_by_role("button", name="Sign out").click()
    _sign_in(page, username, password, path="/backoffice/follow-ups/")
    expect(page.locator("h1")).to_have_text("Two-step verification")
    problems += _axe_problems(page, "verification")
    page.get_by_label("Recovery code").fill(codes[0].upper())
    page.get_by_role("button", name="Use the recovery code").click()
    expect(page.locator("h1")).to_have_text("My follow-ups")
    assert page.url.endswith("/backoffice/follow-ups/")
    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)
