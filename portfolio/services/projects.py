"""Projects through their lifecycle: proposal, assessment against the five selection
criteria, the line's acceptance of ownership, admission into the portfolio, and on to
handover, closing, rejection or stopping. Each transition is one function that checks the
source state and records who, when and why on the project's timeline."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.conflicts import save_checked
from core.exceptions import TransitionRefused
from portfolio.models import (
    BudgetLine,
    CriterionAssessment,
    ExternalPartner,
    Project,
    ProjectEvent,
    SelectionCriterion,
    StatusReport,
)

Status = Project.Status
M2M_FIELDS = ["areas", "goals", "strategies", "focus_areas", "levels", "participating_units"]


def _record(project, *, kind, by, note="", from_status="", to_status=""):
    ProjectEvent.objects.create(
        project=project,
        kind=kind,
        actor=by,
        note=note,
        from_status=from_status,
        to_status=to_status,
    )


def _set_fields(project, fields: dict) -> dict:
    m2m = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    for name, value in fields.items():
        setattr(project, name, value)
    return m2m


@transaction.atomic
def project_create(*, by, **fields) -> Project:
    """Register a proposal (forslag)."""
    project = Project(created_by=by, status=Status.PROPOSAL)
    m2m = _set_fields(project, fields)
    project.full_clean()
    project._history_user = by
    project.save()
    for name, values in m2m.items():
        getattr(project, name).set(values)
    _record(project, kind=ProjectEvent.Kind.CREATED, by=by, to_status=Status.PROPOSAL)
    return project


@transaction.atomic
def project_update(*, project, by, base_version: int, **fields) -> Project:
    """Save changes unless someone else saved since the form was opened (EditConflict)."""
    m2m = _set_fields(project, fields)
    project.full_clean()
    project._history_user = by

    def save():
        project.save()
        for name, values in m2m.items():
            getattr(project, name).set(values)

    save_checked(project, base_version=base_version, save=save)
    return project


@transaction.atomic
def partner_add(*, project, by, name: str, kind: str) -> ExternalPartner:
    partner = ExternalPartner(project=project, name=name, kind=kind)
    partner.full_clean()
    partner._history_user = by
    partner.save()
    return partner


@transaction.atomic
def partner_remove(*, partner, by) -> None:
    partner._history_user = by
    partner.delete()


# --- The gate ---------------------------------------------------------------------------


@transaction.atomic
def criterion_assess(*, project, criterion, by, result, justification, assessed_on=None):
    """Record (or revise) the assessment of one criterion."""
    if project.status not in (Status.PROPOSAL, Status.ASSESSED):
        raise TransitionRefused(
            _("Only proposals and assessed projects are assessed against the criteria.")
        )
    assessment = CriterionAssessment.objects.filter(project=project, criterion=criterion).first()
    assessment = assessment or CriterionAssessment(project=project, criterion=criterion)
    assessment.result = result
    assessment.justification = justification
    assessment.assessed_by = by
    assessment.assessed_on = assessed_on or timezone.localdate()
    assessment.full_clean()
    assessment._history_user = by
    assessment.save()
    _record(
        project,
        kind=ProjectEvent.Kind.ASSESSED,
        by=by,
        note=f"{criterion.number}. {criterion.text}: {assessment.get_result_display()}",
    )
    if project.status == Status.PROPOSAL and not missing_assessments(project):
        _move(project, to=Status.ASSESSED, by=by, allowed=[Status.PROPOSAL])
    return assessment


@transaction.atomic
def ownership_accept(*, project, by) -> Project:
    """The owning unit's change leader accepts ownership of the result on the line's behalf."""
    if project.owner_unit_id is None:
        raise TransitionRefused(
            _("Choose the owning unit in the line before ownership can be accepted.")
        )
    if project.is_final:
        raise TransitionRefused(_("The project is closed."))
    locked = Project.objects.select_for_update().get(pk=project.pk)
    locked.ownership_accepted_by = by
    locked.ownership_accepted_at = timezone.now()
    locked.version += 1
    locked._history_user = by
    locked.save()
    _record(locked, kind=ProjectEvent.Kind.OWNERSHIP, by=by, note=str(locked.owner_unit))
    return locked


def missing_assessments(project) -> list:
    assessed = set(project.assessments.values_list("criterion_id", flat=True))
    return [
        criterion for criterion in SelectionCriterion.objects.all() if criterion.pk not in assessed
    ]


def admission_gaps(project) -> list[str]:
    """Everything that stands between the project and the portfolio, in plain words."""
    gaps = []
    results = {a.criterion_id: a for a in project.assessments.select_related("criterion")}
    for criterion in SelectionCriterion.objects.all():
        assessment = results.get(criterion.pk)
        if assessment is None:
            gaps.append(
                _("Criterion %(number)s is not assessed: %(text)s")
                % {"number": criterion.number, "text": criterion.text}
            )
        elif assessment.result == CriterionAssessment.Result.PARTLY:
            gaps.append(
                _("Criterion %(number)s is only partly met: %(text)s")
                % {"number": criterion.number, "text": criterion.text}
            )
        elif assessment.result == CriterionAssessment.Result.NOT_MET:
            gaps.append(
                _("Criterion %(number)s is not met: %(text)s")
                % {"number": criterion.number, "text": criterion.text}
            )
    if project.owner_unit_id is None:
        gaps.append(_("No owning unit in the line is chosen."))
    elif project.ownership_accepted_at is None:
        gaps.append(
            _("%(unit)s has not accepted ownership of the result.") % {"unit": project.owner_unit}
        )
    return gaps


# --- Transitions ------------------------------------------------------------------------


def _move(project, *, to, by, allowed, reason=""):
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.status not in allowed:
        raise TransitionRefused(
            _("A project that is «%(status)s» cannot become «%(target)s».")
            % {"status": locked.get_status_display(), "target": Status(to).label}
        )
    before = locked.status
    locked.status = to
    locked.version += 1
    locked._history_user = by
    locked.save()
    _record(
        locked, kind=ProjectEvent.Kind.STATUS, by=by, from_status=before, to_status=to, note=reason
    )
    project.status, project.version = locked.status, locked.version
    return locked


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    return reason


@transaction.atomic
def project_admit(*, project, by, reason="") -> Project:
    """Admit an assessed project into the portfolio: all five criteria met, ownership accepted."""
    current = Project.objects.select_for_update().get(pk=project.pk)
    gaps = admission_gaps(current) if current.status in (Status.PROPOSAL, Status.ASSESSED) else []
    if gaps:
        raise TransitionRefused(gaps)
    return _move(project, to=Status.IN_PORTFOLIO, by=by, allowed=[Status.ASSESSED], reason=reason)


@transaction.atomic
def project_hand_over(*, project, by, reason="") -> Project:
    """The result now lives in ordinary operations (overført til drift)."""
    return _move(
        project, to=Status.HANDED_OVER, by=by, allowed=[Status.IN_PORTFOLIO], reason=reason
    )


@transaction.atomic
def project_close(*, project, by, reason) -> Project:
    return _move(
        project,
        to=Status.CLOSED,
        by=by,
        allowed=[Status.IN_PORTFOLIO],
        reason=_require_reason(reason),
    )


@transaction.atomic
def project_reject(*, project, by, reason) -> Project:
    """Avvist: from any state that is not final, with a reason."""
    allowed = [Status.PROPOSAL, Status.ASSESSED, Status.IN_PORTFOLIO]
    return _move(
        project, to=Status.REJECTED, by=by, allowed=allowed, reason=_require_reason(reason)
    )


@transaction.atomic
def project_stop(*, project, by, reason) -> Project:
    """Stanset: from any state that is not final, with a reason."""
    allowed = [Status.PROPOSAL, Status.ASSESSED, Status.IN_PORTFOLIO]
    return _move(project, to=Status.STOPPED, by=by, allowed=allowed, reason=_require_reason(reason))


# --- Money and status -------------------------------------------------------------------


@transaction.atomic
def budget_line_add(*, project, by, **fields) -> BudgetLine:
    line = BudgetLine(project=project, **fields)
    line.full_clean()
    line._history_user = by
    line.save()
    return line


@transaction.atomic
def budget_line_update(*, line, by, **fields) -> BudgetLine:
    for name, value in fields.items():
        setattr(line, name, value)
    line.full_clean()
    line._history_user = by
    line.save()
    return line


@transaction.atomic
def status_report_add(*, project, by, **fields) -> StatusReport:
    report = StatusReport(project=project, author=by, **fields)
    report.full_clean()
    report._history_user = by
    report.save()
    return report


@dataclass
class Transition:
    """A transition the page offers, with the service that performs it. One that needs a
    reason ends the project's life in the portfolio: the page asks for the reason on a
    confirmation page that says what happens (`consequence`)."""

    name: str
    label: str
    needs_reason: bool
    action: object
    consequence: str = ""


def available_transitions(project) -> list[Transition]:
    options = []
    if project.status in (Status.PROPOSAL, Status.ASSESSED):
        # Offered before every criterion is assessed too, disabled with what is missing.
        options.append(Transition("admit", _("Admit into the portfolio"), False, project_admit))
    if project.status == Status.IN_PORTFOLIO:
        options.append(
            Transition("hand_over", _("Hand over to ordinary operations"), False, project_hand_over)
        )
        options.append(
            Transition(
                "close",
                _("Close"),
                True,
                project_close,
                _(
                    "The project is closed: it leaves the running portfolio and can no longer "
                    "be changed, reported on or put in an action plan."
                ),
            )
        )
    if not project.is_final:
        options.append(
            Transition(
                "reject",
                _("Reject"),
                True,
                project_reject,
                _(
                    "The project is rejected: it will not enter (or stay in) the portfolio, and "
                    "can no longer be changed. The reason is kept on its timeline."
                ),
            )
        )
        options.append(
            Transition(
                "stop",
                _("Stop"),
                True,
                project_stop,
                _(
                    "The project is stopped before it is done: it leaves the portfolio and can no "
                    "longer be changed. The reason is kept on its timeline."
                ),
            )
        )
    return options
