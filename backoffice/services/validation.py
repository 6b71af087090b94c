"""Checks every service makes before it writes: choices, who may work a case, who may be given one.

Errors are collected per field and raised as one ``ValidationError``, so a form that called the
service can show each message beside its field.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from .. import permissions


@dataclass(kw_only=True)
class Errors:
    errors: dict = field(default_factory=dict)

    def add(self, name: str, message) -> None:
        self.errors.setdefault(name, []).append(message)

    def check_choice(self, name, value, choices, *, required=True):
        allowed = {str(code) for code, _label in choices}
        if value in ("", None) and not required:
            return
        if value not in allowed:
            self.add(name, _("Choose a valid option."))

    def raise_if_any(self):
        if self.errors:
            raise ValidationError(self.errors)


def assignee_check(assignee) -> None:
    """Cases and follow-ups are given only to people who can work on cases."""
    if assignee is not None and not permissions.user_can_access(assignee):
        raise ValidationError({"assignee": [_("This person cannot work on cases.")]})


def work_check(actor, case) -> None:
    if not permissions.user_can_work_case(actor, case):
        raise PermissionDenied
