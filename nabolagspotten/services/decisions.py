"""Decisions (enkeltvedtak), the applicant's answer to a grant, and appeals (klager).

`decision_make()` is where money leaves the pot. In one transaction it locks the application,
then the area's budget row (`ledger.lock_area`), reads what is left and refuses a grant
larger than that. Two handlers granting in the same area at the same moment are therefore
served one after the other, and the area's budget is never over-committed.

An appeal is its own small case: received (by the applicant on their page, or registered
by a handler when it came by post), then either upheld (the application goes back under
review for a new decision, which supersedes the old one) or sent to the appeal body, whose
result is recorded (`appeal_receive`, then `appeal_uphold`, or `appeal_forward` and
`appeal_record_result`). Each step e-mails the applicant and goes on the timeline.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import TransitionRefused
from core.formatting import kroner
from nabolagspotten import access
from nabolagspotten.models import Appeal, Application, CaseEvent, Decision
from nabolagspotten.services import ledger, workflow
from nabolagspotten.services.cases import require_impartial_handler
from nabolagspotten.services.mail import mail_applicant

S = Application.Status
Outcome = Decision.Outcome

GRANTS = {Outcome.GRANTED, Outcome.PARTLY_GRANTED}


def current_decision(application: Application) -> Decision | None:
    return application.decisions.filter(superseded_at__isnull=True).first()


def leaves_little(area: ledger.AreaLedger, amount: int) -> bool:
    """Whether a grant of `amount` leaves the area with less than
    NABOLAGSPOTTEN_LOW_BUDGET_SHARE of its budget (and is still within what is left: a grant
    larger than that is refused on its amount, not confirmed)."""
    left = area.remaining - amount
    return amount > 0 and 0 <= left < area.budget * settings.NABOLAGSPOTTEN_LOW_BUDGET_SHARE


def budget_warning(
    application: Application, amount: int | None = None, outcome: str | None = None
) -> dict | None:
    """The area's ledger and whether a grant of `amount` leaves it low, so that the handler
    must confirm it (`low`): for the decision page, before the handler decides, and again
    for the amount they posted. Never for a refusal (`outcome`). None when the case has no
    area budget."""
    if application.area_id is None:
        return None
    area = ledger.area_ledger(application.round_id, application.area_id)
    if area is None:
        return None
    amount = 0 if outcome == Outcome.REFUSED else (amount or 0)
    return {
        "ledger": area,
        "left": area.remaining - amount,
        "low": leaves_little(area, amount),
        "share": round(settings.NABOLAGSPOTTEN_LOW_BUDGET_SHARE * 100),
    }


def _check_amount(application: Application, outcome: str, amount: int) -> int:
    requested = application.amount_requested
    if outcome == Outcome.REFUSED:
        return 0
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("A grant must be more than 0 kr.")})
    if amount > application.round.max_grant:
        raise ValidationError(
            {
                "amount": _("The largest grant in this round is %(max)s.")
                % {"max": kroner(application.round.max_grant)}
            }
        )
    if amount > requested:
        raise ValidationError(
            {
                "amount": _("The applicant asked for %(requested)s; you cannot grant more.")
                % {"requested": kroner(requested)}
            }
        )
    if outcome == Outcome.PARTLY_GRANTED and amount >= requested:
        raise ValidationError(
            {
                "amount": _(
                    "A partly granted amount must be less than the %(requested)s asked for."
                )
                % {"requested": kroner(requested)}
            }
        )
    if outcome == Outcome.GRANTED and amount < requested:
        raise ValidationError(
            {
                "outcome": _("Granting less than the %(requested)s asked for is «partly granted».")
                % {"requested": kroner(requested)}
            }
        )
    return amount


@transaction.atomic
def decision_make(
    *,
    application: Application,
    by,
    outcome: str,
    amount: int | None,
    reasons: str,
    conditions: str = "",
    confirm_low_budget: bool = False,
) -> Decision:
    """Make the decision: check the money under the area's lock, keep any earlier decision
    as superseded, move the case to the outcome and send the letter once committed."""
    application = workflow.lock(application)
    require_impartial_handler(by, application)
    if application.status != S.IN_REVIEW:
        raise TransitionRefused(
            _("A decision can only be made while the application is under review.")
        )
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose the decision.")})
    if not (reasons or "").strip():
        raise ValidationError({"reasons": _("Give the reasons for the decision.")})
    amount = _check_amount(application, outcome, amount)
    if outcome in GRANTS:
        if application.area_id is None:
            raise ValidationError(_("The application has no area, so it cannot be granted."))
        area = ledger.lock_area(application.round_id, application.area_id)
        if area is None:
            raise ValidationError(
                _("The round has no budget for %(area)s.") % {"area": application.area.name}
            )
        if amount > area.remaining:
            raise ValidationError(
                {
                    "amount": _("There is only %(remaining)s left in %(area)s in this round.")
                    % {"remaining": kroner(max(area.remaining, 0)), "area": application.area.name}
                }
            )
        left = area.remaining - amount
        if leaves_little(area, amount) and not confirm_low_budget:
            raise ValidationError(
                {
                    "confirm_low_budget": _(
                        "After this grant only %(left)s is left in %(area)s. Confirm that you "
                        "want to use this much of the area's last money."
                    )
                    % {"left": kroner(left), "area": application.area.name}
                }
            )

    now = timezone.now()
    for earlier in application.decisions.filter(superseded_at__isnull=True):
        earlier.superseded_at = now
        earlier._history_user = by
        earlier.save()
    accept_days = application.round.accept_within_days
    decision = Decision(
        application=application,
        outcome=outcome,
        amount=amount,
        reasons=reasons.strip(),
        conditions=(conditions or "").strip(),
        decided_by=by,
        decided_at=now,
        accept_deadline=(
            timezone.localdate() + timezone.timedelta(days=accept_days)
            if outcome in GRANTS
            else None
        ),
    )
    decision.full_clean()
    decision._history_user = by
    decision.save()
    workflow.move(application, outcome, by=by, amount_granted=amount, decided_at=now)

    from nabolagspotten import tasks

    transaction.on_commit(lambda: tasks.send_decision_letter.delay(decision.pk))
    return decision


def _answer(application: Application, to: str) -> Decision:
    application = workflow.lock(application)
    decision = current_decision(application)
    if decision is None or application.status not in (S.GRANTED, S.PARTLY_GRANTED):
        raise TransitionRefused(_("There is no grant waiting for your answer."))
    if decision.accept_deadline and timezone.localdate() > decision.accept_deadline:
        raise ValidationError(
            _(
                "The deadline to answer was %(date)s. Contact the case handler if you still "
                "want the grant."
            )
            % {"date": date_format(decision.accept_deadline, "j. F Y")}
        )
    # A declined grant no longer binds the budget: the offer stays on the decision, and
    # the application's granted amount is 0, so the ledger, the public list and the
    # statistics count it nowhere, also after the case is closed.
    fields = {"amount_granted": 0} if to == S.DECLINED else {}
    workflow.move(application, to, by=None, **fields)
    decision.responded_at = timezone.now()
    decision._history_user = None
    decision.save()
    return decision


@transaction.atomic
def grant_accept(*, application: Application) -> Decision:
    """The applicant accepts the grant (and its conditions) before the deadline."""
    return _answer(application, S.ACCEPTED)


@transaction.atomic
def grant_decline(*, application: Application) -> Decision:
    """The applicant says no thanks; the money goes back to the area's pot."""
    return _answer(application, S.DECLINED)


