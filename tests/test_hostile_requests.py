"""Requests a tester sends on purpose: a NUL byte in the address or the query string is a
404 or 400 on every route (never a 500), and nothing personal may be cached."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permission_table import TABLE

pytestmark = pytest.mark.django_db


TEXT_CONVERTERS = ("StringConverter", "SlugConverter")


def _text_parts(pattern) -> list[str]:
    converters = getattr(pattern.pattern, "converters", {})
    return [name for name, c in converters.items() if type(c).__name__ in TEXT_CONVERTERS]


def _routes_with_text_parts(resolver=None, prefix="", inherited=()):
    """Every named route with a str or slug part, also one inherited from an include(), e.g.
    /nabolagspotten/soknad/<reference>/steg/1/."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _routes_with_text_parts(pattern, inner, (*inherited, *_text_parts(pattern)))
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{prefix}{pattern.name}"
            if (inherited or _text_parts(pattern)) and not name.startswith("admin:"):
                yield name


ROUTES = sorted(set(_routes_with_text_parts()))


def _nul_url(name, people):
    kwargs, _method, _data, _expected = TABLE[name]
    if callable(kwargs):
        kwargs = kwargs(people)
    url = reverse(
        name,
        kwargs={
            key: "NULPLACEHOLDER" if isinstance(value, str) else value
            for key, value in kwargs.items()
        },
    )
    return url.replace("NULPLACEHOLDER", "%00")


def test_there_are_routes_to_try():
    assert len(ROUTES) >= 10


@pytest.mark.parametrize("person", ["anonymous", "programme_leader", "case_handler"])
@pytest.mark.parametrize("name", ROUTES)
def test_a_nul_byte_in_an_address_is_a_404(client_for, people, name, person):
    response = client_for(person).get(_nul_url(name, people))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/program/portefolje/",
        "/program/laerdommer/",
        "/nabolagspotten/tildelinger/",
        "/nabolagspotten/behandling/",
    ],
)
def test_a_nul_byte_in_the_query_string_is_a_400(client_for, path):
    response = client_for("case_handler").get(path + "?q=a%00b")
    assert response.status_code == 400


def test_a_staff_page_is_never_cached(client_for):
    response = client_for("programme_leader").get(reverse("portfolio:overview"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_public_page_for_an_anonymous_visitor_stays_cacheable(client):
    response = client.get(reverse("nabolagspotten:grants"))
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_applicants_case_page_and_the_handlers_case_page_are_never_cached(client_for, client):
    """Issue 9, item 8: the pages with personal data say private, no-store (the letter and
    the payments export are checked where they are made: test_decisions_letters.py,
    test_payments_export_background.py)."""
    from tests.nabolagspotten.factories import ApplicationFactory
    from tests.nabolagspotten.links import enter

    application = ApplicationFactory()
    enter(client, application)
    mine = client.get(reverse("nabolagspotten:applicant_page", args=[application.reference]))
    assert mine.status_code == 200
    assert "no-store" in mine["Cache-Control"] and "private" in mine["Cache-Control"]
    case = client_for("case_handler").get(
        reverse("nabolagspotten:case", args=[application.reference])
    )
    assert case.status_code == 200
    assert "no-store" in case["Cache-Control"] and "private" in case["Cache-Control"]
