"""Money after the decision: payments (utbetalinger), the final report (sluttrapport),
repayments (tilbakebetalinger) and closing the case.

- A payment is registered once the applicant has accepted the grant (akseptert), and
  further instalments while the case is utbetalt; the payments never add up to more than
  the amount granted. The first payment moves akseptert → utbetalt.
- The final report is due `round.report_within_days` days after the activity ends
  (`report_due_on`). Submitting it moves utbetalt → sluttrapport levert. Money paid out but
  not used becomes a `Repayment` (krevd), which a handler later marks paid back or waived.
- A case is closed (avsluttet) after the final report once no repayment is still claimed,
  and also after a refusal (avslått) or when the applicant declined the grant.
"""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.exceptions import TransitionRefused
from core.formatting import kroner
from nabolagspotten.forms.uploads import JPEG, PNG, check_upload, clean_name
from nabolagspotten.models import (
    Application,
    Attachment,
    CaseEvent,
    FinalReport,
    Payment,
    Repayment,
)
from nabolagspotten.services import workflow
from nabolagspotten.services.mail import mail_applicant

S = Application.Status
MAX_PHOTOS = 5
PAYABLE = [S.ACCEPTED, S.PAID]
CLOSABLE = [S.REPORTED, S.REFUSED, S.DECLINED]


def report_due_on(application: Application):
    """The final report's due date: the activity's end plus the round's report days."""
    if application.ends_on is None:
        return None
    return application.ends_on + timedelta(days=application.round.report_within_days)


def paid_total(application: Application) -> int:
    return application.payments.aggregate(total=Sum("amount"))["total"] or 0


# --- Payments ----------------------------------------------------------------------------


@transaction.atomic
def payment_register(*, application: Application, by, amount: int, paid_on, reference: str):
    """Register a payment of the grant; returns the `Payment`."""
    application = workflow.lock(application)
    if application.status not in PAYABLE:
        raise TransitionRefused(
            _(
                "A payment can be registered only after the applicant has accepted the grant "
                "(the application is «%(status)s»)."
            )
            % {"status": application.get_status_display()}
        )
    granted = application.amount_granted or 0
    already = paid_total(application)
    if amount is not None and already + amount > granted:
        left = max(granted - already, 0)
        raise ValidationError(
            {
                "amount": _(
                    "The payments cannot add up to more than the %(granted)s granted. "
                    "%(paid)s has been paid already, so at most %(left)s can be paid now."
                )
                % {"granted": kroner(granted), "paid": kroner(already), "left": kroner(left)}
            }
        )
    if paid_on and paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
    payment = Payment(
        application=application,
        amount=amount,
        paid_on=paid_on,
        reference=(reference or "").strip(),
        registered_by=by,
    )
    payment.full_clean()
    payment._history_user = by
    payment.save()
    if application.status == S.ACCEPTED:
        workflow.move(application, S.PAID, by=by)
    workflow.record(
        application,
        CaseEvent.Kind.PAYMENT,
        by=by,
        note=_("%(amount)s paid on %(date)s.")
        % {"amount": kroner(amount), "date": date_format(paid_on, "j. F Y")},
    )
    due = report_due_on(application)
    mail_applicant(
        application,
        "payment",
        amount=kroner(amount),
        paid_on=date_format(paid_on, "j. F Y"),
        paid_total=kroner(already + amount),
        granted=kroner(granted),
        due_on=date_format(due, "j. F Y") if due else "",
    )
    return payment


# --- The final report --------------------------------------------------------------------


def _check_photo(uploaded_file) -> str:
    """A JPEG or PNG, checked by content, name and size (forms/uploads.py)."""
    content_type = check_upload(uploaded_file)
    if content_type not in (JPEG, PNG):
        raise ValidationError(_("Photos must be JPG or PNG files."))
    return content_type


