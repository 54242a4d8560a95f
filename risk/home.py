"""What the risk registers show on the home page (called by name from `omradesatsing.views`):
the open risks this user owns whose review is due within two weeks or overdue, and their
actions past the due date; for the Programeier, the latest board snapshots. One query per
list, whatever the size of the registers."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from core.panels import Item, Panel
from risk.models import Action, Risk, Snapshot

SHOWN = 8
DUE_SOON_DAYS = 14


def home_panels(user) -> list[Panel]:
    if not user.is_authenticated or not user.roles:
        return []
    today = timezone.localdate()
    reviews = list(
        Risk.objects.filter(
            owner=user,
            status=Risk.Status.OPEN,
            next_review_on__lte=today + timedelta(days=DUE_SOON_DAYS),
        ).order_by("next_review_on", "pk")[:SHOWN]
    )
    actions = list(
        Action.objects.filter(
            owner=user,
            status__in=[Action.Status.PLANNED, Action.Status.IN_PROGRESS],
            due_on__lt=today,
        )
        .select_related("risk")
        .order_by("due_on", "pk")[:SHOWN]
    )
    panels = [
        Panel(
            heading=_("Risks to review"),
            key="risk-reviews",
            items=[
                Item(
                    text=str(risk),
                    url=risk.get_absolute_url(),
                    date=risk.next_review_on,
                    date_label=_("review by"),
                    overdue=risk.next_review_on < today,
                )
                for risk in reviews
            ],
        ),
        Panel(
            heading=_("Risk actions past their due date"),
            key="risk-actions",
            items=[
                Item(
                    text=f"{action.risk.reference}: {action}",
                    url=action.risk.get_absolute_url(),
                    date=action.due_on,
                    date_label=_("due"),
                    overdue=True,
                )
                for action in actions
            ],
        ),
    ]
    if user.is_programme_owner:
        panels.append(_snapshots_panel())
    return [panel for panel in panels if panel.items]


def _snapshots_panel() -> Panel:
    snapshots = Snapshot.objects.defer("data").order_by("-number")[:3]
    return Panel(
        heading=_("Risk snapshots for the board"),
        key="risk-snapshots",
        items=[
            Item(
                text=f"{snapshot}: {snapshot.note}" if snapshot.note else str(snapshot),
                url=snapshot.get_absolute_url(),
                date=timezone.localdate(snapshot.taken_at),
                date_label=_("taken"),
            )
            for snapshot in snapshots
        ],
    )
