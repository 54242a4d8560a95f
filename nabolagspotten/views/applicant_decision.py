"""The applicant's side of a decision: the letter as PDF, accepting or declining a grant,
and appealing. The applicant has no account: every view reaches the case through
`access.applicant_application`, which gives 404 unless this browser session came in by a
usable personal link to that very application."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabolagspotten.access import applicant_application
from nabolagspotten.forms.cases import AppealForm, RespondForm
from nabolagspotten.models import Application
from nabolagspotten.services import decisions
from nabolagspotten.views.downloads import letter_response


def _queryset():
    return Application.objects.select_related("round", "area")


def _applicant_page(reference: str) -> str:
    try:
        return reverse("nabolagspotten:applicant_page", args=[reference])
    except NoReverseMatch:  # the applicant's page is built in another part
        return reverse("nabolagspotten:applicant_appeal", args=[reference])


def _decision_context(application: Application) -> dict:
    return {
        "application": application,
        "decision": decisions.current_decision(application),
        "appeals": list(application.appeals.select_related("decision")),
        "applicant_page": _applicant_page(application.reference),
    }


def applicant_letter(request: HttpRequest, reference: str) -> HttpResponse:
    application = applicant_application(request, reference, _queryset())
    decision = decisions.current_decision(application)
    if decision is None:
        raise Http404
    return letter_response(decision)


@require_POST
def applicant_respond(request: HttpRequest, reference: str) -> HttpResponse:
    application = applicant_application(request, reference, _queryset())
    form = RespondForm(request.POST)
    if form.is_valid():
        service = decisions.accept if form.cleaned_data["answer"] == "accept" else decisions.decline
        try:
            service(application=application)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if form.cleaned_data["answer"] == "accept":
                messages.success(request, _("Thank you. You have accepted the grant."))
            else:
                messages.info(request, _("You have declined the grant."))
            return redirect(_applicant_page(reference))
    application.refresh_from_db()
    context = {**_decision_context(application), "respond_form": form}
    return render(request, "nabolagspotten/cases/applicant_respond.html", context, status=400)


def applicant_appeal(request: HttpRequest, reference: str) -> HttpResponse:
    application = applicant_application(request, reference, _queryset())
    context = _decision_context(application)
    decision = context["decision"]
    if decision is None:
        raise Http404
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = decisions.receive_appeal(application=application, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if appeal.within_deadline:
                messages.success(
                    request, _("Your appeal is received. We will tell you by e-mail what happens.")
                )
            else:
                messages.warning(
                    request,
                    _(
                        "Your appeal is received, but after the deadline. It may be refused "
                        "as late; we will tell you by e-mail."
                    ),
                )
            return redirect(_applicant_page(reference))
    late = decision.appeal_deadline is not None and timezone.localdate() > decision.appeal_deadline
    context.update({"form": form, "late": late})
    return render(
        request,
        "nabolagspotten/cases/applicant_appeal.html",
        context,
        status=400 if form.is_bound else 200,
    )


urlpatterns = [
    path("soknad/<str:reference>/vedtaksbrev.pdf", applicant_letter, name="applicant_letter"),
    path("soknad/<str:reference>/svar/", applicant_respond, name="applicant_respond"),
    path("soknad/<str:reference>/klage/", applicant_appeal, name="applicant_appeal"),
]
