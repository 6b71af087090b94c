"""Reads for the referral form: finding a directory resource to refer a person to, through the
directory's search (``search.queries.resources_search``), never a list of every listing (a
network holds 100,000 of them).

Which listings a case may be referred to is ``resource_referable``: the public ones
(``Resource.objects.public``: active or temporarily closed), a safe haven with a confidential
address included. A referral names the safe haven; where it is stays hidden, here as everywhere
(``directory.confidential``): a hit carries no address, and no distance for such a listing (the
search engine computes distances from the places that may be shown only).
"""

from dataclasses import dataclass, replace

from django.db.models import Prefetch

from directory.confidential import address_withheld
from directory.models import Category, Resource
from directory.vocabulary import Status
from search import queries
from search.results import ResourceQuery, ResourceResults

PICK_PAGE_SIZE = 10


@dataclass
class PickRow:
    """A search hit as the referral form lists it."""

    resource: Resource
    distance_miles: float | None
    address_withheld: bool
    temporarily_closed: bool


def resource_referable(*, resource_id) -> Resource | None:
    """The listing a case may be referred to by this id, or None (unknown, inactive)."""
    if not isinstance(resource_id, int) or resource_id < 1:
        return None
    return Resource.objects.public().select_related("organization").filter(pk=resource_id).first()


def resources_for_referral(*, query: ResourceQuery) -> tuple[ResourceResults, list[PickRow]]:
    """A page of listings for the referral form, with what staff choose by: the name, the
    organization, the distance from the ZIP code, the languages spoken, the categories. Not
    counted in what the public searched for."""
    found = queries.resources_search(query)
    if not found.hits and found.total and query.page > 1:  # past the last page
        found = queries.resources_search(replace(query, page=found.num_pages))
    ids = [hit.resource_id for hit in found.hits]
    resources = (
        Resource.objects.public()
        .filter(pk__in=ids)
        .select_related("organization")
        .prefetch_related(
            Prefetch("categories", queryset=Category.objects.order_by("sort_order", "slug"))
        )
    )
    by_id = {resource.pk: resource for resource in resources}
    rows = [
        PickRow(
            resource=by_id[hit.resource_id],
            distance_miles=hit.distance_miles,
            address_withheld=address_withheld(by_id[hit.resource_id]),
            temporarily_closed=by_id[hit.resource_id].status == Status.TEMPORARILY_CLOSED,
        )
        for hit in found.hits
        if hit.resource_id in by_id
    ]
    return found, rows
