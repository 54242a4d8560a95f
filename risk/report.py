"""What the annual report and the board report pack take from the risk registers (called by
name from the top floor): `risk_report(since, until)`, the picture, the changes in the period
and what is overdue, in a fixed number of queries whatever the number of risks."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from risk.models import Action, Matrix, Risk, RiskEvent
from risk.services.heatmap import heat_map


def risk_report(since: datetime.date, until: datetime.date) -> dict:
    today = timezone.localdate()
    open_risks = Risk.objects.filter(status=Risk.Status.OPEN)
    matrix = Matrix.default()
    counts = Risk.objects.aggregate(
        open=Count("pk", filter=Q(status=Risk.Status.OPEN)),
        threats=Count("pk", filter=Q(status=Risk.Status.OPEN, kind=Risk.Kind.THREAT)),
        opportunities=Count("pk", filter=Q(status=Risk.Status.OPEN, kind=Risk.Kind.OPPORTUNITY)),
        raised=Count("pk", filter=Q(raised_on__gte=since, raised_on__lte=until)),
    )
    events = list(
        RiskEvent.objects.filter(at__date__gte=since, at__date__lte=until)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    )
    overdue_reviews = list(
        open_risks.filter(next_review_on__lt=today)
        .select_related("register__area", "register__project", "owner")
        .order_by("next_review_on", "pk")
    )
    overdue_actions = list(
        Action.objects.filter(
            status__in=[Action.Status.PLANNED, Action.Status.IN_PROGRESS], due_on__lt=today
        )
        .select_related("risk", "owner")
        .order_by("due_on", "pk")
    )
    return {
        "since": since,
        "until": until,
        "counts": counts,
        "heat_map": heat_map(matrix, open_risks, "current") if matrix else None,
        "events": {row["kind"]: row["n"] for row in events},
        "overdue_reviews": overdue_reviews,
        "overdue_actions": overdue_actions,
    }
