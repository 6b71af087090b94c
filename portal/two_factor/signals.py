"""Keep the cached "has an authenticator app" answer true (``selectors.user_has_second_factor``):
forgotten whenever a device is saved or deleted, and again once the change is committed (a page
read in between could have cached the answer of before); filled at sign-in."""

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import selectors


@receiver(post_save, sender=TOTPDevice)
@receiver(post_delete, sender=TOTPDevice)
def _device_changed(sender, instance, **kwargs) -> None:
    selectors.has_second_factor_forget(instance.user_id)
    transaction.on_commit(lambda: selectors.has_second_factor_forget(instance.user_id))


@receiver(user_logged_in)
def _device_known_at_sign_in(sender, request, user, **kwargs) -> None:
    selectors.user_has_second_factor(user)
