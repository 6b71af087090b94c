"""``hsds_import``: HSDS 3.0 files into the directory, in one transaction, idempotently.

Two steps. Reading (``files.hsds_read``, with ``reader.HsdsReader``) parses every file into a
``Batch`` of plain records and collects every problem with its file, record or row, and field; it
writes nothing. Only when nothing is wrong does writing (``writer.BatchWriter``) start, inside one
transaction: records are matched on ``hsds_id`` (categories also on ``code == slug``), so a
re-import updates instead of duplicating, and rows are written with bulk queries. A dry run writes
the same way and rolls back, so its counts are exact.

Bulk queries send no ``post_save`` signals: the anonymous page cache and any search index are not
told. ``hsds_imported`` is sent after a real import commits, for whoever needs to refresh.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.db import DatabaseError, transaction
from django.dispatch import Signal
from django.utils import translation

from ..models import Organization, Resource
from ..services import listing_order_refresh
from .extension import closures_write
from .files import hsds_read
from .problems import Problem, Problems, Where
from .records import Batch
from .report import ImportReport
from .writer import BatchWriter, by_hsds_id, chunks

hsds_imported = Signal()  # sent with report=ImportReport after a real import commits


def _check_references(batch: Batch, problems: Problems, existing_services: dict) -> None:
    """Every service needs an organization and a name: in the import, or already in the directory
    (a file of translations may leave out the name of a service the directory has)."""
    wanted = {r.organization_id for r in batch.services.values() if r.organization_id}
    known = set(batch.organizations) | set(
        by_hsds_id(Organization.objects.only("id", "hsds_id"), wanted - set(batch.organizations))
    )
    for record in batch.services.values():
        if record.organization_id and record.organization_id not in known:
            problems.error(
                record.where.at("organization_id"),
                f"organization {record.organization_id} is neither in the import nor in the "
                "directory",
            )
        elif not record.organization_id and record.hsds_id not in existing_services:
            problems.error(
                record.where.at("organization"),
                "a new service needs its organization (organization or organization_id)",
            )
        if "name" not in record.text and record.hsds_id not in existing_services:
            problems.error(record.where.at("name"), "required, but missing")


def hsds_import(*, path: Path, dry_run: bool = False, language: str = "en") -> ImportReport:
    """Import HSDS 3.0 data from ``path``; see the module docstring. Returns what was done.

    Nothing is written when any problem is found (``report.errors``), nor on a dry run.
    """
    path = Path(path)
    report = ImportReport(path=str(path), dry_run=dry_run, language=language)
    batch = Batch()
    problems = Problems(warnings=report.warnings, errors=report.errors)
    hsds_read(path=path, batch=batch, problems=problems)
    report.ignored.update(batch.ignored)
    if problems.errors:
        return report
    existing = by_hsds_id(Resource.objects.all(), batch.services)
    _check_references(batch, problems, existing)
    if problems.errors:
        return report
    try:
        _write(batch=batch, report=report, language=language, existing=existing, dry_run=dry_run)
    except DatabaseError as exc:
        report.errors.append(Problem(Where(path.name), f"the database refused the data: {exc}"))
        _reset(report)
    if report.ok and not dry_run:
        transaction.on_commit(lambda: hsds_imported.send(sender=ImportReport, report=report))
    return report


def _reset(report: ImportReport) -> None:
    for counter in (report.created, report.updated, report.unchanged, report.deleted):
        counter.clear()
    report.resource_ids.clear()


@transaction.atomic
def _write(*, batch: Batch, report: ImportReport, language: str, existing: dict, dry_run: bool):
    with translation.override("en"):  # the untranslated columns hold the English text
        writer = BatchWriter(batch=batch, report=report, language=language)
        categories = writer.categories()
        organization_pks = writer.organizations()
        location_pks = writer.locations(organization_pks)
        resource_pks = writer.services(organization_pks, existing)
        writer.service_categories(resource_pks, categories)
        writer.service_locations(resource_pks, location_pks)
        writer.phones(resource_pks)
        writer.opening_hours(resource_pks, location_pks)
        closures_write(
            records=batch.services.values(),
            resource_pks=resource_pks,
            language=language,
            report=report,
            touched=writer.touched,
        )
        for chunk in chunks(list(writer.touched)):
            Resource.objects.filter(pk__in=chunk).update(updated_at=writer.now)
        # The order of listings in their categories: the imported ones, or all of them when
        # the taxonomy itself changed (a category added or moved reorders its tree).
        if report.created["categories"] or report.updated["categories"]:
            listing_order_refresh()
        else:
            listing_order_refresh(resource_ids=resource_pks.values())
        report.resource_ids[:] = sorted(resource_pks.values())
        for counter in (report.created, report.updated, report.unchanged, report.deleted):
            counter += Counter()  # in place: drops the zero counts
    if dry_run:
        transaction.set_rollback(True)
