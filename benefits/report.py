"""What the annual report (årsrapport) takes from benefit realisation, called by name from the
reports floor: `benefits_report(year)`.

Per goal and per area: the benefits and their status; for each indicator its baselines
(the 2022 and 2025 place analyses, or whichever baselines it has), its latest approved value
and its target, and its status; the benefits realised, handed over to ordinary operations
and found unplanned in the year. Plain JSON-able values (the report freezes them), in eight
queries however many benefits, indicators and measurements there are.
"""

import datetime

from django.db.models import Prefetch

from benefits.models import Baseline, Benefit, BenefitEvent, Indicator, Measurement, Target
from benefits.services.status import indicator_status

BASELINE_YEARS = (2022, 2025)
STATUS_LABELS = dict(Benefit.Status.choices)
JUDGEMENT_LABELS = dict(Indicator.Judgement.choices)


def _number(value):
    return None if value is None else float(value)


def _indicator(indicator: Indicator, until: datetime.date) -> dict:
    baselines = list(indicator.baselines.all())
    by_year = {b.measured_on.year: b for b in baselines}
    approved = [
        m
        for m in indicator.measurements.all()
        if m.state == Measurement.State.APPROVED and m.period_end <= until
    ]
    latest = max(approved, key=lambda m: m.period_end, default=None)
    targets = list(indicator.targets.all())
    ahead = [t for t in targets if t.target_date >= until]
    target = (
        min(ahead, key=lambda t: t.target_date) if ahead else (targets[-1] if targets else None)
    )
    status = indicator_status(indicator)
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "unit": indicator.get_unit_display(),
        "unit_code": indicator.unit,
        "qualitative": indicator.is_qualitative,
        "baselines": {
            str(year): _number(by_year[year].value) if year in by_year else None
            for year in BASELINE_YEARS
        },
        "latest": (
            {"date": latest.period_end.isoformat(), "value": _number(latest.value)}
            if latest
            else None
        ),
        "target": (
            {"date": target.target_date.isoformat(), "value": _number(target.value)}
            if target
            else None
        ),
        "status": str(JUDGEMENT_LABELS[status]) if status else "",
        # Every value for the trend chart and its table, oldest first.
        "series": sorted(
            [
                ["baseline", b.measured_on.isoformat(), _number(b.value)]
                for b in baselines
                if b.value is not None
            ]
            + [
                ["measurement", m.period_end.isoformat(), _number(m.value)]
                for m in approved
                if m.value is not None
            ]
            + [
                ["target", t.target_date.isoformat(), _number(t.value)]
                for t in targets
                if t.value is not None
            ],
            key=lambda row: row[1],
        ),
    }


def benefits_report(year: int) -> dict:
    until = datetime.date(year, 12, 31)
    benefits = list(
        Benefit.objects.select_related("goal")
        .prefetch_related(
            "areas",
            "focus_areas",
            Prefetch(
                "indicators",
                queryset=Indicator.objects.order_by("name", "pk").prefetch_related(
                    Prefetch("baselines", queryset=Baseline.objects.order_by("measured_on")),
                    Prefetch("targets", queryset=Target.objects.order_by("target_date")),
                    Prefetch("measurements", queryset=Measurement.objects.order_by("period_end")),
                ),
            ),
        )
        .order_by("goal__number", "title", "pk")
    )
    events = BenefitEvent.objects.filter(
        kind=BenefitEvent.Kind.STATUS,
        to_status__in=[Benefit.Status.REALISED, Benefit.Status.HANDED_OVER],
        at__year=year,
    ).order_by("at", "pk")
    titles = {benefit.pk: benefit.title for benefit in benefits}
    moved = {Benefit.Status.REALISED: [], Benefit.Status.HANDED_OVER: []}
    for event in events.values("benefit_id", "to_status", "at"):
        moved[event["to_status"]].append(
            {"title": titles.get(event["benefit_id"], ""), "date": event["at"].date().isoformat()}
        )

    goals: dict = {}
    areas: dict = {}
    for benefit in benefits:
        area_names = sorted(area.name for area in benefit.areas.all())
        row = {
            "id": benefit.pk,
            "title": benefit.title,
            "status": str(STATUS_LABELS[benefit.status]),
            "unplanned": benefit.unplanned,
            "areas": area_names,
            "focus_areas": [area.pk for area in benefit.focus_areas.all()],
            "indicators": [_indicator(i, until) for i in benefit.indicators.all()],
        }
        goal = goals.setdefault(
            benefit.goal_id,
            {"goal": f"{benefit.goal.number} {benefit.goal.name}", "benefits": []},
        )
        goal["benefits"].append(row)
        for name in area_names or [""]:
            counts = areas.setdefault(name, {})
            counts[row["status"]] = counts.get(row["status"], 0) + 1
    return {
        "year": year,
        "statuses": [str(label) for label in STATUS_LABELS.values()],
        "goals": list(goals.values()),
        "by_area": [
            {"area": name, "counts": counts} for name, counts in sorted(areas.items()) if name
        ],
        "realised": moved[Benefit.Status.REALISED],
        "handed_over": moved[Benefit.Status.HANDED_OVER],
        "unplanned": [
            {"title": benefit.title, "status": str(STATUS_LABELS[benefit.status])}
            for benefit in benefits
            if benefit.unplanned
        ],
    }
