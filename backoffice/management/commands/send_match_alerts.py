from django.core.management.base import BaseCommand

from backoffice.services.match_alerts import report_match_alerts_send


class Command(BaseCommand):
    help = (
        "Alert the reporters who asked for it about possible matches on the lost and found "
        "board that are new since their last alert (at most once a day each; run it daily)."
    )

    def handle(self, *args, **options):
        sent = report_match_alerts_send()
        self.stdout.write(f"{sent} match alert(s) queued.")
