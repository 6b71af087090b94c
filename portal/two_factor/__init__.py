"""Staff sign-in's optional second step: a code from an authenticator app (TOTP), or one of ten
recovery codes, after the password (django-otp's devices and throttling).

- ``selectors``: whether a staff member has a second step, must verify it, or must set one up
  (``STAFF_TOTP_REQUIRED_FOR_CONFIDENTIAL``).
- ``services``: set-up, verification, new recovery codes and a supervisor's reset, each recorded
  in the back office's audit log.
- ``middleware``: staff pages (the Wagtail admin, the back office, these pages) wait for the
  second step; ``views``: set-up, verification, recovery codes, the supervisors' staff list.

docs/security.md describes it for staff and administrators.
"""
