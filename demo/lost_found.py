"""Demo lost and found reports: 60 reports with drawn photos, so the board and matching can be seen.

Twenty-four lost pets and the reports of the people who found them, written as reporters write
(in their own language: English, Spanish, Chinese, Vietnamese, Arabic; finders say less than
owners), a few days and a few blocks apart; and twelve reports nobody has matched yet. Each is
sent through the intake's service (``report_open``: a case, the report, its photos and its
matches) at its moment in the past (``time_machine``), with a photo drawn here with Pillow (no
download) and passed through the photo pipeline (``backoffice.photos``) like an upload. Most
reporters agreed to publish; their reports are on the board (approved by staff, or at once when
the site publishes at once). A report is what its reporter typed: it is shown in their words,
not translated.

Deterministic and idempotent: loading again removes the earlier demo reports (client tokens
start "demolf-"), their photos and the people who were theirs, then sends the same reports again.
"""

import datetime
import io
import random

import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from backoffice.models import Case, Person, PetReport, ReportPhoto
from backoffice.pet_words import colours_of
from backoffice.photos import photo_process
from backoffice.services import PersonDetails
from backoffice.services.board import report_approve
from backoffice.services.lost_found import ReportDetails, report_open
from backoffice.vocabulary import OPEN_STATUSES, Publication

TOKEN_PREFIX = "demolf-"
# The demo supervisor (``demo.accounts``) approves the reports for the board.
DEMO_MODERATOR = "supervisor"
SEED = 1313

# Coat colours as drawn (RGB).
PAINT = {
    "black": (35, 33, 36),
    "white": (240, 238, 232),
    "grey": (140, 142, 150),
    "brown": (110, 70, 40),
    "tan": (196, 150, 100),
    "cream": (236, 220, 186),
    "golden": (222, 170, 70),
    "ginger": (214, 120, 50),
    "brindle": (120, 85, 50),
    "tabby": (150, 120, 90),
    "tortoiseshell": (80, 50, 30),
    "calico": (240, 238, 232),
    "spotted": (240, 238, 232),
}
BACKGROUNDS = [(190, 215, 170), (170, 200, 225), (225, 205, 170), (205, 205, 205)]

