"""Working the site by keyboard alone, and switching language."""

import pytest

from tests.browser.conftest import assert_page_is_sound

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_the_first_tab_reaches_the_skip_link_and_it_moves_focus_to_the_content(
    new_page, live_server
):
    page = new_page()
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Hopp til hovedinnholdet"
    assert page.locator(".ds-skip-link").is_visible(), "the skip link shows when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_a_user_logs_in_with_the_keyboard_only_and_sees_their_page(
    new_page, live_server, people, password
):
    page = new_page()
    page.goto(f"{live_server.url}/logg-inn/")
    assert page.evaluate("() => document.activeElement.name") == "username", (
        "the e-mail field has focus"
    )
    page.keyboard.type(people["programme_leader"].email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Dette har du ansvar for").is_visible()
    assert page.get_by_role("heading", name="Programleder").is_visible()
    assert_page_is_sound(page)


def test_every_control_on_the_staff_home_page_is_reachable_by_tab(
    new_page, live_server, people, password
):
    from tests.browser.conftest import log_in

    page = new_page()
    log_in(page, live_server.url, people["programme_leader"].email, password)
    wanted = {
        "Hopp til hovedinnholdet",
        "English",
        "Logg ut",
        "Min side",
        "Programmet",
        "Administrasjon",
    }
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.add(page.evaluate("() => document.activeElement.textContent.trim()"))
    assert wanted <= seen, wanted - seen


def test_the_language_switcher_changes_the_page_to_english_and_back(new_page, live_server, db):
    page = new_page()
    page.goto(f"{live_server.url}/tilgjengelighet/")
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Accessibility statement").is_visible()
    assert page.url.endswith("/tilgjengelighet/"), "the switcher stays on the same page"
    assert_page_is_sound(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Norsk (bokmål)").click()
    assert page.locator("html").get_attribute("lang") == "nb"
