"""What the benefits register shows on the home page (called by name from
`omradesatsing.views`), each item a link with a count or a date:

- Change leader: the benefits they own (of their unit, or where they are the accountable
  line leader), the measurements due on them (the rule is in `services/due.py`), and the
  measurements project leaders entered that wait for their approval.
- Project leader: the measurements due on the indicators of benefits their projects
  contribute to (the projects they lead or their unit owns).

A fixed number of queries whatever the size of the register.
"""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from benefits.models import Benefit, Measurement
from benefits.services.due import due_measurements, followed_up
from core.panels import Item, Panel

SHOWN = 8  # rows per list; a longer list ends with a link to the rest


def _owned(user) -> Q:
    owned = Q(accountable=user)
    if user.unit_id:
        owned |= Q(owner_unit_id=user.unit_id)
    return owned


def _contributed(user) -> Q:
    mine = Q(benefit__contributions__project__project_leader=user)
    if user.unit_id:
        mine |= Q(benefit__contributions__project__owner_unit_id=user.unit_id)
    return mine


def _register(**query) -> str:
    return (
        f"{reverse('benefits:register')}?{urlencode(query)}"
        if query
        else reverse("benefits:register")
    )


def _due_text(d) -> str:
    text = _("%(indicator)s (%(benefit)s): the period ending %(period)s") % {
        "indicator": d.indicator,
        "benefit": d.benefit,
        "period": d.period_end.strftime("%d.%m.%Y"),
    }
    if d.missing > 1:
        text += " " + ngettext(
            "(%(count)s period missing)", "(%(count)s periods missing)", d.missing
        ) % {"count": d.missing}
    return text


def _due_panel(dues, heading: str, key: str, more_url: str) -> Panel:
    today = timezone.localdate()
    items = [
        Item(
            text=_due_text(d),
            url=d.url,
            count=d.missing if d.missing > 1 else None,
            date=d.due_on,
            date_label=_("overdue since") if d.is_overdue(today) else _("due"),
            overdue=d.is_overdue(today),
        )
        for d in dues[:SHOWN]
    ]
    if len(dues) > SHOWN:
        items.append(
            Item(
                text=ngettext(
                    "%(count)s measurement due in all",
                    "%(count)s measurements due in all",
                    len(dues),
                )
                % {"count": len(dues)},
                url=more_url,
                count=len(dues),
            )
        )
    return Panel(heading=heading, key=key, items=items)


def _change_leader_panels(user) -> list[Panel]:
    owned = Benefit.objects.filter(_owned(user)).exclude(status__in=Benefit.FINAL_STATUSES)
    more = _register(unit=user.unit_id) if user.unit_id else _register()
    benefits = list(owned.order_by("title", "pk")[: SHOWN + 1])
    benefit_items = [
        Item(text=f"{b.title} ({b.get_status_display().lower()})", url=b.get_absolute_url())
        for b in benefits[:SHOWN]
    ]
    if len(benefits) > SHOWN:
        benefit_items.append(Item(text=_("All your unit's benefits"), url=more))
    dues = due_measurements(
        followed_up().filter(Q(benefit__accountable=user) | Q(benefit__owner_unit_id=user.unit_id))
        if user.unit_id
        else followed_up().filter(benefit__accountable=user)
    )
    waiting = (
        Measurement.objects.filter(
            state=Measurement.State.AWAITING,
            indicator__benefit__in=Benefit.objects.filter(_owned(user)),
        )
        .values("indicator__benefit_id", "indicator__benefit__title")
        .annotate(count=Count("pk"), oldest=Min("recorded_at"))
        .order_by("oldest")[:SHOWN]
    )
    return [
        Panel(heading=_("Benefits you own"), key="benefits-owned", items=benefit_items),
        _due_panel(dues, _("Measurements due on your benefits"), "benefits-due", more),
        Panel(
            heading=_("Measurements waiting for your approval"),
            key="benefits-to-approve",
            items=[
                Item(
                    text=ngettext(
                        "%(benefit)s: %(count)s measurement",
                        "%(benefit)s: %(count)s measurements",
                        row["count"],
                    )
                    % {"benefit": row["indicator__benefit__title"], "count": row["count"]},
                    url=reverse("benefits:benefit", args=[row["indicator__benefit_id"]]),
                    count=row["count"],
                    date=timezone.localdate(row["oldest"]),
                    date_label=_("waiting since"),
                )
                for row in waiting
            ],
        ),
    ]


def _project_leader_panels(user) -> list[Panel]:
    dues = due_measurements(followed_up().filter(_contributed(user)).distinct())
    return [
        _due_panel(
            dues,
            _("Measurements due on your projects' benefits"),
            "benefits-project-due",
            _register(),
        )
    ]


def home_panels(user) -> list[Panel]:
    """The register's part of «Waiting for you»: only the panels that have something."""
    panels = []
    if user.is_change_leader:
        panels += _change_leader_panels(user)
    if user.is_project_leader:
        panels += _project_leader_panels(user)
    return [panel for panel in panels if panel.items]
