"""Reads: who has a second step, who must verify it or set one up, and the supervisors' list."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice import permissions

# Whether a user has a confirmed authenticator app, kept in the shared cache so that the staff
# who have none cost no query per page (the cache is filled at sign-in and emptied by
# ``signals`` whenever a device is saved or deleted; without a cache, the database answers).
HAS_DEVICE_CACHE_SECONDS = 600
VERIFY = "verify"
SET_UP = "set_up"


def _has_device_key(user_id) -> str:
    return f"portal:two-factor:has-device:{user_id}"


def totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def user_has_second_factor(user) -> bool:
    """Whether ``user`` has set up an authenticator app (a confirmed TOTP device)."""
    key = _has_device_key(user.pk)
    has_device = cache.get(key)
    if has_device is None:
        has_device = TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()
        cache.set(key, has_device, HAS_DEVICE_CACHE_SECONDS)
    return has_device


def has_second_factor_forget(user_id) -> None:
    cache.delete(_has_device_key(user_id))


def second_factor_required(user) -> bool:
    """Whether ``user`` must set up a second step before staff pages: only when the setting asks,
    for those who can see a confidential case."""
    return (
        settings.STAFF_TOTP_REQUIRED_FOR_CONFIDENTIAL
        and permissions.user_sees_confidential_cases(user)
    )


def second_factor_needed(user) -> str | None:
    """What a signed-in user who has not given a second step this session must do before staff
    pages: ``VERIFY`` (has one), ``SET_UP`` (has none, and it is required), or nothing."""
    if user_has_second_factor(user):
        return VERIFY
    if second_factor_required(user):
        return SET_UP
    return None


def user_devices(user) -> list:
    """The confirmed devices a code may be checked against: the app first, then recovery codes."""
    return [
        *TOTPDevice.objects.devices_for_user(user, confirmed=True),
        *StaticDevice.objects.devices_for_user(user, confirmed=True),
    ]


def throttled_seconds(devices) -> int:
    """Seconds until a code may be tried again (0: now). One wait for all of a person's devices,
    so alternating app codes and recovery codes gains nothing."""
    now = timezone.now()
    wait = 0
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            wait = max(wait, int((data["locked_until"] - now).total_seconds()) + 1)
        elif not allowed:
            wait = max(wait, 1)
    return wait


def recovery_codes_left(user) -> int:
    device = StaticDevice.objects.devices_for_user(user, confirmed=True).first()
    return device.token_set.count() if device is not None else 0


def staff_second_factor_rows():
    """Active staff accounts (every account here is staff), with whether each has an app set up."""
    has_app = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(has_second_factor=Exists(has_app))
        .order_by("username")
    )
