"""A risk's life: registered, changed, escalated or delegated, reviewed, closed or
materialised, accepted; and its actions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exceptions import TransitionRefused
from risk.models import Acceptance, Action, Register, Review, Risk, RiskEvent

# Fields a person registering or editing a risk may set; number, register, status,
# review dates and the people who raised it are set by the services.
EDITABLE_FIELDS = {
    "kind",
    "ros_area",
    "title",
    "cause",
    "event",
    "effect",
    "goal",
    "strategy",
    "project",
    "benefit",
    "indicator",
    "warning_indicator",
    "warning_when",
    "warning_value",
    "actor_groups",
    "owner",
    "inherent_likelihood",
    "inherent_consequence",
    "current_likelihood",
    "current_consequence",
    "forecast_likelihood",
    "forecast_consequence",
    "target_likelihood",
    "target_consequence",
    "target_justification",
    "uncertainty",
    "proximity_date",
    "proximity_phase",
    "response",
    "response_justification",
    "early_warning_indicator",
    "early_warning_threshold",
    "exempt_from_public",
    "exemption_basis",
    "review_interval_days",
}


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - EDITABLE_FIELDS - {"partners"}
    if unknown:
        raise TypeError(f"These risk fields cannot be set here: {sorted(unknown)}")


def default_review_interval(register: Register, likelihood: int, consequence: int) -> int:
    """Days between reviews for a risk in this cell: a high risk is reviewed more often."""
    cell = (
        register.matrix.cells.select_related("level")
        .filter(likelihood=likelihood, consequence=consequence)
        .first()
    )
    # A score outside the matrix is refused by full_clean(); until then, the middle interval.
    return cell.level.review_interval_days if cell else 90


def _next_number(register: Register) -> int:
    # Lock the register row so two risks registered at once do not get the same number.
    Register.objects.select_for_update().get(pk=register.pk)
    highest = register.risks.aggregate(highest=Max("number"))["highest"] or 0
    return highest + 1


def _event(risk: Risk, kind: str, by, note: str = "") -> None:
    RiskEvent.objects.create(risk=risk, kind=kind, actor=by, note=note)


@transaction.atomic
def risk_create(*, register: Register, by, partners=(), **fields) -> Risk:
    _check_fields(fields)
    fields.setdefault("owner", by)
    risk = Risk(register=register, raised_by=by, raised_on=timezone.localdate(), **fields)
    if not risk.review_interval_days and risk.current_likelihood and risk.current_consequence:
        risk.review_interval_days = default_review_interval(
            register, risk.current_likelihood, risk.current_consequence
        )
    if risk.review_interval_days:
        risk.next_review_on = timezone.localdate() + datetime.timedelta(
            days=risk.review_interval_days
        )
    risk.number = _next_number(register)
    risk.full_clean()
    risk.save()
    risk.partners.set(partners)
    _event(risk, RiskEvent.Kind.CREATED, by)
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, by, partners=None, **fields) -> Risk:
    _check_fields(fields)
    if not risk.is_open:
        raise TransitionRefused(_("A closed or materialised risk can no longer be changed."))
    for name, value in fields.items():
        setattr(risk, name, value)
    risk.full_clean()
    risk.save()
    if partners is not None:
        risk.partners.set(partners)
    _event(risk, RiskEvent.Kind.UPDATED, by)
    return risk


def _move(risk: Risk, to: Register, kind: str, by, note: str) -> Risk:
    if not risk.is_open:
        raise TransitionRefused(_("Only an open risk can be moved to another register."))
    risk.register = to
    risk.number = _next_number(to)
    risk.full_clean()
    risk.save()
    _event(risk, kind, by, note)
    return risk


@transaction.atomic
def risk_escalate(*, risk: Risk, by, note: str = "") -> Risk:
    """Move the risk to the register above; it gets the next number there and keeps its
    history, actions and reviews."""
    if risk.register.parent_id is None:
        raise TransitionRefused(_("The programme register has no register above it."))
    old_reference = risk.reference
    old_register = risk.register
    risk = _move(risk, risk.register.parent, RiskEvent.Kind.ESCALATED, by, note)
    _fix_move_note(risk, old_register, old_reference, note)
    return risk


@transaction.atomic
def risk_delegate(*, risk: Risk, to: Register, by, note: str = "", owner=None) -> Risk:
    """Move the risk to a register directly under its own one (and, if given, to a new
    owner there); it gets the next number there and keeps its history."""
    if to is None or to.parent_id != risk.register_id:
        raise ValidationError(
            {"to": _("A risk can only be delegated to a register directly under its own.")}
        )
    old_reference = risk.reference
    old_register = risk.register
    if owner is not None:
        risk.owner = owner
    risk = _move(risk, to, RiskEvent.Kind.DELEGATED, by, note)
    _fix_move_note(risk, old_register, old_reference, note)
    return risk


def _fix_move_note(risk: Risk, old_register: Register, old_reference: str, note: str) -> None:
    event = risk.events.first()
    moved = _("From %(old)s (%(ref)s).") % {"old": old_register, "ref": old_reference}
    event.note = f"{moved} {note}".strip()
    event.save()


@transaction.atomic
def risk_close(*, risk: Risk, by, note: str, materialised: bool = False) -> Risk:
    """Close the risk, or mark it materialised (inntruffet: it became an issue) with a note of
    what was done."""
    if not risk.is_open:
        raise TransitionRefused(
            _("The risk is already %(status)s.") % {"status": risk.get_status_display().lower()}
        )
    if not note.strip():
        raise ValidationError({"note": _("Say what happened and what was done.")})
    risk.status = Risk.Status.MATERIALISED if materialised else Risk.Status.CLOSED
    risk.status_note = note
    risk.status_changed_at = timezone.now()
    risk.full_clean()
    risk.save()
    kind = RiskEvent.Kind.MATERIALISED if materialised else RiskEvent.Kind.CLOSED
    _event(risk, kind, by, note)
    return risk


@transaction.atomic
def risk_review(
    *,
    risk: Risk,
    by,
    likelihood: int,
    consequence: int,
    comment: str,
    next_review_on: datetime.date | None = None,
) -> Review:
    """Record a review: the new current scores and a comment; the next review date moves
    (by default by the interval of the new level)."""
    if not risk.is_open:
        raise TransitionRefused(_("Only an open risk is reviewed."))
    today = timezone.localdate()
    if next_review_on is None:
        risk.review_interval_days = default_review_interval(risk.register, likelihood, consequence)
        next_review_on = today + datetime.timedelta(days=risk.review_interval_days)
    elif next_review_on <= today:
        raise ValidationError({"next_review_on": _("The next review must be after today.")})
    review = Review(
        risk=risk,
        reviewed_by=by,
        likelihood=likelihood,
        consequence=consequence,
        previous_likelihood=risk.current_likelihood,
        previous_consequence=risk.current_consequence,
        comment=comment,
        next_review_on=next_review_on,
    )
    review.full_clean()
    review.save()
    risk.current_likelihood = likelihood
    risk.current_consequence = consequence
    risk.next_review_on = next_review_on
    risk.full_clean()
    risk.save()
    _event(risk, RiskEvent.Kind.REVIEWED, by, comment[:200])
    return review


@transaction.atomic
def risk_accept(*, risk: Risk, by, justification: str, expires_on: datetime.date) -> Acceptance:
    """The board or the programme leader accepts a risk whose response is to accept it."""
    if risk.response != Risk.Response.ACCEPT:
        raise TransitionRefused(_("Only a risk whose response is «accept» can be accepted."))
    if not risk.is_open:
        raise TransitionRefused(_("Only an open risk can be accepted."))
    if expires_on <= timezone.localdate():
        raise ValidationError({"expires_on": _("The acceptance must expire after today.")})
    acceptance = Acceptance(
        risk=risk, accepted_by=by, justification=justification, expires_on=expires_on
    )
    acceptance.full_clean()
    acceptance.save()
    # The risk comes back for review when the acceptance expires, at the latest.
    if risk.next_review_on > expires_on:
        risk.next_review_on = expires_on
        risk.save()
    _event(risk, RiskEvent.Kind.ACCEPTED, by, justification[:200])
    return acceptance


@transaction.atomic
def action_create(*, risk: Risk, by, description: str, owner, due_on, cost_estimate=None):
    if due_on is not None and due_on < timezone.localdate():
        raise ValidationError({"due_on": _("A new action cannot be due in the past.")})
    action = Action(
        risk=risk,
        description=description,
        owner=owner,
        due_on=due_on,
        cost_estimate=cost_estimate,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(*, action: Action, by, **fields) -> Action:
    allowed = {"description", "owner", "due_on", "cost_estimate", "status"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"These action fields cannot be set here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(action, name, value)
    action.full_clean()
    action.save()
    return action
