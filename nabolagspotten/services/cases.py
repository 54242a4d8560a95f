"""Case handling before the decision: the handler's list, habilitet, taking a case into
review, the assessment, internal comments, asking the applicant for more information and
withdrawing the applicant's links. Decisions and appeals are in services/decisions.py.

The views check who may open a case (views/lookups.py). The services keep the domain's
own rules: only a handler who has declared impartiality in the case may act on it
(`require_impartial_handler`, forvaltningsloven § 6), and the case's state must allow
the step (`core.exceptions.TransitionRefused` when it does not). Any other refusal is a
`ValidationError` with a message for the form.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import (
    Count,
    DateField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import TransitionRefused
from nabolagspotten import access
from nabolagspotten.models import (
    Appeal,
    Application,
    Assessment,
    CaseEvent,
    ImpartialityDeclaration,
    InternalComment,
    Message,
)
from nabolagspotten.permissions import can_assess, can_handle_cases
from nabolagspotten.services import workflow
from nabolagspotten.services.mail import mail_applicant

S = Application.Status

# What a handler can take into review: the applicant's turn is over.
REVIEWABLE = [S.SUBMITTED, S.RESUBMITTED, S.ANSWERED]
# What waits for a case handler («Venter på deg»), by status: new, resubmitted and answered
# applications to take into review, accepted grants to pay, final reports to go through.
WAITING = {
    "new": S.SUBMITTED,
    "resubmitted": S.RESUBMITTED,
    "answered": S.ANSWERED,
    "accepted": S.ACCEPTED,
    "reported": S.REPORTED,
}
REPORT_FILTERS = {"overdue"}
SORTS = {
    "submitted": "submitted_at",
    "-submitted": "-submitted_at",
    "amount": "amount_requested",
    "-amount": "-amount_requested",
    "waiting": "waiting_since",
}


def waiting_since():
    """When the case came into its present status: the time of the last step to it on the
    timeline (or its last change, for a case without one)."""
    step = CaseEvent.objects.filter(
        application=OuterRef("pk"), kind=CaseEvent.Kind.STATUS, to_status=OuterRef("status")
    ).order_by("-at", "-pk")
    return Coalesce(Subquery(step.values("at")[:1]), F("updated_at"))


def report_due():
    """The final report's due date in SQL: the activity's end plus the round's days
    (services/followup.report_due_on)."""
    return ExpressionWrapper(
        F("ends_on") + F("round__report_within_days"), output_field=DateField()
    )


def report_overdue(today=None) -> Q:
    """Paid out, no final report, and its due date has passed."""
    return Q(status=S.PAID, report_due__lt=today or timezone.localdate())


def case_list(
    *,
    round_=None,
    area=None,
    status: str = "",
    report: str = "",
    text: str = "",
    include_drafts: bool = False,
    sort: str = "-submitted",
) -> QuerySet:
    """The handler's list, filtered and sorted; one query per page however many rows."""
    applications = Application.objects.select_related("round", "area").annotate(
        report_due=report_due()
    )
    if not include_drafts:
        applications = applications.exclude(status=S.DRAFT)
    if round_ is not None:
        applications = applications.filter(round=round_)
    if area is not None:
        applications = applications.filter(area=area)
    if status:
        applications = applications.filter(status=status)
    if report == "overdue":
        applications = applications.filter(report_overdue())
    text = text.strip()
    if text:
        applications = applications.filter(
            Q(reference__icontains=text)
            | Q(title__icontains=text)
            | Q(applicant_name__icontains=text)
            | Q(contact_name__icontains=text)
            | Q(email__icontains=text)
        )
    order = SORTS.get(sort, SORTS["-submitted"])
    field = order.lstrip("-")
    if field == "waiting_since":
        applications = applications.annotate(waiting_since=waiting_since())
    expression = (
        F(field).desc(nulls_last=True) if order.startswith("-") else F(field).asc(nulls_last=True)
    )
    return applications.order_by(expression, "-pk")


def waiting_for(user) -> dict:
    """What waits for a case handler (or the programme leader), in two queries whatever the
    number of cases: for each of `WAITING` how many and since when (`<key>_since`, the
    oldest), the final reports overdue and the earliest due date (`reports_overdue`,
    `reports_overdue_since`), and the appeals received but not yet handled, with the
    oldest (`appeals`, `appeals_since`). Zeros for staff who do not handle cases."""
    keys = [*WAITING, "reports_overdue", "appeals"]
    if not can_handle_cases(user):
        return {**dict.fromkeys(keys, 0), **{f"{key}_since": None for key in keys}}
    today = timezone.localdate()
    overdue = report_overdue(today)
    counts = {}
    for key, status in WAITING.items():
        counts[key] = Count("pk", filter=Q(status=status))
        counts[f"{key}_since"] = Min("since", filter=Q(status=status))
    counts["reports_overdue"] = Count("pk", filter=overdue)
    counts["reports_overdue_since"] = Min("report_due", filter=overdue)
    waiting = (
        Application.objects.filter(status__in=[*WAITING.values(), S.PAID])
        .annotate(since=waiting_since(), report_due=report_due())
        .aggregate(**counts)
    )
    appeals = Appeal.objects.filter(status=Appeal.Status.RECEIVED).aggregate(
        appeals=Count("pk"), appeals_since=Min("received_at")
    )
    return {**waiting, **appeals}


