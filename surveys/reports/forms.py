"""The lost and found report forms: one page each, no JavaScript, photos checked on the server.

The same form serves both kinds of report: a lost pet's owner is asked the pet's name, its chip
number and a detail only they know; a finder whether the pet was scanned for a chip and whether
they can keep it for a while. What is typed is checked here; the report is opened by
``backoffice.services.lost_found.report_open``.
"""

import posixpath
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backoffice.models import ReportPhoto
from backoffice.photos import ACCEPTED_TYPES, photo_process
from backoffice.services import PersonDetails
from backoffice.services.lost_found import ReportDetails
from backoffice.vocabulary import (
    AgeGroup,
    ChipScan,
    Colour,
    ReportKind,
    Sex,
    Size,
    Species,
    Temperament,
    YesNoUnknown,
)
from core.digits import digits_ascii
from core.forms import DateInRangeField, HoneypotMixin, PhoneField, ZipCodeField

TEXT_LIMIT = 1000

# Suggestions for the breed field (a <datalist>: the visitor may type anything else).
BREED_SUGGESTIONS = [
    _("Mixed breed"),
    _("Labrador Retriever"),
    _("German Shepherd"),
    _("Golden Retriever"),
    _("Pit bull type"),
    _("Chihuahua"),
    _("Poodle"),
    _("Husky"),
    _("Beagle"),
    _("Dachshund"),
    _("Boxer"),
    _("Yorkshire Terrier"),
    _("Shih Tzu"),
    _("Border Collie"),
    _("Domestic shorthair"),
    _("Domestic longhair"),
    _("Siamese"),
    _("Maine Coon"),
    _("Lop-eared rabbit"),
]

UNKNOWN_FIRST = {
    "sex": Sex.choices,
    "size": Size.choices,
    "age_group": AgeGroup.choices,
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to ``ReportPhoto.MAX_PER_REPORT`` files from one file input; each is judged later,
    by decoding it (``backoffice.photos``), never by its name or claimed type."""

    widget = MultipleFileInput(attrs={"accept": ACCEPTED_TYPES})

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        single = super().clean
        return [single(item, initial) for item in items if item]


class HeldPhotosField(forms.Field):
    """The keys of the photos held from an earlier try (``surveys.reports.held``) left ticked;
    the template draws the boxes beside each photo."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        items = value if isinstance(value, list | tuple) else [value] if value else []
        return list(dict.fromkeys(str(v)[:64] for v in items if v))[
            : ReportPhoto.MAX_PER_REPORT * 2
        ]


class DigitsDateField(DateInRangeField):
    """A date typed with any script's digits ("٢٠٢٦-١٢-٠١")."""

    def to_python(self, value):
        return super().to_python(digits_ascii(value) if isinstance(value, str) else value)


class DigitsTimeField(forms.TimeField):
    def to_python(self, value):
        return super().to_python(digits_ascii(value) if isinstance(value, str) else value)


def _text(label, *, help_text="", max_length=200, rows=0):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    widget.attrs["maxlength"] = max_length
    return forms.CharField(
        label=label, help_text=help_text, max_length=max_length, required=False, widget=widget
    )


def _radios(label, choices, *, help_text=""):
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )


