"""What Nabolagspotten shows on the home page (called by name from `omradesatsing.views`):
a case handler's to-do list, also the programme leader's (who may handle cases). Each item
is a count with the oldest date, linking to the case list (or the appeals) filtered to
exactly those cases:

- to handle: new and resubmitted applications, answers received, appeals received;
- to follow up: grants accepted and waiting for payment, final reports to go through, and
  final reports overdue.

Two queries whatever the number of cases (`services/cases.waiting_for`).
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.panels import Item, Panel
from nabolagspotten.services.cases import WAITING, waiting_for


def _cases(**query) -> str:
    return f"{reverse('nabolagspotten:cases')}?{urlencode({**query, 'sort': 'waiting'})}"


def _day(value):
    """A date for the panel: the local day of a time, or the date itself."""
    if value is None or not hasattr(value, "hour"):
        return value
    return timezone.localdate(value)


def _text(key: str, count: int) -> str:
    texts = {
        "new": ngettext("%(count)s new application", "%(count)s new applications", count),
        "resubmitted": ngettext(
            "%(count)s resubmitted application", "%(count)s resubmitted applications", count
        ),
        "answered": ngettext("%(count)s answer received", "%(count)s answers received", count),
        "appeals": ngettext("%(count)s appeal received", "%(count)s appeals received", count),
        "accepted": ngettext(
            "%(count)s grant accepted, waiting for payment",
            "%(count)s grants accepted, waiting for payment",
            count,
        ),
        "reported": ngettext(
            "%(count)s final report to go through", "%(count)s final reports to go through", count
        ),
        "reports_overdue": ngettext(
            "%(count)s final report overdue", "%(count)s final reports overdue", count
        ),
    }
    return texts[key] % {"count": count}


def _item(waiting: dict, key: str, url: str, date_label: str, overdue: bool = False):
    count = waiting[key]
    if not count:
        return None
    return Item(
        text=_text(key, count),
        url=url,
        count=count,
        date=_day(waiting[f"{key}_since"]),
        date_label=date_label,
        overdue=overdue,
    )


def home_panels(user) -> list[Panel]:
    """The handler's two lists: cases to handle, and money and reports to follow up."""
    waiting = waiting_for(user)
    since = _("waiting since")
    to_handle = [
        _item(waiting, "new", _cases(status=WAITING["new"]), _("oldest sent")),
        _item(waiting, "resubmitted", _cases(status=WAITING["resubmitted"]), since),
        _item(waiting, "answered", _cases(status=WAITING["answered"]), since),
        _item(
            waiting,
            "appeals",
            reverse("nabolagspotten:appeals") + "?status=mottatt",
            _("oldest received"),
        ),
    ]
    to_follow_up = [
        _item(waiting, "accepted", _cases(status=WAITING["accepted"]), _("oldest accepted")),
        _item(waiting, "reported", _cases(status=WAITING["reported"]), _("oldest submitted")),
        _item(
            waiting,
            "reports_overdue",
            _cases(report="overdue"),
            _("overdue since"),
            overdue=True,
        ),
    ]
    panels = [
        Panel(
            heading=_("Nabolagspotten: applications and appeals to handle"),
            key="nabolagspotten-cases",
            items=[item for item in to_handle if item],
        ),
        Panel(
            heading=_("Nabolagspotten: payments and final reports"),
            key="nabolagspotten-followup",
            items=[item for item in to_follow_up if item],
        ),
    ]
    return [panel for panel in panels if panel.items]
