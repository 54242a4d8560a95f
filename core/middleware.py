import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import patch_cache_control
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


class RejectNulMiddleware:
    """A NUL byte in the address or the query string is never a real request (PostgreSQL
    cannot even store one): the address is a 404, a query string a 400, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.path_info:
            raise Http404
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise SuspiciousOperation("NUL byte in the query string")
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """Nothing personal is kept by a browser or a proxy cache: every response to a logged-in
    member of staff, or to a session that holds anything (an applicant who came in by a
    personal link), says `Cache-Control: private, no-store` unless the view chose otherwise.
    Public pages for anonymous visitors stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" in response:
            return response
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        personal = (user is not None and user.is_authenticated) or (
            session is not None and not session.is_empty()
        )
        if personal:
            patch_cache_control(response, private=True, no_store=True)
        return response