# (species, lost report, found report): what the owner and the finder each said. The places are
# ZIP codes of Sacramento; "days" is how long after the loss the finder reported.
PAIRS = [
    ("dog", dict(lang="en", name="Biscuit", breed="Labrador mix", colours=["golden"], size="large",
                 sex="male", age="adult", marks="White star on his chest, grey muzzle",
                 collar="Red collar with a bone-shaped tag", zip="95814",
                 chip="985112003456001", private="He has a scar under his left front paw"),
            dict(lang="en", breed="lab", colours=["golden"], size="large", sex="male",
                 marks="white patch on chest", collar="red collar", zip="95816", days=1,
                 scan="no_chip", keep="yes")),
    ("cat", dict(lang="es", name="Luna", breed="gato común", colours=["grey"], sex="female",
                 age="adult", marks="Punta de la oreja izquierda cortada", zip="95818",
                 private="Tiene una mancha rosa en el paladar"),
            dict(lang="en", colours=["grey"], sex="female", marks="tip of left ear clipped",
                 zip="95818", days=3)),
    ("dog", dict(lang="zh-hans", name="豆豆", breed="柯基", colours=["tan", "white"],
                 size="small", sex="female", age="young", marks="尾巴很短，左耳有缺口",
                 collar="蓝色项圈", zip="95819", private="肚子上有一块心形的白毛"),
            dict(lang="en", breed="corgi", colours=["tan", "white"], size="small",
                 marks="short tail, notch in ear", collar="blue collar", zip="95819", days=2)),
    ("cat", dict(lang="vi", name="Mướp", breed="mèo ta", colours=["tabby", "grey"], sex="male",
                 age="senior", marks="Đuôi cụt, mắt trái hơi đục", zip="95820",
                 private="Nó sợ tiếng máy hút bụi"),
            dict(lang="vi", colours=["tabby"], sex="male", age="senior",
                 marks="mèo vằn, đuôi cụt", zip="95820", days=5)),
    ("dog", dict(lang="ar", name="قمر", breed="هاسكي", colours=["grey", "white"], size="large",
                 sex="female", age="adult", marks="عين زرقاء وعين بنية", collar="طوق أحمر",
                 zip="95822", private="لديها وشم صغير داخل الأذن اليمنى"),
            dict(lang="en", breed="husky", colours=["grey", "white"], size="large", sex="female",
                 marks="one blue eye, one brown eye", collar="red collar", zip="95822", days=1)),
    ("dog", dict(lang="en", name="Pepper", breed="Border collie", colours=["black", "white"],
                 size="medium", sex="female", age="adult", marks="White blaze on her face",
                 collar="purple harness", zip="95831", private="She answers to a whistle"),
            dict(lang="es", breed="border collie", colours=["negro", "blanco"], size="medium",
                 marks="mancha blanca en la cara", collar="arnés morado", zip="95831", days=2)),
    ("cat", dict(lang="en", name="Marmalade", breed="domestic shorthair", colours=["ginger"],
                 sex="male", age="adult", marks="White socks on all four paws", zip="95825",
                 chip="900164000112233", private="He is missing a back tooth"),
            dict(lang="en", colours=["ginger", "white"], sex="male", marks="white paws",
                 zip="95825", days=4, chip="900 164 000 112 233", scan="chip_found")),
    ("dog", dict(lang="es", name="Canela", breed="chihuahua", colours=["brown"], size="small",
                 sex="female", age="senior", marks="Le faltan dientes, ojos nublados",
                 collar="collar rosa con cascabel", zip="95815",
                 private="Tiene un lunar negro en la lengua"),
            dict(lang="es", breed="chihuahua", colours=["marrón"], size="small", sex="female",
                 age="senior", marks="ojos nublados", collar="collar rosa", zip="95815", days=1)),
    ("rabbit", dict(lang="en", name="Clover", colours=["white", "brown"], size="small",
                    marks="Lop ears, brown patch on nose", zip="95817",
                    private="She thumps her back foot when scared"),
               dict(lang="en", colours=["white", "brown"], size="small", marks="lop eared",
                    zip="95817", days=2)),
    ("dog", dict(lang="vi", name="Lu", breed="phốc sóc", colours=["cream"], size="small",
                 sex="male", age="young", marks="Lông xù, chân sau trái hơi khập khiễng",
                 collar="vòng cổ đỏ", zip="95821", private="Có vết sẹo nhỏ trên đầu"),
            dict(lang="en", breed="pomeranian", colours=["cream"], size="small",
                 marks="fluffy, limping a little", collar="red collar", zip="95821", days=3)),
    ("cat", dict(lang="zh-hans", name="咪咪", breed="暹罗猫", colours=["cream", "brown"],
                 sex="female", age="adult", marks="蓝眼睛", zip="95608",
                 private="右后腿做过手术"),
            dict(lang="zh-hans", breed="暹罗", colours=["cream"], marks="蓝色眼睛",
                 zip="95608", days=6)),
    ("dog", dict(lang="en", name="Tank", breed="pit bull", colours=["brindle"], size="large",
                 sex="male", age="adult", marks="Scar on right shoulder, cropped ears",
                 collar="black harness", zip="95838", private="He is afraid of brooms"),
            dict(lang="en", breed="pitbull mix", colours=["brindle"], size="large", sex="male",
                 marks="scar on shoulder", zip="95838", days=2)),
    ("cat", dict(lang="ar", name="سكر", colours=["white"], sex="female", age="young",
                 marks="عيون زرقاء", zip="95864", private="تحب أن تنام في الأحذية"),
            dict(lang="ar", colours=["أبيض"], sex="female", age="young", marks="عيناها زرقاوان",
                 zip="95864", days=1)),
    ("dog", dict(lang="en", name="Rosie", breed="beagle", colours=["black", "white", "tan"],
                 size="medium", sex="female", age="adult", marks="White tip on her tail",
                 collar="green collar", zip="95826", private="She howls at sirens"),
            dict(lang="en", breed="beagle", colours=["tan", "white"], size="medium",
                 marks="white tail tip", collar="green collar", zip="95826", days=3)),
    ("dog", dict(lang="es", name="Rocky", breed="pastor alemán", colours=["black", "tan"],
                 size="large", sex="male", age="adult", marks="Oreja derecha caída",
                 zip="95670", private="Tiene un tatuaje en el vientre"),
            dict(lang="en", breed="German shepherd", colours=["black", "tan"], size="large",
                 sex="male", marks="floppy right ear", zip="95670", days=4)),
    ("cat", dict(lang="en", name="Patches", colours=["calico"], sex="female", age="adult",
                 marks="Orange patch over her left eye", zip="95691",
                 private="She has six toes on each front paw"),
            dict(lang="vi", colours=["tam thể"], sex="female", marks="mảng cam trên mắt trái",
                 zip="95691", days=2)),
    ("dog", dict(lang="en", name="Scout", breed="Australian shepherd", colours=["spotted", "grey"],
                 size="medium", sex="male", age="young", marks="Docked tail, one blue eye",
                 zip="95834", private="He sleeps on his back"),
            dict(lang="en", breed="aussie", colours=["blue merle"], size="medium", sex="male",
                 marks="no tail, blue eye", zip="95834", days=1)),
    ("dog", dict(lang="zh-hans", name="旺财", breed="泰迪", colours=["brown"], size="small",
                 sex="male", age="adult", marks="毛卷，右前腿有疤", collar="红色项圈",
                 zip="95833", private="怕打雷"),
            dict(lang="zh-hans", breed="贵宾犬", colours=["棕色"], size="small", sex="male",
                 marks="腿上有疤", collar="红项圈", zip="95833", days=2)),
    ("cat", dict(lang="en", name="Smokey", breed="maine coon", colours=["grey", "tabby"],
                 size="large", sex="male", age="adult", marks="Very fluffy, tufted ears",
                 zip="95811", private="He chirps instead of meowing"),
            dict(lang="en", colours=["grey", "tabby"], size="large",
                 marks="fluffy with ear tufts", zip="95811", days=8)),
    ("dog", dict(lang="vi", name="Vàng", colours=["golden"], size="medium", sex="female",
                 age="adult", marks="Chóp đuôi trắng", collar="vòng cổ xanh dương",
                 zip="95823", private="Có một nốt ruồi trên bụng"),
            dict(lang="vi", colours=["vàng"], size="medium", sex="female",
                 marks="đuôi có chóp trắng", collar="vòng cổ xanh", zip="95823", days=1)),
    ("dog", dict(lang="ar", name="ريكس", breed="لابرادور", colours=["black"], size="large",
                 sex="male", age="senior", marks="خطم رمادي، يعرج قليلا", zip="95824",
                 private="يحب الجزر"),
            dict(lang="en", breed="black lab", colours=["black"], size="large", sex="male",
                 age="senior", marks="grey muzzle, limps", zip="95824", days=3)),
    ("cat", dict(lang="es", name="Mishi", colours=["black", "white"], sex="female", age="adult",
                 marks="Esmoquin, bigotes blancos", zip="95828",
                 private="Maúlla cuando oye su nombre"),
            dict(lang="en", colours=["tuxedo"], sex="female", marks="white whiskers",
                 zip="95828", days=2)),
    ("bird", dict(lang="en", name="Kiwi", breed="budgie", colours=["golden", "grey"],
                  marks="Says hello, clipped wings", zip="95822",
                  private="He bites the left side of your finger"),
             dict(lang="en", breed="budgie", colours=["yellow"], marks="clipped wings",
                  zip="95822", days=1)),
    ("dog", dict(lang="en", name="Daisy", breed="dachshund", colours=["ginger"], size="small",
                 sex="female", age="adult", marks="Long back, white spot on chest",
                 collar="pink harness", zip="95819", private="She was born with a kinked tail"),
            dict(lang="es", breed="perro salchicha", colours=["rojizo"], size="small",
                 sex="female", marks="mancha blanca en el pecho", collar="arnés rosa",
                 zip="95819", days=1)),
]  # fmt: skip

