"""A small programme to report on: projects with money in 2027, a benefit with an indicator
measured against its 2022 and 2025 baselines, a public and an exempt risk, a lesson, and a
Nabolagspotten grant from a named resident. `world(people, size)` makes `size` of each."""

import datetime

from benefits.models import Baseline, Benefit, Indicator, Measurement, Target
from benefits.services import benefits as benefit_services
from nabolagspotten.models import Application
from portfolio.models import FocusArea, Goal
from risk.services import programme_register
from tests.factories import BudgetLineFactory, LessonFactory, ProjectFactory, StatusReportFactory
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.risk.helpers import make_risk

D = datetime.date
EXEMPT_TITLE = "Hemmelig forhandling om tomtekjøp"
RESIDENT = "Ragnhild Beboersen"


def world(people, size: int = 1, year: int = 2027) -> dict:
    leader = people["programme_leader"]
    goal = Goal.objects.order_by("number").first()
    focus = FocusArea.objects.order_by("number").first()
    projects = []
    for n in range(size):
        project = ProjectFactory(
            title=f"Møteplass i parken {n}", created_by=leader, owner_unit=leader.unit
        )
        project.focus_areas.set([focus])
        BudgetLineFactory(project=project, year=year, source="kdd", planned=100_000, spent=40_000)
        BudgetLineFactory(
            project=project, year=year, source="kommunal", planned=50_000, spent=50_000
        )
        StatusReportFactory(project=project, author=leader, rag="rod", date=D(year, 3, 1))
        projects.append(project)

        benefit = benefit_services.benefit_create(
            by=leader,
            title=f"Tryggere nabolag {n}",
            description="Flere føler seg trygge.",
            dfo_class=Benefit.DfoClass.QUALITY,
            goal=goal,
            owner_unit=leader.unit,
            contributions=[(project, "direkte")],
        )
        benefit.focus_areas.set([focus])
        benefit.areas.set(project.areas.all())
        indicator = Indicator.objects.create(
            benefit=benefit, name=f"Andel som føler seg trygge {n}", unit="prosent", direction="opp"
        )
        Baseline.objects.create(
            indicator=indicator, measured_on=D(2022, 6, 1), value=40, source="Stedsanalyse 2022"
        )
        Baseline.objects.create(
            indicator=indicator, measured_on=D(2025, 6, 1), value=45, source="Stedsanalyse 2025"
        )
        Target.objects.create(indicator=indicator, target_date=D(2028, 12, 31), value=60)
        Measurement.objects.create(
            indicator=indicator,
            period_end=D(year, 6, 30),
            value=52,
            state="godkjent",
            recorded_by=leader,
        )

        make_risk(programme_register(), leader, title=f"Linja tar ikke over {n}")
        make_risk(
            programme_register(),
            leader,
            title=f"{EXEMPT_TITLE} {n}",
            exempt_from_public=True,
            exemption_basis="Offentleglova § 23",
            current_likelihood=5,
            current_consequence=5,
            inherent_likelihood=5,
            inherent_consequence=5,
        )
        LessonFactory(title=f"Faste tider trekker folk {n}", author=leader, date=D(year, 5, 1))
        round_ = RoundFactory(year=year, created_by=leader)
        ApplicationFactory(
            round=round_,
            status=Application.Status.SUBMITTED,
            contact_name=RESIDENT,
            applicant_name=f"{RESIDENT} og naboene {n}",
        )
    return {"projects": projects}


def make_later_risk(leader):
    """A risk registered after the previous board snapshot (a change the pack shows)."""
    return make_risk(programme_register(), leader, title="Ny risiko etter forrige møte")
