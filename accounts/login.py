"""The login lockout (django-axes), with three counters, each with its own limit:

1. one e-mail address from one client address: `AXES_FAILURE_LIMIT` (5) failures;
2. one account, from any number of addresses: `LOGIN_ACCOUNT_FAILURE_LIMIT` (20), against
   guessing one password from many machines;
3. one client address, against any number of accounts: `LOGIN_ADDRESS_FAILURE_LIMIT` (30),
   against spraying a few common passwords over many accounts.

All three count within `AXES_COOLOFF_TIME` (15 minutes) and lock for as long. The e-mail
address is normalised (stripped, lower-case) before django-axes sees it, so every spelling
of one address counts against one lock. The client address is the one behind the trusted
proxy (core.net).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

# The order of AXES_LOCKOUT_PARAMETERS in the settings; the limits below follow it.
LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]


def normalised_email(value) -> str:
    return (value or "").strip().lower()


def axes_username(request, credentials) -> str:
    """The login's e-mail address as django-axes should count it (AXES_USERNAME_CALLABLE)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials and credentials.get(field):
        return normalised_email(credentials[field])
    if request is not None and hasattr(request, "POST"):
        return normalised_email(request.POST.get(field))
    return ""


def _limits() -> list[int]:
    return [
        settings.AXES_FAILURE_LIMIT,
        settings.LOGIN_ACCOUNT_FAILURE_LIMIT,
        settings.LOGIN_ADDRESS_FAILURE_LIMIT,
    ]


class LoginLockHandler(AxesDatabaseHandler):
    """django-axes' database handler with one limit per counter.

    django-axes compares the largest of its counters with one limit (AXES_FAILURE_LIMIT).
    Here each counter is first scaled to that limit by its own: a counter at its own limit
    counts as AXES_FAILURE_LIMIT, so any counter reaching its limit locks, and none earlier.
    """

    def get_failures(self, request, credentials=None) -> int:
        base = settings.AXES_FAILURE_LIMIT
        worst = 0
        for attempts, limit in zip(
            self.get_user_attempts(request, credentials), _limits(), strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            worst = max(worst, failures * base // limit)
        return worst

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful login, forget this account's failures (from every address),
        but not other accounts' failures from this address: one good login must not wipe
        the count of a spray."""
        username = axes_username(request, credentials)
        deleted, _by_model = AccessAttempt.objects.filter(username=username).delete()
        return deleted
