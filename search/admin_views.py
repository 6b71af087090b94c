"""What people searched for, for directory editors: so they can add synonyms or listings."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.permissions import user_can_edit_directory

from .models import QueryRecord

DAYS = 30
ROWS = 50


def search_queries(request):
    if not user_can_edit_directory(request.user):
        raise PermissionDenied
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language", "")
    if language not in languages:
        language = ""
    since = timezone.localdate() - timedelta(days=DAYS - 1)
    records = QueryRecord.objects.filter(day__gte=since)
    if language:
        records = records.filter(language=language)
    by_query = records.values("language", "query").annotate(
        searches=Sum("searches"), results=Max("results"), last=Max("day")
    )
    top = list(by_query.order_by("-searches", "query")[:ROWS])
    zero = list(by_query.filter(results=0).order_by("-searches", "query")[:ROWS])
    for row in [*top, *zero]:
        row["language_name"] = languages.get(row["language"], row["language"])
    return TemplateResponse(
        request,
        "search/admin/queries.html",
        {
            "page_title": _("What people search for"),
            "header_icon": "search",
            "top": top,
            "zero": zero,
            "days": DAYS,
            "languages": list(languages.items()),
            "language": language,
            "total": records.aggregate(n=Sum("searches"))["n"] or 0,
        },
    )
