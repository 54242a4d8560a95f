"""What the risk registers show on the home page (called by name from `omradesatsing.views`):
the open risks this user owns whose review is due within two weeks or overdue, and their
actions past the due date. One query per list, whatever the size of the registers."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from core.panels import Item, Panel
from risk.models import Action, Risk

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
    return [panel for panel in panels if panel.items]
