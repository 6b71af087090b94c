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
