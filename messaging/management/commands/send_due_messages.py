from django.core.management.base import BaseCommand

from messaging.services import messages_send_due


class Command(BaseCommand):
    help = "Wake the worker for every due message (a wake that was lost), and fail those a stopped worker left half-sent."

    def handle(self, *args, **options):
        self.stdout.write(f"{messages_send_due()} message(s) due; the worker is woken for them.")
