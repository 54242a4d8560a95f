"""Benefit-realisation plans: creating and writing one, sending it to the programme board
and recording the board's comments and decision.

The sending and deciding are the annual action plan's (`portfolio.services.board`): each
submission freezes the plan into a numbered JSON snapshot (`BenefitPlanSubmission.content`)
with its benefits, their indicators, baselines and targets, who is responsible and how each
benefit goes into ordinary operations. Everything shown of a submission is read from it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from benefits.models import Baseline, Benefit, BenefitPlan, BenefitPlanSubmission, Indicator, Target
from core.exceptions import TransitionRefused
from portfolio.services import board


def _save(instance, by) -> None:
    instance._history_user = by
    instance.save()


@transaction.atomic
def plan_create(*, by, project=None, goal=None) -> BenefitPlan:
    """A draft plan for a project or for a goal (one each)."""
    if (project is None) == (goal is None):
        raise ValidationError(_("A benefit-realisation plan is for one project or one goal."))
    if project is not None and BenefitPlan.objects.filter(project=project).exists():
        raise ValidationError({"project": _("This project already has a benefit plan.")})
    if goal is not None and BenefitPlan.objects.filter(goal=goal).exists():
        raise ValidationError({"goal": _("This goal already has a benefit plan.")})
    plan = BenefitPlan(project=project, goal=goal, created_by=by)
    plan.full_clean()
    _save(plan, by)
    return plan


def plan_not_editable_message(plan: BenefitPlan) -> str:
    return _(
        "The plan is with the programme board or decided (status: %(status)s). It can be "
        "changed again only if the board sends it back."
    ) % {"status": plan.get_status_display()}


@transaction.atomic
def plan_update(*, plan: BenefitPlan, by, milestones="", responsibilities="", into_operations=""):
    locked = BenefitPlan.objects.select_for_update().get(pk=plan.pk)
    if not locked.is_editable:
        raise TransitionRefused(plan_not_editable_message(locked))
    locked.milestones = milestones.strip()
    locked.responsibilities = responsibilities.strip()
    locked.into_operations = into_operations.strip()
    locked.full_clean()
    locked.version += 1
    _save(locked, by)
    return locked


def plan_benefits(plan: BenefitPlan) -> list[Benefit]:
    """The plan's benefits with their indicators, baselines and targets, in five queries."""
    return list(
        plan.benefits()
        .select_related("owner_unit", "accountable", "receiving_unit")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("baselines", queryset=Baseline.objects.order_by("measured_on")),
                    Prefetch("targets", queryset=Target.objects.order_by("target_date")),
                ),
            )
        )
        .order_by("title", "pk")
        .distinct()
    )


def _number(value):
    return None if value is None else str(value)


def plan_snapshot(plan: BenefitPlan) -> dict:
    """The plan as it is now, as plain JSON: what the board sees of this version."""
    return {
        "title": str(plan),
        "project": plan.project.title if plan.project_id else "",
        "goal": str(plan.goal) if plan.goal_id else "",
        "milestones": plan.milestones,
        "responsibilities": plan.responsibilities,
        "into_operations": plan.into_operations,
        "benefits": [
            {
                "id": benefit.pk,
                "title": benefit.title,
                "status": benefit.get_status_display(),
                "priority": benefit.priority,
                "owner_unit": benefit.owner_unit.name,
                "accountable": benefit.accountable.full_name if benefit.accountable else "",
                "planned_realisation": benefit.planned_realisation.isoformat()
                if benefit.planned_realisation
                else "",
                "receiving_unit": benefit.receiving_unit.name if benefit.receiving_unit else "",
                "hop_reference": benefit.hop_reference,
                "indicators": [
                    {
                        "name": indicator.name,
                        "unit": indicator.get_unit_display(),
                        "direction": indicator.get_direction_display(),
                        "baselines": [
                            {
                                "date": b.measured_on.isoformat(),
                                "value": _number(b.value),
                                "text": b.text,
                                "source": b.source,
                            }
                            for b in indicator.baselines.all()
                        ],
                        "targets": [
                            {
                                "date": t.target_date.isoformat(),
                                "value": _number(t.value),
                                "text": t.text,
                            }
                            for t in indicator.targets.all()
                        ],
                    }
                    for indicator in benefit.indicators.all()
                ],
            }
            for benefit in plan_benefits(plan)
        ],
    }


@transaction.atomic
def plan_submit(*, plan: BenefitPlan, by) -> BenefitPlanSubmission:
    """The programme leader sends the plan to the board: a numbered, frozen snapshot."""
    plan = (
        BenefitPlan.objects.select_for_update(of=("self",))
        .select_related("project", "goal")
        .get(pk=plan.pk)
    )
    board.refuse_unless_editable(plan)
    content = plan_snapshot(plan)
    problems = []
    if not content["benefits"]:
        problems.append(_("The plan has no benefits. Link a benefit to it before you send it."))
    if not plan.responsibilities.strip():
        problems.append(_("Say who is responsible before you send the plan."))
    if not plan.into_operations.strip():
        problems.append(
            _("Say how the benefits are taken into ordinary operations before you send the plan.")
        )
    if problems:
        raise ValidationError(problems)
    return board.submission_freeze(plan=plan, content=content, by=by)


@transaction.atomic
def submission_comment(*, submission: BenefitPlanSubmission, by, text: str):
    return board.submission_comment(submission=submission, by=by, text=text)


@transaction.atomic
def submission_decide(*, submission: BenefitPlanSubmission, by, **decision):
    """The board's decision: approved (with or without conditions) or sent back."""
    return board.submission_decide(submission=submission, by=by, **decision)