# Reports nobody has matched yet: the board is more than pairs.
SINGLES = [
    ("lost", "dog", dict(lang="en", name="Bear", breed="rottweiler", colours=["black", "tan"],
                         size="extra_large", sex="male", age="adult", zip="95630",
                         private="Missing a dewclaw")),
    ("lost", "cat", dict(lang="es", name="Nube", colours=["white"], sex="female", age="young",
                         marks="ojos de distinto color", zip="95757",
                         private="Tiene una cicatriz en la cola")),
    ("lost", "dog", dict(lang="zh-hans", name="小白", breed="西施犬", colours=["white"],
                         size="small", zip="95661", private="左耳内侧有胎记")),
    ("lost", "cat", dict(lang="vi", name="Đen", colours=["black"], sex="male", zip="95677",
                         private="Nó thích ngủ trong thùng giấy")),
    ("lost", "dog", dict(lang="ar", name="لولو", breed="بودل", colours=["cream"], size="small",
                         sex="female", zip="95610", private="تخاف من الماء")),
    ("lost", "rabbit", dict(lang="en", name="Hazel", colours=["brown"], size="small",
                            zip="95742", private="She has a white heel")),
    ("found", "dog", dict(lang="en", breed="boxer", colours=["brindle", "white"], size="large",
                          sex="female", marks="white chest", zip="95762", scan="no_chip")),
    ("found", "cat", dict(lang="es", colours=["tortoiseshell"], marks="muy tímida",
                          zip="95758")),
    ("found", "dog", dict(lang="en", breed="husky mix", colours=["black", "white"],
                          size="large", zip="95672")),
    ("found", "cat", dict(lang="zh-hans", colours=["橘色"], marks="很亲人", zip="95621")),
    ("found", "bird", dict(lang="en", breed="cockatiel", colours=["grey", "golden"],
                           zip="95632")),
    ("found", "dog", dict(lang="vi", colours=["nâu"], size="medium", zip="95655",
                          scan="not_scanned")),
]  # fmt: skip

