"""Where a request comes from."""

from django.conf import settings


def client_ip(request):
    """The client's IP address, trusting only the proxies we run.

    Each of our ``PROXY_COUNT`` reverse proxies appends the address it saw to
    X-Forwarded-For, so the client is that many entries from the right; any
    entry further left was written by the client and can be forged.
    """
    count = settings.PROXY_COUNT
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
