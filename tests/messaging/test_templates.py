"""Every message template renders in the five languages, translated, and texts never name the
reason for contact."""

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from messaging.services import message_render
from messaging.vocabulary import Channel

ROOT = Path(settings.BASE_DIR)
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
# Whatever a caller might put in a context: a text must show none of it but who writes and when.
CONTEXT = {
    "body": "Personal note",
    "when": "5/3 10:00",
    "what": "Vet voucher",
    "reason": "DOMESTIC VIOLENCE",
    "summary": "DOMESTIC VIOLENCE",
    # The staff reminder's.
    "user": SimpleNamespace(first_name="Carmen", get_username=lambda: "carmen"),
    "today": datetime.date(2026, 3, 10),
    "followups": [],
    "overdue_count": 0,
    "base_url": "http://testserver",
    "followups_url": "http://testserver/backoffice/follow-ups/",
    # The survey's confirmation.
    "reference": "PS-2026-000123",
    "days": 2,
    # The lost and found match alert's.
    "lost": True,
    "count": 2,
    "links": ["http://testserver/en/lost-and-found/12/"],
    "stop_link": "http://testserver/en/pet-report/alerts-stop/MTI:1abc:def/",
    # The reporter's private link.
    "link": "http://testserver/en/pet-report/private/abc/",
}


def templates(suffix):
    """Message templates: ``messaging/*`` and every app's ``<app>/messages/*`` and ``<app>/email/*``."""
    found = [p.relative_to(p.parents[1]) for p in ROOT.glob(f"*/templates/messaging/*{suffix}")]
    for folder in ("messages", "email"):
        found += [
            p.relative_to(p.parents[2]) for p in ROOT.glob(f"*/templates/*/{folder}/*{suffix}")
        ]
    return sorted(str(path)[: -len(suffix)] for path in found)


EMAIL_TEMPLATES = templates("_subject.txt")
TEXT_TEMPLATES = templates(".sms.txt")


def test_there_are_templates_to_check():
    assert "messaging/reminder" in EMAIL_TEMPLATES and "messaging/callback" in TEXT_TEMPLATES
    assert "backoffice/email/followup_reminder" in EMAIL_TEMPLATES


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize(
    ("channel", "template"),
    [(Channel.EMAIL, t) for t in EMAIL_TEMPLATES] + [(Channel.SMS, t) for t in TEXT_TEMPLATES],
)
def test_every_template_is_translated(settings, channel, template, language):
    settings.ORGANISATION_PHONE = "(503) 555-0100"
    english = message_render(channel=channel, template=template, language="en", context=CONTEXT)
    translated = message_render(
        channel=channel, template=template, language=language, context=CONTEXT
    )
    for original, text in zip(english, translated, strict=True):
        assert "{%" not in text and "{{" not in text
        if original.strip() and original != CONTEXT["body"]:
            assert text != original, f"{template} is not translated into {language}"
    if channel == Channel.EMAIL:
        assert f'lang="{language}"' in translated[2]


@pytest.mark.parametrize("template", TEXT_TEMPLATES)
def test_a_text_never_names_the_reason_for_contact(template):
    _subject, text, _html = message_render(
        channel=Channel.SMS, template=template, language="en", context=CONTEXT
    )
    assert "VIOLENCE" not in text and "Vet voucher" not in text and "Personal note" not in text
    assert "STOP" in text
