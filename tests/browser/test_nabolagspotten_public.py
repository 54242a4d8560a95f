"""The resident's side in a real browser, phone first: every page passes axe (WCAG 2.1
AA), does not scroll sideways and has a clean console, at 375 px (and 320 px for the
form's steps, 1280 px for the main public pages)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nabolagspotten import access
from nabolagspotten.models import Application
from tests.browser.conftest import WIDTHS, assert_page_is_sound
from tests.nabolagspotten import pdfs
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.portfolio.helpers import nb

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = WIDTHS["phone"]


@pytest.fixture(autouse=True)
def _fresh_cache(fresh_cache):
    """The rate limits count from zero in every test."""


def _open(page, live_server, token):
    """Open the e-mailed link: the page's script posts the token from the fragment."""
    page.goto(f"{live_server.url}/nabolagspotten/lenke/#{token}")
    page.wait_for_url("**/soknad/**")


def _continue(page):
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Save and continue"), exact=True).click()


def test_resident_applies_from_a_phone(new_page, live_server):
    RoundFactory(name="Vårrunden")
    page = new_page(PHONE)
    base = f"{live_server.url}/nabolagspotten"

    page.goto(f"{base}/")
    assert_page_is_sound(page)
    with page.expect_navigation():
        page.get_by_role("link", name=nb("Can we apply?")).first.click()
    assert_page_is_sound(page)

    # A private person alone: a clear no, with the reasons.
    page.get_by_label(nb("I am a private person applying alone")).check()
    page.get_by_label(nb("In one of the areas")).check()
    page.get_by_label(nb("An activity open to the neighbourhood")).check()
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Check")).click()
    assert page.get_by_text(nb("You cannot apply, because:")).is_visible()
    assert_page_is_sound(page)

    # A group: yes.
    page.get_by_label(nb("A group of residents (not registered)")).check()
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Check")).click()
    assert page.get_by_role("heading", name=nb("You can apply")).is_visible()
    assert_page_is_sound(page)
    with page.expect_navigation():
        page.get_by_role("link", name=nb("Start the application")).click()
    assert_page_is_sound(page)

    # Step 1 with a wrong control digit: the message on the field and in the summary.
    page.get_by_label(nb("Registered organisation"), exact=True).check()
    page.get_by_label(nb("Organisation number")).fill("974 760 674")
    page.get_by_label(nb("Name of the organisation or group")).fill("Lademoen Velforening")
    page.get_by_label(nb("Contact person")).fill("Kari Nordmann")
    page.get_by_label(nb("E-mail address")).fill("kari@test.example")
    page.get_by_label(nb("Phone")).fill("900 00 000")
    _continue(page)
    message = nb(
        "This organisation number does not exist: the last digit does not match. "
        "Check it in Brønnøysundregistrene."
    )
    assert page.locator("ds-error-summary").get_by_text(message).is_visible()
    assert page.locator(".ds-field").get_by_text(message).count() >= 1
    assert_page_is_sound(page)
    page.get_by_label(nb("Organisation number")).fill("974 760 673")
    _continue(page)
    assert nb("Step %(step)s of %(total)s", step=2, total=7) in page.content()
    assert len(mail.outbox) == 1 and "/nabolagspotten/lenke/#" in mail.outbox[0].body
    assert_page_is_sound(page)

    # Step 2: the activity.
    today = timezone.localdate()
    page.locator("#id_area").select_option(index=1)
    page.get_by_label(nb("Title of the activity")).fill("Sommerfest <script>x</script>")
    page.get_by_label(nb("What do you want to do?")).fill("Grilling og musikk i bakgården.")
    page.get_by_label(nb("Who is it for?")).fill("Alle i kvartalet.")
    page.get_by_label(nb("Starts")).fill((today + timedelta(days=30)).isoformat())
    page.get_by_label(nb("Ends")).fill((today + timedelta(days=31)).isoformat())
    _continue(page)
    assert_page_is_sound(page)

    # Step 3: the residents' part.
    page.get_by_label(nb("How do residents take part, and what do they contribute?")).fill(
        "Beboerne rigger og rydder."
    )
    page.get_by_label(nb("Volunteer hours (dugnadstimer)")).fill("40")
    _continue(page)
    assert_page_is_sound(page)

    # Step 4: money, with one more line without JavaScript's help.
    page.locator("#id_linjer-0-description").fill("Mat")
    page.locator("#id_linjer-0-amount").fill("3000")
    # With JavaScript the sum is shown while typing (the server computes it anyway).
    assert re.sub(r"\D", "", page.locator("[data-budget-total]").inner_text()) == "3000"
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Add more lines")).click()
    assert page.locator("#id_linjer-3-description").count() == 1
    page.locator("#id_linjer-1-description").fill("Leie av telt")
    page.locator("#id_linjer-1-amount").fill("2000")
    _continue(page)
    assert_page_is_sound(page)

    # Step 5: attachments (none), step 6: consent.
    _continue(page)
    assert_page_is_sound(page)
    page.locator("#id_read_privacy_notice").check()
    page.locator("#id_understands_public").check()
    _continue(page)

    # The summary, then send.
    assert_page_is_sound(page)
    assert "5\xa0000\xa0kr" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Send the application"), exact=True).click()
    assert page.get_by_text(
        nb("Thank you! The application is sent. We have e-mailed you a receipt.")
    ).is_visible()
    assert "<script>x</script>" in page.get_by_text("Sommerfest").first.inner_text()
    assert_page_is_sound(page)
    application = Application.objects.get()
    assert application.status == Application.Status.SUBMITTED
    assert application.amount_requested == 5000


