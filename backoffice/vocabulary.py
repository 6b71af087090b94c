"""The case-management vocabulary, shared by every intake channel.

The public pet support survey and the lost-and-found reports import ``Need``, ``Reason``,
``CaseType``, ``Channel`` and friends from here, so that a case reads the same whichever door the
person came in by. Labels are translated with gettext; the stored values never change.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseType(models.TextChoices):
    PET_SUPPORT = "pet_support", _("Pet support")
    REHOMING = "rehoming", _("Rehoming help")
    LOST_PET = "lost_pet", _("Lost pet")
    FOUND_PET = "found_pet", _("Found pet")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    SURVEY = "survey", _("Online survey")
    PHONE = "phone", _("Phone or hotline")
    WALK_IN = "walk_in", _("Walk-in")
    EMAIL = "email", _("Email")
    LOST_FOUND = "lost_found", _("Lost or found report")


class Need(models.TextChoices):
    """What the person asks for help with (several may apply)."""

    FOOD_SUPPLIES = "food_supplies", _("Pet food or supplies")
    URGENT_VET = "urgent_vet", _("Urgent vet care")
    ROUTINE_VET = "routine_vet", _("Routine vet care")
    BEHAVIOUR = "behaviour", _("Behaviour or training")
    DEPOSIT_FEES = "deposit_fees", _("Pet deposit or fees")
    LANDLORD = "landlord", _("Landlord problem")
    HOUSING = "housing", _("Pet-friendly housing")
    TEMPORARY_CARE = "temporary_care", _("Temporary care")
    TRANSPORT = "transport", _("Transport")
    REHOMING = "rehoming", _("Rehoming")
    SURRENDER = "surrender", _("Thinking about surrender")
    END_OF_LIFE = "end_of_life", _("End-of-life care")
    LOST_PET = "lost_pet", _("Lost pet")
    FOUND_PET = "found_pet", _("Found pet")
    OTHER = "other", _("Other")


class Reason(models.TextChoices):
    """Why the person is seeking help (the factors a case manager assesses)."""

    HOUSING = "housing", _("Housing")
    COST = "cost", _("Cost")
    PET_BEHAVIOUR = "pet_behaviour", _("The pet's behaviour")
    PET_HEALTH = "pet_health", _("The pet's health")
    OWNER_HEALTH = "owner_health", _("The owner's health")
    FAMILY_CHANGES = "family_changes", _("Family changes")
    SAFETY = "safety", _("Safety")


class Urgency(models.TextChoices):
    LOW = "low", _("Can wait a few weeks")
    NORMAL = "normal", _("Within two weeks")
    HIGH = "high", _("This week")
    EMERGENCY = "emergency", _("Today (emergency)")


class Priority(models.IntegerChoices):
    """Computed from urgency, the risk of losing the pet within 7 days, and safety.

    Lower numbers sort first, so ``order_by("priority")`` puts the most urgent cases on top.
    """

    URGENT = 1, _("Urgent")
    HIGH = 2, _("High")
    NORMAL = 3, _("Normal")
    LOW = 4, _("Low")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting on client")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.WAITING)


class Outcome(models.TextChoices):
    KEPT = "kept", _("Pet kept with family")
    SELF_REHOMED = "self_rehomed", _("Rehomed by owner (supported self-rehoming)")
    REUNITED = "reunited", _("Reunited with owner")
    TEMPORARY_CARE = "temporary_care", _("Temporary care arranged")
    REFERRED = "referred", _("Referred to partner")
    SURRENDERED = "surrendered", _("Surrendered to shelter")
    LOST_CONTACT = "lost_contact", _("Lost contact")
    OTHER = "other", _("Other")


# The headline number: families who stayed (or got back) together.
KEPT_TOGETHER_OUTCOMES = (Outcome.KEPT, Outcome.REUNITED, Outcome.TEMPORARY_CARE)


class NoteKind(models.TextChoices):
    CALL = "call", _("Call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")
    VISIT = "visit", _("Visit")
    INTERNAL = "internal", _("Internal note")


# Notes that count as contact with the person (for "time to first contact").
CONTACT_NOTE_KINDS = (NoteKind.CALL, NoteKind.TEXT, NoteKind.EMAIL, NoteKind.VISIT)


class EventKind(models.TextChoices):
    OPENED = "opened", _("Case opened")
    NOTE = "note", _("Note")
    STATUS = "status", _("Status changed")
    ASSIGNED = "assigned", _("Assigned")
    TRANSFERRED = "transferred", _("Transferred")
    REFERRAL = "referral", _("Referral")
    REFERRAL_STATUS = "referral_status", _("Referral updated")
    FOLLOWUP = "followup", _("Follow-up planned")
    FOLLOWUP_DONE = "followup_done", _("Follow-up done")
    FOLLOWUP_CANCELLED = "followup_cancelled", _("Follow-up cancelled")
    EMAIL_SENT = "email_sent", _("Email sent")
    RESOLVED = "resolved", _("Resolved")
    REOPENED = "reopened", _("Reopened")
    PET_ADDED = "pet_added", _("Pet added")
    MERGED = "merged", _("Records merged")
    MATCH_CONFIRMED = "match_confirmed", _("Lost and found reports matched")
    MATCH_DISMISSED = "match_dismissed", _("Possible match dismissed")
    # The lost and found board (``backoffice.services.board``).
    BOARD_APPROVED = "board_approved", _("Approved for the board")
    BOARD_HIDDEN = "board_hidden", _("Hidden from the board")
    BOARD_CLAIM = "board_claim", _("Board: someone thinks this is their pet")
    BOARD_SIGHTING = "board_sighting", _("Board: someone has seen this pet")
    PERSON_CONFIRMED = "person_confirmed", _("Known person confirmed")
    PERSON_UNLINKED = "person_unlinked", _("Given a record of its own")


class ReferralStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    REFERRED = "referred", _("Referred")
    CONNECTED = "connected", _("Connected")
    DECLINED = "declined", _("Declined")
    UNAVAILABLE = "unavailable", _("Unavailable")


class Species(models.TextChoices):
    DOG = "dog", _("Dog")
    CAT = "cat", _("Cat")
    RABBIT = "rabbit", _("Rabbit")
    BIRD = "bird", _("Bird")
    SMALL_ANIMAL = "small_animal", _("Small animal")
    REPTILE = "reptile", _("Reptile")
    HORSE_LIVESTOCK = "horse_livestock", _("Horse or livestock")
    OTHER = "other", _("Other")


class AgeGroup(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    YOUNG = "young", _("Puppy or kitten (under 1 year)")
    ADULT = "adult", _("Adult")
    SENIOR = "senior", _("Senior")


class Sex(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class YesNoUnknown(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    YES = "yes", _("Yes")
    NO = "no", _("No")


class Size(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")
    EXTRA_LARGE = "extra_large", _("Extra large")


class ContactMethod(models.TextChoices):
    ANY = "", _("No preference")
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")
    IN_PERSON = "in_person", _("In person")


class ContactTime(models.TextChoices):
    ANY = "", _("Any time")
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


# --- The pet support survey's own questions ------------------------------------------------------
# What only the survey asks is kept with the case as its intake answers (``Case.intake_answers``).
# The questions and options are worded for the visitor and defined here, once: the survey's steps
# (``surveys.forms``) ask them and the case page shows the answers with the same words, in the
# staff member's language (``intake.intake_answers_shown``). The stored codes never change.

SURVEY_KEEP_PET = [
    ("yes", _("Yes")),
    ("no", _("No")),
    ("unsure", _("I am not sure")),
]

SURVEY_CARE_LENGTH = [
    ("days", _("A few days")),
    ("weeks", _("One or two weeks")),
    ("month", _("Up to a month")),
    ("longer", _("Longer than a month")),
    ("unsure", _("I am not sure yet")),
]

SURVEY_REHOMING_TIMELINE = [
    ("week", _("Within a week")),
    ("month", _("Within a month")),
    ("later", _("In more than a month")),
    ("unsure", _("I am not sure yet")),
]

SURVEY_LIVING = [
    ("own", _("I own my home")),
    ("rent_allowed", _("I rent, and pets are allowed")),
    ("rent_not_allowed", _("I rent, and pets are not allowed")),
    ("rent_unsure", _("I rent, and I am not sure about pets")),
    ("family_friends", _("I stay with family or friends")),
    ("shelter", _("A shelter or transitional housing")),
    ("hotel", _("A hotel or motel")),
    ("vehicle_outdoors", _("A vehicle, or outdoors")),
    ("prefer_not", _("I prefer not to say")),
]

SURVEY_SAFETY = [
    ("no", _("No")),
    ("yes", _("Yes")),
    ("prefer_not", _("I prefer not to say")),
]

# Each question, keyed by the name its answer is stored under.
SURVEY_QUESTIONS = {
    "needs_other": _("Anything else you would like to tell us"),
    "main_reason": _("If you chose more than one, which matters most?"),
    "keep_pet": _("If this were solved, would you keep your pet?"),
    "care_length": _("For how long might your pet need care?"),
    "care_why": _("What is happening, if you would like to say?"),
    "rehoming_timeline": _("When would your pet need a new home?"),
    "pet_history": _("What do you know about your pet's history?"),
    "living": _("Where are you living right now?"),
    "safety": _("Is anyone in your home a danger to you or your pet?"),
    "consent_referrals": _(
        "You may share my request with partner organisations to refer me to them"
    ),
    # About each pet (``pets``: one dict per pet).
    "has_vet": _("Does your pet have a vet?"),
    "bite_history": _("Has your pet ever bitten anyone?"),
    "good_with_children": _("Good with children?"),
    "good_with_dogs": _("Good with dogs?"),
    "good_with_cats": _("Good with cats?"),
}

# The options of the questions that have them (the others are free text or yes/no).
SURVEY_ANSWER_CHOICES = {
    "main_reason": Reason.choices,
    "keep_pet": SURVEY_KEEP_PET,
    "care_length": SURVEY_CARE_LENGTH,
    "rehoming_timeline": SURVEY_REHOMING_TIMELINE,
    "living": SURVEY_LIVING,
    "safety": SURVEY_SAFETY,
    "has_vet": YesNoUnknown.choices,
    "bite_history": YesNoUnknown.choices,
    "good_with_children": YesNoUnknown.choices,
    "good_with_dogs": YesNoUnknown.choices,
    "good_with_cats": YesNoUnknown.choices,
}


def language_choices() -> list[tuple[str, str]]:
    """Languages a person may prefer: the site's languages first, then others staff often meet."""
    extra = [
        ("tl", _("Tagalog")),
        ("ko", _("Korean")),
        ("ru", _("Russian")),
        ("asl", _("American Sign Language")),
        ("other", _("Another language")),
    ]
    return [*settings.LANGUAGES, *extra]


