"""Registers at benchmark size (for `manage.py benchmark_risk`, never for the demo): at
scale 1 about 600 risks with 2,000 actions and 6,000 reviews over the programme's, the
areas' and the projects' registers, and two board snapshots with changes between them.

Written with bulk_create into the benchmark's throwaway database, so scale 10 takes seconds
rather than the minutes the services would (no history rows are written; the pages measured
do not read them). The first snapshot is built from the same rows with some scores as they
were before, so the diff has changed, new and moved risks to show."""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portfolio.generate import generate_portfolio
from portfolio.models import Goal, Project
from risk.models import Action, Register, Review, Risk, RosArea, Snapshot
from risk.services import programme_register, project_register, snapshot_freeze
from risk.services.snapshots import _frozen

RISKS_PER_SCALE = 600
ACTIONS_PER_SCALE = 2_000
REVIEWS_PER_SCALE = 6_000
PROJECTS_PER_SCALE = 20


@dataclass
class Made:
    registers: int
    risks: int
    actions: int
    reviews: int


@transaction.atomic
def generate_risk_registers(*, scale: float = 1, seed: int = 12) -> Made:
    rng = random.Random(seed)
    today = timezone.localdate()
    generate_portfolio(projects=max(2, round(PROJECTS_PER_SCALE * scale)), seed=seed)
    users = list(get_user_model().objects.filter(groups__isnull=False).distinct().order_by("pk"))
    leader = next(user for user in users if user.is_programme_leader)
    programme_register()
    for project in Project.objects.order_by("pk"):
        project_register(project)
    registers = list(Register.objects.select_related("area", "project", "matrix"))
    ros_areas = list(RosArea.objects.all())
    goals = list(Goal.objects.all())
    count = max(len(registers), round(RISKS_PER_SCALE * scale))
    numbers = {register.pk: 0 for register in registers}
    risks = []
    for index in range(count):
        register = registers[index % len(registers)]
        numbers[register.pk] += 1
        inherent = (rng.randint(2, 5), rng.randint(2, 5))
        current = (max(1, inherent[0] - rng.randint(0, 2)), inherent[1])
        kind = "opportunity" if rng.random() < 0.15 else "threat"
        risks.append(
            Risk(
                register=register,
                number=numbers[register.pk],
                kind=kind,
                ros_area=rng.choice(ros_areas),
                title=f"Risiko {index + 1}: tiltakene gir ikke ønsket effekt",
                cause="Lav deltakelse i starten.",
                event="Tiltaket brukes lite.",
                effect="Den varige endringen uteblir.",
                goal=rng.choice(goals) if goals else None,
                project=register.project,
                owner=rng.choice(users),
                raised_by=leader,
                raised_on=today - datetime.timedelta(days=rng.randint(0, 700)),
                inherent_likelihood=inherent[0],
                inherent_consequence=inherent[1],
                current_likelihood=current[0],
                current_consequence=current[1],
                forecast_likelihood=max(1, current[0] - 1),
                forecast_consequence=current[1],
                response="exploit" if kind == "opportunity" else "reduce",
                response_justification="Vurdert i bydelsforum.",
                status="open" if rng.random() < 0.85 else "closed",
                review_interval_days=90,
                next_review_on=today + datetime.timedelta(days=rng.randint(-30, 90)),
            )
        )
    Risk.objects.bulk_create(risks, batch_size=2_000)
    actions = [
        Action(
            risk=rng.choice(risks),
            description="Avklare ansvar og plan med de berørte.",
            owner=rng.choice(users),
            due_on=today + datetime.timedelta(days=rng.randint(-60, 200)),
            status=rng.choice(["planned", "in_progress", "done"]),
        )
        for _i in range(round(ACTIONS_PER_SCALE * scale))
    ]
    Action.objects.bulk_create(actions, batch_size=5_000)
    now = timezone.now()
    reviews = []
    for index in range(round(REVIEWS_PER_SCALE * scale)):
        risk = risks[index % len(risks)]
        reviews.append(
            Review(
                risk=risk,
                reviewed_by=risk.owner,
                reviewed_at=now - datetime.timedelta(days=rng.randint(1, 700)),
                likelihood=risk.current_likelihood,
                consequence=risk.current_consequence,
                previous_likelihood=min(5, risk.current_likelihood + 1),
                previous_consequence=risk.current_consequence,
                comment="Gjennomgått i bydelsforum.",
                next_review_on=risk.next_review_on,
            )
        )
    Review.objects.bulk_create(reviews, batch_size=5_000)
    # The board's first snapshot: a tenth of the risks had other scores then, a twentieth
    # did not exist yet.
    before = {}
    for risk in risks:
        if rng.random() < 0.05:
            continue
        frozen = _frozen(risk)
        if rng.random() < 0.1:
            frozen["current"] = [min(5, risk.current_likelihood + 1), risk.current_consequence]
        before[str(risk.pk)] = frozen
    Snapshot.objects.create(number=1, taken_by=leader, note="Styremøte", data={"risks": before})
    snapshot_freeze(by=leader, note="Styremøte")
    return Made(len(registers), len(risks), len(actions), len(reviews))
