"""Uploaded logos: accept real images only, and store a clean, small copy.

An upload is never stored as it came in. It is opened with Pillow, checked, shrunk to fit
``LOGO_BOX`` and written anew as PNG: whatever else the file carried (EXIF with GPS
positions, comments, trailing bytes, a script posing as an image) is left behind.
"""

import warnings
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_BOX = (400, 400)
# A logo has no business being larger than this; checked from the header, before decoding,
# so a small file that unpacks to gigabytes (a decompression bomb) is refused cheaply.
MAX_LOGO_PIXELS = 4096 * 4096
ACCEPTED_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}

NOT_AN_IMAGE = _("Dit bestand is geen afbeelding (PNG, JPEG, GIF of WebP).")
TOO_LARGE = _("Het logo is te groot (%(size)s). Het mag hoogstens %(max)s zijn.")
TOO_MANY_PIXELS = _(
    "Deze afbeelding heeft te veel beeldpunten (%(width)s × %(height)s). "
    "Verklein ze eerst tot hoogstens %(max_side)s beeldpunten breed en hoog."
)


def _read(uploaded_file):
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_LOGO_BYTES:
        raise _too_large(size)
    uploaded_file.seek(0)
    # Read one byte more than allowed: enough to know the file is too big without trusting
    # a declared size.
    data = uploaded_file.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        raise _too_large(size or len(data))
    if not data:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
    return data


def _too_large(size):
    return ValidationError(
        TOO_LARGE,
        code="file_too_large",
        params={"size": filesizeformat(size), "max": filesizeformat(MAX_LOGO_BYTES)},
    )


def _open(data):
    """Open, check the format and pixel count, verify the structure; return a fresh image."""
    with warnings.catch_warnings():
        # Pillow warns (then errors) above Image.MAX_IMAGE_PIXELS; treat the warning as refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
            width, height = image.size
            if width * height > MAX_LOGO_PIXELS:
                raise ValidationError(
                    TOO_MANY_PIXELS,
                    code="too_many_pixels",
                    params={
                        "width": width,
                        "height": height,
                        "max_side": int(MAX_LOGO_PIXELS**0.5),
                    },
                )
            image.verify()
            # verify() leaves the image unusable: open it again for the real work.
            image = Image.open(BytesIO(data))
            if image.format == "JPEG":
                # Let the decoder scale down while reading: far less memory for big photos.
                image.draft("RGB", (LOGO_BOX[0] * 2, LOGO_BOX[1] * 2))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(
                TOO_MANY_PIXELS,
                code="too_many_pixels",
                params={"width": "?", "height": "?", "max_side": int(MAX_LOGO_PIXELS**0.5)},
            ) from None
        except ValidationError:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            # Truncated or corrupt files raise all of these, depending on the format.
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    return image


def process_logo(uploaded_file, name="logo.png"):
    """Check an uploaded logo and return a clean PNG copy as a ``ContentFile``.

    Raises ``ValidationError`` (Dutch message, with a code) for a file that is too big, not
    an image, or has too many pixels. The copy fits ``LOGO_BOX`` (aspect ratio kept, never
    enlarged), is turned upright by its EXIF orientation and carries no metadata.
    """
    image = _open(_read(uploaded_file))
    try:
        # Photos from phones store their rotation in EXIF; apply it before EXIF is dropped.
        image = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError):
        pass  # a broken EXIF block is no reason to refuse the picture itself
    try:
        return ContentFile(_clean_png(image), name=name)
    except (OSError, ValueError):
        # Exotic modes (16-bit, odd palettes) Pillow cannot convert: refuse, never crash.
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None


def _clean_png(image):
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail(LOGO_BOX, Image.Resampling.LANCZOS)
    # A new image from the pixels alone: nothing of the original's info dict (EXIF, ICC
    # profile, text chunks) survives.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    output = BytesIO()
    clean.save(output, format="PNG", optimize=True)
    return output.getvalue()
