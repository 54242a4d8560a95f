"""Who is asking: the client's address, also behind the TLS proxy.

Behind a proxy, `REMOTE_ADDR` is the proxy. The proxy adds the address it saw to
`X-Forwarded-For`, but anybody can send that header, so it is read **only** when the
request comes from a proxy named in `TRUSTED_PROXIES` (addresses or networks, e.g.
`10.0.0.5` or `10.0.0.0/24`). The client is then the right-most address in the header that
is not itself a trusted proxy (each proxy appends the address it saw). With no trusted
proxies, the header is ignored.

The rate limits (core.ratelimit) and the login lockout (django-axes,
`AXES_CLIENT_IP_CALLABLE`) use this.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _is_trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    """The client's IP address as text ("" if the server gave none)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not networks or not _is_trusted(_address(remote), networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:
            break  # a garbled header: trust nothing further left
        if not _is_trusted(address, networks):
            return str(address)
    return remote


def axes_client_ip(request) -> str | None:
    """For django-axes (`AXES_CLIENT_IP_CALLABLE`): None when unknown (a forced login)."""
    return client_ip(request) or None
