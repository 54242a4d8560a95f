"""What the benefits register hands the programme overview (called by name from the top
floor): `key_figures()`, how many benefits are on track, at risk, off track or without a
status yet, and the ones off track.

A benefit takes the worst status of its indicators (`services/status.indicator_status`):
one indicator off track puts the benefit off track. Benefits that were not realised are left
out. Five queries (the benefits, their indicators, baselines, targets and measurements)
whatever the size of the register; the status rule runs in Python on the prefetched rows.
"""

from django.db.models import Prefetch

from benefits.models import Benefit, Indicator
from benefits.services.status import AT_RISK, OFF_TRACK, ON_TRACK, indicator_status

SHOWN = 5  # benefits off track listed by name
NO_STATUS = "none"
ORDER = [OFF_TRACK, AT_RISK, ON_TRACK]  # worst first


def benefit_status(benefit) -> str | None:
    """The worst status of the benefit's (prefetched) indicators; None if none has one."""
    statuses = {indicator_status(indicator) for indicator in benefit.indicators.all()}
    return next((status for status in ORDER if status in statuses), None)


def key_figures(limit: int = SHOWN) -> dict:
    benefits = list(
        Benefit.objects.exclude(status=Benefit.Status.NOT_REALISED)
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related("baselines", "targets", "measurements"),
            )
        )
        .order_by("priority", "title", "pk")
    )
    counts = {ON_TRACK: 0, AT_RISK: 0, OFF_TRACK: 0, NO_STATUS: 0}
    off_track = []
    for benefit in benefits:
        status = benefit_status(benefit)
        counts[status or NO_STATUS] += 1
        if status == OFF_TRACK:
            off_track.append(benefit)
    labels = dict(Indicator.Judgement.choices)
    return {
        "total": len(benefits),
        "statuses": [
            {"status": status, "label": labels[status], "count": counts[status]}
            for status in [ON_TRACK, AT_RISK, OFF_TRACK]
        ],
        "no_status": counts[NO_STATUS],
        "off_track": off_track[:limit],
    }
