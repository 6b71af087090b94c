"""The category icons: small line drawings shipped as SVG, drawn in the text colour.

Emoji icons showed as empty boxes on devices without a colour-emoji font; these are plain SVG
paths on a 24 x 24 grid, stroked in ``currentColor`` so they follow the text colour (and a high
contrast mode), and rendered inline (``{% category_icon category %}``), so they need no request,
no font and no script. A category stores the icon's name (``Category.icon``); editors choose it
from ``ICON_CHOICES``.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# name: (what an editor reads in the admin, the drawing)
ICONS = {
    "vet": (
        _("Stethoscope"),
        '<path d="M6 3v6a4 4 0 0 0 8 0V3"/><path d="M10 13v2a5 5 0 0 0 10 0v-2"/>'
        '<circle cx="20" cy="11" r="2"/>',
    ),
    "cross": (
        _("Medical cross"),
        '<path d="M9 3h6v6h6v6h-6v6H9v-6H3V9h6z"/>',
    ),
    "syringe": (
        _("Syringe"),
        '<path d="M18 2l4 4"/><path d="M20 4l-11 11"/><path d="M14 5l5 5"/>'
        '<path d="M16 7L7 16l-3 1 1-3 9-9"/><path d="M4 20l2-2"/>',
    ),
    "scissors": (
        _("Scissors"),
        '<circle cx="6" cy="6" r="3"/><circle cx="6" cy="18" r="3"/>'
        '<path d="M8.5 7.5L20 19"/><path d="M8.5 16.5L20 5"/>',
    ),
    "chip": (
        _("Microchip"),
        '<rect x="6" y="6" width="12" height="12" rx="2"/><rect x="10" y="10" width="4" height="4"/>'
        '<path d="M9 2v4M15 2v4M9 18v4M15 18v4M2 9h4M2 15h4M18 9h4M18 15h4"/>',
    ),
    "candle": (
        _("Candle"),
        '<rect x="8" y="10" width="8" height="12" rx="1"/><path d="M12 10V7"/>'
        '<path d="M12 2c2 2 2 3.5 0 5-2-1.5-2-3 0-5z"/>',
    ),
    "shield": (
        _("Shield"),
        '<path d="M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z"/>',
    ),
    "bowl": (
        _("Food bowl"),
        '<path d="M2 11h20a10 8 0 0 1-20 0z"/><path d="M7 21h10"/>'
        '<path d="M9 7c0-2 2-2 2-4M14 7c0-2 2-2 2-4"/>',
    ),
    "house": (
        _("House"),
        '<path d="M3 11l9-8 9 8"/><path d="M5 9v12h14V9"/><path d="M10 21v-6h4v6"/>',
    ),
    "key": (
        _("Key"),
        '<circle cx="7.5" cy="15.5" r="4.5"/><path d="M10.7 12.3L21 2"/><path d="M16 7l3 3"/>'
        '<path d="M18.5 4.5l3 3"/>',
    ),
    "card": (
        _("Payment card"),
        '<rect x="2" y="5" width="20" height="14" rx="2"/><path d="M2 10h20"/><path d="M6 15h4"/>',
    ),
    "scales": (
        _("Scales of justice"),
        '<path d="M12 3v18"/><path d="M7 21h10"/><path d="M4 7h16"/>'
        '<path d="M4 7l-3 7a3 3 0 0 0 6 0z"/><path d="M20 7l-3 7a3 3 0 0 0 6 0z"/>',
    ),
    "hands": (
        _("Helping hands"),
        '<path d="M2 14l4-4h5l3 3-2 2-3-2"/><path d="M22 14l-4-4h-3"/>'
        '<path d="M6 10l-4 4 6 6h5l6-6"/>',
    ),
    "bed": (
        _("Bed"),
        '<path d="M2 5v15"/><path d="M22 20v-6a3 3 0 0 0-3-3H2"/><path d="M2 17h20"/>'
        '<circle cx="7" cy="8" r="2"/>',
    ),
    "home": (
        _("Home with a heart"),
        '<path d="M3 11l9-8 9 8"/><path d="M5 9v12h14V9"/>'
        '<path d="M12 18l-3-3a2 2 0 0 1 3-3 2 2 0 0 1 3 3z"/>',
    ),
    "cap": (
        _("Graduation cap"),
        '<path d="M2 9l10-5 10 5-10 5z"/><path d="M6 11v5c3 3 9 3 12 0v-5"/><path d="M22 9v6"/>',
    ),
    "heart": (
        _("Heart"),
        '<path d="M12 21l-8.5-8.5a5 5 0 0 1 8.5-6 5 5 0 0 1 8.5 6z"/>',
    ),
    "search": (
        _("Magnifying glass"),
        '<circle cx="10" cy="10" r="7"/><path d="M15 15l7 7"/>',
    ),
    "coins": (
        _("Banknote"),
        '<rect x="2" y="6" width="20" height="12" rx="2"/><circle cx="12" cy="12" r="3"/>'
        '<path d="M6 12h.01M18 12h.01"/>',
    ),
    "van": (
        _("Van"),
        '<path d="M2 17V6h12v11"/><path d="M14 9h4l4 4v4h-2"/><path d="M2 17h2M10 17h6"/>'
        '<circle cx="7" cy="17" r="2"/><circle cx="18" cy="17" r="2"/>',
    ),
    "bath": (
        _("Bath"),
        '<path d="M2 12h20v3a5 5 0 0 1-5 5H7a5 5 0 0 1-5-5z"/><path d="M5 12V5a2 2 0 0 1 4 0"/>'
        '<path d="M7 20l-1 2M17 20l1 2"/>',
    ),
    "people": (
        _("People"),
        '<circle cx="8" cy="7" r="3"/><path d="M2 21v-2a6 6 0 0 1 12 0v2"/>'
        '<circle cx="17" cy="8" r="2.5"/><path d="M16 13a5 5 0 0 1 6 5v3"/>',
    ),
    "apple": (
        _("Apple"),
        '<path d="M12 7c-3-2-8-1-8 5 0 5 3 9 5 9 1.5 0 2-1 3-1s1.5 1 3 1c2 0 5-4 5-9 0-6-5-7-8-5z"/>'
        '<path d="M12 7c0-2 1-4 3-5"/>',
    ),
    "sprout": (
        _("Sprout"),
        '<path d="M12 22V11"/><path d="M12 13C12 8 8 6 3 6c0 5 4 7 9 7z"/>'
        '<path d="M12 11c0-4 3-7 9-7 0 5-4 7-9 7z"/>',
    ),
    "scroll": (
        _("Document"),
        '<path d="M6 2h9l5 5v15H6z"/><path d="M14 2v6h6"/><path d="M9 13h8M9 17h8"/>',
    ),
    "mind": (
        _("Heart in hands"),
        '<path d="M12 13l-3-3a2 2 0 0 1 3-3 2 2 0 0 1 3 3z"/><path d="M2 13l5 6h10l5-6"/>'
        '<path d="M2 13l3-2 4 4h6l4-4 3 2"/>',
    ),
}

ICON_CHOICES = [(name, label) for name, (label, _drawing) in ICONS.items()]

SVG = (
    '<svg class="icon" viewBox="0 0 24 24" width="24" height="24" fill="none" '
    'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" '
    'aria-hidden="true" focusable="false">{}</svg>'
)


def icon_svg(name: str) -> str:
    """The icon as inline SVG markup (decorative: hidden from assistive technology, the
    category's name says what it is); empty for a category without one."""
    entry = ICONS.get(name or "")
    if entry is None:
        return ""
    return format_html(SVG, mark_safe(entry[1]))  # noqa: S308 (the drawings are our own constants)
