"""Which places of the directory may be shown: the confidentiality rule for addresses.

The rule, in one place:

1. A resource with a confidential address (``Resource.confidential_address``: a safe haven for
   the pets of domestic-violence survivors) shows **no location at all**: no address, town, map
   position or directions, only its phone lines.
2. A location linked to **any** such resource is shown under no resource and no organization, and
   is never published on its own: a safe haven's building may also house a public office, and
   showing that office's address would reveal the haven's.
3. Neither is used to compute a distance or to rank listings "nearest first" (a distance is a
   position).

Every reader of places goes through this module: the listing pages and cards, the printable lists
and their PDFs, the HSDS API and export, and the search index. Nothing else in the project decides
it; a new reader calls one of these:

- ``resource_locations_public()``: the links between resources and locations that may be shown
  (with their location), for querysets and subqueries;
- ``locations_public()``: the locations that may be shown or published;
- ``shown_links_prefetch()``: prefetches those links onto resources, as ``resource.shown_links``;
- ``links_shown(resource)`` / ``locations_shown(resource)``: one resource's links / locations
  that may be shown, in order (prefetched or not).
"""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from .models import Location, Resource, ResourceLocation

SHOWN_LINKS = "shown_links"  # the attribute ``shown_links_prefetch`` fills


def _confidential_location_ids() -> QuerySet:
    """Ids of the locations linked to a resource with a confidential address (a handful; an
    index holds the confidential resources)."""
    return ResourceLocation.objects.filter(resource__confidential_address=True).values(
        "location_id"
    )


def locations_public() -> QuerySet:
    """Locations that may be shown or published: linked to no resource with a confidential
    address (rule 2)."""
    return Location.objects.exclude(pk__in=_confidential_location_ids())


def resource_locations_public() -> QuerySet:
    """Links between resources and locations that may be shown, with their location: the
    resource's address is not confidential (rule 1) and the location is public (rule 2).

    Rule 2 is a NOT EXISTS (an anti-join), not NOT IN: the database then knows that it keeps
    nearly every link and starts from what the caller narrows (the places in a search square),
    where ``NOT IN`` made it guess half and read all links to find them."""
    shared_with_haven = ResourceLocation.objects.filter(
        location_id=OuterRef("location_id"), resource__confidential_address=True
    )
    return (
        ResourceLocation.objects.filter(resource__confidential_address=False)
        .filter(~Exists(shared_with_haven))
        .select_related("location")
    )


def shown_links_prefetch(*, only=(), select_related=()) -> Prefetch:
    """A prefetch for resource querysets that puts on each resource, as ``shown_links``, the
    links that may be shown with their locations. ``only`` and ``select_related`` narrow or
    widen the columns read; the rows are always those of ``resource_locations_public``."""
    links = resource_locations_public()
    if select_related:
        links = links.select_related(*select_related)
    if only:
        links = links.only(*only)
    return Prefetch("resource_locations", queryset=links, to_attr=SHOWN_LINKS)


def links_shown(resource: Resource) -> list[ResourceLocation]:
    """The resource's links to locations that may be shown, in order: from
    ``shown_links_prefetch`` when the resource was fetched with it, else read now."""
    if resource.confidential_address:
        return []
    links = getattr(resource, SHOWN_LINKS, None)
    if links is None:
        links = list(resource_locations_public().filter(resource_id=resource.pk))
    return links


def locations_shown(resource: Resource) -> list[Location]:
    """The locations of the resource that may be shown (none for a confidential address)."""
    return [link.location for link in links_shown(resource)]


def address_withheld(resource: Resource) -> bool:
    """Whether a text about the resource must say "call to arrange help" instead of an address
    (a message or document built outside the templates, such as "send me this list")."""
    return bool(resource.confidential_address)
