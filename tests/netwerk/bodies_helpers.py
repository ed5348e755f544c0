"""Builders shared by the tests of the network's bodies."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from netwerk.documents import Visibility
from netwerk.models import Body, Meeting, MeetingDocument

PDF = b"%PDF-1.7\nvertrouwelijke inhoud"


def make_body(slug="werkgroep-test", **kwargs):
    values = {
        "name": "Werkgroep Test",
        "kind": Body.Kind.WORKING_GROUP,
        "level": Body.Level.PROVINCIAL,
        "status": "published",
    }
    values.update(kwargs)
    return Body.objects.create(slug=slug, **values)


def make_meeting(body, days=-7, **kwargs):
    return Meeting.objects.create(
        body=body, date=timezone.localdate() + datetime.timedelta(days=days), **kwargs
    )


def attach(meeting, title, visibility, content=PDF, name="stuk.pdf"):
    document = MeetingDocument(meeting=meeting, title=title, visibility=visibility)
    document.file.save(name, ContentFile(content), save=True)
    return document


def meeting_with_documents(body):
    """A past meeting with a public and a members-only document and members-only minutes."""
    meeting = make_meeting(
        body,
        place="Provinciehuis Leuven",
        agenda="Aanmeldingen van het voorbije trimester",
        minutes="Vertrouwelijk verslag over de samenwerking",
        minutes_visibility=Visibility.MEMBERS,
    )
    meeting.minutes_file.save("verslag.pdf", ContentFile(PDF), save=True)
    public = attach(meeting, "Presentatie cijfers", Visibility.PUBLIC, b"%PDF-1.7 publiek")
    private = attach(meeting, "Interne nota", Visibility.MEMBERS)
    return meeting, public, private
