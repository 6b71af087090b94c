import copy

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core import chrome
from core.fragments import kept
from core.panels import language_tabs
from directory.selectors import safe_haven_category

from .blocks import ActionBlock, BodyBlock

# Where "Leave this site" goes: a page that looks like ordinary browsing to whoever picks up the
# device next. The error page, which cannot read the settings, uses it too.
QUICK_EXIT_DEFAULT_URL = "https://weather.com/"

phone_validator = RegexValidator(
    r"^\+?[0-9 ().-]{7,20}$",
    _("Enter a phone number using digits, spaces, brackets, dots or dashes."),
)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Organisation details shown on every page; the text fields are translated."""

    organisation_name = models.CharField(_("organisation name"), max_length=120)
    hotline_phone = models.CharField(
        _("hotline phone number"), max_length=30, validators=[phone_validator]
    )
    hotline_hours = models.CharField(
        _("hotline opening hours"),
        max_length=200,
        blank=True,
        help_text=_("For example: Monday to Saturday, 8 a.m. to 8 p.m."),
    )
    email = models.EmailField(_("email address"), blank=True)
    address = models.TextField(_("address"), blank=True)
    emergency_notice = models.TextField(
        _("emergency notice"),
        blank=True,
        help_text=_("Shown in a banner at the top of every page while it has text."),
    )

    quick_exit_url = models.URLField(
        _("quick exit address"),
        default=QUICK_EXIT_DEFAULT_URL,
        help_text=_(
            "Where the “Leave this site” button on every page goes: an ordinary site, such "
            "as a weather or search page, that would not draw attention."
        ),
    )

    translated_fields = ["organisation_name", "hotline_hours", "address", "emergency_notice"]

    edit_handler = TabbedInterface(
        [
            ObjectList([FieldPanel("hotline_phone"), FieldPanel("email")], heading=_("Contact")),
            ObjectList([FieldPanel("quick_exit_url")], heading=_("Safety")),
            *language_tabs(translated_fields),
        ]
    )

    class Meta:
        verbose_name = _("site settings")

    CACHE_GENERATION = "site-settings"
    CACHE_SECONDS = 60 * 60
    # The hotline number as last read from the database, for the pages that must not read it
    # (the 500 and "try again" pages: the database may be what failed).
    HOTLINE_CACHE_KEY = "content:hotline-phone"

    @classmethod
    def hotline_phone_known(cls) -> str:
        """The hotline number from the cache alone (never the database), else the
        ``ORGANISATION_PHONE`` setting, else empty."""
        return cache.get(cls.HOTLINE_CACHE_KEY) or settings.ORGANISATION_PHONE

    @classmethod
    def _for_site_kept(cls, site):
        instance = cls.for_site(site)
        if instance.hotline_phone:
            cache.set(cls.HOTLINE_CACHE_KEY, instance.hotline_phone, None)
        else:
            cache.delete(cls.HOTLINE_CACHE_KEY)
        return instance

    @classmethod
    def for_request(cls, request):
        """As Wagtail's, but kept between requests in this process until published content
        changes (every page shows the settings; saving them is such a change)."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = chrome.site_for_request(request)  # from the shared cache, not a query
        if site is None:
            return super().for_request(request)
        # Kept in this process under the published generation, which a save of the settings
        # bumps too (``content`` is a public app); each request gets its own copy.
        instance = copy.copy(
            kept(
                ("content:site-settings", site.pk),
                lambda: cls._for_site_kept(site),
                request=request,
            )
        )
        instance._request = request
        setattr(request, attr_name, instance)
        return instance


class HomePage(Page):
    hero_heading = models.CharField(_("heading"), max_length=120)
    hero_intro = models.TextField(_("introduction"), max_length=400)
    actions = StreamField(
        [("action", ActionBlock())],
        blank=True,
        verbose_name=_("ways to get help"),
        help_text=_("Calls to action under the hotline. Keep them few and clear."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_intro")], heading=_("Welcome")
        ),
        FieldPanel("actions"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.StandardPage", "content.StoryIndexPage", "content.ContactPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["action_items"] = self.action_items(request)
        context["safe_haven"] = safe_haven_category()
        # Read on every render, changed only by a publish: kept in this process until then.
        context["guides"] = kept(
            ("content:home-guides", self.pk),
            lambda: list(StandardPage.objects.child_of(self).live().order_by("path")[:6]),
            request=request,
        )
        context["stories"] = kept(
            ("content:home-stories", self.pk),
            lambda: list(StoryPage.objects.live().descendant_of(self).order_by("-date")[:3]),
            request=request,
        )
        return context

    def _action_pages(self) -> list:
        """The calls to action's values, each with its chosen page in this page's language
        (else as chosen), or ``None`` for a link."""
        blocks = [block.value for block in self.actions]
        chosen = [value["page"] for value in blocks if value["page"]]
        localized = {}
        if any(page.locale_id != self.locale_id for page in chosen):
            translations = Page.objects.filter(
                translation_key__in=[page.translation_key for page in chosen],
                locale_id=self.locale_id,
            ).live()
            localized = {page.translation_key: page for page in translations}
        return [
            (value, value["page"] and localized.get(value["page"].translation_key, value["page"]))
            for value in blocks
        ]

    def action_items(self, request):
        """The calls to action with their links, pages taken in this page's language."""
        pages = kept(("content:home-actions", self.pk), self._action_pages, request=request)
        items = []
        for value, page in pages:
            if page is not None:
                url = page.get_url(request)
            else:
                url = value["url"]
            items.append(
                {
                    "title": value["title"],
                    "text": value["text"],
                    "url": url,
                    "link_text": value["link_text"],
                }
            )
        return items


class StandardPage(Page):
    """A guide or any general page."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["content.HomePage", "content.StandardPage"]
    subpage_types = ["content.StandardPage"]

    class Meta:
        verbose_name = _("general page")


class StoryIndexPage(Page):
    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.StoryPage"]
    max_count_per_parent = 1
    stories_per_page = 12

    class Meta:
        verbose_name = _("story index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = StoryPage.objects.child_of(self).live().order_by("-date").select_related("image")
        context["stories"] = Paginator(stories, self.stories_per_page).get_page(
            request.GET.get("page")
        )
        return context


class StoryPage(Page):
    """A family helped to stay together (or reunited): told with their permission."""

    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"), max_length=300)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_("Describe the photo for people who cannot see it."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Photo")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["content.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("success story")


class ContactPage(Page):
    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")
