from django.conf import settings
from django.utils import translation


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
