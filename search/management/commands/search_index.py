"""``manage.py search_index --rebuild`` (every engine; Elasticsearch into a new index, then the
alias moved: no downtime) and ``--status`` (what Elasticsearch holds)."""

from django.core.management.base import BaseCommand, CommandError

from search.engines import breaker, elastic_configured, elastic_engine
from search.engines.errors import EngineUnavailable
from search.indexing import rebuild_all


class Command(BaseCommand):
    help = "Rebuild the directory's search indexes, or show their status."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true")
        parser.add_argument("--status", action="store_true")

    def handle(self, *args, rebuild=False, status=False, **options):
        if not (rebuild or status):
            raise CommandError("say --rebuild or --status")
        if rebuild:
            breaker.reset()  # an operator's rebuild tries Elasticsearch whatever the pause
            counts = rebuild_all()
            for name, count in counts.items():
                self.stdout.write(f"{name}: {'FAILED (see the log)' if count is None else count}")
            if None in counts.values():
                raise CommandError("an engine failed to rebuild")
        if status:
            if not elastic_configured():
                self.stdout.write(
                    "Elasticsearch: not configured (ELASTICSEARCH_URL); database only"
                )
                return
            try:
                found = elastic_engine().status()
            except EngineUnavailable as error:
                raise CommandError(f"Elasticsearch unavailable: {error}") from error
            for key, value in found.items():
                self.stdout.write(f"{key}: {value}")
