"""Thin views: check access, validate a form, call one service or selector, render.

- ``base``: ``BackofficeView`` (sign-in, access, language, no caching) and shared helpers;
- ``queue``: the case queue, its CSV export, "My follow-ups";
- ``cases``: hotline and walk-in intake, the case page and every action on a case
  (``CASE_ACTIONS``);
- ``people``: a person's page, contact details, export and merge;
- ``dashboard``: the supervisors' metrics dashboard, its CSVs and the audit log.

``urls.py`` names the view of each address.
"""
