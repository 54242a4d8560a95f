"""What the annual report and the board report pack take from the risk registers (called by
name from the top floor): `risk_report(since, until)`, the picture, the changes in the period
and what is overdue, in a fixed number of queries whatever the number of risks."""

import datetime

from django.db.models import Count, F, Q, Window
from django.utils import timezone

from risk.models import Action, Matrix, Risk, RiskEvent
from risk.services.heatmap import heat_map

REPORT_ROWS = 50


def risk_report(since: datetime.date, until: datetime.date, *, rows: int = REPORT_ROWS) -> dict:
    """The picture (counts and the current heat map, aggregated by the database), the
    events in the period by kind, and the overdue reviews and actions: how many there are
    (`counts["overdue_reviews"]`, `counts["overdue_actions"]`) and the first `rows` of each
    as plain rows (the longest overdue first), never a model instance per risk. Eight
    queries whatever the number of risks."""
    today = timezone.localdate()
    open_risks = Risk.objects.filter(status=Risk.Status.OPEN)
    matrix = Matrix.default()
    counts = Risk.objects.aggregate(
        open=Count("pk", filter=Q(status=Risk.Status.OPEN)),
        threats=Count("pk", filter=Q(status=Risk.Status.OPEN, kind=Risk.Kind.THREAT)),
        opportunities=Count("pk", filter=Q(status=Risk.Status.OPEN, kind=Risk.Kind.OPPORTUNITY)),
        raised=Count("pk", filter=Q(raised_on__gte=since, raised_on__lte=until)),
        overdue_reviews=Count("pk", filter=Q(status=Risk.Status.OPEN, next_review_on__lt=today)),
    )
    events = list(
        RiskEvent.objects.filter(at__date__gte=since, at__date__lte=until)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    )
    overdue_reviews = list(
        open_risks.filter(next_review_on__lt=today)
        .order_by("next_review_on", "pk")
        .values(
            "pk",
            "register_id",
            "number",
            "title",
            "next_review_on",
            "owner_id",
            owner_name=F("owner__full_name"),
        )[:rows]
    )
    for row in overdue_reviews:
        row["reference"] = f"R-{row['number']:03d}"
    late = Action.objects.filter(
        status__in=[Action.Status.PLANNED, Action.Status.IN_PROGRESS], due_on__lt=today
    )
    overdue_actions = list(
        late.order_by("due_on", "pk")
        .annotate(total=Window(Count("pk")))
        .values(
            "pk",
            "description",
            "due_on",
            "risk_id",
            "owner_id",
            "total",
            risk_number=F("risk__number"),
            risk_title=F("risk__title"),
            owner_name=F("owner__full_name"),
        )[:rows]
    )
    for row in overdue_actions:
        row["risk_reference"] = f"R-{row.pop('risk_number'):03d}"
    counts["overdue_actions"] = overdue_actions[0].pop("total") if overdue_actions else 0
    for row in overdue_actions:
        row.pop("total", None)
    return {
        "since": since,
        "until": until,
        "counts": counts,
        "heat_map": heat_map(matrix, open_risks, "current") if matrix else None,
        "events": {row["kind"]: row["n"] for row in events},
        "overdue_reviews": overdue_reviews,
        "overdue_actions": overdue_actions,
    }


# --- For the reports' snapshots (plain JSON, no people) --------------------------------------


def _plain(risk: Risk) -> dict:
    return {
        "reference": risk.reference,
        "title": risk.title,
        "register": str(risk.register),
        "ros_area": risk.ros_area.name,
        "kind": risk.get_kind_display(),
        "score": risk.score("current"),
        "exempt": risk.exempt_from_public,
    }


def risk_highlights(since: datetime.date, until: datetime.date, *, top: int = 10) -> dict:
    """The highest open risks now, and those that materialised in the period, each marked
    `exempt` when it is «unntatt offentlighet» (a public report leaves those out). No owner
    or other person is named. Two queries."""
    related = ("register__area", "register__project", "ros_area")
    open_risks = (
        Risk.objects.filter(status=Risk.Status.OPEN, current_likelihood__isnull=False)
        .select_related(*related)
        .annotate(current=F("current_likelihood") * F("current_consequence"))
        .order_by(F("current").desc(nulls_last=True), "pk")[:top]
    )
    materialised = (
        Risk.objects.filter(
            status=Risk.Status.MATERIALISED,
            events__kind=RiskEvent.Kind.MATERIALISED,
            events__at__date__gte=since,
            events__at__date__lte=until,
        )
        .select_related(*related)
        .distinct()
        .order_by("pk")
    )
    return {
        "highest": [_plain(risk) for risk in open_risks],
        "materialised": [_plain(risk) for risk in materialised],
    }


def snapshot_changes(since: datetime.date, until: datetime.date) -> dict | None:
    """What changed between the last board snapshot taken before `since` and the last one
    taken by `until` (risk.services.snapshots.snapshot_diff), without the owners' names (the
    board pack is not public). None without two such snapshots. Two queries."""
    from risk.models import Snapshot
    from risk.services.snapshots import snapshot_diff

    old = Snapshot.objects.filter(taken_at__date__lt=since).order_by("-number").first()
    new = Snapshot.objects.filter(taken_at__date__lte=until).order_by("-number").first()
    if old is None or new is None or old.pk == new.pk:
        return None
    diff = snapshot_diff(old, new)

    def clean(risk: dict) -> dict:
        return {key: value for key, value in risk.items() if key != "owner"}

    return {
        "old": old.number,
        "new": new.number,
        "new_risks": [clean(r) for r in diff["new"]],
        "closed": [clean(r) for r in diff["closed"]],
        "changed": [{"old": clean(c["old"]), "new": clean(c["new"])} for c in diff["changed"]],
        "moved": [{"old": clean(c["old"]), "new": clean(c["new"])} for c in diff["moved"]],
    }
