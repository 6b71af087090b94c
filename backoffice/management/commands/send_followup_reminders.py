from django.core.management.base import BaseCommand

from backoffice.services import followup_reminders_send


class Command(BaseCommand):
    help = "Email each case manager their due and overdue follow-ups (at most once a day)."

    def handle(self, *args, **options):
        sent = followup_reminders_send()
        self.stdout.write(f"{sent} reminder email(s) queued.")
