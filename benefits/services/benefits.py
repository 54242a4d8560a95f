"""Benefits through their lifecycle: identifisert → planlagt → under realisering → realisert →
overført til drift, or ikke realisert with a reason. One function per transition; each
checks the source state and records who, when and why on the benefit's timeline."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benefits.models import Benefit, BenefitContribution, BenefitEvent, Measurement
from core.exceptions import TransitionRefused

Status = Benefit.Status
M2M_FIELDS = ["strategies", "areas", "focus_areas", "levels"]


def _record(benefit, *, kind, by, note="", from_status="", to_status=""):
    event = BenefitEvent(
        benefit=benefit,
        kind=kind,
        actor=by,
        note=note,
        from_status=from_status,
        to_status=to_status,
    )
    event._history_user = by
    event.save()


@transaction.atomic
def benefit_create(*, by, contributions=(), **fields) -> Benefit:
    """Register a benefit (identifisert). `contributions` is [(project, kind), ...]."""
    m2m = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    benefit = Benefit(created_by=by, status=Status.IDENTIFIED, **fields)
    benefit.full_clean()
    benefit._history_user = by
    benefit.save()
    for name, values in m2m.items():
        getattr(benefit, name).set(values)
    for project, kind in contributions:
        contribution_set(benefit=benefit, project=project, kind=kind, by=by)
    _record(benefit, kind=BenefitEvent.Kind.CREATED, by=by, to_status=Status.IDENTIFIED)
    return benefit


@transaction.atomic
def benefit_update(*, benefit, by, **fields) -> Benefit:
    m2m = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    fields.pop("priority", None)  # the board's, through benefit_set_priority
    fields.pop("status", None)
    for name, value in fields.items():
        setattr(benefit, name, value)
    benefit.full_clean()
    benefit.version += 1
    benefit._history_user = by
    benefit.save()
    for name, values in m2m.items():
        getattr(benefit, name).set(values)
    return benefit


@transaction.atomic
def contribution_set(*, benefit, project, kind, by) -> BenefitContribution:
    contribution = BenefitContribution.objects.filter(benefit=benefit, project=project).first()
    contribution = contribution or BenefitContribution(benefit=benefit, project=project)
    contribution.kind = kind
    contribution.full_clean(validate_constraints=False)
    contribution._history_user = by
    contribution.save()
    return contribution


@transaction.atomic
def contribution_remove(*, contribution, by) -> None:
    contribution._history_user = by
    contribution.delete()


@transaction.atomic
def benefit_set_priority(*, benefit, by, priority) -> Benefit:
    """The board sets the priority, 1 (highest) to 5."""
    if priority is not None and not (1 <= int(priority) <= 5):
        raise ValidationError({"priority": _("Choose a priority from 1 to 5.")})
    locked = Benefit.objects.select_for_update().get(pk=benefit.pk)
    before = locked.priority
    locked.priority = priority
    locked.version += 1
    locked._history_user = by
    locked.save()
    _record(
        locked,
        kind=BenefitEvent.Kind.PRIORITY,
        by=by,
        note=_("From %(before)s to %(after)s")
        % {"before": before or "–", "after": priority or "–"},
    )
    benefit.priority, benefit.version = locked.priority, locked.version
    return locked


OPEN = [Status.IDENTIFIED, Status.PLANNED, Status.REALISING, Status.REALISED]
# The states each move starts from; the benefit page offers a move only from these.
MOVES_FROM = {
    Status.PLANNED: [Status.IDENTIFIED],
    Status.REALISING: [Status.PLANNED],
    Status.REALISED: [Status.REALISING],
    Status.HANDED_OVER: [Status.REALISED],
    Status.NOT_REALISED: OPEN,
}


def _move(benefit, *, to, by, reason=""):
    allowed = MOVES_FROM[to]
    locked = Benefit.objects.select_for_update().get(pk=benefit.pk)
    if locked.status not in allowed:
        raise TransitionRefused(
            _("A benefit that is «%(status)s» cannot become «%(target)s».")
            % {"status": locked.get_status_display(), "target": Status(to).label}
        )
    before = locked.status
    locked.status = to
    if to == Status.NOT_REALISED:
        locked.not_realised_reason = reason
    locked.version += 1
    locked._history_user = by
    locked.save()
    _record(
        locked, kind=BenefitEvent.Kind.STATUS, by=by, from_status=before, to_status=to, note=reason
    )
    benefit.status, benefit.version = locked.status, locked.version
    benefit.not_realised_reason = locked.not_realised_reason
    return locked


@transaction.atomic
def benefit_plan(*, benefit, by, note="") -> Benefit:
    """identifisert → planlagt: it has at least one indicator with a baseline and a target."""
    return _move(benefit, to=Status.PLANNED, by=by, reason=note)


@transaction.atomic
def benefit_start_realisation(*, benefit, by, note="") -> Benefit:
    """planlagt → under realisering."""
    return _move(benefit, to=Status.REALISING, by=by, reason=note)


@transaction.atomic
def benefit_realise(*, benefit, by, note="") -> Benefit:
    """under realisering → realisert."""
    return _move(benefit, to=Status.REALISED, by=by, reason=note)


HOP_REFERENCE_MAX = 100


def handover_errors(*, receiving_unit, hop_reference, handed_over_on, follow_up) -> dict:
    """What is missing or wrong in a handover to ordinary operations, per field."""
    errors = {}
    if receiving_unit is None:
        errors["receiving_unit"] = _("Choose the unit that takes the benefit into its operations.")
    hop_reference = (hop_reference or "").strip()
    if not hop_reference:
        errors["hop_reference"] = _(
            "Give the HØP reference: the budget line in Handlings- og økonomiplanen."
        )
    elif len(hop_reference) > HOP_REFERENCE_MAX:
        errors["hop_reference"] = _("The HØP reference can be at most %(n)s characters.") % {
            "n": HOP_REFERENCE_MAX
        }
    if handed_over_on is None:
        errors["handed_over_on"] = _("Give the date of the handover.")
    elif handed_over_on > timezone.localdate():
        errors["handed_over_on"] = _("The handover date cannot be in the future.")
    if not (follow_up or "").strip():
        errors["follow_up"] = _(
            "Say which measurements go on after the project, and who makes them."
        )
    return errors


@transaction.atomic
def benefit_hand_over(
    *,
    benefit,
    by,
    receiving_unit=None,
    hop_reference="",
    handed_over_on=None,
    follow_up="",
    note="",
) -> Benefit:
    """realisert → overført til drift: the receiving unit, the HØP reference (the budget
    line in Handlings- og økonomiplanen), the date, and the follow-up measurements that go
    on after the project closes (the receiving unit's change leader records them)."""
    errors = handover_errors(
        receiving_unit=receiving_unit,
        hop_reference=hop_reference,
        handed_over_on=handed_over_on,
        follow_up=follow_up,
    )
    if errors:
        raise ValidationError(errors)
    locked = _move(benefit, to=Status.HANDED_OVER, by=by, reason=note)
    locked.receiving_unit = receiving_unit
    locked.hop_reference = hop_reference.strip()
    locked.handed_over_on = handed_over_on
    locked.follow_up = follow_up.strip()
    locked.full_clean()
    locked._history_user = by
    locked.save()
    for name in ("receiving_unit", "hop_reference", "handed_over_on", "follow_up"):
        setattr(benefit, name, getattr(locked, name))
    return locked


@transaction.atomic
def benefit_abandon(*, benefit, by, reason) -> Benefit:
    """Any open state → ikke realisert, always with a reason."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the benefit was not realised.")})
    return _move(
        benefit,
        to=Status.NOT_REALISED,
        by=by,
        reason=reason,
    )


# --- Measurements -----------------------------------------------------------------------


@transaction.atomic
def measurement_record(
    *, indicator, by, period_end, value=None, text="", comment="", evidence=None, awaiting=False
) -> Measurement:
    """Record a measurement. A project leader's measurement awaits the change leader's
    approval (`awaiting=True`); the owner's own is approved at once."""
    measurement = Measurement(
        indicator=indicator,
        period_end=period_end,
        value=value,
        text=text,
        comment=comment,
        recorded_by=by,
        state=Measurement.State.AWAITING if awaiting else Measurement.State.APPROVED,
    )
    if evidence:
        measurement.evidence = evidence
    if not awaiting:
        measurement.approved_by, measurement.approved_at = by, timezone.now()
    if Measurement.objects.filter(indicator=indicator, period_end=period_end).exists():
        raise ValidationError(
            {"period_end": _("This indicator already has a measurement for this period.")}
        )
    measurement.full_clean()
    measurement._history_user = by
    measurement.save()
    _record(
        indicator.benefit,
        kind=BenefitEvent.Kind.MEASUREMENT,
        by=by,
        note=f"{indicator.name}: {measurement.value if measurement.value is not None else text}",
    )
    return measurement


@transaction.atomic
def measurement_approve(*, measurement, by) -> Measurement:
    locked = Measurement.objects.select_for_update().get(pk=measurement.pk)
    if locked.state != Measurement.State.AWAITING:
        raise TransitionRefused(_("This measurement is already approved."))
    locked.state = Measurement.State.APPROVED
    locked.approved_by, locked.approved_at = by, timezone.now()
    locked._history_user = by
    locked.save()
    _record(
        locked.indicator.benefit,
        kind=BenefitEvent.Kind.APPROVED,
        by=by,
        note=f"{locked.indicator.name}: {locked.period_end}",
    )
    return locked


# --- Indicators -------------------------------------------------------------------------


@transaction.atomic
def indicator_create(
    *,
    benefit,
    by,
    name,
    unit,
    direction,
    frequency,
    definition="",
    source="",
    area=None,
    baseline_2022=None,
    baseline_2022_date=None,
    baseline_2025=None,
    baseline_2025_date=None,
    target=None,
    target_date=None,
):
    """An indicator with its baselines from the 2022 and 2025 place analyses and a target."""
    from benefits.models import Baseline, Indicator, Target

    indicator = Indicator(
        benefit=benefit,
        name=name,
        unit=unit,
        direction=direction,
        frequency=frequency,
        definition=definition,
        source=source,
        area=area,
    )
    indicator.full_clean()
    indicator._history_user = by
    indicator.save()
    errors = {}
    for value, on, field, label in (
        (baseline_2022, baseline_2022_date, "baseline_2022", "Sosiokulturell stedsanalyse 2022"),
        (baseline_2025, baseline_2025_date, "baseline_2025", "Sosiokulturell stedsanalyse 2025"),
    ):
        if value is None and on is None:
            continue
        if value is None or on is None:
            errors[field] = _("Give both the value and the date of the baseline.")
            continue
        try:
            indicator.check_value(value, "", field=field)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if target_date and on > target_date:
            errors[f"{field}_date"] = _("The baseline date is after the target date.")
            continue
        baseline = Baseline(indicator=indicator, value=value, measured_on=on, source=label)
        baseline._history_user = by
        baseline.save()
    if target is not None or target_date is not None:
        if target is None or target_date is None:
            errors["target"] = _("Give both the target value and its date.")
        else:
            try:
                indicator.check_value(target, "", field="target")
            except ValidationError as error:
                errors.update(error.message_dict)
            else:
                target_row = Target(indicator=indicator, value=target, target_date=target_date)
                target_row._history_user = by
                target_row.save()
    if errors:
        raise ValidationError(errors)
    return indicator
