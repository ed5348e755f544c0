"""Back-office forms of the network app."""

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from netwerk.images import process_logo
from netwerk.models import Organisation


def normalise_postcode(value):
    """A postcode without spaces: four digits, or empty. Shared by every address form."""
    postcode = "".join(value.split())
    if postcode and not (len(postcode) == 4 and postcode.isdigit()):
        raise forms.ValidationError(
            _("Een Belgische postcode heeft vier cijfers, bijvoorbeeld 3000."),
            code="invalid_postcode",
        )
    return postcode


class OrganisationAdminForm(forms.ModelForm):
    website = forms.URLField(
        label=_("website"), required=False, max_length=200, assume_scheme="https"
    )
    # A plain file field: Django's ImageField would open the upload with Pillow before our
    # own checks run, with its own message and without a size limit.
    logo = forms.FileField(
        label=_("logo"),
        required=False,
        widget=AdminFileWidget(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
        help_text=Organisation._meta.get_field("logo").help_text,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "slug",
            "kind",
            "description",
            "website",
            "email",
            "phone",
            "street_address",
            "postcode",
            "municipality",
            "logo",
            "is_demo",
        ]

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data.get("postcode", ""))

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # Only a new upload is checked; the stored logo (or False to clear it) passes as is.
        if isinstance(logo, UploadedFile):
            return process_logo(logo)
        return logo
