"""Open Referral HSDS 3.0 interchange of the resource directory.

Importing (HSDS files -> the directory), in the order the data flows:

- ``files``: a path (JSON file, folder, CSV datapackage) read into a batch; ``tabular`` assembles
  the CSV tables (and ``tabular.json``) into nested objects first;
- ``reader``: ``HsdsReader``, HSDS objects into records (typed values in ``values``, schedules in
  ``schedules``), with ``problems`` naming the file, record and field of each;
- ``records``: the plain records and the ``Batch`` that collects them;
- ``writer``: a batch written into the tables in bulk; ``report``: what an import did;
- ``importer``: ``hsds_import(...)``, the service behind ``manage.py import_hsds``, and the
  ``hsds_imported`` signal sent after a real import commits.

Exporting (the directory -> HSDS): ``documents`` turns models into HSDS documents (``schedules``
the opening hours); ``exporter`` holds the querysets, paging and ``hsds_export(...)`` behind
``manage.py export_hsds`` and the JSON API. Both publish only what ``directory.confidential``
lets through.

Shared: ``vocabulary`` (HSDS codes and ids <-> ours), ``model_rules`` (translated fields, lengths
and formats, read from the models).

This package exports ``hsds_import``, ``hsds_export``, ``hsds_imported`` and ``ImportReport``.
"""

from .exporter import hsds_export
from .importer import hsds_import, hsds_imported
from .report import ImportReport

__all__ = ["ImportReport", "hsds_export", "hsds_import", "hsds_imported"]
