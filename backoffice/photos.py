"""Photos people send with a lost or found report: what is accepted, and what is kept.

A file is judged by decoding it, never by its name or the type the browser claims:

- at most ``MAX_BYTES`` (10 MB), read no further than that;
- JPEG, PNG, WebP or HEIC/HEIF (what phones save; read by ``pillow-heif``) as Pillow decodes it,
  and nothing else (SVG, GIF, TIFF, PDF, HTML or a script named ``.jpg`` are refused);
- no file that also carries markup or a script (a polyglot: a picture that is also a page);
- at most ``MAX_PIXELS`` pixels, checked from the header before anything is decompressed (a
  decompression bomb is refused without being expanded);
- the whole image must decode (a truncated or damaged file is refused).

What is kept is a new JPEG drawn from the decoded pixels: turned the way the camera's EXIF
orientation says, at most ``MAX_SIDE`` pixels on its longer side, in sRGB, and with no metadata at
all (no EXIF, GPS position, XMP, comments or colour profile), so a finder's photo never tells
where their home is. ``photo_process`` stores nothing: the service that keeps the result
(``services.lost_found.report_photo_add``) runs only when it returns.
"""

import contextlib
import io
import re
import struct
import warnings
from dataclasses import dataclass

import pillow_heif
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

pillow_heif.register_heif_opener()

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 48-megapixel phone photo passes; a bomb of a billion does not
MAX_SIDE = 1600
JPEG_QUALITY = 85
# Pillow's names for the formats accepted (``pillow-heif`` names HEIC and HEIF both "HEIF").
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
ACCEPTED_TYPES = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"

# Markup or script inside a picture's bytes: such a file is refused even when it also decodes.
# Each marker is long enough that a photo's compressed bytes (as good as random) spell one by
# chance less than once in 10^5 files of 10 MB ("<svg" alone would in one of 50: SVG is known by
# its namespace instead). Looked for in the lower-cased file with a pattern that starts with one
# fixed byte, and ``bytes.find``: a case-insensitive alternation over 10 MB takes most of a second.
_MARKUP = re.compile(rb"<(?:\?php\s|script|html[\s>]|!doctype|iframe|body[\s>]|object|embed)")
_LITERALS = (b"javascript:", b"http://www.w3.org/2000/svg")


def _has_embedded_code(data: bytes) -> bool:
    lowered = data.lower()
    return _MARKUP.search(lowered) is not None or any(lowered.find(x) != -1 for x in _LITERALS)


MESSAGES = {
    "empty": _("The file %(name)s is empty. Choose a photo."),
    "too_large": _(
        "The file %(name)s is larger than 10 MB. Choose a smaller photo (a phone's share or "
        "e-mail option can make one)."
    ),
    "not_a_photo": _(
        "The file %(name)s is not a photo we can read. Send a JPEG, PNG, WebP or HEIC photo."
    ),
    "too_many_pixels": _(
        "The photo %(name)s has too many pixels to be read safely. Choose a smaller photo."
    ),
    "damaged": _(
        "The photo %(name)s is damaged or incomplete. Try sending it again, or choose another."
    ),
}


@dataclass(frozen=True)
class ProcessedPhoto:
    content: bytes  # a JPEG without metadata
    width: int
    height: int
    extension: str = ".jpg"


def _refusal(code: str, name: str) -> ValidationError:
    # The file name isolated (FSI ... PDI): a Latin name keeps its order inside Arabic text.
    return ValidationError(MESSAGES[code], code=code, params={"name": f"\u2068{name}\u2069"})


def _display_name(upload) -> str:
    name = str(getattr(upload, "name", "") or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return name[:80] or "?"


def _read_at_most(upload, limit: int) -> bytes:
    """The upload's bytes, reading one more than ``limit`` at most (to tell that it is over)."""
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        return b"\0" * (limit + 1)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if hasattr(upload, "seek"):
        upload.seek(0)
    return data


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """The RGB pixels in sRGB when the photo carried a colour profile (phones often use Display
    P3); unchanged when it carried none or one that cannot be read."""
    if not icc:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB pixels; transparency laid over white (a JPEG has none)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    if image.mode != "RGB":
        return image.convert("RGB")
    return image


def _pixels_kept(image: Image.Image) -> Image.Image:
    """The first frame's pixels as they will be kept: upright, RGB in sRGB, at most MAX_SIDE,
    in a new image that carries nothing of the file's metadata."""
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    image = _to_srgb(_flatten(image), icc)
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.BICUBIC)
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    return clean


@contextlib.contextmanager
def _truncated_images_refused():
    """Pillow refuses a truncated file while this runs. WeasyPrint turns
    ``ImageFile.LOAD_TRUNCATED_IMAGES`` on for the whole process when it is imported (the PDF
    lists do), and Pillow would then pad a cut-off photo with grey and call it whole."""
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def photo_process(upload) -> ProcessedPhoto:
    """The photo ``upload`` (an uploaded file, or any binary file object with a ``name``) as it
    may be kept, or a ``ValidationError`` saying in the visitor's language why not."""
    name = _display_name(upload)
    data = _read_at_most(upload, MAX_BYTES)
    if not data:
        raise _refusal("empty", name)
    if len(data) > MAX_BYTES:
        raise _refusal("too_large", name)
    if _has_embedded_code(data):
        raise _refusal("not_a_photo", name)

    with warnings.catch_warnings(), _truncated_images_refused():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that: here any such file is refused.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise _refusal("not_a_photo", name)
                width, height = probe.size
                if width < 1 or height < 1:
                    raise _refusal("damaged", name)
                if width * height > MAX_PIXELS:
                    raise _refusal("too_many_pixels", name)
                probe.verify()
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            if image.format == "JPEG":
                # Decode a large JPEG straight at a reduced scale (a power of two, never
                # below the size kept): faster, and the same pixels once resized.
                image.draft("RGB", (MAX_SIDE, MAX_SIDE))
            image.load()
            kept = _pixels_kept(image)
        except UnidentifiedImageError:
            raise _refusal("not_a_photo", name) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning, MemoryError):
            raise _refusal("too_many_pixels", name) from None
        except (OSError, SyntaxError, ValueError, EOFError, RuntimeError, struct.error):
            # Truncated or damaged data (``ImageFile.LOAD_TRUNCATED_IMAGES`` stays off).
            raise _refusal("damaged", name) from None

    out = io.BytesIO()
    kept.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ProcessedPhoto(content=out.getvalue(), width=kept.width, height=kept.height)
