from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from accounts.forms import PasswordResetForm
from accounts.login import normalised_email
from core.ratelimit import over_limit, too_many


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What django-axes shows after too many failed logins (429 Too Many Requests)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/lockout.html", {"cooloff_minutes": minutes}, status=429)


# A forgotten password: at most this many requests an hour from one client address, and
# this many e-mails an hour to one address (the rest get the same «check your e-mail» page,
# so the limit tells nobody whether the address exists).
RESET_REQUESTS_PER_ADDRESS = 10
RESET_MAILS_PER_EMAIL = 3


class PasswordResetView(auth_views.PasswordResetView):
    """Django's page, with a rate limit against flooding an inbox or the mail queue."""

    form_class = PasswordResetForm

    def post(self, request, *args, **kwargs):
        if over_limit(request, "password_reset", limit=RESET_REQUESTS_PER_ADDRESS):
            return too_many(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = normalised_email(form.cleaned_data["email"])
        if over_limit(self.request, "password_reset_email", limit=RESET_MAILS_PER_EMAIL, key=email):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
