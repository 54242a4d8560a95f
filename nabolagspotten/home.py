"""What Nabolagspotten shows on the home page (called by name from `omradesatsing.views`)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.panels import Item, Panel
from nabolagspotten.services.cases import waiting_for


def home_panels(user) -> list[Panel]:
    """A case handler's new and resubmitted applications and received appeals (one query)."""
    waiting = waiting_for(user)
    cases = reverse("nabolagspotten:cases")
    items = []
    if waiting["new"]:
        items.append(
            Item(
                text=ngettext(
                    "%(count)s new application", "%(count)s new applications", waiting["new"]
                )
                % {"count": waiting["new"]},
                url=f"{cases}?status=sendt_inn",
                count=waiting["new"],
            )
        )
    if waiting["resubmitted"]:
        items.append(
            Item(
                text=ngettext(
                    "%(count)s resubmitted application",
                    "%(count)s resubmitted applications",
                    waiting["resubmitted"],
                )
                % {"count": waiting["resubmitted"]},
                url=f"{cases}?status=sendt_inn_igjen",
                count=waiting["resubmitted"],
            )
        )
    if waiting["appeals"]:
        items.append(
            Item(
                text=ngettext(
                    "%(count)s appeal received", "%(count)s appeals received", waiting["appeals"]
                )
                % {"count": waiting["appeals"]},
                url=reverse("nabolagspotten:appeals") + "?status=mottatt",
                count=waiting["appeals"],
            )
        )
    if not items:
        return []
    return [
        Panel(
            heading=_("Nabolagspotten: applications and appeals to handle"),
            key="nabolagspotten-cases",
            items=items,
        )
    ]
