"""Photos of lost and found pets: only real JPEG, PNG, WebP and HEIC photos are kept, re-encoded
without their metadata; anything else is refused with a clear error and leaves nothing stored."""

import io
import struct
import zlib

import pillow_heif
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from PIL import Image

from backoffice import photos
from backoffice.factories import PetReportFactory
from backoffice.models import ReportPhoto
from backoffice.services.lost_found import photos_room, report_photos_add

GPS_IFD = 0x8825
ORIENTATION = 0x0112
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description GPSLatitude="38,34.8N"/></x:xmpmeta>'


def _picture(width=640, height=480) -> Image.Image:
    """A photo-like picture (gradients and noise: compresses like a real one)."""
    image = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 40)
    return Image.merge("RGB", (image, noise, image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def _exif(orientation=1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (38.0, 34.0, 49.0), 3: "W", 4: (121.0, 29.0, 32.0)})
    return exif


def _encoded(image: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def _upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _refusal(data: bytes, name="photo.jpg") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        photos.photo_process(_upload(data, name))
    return caught.value


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny valid PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb's
    header: the pixels would only be made when decoded)."""
    data = bytearray(_encoded(Image.new("L", (8, 8)), "PNG"))
    ihdr = bytes(data[12:16]) + struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(ihdr) & 0xFFFFFFFF)
    return bytes(data)


@pytest.mark.parametrize(
    ("fmt", "name"), [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp"), ("HEIF", "a.heic")]
)
def test_each_accepted_format_is_kept_as_a_jpeg_without_exif_or_gps(fmt, name):
    source = _encoded(_picture(), fmt, exif=_exif().tobytes())
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(GPS_IFD)  # the file had a position
    kept = photos.photo_process(_upload(source, name))
    result = Image.open(io.BytesIO(kept.content))
    assert result.format == "JPEG"
    assert (result.width, result.height) == (kept.width, kept.height) == (640, 480)
    assert not result.getexif()
    assert b"Exif" not in kept.content and b"PhoneMaker" not in kept.content


def test_a_phone_heic_photo_is_accepted_upright_and_without_its_position():
    """What an iPhone sends: HEIC, turned by its orientation tag, with GPS and XMP."""
    heif = pillow_heif.from_pillow(_picture(800, 600))
    out = io.BytesIO()
    heif.save(out, format="HEIF", exif=_exif(orientation=6).tobytes(), xmp=XMP)
    kept = photos.photo_process(_upload(out.getvalue(), "IMG_0042.HEIC", "image/heic"))
    result = Image.open(io.BytesIO(kept.content))
    assert result.size == (600, 800)  # upright
    assert not result.getexif()
    assert b"xmpmeta" not in kept.content and b"GPS" not in kept.content


def test_the_camera_orientation_is_applied_before_the_metadata_goes():
    source = _encoded(_picture(400, 200), "JPEG", exif=_exif(orientation=6).tobytes(), xmp=XMP)
    kept = photos.photo_process(_upload(source))
    assert (kept.width, kept.height) == (200, 400)
    assert b"xmpmeta" not in kept.content


def test_a_large_photo_is_resized_to_the_longest_side_kept():
    kept = photos.photo_process(_upload(_encoded(_picture(4000, 3000), "JPEG", quality=95)))
    assert (kept.width, kept.height) == (photos.MAX_SIDE, 1200)


def test_a_transparent_png_is_laid_over_white():
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    kept = photos.photo_process(_upload(_encoded(image, "PNG"), "logo.png"))
    assert Image.open(io.BytesIO(kept.content)).convert("RGB").getpixel((10, 10)) > (240,) * 3


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<?php system($_GET['c']); ?>", "photo.jpg"),
        (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "photo.jpg"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9"/></svg>',
            "photo.svg",
        ),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "photo.jpg"),
        (b"\x00" * 1000, "photo.jpg"),
    ],
    ids=["php-named-jpg", "html-named-jpg", "svg", "pdf-named-jpg", "zeros"],
)
def test_files_that_are_not_photos_are_refused_whatever_their_name(data, name):
    error = _refusal(data, name)
    assert error.code == "not_a_photo"
    assert name in error.messages[0] and "JPEG, PNG, WebP or HEIC" in error.messages[0]


def test_a_gif_or_tiff_is_refused_even_though_it_is_a_picture():
    for fmt in ("GIF", "TIFF", "BMP"):
        assert _refusal(_encoded(_picture(40, 30), fmt), "photo.jpg").code == "not_a_photo"


def test_polyglots_are_refused():
    """Files that are a picture and a page or a script at once."""
    # A real JPEG carrying PHP in its comment (decodes fine, runs if served as PHP).
    jpeg_php = _encoded(_picture(64, 48), "JPEG", comment=b"<?php echo shell_exec($_GET[0]); ?>")
    assert Image.open(io.BytesIO(jpeg_php)).size == (64, 48)
    # A PNG with an HTML page after its end (a browser sniffing it finds the page).
    png_html = _encoded(_picture(64, 48), "PNG") + b"<html><script>alert(document.cookie)</script>"
    # GIF89a header that is also JavaScript ("GIFAR"-style).
    gif_js = b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;alert(1);//" + b"\x00;"
    for data in (jpeg_php, png_html, gif_js):
        assert _refusal(data).code == "not_a_photo"


def test_a_decompression_bomb_is_refused_before_it_is_expanded():
    bomb = _png_claiming(30_000, 30_000)  # 900 million pixels in a file of under 100 bytes
    assert len(bomb) < 200
    assert _refusal(bomb, "bomb.png").code == "too_many_pixels"
    # Past Pillow's own limit too (it would raise rather than warn).
    assert _refusal(_png_claiming(100_000, 100_000), "bomb.png").code == "too_many_pixels"


def test_a_50_mb_file_is_refused_without_being_decoded():
    big = _encoded(_picture(64, 48), "JPEG") + b"\0" * (50 * 1024 * 1024)
    error = _refusal(big)
    assert error.code == "too_large" and "10 MB" in error.messages[0]
    # Just over the limit too, and a file of exactly 10 MB is not refused for its size.
    assert _refusal(b"\xff" * (photos.MAX_BYTES + 1)).code == "too_large"
    assert _refusal(b"\xff" * photos.MAX_BYTES).code != "too_large"


def test_a_truncated_jpeg_is_refused():
    whole = _encoded(_picture(800, 600), "JPEG")
    error = _refusal(whole[: len(whole) // 2])
    assert error.code == "damaged"


def test_a_truncated_jpeg_is_refused_in_a_process_that_has_imported_weasyprint():
    """WeasyPrint (the PDF lists) turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process
    when imported; a cut-off photo is still refused there, and the setting is left as it was."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    whole = _encoded(_picture(800, 600), "JPEG")
    assert _refusal(whole[: len(whole) // 2]).code == "damaged"
    assert ImageFile.LOAD_TRUNCATED_IMAGES


def test_an_empty_file_is_refused():
    assert _refusal(b"").code == "empty"


def test_the_error_is_in_the_visitor_language():
    with translation.override("es"):
        message = _refusal(b"<?php ?>", "gato.jpg").messages[0]
    assert "gato.jpg" in message and "JPEG, PNG, WebP o HEIC" in message


@pytest.fixture
def private_store(tmp_path):
    with override_settings(PRIVATE_MEDIA_ROOT=str(tmp_path / "private")):
        yield tmp_path / "private"


def _stored(store) -> list:
    return [p for p in store.rglob("*") if p.is_file()] if store.exists() else []


@pytest.mark.django_db
def test_a_refused_upload_keeps_nothing_even_beside_a_good_one(private_store):
    report = PetReportFactory()
    good = _upload(_encoded(_picture(), "JPEG"))
    with pytest.raises(ValidationError):
        report_photos_add(report=report, photos=[good, _upload(b"<?php ?>", "x.jpg")])
    assert not ReportPhoto.objects.exists()
    assert _stored(private_store) == []


@pytest.mark.django_db
def test_kept_photos_are_in_the_private_store_under_a_random_name_without_metadata(private_store):
    report = PetReportFactory()
    source = _encoded(_picture(), "JPEG", exif=_exif().tobytes())
    [photo] = report_photos_add(report=report, photos=[_upload(source, "home-123-main-st.jpg")])
    stored = _stored(private_store)
    assert [p.name for p in stored] == [photo.file.name.rsplit("/", 1)[-1]]
    assert "home" not in photo.file.name and photo.file.name.endswith(".jpg")
    data = stored[0].read_bytes()
    assert b"GPS" not in data and b"Exif" not in data
    assert (photo.width, photo.height, photo.position) == (640, 480, 0)


@pytest.mark.django_db
def test_a_report_keeps_at_most_four_photos(private_store):
    report = PetReportFactory()
    jpeg = _encoded(_picture(64, 48), "JPEG")
    report_photos_add(report=report, photos=[_upload(jpeg) for _ in range(3)])
    assert photos_room(report) == 1
    with pytest.raises(ValidationError) as caught:
        report_photos_add(report=report, photos=[_upload(jpeg), _upload(jpeg)])
    assert caught.value.code == "too_many_photos"
    assert report.photos.count() == 3 and len(_stored(private_store)) == 3
    [fourth] = report_photos_add(report=report, photos=[_upload(jpeg)])
    assert fourth.position == 3 and photos_room(report) == 0


def test_the_markup_looked_for_is_not_found_in_random_bytes_by_chance():
    """A photo's compressed bytes are as good as random: 30 MB of them never look like a page."""
    import random

    noise = random.Random(13).randbytes(30 * 1024 * 1024)
    assert not photos._has_embedded_code(noise)
