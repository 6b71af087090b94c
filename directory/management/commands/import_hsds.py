from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from directory.hsds.importer import hsds_import


class Command(BaseCommand):
    help = (
        "Import Open Referral HSDS 3.0 data: a JSON file (a service, a list, an organization "
        "with its services, service_at_location documents, taxonomy terms), a folder of JSON "
        "files, or a tabular datapackage folder (datapackage.json and CSV files). Matched on "
        "HSDS ids, so importing again updates. Nothing is written when any record is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; write nothing."
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the text in the files (default: %(default)s).",
        )

    def handle(self, *args, path, dry_run, language, **options):
        report = hsds_import(path=path, dry_run=dry_run, language=language)
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {warning}"))
        if not report.ok:
            raise CommandError("\n".join(report.summary()))
        self.stdout.write(self.style.SUCCESS("\n".join(report.summary())))
