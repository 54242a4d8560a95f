"""The applicant's side of a decision: the letter as PDF, accepting or declining a grant,
and appealing. The applicant has no account: every view fetches the case with
`_get_application_for_applicant`, which gives 404 unless this browser session came in by a
usable personal link to that very application."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from core.ratelimit import over_limit, too_many
from nabolagspotten.forms.cases import AppealForm, RespondForm
from nabolagspotten.models import Application
from nabolagspotten.services import decisions
from nabolagspotten.views.downloads import letter_response
from nabolagspotten.views.lookups import _get_application_for_applicant

APPEAL_LIMIT = 5  # appeal forms sent per case per hour


def _decision_context(application: Application) -> dict:
    return {
        "application": application,
        "decision": decisions.current_decision(application),
        "appeals": list(application.appeals.select_related("decision")),
    }


def applicant_letter(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_application_for_applicant(request, reference)
    decision = decisions.current_decision(application)
    if decision is None:
        raise Http404
    back_url = reverse("nabolagspotten:applicant_page", args=[application.reference])
    return letter_response(request, decision, back_url=back_url)


@require_POST
def applicant_respond(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_application_for_applicant(request, reference)
    form = RespondForm(request.POST)
    if form.is_valid():
        accepts = form.cleaned_data["answer"] == "accept"
        answer = decisions.grant_accept if accepts else decisions.grant_decline
        try:
            answer(application=application)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if accepts:
                messages.success(request, _("Thank you. You have accepted the grant."))
            else:
                messages.info(request, _("You have declined the grant."))
            return redirect(application.get_applicant_url())
    application.refresh_from_db()
    context = {**_decision_context(application), "respond_form": form}
    return render(request, "nabolagspotten/cases/applicant_respond.html", context, status=400)


def applicant_appeal(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_application_for_applicant(request, reference)
    context = _decision_context(application)
    decision = context["decision"]
    if decision is None:
        raise Http404
    if request.method == "POST" and over_limit(
        request, "appeal", limit=APPEAL_LIMIT, key=application.reference
    ):
        return too_many(request, template="nabolagspotten/public/too_many.html")
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = decisions.appeal_receive(application=application, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
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
            return redirect(application.get_applicant_url())
    late = decision.appeal_deadline is not None and timezone.localdate() > decision.appeal_deadline
    context.update({"form": form, "late": late})
    return render(
        request,
        "nabolagspotten/cases/applicant_appeal.html",
        context,
        status=400 if form.is_bound else 200,
    )
