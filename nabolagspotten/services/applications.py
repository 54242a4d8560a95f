"""The applicant's side of a case: start a draft (and send the personal link), save each
step, attachments, send the application (checking it is complete), withdraw it, answer
the handler, ask for new links, and change the contact e-mail address (which takes effect
only when confirmed from the new address). Applicants have no account: `by` is always None.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.exceptions import TransitionRefused
from nabolagspotten import access
from nabolagspotten.forms.uploads import check_upload, clean_name
from nabolagspotten.models import (
    Application,
    ApplicationBudgetLine,
    Attachment,
    CaseEvent,
    Message,
    Round,
)
from nabolagspotten.services import workflow
from nabolagspotten.services.mail import mail_applicant, mail_handlers

S = Application.Status
MAX_ATTACHMENTS = 10
STEP_FIELDS = {
    1: [
        "applicant_kind",
        "organisation_number",
        "applicant_name",
        "contact_name",
        "email",
        "phone",
    ],
    2: [
        "area",
        "location",
        "title",
        "description",
        "target_group",
        "starts_on",
        "ends_on",
        "expected_participants",
    ],
    3: ["resident_involvement", "volunteer_hours", "partners"],
    4: ["own_contribution"],
    6: ["read_privacy_notice", "understands_public", "exemption_request"],
}


def open_rounds(on=None):
    """Rounds open for applications today, soonest closing first (rolling last)."""
    return Round.objects.open(on).order_by("closes_on", "name")


def _check_editable(application: Application) -> None:
    if not application.is_editable_by_applicant:
        raise ValidationError(
            _("The application can no longer be changed (it is «%(status)s»).")
            % {"status": application.get_status_display()}
        )


def _save(application: Application) -> None:
    application.full_clean()
    application._history_user = None
    application.save()


def _mail_links(application: Application, links: list[dict]) -> None:
    """E-mail personal links (what they are, how long they work, not to share them)."""
    mail_applicant(
        application,
        "link",
        links=links,
        days=settings.NABOLAGSPOTTEN_LINK_DAYS,
        request_url=settings.SITE_URL + reverse("nabolagspotten:request_link"),
    )


def _send_link(application: Application, token: str) -> None:
    link = {
        "reference": application.reference,
        "title": application.title or "",
        "url": access.link_url(token),
    }
    _mail_links(application, [link])
    workflow.record(
        application, CaseEvent.Kind.LINK_SENT, note=_("A personal link was sent by e-mail.")
    )


@transaction.atomic
def application_start(
    *,
    round: Round,
    applicant_kind: str,
    organisation_number: str = "",
    applicant_name: str,
    contact_name: str,
    email: str,
    phone: str = "",
) -> tuple[Application, access.AccessLink]:
    """Create the draft, issue a personal link and e-mail it. Returns the application and
    the link this browser session holds (already used: the e-mailed link is another one,
    for coming back later)."""
    if not round.is_open():
        raise ValidationError({"round": _("This round is not open for applications.")})
    application = Application(
        reference=workflow.new_reference(timezone.localdate().year),
        round=round,
        status=S.DRAFT,
        applicant_kind=applicant_kind,
        organisation_number=(
            organisation_number if applicant_kind == Application.ApplicantKind.ORGANISATION else ""
        ),
        applicant_name=applicant_name,
        contact_name=contact_name,
        email=email,
        phone=phone,
    )
    _save(application)
    _send_link(application, access.issue_link(application))
    return application, access.session_link(application)


@transaction.atomic
def application_update(*, application: Application, **fields) -> Application:
    """Save one step's fields to an application the applicant may still change. A new
    e-mail address does not take effect here: see `email_change_request`."""
    application = workflow.lock(application)
    _check_editable(application)
    if fields.get("applicant_kind") == Application.ApplicantKind.GROUP:
        fields["organisation_number"] = ""
    email = fields.pop("email", None)
    for name, value in fields.items():
        setattr(application, name, value)
    if (
        application.area_id
        and not application.round.areas.filter(area_id=application.area_id).exists()
    ):
        raise ValidationError({"area": _("Choose one of the round's areas.")})
    _save(application)
    if email is not None:
        email_change_request(application=application, email=email)
        application.refresh_from_db()
    return application


# --- Changing the e-mail address ----------------------------------------------------------
#
# Whoever holds a session (or a leaked link) must not be able to send every future letter
# elsewhere unnoticed. A new address is kept as `pending_email`; a confirmation link goes to
# the new address and a notice to the old one. Only the confirmation makes it the address
# letters go to; until then they go to the old one.

EMAIL_SALT = "nabolagspotten.email-change"


def _same_address(first: str, second: str) -> bool:
    return (first or "").strip().lower() == (second or "").strip().lower()


def email_confirm_url(token: str) -> str:
    """The confirmation link; as with personal links, the token is in the fragment."""
    return f"{settings.SITE_URL}{reverse('nabolagspotten:confirm_email')}#{token}"


@transaction.atomic
def email_change_request(*, application: Application, email: str) -> bool:
    """Ask for `email` as the new contact address. Returns True when a confirmation was
    sent (False when nothing changed). Typing the current address again cancels a
    pending change; the pending address again sends nothing new."""
    application = workflow.lock(application)
    email = (email or "").strip()
    if _same_address(email, application.email):
        if application.pending_email:
            application.pending_email, application.pending_email_at = "", None
            _save(application)
        return False
    if _same_address(email, application.pending_email):
        return False
    old = application.email
    application.pending_email = email
    application.pending_email_at = timezone.now()
    _save(application)
    token = signing.dumps({"a": application.pk, "e": email.lower()}, salt=EMAIL_SALT)
    mail_applicant(
        application,
        "email_confirm",
        to=email,
        url=email_confirm_url(token),
        days=settings.NABOLAGSPOTTEN_LINK_DAYS,
    )
    mail_applicant(
        application,
        "email_change_notice",
        to=old,
        new_email=email,
        contact=settings.PROGRAMME_CONTACT_EMAIL,
    )
    workflow.record(
        application,
        CaseEvent.Kind.EMAIL,
        note=_(
            "A new e-mail address was asked for. It takes effect when it is confirmed from "
            "the new address; the old address was told."
        ),
    )
    return True


class EmailChangeInvalid(ValidationError):
    """The confirmation link does not (or no longer) confirm anything."""


@transaction.atomic
def email_change_confirm(*, token: str) -> Application:
    """Make the pending address the contact address, from the link sent to it. The
    earlier links nobody has opened (they went to the old address) stop working."""
    try:
        data = signing.loads(
            token, salt=EMAIL_SALT, max_age=timedelta(days=settings.NABOLAGSPOTTEN_LINK_DAYS)
        )
    except signing.SignatureExpired:
        raise EmailChangeInvalid(
            _("The confirmation link has expired. Change the address again to get a new one.")
        ) from None
    except signing.BadSignature:
        raise EmailChangeInvalid(
            _("The confirmation link is not valid. Check that you copied all of it.")
        ) from None
    application = (
        Application.objects.select_for_update()
        .filter(pk=data.get("a"), anonymised_at__isnull=True)
        .first()
    )
    if (
        application is None
        or not application.pending_email
        or not _same_address(application.pending_email, data.get("e", ""))
    ):
        raise EmailChangeInvalid(
            _(
                "The confirmation link no longer works: the address is already confirmed, "
                "or another change has been asked for since."
            )
        )
    application.email = application.pending_email
    application.pending_email, application.pending_email_at = "", None
    _save(application)
    access.revoke_unopened_links(application)
    workflow.record(
        application,
        CaseEvent.Kind.EMAIL,
        note=_("The new e-mail address is confirmed. Letters now go there."),
    )
    return application


@transaction.atomic
def budget_save(
    *, application: Application, lines: list[tuple[str, int]], own_contribution: int
) -> Application:
    """Replace the budget lines; the amount applied for is their sum (≤ the round's max)."""
    application = workflow.lock(application)
    _check_editable(application)
    total = sum(amount for _text, amount in lines)
    if total > application.round.max_grant:
        raise ValidationError(
            _(
                "You apply for %(total)s kr in all, but the most one application can get in "
                "this round is %(max)s kr. Reduce the amounts."
            )
            % {
                "total": f"{total:,}".replace(",", " "),
                "max": f"{application.round.max_grant:,}".replace(",", " "),
            }
        )
    for line in application.budget_lines.all():
        line._history_user = None
        line.delete()
    for description, amount in lines:
        line = ApplicationBudgetLine(
            application=application, description=description, amount=amount
        )
        line.full_clean()
        line._history_user = None
        line.save()
    application.own_contribution = own_contribution or 0
    application.amount_requested = total
    _save(application)
    return application


@transaction.atomic
def attachment_add(*, application: Application, uploaded_file) -> Attachment:
    application = workflow.lock(application)
    _check_editable(application)
    content_type = check_upload(uploaded_file)
    if application.attachments.filter(purpose=Attachment.Purpose.APPLICATION).count() >= (
        MAX_ATTACHMENTS
    ):
        raise ValidationError(
            {"file": _("You can upload at most %(max)s files.") % {"max": MAX_ATTACHMENTS}}
        )
    attachment = Attachment(
        application=application,
        purpose=Attachment.Purpose.APPLICATION,
        token=secrets.token_urlsafe(24),
        original_name=clean_name(uploaded_file.name),
        content_type=content_type,
        size=uploaded_file.size,
    )
    attachment.file.save(attachment.token, uploaded_file, save=False)
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, application: Application, token: str) -> None:
    application = workflow.lock(application)
    _check_editable(application)
    attachment = application.attachments.filter(
        token=token, purpose=Attachment.Purpose.APPLICATION
    ).first()
    if attachment is None:
        raise ValidationError(_("The file was not found."))
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


