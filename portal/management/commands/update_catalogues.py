from django.core.management import call_command
from django.core.management.base import BaseCommand

# Catalogue directories (Django's locale names) of the languages translated from English.
CATALOGUE_LANGUAGES = ["es", "zh_Hans", "vi", "ar"]
# Folders whose strings are not the site's: tests, benchmarks, installed packages, runtime data.
MAKEMESSAGES_IGNORE = [".venv", "var", "tests", "bench", "build", "node_modules", "*.egg-info"]


class Command(BaseCommand):
    help = "Collect new strings into locale/*/django.po and compile every catalogue."

    def handle(self, *args, **options):
        call_command(
            "makemessages",
            locale=CATALOGUE_LANGUAGES,
            ignore_patterns=MAKEMESSAGES_IGNORE,
            no_obsolete=True,
            verbosity=options["verbosity"],
        )
        call_command(
            "compilemessages", ignore_patterns=MAKEMESSAGES_IGNORE, verbosity=options["verbosity"]
        )
        self.stdout.write(
            "Translate the new empty entries, then run this command again to compile."
        )
