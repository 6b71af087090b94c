"""The demo site: fictional Riverbend County, for development, tests and trying the portal out.

Development only and not packaged (pyproject excludes it from the wheel): the development and test
settings install it, production settings only when ``DEMO_APP=true``. Nothing imports it. Every
piece goes through the product's own doors: the directory through the HSDS importer, cases through
the back office's services, pages through Wagtail's publishing.

- ``pages``: the editorial pages in every language and the site settings (``data/pages/``);
- ``listings``: the resource directory as HSDS 3.0 (``data/directory/``);
- ``accounts``: one staff account per role, with known passwords;
- ``cases``: a year of case work by the demo case managers;
- ``manage.py load_demo_data`` builds or refreshes all of it (idempotent).
"""
