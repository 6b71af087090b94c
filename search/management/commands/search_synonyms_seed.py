"""Add the maintained pet-support synonyms (``search/data/synonyms.json``) that a language lacks.

Running it again adds nothing; a group staff edited stays as they left it (see
``search.synonyms.synonyms_seed``). ``--replace`` deletes the language's groups first.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from search.synonyms import synonyms_seed


class Command(BaseCommand):
    help = "Add the maintained pet-support synonyms that a language lacks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            action="append",
            choices=[code for code, _name in settings.LANGUAGES],
            help="only this language (repeat for more); all by default",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the language's synonym groups first (staff edits to them are lost)",
        )

    def handle(self, *args, language=None, replace=False, **options):
        counts = synonyms_seed(replace=replace, languages=language)
        for code, (added, present) in counts.items():
            self.stdout.write(f"{code}: {added} groups added, {present} already there")
