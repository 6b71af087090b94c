"""Fields a visitor reads, translated per row with django-modeltranslation (English required)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Category, Closure, Location, Organization, Phone, Resource


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(Location)
class LocationTranslation(TranslationOptions):
    fields = ("name", "accessibility", "transportation")
    required_languages = ("en",)


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = (
        "name",
        "short_description",
        "description",
        "cost_description",
        "eligibility_description",
        "other_requirements",
        "application_process",
        "required_documents",
        "hours_notes",
        "service_area_description",
    )
    required_languages = ("en",)


@register(Phone)
class PhoneTranslation(TranslationOptions):
    fields = ("description",)


@register(Closure)
class ClosureTranslation(TranslationOptions):
    fields = ("reason",)