FIRST_NAMES = ["Ada", "Lucía", "Wei", "Thanh", "Layla", "Jordan", "Priya", "Omar", "Mei", "Bao"]
LAST_NAMES = ["Brightwater", "Quintanilla", "Zhao", "Phan", "Haddad", "Okafor", "Osei", "Bui"]


def _paint(colour: str) -> tuple[int, int, int]:
    return PAINT.get(colour, PAINT["brown"])


def pet_drawing(*, species: str, colours: list[str], seed: int) -> bytes:
    """A simple drawing of the pet, in its colours, as a JPEG (a stand-in for a phone photo)."""
    rng = random.Random(seed)
    codes = [c for c in colours if c in PAINT] or ["brown"]
    main, second = _paint(codes[0]), _paint(codes[1] if len(codes) > 1 else codes[0])
    image = Image.new("RGB", (640, 480), rng.choice(BACKGROUNDS))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 360, 640, 480), fill=(120, 160, 90))  # grass
    ink = (30, 30, 30)
    if species == "bird":
        draw.line((120, 300, 520, 300), fill=(90, 60, 30), width=12)  # perch
        draw.ellipse((240, 150, 400, 300), fill=main, outline=ink, width=3)
        draw.ellipse((300, 90, 400, 190), fill=second, outline=ink, width=3)
        draw.polygon([(400, 135), (440, 145), (400, 155)], fill=(240, 180, 40), outline=ink)
        draw.ellipse((360, 120, 374, 134), fill=ink)
        return _jpeg(image)
    # Body and head.
    draw.ellipse((140, 200, 470, 380), fill=main, outline=ink, width=3)
    head = (400, 110, 560, 260) if species != "rabbit" else (400, 150, 540, 280)
    draw.ellipse(head, fill=main, outline=ink, width=3)
    if codes[0] in ("tabby", "brindle") or "tabby" in codes or "brindle" in codes:
        for x in range(180, 440, 36):
            draw.line((x, 215, x + 20, 365), fill=second if second != main else ink, width=8)
    elif len(codes) > 1 or codes[0] in ("calico", "spotted", "tortoiseshell"):
        patch = second if second != main else _paint("black")
        for _ in range(4):
            x, y = rng.randint(180, 400), rng.randint(220, 320)
            draw.ellipse((x, y, x + 60, y + 40), fill=patch)
        if codes[0] == "calico":
            draw.ellipse((300, 230, 360, 270), fill=_paint("ginger"))
    # Ears.
    if species == "cat":
        draw.polygon([(415, 150), (430, 70), (470, 120)], fill=main, outline=ink)
        draw.polygon([(490, 120), (530, 70), (545, 150)], fill=main, outline=ink)
    elif species == "rabbit":
        draw.ellipse((420, 20, 460, 170), fill=main, outline=ink, width=3)
        draw.ellipse((480, 20, 520, 170), fill=main, outline=ink, width=3)
    else:
        draw.ellipse((390, 120, 430, 210), fill=second, outline=ink, width=3)
        draw.ellipse((530, 120, 570, 210), fill=second, outline=ink, width=3)
    # Face, legs and tail.
    draw.ellipse((440, 160, 456, 176), fill=ink)
    draw.ellipse((500, 160, 516, 176), fill=ink)
    draw.ellipse((468, 195, 490, 212), fill=(60, 40, 40))
    for x in (180, 240, 360, 420):
        draw.rectangle((x, 340, x + 28, 400), fill=main, outline=ink, width=2)
    if species != "rabbit":
        draw.line((150, 270, 80, 200), fill=main, width=18)
    return _jpeg(image)


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def demo_lost_found_remove() -> int:
    """Remove the demo reports, their photos (files too) and the people who were theirs."""
    old = Case.objects.filter(client_token__startswith=TOKEN_PREFIX)
    for photo in ReportPhoto.objects.filter(report__case__in=old):
        photo.file.delete(save=False)
    people = list(old.values_list("person_id", flat=True))
    removed, _by_model = old.delete()
    Person.objects.filter(pk__in=people, cases__isnull=True).delete()
    return removed


