""" "Send me this list": a visitor sends a category's listings (or the ones they ticked) to their
own phone or email, with no account. Limited per number or address and per IP
(``messaging.limits``); the number is kept only as long as the outbox keeps it (retention).
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from messaging.limits import limit_take
from messaging.services import message_queue
from messaging.vocabulary import Channel, Purpose

from .confidential import address_withheld, locations_shown

# A text carries the first few; the email all of them (up to the printed list's limit).
TEXT_LISTINGS = 5
EMAIL_LISTINGS = 50
TEMPLATE = "directory/messages/listings"


def listings_for_message(resources, *, base_url: str) -> list[dict]:
    """Name, first phone and the places that may be shown (``directory.confidential``)."""
    items = []
    for resource in resources:
        phone = next(iter(resource.phones.all()), None)
        places = [
            ", ".join(p for p in (loc.address_1, loc.city, loc.postal_code) if p) or loc.name
            for loc in locations_shown(resource)
        ]
        items.append(
            {
                "name": resource.name,
                "phone": phone.number if phone else "",
                "places": places,  # none for a safe haven
                "confidential": address_withheld(resource),
                "url": base_url + reverse("directory:resource", args=[resource.pk]),
            }
        )
    return items


class LimitReached(Exception):
    pass


def listing_send(
    *,
    channel: str,
    to: str,
    resources,
    title: str,
    list_url: str,
    base_url: str,
    ip: str,
    language: str,
):
    """Queue the list to ``to``; raises ``LimitReached`` past the limits (nothing queued)."""
    if not limit_take(
        scope="send-list-ip", value=ip, limit=settings.SEND_LIST_PER_IP_PER_HOUR, seconds=3600
    ):
        raise LimitReached(_("Too many lists were sent from here. Please try again in an hour."))
    if not limit_take(
        scope="send-list-to",
        value=f"{channel}:{to}",
        limit=settings.SEND_LIST_PER_ADDRESS_PER_DAY,
        seconds=24 * 3600,
    ):
        raise LimitReached(
            _("This number or address has had enough lists for today. Please try tomorrow.")
        )
    limit = TEXT_LISTINGS if channel == Channel.SMS else EMAIL_LISTINGS
    items = listings_for_message(list(resources)[:limit], base_url=base_url)
    return message_queue(
        channel=channel,
        recipient=to,
        template=TEMPLATE,
        purpose=Purpose.REQUESTED,
        language=language,
        context={
            "title": title,
            "items": items,
            "more": max(0, len(resources) - len(items)),
            "list_url": list_url,
        },
    )
