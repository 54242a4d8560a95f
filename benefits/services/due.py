"""Which measurements are due: the rule behind the home page's lists and the daily reminder
(docs/benefits.md, «Measurements due»).

An indicator is measured once per period of its frequency: a calendar month, quarter or
year, each recorded on the period's last day. The **next period** of an indicator is the
first period that ends after its latest measurement (approved or awaiting approval); an
indicator without measurements starts after its latest baseline, or, without a baseline,
at the benefit's registration. The measurement of that period is **due** once the period
has ended, and **overdue** `BENEFITS_MEASUREMENT_GRACE_DAYS` days later (30 by default:
time to collect the figures). Later periods that have ended count as missing too; the
reminder is about the latest overdue one, so a new period brings a new reminder. Only
indicators of benefits still followed up count: all but «not realised»; a benefit handed
over to ordinary operations keeps its follow-up measurements.

`due_measurements(indicators)` is one query whatever the number of indicators.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import DateField, OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from benefits.models import Baseline, Benefit, Indicator, Measurement

MONTHS_PER_PERIOD = {
    Indicator.Frequency.MONTHLY: 1,
    Indicator.Frequency.QUARTERLY: 3,
    Indicator.Frequency.YEARLY: 12,
}


def grace_days() -> int:
    return getattr(settings, "BENEFITS_MEASUREMENT_GRACE_DAYS", 30)


def _month_end(year: int, month: int) -> datetime.date:
    first_of_next = datetime.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


def period_end_after(frequency: str, day: datetime.date) -> datetime.date:
    """The last day of the first period of `frequency` that ends after `day`."""
    months = MONTHS_PER_PERIOD[frequency]
    # periods end with months 12 (yearly), 3/6/9/12 (quarterly) or every month
    month = ((day.month - 1) // months + 1) * months
    end = _month_end(day.year, month)
    if end <= day:
        month += months
        end = _month_end(day.year + (month - 1) // 12, (month - 1) % 12 + 1)
    return end


@dataclass(frozen=True)
class Due:
    indicator_id: int
    indicator: str
    benefit_id: int
    benefit: str
    owner_unit_id: int
    period_end: datetime.date  # the first period whose measurement is missing
    due_on: datetime.date  # overdue after this day
    missing: int = 1  # periods ended without a measurement
    last_overdue: datetime.date | None = None  # the latest missing period that is overdue

    @property
    def url(self) -> str:
        return reverse("benefits:measurement_create", args=[self.benefit_id, self.indicator_id])

    def is_overdue(self, today: datetime.date) -> bool:
        return today > self.due_on


def followed_up() -> QuerySet:
    """The indicators whose measurements are still expected."""
    return Indicator.objects.exclude(benefit__status=Benefit.Status.NOT_REALISED)


def due_measurements(indicators, *, today=None) -> list[Due]:
    """The measurements due (and overdue) on `indicators` (a queryset of Indicator), the
    earliest due first; one query."""
    today = today or timezone.localdate()
    latest_measurement = Measurement.objects.filter(indicator=OuterRef("pk")).order_by(
        "-period_end"
    )
    latest_baseline = Baseline.objects.filter(indicator=OuterRef("pk")).order_by("-measured_on")
    rows = (
        indicators.annotate(
            last_measured=Subquery(latest_measurement.values("period_end")[:1]),
            last_baseline=Subquery(latest_baseline.values("measured_on")[:1]),
            registered=TruncDate("benefit__created_at", output_field=DateField()),
        )
        .values_list(
            "pk",
            "name",
            "frequency",
            "benefit_id",
            "benefit__title",
            "benefit__owner_unit_id",
            "last_measured",
            "last_baseline",
            "registered",
        )
        .order_by()
    )
    grace = datetime.timedelta(days=grace_days())
    due = []
    for pk, name, frequency, benefit_id, title, unit_id, measured, baseline, registered in rows:
        start = measured or baseline or registered
        period_end = period_end_after(frequency, start)
        if period_end > today:
            continue
        missing, last_overdue, end = 0, None, period_end
        while end <= today:
            missing += 1
            if end + grace < today:
                last_overdue = end
            end = period_end_after(frequency, end)
        due.append(
            Due(
                pk,
                name,
                benefit_id,
                title,
                unit_id,
                period_end,
                period_end + grace,
                missing,
                last_overdue,
            )
        )
    due.sort(key=lambda d: (d.due_on, d.benefit, d.indicator, d.indicator_id))
    return due
