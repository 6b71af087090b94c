"""Writes to the directory. Each is atomic; views and admin screens only call these."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from core.geography import zip_point
from messaging.addresses import address_normalise
from messaging.services import message_queue
from messaging.vocabulary import Channel, Purpose

from .models import (
    DIRECT_RANK,
    Category,
    CategoryListing,
    Location,
    ProblemReport,
    Resource,
    purpose_ranks,
)


@transaction.atomic
def listing_verify(*, resource: Resource, user, commit: bool = True) -> Resource:
    """Record that ``user`` checked the listing with the organisation today."""
    resource.last_verified_at = timezone.now()
    resource.last_verified_by = user
    if commit:
        resource.save(update_fields=["last_verified_at", "last_verified_by", "updated_at"])
    return resource


@transaction.atomic
def problem_report_resolve(*, report: ProblemReport, user) -> ProblemReport:
    report.resolved_at = timezone.now()
    report.resolved_by = user
    report.save(update_fields=["resolved_at", "resolved_by"])
    return report


@transaction.atomic
def problem_report_create(
    *,
    resource: Resource,
    reason: str,
    details: str = "",
    contact: str = "",
    reply_consent: bool = False,
    language: str,
) -> ProblemReport:
    """A visitor's report about a listing, queued for directory editors (review queue)."""
    contact = contact.strip()
    report = ProblemReport(
        resource=resource,
        reason=reason,
        details=details.strip(),
        contact=contact,
        reply_consent=reply_consent and bool(contact),
        language=language,
    )
    report.full_clean()
    report.save()
    return report


REPLY_EMAIL_TEMPLATE = "directory/messages/report_reply"
# A text never carries what it is about (``messaging.safety``): it asks the person to call back.
REPLY_TEXT_TEMPLATE = "messaging/callback"


def problem_report_reply_channel(report: ProblemReport) -> str:
    """The channel a reply may go by: the reporter left an email or a mobile number and said
    yes to a reply; ``""`` when the reply can only be kept with the report."""
    if not (report.reply_consent and report.contact):
        return ""
    for channel in (Channel.EMAIL, Channel.SMS):
        if address_normalise(channel, report.contact):
            return channel
    return ""


def _reply_language(report: ProblemReport) -> str:
    """The language the report came in, when the site speaks it; else English."""
    site = {code for code, _name in settings.LANGUAGES}
    return report.language if report.language in site else settings.LANGUAGE_CODE


@transaction.atomic
def problem_report_reply(
    *, report: ProblemReport, user, note: str, send: bool = False
) -> ProblemReport:
    """Keep an editor's reply note with the report; with ``send``, and only when the reporter
    left a contact and agreed to a reply, also send it to them in the language they wrote in
    (an email carries the note; a text, which never says what it is about, asks them to call).
    ``report.reply_message`` is the message queued (or suppressed, with its reason, when the
    address opted out); ``None`` when it was only kept."""
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Write the reply note.")})
    report.reply_note = note
    report.replied_at = timezone.now()
    report.replied_by = user
    report.reply_message = None
    channel = problem_report_reply_channel(report) if send else ""
    if channel:
        language = _reply_language(report)
        with translation.override(language):
            listing = str(report.resource.name)
        report.reply_message = message_queue(
            channel=channel,
            recipient=report.contact,
            template=REPLY_EMAIL_TEMPLATE if channel == Channel.EMAIL else REPLY_TEXT_TEMPLATE,
            purpose=Purpose.REPLY,
            language=language,
            context={"body": note, "listing": listing},
            subject_ref=f"problem-report:{report.pk}",
            consent=report.reply_consent,
            created_by=user,
        )
    report.save(update_fields=["reply_note", "replied_at", "replied_by", "reply_message"])
    return report


def location_position_fill(*, location: Location) -> bool:
    """Place a location without coordinates at the centre of its ZIP code (offline GeoNames data
    from ``zipcodes``). Returns whether it was placed; the caller saves."""
    if location.latitude is not None and location.longitude is not None:
        return False
    point = zip_point(location.postal_code)
    if point is None:
        return False
    location.latitude, location.longitude = point
    return True


LISTING_ORDER_CHUNK = 2_000  # resources rewritten per statement
LISTING_COPIED_FIELDS = ("cost", "status")  # what ``CategoryListing`` copies of its resource


def _name_key_columns() -> dict[str, str]:
    """``{"name_key_es": "name_es", ...}``: each language's name key and the name it is read from."""
    return {
        build_localized_fieldname("name_key", code): build_localized_fieldname("name", code)
        for code, _name in settings.LANGUAGES
    }


