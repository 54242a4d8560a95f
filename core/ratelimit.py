"""A small per-address rate limit on the cache (Redis in production, locmem in
development): `cache.add` starts a window atomically and `cache.incr` counts within it.
The address is the client's, also behind the trusted proxy (core.net).

    if over_limit(request, "password_reset", limit=5, period=3600):
        return too_many(request)
"""

from django.core.cache import cache
from django.shortcuts import render

from core.net import client_ip

PREFIX = "rl"


def count(key: str, period: int) -> int:
    """Add one to the counter `key` for a window of `period` seconds; the new count."""
    if cache.add(key, 1, timeout=period):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, timeout=period)
        return 1


def over_limit(request, scope: str, *, limit: int, period: int = 3600, key: str = "") -> bool:
    """Count this request; True when it is beyond `limit` requests in `period` seconds from
    this address (or for `key`, e.g. one case, when given)."""
    subject = key or client_ip(request) or "unknown"
    return count(f"{PREFIX}:{scope}:{subject}", period) > limit


def too_many(request, template: str = "429.html", period: int = 3600):
    """The Norwegian «too many attempts» page, status 429."""
    response = render(request, template, status=429)
    response["Retry-After"] = str(period)
    return response
