"""Writes: set-up, verification, new recovery codes, a supervisor's reset. Each change and each
recovery code used is a line in the back office's audit log (who, and whose second step)."""

import time
from binascii import unhexlify
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from backoffice import permissions
from backoffice.audit import audit_record
from backoffice.models import AuditAction

from . import selectors

# An app's codes are 6 digits, valid for 30 seconds; one step either side is accepted (a phone's
# clock a little off), as django-otp's TOTPDevice does by default.
DIGITS, STEP, TOLERANCE = 6, 30, 1


def totp_key_new() -> str:
    """A new secret (hex, 20 random bytes), shown once at set-up and kept in the session until
    the person proves their app has it."""
    return default_key()


def _codes_issue(device: StaticDevice) -> list[str]:
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.STAFF_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@dataclass(frozen=True)
class SetUp:
    device: TOTPDevice
    recovery_codes: list[str]


@transaction.atomic
def second_factor_set_up(*, user, key: str, token: str) -> SetUp | None:
    """Activate an authenticator app holding ``key`` if ``token`` is its current code, and issue
    ten recovery codes. It replaces the app and the codes ``user`` had (a new phone). None, and
    nothing saved, when the code is not right."""
    totp = TOTP(unhexlify(key.encode()), step=STEP, digits=DIGITS)
    totp.time = time.time()
    if not token.isdigit() or not totp.verify(int(token), tolerance=TOLERANCE):
        return None
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    # The code used here cannot be used again to verify (last_t), as with any other code.
    device = TOTPDevice.objects.create(
        user=user,
        name="Authenticator app",
        key=key,
        step=STEP,
        digits=DIGITS,
        tolerance=TOLERANCE,
        drift=totp.drift,
        last_t=totp.t(),
        confirmed=True,
    )
    codes = _codes_issue(StaticDevice.objects.create(user=user, name="Recovery codes"))
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        operation="two_factor_setup",
        detail={"staff_id": user.pk},
    )
    return SetUp(device=device, recovery_codes=codes)


@transaction.atomic
def recovery_codes_regenerate(*, user) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Recovery codes"}
    )
    codes = _codes_issue(device)
    audit_record(
        actor=user,
        action=AuditAction.CHANGE,
        operation="two_factor_recovery_codes",
        detail={"staff_id": user.pk},
    )
    return codes


@dataclass(frozen=True)
class Attempt:
    device: object | None = None  # the device that accepted the code
    retry_after: int = 0  # > 0: refused unread, try again in this many seconds


def code_verify(*, user, token: str, recovery: bool = False) -> Attempt:
    """Check an app's code (or a recovery code) against ``user``'s devices, under django-otp's
    throttling: while any of them waits after a wrong code, nothing is checked. A wrong code (an
    app's code or a recovery code alike) counts once against every device of the person, and a
    right one clears them all, so mixing the two kinds of guesses gains nothing. A recovery code
    that works is used up, and its use recorded in the audit log."""
    devices = selectors.user_devices(user)
    wait = selectors.throttled_seconds(devices)
    if wait:
        return Attempt(retry_after=wait)
    kind = StaticDevice if recovery else TOTPDevice
    tried = next((device for device in devices if isinstance(device, kind)), None)
    verified = verify_token(user, tried.persistent_id, token) if tried is not None else None
    # One count for the person: the device tried has counted (django-otp); the others follow.
    with transaction.atomic():
        for device in devices:
            if device is tried:
                continue
            if verified is not None:
                device.throttle_reset()
            else:
                device.throttle_increment()
    if verified is not None and recovery:
        audit_record(
            actor=user,
            action=AuditAction.CHANGE,
            operation="two_factor_recovery_use",
            detail={"staff_id": user.pk},
        )
    return Attempt(device=verified)


@transaction.atomic
def second_factor_reset(*, actor, staff) -> None:
    """Remove ``staff``'s app and recovery codes (a lost phone), so they sign in with the password
    alone, or set up a new app at once where one is required."""
    if not permissions.user_can_reset_second_factor(actor, staff):
        raise PermissionDenied
    TOTPDevice.objects.filter(user=staff).delete()
    StaticDevice.objects.filter(user=staff).delete()
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        operation="two_factor_reset",
        detail={"staff_id": staff.pk},
    )
