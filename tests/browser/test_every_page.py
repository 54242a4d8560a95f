"""Every page, at desktop (1280 px), phone (375 px) and narrow (320 px) widths: axe-core
finds no WCAG 2.1 A/AA violation, nothing scrolls sideways, the console stays clean.
Forms are checked in their error state too."""

import pytest
from django.test import Client

from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PUBLIC_PAGES = [
    "/",
    "/logg-inn/",
    "/glemt-passord/",
    "/glemt-passord/sendt/",
    "/glemt-passord/MQ/ugyldig-lenke/",
    "/glemt-passord/ferdig/",
    "/tilgjengelighet/",
    "/personvern/",
    "/finnes-ikke/",
]
# Pages behind the login, with the person who sees them. The outsider sees the 403 page.
STAFF_PAGES = [
    ("programme_leader", "/"),
    ("programme_leader", "/program/"),
    ("board_member", "/"),
    ("change_leader", "/"),
    ("project_leader", "/"),
    ("case_handler", "/"),
    ("programme_owner", "/"),
    ("programme_owner", "/programoversikt/"),
    ("outsider", "/"),
    ("outsider", "/program/"),
]


def _logged_in(new_page, width, live_server, user):
    page = new_page(width)
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return page


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_passes(new_page, live_server, path, width):
    page = new_page(width)
    page.goto(f"{live_server.url}{path}")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert_page_is_sound(page)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize(("person", "path"), STAFF_PAGES)
def test_staff_page_passes(new_page, live_server, people, person, path, width):
    page = _logged_in(new_page, width, live_server, people[person])
    page.goto(f"{live_server.url}{path}")
    if width < 640:  # on a phone the header folds into one «Meny» button
        assert not page.get_by_role("button", name="Logg ut").is_visible()
        header_height = page.locator("header").bounding_box()["height"]
        assert header_height < 120, f"the header takes {header_height}px of the phone"
        page.locator("summary", has_text="Meny").click()
    assert page.get_by_role("button", name="Logg ut").is_visible()
    assert_page_is_sound(page)


@pytest.mark.parametrize("width", [WIDTHS["desktop"], WIDTHS["phone"]], ids=["desktop", "phone"])
def test_the_login_form_in_its_error_state_passes_and_the_summary_takes_focus(
    new_page, live_server, people, width
):
    page = new_page(width)
    log_in(page, live_server.url, people["change_leader"].email, "feil-passord")
    summary = page.locator("ds-error-summary")
    assert summary.is_visible()
    assert "E-postadressen eller passordet er feil" in summary.inner_text()
    page.wait_for_function("() => document.activeElement.closest('ds-error-summary') !== null")
    assert_page_is_sound(page)


def test_an_empty_login_form_marks_both_fields_and_links_to_them(new_page, live_server, db):
    page = new_page()
    page.goto(f"{live_server.url}/logg-inn/")
    with page.expect_navigation():
        page.get_by_role("button", name="Logg inn").click()
    email = page.get_by_label("E-postadresse")
    assert email.get_attribute("aria-invalid") == "true"
    described = email.get_attribute("aria-describedby").split()
    assert len(described) == len(set(described)), "each description is named once"
    assert any(page.locator(f"#{i}").inner_text().strip() for i in described)
    page.locator("ds-error-summary a").first.click()
    assert page.evaluate("() => document.activeElement.name") == "username"
    assert_page_is_sound(page)


def test_the_500_page_passes(new_page, live_server, settings, db):
    settings.ROOT_URLCONF = "tests.urls_with_error"
    page = new_page()
    response = page.goto(f"{live_server.url}/feil/")
    assert response.status == 500
    assert "Noe gikk galt hos oss" in page.content()
    assert_page_is_sound(page)


def test_the_lockout_page_passes(new_page, live_server, people, settings):
    page = new_page(WIDTHS["phone"])
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        log_in(page, live_server.url, people["board_member"].email, "feil-passord")
    assert "Innloggingen er sperret" in page.content()
    assert_page_is_sound(page)
