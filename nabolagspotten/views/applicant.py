"""The applicant's own pages, reached without an account through the personal link
(access.py): the application's steps 1-7 (7 is the summary with «Send the application»),
attachments, sending, withdrawing, the case page with messages, the timeline and «all data
we hold about you», and leaving the page. Another applicant's case is always a 404."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import add_service_errors
from core.ratelimit import over_limit, too_many
from nabolagspotten import access
from nabolagspotten.forms.application import (
    ActivityForm,
    ApplicantForm,
    AttachmentForm,
    BudgetLineFormSet,
    InvolvementForm,
    MessageForm,
    OwnContributionForm,
    PrivacyForm,
    SubmitForm,
)
from nabolagspotten.models import (
    Application,
    Attachment,
    CaseEvent,
    Decision,
    FinalReport,
    Message,
    PersonalDataAccess,
)
from nabolagspotten.services import applications as service
from nabolagspotten.services.applications import processing_time_text
from nabolagspotten.views.downloads import attachment_response
from nabolagspotten.views.lookups import _get_application_for_applicant

S = Application.Status
TOTAL_STEPS = 7
STEP_TITLES = {
    1: gettext_lazy("Who is applying"),
    2: gettext_lazy("The activity"),
    3: gettext_lazy("The residents' part"),
    4: gettext_lazy("Money"),
    5: gettext_lazy("Attachments"),
    6: gettext_lazy("Privacy and openness"),
    7: gettext_lazy("Check and send"),
}
FORMS = {1: ApplicantForm, 2: ActivityForm, 3: InvolvementForm, 6: PrivacyForm}
MIN_LINES = 3
UPLOAD_LIMIT = 30  # uploads per IP per hour
TOO_MANY = "nabolagspotten/public/too_many.html"

STATUS_TEXT = {
    S.DRAFT: gettext_lazy(
        "The application is a draft and has not been sent. Finish it and send it when you "
        "are ready."
    ),
    S.SUBMITTED: gettext_lazy(
        "We have received the application. A case handler will look at it soon."
    ),
    S.IN_REVIEW: gettext_lazy(
        "A case handler is assessing the application against the round's criteria."
    ),
    S.INFO_REQUESTED: gettext_lazy(
        "The case handler needs more information. Read the message below, change the "
        "application if needed and send it again."
    ),
    S.RESUBMITTED: gettext_lazy(
        "You have sent the application again. The case handler will continue the assessment."
    ),
    S.ANSWERED: gettext_lazy(
        "We have received your answer. The case handler will continue the assessment. "
        "Until then you can still change the application and send it again."
    ),
    S.GRANTED: gettext_lazy(
        "The application is granted. Read the decision and answer by the deadline."
    ),
    S.PARTLY_GRANTED: gettext_lazy(
        "The application is partly granted. Read the decision and answer by the deadline."
    ),
    S.REFUSED: gettext_lazy("The application is refused. The decision says why and how to appeal."),
    S.ACCEPTED: gettext_lazy("You have accepted the grant. The money will be paid out."),
    S.DECLINED: gettext_lazy("You have declined the grant."),
    S.PAID: gettext_lazy(
        "The grant is paid. After the activity, send the final report by the due date."
    ),
    S.REPORTED: gettext_lazy("We have received the final report. Thank you!"),
    S.CLOSED: gettext_lazy("The case is closed."),
    S.WITHDRAWN: gettext_lazy("You have withdrawn the application."),
}


def _email_pending_text(application) -> str:
    return _(
        "We have sent a link to %(new)s. The new address takes effect when you confirm it "
        "from there; until then we write to %(old)s, and we have told that address too."
    ) % {"new": application.pending_email, "old": application.email}


def _no_longer_editable(request, application) -> HttpResponse:
    """Back to the applicant's page, with a note: the application has been sent."""
    messages.info(request, _("The application has been sent and can no longer be changed."))
    return redirect(application.get_applicant_url())


def _steps(application, current):
    return [
        {
            "number": number,
            "title": title,
            "url": reverse("nabolagspotten:apply_step", args=[application.reference, number]),
            "current": number == current,
        }
        for number, title in STEP_TITLES.items()
    ]


def _render_step(request, application, step, context, status=200):
    context = {
        "application": application,
        "step": step,
        "total_steps": TOTAL_STEPS,
        "step_title": STEP_TITLES[step],
        "steps": _steps(application, step),
        **context,
    }
    return render(request, f"nabolagspotten/applicant/step_{step}.html", context, status=status)


def _next(request, application, step):
    if request.POST.get("action") == "later":
        messages.success(
            request,
            _(
                "The draft is saved. To continue later, use the newest link we have e-mailed "
                "you, or ask for a new one."
            ),
        )
        return redirect("nabolagspotten:applicant_page", reference=application.reference)
    return redirect("nabolagspotten:apply_step", reference=application.reference, step=step + 1)


