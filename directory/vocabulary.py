"""Fixed vocabularies of the directory, translated with gettext (not stored per row)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
    INACTIVE = "inactive", _("Inactive")


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    LOW_COST = "low_cost", _("Low cost")
    SLIDING_SCALE = "sliding_scale", _("Sliding scale")
    FEE = "fee", _("Fee")


class Species(models.TextChoices):
    DOG = "dog", _("Dogs")
    CAT = "cat", _("Cats")
    RABBIT = "rabbit", _("Rabbits")
    BIRD = "bird", _("Birds")
    SMALL_ANIMAL = "small_animal", _("Small animals")
    REPTILE = "reptile", _("Reptiles")
    HORSE_LIVESTOCK = "horse_livestock", _("Horses and livestock")
    OTHER = "other", _("Other animals")


class PhoneType(models.TextChoices):
    # HSDS 3.0 phone types
    VOICE = "voice", _("Phone")
    TEXT = "text", _("Text message")
    HOTLINE = "hotline", _("Hotline")
    FAX = "fax", _("Fax")
    TTY = "tty", _("TTY")
    VIDEO = "video", _("Video call")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


HSDS_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class ProblemReason(models.TextChoices):
    CLOSED = "closed", _("It has closed or moved")
    PHONE = "phone", _("The phone number is wrong")
    HOURS = "hours", _("The opening hours are wrong")
    ADDRESS = "address", _("The address is wrong")
    ELIGIBILITY = "eligibility", _("Who can get help has changed")
    COST = "cost", _("The cost is wrong")
    OTHER = "other", _("Something else")


class SpokenLanguage(models.TextChoices):
    """Languages a service or phone line is offered in (ISO 639-1, or 639-3 where there is none)."""

    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    CHINESE = "zh", _("Chinese")
    VIETNAMESE = "vi", _("Vietnamese")
    ARABIC = "ar", _("Arabic")
    TAGALOG = "tl", _("Tagalog")
    KOREAN = "ko", _("Korean")
    RUSSIAN = "ru", _("Russian")
    PERSIAN = "fa", _("Persian")
    HINDI = "hi", _("Hindi")
    PUNJABI = "pa", _("Punjabi")
    FRENCH = "fr", _("French")
    PORTUGUESE = "pt", _("Portuguese")
    ARMENIAN = "hy", _("Armenian")
    UKRAINIAN = "uk", _("Ukrainian")
    ASL = "ase", _("American Sign Language")
