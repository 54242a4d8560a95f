"""What the risk registers hand the programme overview (called by name from the top floor):
`key_figures()`, the open risks and opportunities and the highest open risks by their current
score, each with its level on its register's matrix. Two queries whatever the number of
risks."""

from django.db.models import Count, F, OuterRef, Q, Subquery

from risk.models import Cell, Risk

HIGHEST = 5  # the highest risks the overview lists


def key_figures(limit: int = HIGHEST) -> dict:
    counts = Risk.objects.aggregate(
        open=Count("pk", filter=Q(status=Risk.Status.OPEN)),
        threats=Count("pk", filter=Q(status=Risk.Status.OPEN, kind=Risk.Kind.THREAT)),
        opportunities=Count("pk", filter=Q(status=Risk.Status.OPEN, kind=Risk.Kind.OPPORTUNITY)),
    )
    cell = Cell.objects.filter(
        matrix=OuterRef("register__matrix"),
        likelihood=OuterRef("current_likelihood"),
        consequence=OuterRef("current_consequence"),
    )
    highest = list(
        Risk.objects.filter(status=Risk.Status.OPEN, kind=Risk.Kind.THREAT)
        .annotate(
            current_score=F("current_likelihood") * F("current_consequence"),
            level_name=Subquery(cell.values("level__name")[:1]),
            level_rank=Subquery(cell.values("level__rank")[:1]),
        )
        .select_related("register__area", "register__project")
        .order_by("-current_score", "next_review_on", "pk")[:limit]
    )
    return {"counts": counts, "highest": highest}
