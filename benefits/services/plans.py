"""Benefit-realisation plans: creating and writing one, sending it to the programme board
and recording the board's comments and decision.

The sending and deciding are the annual action plan's (`portfolio.services.board`): each
submission freezes the plan into a numbered JSON snapshot (`BenefitPlanSubmission.content`)
with its benefits, their indicators, baselines and targets, who is responsible and how each
benefit goes into ordinary operations. Everything shown of a submission is read from it.
Sending a version e-mails the board's members, and an approved version gets a PDF made by a
background task, both through the same shared machinery as the action plan.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from benefits.charts import snapshot_chart
from benefits.models import (
    Baseline,
    Benefit,
    BenefitPlan,
    BenefitPlanSubmission,
    Indicator,
    Measurement,
    Target,
)
from core.charts import norwegian_number
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
    """The plan's benefits with their indicators, baselines, targets and approved
    measurements (for the charts of the approved version's PDF), in six queries."""
    return list(
        plan.benefits()
        .select_related("owner_unit", "accountable", "receiving_unit")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("baselines", queryset=Baseline.objects.order_by("measured_on")),
                    Prefetch("targets", queryset=Target.objects.order_by("target_date")),
                    Prefetch(
                        "measurements",
                        queryset=Measurement.objects.filter(
                            state=Measurement.State.APPROVED
                        ).order_by("period_end"),
                    ),
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
                        "id": indicator.pk,
                        "name": indicator.name,
                        "unit_code": indicator.unit,
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
                        "measurements": [
                            {
                                "date": m.period_end.isoformat(),
                                "value": _number(m.value),
                                "text": m.text,
                            }
                            for m in indicator.measurements.all()
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
    submission = board.submission_freeze(plan=plan, content=content, by=by)
    _tell_the_board(submission, by)
    return submission


board_members = board.board_members


def _tell_the_board(submission: BenefitPlanSubmission, by) -> None:
    """The action plan's e-mail to each board member: what waits for them and the link. Only
    the plan's name, the version, the count of benefits and who sent it; no one's address
    but the member's own."""
    board.tell_the_board(
        submission=submission,
        subject_template="benefits/email/plan_submitted_subject.txt",
        body_template="benefits/email/plan_submitted_body.txt",
        context={
            "by": by.full_name or by.email,
            "plan": submission.content["title"],
            "number": submission.number,
            "benefits": len(submission.content["benefits"]),
        },
    )


@transaction.atomic
def submission_comment(*, submission: BenefitPlanSubmission, by, text: str):
    return board.submission_comment(submission=submission, by=by, text=text)


@transaction.atomic
def submission_decide(*, submission: BenefitPlanSubmission, by, **decision):
    """The board's decision: approved (with or without conditions) or sent back. An
    approval queues the version's PDF (made once the decision commits)."""
    submission = board.submission_decide(submission=submission, by=by, **decision)
    if submission.decision in board.APPROVED_DECISIONS:
        from benefits.tasks import render_benefit_plan_pdf

        board.queue_pdf(render_benefit_plan_pdf, submission.pk)
    return submission


# --- The approved version as a PDF -----------------------------------------------------------


def plan_pdf_filename(submission: BenefitPlanSubmission) -> str:
    return f"gevinstrealiseringsplan-{submission.plan_id}-versjon-{submission.number}.pdf"


def _date_shown(iso: str | None) -> str:
    return date_format(datetime.date.fromisoformat(iso), "j. F Y") if iso else ""


def _values_shown(rows) -> str:
    """Baselines or targets from a snapshot as «48 (1. juni 2022); 52 (1. juni 2025)»."""
    return "; ".join(
        "{} ({})".format(
            norwegian_number(row["value"]) if row.get("value") is not None else row.get("text"),
            _date_shown(row["date"]),
        )
        for row in rows
    )


def plan_pdf_render(*, submission_id: int) -> BenefitPlanSubmission | None:
    """Render an approved version's PDF (in a background task) from its snapshot only, with
    each numeric indicator's trend chart (the same SVG as on the page) and its table, and
    store it once. Raises core.pdf.PdfUnavailable without WeasyPrint's libraries."""
    submission = (
        BenefitPlanSubmission.objects.select_related("plan", "decided_by", "submitted_by")
        .filter(pk=submission_id, decision__in=board.APPROVED_DECISIONS)
        .first()
    )
    if submission is None or submission.pdf:
        return submission
    content = submission.content
    with translation.override(settings.LANGUAGE_CODE):  # the charts' and dates' words
        benefits = _benefits_shown(content)
    context = {
        "plan": submission.plan,
        "submission": submission,
        "content": content,
        "benefits": benefits,
    }
    return board.pdf_render(
        submission,
        template="benefits/plans/pdf.html",
        context=context,
        filename=plan_pdf_filename(submission),
    )


def content_shown(content: dict) -> dict:
    """A plan's content (a snapshot, or the plan as it would be sent) with its dates and
    values written the Norwegian way, for the plan's and the version's pages."""
    return {**content, "benefits": _benefits_shown(content, charts=False)}


def _benefits_shown(content: dict, charts: bool = True) -> list[dict]:
    """The snapshot's benefits with their dates and values as shown, and (for the PDF) each
    indicator's chart drawn from the snapshot."""
    return [
        {
            **benefit,
            "planned_realisation_shown": _date_shown(benefit.get("planned_realisation")),
            "indicators": [
                {
                    **indicator,
                    "baselines_shown": _values_shown(indicator["baselines"]),
                    "targets_shown": _values_shown(indicator["targets"]),
                    "chart": snapshot_chart(indicator, chart_id=f"b{b}-i{i}") if charts else None,
                }
                for i, indicator in enumerate(benefit["indicators"])
            ],
        }
        for b, benefit in enumerate(content["benefits"])
    ]


def plan_pdfs_missing():
    """Approved versions whose PDF is not made yet (for `manage.py render_missing_pdfs`)."""
    return board.pdfs_missing(BenefitPlanSubmission)
