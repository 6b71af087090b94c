import datetime
import re

from django.core.management.base import BaseCommand, CommandError

from backoffice.services import cases_anonymize_closed

UNITS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_age(value: str) -> datetime.timedelta:
    """'24m' (months), '2y', '90d' or '12w' as a timedelta (a month counts as 30 days)."""
    match = re.fullmatch(r"\s*(\d+)\s*([dwmy])\s*", value.lower())
    if not match:
        raise CommandError("Use a number and a unit: 90d, 12w, 24m or 2y.")
    number, unit = match.groups()
    return datetime.timedelta(days=int(number) * UNITS[unit])


class Command(BaseCommand):
    help = "Strip personal data from cases closed long ago; keep the counts metrics need."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", default="24m", help="e.g. 24m (default), 2y, 730d")

    def handle(self, *args, **options):
        age = parse_age(options["older_than"])
        cases, people = cases_anonymize_closed(older_than=age)
        self.stdout.write(f"{cases} case(s) and {people} person record(s) anonymised.")
