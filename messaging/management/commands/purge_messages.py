from django.conf import settings
from django.core.management.base import BaseCommand

from messaging.services import messages_purge


class Command(BaseCommand):
    help = "Delete message bodies and addresses older than MESSAGING_RETENTION_DAYS."

    def handle(self, *args, **options):
        count = messages_purge()
        self.stdout.write(
            f"{count} message(s) older than {settings.MESSAGING_RETENTION_DAYS} days emptied."
        )