def _checkboxes(label, choices):
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class ReportForm(HoneypotMixin, forms.Form):
    """One lost or found report (``kind``), with its photos and the reporter's contact."""

    use_required_attribute = False

    species = forms.ChoiceField(label=_("What kind of animal?"), choices=Species.choices)
    pet_name = _text(_("Your pet's name"), max_length=100)
    breed = _text(_("Breed"), help_text=_("Your best guess, or “mixed”."), max_length=100)
    colours = _checkboxes(_("Colours and markings"), Colour.choices)
    sex = _radios(_("Sex"), Sex.choices)
    size = _radios(_("Size"), Size.choices)
    age_group = _radios(_("Age"), AgeGroup.choices)
    marks = _text(
        _("Anything that stands out"),
        help_text=_("Markings, scars, a limp, a clipped ear..."),
        max_length=TEXT_LIMIT,
        rows=3,
    )
    collar_tag = _text(
        _("Collar and tag"), help_text=_("Colour, and what the tag says."), max_length=300
    )
    microchip = _text(_("Microchip number, if you know it"), max_length=40)
    chip_scan = _radios(
        _("Has a vet or shelter scanned the pet for a microchip?"),
        ChipScan.choices,
        help_text=_("Any vet or shelter can do it for free, in a minute."),
    )
    happened_on = DigitsDateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    happened_time = DigitsTimeField(
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("If you know it, roughly."),
    )
    place = _text(
        _("Where?"),
        help_text=_(
            "Cross streets or a landmark are best (“J St and 10th St”): if your "
            "report goes on the public board, this is shown there."
        ),
        max_length=300,
    )
    zip_code = ZipCodeField(label=_("ZIP code"))
    direction = _text(_("Which way was the pet heading?"), max_length=200)
    temperament = _checkboxes(_("How does the pet act with people?"), Temperament.choices)
    can_keep = _radios(
        _("Can you keep the pet safe until the owner is found?"), YesNoUnknown.choices
    )
    keep_until = DigitsDateField(
        label=_("Until when?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty if you are not sure."),
    )
    private_detail = _text(
        _("A detail only you would know"),
        help_text=_(
            "Something that is not in the photos or the description (a scar under the fur, a "
            "trick the pet knows). It is never shown on the board: staff use it to make sure "
            "whoever has your pet gives it back to you."
        ),
        max_length=500,
        rows=2,
    )
    photos_held = HeldPhotosField(required=False)
    photos = PhotosField(
        label=_("Photos (up to 4)"),
        required=False,
        help_text=_("JPEG, PNG, WebP or HEIC (from a phone), at most 10 MB each."),
    )
    name = forms.CharField(label=_("Your first name or a nickname"), max_length=200)
    phone = PhoneField(label=_("Phone number"), required=False, max_length=40)
    email = forms.EmailField(label=_("Email address"), required=False)
    publish_consent = forms.BooleanField(
        label=_("Show my report on the public lost and found board"),
        help_text=_(
            "Neighbours see the pet, its photos and where it was: never your name, phone number "
            "or email. Messages reach you through us."
        ),
        required=False,
        initial=True,
    )
    client_token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    LOST_ONLY = ("pet_name", "private_detail")
    FOUND_ONLY = ("chip_scan", "can_keep", "keep_until")

    def __init__(
        self,
        *args,
        kind: str,
        photo_room: int = ReportPhoto.MAX_PER_REPORT,
        held=(),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.photo_room = photo_room
        self.photos_kept = []  # the new uploads, processed, when the form is valid
        self.photos_passed = []  # (name, processed photo) of every upload that passed its checks
        self.held = list(held)  # ``HeldPhoto``s of an earlier try, shown ticked unless unticked
        self.held_ticked = {h.key for h in self.held} if not self.is_bound else set()
        self.photos_lost = False  # chosen photos the view could not hold: to be chosen again
        self.held_gone = False
        f = self.fields
        for name in self.FOUND_ONLY if kind == ReportKind.LOST else self.LOST_ONLY:
            del f[name]
        lost = kind == ReportKind.LOST
        f["happened_on"].label = (
            _("When did you lose the pet?") if lost else _("When did you find the pet?")
        )
        f["happened_time"].label = _("At what time?")
        f["happened_on"].error_messages["required"] = _("Enter the date, even roughly.")
        f["zip_code"].help_text = (
            _("Where the pet was lost.") if lost else _("Where you found the pet.")
        )
        f["zip_code"].error_messages["required"] = _("Enter the ZIP code of the place.")
        if not lost:
            f["microchip"].label = _("The chip number, if the scan found one")
            f["direction"].label = _("Which way was the pet heading, if you saw it?")
            f["species"].label = _("What kind of animal did you find?")
        f["name"].error_messages["required"] = _(
            "Tell us what to call you: a first name or a nickname is enough."
        )
        if "client_token" not in self.data:
            self.initial.setdefault("client_token", uuid.uuid4().hex)
        f["breed"].widget.attrs["list"] = "breed-suggestions"
        f["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        f["email"].widget.attrs["autocomplete"] = "email"
        f["name"].widget.attrs.update({"autocomplete": "given-name", "maxlength": 200})
        f["species"].choices = [("", _("Choose one")), *Species.choices]

    def clean_happened_on(self):
        value = self.cleaned_data["happened_on"]
        if value and value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value

    def clean_photos_held(self):
        chosen = self.cleaned_data.get("photos_held") or []
        known = {h.key for h in self.held}
        ticked = [key for key in chosen if key in known]
        self.held_ticked = set(ticked)
        self.held_gone = len(ticked) < len(chosen)  # said beside the file input
        return ticked

    def clean_photos(self):
        uploads = self.cleaned_data.get("photos") or []
        held = len(self.held_ticked)
        room = self.photo_room - held
        if len(uploads) > room:
            if held:
                raise ValidationError(
                    _(
                        "%(count)d photos can be sent in all, and %(held)d are kept above: "
                        "choose at most %(room)d more, or untick some."
                    )
                    % {"count": self.photo_room, "held": held, "room": max(room, 0)}
                )
            raise ValidationError(
                _("Choose at most %(count)d photos.") % {"count": self.photo_room}
            )
        kept, refusals = [], []
        if self.held_gone:
            refusals.append(
                _(
                    "A photo you chose earlier was kept for %(minutes)d minutes only and is "
                    "gone now: choose it again."
                )
                % {"minutes": settings.SURVEY_IDLE_MINUTES}
            )
        for upload in uploads:
            try:
                photo = photo_process(upload)
            except ValidationError as error:
                refusals.extend(error.messages)
            else:
                kept.append(photo)
                self.photos_passed.append((posixpath.basename(upload.name or ""), photo))
        if refusals:
            raise ValidationError(refusals)
        self.photos_kept = kept
        return uploads

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and "phone" not in self.errors:
            self.add_error(
                "phone",
                _(
                    "Give a phone number or an email address, so that we can tell you when "
                    "someone answers your report."
                ),
            )
        return cleaned

    @property
    def photos_chosen(self) -> int:
        return len(self.files.getlist("photos"))

    def photos_now_held(self, held, *, added) -> None:
        """The view held the photos that passed (``added``: their keys): show ``held`` (all of
        this form's) with those and the ones left ticked ticked."""
        self.held = list(held)
        self.held_ticked = self.held_ticked | set(added)

    def person(self, *, language: str) -> PersonDetails:
        c = self.cleaned_data
        return PersonDetails(
            name=c["name"],
            preferred_language=language,
            phone=c["phone"] or "",
            email=c["email"] or "",
            zip_code=c["zip_code"],
        )

    def details(self) -> ReportDetails:
        c = self.cleaned_data
        return ReportDetails(
            species=c["species"],
            happened_on=c["happened_on"],
            happened_time=c.get("happened_time"),
            pet_name=c.get("pet_name", ""),
            breed=c["breed"],
            colours=c["colours"],
            sex=c["sex"],
            size=c["size"],
            age_group=c["age_group"],
            marks=c["marks"],
            collar_tag=c["collar_tag"],
            microchip=c["microchip"],
            chip_scan=c.get("chip_scan", ""),
            place=c["place"],
            zip_code=c["zip_code"],
            direction=c["direction"],
            temperament=c["temperament"],
            can_keep=c.get("can_keep", ""),
            keep_until=c.get("keep_until"),
            private_detail=c.get("private_detail", ""),
            publish_consent=c["publish_consent"],
        )


class ReportUpdateForm(ReportForm):
    """The reporter's corrections on the private page (the contact details are not shown there:
    whoever holds the link sees the report, not the person)."""

    CONTACT = ("name", "phone", "email", "client_token")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.CONTACT:
            del self.fields[name]
        if "private_detail" in self.fields:
            self.fields["private_detail"].help_text = _(
                "Leave this empty to keep the detail you gave before (it is not shown here). "
                "Never shown on the board."
            )
        self.fields["photos"].label = _("Add photos")
        self.fields["photos"].help_text = _(
            "JPEG, PNG, WebP or HEIC (from a phone), at most 10 MB each. Room for %(count)d more."
        ) % {"count": self.photo_room}
        if not self.photo_room:
            del self.fields["photos"]
            del self.fields["photos_held"]

    @classmethod
    def initial_of(cls, report) -> dict:
        names = [n for n in ReportDetails.__dataclass_fields__ if n != "private_detail"]
        initial = {name: getattr(report, name) for name in names}
        initial["happened_on"] = report.happened_on.isoformat()
        initial["happened_time"] = (
            report.happened_time.strftime("%H:%M") if report.happened_time else ""
        )
        initial["keep_until"] = report.keep_until.isoformat() if report.keep_until else ""
        return initial

    def clean(self):
        return forms.Form.clean(self)

    def clean_photos(self):
        if "photos" not in self.fields:
            return []
        return super().clean_photos()


class HomeForm(forms.Form):
    """ "My pet is home": asked once more, so that a slip of the finger does not close the case."""

    use_required_attribute = False

    confirm = forms.BooleanField(
        label=_("Yes, the pet is home with its family"),
        error_messages={"required": _("Tick the box to say the pet is home.")},
    )


class MatchAlertsForm(forms.Form):
    """The reporter's choice of an alert when a report on the board may be their pet."""

    use_required_attribute = False

    match_alerts = forms.BooleanField(
        label=_(
            "Tell me by email or text message when a report on the board may be my pet (at "
            "most once a day)"
        ),
        required=False,
    )
