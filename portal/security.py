"""The Content-Security-Policy of every answer (django-csp), and where it is looser.

One policy for the public site and the back office (``CONTENT_SECURITY_POLICY``: scripts, styles,
images and fonts from this site only, nothing inline, no frames, no plugins), another for the
Wagtail admin (``CSP_ADMIN_DIRECTIVES``, under ``CSP_ADMIN_URL_PREFIX``), whose own templates write
inline scripts and style attributes that a nonce cannot reach. docs/security.md says why.

A page of ours that needs an inline script takes ``request.csp_nonce`` (django-csp adds
``'nonce-…'`` to the policy of that answer only); none does today, and a cached public page must
never carry one (the next visitor would get the same nonce).
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the admin's address. It never
    removes a policy: an answer that sets its own (``csp_update``, ``csp_replace``) keeps it."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.CSP_ADMIN_URL_PREFIX)
        ):
            parts.config = settings.CSP_ADMIN_DIRECTIVES
        return parts