def _store_photo(application: Application, uploaded_file, content_type: str) -> Attachment:
    attachment = Attachment(
        application=application,
        purpose=Attachment.Purpose.REPORT,
        token=secrets.token_urlsafe(24),
        original_name=clean_name(uploaded_file.name),
        content_type=content_type,
        size=uploaded_file.size,
    )
    uploaded_file.seek(0)
    attachment.file.save(attachment.token, uploaded_file, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def final_report_submit(
    *,
    application: Application,
    what_happened: str,
    participants: int,
    money_used: int,
    volunteer_hours: int | None = None,
    photos=(),
) -> FinalReport:
    """The applicant's sluttrapport. Money paid out but not used becomes a repayment."""
    application = workflow.lock(application)
    if application.status != S.PAID:
        raise TransitionRefused(
            _("The final report can be sent once the grant has been paid out.")
            if application.status in (S.GRANTED, S.PARTLY_GRANTED, S.ACCEPTED)
            else _("The final report for this application has already been sent or is not due.")
        )
    if FinalReport.objects.filter(application=application).exists():
        raise TransitionRefused(_("The final report for this application has already been sent."))
    received = paid_total(application)
    if money_used is not None and money_used > received:
        raise ValidationError(
            {
                "money_used": _(
                    "You received %(received)s from the grant: you cannot report more than "
                    "that as used. Money you spent beyond it was your own contribution."
                )
                % {"received": kroner(received)}
            }
        )
    photos = list(photos or [])
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(
            {"photos": _("Send at most %(count)s photos.") % {"count": MAX_PHOTOS}}
        )
    report = FinalReport(
        application=application,
        what_happened=what_happened,
        participants=participants,
        volunteer_hours=volunteer_hours,
        money_used=money_used,
        due_on=report_due_on(application),
    )
    report.full_clean()
    try:  # every photo is checked before any is stored
        checked = [(photo, _check_photo(photo)) for photo in photos]
    except ValidationError as error:
        raise ValidationError({"photos": error.messages}) from None
    for photo, content_type in checked:
        _store_photo(application, photo, content_type)
    report._history_user = None
    report.save()
    workflow.move(application, S.REPORTED, by=None)
    unused = received - money_used
    repayment = None
    if unused > 0:
        repayment = Repayment(application=application, amount=unused)
        repayment.full_clean()
        repayment._history_user = None
        repayment.save()
        workflow.record(
            application,
            CaseEvent.Kind.REPAYMENT,
            note=_("%(amount)s not used is to be paid back.") % {"amount": kroner(unused)},
        )
    mail_applicant(
        application,
        "report",
        participants=participants,
        money_used=kroner(money_used),
        received=kroner(received),
        repayment=kroner(repayment.amount) if repayment else "",
    )
    return report


# --- Repayments and closing --------------------------------------------------------------


@transaction.atomic
def repayment_settle(*, repayment: Repayment, by, outcome: str, note: str = "", settled_on=None):
    """Mark a claimed repayment paid back (`outcome="betalt"`) or waived (`"frafalt"`,
    with a note saying why)."""
    workflow.lock(repayment.application)
    repayment = Repayment.objects.select_for_update().get(pk=repayment.pk)
    if repayment.status != Repayment.Status.CLAIMED:
        raise TransitionRefused(_("This repayment has already been settled."))
    if outcome not in (Repayment.Status.PAID, Repayment.Status.WAIVED):
        raise ValidationError({"outcome": _("Choose whether it was paid back or waived.")})
    note = (note or "").strip()
    if outcome == Repayment.Status.WAIVED and not note:
        raise ValidationError({"note": _("Say why the repayment is waived.")})
    settled_on = settled_on or timezone.localdate()
    if settled_on > timezone.localdate():
        raise ValidationError({"settled_on": _("The date cannot be in the future.")})
    repayment.status = outcome
    repayment.note = note
    repayment.settled_on = settled_on
    repayment.full_clean()
    repayment._history_user = by
    repayment.save()
    workflow.record(
        repayment.application,
        CaseEvent.Kind.REPAYMENT,
        by=by,
        note=(
            _("%(amount)s paid back.")
            if outcome == Repayment.Status.PAID
            else _("%(amount)s waived.")
        )
        % {"amount": kroner(repayment.amount)}
        + (f" {note}" if note else ""),
    )
    if outcome == Repayment.Status.PAID:
        mail_applicant(repayment.application, "repayment", amount=kroner(repayment.amount))
    return repayment


def close_blockers(application: Application) -> list[str]:
    """Why the case cannot be closed yet (empty when it can)."""
    if application.status not in CLOSABLE:
        return [_("The case can be closed after the final report, a refusal or a declined grant.")]
    reasons = []
    if application.repayments.filter(status=Repayment.Status.CLAIMED).exists():
        reasons.append(_("A repayment is still claimed: mark it paid back or waived first."))
    if application.appeals.filter(status__in=["mottatt", "oversendt"]).exists():
        reasons.append(_("An appeal is still being handled."))
    if application.status == S.REFUSED:
        decision = application.decisions.filter(superseded_at__isnull=True).first()
        if decision and decision.appeal_deadline is None:
            reasons.append(_("The decision letter has not been sent yet."))
        elif decision and decision.appeal_deadline >= timezone.localdate():
            reasons.append(
                _("The appeal deadline (%(date)s) has not passed yet.")
                % {"date": date_format(decision.appeal_deadline, "j. F Y")}
            )
    return reasons


@transaction.atomic
def case_close(*, application: Application, by, note: str = "") -> Application:
    """Close (avslutt) the case; refused with the reasons while something is outstanding."""
    application = workflow.lock(application)
    reasons = close_blockers(application)
    if reasons:
        raise TransitionRefused(reasons)
    return workflow.move(application, S.CLOSED, by=by, note=note)
