from django.core.management.base import BaseCommand

from demo.accounts import demo_accounts_load
from demo.cases import demo_cases_load
from demo.listings import demo_directory_load
from demo.lost_found import demo_lost_found_load
from demo.pages import demo_pages_load


class Command(BaseCommand):
    help = "Build or refresh the demo site in every language, with staff accounts (idempotent)."

    def handle(self, *args, **options):
        for line in demo_pages_load():
            self.stdout.write(f"  pages {line}")
        # The directory comes before the demo cases: their referrals point at its resources.
        for line in demo_directory_load():
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Staff sign in at /admin/ with:"))
        for username, role, password in demo_accounts_load():
            self.stdout.write(f"  {role:<18} {username:<14} {password}")
        # Demo cases are worked by the demo case managers, so they come after the accounts.
        for line in demo_cases_load():
            self.stdout.write(f"  {line}")
        # Lost and found reports, with drawn photos and their matches.
        for line in demo_lost_found_load():
            self.stdout.write(f"  {line}")