def missing_items(application: Application) -> list[tuple[int, str]]:
    """What must be filled in before the application can be sent: (step, message)."""
    missing = []
    a = application
    if a.applicant_kind == Application.ApplicantKind.ORGANISATION and not a.organisation_number:
        missing.append((1, _("The organisation number is missing.")))
    for step, field, message in [
        (1, "applicant_name", _("The name of the organisation or group is missing.")),
        (1, "contact_name", _("The contact person is missing.")),
        (1, "email", _("The e-mail address is missing.")),
        (2, "area", _("Choose the area.")),
        (2, "title", _("The title of the activity is missing.")),
        (2, "description", _("Describe what you want to do.")),
        (2, "target_group", _("Describe who the activity is for.")),
        (2, "starts_on", _("The start date is missing.")),
        (2, "ends_on", _("The end date is missing.")),
        (3, "resident_involvement", _("Describe how residents take part.")),
    ]:
        if not getattr(a, field if field != "area" else "area_id"):
            missing.append((step, message))
    if a.starts_on and a.ends_on and a.ends_on < a.starts_on:
        missing.append((2, _("The end date cannot be before the start date.")))
    if a.amount_requested < 1:
        missing.append((4, _("Add at least one budget line with an amount.")))
    elif a.amount_requested > a.round.max_grant:
        missing.append((4, _("The amount applied for is more than the round's largest grant.")))
    if not a.read_privacy_notice:
        missing.append((6, _("Confirm that you have read the privacy notice.")))
    if not a.understands_public:
        missing.append((6, _("You must confirm that you understand applications are public.")))
    return missing


