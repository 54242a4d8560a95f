"""Sending a plan to the programme board and recording the board's comments and decision,
for any plan built on `portfolio.models.BoardPlan`: the annual action plan
(`portfolio.services.plans`) and the benefit-realisation plans (`benefits.services.plans`).

Each submission freezes the plan as a numbered JSON snapshot, so the board decides on
exactly what it saw; the plan can then change into its next version. The caller locks the
plan, checks what its own kind of plan needs before it can go, and builds the snapshot.

Shared too: telling the board's members by e-mail that a version waits for them
(`tell_the_board`, one message to each member, with the caller's templates), and the
approved version's PDF, made once by a background task after the decision commits
(`queue_pdf`, `pdf_render`; the concrete submission has a `pdf` FileField).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.exceptions import TransitionRefused
from core.files import store_once
from core.mail import queue_email
from core.pdf import render_pdf
from portfolio.models import BoardPlan, BoardSubmission

EDITABLE = (BoardPlan.Status.DRAFT, BoardPlan.Status.SENT_BACK)
APPROVED_DECISIONS = (
    BoardSubmission.Decision.APPROVED,
    BoardSubmission.Decision.APPROVED_WITH_CONDITIONS,
)


def _save(instance, by) -> None:
    instance._history_user = by  # simple-history records who saved, also outside a request
    instance.save()


def refuse_unless_editable(plan: BoardPlan) -> None:
    if plan.status not in EDITABLE:
        raise TransitionRefused(
            _("The plan has already been sent to the programme board (status: %(status)s).")
            % {"status": plan.get_status_display()}
        )


def submission_freeze(*, plan: BoardPlan, content: dict, by) -> BoardSubmission:
    """Freeze `content` as the plan's next numbered submission and mark the plan as sent.
    Call it inside a transaction with the plan locked (select_for_update)."""
    refuse_unless_editable(plan)
    model = plan.submissions.model
    previous = plan.submissions.aggregate(number=Max("number"))["number"] or 0
    submission = model(plan=plan, number=previous + 1, content=content, submitted_by=by)
    submission.full_clean()
    _save(submission, by)
    plan.status = BoardPlan.Status.SUBMITTED
    plan.version += 1  # a form opened before the plan was sent can no longer save over it
    _save(plan, by)
    return submission


def submission_comment(*, submission: BoardSubmission, by, text: str):
    """A board member's comment on a submission (call it inside a transaction)."""
    comment = submission.comments.model(submission=submission, author=by, text=text.strip())
    comment.full_clean()
    _save(comment, by)
    return comment


def submission_decide(
    *,
    submission: BoardSubmission,
    by,
    decision: str,
    meeting_date,
    decision_text: str,
    conditions: str = "",
) -> BoardSubmission:
    """Record the board's decision on the latest submission: approved, approved with
    conditions, or sent back (the plan can then be changed and sent again). Call it inside
    a transaction; it locks the submission and its plan."""
    submission = type(submission).objects.select_for_update().get(pk=submission.pk)
    plan_model = type(submission)._meta.get_field("plan").related_model
    plan = plan_model.objects.select_for_update().get(pk=submission.plan_id)
    if submission.decision:
        raise TransitionRefused(_("The board's decision on this version is already recorded."))
    latest = plan.submissions.aggregate(number=Max("number"))["number"]
    if submission.number != latest:
        raise TransitionRefused(
            _("Only the latest version (%(number)s) can be decided on.") % {"number": latest}
        )
    decision_text = (decision_text or "").strip()
    conditions = (conditions or "").strip()
    errors = {}
    if decision not in BoardSubmission.Decision.values:
        errors["decision"] = _("Choose the board's decision.")
    if meeting_date is None:
        errors["meeting_date"] = _("Give the date of the board meeting.")
    elif meeting_date > timezone.localdate():
        errors["meeting_date"] = _("The meeting date cannot be in the future.")
    elif meeting_date < timezone.localdate(submission.submitted_at):
        errors["meeting_date"] = _("The meeting cannot be before the plan was sent to the board.")
    if not decision_text:
        errors["decision_text"] = _("Write the decision as the board made it.")
    if decision == BoardSubmission.Decision.APPROVED_WITH_CONDITIONS and not conditions:
        errors["conditions"] = _("Write the conditions the board set for its approval.")
    elif conditions and decision != BoardSubmission.Decision.APPROVED_WITH_CONDITIONS:
        errors["conditions"] = _(
            "Conditions belong only with «approved with conditions». Choose that decision or "
            "empty this field."
        )
    if errors:
        raise ValidationError(errors)
    submission.decision = decision
    submission.meeting_date = meeting_date
    submission.decision_text = decision_text
    submission.conditions = conditions
    submission.decided_by = by
    submission.decided_at = timezone.now()
    submission.full_clean()
    _save(submission, by)
    plan.status = decision  # the plan's status values include the decisions
    plan.version += 1
    _save(plan, by)
    submission.plan = plan
    return submission


# --- Telling the board ------------------------------------------------------------------------


def board_members():
    """The active members of the programme board, who are told when a plan is sent."""
    return (
        get_user_model()
        .objects.filter(groups__name=Role.BOARD.value, is_active=True)
        .order_by("full_name")
    )


def tell_the_board(
    *, submission: BoardSubmission, subject_template: str, body_template: str, context: dict
) -> int:
    """E-mail each active board member (one message each, to their own address only) that
    `submission` waits for the board, once the transaction commits. `context` (JSON-able)
    gets the member's name and the submission's address added. Returns how many are told."""
    url = settings.SITE_URL + submission.get_absolute_url()
    members = list(board_members())
    for member in members:
        queue_email(
            to=[member.email],
            subject_template=subject_template,
            body_template=body_template,
            context={**context, "full_name": member.full_name, "url": url},
        )
    return len(members)


# --- The approved version as a PDF --------------------------------------------------------------


def queue_pdf(task, submission_id: int) -> None:
    """Queue `task` (a Celery task taking the submission's id) once the decision commits."""
    transaction.on_commit(lambda: task.delay(submission_id))


def pdf_render(submission: BoardSubmission, *, template: str, context: dict, filename: str):
    """Render the approved version's PDF from `template` (in Norwegian) and store it in the
    submission's `pdf`, unless it is stored already: the decision it shows never changes,
    so it is made once. Raises core.pdf.PdfUnavailable without WeasyPrint's libraries."""
    if submission.pdf:
        return submission
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return store_once(submission, "pdf", filename=filename, content=render_pdf(html))


def pdfs_missing(model):
    """The approved versions of `model` (a concrete submission) whose PDF is not made yet."""
    return model.objects.filter(decision__in=APPROVED_DECISIONS, pdf="").order_by("pk")
