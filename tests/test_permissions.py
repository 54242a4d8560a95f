"""Every URL of the project, and what each person gets from it.

The table lives in tests/permission_table/ (one module per part of the app). A URL pattern
missing from it fails `test_every_url_pattern_is_in_the_table`, so each new page must state
its permissions there. `default` is the answer for everyone not named.
"""

import copy

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PEOPLE, make_people
from tests.english import assert_no_english
from tests.permission_table import LOGIN, TABLE


def _pattern_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _pattern_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_pattern_is_in_the_table():
    # Django's admin is tested as one entry (admin:index); it checks its own permissions.
    names = {name for name in _pattern_names() if not name.startswith("admin:")}
    missing = names - set(TABLE)
    assert not missing, f"Add these URLs to the permission table: {sorted(missing)}"


CASES = [(name, person) for name in TABLE for person in PEOPLE]


@pytest.fixture(scope="module")
def _people_of_the_module(django_db_setup, django_db_blocker):
    """The six people, made once for this module's hundreds of tests: inside a transaction
    that stays open while the module runs and is rolled back after it. Each test runs in a
    savepoint of it (pytest-django's transaction per test), rolled back after the test, so
    every test finds the same people in the database as if made for it alone."""
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            yield make_people()
        finally:
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


@pytest.fixture
def people(_people_of_the_module, db) -> dict:
    """This test's own copies of the module's people (a test may change them in memory)."""
    return copy.deepcopy(_people_of_the_module)


@pytest.mark.parametrize(("name", "person"), CASES)
def test_each_person_gets_the_expected_answer(client_for, people, name, person):
    kwargs, method, data, expected = TABLE[name]
    want = expected.get(person, expected["default"])
    if callable(kwargs):  # an object made for this test, e.g. lambda people: {"pk": ...}
        kwargs = kwargs(people)
    if callable(data):
        data = data(people)
    client = client_for(person)
    url = reverse(name, kwargs=kwargs)
    response = getattr(client, method)(url, data or {})
    if want == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    else:
        assert response.status_code == want, f"{name} as {person}"
    if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
        assert_no_english(response.content.decode(), f"{name} as {person}")


# What the Programeier may do that changes nothing in the programme: their own session,
# and asking for a copy of what they may read (a register's PDF, made for them alone).
OWN_SESSION = {"logout", "set_language"}
READING_BY_POST = {"risk:register_pdf_create"}


def _answer(expected: dict, person: str):
    return expected.get(person, expected["default"])


@pytest.mark.parametrize("name", sorted(TABLE))
def test_the_programeier_reads_what_the_board_reads_and_changes_nothing(name):
    """The table's answer for the Programeier, URL by URL: a page (GET) as the board gets
    it, unless it is a form only the board may use; every change (POST) refused."""
    _kwargs, method, _data, expected = TABLE[name]
    owner = _answer(expected, "programme_owner")
    if method != "get":
        if name in READING_BY_POST:
            assert owner == _answer(expected, "board_member"), name
        else:
            assert name in OWN_SESSION or owner in (403, 404, 405), name
    elif "programme_owner" in expected:
        assert owner == 403 and _answer(expected, "board_member") == 200, name
    else:
        assert owner == _answer(expected, "board_member"), name