@pytest.mark.parametrize("width", [WIDTHS["narrow"], PHONE], ids=["narrow", "phone"])
def test_every_step_and_the_applicant_page(new_page, live_server, width):
    application = ApplicationFactory(status=Application.Status.DRAFT, submitted_at=None, title="")
    token = access.issue_link(application)
    page = new_page(width)
    _open(page, live_server, token)
    assert_page_is_sound(page)  # the applicant page
    for step in range(1, 8):
        page.goto(f"{live_server.url}/nabolagspotten/soknad/{application.reference}/steg/{step}/")
        assert_page_is_sound(page)
    # The summary with what is missing.
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Send the application"), exact=True).click()
    assert page.get_by_text(nb("The title of the activity is missing.")).is_visible()
    assert_page_is_sound(page)
    # Step 2 in its error state.
    page.goto(f"{live_server.url}/nabolagspotten/soknad/{application.reference}/steg/2/")
    page.get_by_label(nb("Title of the activity")).fill("")
    _continue(page)
    assert page.locator("ds-error-summary").is_visible()
    assert_page_is_sound(page)
    page.goto(f"{live_server.url}/nabolagspotten/soknad/{application.reference}/trekk/")
    assert_page_is_sound(page)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_public_pages(new_page, live_server, width):
    round_ = RoundFactory()
    ApplicationFactory(round=round_, status=Application.Status.GRANTED, amount_granted=20_000)
    page = new_page(width)
    base = f"{live_server.url}/nabolagspotten"
    for path in ["/", "/kan-vi-soke/", "/sok/", "/tildelinger/", "/ny-lenke/"]:
        page.goto(base + path)
        assert_page_is_sound(page)
    # The public list shows no personal data.
    page.goto(base + "/tildelinger/")
    assert "Kari Nordmann" not in page.content()
    # Asking for a new link, and the answer.
    page.goto(base + "/ny-lenke/")
    page.get_by_label(nb("Your e-mail address")).fill("ingen@test.example")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Send me a new link")).click()
    assert page.get_by_role("heading", name=nb("Check your e-mail")).is_visible()
    assert_page_is_sound(page)
    # An invalid link.
    page.goto(base + "/lenke/#ikke-en-gyldig-lenke")
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name=nb("The link does not work")).is_visible()
    assert_page_is_sound(page)


def test_applicant_page_when_more_information_is_requested(new_page, live_server):
    application = ApplicationFactory(status=Application.Status.INFO_REQUESTED)
    application.messages.create(direction="til_soker", body="Kan dere sende budsjettet?")
    token = access.issue_link(application)
    page = new_page(PHONE)
    _open(page, live_server, token)
    assert page.get_by_text("Kan dere sende budsjettet?").is_visible()
    assert_page_is_sound(page)
    page.get_by_label(nb("Your answer")).fill("Ja, det kommer.")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Send the answer")).click()
    assert page.get_by_text(nb("Your message is sent to the case handler.")).is_visible()
    assert_page_is_sound(page)


def test_attachment_step_upload_and_refusal(new_page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = ApplicationFactory(status=Application.Status.DRAFT, submitted_at=None)
    token = access.issue_link(application)
    page = new_page(PHONE)
    _open(page, live_server, token)
    page.goto(f"{live_server.url}/nabolagspotten/soknad/{application.reference}/steg/5/")
    page.get_by_label(nb("Choose a file")).set_input_files(
        files=[{"name": "falsk.png", "mimeType": "image/png", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Upload")).click()
    message = nb("The file's name does not match its content. Check that it is the right file.")
    assert page.locator("ds-error-summary").get_by_text(message).is_visible()
    assert_page_is_sound(page)
    page.get_by_label(nb("Choose a file")).set_input_files(
        files=[{"name": "budsjett.pdf", "mimeType": "application/pdf", "buffer": pdfs.plain()}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Upload")).click()
    assert page.get_by_role("link", name="budsjett.pdf").is_visible()
    assert_page_is_sound(page)