def listing_order_write(
    *,
    resource_ids=None,
    resource_model=Resource,
    category_model=Category,
    listing_model=CategoryListing,
) -> int:
    """Rewrite the ``CategoryListing`` rows of the resources ``resource_ids`` (all when None) from
    their categories, weight, names, cost and status; return how many rows were written. The models are
    arguments so that a data migration may pass its historical ones.

    A resource is listed under each of its categories and each of their parents. Its purpose
    rank under a parent is the lowest ``sort_order`` of its subcategories there (a listing in
    two parents has a rank under each, so being urgent care elsewhere does not lift it here);
    filed under the page's category itself, it has ``DIRECT_RANK`` (after the subcategories;
    on a subcategory's own page every listing has it, and the weight then the distance or the
    name decide)."""
    english = build_localized_fieldname("name", settings.LANGUAGE_CODE)
    keys = _name_key_columns()
    # The listing's own columns copied (a migration's model from before they were may lack some).
    fields = {field.name for field in listing_model._meta.get_fields()}
    copied = [name for name in LISTING_COPIED_FIELDS if name in fields]
    tree = dict(
        (pk, (parent_id, order))
        for pk, parent_id, order in category_model.objects.values_list(
            "pk", "parent_id", "sort_order"
        )
    )
    through = resource_model.categories.through
    resources = resource_model.objects.order_by("pk")
    written = 0
    for chunk in _id_chunks(resources, resource_ids):
        links: dict[int, list] = {}
        for resource_id, category_id in through.objects.filter(resource_id__in=chunk).values_list(
            "resource_id", "category_id"
        ):
            parent_id, order = tree.get(category_id, (None, DIRECT_RANK))
            links.setdefault(resource_id, []).append((category_id, parent_id, order))
        names = {
            row["pk"]: row
            for row in resources.filter(pk__in=chunk).values(
                "pk", "list_weight", *copied, *dict.fromkeys([english, *keys.values()])
            )
        }
        rows = []
        for resource_id, filed in links.items():
            row = names.get(resource_id)
            if row is None:
                continue
            rows += (
                listing_model(
                    category_id=category_id,
                    resource_id=resource_id,
                    weight=row["list_weight"],
                    purpose_rank=rank,
                    **{name: row[name] for name in copied},
                    **{key: (row[name] or row[english] or "")[:200] for key, name in keys.items()},
                )
                for category_id, rank in purpose_ranks(filed).items()
            )
        listing_model.objects.filter(resource_id__in=chunk).delete()
        listing_model.objects.bulk_create(rows, batch_size=1_000)
        written += len(rows)
    return written


def _id_chunks(resources, resource_ids):
    """The ids (all of ``resources`` when None) in ascending chunks of ``LISTING_ORDER_CHUNK``."""
    if resource_ids is not None:
        ids = sorted(set(resource_ids))
        for start in range(0, len(ids), LISTING_ORDER_CHUNK):
            yield ids[start : start + LISTING_ORDER_CHUNK]
        return
    last = 0
    while chunk := list(
        resources.filter(pk__gt=last).values_list("pk", flat=True)[:LISTING_ORDER_CHUNK]
    ):
        yield chunk
        last = chunk[-1]


@transaction.atomic
def listing_order_refresh(*, resource_ids=None) -> int:
    """Bring the order of listings up to date after the categories, weight, names, cost or
    status of the resources ``resource_ids`` (all when None) changed: the admin's save of a listing, an HSDS
    import, the demo load. Returns the rows written."""
    return listing_order_write(resource_ids=resource_ids)


@transaction.atomic
def listing_order_refresh_category(*, category_ids) -> int:
    """The same after categories were added, moved, reordered or deleted: for the resources in
    them, their subcategories or (when a subcategory moved) the rest of the tree they were in.
    Call with the ids of the categories before and after the change (a deleted category's
    resources: gather them first with ``category_resource_ids``)."""
    return listing_order_write(resource_ids=category_resource_ids(category_ids=category_ids))


def category_resource_ids(*, category_ids) -> list[int]:
    """The resources listed under or filed in ``category_ids``, their parents and children."""
    ids = set(category_ids)
    related = Category.objects.filter(
        models.Q(pk__in=ids) | models.Q(parent_id__in=ids) | models.Q(children__in=ids)
    ).values_list("pk", flat=True)
    ids |= set(related)
    filed = Resource.categories.through.objects.filter(category_id__in=ids).values_list(
        "resource_id", flat=True
    )
    listed = CategoryListing.objects.filter(category_id__in=ids).values_list(
        "resource_id", flat=True
    )
    return sorted(set(filed) | set(listed))
