"""Access without an account: the applicant's personal link.

A link's token is `signing.dumps` of the application's id and a random nonce, signed with a
timestamp (so it is tamper-evident and carries its age). Only the token's SHA-256 is stored
(`AccessLink.token_hash`), with an expiry and an optional revocation. Opening a valid link
puts the application's id in the browser's session; from then on the applicant's pages
check the session and that the link they came in by is still usable, so a revoked link
ends access at once. Nothing in a URL after the first click carries the token.

    token = issue_link(application)           # after the first step, and on request
    link = open_link(token)                   # raises LinkInvalid with a reason
    remember(request, link)                   # the session may now see that application

The applicant's views fetch their application with one line,
`_get_application_for_applicant(request, reference)` (views/lookups.py), which reads the
session through `session_link_id` and gives 404 unless the link is still usable.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabolagspotten.models import AccessLink, Application

SALT = "nabolagspotten.access-link"
SESSION_KEY = "nabolagspotten_links"  # {application id (str): link id}


class LinkInvalid(Exception):
    """Why a link cannot be used; `reason` is one of the keys of REASONS."""

    REASONS = {
        "tampered": _("The link is not valid. Check that you copied all of it."),
        "expired": _("The link has expired."),
        "revoked": _("The link has been withdrawn."),
    }

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self):
        return self.REASONS[self.reason]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(application: Application) -> str:
    """Create a new link for the application and return its token (shown once, e-mailed)."""
    token = signing.dumps(
        {"a": application.pk, "n": secrets.token_urlsafe(16)}, salt=SALT, compress=True
    )
    AccessLink.objects.create(
        application=application,
        token_hash=_hash(token),
        expires_at=timezone.now() + timedelta(days=settings.NABOLAGSPOTTEN_LINK_DAYS),
    )
    return token


def link_url(token: str) -> str:
    """The absolute address of a link, for e-mails (settings.SITE_URL)."""
    return settings.SITE_URL + reverse("nabolagspotten:open_link", args=[token])


def open_link(token: str) -> AccessLink:
    max_age = timedelta(days=settings.NABOLAGSPOTTEN_LINK_DAYS)
    try:
        signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkInvalid("expired") from None
    except signing.BadSignature:
        raise LinkInvalid("tampered") from None
    link = AccessLink.objects.select_related("application").filter(token_hash=_hash(token)).first()
    if link is None:
        raise LinkInvalid("tampered")
    if link.revoked_at is not None:
        raise LinkInvalid("revoked")
    if link.expires_at <= timezone.now():
        raise LinkInvalid("expired")
    link.last_used_at = timezone.now()
    link.save(update_fields=["last_used_at"])
    return link


def remember(request, link: AccessLink) -> None:
    """Let this browser session see the link's application."""
    links = dict(request.session.get(SESSION_KEY, {}))
    links[str(link.application_id)] = link.pk
    request.session[SESSION_KEY] = links
    request.session.cycle_key()  # a new session id: nobody who knew the old one gets in


def forget(request, application_id: int | None = None) -> None:
    links = dict(request.session.get(SESSION_KEY, {}))
    if application_id is None:
        links = {}
    else:
        links.pop(str(application_id), None)
    request.session[SESSION_KEY] = links


def revoke_links(application: Application) -> int:
    """Withdraw every usable link to the application (e.g. when the applicant asks)."""
    count = 0
    for link in application.access_links.filter(revoked_at__isnull=True):
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        count += 1
    return count


def session_link_id(request, application: Application) -> int | None:
    """The link by which this browser session came to the application, if it did."""
    return request.session.get(SESSION_KEY, {}).get(str(application.pk))