def processing_time_text() -> str:
    """The usual processing time, for the receipt (page and e-mail)."""
    weeks = settings.NABOLAGSPOTTEN_PROCESSING_WEEKS
    return ngettext(
        "We usually answer within %(weeks)s week of receiving the application.",
        "We usually answer within %(weeks)s weeks of receiving the application.",
        weeks,
    ) % {"weeks": weeks}


def _is_first_time(application: Application) -> bool:
    earlier = Application.objects.filter(submitted_at__isnull=False).exclude(pk=application.pk)
    if application.organisation_number:
        earlier = earlier.filter(organisation_number=application.organisation_number)
    else:
        earlier = earlier.filter(email__iexact=application.email)
    return not earlier.exists()


class Incomplete(ValidationError):
    """The application is not complete; `items` lists (step, message)."""

    def __init__(self, items):
        super().__init__([message for _step, message in items])
        self.items = items


@transaction.atomic
def application_submit(*, application: Application, message: str = "") -> Application:
    """Send the application (utkast → sendt inn), or send it again after the handler asked
    for more information (→ sendt inn igjen, with an optional message)."""
    application = workflow.lock(application)
    if application.status not in (S.DRAFT, S.INFO_REQUESTED, S.ANSWERED):
        raise TransitionRefused(_("The application has already been sent."))
    items = missing_items(application)
    if items:
        raise Incomplete(items)
    now = timezone.now()
    if application.status == S.DRAFT:
        if not application.round.is_open():
            raise ValidationError(
                _("The round closed on %(date)s. The application can no longer be sent.")
                % {"date": application.round.closes_on.strftime("%d.%m.%Y")}
            )
        application = workflow.move(
            application,
            S.SUBMITTED,
            note=_("The application was sent."),
            first_time=_is_first_time(application),
            submitted_at=now,
        )
        resubmitted = False
    else:
        if message.strip():
            body = Message(
                application=application, direction=Message.Direction.FROM_APPLICANT, body=message
            )
            body.full_clean()
            body.save()
        application = workflow.move(
            application, S.RESUBMITTED, note=_("The application was sent again.")
        )
        resubmitted = True
    mail_applicant(
        application,
        "submitted",
        round=application.round.name,
        amount=application.amount_requested,
        resubmitted=resubmitted,
        weeks=settings.NABOLAGSPOTTEN_PROCESSING_WEEKS,
        request_url=settings.SITE_URL + reverse("nabolagspotten:request_link"),
    )
    return application