def require_impartial_handler(user, application: Application) -> None:
    """The rule of habilitet: only a case handler who has declared that they are impartial
    in this case may assess it, ask for information, comment or decide; PermissionDenied
    for anyone else, also when the view let them in."""
    if not can_assess(user, application):
        raise PermissionDenied


@transaction.atomic
def impartiality_declare(
    *, application: Application, by, impartial: bool, note: str = ""
) -> ImpartialityDeclaration:
    """Record the handler's habilitet for this case (once; it cannot be changed here)."""
    if application.declarations.filter(handler=by).exists():
        raise ValidationError(_("You have already declared your impartiality in this case."))
    if not impartial and not note.strip():
        raise ValidationError(
            {"note": _("Say briefly why you are not impartial, e.g. a family tie or a role.")}
        )
    declaration = ImpartialityDeclaration(
        application=application, handler=by, impartial=impartial, note=note.strip()
    )
    declaration.full_clean()
    declaration._history_user = by
    declaration.save()
    return declaration


@transaction.atomic
def review_start(*, application: Application, by) -> Application:
    """Sendt inn, sendt inn igjen or svar mottatt → under behandling."""
    require_impartial_handler(by, application)
    application = workflow.lock(application)
    if application.status not in REVIEWABLE:
        raise TransitionRefused(
            _(
                "Only a submitted or resubmitted application, or one the applicant has "
                "answered, can be taken into review."
            )
        )
    return workflow.move(application, S.IN_REVIEW, by=by)


@transaction.atomic
def assessment_save(
    *,
    application: Application,
    by,
    notes: str,
    recommendation: str,
    suggested_amount: int | None = None,
) -> Assessment:
    """The handler's own assessment against the round's criteria (one each, editable)."""
    require_impartial_handler(by, application)
    if application.status not in Application.OPEN_STATUSES:
        raise ValidationError(_("The assessment can only be changed before the decision."))
    if suggested_amount is not None and suggested_amount > application.amount_requested:
        raise ValidationError(
            {"suggested_amount": _("The suggested amount is more than the applicant asks for.")}
        )
    assessment = Assessment.objects.filter(application=application, handler=by).first()
    if assessment is None:
        assessment = Assessment(application=application, handler=by)
    assessment.notes = notes
    assessment.recommendation = recommendation
    assessment.suggested_amount = suggested_amount
    assessment.full_clean()
    assessment._history_user = by
    assessment.save()
    return assessment


@transaction.atomic
def comment_add(*, application: Application, by, body: str) -> InternalComment:
    """A note for the other handlers; the applicant never sees it."""
    require_impartial_handler(by, application)
    comment = InternalComment(application=application, author=by, body=body)
    comment.full_clean()
    comment._history_user = by
    comment.save()
    return comment


def _link_for(application: Application) -> str:
    return access.link_url(access.issue_link(application))


@transaction.atomic
def info_request(*, application: Application, by, message: str) -> Message:
    """Under behandling → mer informasjon etterspurt: the message goes to the applicant
    by e-mail with a fresh personal link; they edit and send the application again."""
    require_impartial_handler(by, application)
    application = workflow.lock(application)
    if application.status != S.IN_REVIEW:
        raise TransitionRefused(
            _("You can ask for more information only while the application is under review.")
        )
    item = Message(
        application=application,
        direction=Message.Direction.TO_APPLICANT,
        author=by,
        body=message,
    )
    item.full_clean()
    item.save()
    workflow.move(application, S.INFO_REQUESTED, by=by, note=message)
    workflow.record(application, CaseEvent.Kind.LINK_SENT, by=by)
    mail_applicant(application, "info_requested", message=message, link=_link_for(application))
    return item


@transaction.atomic
def links_revoke(*, application: Application, by) -> int:
    """Withdraw every personal link to the case (e.g. when the e-mail address was wrong)."""
    count = access.revoke_links(application)
    workflow.record(
        application,
        CaseEvent.Kind.LINK_SENT,
        by=by,
        note=_("The personal links were withdrawn."),
        visible_to_applicant=False,
    )
    return count
