"""A small per-IP rate limit on the cache (Redis in production, locmem in development):
`cache.add` starts a window atomically and `cache.incr` counts within it.

    if over_limit(request, "apply_start", limit=10, period=3600):
        return too_many(request)
"""

from django.core.cache import cache
from django.shortcuts import render

PREFIX = "nabolagspotten:rl"


def client_ip(request) -> str:
    # REMOTE_ADDR is set by the server (or by the trusted proxy's middleware).
    return request.META.get("REMOTE_ADDR") or "unknown"


def over_limit(request, scope: str, *, limit: int, period: int = 3600) -> bool:
    """Count this request; True when it is beyond `limit` requests in `period` seconds."""
    key = f"{PREFIX}:{scope}:{client_ip(request)}"
    if cache.add(key, 1, timeout=period):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # the window ended between add and incr
            cache.add(key, 1, timeout=period)
            count = 1
    return count > limit


def too_many(request):
    """The Norwegian «too many attempts» page, status 429."""
    response = render(request, "nabolagspotten/public/too_many.html", status=429)
    response["Retry-After"] = "3600"
    return response