def _details(species: str, kind: str, values: dict, today: datetime.date, days: int):
    return ReportDetails(
        species=species,
        happened_on=today - datetime.timedelta(days=days),
        happened_time=datetime.time(8 + days % 10, 15),
        pet_name=values.get("name", "") if kind == "lost" else "",
        breed=values.get("breed", ""),
        colours=[c for c in values.get("colours", []) if c in PAINT],
        sex=values.get("sex", ""),
        size=values.get("size", ""),
        age_group=values.get("age", ""),
        marks=values.get("marks", ""),
        collar_tag=values.get("collar", ""),
        microchip=values.get("chip", ""),
        chip_scan=values.get("scan", "") if kind == "found" else "",
        place=values.get("place", ""),
        zip_code=values["zip"],
        can_keep=values.get("keep", "") if kind == "found" else "",
        private_detail=values.get("private", "") if kind == "lost" else "",
        publish_consent=values.get("publish", True),
    )


def _send(rng, number: int, kind: str, species: str, values: dict, today, days: int, now):
    """One report through the intake service, at its moment in the past, with its drawing."""

    language = values["lang"]
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    drawn = pet_drawing(species=species, colours=values.get("colours", []), seed=number)
    photo = photo_process(SimpleUploadedFile(f"pet{number}.jpg", drawn, "image/jpeg"))
    # Colours typed in words ("negro", "tam thể") are read into codes, as the form's free text
    # would be; the form itself offers the codes.

    values = {**values, "colours": sorted(colours_of(values.get("colours", [])))}
    details = _details(species, kind, values, today, days)
    moment = timezone.make_aware(
        datetime.datetime.combine(details.happened_on, datetime.time(19, 30))
    )
    with time_machine.travel(min(moment, now), tick=False):
        opened = report_open(
            kind=kind,
            person=PersonDetails(
                name=f"{first} {last}",
                phone=f"(916) 555-01{number % 100:02d}",
                email=f"{first.lower()}.{number}@example.org",
                preferred_language=language,
            ),
            details=details,
            photos=[photo],
            client_token=f"{TOKEN_PREFIX}{number}",
            language=language,
        )
    return opened.report


def _publish(report: PetReport, staff, now) -> None:
    """A supervisor approves the report for the board (``report_approve``) an hour after it
    came, when its reporter agreed to publish it."""
    if not report.publish_consent or report.state != Publication.PENDING:
        return
    with time_machine.travel(min(report.created_at + datetime.timedelta(hours=1), now), tick=False):
        report_approve(report=report, actor=staff)


@transaction.atomic
def demo_lost_found_load() -> list[str]:
    """Replace the demo lost and found reports; return report lines for ``load_demo_data``."""
    from backoffice.services.matches import report_matches_refresh

    demo_lost_found_remove()
    rng = random.Random(SEED)
    now = timezone.now()
    today = timezone.localdate()
    reports = []
    number = 0
    for index, (species, lost_values, found_values) in enumerate(PAIRS):
        lost_days = 2 + (index * 5) % 25
        number += 1
        reports.append(_send(rng, number, "lost", species, lost_values, today, lost_days, now))
        number += 1
        found_days = max(lost_days - found_values.get("days", 1), 0)
        reports.append(_send(rng, number, "found", species, found_values, today, found_days, now))
    for index, (kind, species, values) in enumerate(SINGLES):
        number += 1
        reports.append(_send(rng, number, kind, species, values, today, 1 + index * 2, now))
    staff = get_user_model().objects.get(username=DEMO_MODERATOR)
    for report in reports:
        _publish(report, staff, now)
        report.refresh_from_db()
    # Scored again once all are in (each was scored when it came, against those before it).
    for report in PetReport.objects.filter(
        case__client_token__startswith=TOKEN_PREFIX,
        case__status__in=OPEN_STATUSES,
        kind="lost",
    ).select_related("case"):
        report_matches_refresh(report=report)
    published = sum(1 for r in reports if r.state == Publication.PUBLISHED)
    return [f"{len(reports)} lost and found reports ({published} on the board), with photos"]
