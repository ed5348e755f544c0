"""The desk's back office (Meldpunt group only): worklists, one case one timeline."""

from django.contrib import admin

from meldpunt.desk.models import DeclineReason, Referral, ReferralReason


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["reference", "kind", "status", "urgency", "created_at"]
    list_filter = ["status", "kind", "urgency"]


@admin.register(ReferralReason, DeclineReason)
class DeskListAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}
