from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from surveys.reports.held import held_forget_abandoned
from surveys.services import SessionsNotScannable, survey_sessions_forget_abandoned


class Command(BaseCommand):
    help = (
        "Remove pet support survey answers (and confirmation records) left untouched longer than "
        "SURVEY_IDLE_MINUTES from every session, and the photos held for a lost or found report "
        "form that came back for a fix; nothing else in a session changes. Safe to run from cron "
        "as often as you like. Needs database-backed sessions (db or cached_db)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--idle-minutes",
            type=int,
            default=None,
            help="idle time after which answers are forgotten (default: SURVEY_IDLE_MINUTES)",
        )

    def handle(self, *args, **options):
        idle = options["idle_minutes"]
        if idle is None:
            idle = settings.SURVEY_IDLE_MINUTES
        if idle < 0:
            raise CommandError("--idle-minutes cannot be negative.")
        photos = held_forget_abandoned(idle_minutes=idle)
        if photos:
            self.stdout.write(f"Photos held for lost and found report forms deleted: {photos}.")
        try:
            cleared = survey_sessions_forget_abandoned(idle_minutes=idle)
        except SessionsNotScannable as engine:
            raise CommandError(
                f"SESSION_ENGINE {engine} keeps no list of sessions to go through: only "
                "database-backed sessions (db, cached_db) can be cleared. Abandoned answers are "
                "still forgotten when the visitor comes back, and go when the session expires."
            ) from None
        self.stdout.write(f"Abandoned survey answers cleared from {cleared} session(s).")
