import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.translation import ngettext


class LanguageMiddleware:
    """Norwegian bokmål unless the user chose another language with the switcher.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: the
    municipality's service is in Norwegian for everyone who has not asked otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class IdleTimeoutMiddleware:
    """Log a staff member out after `SESSION_IDLE_MINUTES` without a request, and say so on
    the login page. The time of the last request is written to the session at most once a
    minute (before the first write, the time of logging in counts), so an active user's
    requests do not each write the session."""

    KEY = "last_activity"
    WRITE_EVERY = 60  # seconds

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY)
            if last is None and user.last_login is not None:
                last = int(user.last_login.timestamp())  # no request since logging in
            if last is not None and now - last > settings.SESSION_IDLE_MINUTES * 60:
                return self._log_out(request)
            if last is None or now - last >= self.WRITE_EVERY:
                request.session[self.KEY] = now
        return self.get_response(request)

    def _log_out(self, request):
        logout(request)
        messages.info(
            request,
            ngettext(
                "You were logged out after %(minutes)s minute without activity. Log in again.",
                "You were logged out after %(minutes)s minutes without activity. Log in again.",
                settings.SESSION_IDLE_MINUTES,
            )
            % {"minutes": settings.SESSION_IDLE_MINUTES},
        )
        login = resolve_url(settings.LOGIN_URL)
        if request.method == "GET" and not getattr(request, "htmx", False):
            login += "?" + urlencode({"next": request.get_full_path()})
        response = HttpResponseRedirect(login)
        if getattr(request, "htmx", False):
            response["HX-Redirect"] = login
        return response
