"""The daily reminder (Celery beat, `risk.tasks.send_reminders`) and the early warnings.

- **Overdue reviews**: every open risk whose next review has passed. Its owner gets one
  e-mail listing them; a `Reminder` (risk, «review», due date) marks each as told, so the
  same due date is never mailed twice (a review moves the date, and a new date may be
  mailed once again when it passes).
- **Early warnings**: a risk may name an indicator of the benefits register, a direction
  (below/above) and a threshold. When an approved measurement of that indicator is past the
  threshold, the risk is due for review at once (its next review becomes today), its
  timeline says why, and its owner is told; a `Reminder` (risk, «warning», measurement)
  makes sure it happens once per measurement. This runs when a measurement is saved
  (`risk.signals`) and again in the daily job, for what was saved while it could not run.

E-mails go through `core.mail.queue_email` (after the transaction commits, in Celery).
"""

from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format

from benefits.models import Measurement
from core.mail import queue_email
from risk.models import Reminder, Risk, RiskEvent


def _url(risk: Risk) -> str:
    return f"{settings.SITE_URL}{risk.get_absolute_url()}"


def _line(risk: Risk, when) -> dict:
    return {
        "reference": risk.reference,
        "title": risk.title,
        "register": str(risk.register),
        "date": date_format(when, "j. F Y"),
        "url": _url(risk),
    }


def overdue_reviews_send(*, today=None) -> int:
    """One e-mail per owner with their overdue reviews not mailed before; returns how many
    risks were in them."""
    today = today or timezone.localdate()
    told = Reminder.objects.filter(
        risk=OuterRef("pk"),
        kind=Reminder.Kind.REVIEW,
        key=Cast(OuterRef("next_review_on"), CharField()),  # ISO date, as stored
    )
    due = list(
        Risk.objects.filter(status=Risk.Status.OPEN, next_review_on__lt=today)
        .exclude(Exists(told))
        .select_related("owner", "register__area", "register__project")
        .order_by("owner_id", "next_review_on", "pk")
    )
    by_owner: dict[int, list[Risk]] = {}
    for risk in due:
        by_owner.setdefault(risk.owner_id, []).append(risk)
    sent = 0
    for risks in by_owner.values():
        owner = risks[0].owner
        with transaction.atomic():
            created = Reminder.objects.bulk_create(
                [
                    Reminder(
                        risk=risk,
                        kind=Reminder.Kind.REVIEW,
                        key=risk.next_review_on.isoformat(),
                        sent_to=owner,
                    )
                    for risk in risks
                ],
                ignore_conflicts=True,  # another run told them meanwhile
            )
            if not owner.email or not created:
                continue
            queue_email(
                to=[owner.email],
                subject_template="risk/email/reviews_subject.txt",
                body_template="risk/email/reviews_body.txt",
                context={
                    "name": owner.get_full_name() or owner.email,
                    "risks": [_line(risk, risk.next_review_on) for risk in risks],
                },
            )
        sent += len(risks)
    return sent


def _past_threshold(risk: Risk, value: Decimal | None) -> bool:
    if value is None or risk.warning_value is None:
        return False
    if risk.warning_when == "below":
        return value < risk.warning_value
    if risk.warning_when == "above":
        return value > risk.warning_value
    return False


def warnings_check(*, indicator_ids=None, today=None) -> int:
    """Mark for review the open risks whose early-warning indicator's latest approved
    measurement is past their threshold, once per measurement; returns how many."""
    today = today or timezone.localdate()
    risks = Risk.objects.filter(status=Risk.Status.OPEN, warning_indicator__isnull=False)
    if indicator_ids is not None:
        risks = risks.filter(warning_indicator_id__in=indicator_ids)
    risks = list(risks.select_related("owner", "register__area", "register__project"))
    if not risks:
        return 0
    latest: dict[int, Measurement] = {}
    for measurement in Measurement.objects.filter(
        indicator_id__in={risk.warning_indicator_id for risk in risks},
        state=Measurement.State.APPROVED,
        value__isnull=False,
    ).order_by("indicator_id", "period_end", "pk"):
        latest[measurement.indicator_id] = measurement  # the last one wins
    warned = 0
    for risk in risks:
        measurement = latest.get(risk.warning_indicator_id)
        if measurement is None or not _past_threshold(risk, measurement.value):
            continue
        if _warn(risk, measurement, today):
            warned += 1
    return warned


def _warn(risk: Risk, measurement: Measurement, today) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(
                risk=risk, kind=Reminder.Kind.WARNING, key=str(measurement.pk), sent_to=risk.owner
            )
            if risk.next_review_on > today:
                risk.next_review_on = today
                risk._history_user = None
                risk.save(update_fields=["next_review_on", "updated_at"])
            note = f"{measurement.indicator}: {measurement.value} ({measurement.period_end})"
            RiskEvent.objects.create(
                risk=risk, kind=RiskEvent.Kind.WARNED, actor=risk.owner, note=note
            )
            if risk.owner.email:
                queue_email(
                    to=[risk.owner.email],
                    subject_template="risk/email/warning_subject.txt",
                    body_template="risk/email/warning_body.txt",
                    context={
                        "name": risk.owner.get_full_name() or risk.owner.email,
                        "risk": _line(risk, today),
                        "indicator": str(measurement.indicator.name),
                        "value": str(measurement.value),
                        "threshold": str(risk.warning_value),
                        "period": date_format(measurement.period_end, "j. F Y"),
                    },
                )
    except IntegrityError:
        return False  # told about this measurement already
    return True


def reminders_send_due(*, today=None) -> int:
    """The daily job: early warnings first (they make reviews due today, mailed tomorrow
    if still not done), then the overdue reviews."""
    return warnings_check(today=today) + overdue_reviews_send(today=today)