# --- Appeals ------------------------------------------------------------------------------


def _appeal_mail(application: Application, appeal: Appeal, step: str) -> None:
    mail_applicant(
        application,
        "appeal",
        step=step,
        within_deadline=appeal.within_deadline,
        outcome=appeal.outcome,
        link=access.link_url(access.issue_link(application)),
    )


APPEAL_REFUSALS = {
    Appeal.Status.RECEIVED: gettext_lazy(
        "There is already an appeal on this decision that is not decided yet. We tell you "
        "by e-mail when it is; you can write to us if you have more to add."
    ),
    Appeal.Status.FORWARDED: gettext_lazy(
        "There is already an appeal on this decision that is not decided yet. We tell you "
        "by e-mail when it is; you can write to us if you have more to add."
    ),
    Appeal.Status.UPHELD: gettext_lazy(
        "The appeal on this decision was upheld, and the application is being assessed "
        "again. You can appeal the new decision when it comes."
    ),
    Appeal.Status.DECIDED: gettext_lazy(
        "The appeal body has decided on the appeal against this decision. Its decision is "
        "final and cannot be appealed."
    ),
}


@transaction.atomic
def appeal_receive(*, application: Application, grounds: str, by=None) -> Appeal:
    """Record an appeal on the current decision, from the applicant's page (`by` None) or
    registered by a handler when it came by post. A late appeal is still received, but
    marked as late: the appeal body may refuse to consider it (fvl § 31). A decision is
    appealed once: a second appeal is refused while the first is open, after it was upheld
    (a new decision is being made, which can be appealed in turn) and after the appeal
    body decided (its decision cannot be appealed, fvl § 28)."""
    application = workflow.lock(application)
    decision = current_decision(application)
    if decision is None:
        raise TransitionRefused(_("There is no decision to appeal."))
    earlier = decision.appeals.order_by("-received_at").first()
    if earlier is not None:
        raise TransitionRefused(APPEAL_REFUSALS[earlier.status])
    deadline = decision.appeal_deadline
    appeal = Appeal(
        application=application,
        decision=decision,
        grounds=(grounds or "").strip(),
        within_deadline=deadline is None or timezone.localdate() <= deadline,
    )
    appeal.full_clean()
    appeal._history_user = by
    appeal.save()
    workflow.record(
        application,
        CaseEvent.Kind.APPEAL,
        by=by,
        note=_("Appeal received.") if appeal.within_deadline else _("Appeal received late."),
    )
    _appeal_mail(application, appeal, "received")
    return appeal


