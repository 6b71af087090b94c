"""Open Referral HSDS 3.0 interchange of the resource directory.

- ``mapping``: HSDS objects <-> directory models (reading HSDS into plain records, writing models
  as HSDS documents). Every decision about what maps to what lives there.
- ``tabular``: the CSV datapackage (and its ``tabular.json`` form) assembled into nested objects.
- ``importer``: ``hsds_import(...)``, the write service behind ``manage.py import_hsds``.
- ``exporter``: querysets and documents behind ``manage.py export_hsds`` and the JSON API.
"""

from .exporter import hsds_export
from .importer import ImportReport, hsds_import, hsds_imported

__all__ = ["ImportReport", "hsds_export", "hsds_import", "hsds_imported"]
