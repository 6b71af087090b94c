"""The database engine: PostgreSQL full text or SQLite FTS5 (being written by the lead)."""

from ..results import ResourceResults


class DatabaseEngine:
    name = "database"

    def search(self, query) -> ResourceResults:
        raise NotImplementedError

    def suggest(self, text, language, limit):
        return []

    def index(self, documents) -> int:
        return sum(1 for _ in documents)

    def delete(self, ids) -> None:
        return None

    def rebuild(self) -> int:
        return 0

    def synonyms_changed(self, language) -> None:
        return None
