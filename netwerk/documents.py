"""Uploaded documents: checked on the way in, served through a view on the way out.

Resources, event materials and meeting minutes carry files (PDF, Office,
OpenDocument). They are stored under ``PROTECTED_MEDIA_ROOT``, which no web
server serves, so every download goes through a view that first asks
:func:`may_see` (a members-only file is never served to an anonymous visitor)
and then answers with :func:`document_response`.

On upload, :func:`validate_document` checks the size (``DOCUMENT_MAX_MB``), the
extension and that the content is what the extension says (a renamed
executable is refused), with a Dutch message for each.
"""

import mimetypes
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.http import FileResponse, Http404
from django.utils.functional import cached_property
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the legacy Office formats

# extension -> (content type, how its content starts)
DOCUMENT_TYPES = {
    "pdf": ("application/pdf", "pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "ooxml",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ooxml",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", "odf"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "odf"),
    "odp": ("application/vnd.oasis.opendocument.presentation", "odf"),
    "doc": ("application/msword", "ole"),
    "xls": ("application/vnd.ms-excel", "ole"),
    "ppt": ("application/vnd.ms-powerpoint", "ole"),
}
ALLOWED_EXTENSIONS = tuple(DOCUMENT_TYPES)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("publiek")
    MEMBERS = "members", _("enkel voor leden (aangemeld)")


def may_see(user, visibility):
    """Whether ``user`` may open a document of this visibility.

    Members are the network's staff accounts (Meldpunt, Coördinator, Redactie).
    """
    if visibility == Visibility.PUBLIC:
        return True
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


class DocumentStorage(FileSystemStorage):
    """Files under ``PROTECTED_MEDIA_ROOT``; they have no public URL.

    The location follows the setting (tests point it at a temporary folder).
    """

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PROTECTED_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PROTECTED_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Documents have no public URL; link to the view that serves them.")


document_storage = DocumentStorage()


def extension(name):
    return PurePath(name or "").suffix.lower().lstrip(".")


def _content_matches(kind, file):
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if kind == "pdf":
        return head.startswith(PDF_MAGIC)
    if kind == "ole":
        return head.startswith(OLE_MAGIC)
    if not head.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if kind == "ooxml":
                return "[Content_Types].xml" in names
            return "mimetype" in names  # OpenDocument
    except zipfile.BadZipFile:
        return False
    finally:
        file.seek(0)


def validate_document(file):
    """Refuse files that are too big, of another type, or not what their extension says."""
    limit = settings.DOCUMENT_MAX_MB
    if file.size > limit * 1024 * 1024:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s MB). Het mag hoogstens %(limit)s MB zijn."),
            code="too_big",
            params={"size": round(file.size / 1024 / 1024, 1), "limit": limit},
        )
    ext = extension(file.name)
    if ext not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Dit bestandstype kan niet. Toegelaten: %(types)s."),
            code="type",
            params={"types": ", ".join(ALLOWED_EXTENSIONS)},
        )
    if not _content_matches(DOCUMENT_TYPES[ext][1], file):
        raise ValidationError(
            _(
                "De inhoud van het bestand is geen %(ext)s-bestand, al zegt de naam dat "
                "wel. Sla het opnieuw op als %(ext)s of kies een ander bestand."
            ),
            code="content",
            params={"ext": ext.upper()},
        )


def document_response(field_file, download_name=None, *, public=True):
    """Serve a stored document (after the caller checked :func:`may_see`).

    PDFs open in the browser, other types download. Members-only files are
    never stored by shared caches.
    """
    if not field_file:
        raise Http404
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    ext = extension(field_file.name)
    content_type = DOCUMENT_TYPES.get(ext, (None,))[0] or (
        mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    )
    name = get_valid_filename(download_name or PurePath(field_file.name).name)
    if extension(name) != ext:
        name = f"{name}.{ext}"
    response = FileResponse(
        handle, as_attachment=ext != "pdf", filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response
