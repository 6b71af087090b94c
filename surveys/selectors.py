"""Reads for the survey: the directory listings recommended to someone who has just asked for help.

The recommendations come from the search app's ``resources_recommend`` (the best listings of each
need's category near the ZIP code, for the species, in the visitor's language); this module only
says which directory category answers which need. Someone who said they are not safe at home gets
the safe havens first (places that keep pets while their people get to safety; their addresses
are never shown).

The same answers get the same listings until public content changes, so each need's listings
are kept in the shared cache under ``core.published``'s generation (any listing saved forgets
them) for at most ``RECOMMENDED_SECONDS``: a survey's submit does not search the directory again
for a need it has already searched for (in that language, ZIP code and species).
"""

from django.utils import timezone

from backoffice.vocabulary import Need
from core import published
from directory.models import Resource
from directory.selectors import listing_cards
from directory.selectors.categories import SAFE_HAVEN_SLUG
from directory.selectors.listings import listing_prefetches
from search.queries import resources_recommend

RECOMMENDED = 5
RECOMMENDED_SECONDS = 10 * 60

# The directory category (taxonomy.json) that answers each need; "other" has none.
NEED_CATEGORIES = {
    Need.FOOD_SUPPLIES: "pet-food",
    Need.URGENT_VET: "vet-emergency",
    Need.ROUTINE_VET: "vet-wellness",
    Need.BEHAVIOUR: "behaviour",
    Need.DEPOSIT_FEES: "pet-deposit-help",
    Need.LANDLORD: "landlord-legal",
    Need.HOUSING: "pet-friendly-housing",
    Need.TEMPORARY_CARE: "temporary-care",
    Need.TRANSPORT: "transport",
    Need.REHOMING: "rehoming",
    Need.SURRENDER: "rehoming",
    Need.END_OF_LIFE: "end-of-life",
    Need.LOST_PET: "lost-found",
    Need.FOUND_PET: "lost-found",
}


def recommended_ids(
    *, needs, language: str, zip_code: str = "", species: str = "", safety: bool = False
) -> list[int]:
    """Listing ids for these needs, best first (the safe havens first when ``safety``)."""
    slugs = list(dict.fromkeys(NEED_CATEGORIES[n] for n in needs if n in NEED_CATEGORIES))
    if safety:
        slugs.insert(0, SAFE_HAVEN_SLUG)
    if not slugs:
        return []

    # Each need's listings are searched (and kept) on their own, then put together as
    # ``resources_recommend`` puts them (each need's best first, in the order of the needs,
    # without repeats): a visitor whose needs only overlap an earlier visitor's reuses the
    # searches of the needs they share.
    picked: list[int] = []
    for slug in slugs:

        def search(slug=slug) -> list[int]:
            return resources_recommend(
                [slug], language=language, zip_code=zip_code, species=species, limit=RECOMMENDED
            )

        key = f"survey:recommended:{slug}:{language}:{zip_code}:{species}"
        for pk in published.cached(key, search, RECOMMENDED_SECONDS):
            if pk not in picked:
                picked.append(pk)
    return picked[:RECOMMENDED]


def recommended_cards(*, ids, zip_code: str = "") -> list[dict]:
    """The listing cards of these ids, in their order; a listing no longer public is left out."""
    ids = [pk for pk in ids if isinstance(pk, int)][:RECOMMENDED]
    if not ids:
        return []
    resources = (
        Resource.objects.public()
        .filter(pk__in=ids)
        .select_related("organization")
        .prefetch_related(*listing_prefetches(cards=True))
    )
    by_id = {r.pk: r for r in resources}
    return listing_cards(
        [by_id[pk] for pk in ids if pk in by_id], zip_code=zip_code, now=timezone.now()
    )