def _budget_formset(application, data=None, extra=0):
    lines = [
        {"description": line.description, "amount": line.amount}
        for line in application.budget_lines.all()
    ]
    rows = max(MIN_LINES, len(lines)) + extra
    initial = lines + [{} for _ in range(rows - len(lines))]
    return BudgetLineFormSet(data, initial=initial if data is None else None, prefix="linjer")


def _money_step(request, application):
    require = request.POST.get("action") != "later"
    extra = 1 if "add_line" in request.POST else 0
    if request.method != "POST":
        try:
            more = max(0, min(int(request.GET.get("flere", 0)), 20))
        except ValueError:
            more = 0
        formset = _budget_formset(application, extra=more)
        form = OwnContributionForm(instance=application)
        return _render_step(request, application, 4, {"form": form, "formset": formset})
    formset = _budget_formset(application, data=request.POST)
    form = OwnContributionForm(request.POST, instance=application, require=require)
    if formset.is_valid() and form.is_valid():
        lines = formset.lines()
        if require and not extra and not lines:
            formset.refuse([_("Add at least one budget line with an amount.")])
        else:
            try:
                service.budget_save(
                    application=application,
                    lines=lines,
                    own_contribution=form.cleaned_data.get("own_contribution") or 0,
                )
            except ValidationError as error:
                formset.refuse(error.messages)
            else:
                if extra:
                    url = reverse("nabolagspotten:apply_step", args=[application.reference, 4])
                    shown = max(MIN_LINES, len(lines))
                    more = max(0, formset.total_form_count() - shown) + 1
                    return redirect(f"{url}?flere={more}#linjer")
                return _next(request, application, 4)
    application.refresh_from_db()
    return _render_step(request, application, 4, {"form": form, "formset": formset}, status=400)


def _attachments(application):
    return application.attachments.filter(purpose=Attachment.Purpose.APPLICATION)