WITHDRAWABLE = [S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.INFO_REQUESTED, S.RESUBMITTED, S.ANSWERED]


@transaction.atomic
def application_withdraw(*, application: Application) -> Application:
    """Trukket: the applicant withdraws the application before the decision."""
    application = workflow.lock(application)
    if application.status not in WITHDRAWABLE:
        raise TransitionRefused(_("An application can only be withdrawn before the decision."))
    return workflow.move(
        application, S.WITHDRAWN, note=_("The applicant withdrew the application.")
    )


@transaction.atomic
def message_send(*, application: Application, body: str) -> Message:
    """The applicant's answer to the handler (when more information is requested): the case
    moves to svar mottatt and the handlers are told by e-mail. The applicant may still
    change and resend the application until a handler takes it into review again."""
    application = workflow.lock(application)
    if application.status != S.INFO_REQUESTED:
        raise TransitionRefused(_("You can send a message when the case handler has asked you."))
    message = Message(
        application=application, direction=Message.Direction.FROM_APPLICANT, body=body
    )
    message.full_clean()
    message.save()
    workflow.record(application, CaseEvent.Kind.MESSAGE, note=_("The applicant sent a message."))
    workflow.move(application, S.ANSWERED)
    mail_handlers(application, "answer_received")
    return message


@transaction.atomic
def links_send_new(*, email: str, reference: str = "") -> int:
    """E-mail a fresh link for every application of this address (one e-mail); each new
    link revokes that application's earlier unopened links (access.issue_link). Returns
    how many; the caller must answer the same whatever the number."""
    applications = Application.objects.filter(
        email__iexact=email.strip(), anonymised_at__isnull=True
    ).exclude(status=S.WITHDRAWN)
    reference = (reference or "").strip().upper()
    if reference:
        applications = applications.filter(reference=reference)
    applications = list(applications.order_by("-created_at")[:20])
    if not applications:
        return 0
    links = []
    for application in applications:
        token = access.issue_link(application)
        links.append(
            {
                "reference": application.reference,
                "title": application.title or "",
                "url": access.link_url(token),
            }
        )
        workflow.record(
            application, CaseEvent.Kind.LINK_SENT, note=_("A new personal link was sent by e-mail.")
        )
    _mail_links(applications[0], links)
    return len(applications)


def public_grants():
    """Cases whose grant binds the budget, with only what may be published."""
    return (
        Application.objects.filter(status__in=Application.COMMITTED_STATUSES, amount_granted__gt=0)
        .select_related("round", "area")
        .only(
            "reference",
            "applicant_name",
            "title",
            "amount_granted",
            "round__name",
            "round__year",
            "area__name",
            "status",
            "decided_at",
        )
        .order_by("-round__year", "round__name", "area__name", "applicant_name", "pk")
    )
