"""Organisational learning (programme document 10.1): indicators the app computes each year
from its own data, never typed. Each comes with the rule that computes it (docs/benefits.md).

For year Y:

- **Cross-unit projects**: of the projects in the portfolio during Y (status in the
  portfolio, handed over or closed; start date on or before 31 December Y, end date empty
  or on or after 1 January Y), the share (%) with two or more participating units.
- **Lessons taken into ordinary operations**: lessons dated in Y whose status is «taken
  into ordinary operations».
- **Benefits handed over**: benefits handed over to ordinary operations with a handover date
  in Y.
- **Projects handed over with a HØP reference**: projects handed over to ordinary
  operations that contribute to a benefit handed over in Y with a HØP reference.

Four queries per year, whatever the size of the portfolio.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from benefits.models import Benefit
from portfolio.models import Lesson, Project


@dataclass
class LearningIndicator:
    name: str
    rule: str
    unit: str
    values: dict[int, object]  # year -> value
    percent: bool = False


def _portfolio_projects(year: int):
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return Project.objects.filter(
        Q(status__in=[Project.Status.IN_PORTFOLIO, Project.Status.HANDED_OVER, "avsluttet"]),
        Q(start_date__lte=last),
        Q(end_date__isnull=True) | Q(end_date__gte=first),
    )


def cross_unit_share(year: int) -> int | None:
    counts = (
        _portfolio_projects(year)
        .annotate(units=Count("participating_units"))
        .aggregate(total=Count("pk"), cross=Count("pk", filter=Q(units__gte=2)))
    )
    if not counts["total"]:
        return None
    return round(100 * counts["cross"] / counts["total"])


def lessons_adopted(year: int) -> int:
    return Lesson.objects.filter(status=Lesson.Status.ADOPTED, date__year=year).count()


def benefits_handed_over(year: int) -> int:
    return Benefit.objects.filter(
        status=Benefit.Status.HANDED_OVER, handed_over_on__year=year
    ).count()


def projects_handed_over_with_hop(year: int) -> int:
    return (
        Project.objects.filter(
            status=Project.Status.HANDED_OVER,
            benefit_contributions__benefit__status=Benefit.Status.HANDED_OVER,
            benefit_contributions__benefit__handed_over_on__year=year,
        )
        .exclude(benefit_contributions__benefit__hop_reference="")
        .distinct()
        .count()
    )


def learning_indicators(years) -> list[LearningIndicator]:
    years = list(years)
    return [
        LearningIndicator(
            name=_("Projects with two or more participating units"),
            rule=_(
                "Of the projects in the portfolio during the year (in the portfolio, handed "
                "over or closed; started by 31 December, not ended before 1 January), the "
                "share with two or more participating units."
            ),
            unit=_("Percent"),
            values={year: cross_unit_share(year) for year in years},
            percent=True,
        ),
        LearningIndicator(
            name=_("Lessons taken into ordinary operations"),
            rule=_("Lessons dated in the year whose status is «taken into ordinary operations»."),
            unit=_("Count"),
            values={year: lessons_adopted(year) for year in years},
        ),
        LearningIndicator(
            name=_("Benefits handed over to ordinary operations"),
            rule=_("Benefits handed over to ordinary operations with a handover date in the year."),
            unit=_("Count"),
            values={year: benefits_handed_over(year) for year in years},
        ),
        LearningIndicator(
            name=_("Projects handed over with a HØP reference"),
            rule=_(
                "Projects handed over to ordinary operations that contribute to a benefit "
                "handed over in the year with a HØP reference."
            ),
            unit=_("Count"),
            values={year: projects_handed_over_with_hop(year) for year in years},
        ),
    ]
