"""Statistics of the grant pot per round and area: the query the annual report (årsrapport)
reuses.

`grant_statistics(rounds=None, year=None)` returns one `GrantStatistics` row per round and
area, in a fixed number of queries (three, however many rounds, areas and applications):

1. the applications, grouped by round and area, each figure an aggregate with a filter:
   - applications: submitted ones (not drafts, not withdrawn);
   - grants: cases whose grant binds the budget (`Application.COMMITTED_STATUSES`, more
     than 0 kr: a closed refusal or a declined grant has 0 kr granted);
   - amount applied (of the submitted), amount granted (of the grants);
   - expected participants and planned volunteer hours (of the grants);
   - participants reached and volunteer hours, as reported in the final reports;
   - first-time applicants (of the submitted), and so their share;
2. the payments, grouped the same way (kept apart so a case with several payments is not
   counted twice in the sums of query 1);
3. the areas' budgets (so an area with a budget and no applications still shows).

No personal data is read. Anonymising a case does not change any figure.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from nabolagspotten.models import Application, Decision, Payment, RoundArea

S = Application.Status
SUBMITTED = Q(status__in=[s for s in S.values if s not in (S.DRAFT, S.WITHDRAWN)])
# A closed case may be a closed refusal or a declined grant; those have 0 kr granted.
GRANTED = Q(status__in=Application.COMMITTED_STATUSES, amount_granted__gt=0)

FIGURES = [
    "budget",
    "applications",
    "grants",
    "applied",
    "granted",
    "paid",
    "expected_participants",
    "participants",
    "planned_volunteer_hours",
    "volunteer_hours",
    "first_time",
]


@dataclass
class GrantStatistics:
    round_id: int | None
    round_name: str
    year: int | None
    area_id: int | None
    area_name: str
    budget: int = 0
    applications: int = 0  # submitted, not drafts or withdrawn
    grants: int = 0
    applied: int = 0  # kr
    granted: int = 0  # kr
    paid: int = 0  # kr
    expected_participants: int = 0  # of the grants, as applied for
    participants: int = 0  # reached, from the final reports
    planned_volunteer_hours: int = 0  # of the grants, as applied for
    volunteer_hours: int = 0  # from the final reports
    first_time: int = 0  # first-time applicants among the submitted

    @property
    def first_time_share(self) -> float | None:
        """Share (0–1) of the submitted applications from first-time applicants."""
        return self.first_time / self.applications if self.applications else None

    @property
    def first_time_percent(self) -> int | None:
        share = self.first_time_share
        return None if share is None else round(share * 100)


def _scope(queryset, prefix: str, rounds, year):
    if rounds is not None:
        queryset = queryset.filter(**{f"{prefix}round__in": rounds})
    if year is not None:
        queryset = queryset.filter(**{f"{prefix}round__year": year})
    return queryset


def grant_statistics(rounds=None, year=None) -> list[GrantStatistics]:
    """One row per round and area, newest round first, areas by name."""
    rows: dict[tuple, GrantStatistics] = {}

    def row(round_id, round_name, year_, area_id, area_name) -> GrantStatistics:
        key = (round_id, area_id)
        if key not in rows:
            rows[key] = GrantStatistics(round_id, round_name, year_, area_id, area_name or "")
        return rows[key]

    budgets = _scope(RoundArea.objects.all(), "", rounds, year).values(
        "round_id", "round__name", "round__year", "area_id", "area__name", "budget"
    )
    for item in budgets:
        row(
            item["round_id"],
            item["round__name"],
            item["round__year"],
            item["area_id"],
            item["area__name"],
        ).budget = item["budget"]

    applications = (
        _scope(Application.objects.filter(SUBMITTED), "", rounds, year)
        .values("round_id", "round__name", "round__year", "area_id", "area__name")
        .order_by()
        .annotate(
            applications=Count("pk"),
            grants=Count("pk", filter=GRANTED),
            applied=Sum("amount_requested"),
            granted=Sum("amount_granted", filter=GRANTED),
            expected_participants=Sum("expected_participants", filter=GRANTED),
            planned_volunteer_hours=Sum("volunteer_hours", filter=GRANTED),
            participants=Sum("final_report__participants"),
            volunteer_hours=Sum("final_report__volunteer_hours"),
            first_time=Count("pk", filter=Q(first_time=True)),
        )
    )
    for item in applications:
        target = row(
            item["round_id"],
            item["round__name"],
            item["round__year"],
            item["area_id"],
            item["area__name"],
        )
        for name in (
            "applications",
            "grants",
            "applied",
            "granted",
            "expected_participants",
            "planned_volunteer_hours",
            "participants",
            "volunteer_hours",
            "first_time",
        ):
            setattr(target, name, item[name] or 0)

    payments = (
        _scope(Payment.objects.all(), "application__", rounds, year)
        .values(
            "application__round_id",
            "application__round__name",
            "application__round__year",
            "application__area_id",
            "application__area__name",
        )
        .order_by()
        .annotate(total=Sum("amount"))
    )
    for item in payments:
        row(
            item["application__round_id"],
            item["application__round__name"],
            item["application__round__year"],
            item["application__area_id"],
            item["application__area__name"],
        ).paid = item["total"] or 0

    return sorted(
        rows.values(),
        key=lambda r: (-(r.year or 0), r.round_name, r.round_id or 0, r.area_name),
    )


def total(
    rows: list[GrantStatistics], round_name: str = "", area_name: str = ""
) -> GrantStatistics:
    """The sum of some rows (e.g. one round's areas), as a row of its own."""
    result = GrantStatistics(None, round_name, None, None, area_name)
    for item in rows:
        for name in FIGURES:
            setattr(result, name, getattr(result, name) + getattr(item, name))
    return result


def by_round(rows: list[GrantStatistics]) -> list[dict]:
    """The rows grouped per round, each with its total: what the statistics page shows."""
    groups: dict = {}
    for item in rows:
        groups.setdefault(
            (item.year, item.round_id), {"name": item.round_name, "year": item.year, "rows": []}
        )["rows"].append(item)
    result = []
    for group in groups.values():
        group["total"] = total(group["rows"], group["name"])
        result.append(group)
    return result


def decisions_between(since, until) -> list[dict]:
    """One query: the decisions in force that were made from `since` to `until` (dates,
    inclusive), per round, area and outcome: how many, and the money granted (the board
    report pack's «grants decided since the last meeting»). No applicant is named."""
    labels = dict(Decision.Outcome.choices)
    return [
        {
            "round": row["application__round__name"],
            "area": row["application__area__name"] or "",
            "outcome": str(labels.get(row["outcome"], row["outcome"])),
            "count": row["count"],
            "amount": row["amount"] or 0,
        }
        for row in Decision.objects.filter(
            decided_at__date__gte=since, decided_at__date__lte=until, superseded_at__isnull=True
        )
        .values("application__round__name", "application__area__name", "outcome")
        .order_by("application__round__name", "application__area__name", "outcome")
        .annotate(count=Count("pk"), amount=Sum("amount"))
    ]
