"""Replies to texts: STOP, START and HELP (and their usual spellings in the site's languages)."""

import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .addresses import phone_e164
from .models import Message
from .services import optout_record, optout_remove
from .vocabulary import Channel

logger = logging.getLogger(__name__)

STOP_WORDS = {
    "STOP",
    "STOPALL",
    "UNSUBSCRIBE",
    "CANCEL",
    "END",
    "QUIT",
    "REVOKE",
    "OPTOUT",
    "ALTO",
    "PARAR",
    "BAJA",  # es
    "退订",
    "停止",  # zh-hans
    "DUNG",
    "DỪNG",
    "HUY",
    "HỦY",  # vi
    "توقف",
    "إلغاء",
    "الغاء",  # ar
}
START_WORDS = {
    "START",
    "UNSTOP",
    "YES",
    "SUBSCRIBE",
    "INICIAR",
    "SI",
    "SÍ",
    "开始",
    "BATDAU",
    "ابدأ",
}
HELP_WORDS = {"HELP", "INFO", "AYUDA", "帮助", "GIUP", "GIÚP", "مساعدة"}


def inbound_keyword(text: str) -> str:
    """``"stop"``, ``"start"``, ``"help"`` or ``""``: the first word of the reply decides."""
    words = (text or "").strip().split()
    word = words[0].strip(".!¡¿?,;:").upper() if words else ""
    if word in STOP_WORDS:
        return "stop"
    if word in START_WORDS:
        return "start"
    if word in HELP_WORDS:
        return "help"
    return ""


def inbound_handle(*, sender: str, text: str) -> str:
    """Record what a reply asks (opt out, opt back in) and answer the reply text to send back,
    in the language of the last message that number was sent ("" when nothing is to be said)."""
    number = phone_e164(sender)
    keyword = inbound_keyword(text)
    if not number or not keyword:
        return ""
    language = (
        Message.objects.filter(channel=Channel.SMS, recipient=number)
        .order_by("-created_at", "-id")
        .values_list("language", flat=True)
        .first()
    ) or settings.LANGUAGE_CODE
    logger.info("inbound text: %s", keyword)
    context = {"name": settings.ORGANISATION_NAME, "phone": settings.ORGANISATION_PHONE}
    with translation.override(language):
        if keyword == "stop":
            optout_record(channel=Channel.SMS, address=number, source="sms reply")
            return (
                _(
                    "%(name)s: you will receive no more text messages from us. Reply START to "
                    "receive them again."
                )
                % context
            )
        if keyword == "start":
            optout_remove(channel=Channel.SMS, address=number)
            return _("%(name)s: you will receive our text messages again. Reply STOP to end.") % (
                context
            )
        return _("%(name)s: call us at %(phone)s. Reply STOP to receive no more texts.") % context