# --- Lost and found reports ----------------------------------------------------------------------
# A report is a case (``CaseType.LOST_PET`` / ``FOUND_PET``, channel ``LOST_FOUND``) with its
# ``models.PetReport``. The codes are stored; the labels are what the forms, the board and the
# case page show, in the reader's language.


class ReportKind(models.TextChoices):
    LOST = "lost", _("Lost")
    FOUND = "found", _("Found")


# The case type each kind of report opens.
REPORT_CASE_TYPES = {ReportKind.LOST: CaseType.LOST_PET, ReportKind.FOUND: CaseType.FOUND_PET}


class Colour(models.TextChoices):
    """Coat colours and patterns (a report may have several)."""

    BLACK = "black", _("Black")
    WHITE = "white", _("White")
    GREY = "grey", _("Grey or blue")
    BROWN = "brown", _("Brown or chocolate")
    TAN = "tan", _("Tan or fawn")
    CREAM = "cream", _("Cream")
    GOLDEN = "golden", _("Golden or yellow")
    GINGER = "ginger", _("Red, orange or ginger")
    BRINDLE = "brindle", _("Brindle")
    TABBY = "tabby", _("Tabby (striped)")
    TORTOISESHELL = "tortoiseshell", _("Tortoiseshell")
    CALICO = "calico", _("Calico")
    SPOTTED = "spotted", _("Spotted or merle")


class Temperament(models.TextChoices):
    """How to approach the pet (a report may say several)."""

    SHY = "shy", _("Shy: please do not chase")
    FRIENDLY = "friendly", _("Friendly")
    FEARFUL = "fearful", _("Fearful")
    INJURED = "injured", _("Injured")


class ChipScan(models.TextChoices):
    """Whether a found pet was scanned for a microchip, and what the scan said."""

    UNKNOWN = "", _("I don't know")
    NOT_SCANNED = "not_scanned", _("Not scanned yet")
    NO_CHIP = "no_chip", _("Scanned: no chip found")
    CHIP_FOUND = "chip_found", _("Scanned: a chip was found")


class Publication(models.TextChoices):
    """Where a report stands on the public board. Only a report whose reporter agreed to
    publish it is ever shown (without consent it stays ``PRIVATE``)."""

    PRIVATE = "private", _("Not to be published")
    PENDING = "pending", _("Waiting for approval")
    PUBLISHED = "published", _("On the board")
    HIDDEN = "hidden", _("Hidden by staff")
    ENDED = "ended", _("Off the board")
