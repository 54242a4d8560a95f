"""Nabolagspotten's public pages: what it is and the open rounds, «Kan vi søke?», the
first step of an application (no login), the personal link, asking for a new link, and
the public list of grants. The public forms have a honeypot and a per-IP rate limit."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.forms import add_service_errors
from core.ratelimit import over_limit, too_many
from nabolagspotten import access
from nabolagspotten.forms.application import ApplicantForm
from nabolagspotten.forms.public import (
    HONEYPOT,
    CodeForm,
    EligibilityForm,
    GrantsFilterForm,
    RequestLinkForm,
    honeypot_filled,
)
from nabolagspotten.services import ledger
from nabolagspotten.services.applications import (
    EmailChangeInvalid,
    application_start,
    email_change_confirm,
    links_send_new,
    open_rounds,
    public_grants,
)
from nabolagspotten.services.eligibility import eligibility_check
from portfolio.models import Area

PAGE_SIZE = 25
APPLY_LIMIT = 10  # first steps per IP per hour
LINK_LIMIT = 5  # link requests per IP per hour
TOO_MANY = "nabolagspotten/public/too_many.html"


def _rejected(request: HttpRequest) -> HttpResponse:
    """A filled honeypot: a neutral answer, nothing saved."""
    return render(request, "nabolagspotten/public/rejected.html", status=400)


def _open_areas(rounds):
    seen = {}
    for round_ in rounds:
        for round_area in round_.areas.all():
            seen[round_area.area_id] = round_area.area
    return sorted(seen.values(), key=lambda area: area.name)


@require_http_methods(["GET"])
def public_home(request: HttpRequest) -> HttpResponse:
    rounds = list(open_rounds().prefetch_related("areas__area"))
    by_round = ledger.rounds_ledgers(rounds)
    for round_ in rounds:
        round_.ledger = by_round.get(round_.pk, [])
    return render(request, "nabolagspotten/public/home.html", {"rounds": rounds})


@require_http_methods(["GET", "POST"])
def eligibility(request: HttpRequest) -> HttpResponse:
    rounds = list(open_rounds().prefetch_related("areas__area"))
    areas = _open_areas(rounds)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = EligibilityForm(data, areas=areas)
    result = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            result = eligibility_check(**form.cleaned_data)
        else:
            status = 400
    context = {"form": form, "result": result, "rounds": rounds, "areas": areas}
    return render(request, "nabolagspotten/public/eligibility.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def apply_start(request: HttpRequest) -> HttpResponse:
    rounds = list(open_rounds())
    if not rounds:
        return render(request, "nabolagspotten/public/no_round.html")
    if request.method == "POST":
        if over_limit(request, "apply_start", limit=APPLY_LIMIT):
            return too_many(request, template=TOO_MANY)
        if honeypot_filled(request):
            return _rejected(request)
    form = ApplicantForm(request.POST or None, rounds=rounds)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application, session_link = application_start(
                round=data.get("round") or rounds[0],
                applicant_kind=data["applicant_kind"],
                organisation_number=data.get("organisation_number", ""),
                applicant_name=data["applicant_name"],
                contact_name=data["contact_name"],
                email=data["email"],
                phone=data.get("phone", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            access.remember(request, session_link)
            messages.success(
                request,
                _(
                    "The draft is saved. We have sent you an e-mail with your personal link, "
                    "so you can come back to it later."
                ),
            )
            return redirect("nabolagspotten:apply_step", reference=application.reference, step=2)
    context = {
        "form": form,
        "rounds": rounds,
        "honeypot": HONEYPOT,
        "step": 1,
        "total_steps": 7,
    }
    return render(
        request,
        "nabolagspotten/public/apply_start.html",
        context,
        status=400 if form.is_bound else 200,
    )


def _link_refused(request: HttpRequest, error: access.LinkInvalid) -> HttpResponse:
    """A link that does not open: why, and the form for a new link right there."""
    status = 403 if error.reason == "tampered" else 410
    context = {
        "reason": error.reason,
        "message": error.message,
        "form": RequestLinkForm(),
        "honeypot": HONEYPOT,
    }
    return render(request, "nabolagspotten/public/link_invalid.html", context, status=status)


def _already_in(request: HttpRequest, link) -> bool:
    """This very session was opened by the link (the e-mail's link clicked twice)."""
    return (
        link is not None
        and link.keeps_session
        and access.session_link_id(request, link.application) == link.pk
        and not access.session_idle_too_long(request)
    )


@never_cache
@require_http_methods(["GET", "POST"])
def open_link(request: HttpRequest) -> HttpResponse:
    """The personal link: the e-mail's address is `lenke/#<token>`; the page's script
    posts the token (the part after `#` never reaches the server), and without
    JavaScript the applicant pastes the link. Opening it uses it up (access.py)."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = access.open_link(access.token_from_text(form.cleaned_data["code"]))
        except access.LinkInvalid as error:
            if error.reason == "used" and _already_in(request, error.link):
                return redirect(error.link.application.get_applicant_url())
            return _link_refused(request, error)
        access.remember(request, link)
        return redirect(link.application.get_applicant_url())
    return render(
        request,
        "nabolagspotten/public/open_link.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest) -> HttpResponse:
    """The link sent to a new e-mail address (`bekreft-epost/#<token>`), posted like the
    personal link: confirming makes it the address every letter goes to."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = email_change_confirm(
                token=access.token_from_text(form.cleaned_data["code"])
            )
        except EmailChangeInvalid as error:
            context = {"form": CodeForm(), "message": " ".join(error.messages)}
            return render(request, "nabolagspotten/public/confirm_email.html", context, status=410)
        context = {"email": application.email, "reference": application.reference}
        return render(request, "nabolagspotten/public/email_confirmed.html", context)
    return render(
        request,
        "nabolagspotten/public/confirm_email.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET"])
def privacy_notice(request: HttpRequest) -> HttpResponse:
    """The privacy notice for applicants: what we store, why, for how long, what is
    published, and their rights."""
    context = {
        "days": settings.NABOLAGSPOTTEN_ANONYMISE_AFTER_DAYS,
        "contact": settings.PROGRAMME_CONTACT_EMAIL,
        "session_hours": settings.NABOLAGSPOTTEN_SESSION_HOURS,
    }
    return render(request, "nabolagspotten/public/privacy.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def request_link(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if over_limit(request, "request_link", limit=LINK_LIMIT):
            return too_many(request, template=TOO_MANY)
        if honeypot_filled(request):
            return _rejected(request)
    form = RequestLinkForm(
        request.POST or None, initial={"reference": request.GET.get("sak", "")[:20]}
    )
    if request.method == "POST" and form.is_valid():
        links_send_new(email=form.cleaned_data["email"], reference=form.cleaned_data["reference"])
        # The same answer whether or not anything was found: nobody learns who has applied.
        return render(
            request,
            "nabolagspotten/public/link_requested.html",
            {"email": form.cleaned_data["email"]},
        )
    context = {"form": form, "honeypot": HONEYPOT}
    return render(
        request,
        "nabolagspotten/public/request_link.html",
        context,
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET"])
def grants(request: HttpRequest) -> HttpResponse:
    form = GrantsFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    page = Paginator(public_grants().filter(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "filtered": bool(filters), "areas": Area.objects.none()}
    return render(request, "nabolagspotten/public/grants.html", context, status=200)
