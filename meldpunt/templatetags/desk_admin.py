"""The desk's worklists on the admin index (Meldpunt staff and superusers only)."""

from django import template

from meldpunt.desk import worklists

register = template.Library()


@register.inclusion_tag("admin/meldpunt/referral/worklists.html", takes_context=True)
def desk_worklists(context):
    """One row per worklist with its count (one query), for whoever may see referrals."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("meldpunt.view_referral"):
        return {"worklists": []}
    from meldpunt.desk.admin import worklist_counts, worklist_url

    counts = worklist_counts(request)
    return {
        "changelist_url": worklist_url(),
        "worklists": [
            {
                "label": worklist.label,
                "description": worklist.description,
                "count": counts[worklist.slug],
                "url": worklist_url(worklist.slug),
            }
            for worklist in worklists.WORKLISTS
        ],
    }
