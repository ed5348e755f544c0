"""Uploaded documents: the checks on the way in and the response on the way out."""

import io
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404

from netwerk import documents
from netwerk.documents import Visibility, document_storage, may_see, validate_document
from tests.factories import UserFactory


def pdf(name="verslag.pdf", size=0):
    return SimpleUploadedFile(name, b"%PDF-1.7\n" + b"0" * size, "application/pdf")


def zipped(name, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member in members:
            archive.writestr(member, "x")
    return SimpleUploadedFile(name, buffer.getvalue())


def test_a_pdf_passes():
    validate_document(pdf())


@pytest.mark.parametrize(
    ("name", "members"),
    [
        ("leidraad.docx", ["[Content_Types].xml", "word/document.xml"]),
        ("cijfers.xlsx", ["[Content_Types].xml"]),
        ("tekst.odt", ["mimetype", "content.xml"]),
    ],
)
def test_office_and_opendocument_files_pass(name, members):
    validate_document(zipped(name, members))


def test_a_legacy_office_file_passes():
    validate_document(SimpleUploadedFile("oud.doc", documents.OLE_MAGIC + b"rest"))


def test_a_file_that_is_not_what_its_extension_says_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("verslag.pdf", b"MZ\x90\x00 an executable"))
    assert error.value.code == "content"
    assert "geen PDF-bestand" in error.value.messages[0]


def test_a_plain_zip_named_docx_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_document(zipped("leidraad.docx", ["payload.exe"]))
    assert error.value.code == "content"


def test_a_broken_zip_is_refused():
    with pytest.raises(ValidationError):
        validate_document(SimpleUploadedFile("kapot.xlsx", documents.ZIP_MAGIC + b"garbage"))


def test_an_unknown_type_is_refused_with_the_allowed_list():
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("script.exe", b"MZ"))
    assert error.value.code == "type"
    assert "pdf, docx" in error.value.messages[0]


def test_a_file_above_the_limit_is_refused(settings):
    settings.DOCUMENT_MAX_MB = 1
    validate_document(pdf(size=1024 * 1024 - 100))
    with pytest.raises(ValidationError) as error:
        validate_document(pdf(size=1024 * 1024))
    assert error.value.code == "too_big"
    assert "hoogstens 1 MB" in error.value.messages[0]


def test_members_only_needs_an_active_staff_account(db):
    assert may_see(AnonymousUser(), Visibility.PUBLIC)
    assert not may_see(AnonymousUser(), Visibility.MEMBERS)
    assert not may_see(UserFactory(is_staff=False), Visibility.MEMBERS)
    assert not may_see(UserFactory(is_staff=True, is_active=False), Visibility.MEMBERS)
    assert may_see(UserFactory(is_staff=True), Visibility.MEMBERS)


def test_documents_are_stored_under_the_protected_root_and_have_no_url(settings, tmp_path):
    settings.PROTECTED_MEDIA_ROOT = tmp_path / "elders"
    name = document_storage.save("verslagen/verslag.pdf", ContentFile(b"%PDF-1.7"))
    assert (tmp_path / "elders" / name).exists()
    with pytest.raises(ValueError):
        document_storage.url(name)


def _field_file(name):
    field = FileField(storage=document_storage)
    field.set_attributes_from_name("file")
    return FieldFile(None, field, name)


def test_a_pdf_opens_inline_and_public_files_may_be_cached():
    name = document_storage.save("verslag.pdf", ContentFile(b"%PDF-1.7 inhoud"))
    response = documents.document_response(_field_file(name), "Verslag platform 2023")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert 'filename="Verslag_platform_2023.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("public")
    assert b"".join(response.streaming_content) == b"%PDF-1.7 inhoud"


def test_members_only_files_download_and_are_never_cached():
    name = document_storage.save("notulen.docx", ContentFile(b"PK\x03\x04"))
    response = documents.document_response(_field_file(name), public=False)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    response.file_to_stream.close()


def test_a_missing_file_is_a_404():
    with pytest.raises(Http404):
        documents.document_response(_field_file("weg.pdf"))
    with pytest.raises(Http404):
        documents.document_response(_field_file(""))


def test_the_document_root_may_not_be_served(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PROTECTED_MEDIA_ROOT = tmp_path / "media" / "documents"
    assert "netwerk.E001" in [message.id for message in run_checks()]
    settings.PROTECTED_MEDIA_ROOT = tmp_path / "documents"
    assert "netwerk.E001" not in [message.id for message in run_checks()]
