"""The resident's pages changed in issue 9, in a real browser at 375 and 1280 px: the
eligibility answer with its icon inside the alert, «Logg inn for ansatte», the privacy
notice, the attachment and privacy steps, a pending e-mail change and its confirmation,
the receipt with the processing time, and a refused second appeal. Each passes axe, does
not scroll sideways and has a clean console."""

import re

import pytest
from django.conf import settings
from django.core import mail

from nabolagspotten import access
from nabolagspotten.models import Application
from tests.browser.conftest import WIDTHS, assert_page_is_sound
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.nabolagspotten.test_cases_support import granted
from tests.portfolio.helpers import nb

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = pytest.mark.parametrize(
    "width", [WIDTHS["phone"], WIDTHS["desktop"]], ids=["phone", "desktop"]
)


def _enter(page, base, application):
    page.goto(f"{base}/nabolagspotten/lenke/#{access.issue_link(application)}")
    page.wait_for_url(f"**/soknad/{application.reference}/")


def _click(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


@SIZES
def test_the_eligibility_answer_has_its_icon_inside_the_alert(new_page, live_server, width):
    RoundFactory()
    page = new_page(width)
    page.goto(f"{live_server.url}/nabolagspotten/kan-vi-soke/")
    assert page.get_by_role("link", name=nb("Log in for staff")).is_visible()
    page.get_by_label(nb("A group of residents (not registered)")).check()
    page.get_by_label(nb("In one of the areas")).check()
    page.get_by_label(nb("An activity open to the neighbourhood")).check()
    _click(page, nb("Check"))
    # The icon is the heading's ::before, pulled left by its negative margin into the
    # alert's padding; it must not reach past the alert's left edge.
    room = page.evaluate(
        """() => {
            const alert = document.querySelector('.np-answer');
            const icon = getComputedStyle(alert.querySelector('h2'), '::before');
            const padding = parseFloat(getComputedStyle(alert).paddingLeft);
            return padding + parseFloat(icon.marginLeft);
        }"""
    )
    assert room >= 0, f"the icon sticks out of the alert by {-room}px"
    assert_page_is_sound(page)


@SIZES
def test_the_privacy_notice(new_page, live_server, width):
    page = new_page(width)
    page.goto(f"{live_server.url}/nabolagspotten/personvern/")
    assert page.get_by_role(
        "heading", name=nb("Privacy notice for applicants to Nabolagspotten")
    ).is_visible()
    assert "730 dager" in page.locator("main").inner_text()
    assert_page_is_sound(page)


@SIZES
def test_the_attachment_and_privacy_steps(new_page, live_server, width):
    application = ApplicationFactory(
        status=Application.Status.DRAFT, submitted_at=None, read_privacy_notice=False
    )
    page = new_page(width)
    base = live_server.url
    _enter(page, base, application)
    page.goto(f"{base}/nabolagspotten/soknad/{application.reference}/steg/5/")
    assert "Må fylles ut" not in page.locator("main").inner_text()
    assert_page_is_sound(page)
    _click(page, nb("Upload"))
    assert nb("Choose a file to upload.") in page.locator("ds-error-summary").inner_text()
    assert_page_is_sound(page)
    page.goto(f"{base}/nabolagspotten/soknad/{application.reference}/steg/6/")
    assert page.get_by_label(nb("I have read the privacy notice")).is_visible()
    assert page.get_by_role("link", name=nb("Read the privacy notice")).is_visible()
    _click(page, nb("Save and continue"))
    summary = page.locator("ds-error-summary").inner_text()
    assert nb("Confirm that you have read the privacy notice.") in summary
    assert_page_is_sound(page)


@SIZES
def test_changing_the_email_address_and_confirming_it(new_page, live_server, width, mailoutbox):
    application = ApplicationFactory(
        status=Application.Status.DRAFT, submitted_at=None, email="kari@test.example"
    )
    page = new_page(width)
    base = live_server.url
    _enter(page, base, application)
    page.goto(f"{base}/nabolagspotten/soknad/{application.reference}/steg/1/")
    page.locator("#id_email").fill("ny@test.example")
    _click(page, nb("Save and continue"))
    page.goto(f"{base}/nabolagspotten/soknad/{application.reference}/steg/1/")
    assert "ny@test.example" in page.locator(".ds-alert").inner_text()
    assert_page_is_sound(page)
    page.goto(f"{base}/nabolagspotten/soknad/{application.reference}/")
    assert nb("New e-mail address, not yet confirmed") in page.locator("main").inner_text()
    assert_page_is_sound(page)

    [confirmation] = [message for message in mail.outbox if message.to == ["ny@test.example"]]
    link = re.search(r"http\S+/bekreft-epost/#\S+", confirmation.body).group(0)
    other = new_page(width)  # the new address's owner, in another browser
    other.goto(link.replace(settings.SITE_URL, base))
    confirmed = nb("The e-mail address is confirmed")
    other.wait_for_selector(f"h1:has-text('{confirmed}')")
    assert "#" not in other.url
    assert_page_is_sound(other)
    application.refresh_from_db()
    assert application.email == "ny@test.example"
    other.goto(f"{base}/nabolagspotten/bekreft-epost/")
    _click(other, nb("Confirm the address"))
    assert other.locator("ds-error-summary").is_visible()
    assert_page_is_sound(other)


@SIZES
def test_the_receipt_tells_the_processing_time(new_page, live_server, width):
    application = ApplicationFactory(status=Application.Status.DRAFT, submitted_at=None)
    page = new_page(width)
    base = live_server.url
    _enter(page, base, application)
    page.goto(f"{base}/nabolagspotten/soknad/{application.reference}/steg/7/")
    _click(page, nb("Send the application"))
    text = " ".join(page.locator("main").inner_text().split())
    assert "Vi svarer vanligvis innen 4 uker etter at vi har fått søknaden." in text
    assert_page_is_sound(page)


@SIZES
def test_a_second_appeal_is_refused_on_the_form(new_page, live_server, width, people):
    application = granted(people["case_handler"])
    page = new_page(width)
    base = live_server.url
    _enter(page, base, application)
    for grounds in ["Vi trenger mer til telt.", "Og en gang til."]:
        page.goto(f"{base}/nabolagspotten/soknad/{application.reference}/klage/")
        page.locator("textarea").fill(grounds)
        _click(page, nb("Send the appeal"))
    summary = page.locator("ds-error-summary").inner_text()
    assert nb(
        "There is already an appeal on this decision that is not decided yet. We tell you by "
        "e-mail when it is; you can write to us if you have more to add."
    ) in " ".join(summary.split())
    assert_page_is_sound(page)
    assert application.appeals.count() == 1
    page.goto(f"{base}/nabolagspotten/soknad/{application.reference}/")
    assert "Klagenemnda i Trondheim kommune" in page.locator("main").inner_text()
    assert_page_is_sound(page)