def _attachment_step(request, application):
    form = AttachmentForm(max_mb=settings.NABOLAGSPOTTEN_MAX_UPLOAD_MB)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") in ("next", "later") and not request.FILES:
            return _next(request, application, 5)
        if over_limit(request, "upload", limit=UPLOAD_LIMIT):
            return too_many(request, template=TOO_MANY)
        form = AttachmentForm(
            request.POST, request.FILES, max_mb=settings.NABOLAGSPOTTEN_MAX_UPLOAD_MB
        )
        if form.is_valid():
            try:
                attachment = service.attachment_add(
                    application=application, uploaded_file=form.cleaned_data["file"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("«%(name)s» is uploaded.") % {"name": attachment.original_name}
                )
                return redirect(
                    "nabolagspotten:apply_step", reference=application.reference, step=5
                )
        status = 400
    context = {"form": form, "attachments": list(_attachments(application))}
    return _render_step(request, application, 5, context, status=status)


def _summary_context(application):
    return {
        "lines": list(application.budget_lines.all()),
        "attachments": list(_attachments(application)),
        "missing": service.missing_items(application),
        "submit_form": SubmitForm(),
        "resubmission": application.status in (S.INFO_REQUESTED, S.ANSWERED),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def apply_step(request: HttpRequest, reference: str, step: int) -> HttpResponse:
    if step not in STEP_TITLES:
        raise Http404
    application = _get_application_for_applicant(request, reference)
    if not application.is_editable_by_applicant:
        return _no_longer_editable(request, application)
    if step == 4:
        return _money_step(request, application)
    if step == 5:
        return _attachment_step(request, application)
    if step == 7:
        if request.method == "POST":
            return redirect("nabolagspotten:apply_step", reference=reference, step=7)
        return _render_step(request, application, 7, _summary_context(application))
    form_class = FORMS[step]
    require = request.POST.get("action") != "later"
    form = form_class(request.POST or None, instance=application, require=require)
    if request.method == "POST" and form.is_valid():
        fields = {
            name: form.cleaned_data[name] for name in form.fields if name in form.cleaned_data
        }
        pending_before = application.pending_email
        try:
            updated = service.application_update(application=application, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if updated.pending_email and updated.pending_email != pending_before:
                messages.info(request, _email_pending_text(updated))
            return _next(request, application, step)
    if form.is_bound:
        application.refresh_from_db()
    return _render_step(
        request, application, step, {"form": form}, status=400 if form.is_bound else 200
    )


@require_POST
def applicant_submit(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_application_for_applicant(request, reference)
    if not application.is_editable_by_applicant:
        return _no_longer_editable(request, application)
    form = SubmitForm(request.POST)
    context = _summary_context(application)  # with what is still missing, if anything
    context["submit_form"] = form
    if form.is_valid() and not context["missing"]:
        try:
            service.application_submit(
                application=application, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            context["submit_errors"] = error.messages
        else:
            messages.success(
                request,
                _("Thank you! The application is sent. We have e-mailed you a receipt."),
            )
            return redirect(application.get_applicant_url())
    return _render_step(request, application, 7, context, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def applicant_withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_application_for_applicant(request, reference)
    if application.status not in service.WITHDRAWABLE:
        messages.info(request, _("An application can only be withdrawn before the decision."))
        return redirect("nabolagspotten:applicant_page", reference=reference)
    if request.method == "POST":
        try:
            service.application_withdraw(application=application)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The application is withdrawn."))
        return redirect("nabolagspotten:applicant_page", reference=reference)
    return render(request, "nabolagspotten/applicant/withdraw.html", {"application": application})


@never_cache
@require_http_methods(["GET"])
def applicant_attachment(request: HttpRequest, reference: str, token: str) -> HttpResponse:
    application = _get_application_for_applicant(request, reference)
    attachment = application.attachments.filter(token=token).first()
    if attachment is None:
        raise Http404
    return attachment_response(attachment)


@require_POST
def applicant_attachment_delete(request: HttpRequest, reference: str, token: str) -> HttpResponse:
    application = _get_application_for_applicant(request, reference)
    if not application.is_editable_by_applicant:
        return _no_longer_editable(request, application)
    attachment = _attachments(application).filter(token=token).first()
    if attachment is None:
        raise Http404
    service.attachment_delete(application=application, token=token)
    messages.success(request, _("«%(name)s» is deleted.") % {"name": attachment.original_name})
    return redirect("nabolagspotten:apply_step", reference=reference, step=5)


def _page(request, application, message_form=None, status=200):
    application = (
        Application.objects.select_related("round", "area")
        .prefetch_related(
            "budget_lines",
            Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at", "pk")),
            Prefetch("messages", queryset=Message.objects.order_by("sent_at", "pk")),
            Prefetch(
                "events",
                queryset=CaseEvent.objects.filter(visible_to_applicant=True).order_by("at", "pk"),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.filter(superseded_at__isnull=True),
                to_attr="current_decisions",
            ),
            "payments",
            "repayments",
            "appeals",
        )
        .get(pk=application.pk)
    )
    final_report = FinalReport.objects.filter(application=application).first()
    accesses = list(
        PersonalDataAccess.objects.filter(application=application)
        .select_related("user")
        .prefetch_related("user__groups")
        .order_by("-at", "-pk")[:200]
    )
    if message_form is None and application.status == S.INFO_REQUESTED:
        message_form = MessageForm()
    decision = application.current_decisions[0] if application.current_decisions else None
    appeals = list(application.appeals.all())
    context = {
        "application": application,
        "status_text": STATUS_TEXT.get(application.status, ""),
        "processing_time": (
            processing_time_text() if application.status in (S.SUBMITTED, S.RESUBMITTED) else ""
        ),
        "anonymise_days": settings.NABOLAGSPOTTEN_ANONYMISE_AFTER_DAYS,
        "decision": decision,
        # A decision is appealed once (services/decisions.appeal_receive).
        "appealed": decision is not None
        and any(appeal.decision_id == decision.pk for appeal in appeals),
        "appeal_body": settings.NABOLAGSPOTTEN_APPEAL_BODY,
        "payments": list(application.payments.all()),
        "final_report": final_report,
        "repayments": list(application.repayments.all()),
        "appeals": appeals,
        "lines": list(application.budget_lines.all()),
        "attachments": list(application.attachments.all()),
        "case_messages": list(application.messages.all()),
        "events": list(application.events.all()),
        "accesses": accesses,
        "message_form": message_form,
        "can_withdraw": application.status in service.WITHDRAWABLE,
        "steps": _steps(application, None) if application.is_editable_by_applicant else [],
    }
    return render(request, "nabolagspotten/applicant/page.html", context, status=status)


@never_cache
@require_http_methods(["GET"])
def applicant_page(request: HttpRequest, reference: str) -> HttpResponse:
    return _page(request, _get_application_for_applicant(request, reference))


@require_POST
def applicant_message(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_application_for_applicant(request, reference)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            service.message_send(application=application, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your message is sent to the case handler."))
            return redirect("nabolagspotten:applicant_page", reference=reference)
    return _page(request, application, message_form=form, status=400)


@require_POST
def applicant_leave(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_application_for_applicant(request, reference)
    access.forget(request, application.pk)
    messages.success(
        request,
        _(
            "You have left the page. To come back, ask for a new link: each link opens "
            "your application once."
        ),
    )
    return redirect("nabolagspotten:public_home")