def _lock_appeal(appeal: Appeal) -> tuple[Application, Appeal]:
    application = workflow.lock(appeal.application)
    return application, Appeal.objects.select_for_update().get(pk=appeal.pk)


def _appeal_step(
    application: Application, appeal: Appeal, *, by, to: str, text: str, note: str, step: str
) -> Appeal:
    """Move the (locked) appeal to `to`, add `text` to its outcome, and tell the applicant."""
    if text:
        appeal.outcome = f"{appeal.outcome}\n\n{text}".strip() if appeal.outcome else text
    appeal.status = to
    appeal.handled_by = by
    appeal.handled_at = timezone.now()
    appeal.full_clean()
    appeal._history_user = by
    appeal.save()
    workflow.record(application, CaseEvent.Kind.APPEAL, by=by, note=note)
    _appeal_mail(application, appeal, step)
    return appeal


@transaction.atomic
def appeal_uphold(*, appeal: Appeal, by, text: str = "") -> Appeal:
    """Tatt til følge: the application goes back under review for a new decision."""
    application, appeal = _lock_appeal(appeal)
    require_impartial_handler(by, application)
    if appeal.status != Appeal.Status.RECEIVED:
        raise TransitionRefused(_("Only an appeal that has just been received can be upheld."))
    workflow.move(application, S.IN_REVIEW, by=by, note=_("Appeal upheld."))
    return _appeal_step(
        application,
        appeal,
        by=by,
        to=Appeal.Status.UPHELD,
        text=(text or "").strip(),
        note=_("Appeal upheld: the decision is reconsidered."),
        step="uphold",
    )


@transaction.atomic
def appeal_forward(*, appeal: Appeal, by, text: str) -> Appeal:
    """Oversendt klageinstansen: the decision stands; `text` says why."""
    application, appeal = _lock_appeal(appeal)
    require_impartial_handler(by, application)
    if appeal.status != Appeal.Status.RECEIVED:
        raise TransitionRefused(
            _("Only an appeal that has just been received can be sent to the appeal body.")
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write why the decision stands.")})
    return _appeal_step(
        application,
        appeal,
        by=by,
        to=Appeal.Status.FORWARDED,
        text=text,
        note=_("Appeal sent to the appeal body."),
        step="forward",
    )


@transaction.atomic
def appeal_record_result(*, appeal: Appeal, by, text: str) -> Appeal:
    """Avgjort: the appeal body's result, after the appeal was sent to it."""
    application, appeal = _lock_appeal(appeal)
    require_impartial_handler(by, application)
    if appeal.status != Appeal.Status.FORWARDED:
        raise TransitionRefused(
            _("Record the appeal body's result after the appeal has been sent to it.")
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the appeal body's result.")})
    return _appeal_step(
        application,
        appeal,
        by=by,
        to=Appeal.Status.DECIDED,
        text=text,
        note=_("The appeal body has decided."),
        step="decided",
    )
