"""Access without an account: the applicant's personal link.

A link's token is `signing.dumps` of the application's id and a random nonce, signed with a
timestamp (so it is tamper-evident and carries its age). Only the token's SHA-256 is stored
(`AccessLink.token_hash`), with an expiry and an optional revocation.

**The token is never in a URL the server sees.** The e-mailed address is
`/nabolagspotten/lenke/#<token>`: a browser never sends the part after `#`, so neither
gunicorn's access log nor a proxy's ever holds it. The page's script
(`static/js/nabolagspotten-link.js`) posts the token in a form; without JavaScript the page
asks the applicant to paste the link or the code (`token_from_text` takes either).

**A link opens once.** Opening it marks it used (`used_at`, in one conditional UPDATE, so
two clicks at once cannot both get in) and puts the application in the browser session.
The session then carries the access: until the browser is closed, until
`NABOLAGSPOTTEN_SESSION_HOURS` pass without a request, until the applicant logs out of the
page, or until the link is revoked. A used link answers 410 with the form for a new link.
Issuing a link revokes the earlier links nobody has opened yet, so a case has at most one
link that opens: the newest e-mail's. A session opened by an earlier link is not ended by
that (the applicant may be working in it); revoking all links (`revoke_links`, by the
handler or the anonymisation) ends every session.

    token = issue_link(application)           # after the first step, in e-mails, on request
    link = open_link(token)                   # raises LinkInvalid with a reason
    remember(request, link)                   # the session may now see that application

The applicant's views fetch their application with one line,
`_get_application_for_applicant(request, reference)` (views/lookups.py), which reads the
session through `session_link_id` and gives 404 unless the link is not revoked and the
session is not idle for too long.
"""

import hashlib
import re
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabolagspotten.models import AccessLink, Application

SALT = "nabolagspotten.access-link"
SESSION_KEY = "nabolagspotten_links"  # {application id (str): link id}
SEEN_KEY = "nabolagspotten_seen"  # time of the applicant's last request (seconds)
WRITE_EVERY = 60  # seconds: the last request's time is written at most once a minute


class LinkInvalid(Exception):
    """Why a link cannot be used; `reason` is one of the keys of REASONS."""

    REASONS = {
        "tampered": _("The link is not valid. Check that you copied all of it."),
        "expired": _("The link has expired."),
        "revoked": _(
            "The link no longer works: a newer link has been sent, or the link was withdrawn."
        ),
        "used": _(
            "Each link opens your application only once, so that nobody else can use it "
            "later. This one has been used."
        ),
    }

    def __init__(self, reason: str, link: AccessLink | None = None):
        super().__init__(reason)
        self.reason = reason
        self.link = link  # the link, when it was found but cannot open

    @property
    def message(self):
        return self.REASONS[self.reason]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def revoke_unopened_links(application: Application) -> None:
    """Withdraw the links nobody has opened yet; sessions opened by links go on."""
    now = timezone.now()
    for link in application.access_links.filter(used_at__isnull=True, revoked_at__isnull=True):
        link.revoked_at = now
        link.save(update_fields=["revoked_at"])


def issue_link(application: Application) -> str:
    """Create a new link for the application and return its token (shown once, e-mailed).
    Every earlier link that has not been opened stops working."""
    revoke_unopened_links(application)
    token = signing.dumps(
        {"a": application.pk, "n": secrets.token_urlsafe(16)}, salt=SALT, compress=True
    )
    AccessLink.objects.create(
        application=application,
        token_hash=_hash(token),
        expires_at=timezone.now() + timedelta(days=settings.NABOLAGSPOTTEN_LINK_DAYS),
    )
    return token


def session_link(application: Application) -> AccessLink:
    """A link that is used at once, by the browser session that made the draft (the
    e-mailed link is a separate one, for coming back later). Its token is never shown."""
    now = timezone.now()
    return AccessLink.objects.create(
        application=application,
        token_hash=_hash(secrets.token_urlsafe(32)),
        expires_at=now,
        used_at=now,
    )


def link_url(token: str) -> str:
    """The absolute address of a link, for e-mails (settings.SITE_URL). The token is in
    the fragment, which browsers never send to the server."""
    return f"{settings.SITE_URL}{reverse('nabolagspotten:open_link')}#{token}"


TOKEN_SHAPE = re.compile(r"[\w.-]+:[\w-]+:[\w-]+")


def token_from_text(text: str) -> str:
    """The token in what the applicant pasted: the whole link from the e-mail, the part
    after `#`, or the code alone (spaces and line breaks from e-mail programs removed)."""
    text = re.sub(r"\s+", "", text or "")
    if "#" in text:
        text = text.rsplit("#", 1)[1]
    match = TOKEN_SHAPE.search(text)
    return match.group(0) if match else text[:500]


def open_link(token: str) -> AccessLink:
    """The link, now marked used; LinkInvalid if it is not valid, expired, revoked or
    already used."""
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
        raise LinkInvalid("revoked", link)
    if link.used_at is not None:
        raise LinkInvalid("used", link)
    if link.expires_at <= timezone.now():
        raise LinkInvalid("expired", link)
    # One conditional UPDATE: of two requests with the same link, only one gets in.
    # (AccessLink keeps no history, so update() writes everything there is to write.)
    now = timezone.now()
    if not AccessLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=now):
        raise LinkInvalid("used", link)
    link.used_at = now
    return link


def grant(session, link: AccessLink) -> None:
    """Write into `session` that it may see the link's application (see `remember`)."""
    links = dict(session.get(SESSION_KEY, {}))
    links[str(link.application_id)] = link.pk
    session[SESSION_KEY] = links
    session[SEEN_KEY] = int(time.time())


def remember(request, link: AccessLink) -> None:
    """Let this browser session see the link's application, with a new session id (nobody
    who knew the old one gets in). For someone not logged in, the session cookie then
    lasts until the browser is closed."""
    grant(request.session, link)
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        request.session.set_expiry(0)
    request.session.cycle_key()


def forget(request, application_id: int | None = None) -> None:
    links = dict(request.session.get(SESSION_KEY, {}))
    if application_id is None:
        links = {}
    else:
        links.pop(str(application_id), None)
    request.session[SESSION_KEY] = links


def revoke_links(application: Application) -> int:
    """Withdraw every link to the application, opened or not: the sessions they opened
    end at once too (the handler's «withdraw the links», the anonymisation)."""
    count = 0
    for link in application.access_links.filter(revoked_at__isnull=True):
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        count += 1
    return count


def session_idle_too_long(request) -> bool:
    """True when this session's last applicant request is more than
    NABOLAGSPOTTEN_SESSION_HOURS ago; otherwise the time of this request is noted."""
    now = int(time.time())
    seen = request.session.get(SEEN_KEY)
    if seen is None or now - seen > settings.NABOLAGSPOTTEN_SESSION_HOURS * 3600:
        return True
    if now - seen >= WRITE_EVERY:
        request.session[SEEN_KEY] = now
    return False


def session_link_id(request, application: Application) -> int | None:
    """The link by which this browser session came to the application, if it did."""
    return request.session.get(SESSION_KEY, {}).get(str(application.pk))
