"""What search keeps in the database: staff-edited synonyms, what people searched for, and the
database engine's own index (``search.engines.database``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SynonymGroup(models.Model):
    """Words and phrases that mean the same to people searching in one language ("spay", "neuter",
    "fix"). A group may hold words of another language that people type: a Spanish group
    "desalojo, eviction" lets a Spanish search find listings written only in English."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    terms = models.TextField(
        _("words and phrases"),
        help_text=_("One per line, or separated by commas. Each one finds the others."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["language", "terms"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")

    def __str__(self):
        return ", ".join(self.term_list)

    @property
    def term_list(self) -> list[str]:
        from .synonyms import split_terms

        return split_terms(self.terms)


class QueryRecord(models.Model):
    """How often a query was searched in a language on a day, and how many results it had the
    last time. No personal data: no IP address, session, user or time of day."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10)
    query = models.CharField(_("query"), max_length=100)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    results = models.PositiveIntegerField(_("results"), default=0)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "query"], name="search_query_record_unique"
            )
        ]
        indexes = [models.Index(fields=["day", "results"])]

    def __str__(self):
        return self.query


class IndexEntry(models.Model):
    """The database engine's index: a listing's terms in one language (``search.analysis``), by
    weight: name, organization and categories, description, the rest. PostgreSQL keeps a weighted
    ``tsvector`` of them in a generated column with a GIN index; SQLite an FTS5 table kept in step
    by triggers (both made by migration 0002). ``name`` is the listing's name as shown, for
    suggestions."""

    resource = models.ForeignKey(
        "directory.Resource", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    language = models.CharField(max_length=10)
    name = models.CharField(max_length=200)
    name_folded = models.CharField(max_length=200, db_index=True)
    name_terms = models.TextField()
    org_terms = models.TextField()
    body_terms = models.TextField()
    extra_terms = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "language"], name="search_entry_unique")
        ]

    def __str__(self):
        return f"{self.name} [{self.language}]"


class IndexWord(models.Model):
    """Every term of the index in a language: the vocabulary a typo is corrected against."""

    language = models.CharField(max_length=10)
    word = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="search_word_unique")
        ]

    def __str__(self):
        return f"{self.word} [{self.language}]"
