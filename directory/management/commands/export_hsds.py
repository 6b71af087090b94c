from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from directory.hsds.exporter import hsds_documents, hsds_export, hsds_json


class Command(BaseCommand):
    help = (
        "Export the public directory as Open Referral HSDS 3.0 JSON. --output FILE.json writes "
        "the service list; --output FOLDER writes services.json, organizations.json, "
        "taxonomies.json and taxonomy_terms.json; without --output the service list is printed. "
        "Confidential addresses are never exported."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path)
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the text (English where a translation is missing).",
        )
        parser.add_argument(
            "--include-inactive", action="store_true", help="Also export inactive listings."
        )

    def handle(self, *args, output, language, include_inactive, **options):
        if output is None:
            documents = hsds_documents(language=language, include_inactive=include_inactive)
            self.stdout.write(hsds_json(documents["services.json"]))
            return
        written = hsds_export(output=output, language=language, include_inactive=include_inactive)
        for target, count in written.items():
            self.stdout.write(f"{target}: {count} records")
