"""The pages a robot or a flood of requests gets on the public forms (honeypot, rate limit)
pass the same checks as every other page, on a phone and on the narrowest screen."""

import pytest

from nabolagspotten.views import public
from tests.browser.conftest import WIDTHS, assert_page_is_sound
from tests.portfolio.helpers import nb

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [WIDTHS["phone"], WIDTHS["narrow"]])
def test_a_filled_honeypot_gets_a_neutral_page_and_nothing_is_sent(
    new_page, live_server, mailoutbox, width
):
    page = new_page(width)
    page.goto(f"{live_server.url}/nabolagspotten/ny-lenke/")
    page.get_by_label(nb("Your e-mail address")).fill("robot@test.example")
    # A robot fills every field, also the one hidden from people and assistive technology.
    page.evaluate("() => { document.querySelector('input[name=nettside]').value = 'spam'; }")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Send me a new link")).click()
    assert page.get_by_role("heading", name=nb("The form could not be sent")).is_visible()
    assert_page_is_sound(page)
    assert mailoutbox == []


@pytest.mark.parametrize("width", [WIDTHS["phone"], WIDTHS["narrow"]])
def test_too_many_requests_get_the_norwegian_429_page(new_page, live_server, monkeypatch, width):
    monkeypatch.setattr(public, "LINK_LIMIT", 0)  # the live server runs in this process
    page = new_page(width)
    page.goto(f"{live_server.url}/nabolagspotten/ny-lenke/")
    page.get_by_label(nb("Your e-mail address")).fill("flom@test.example")
    with page.expect_response(lambda r: "/ny-lenke/" in r.url and r.request.method == "POST") as r:
        page.get_by_role("button", name=nb("Send me a new link")).click()
    assert r.value.status == 429
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name=nb("Too many attempts")).is_visible()
    assert_page_is_sound(page)
