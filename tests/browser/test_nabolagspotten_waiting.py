"""In a browser: a resident answers a request for more information on their phone; the
handler finds it on «Venter på deg», follows the link to the list filtered to answers
received, opens the case (the answer at the top, the timeline in plain words) and takes it
into review again. Every page is sound at phone and desktop width."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from nabolagspotten import access
from nabolagspotten.models import Application
from nabolagspotten.services import cases
from tests.browser.conftest import WIDTHS, assert_page_is_sound, screenshot
from tests.browser.test_nabolagspotten_cases import _logged_in
from tests.nabolagspotten.test_cases_support import in_review
from tests.portfolio.helpers import nb

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = Application.Status


def _sound(page):
    for width in (WIDTHS["phone"], WIDTHS["desktop"]):
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})


def test_an_answer_reaches_the_handler(new_page, live_server, people):
    handler = people["case_handler"]
    application = in_review(handler, title="Strikkekafé i bydelshuset")
    cases.info_request(application=application, by=handler, message="Hvor mange kommer?")
    base = live_server.url

    resident = new_page(WIDTHS["phone"])
    token = access.issue_link(application)
    resident.goto(access.link_url(token).replace(settings.SITE_URL, base))
    resident.wait_for_load_state("load")
    resident.get_by_label(nb("Your answer")).fill("Rundt 40, og vi har oppdatert budsjettet.")
    with resident.expect_navigation():
        resident.get_by_role("button", name=nb("Send the answer"), exact=True).click()
    assert nb("Answer received") in resident.inner_text("main")
    assert nb("by you") in resident.inner_text("main")
    _sound(resident)
    application.refresh_from_db()
    assert application.status == S.ANSWERED
    assert any(handler.email in m.to for m in mail.outbox)

    page = _logged_in(new_page, live_server, handler)
    page.goto(base + reverse("home"))
    _sound(page)
    with page.expect_navigation():
        page.get_by_role("link", name=nb("%(count)s answer received") % {"count": 1}).click()
    assert "status=svar_mottatt" in page.url
    _sound(page)
    with page.expect_navigation():
        page.get_by_role("link", name=application.reference).click()
    main = page.inner_text("main")
    assert "Rundt 40, og vi har oppdatert budsjettet." in main
    assert nb("by the applicant") in main
    _sound(page)
    screenshot(page, "case-answered-375")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Take into review"), exact=True).click()
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW

    page.goto(base + reverse("nabolagspotten:staff_home"))
    _sound(page)
