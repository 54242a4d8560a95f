"""Nabolagspotten from a resident's phone to the public list of grants, at 375 px, with
axe, the sideways-scroll check and a clean console on every page visited:

a resident checks eligibility, starts an application, types an organisation number with a
wrong control digit (the message shows on the field and in the error summary), fixes it,
goes through the steps and sends; the personal link arrives by e-mail and opens the
applicant's page in a fresh browser; a handler declares impartiality and asks for more
information; the resident changes the application and sends it again; the handler takes it
into review, tries to grant more than is left in the area (refused, clearly), then grants a
valid amount; the decision letter (PDF) states the appeal deadline; the resident accepts;
the handler registers the payment; the resident sends the final report; and the grant is on
the public list with the group's name, title and amount, and no personal data."""

import io
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from nabolagspotten.models import Application, Decision, ImpartialityDeclaration
from nabolagspotten.services.deadlines import appeal_deadline
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.portfolio.helpers import nb

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = Application.Status
PHONE = WIDTHS["phone"]
TITLE = "Sommerfest i bakgården i Biskop Darres gate"
GROUP = "Velforeningen i Biskop Darres gate"
CONTACT = ("Ingrid Aune", "ingrid.aune@nabo.example", "+47 912 34 567")
WRONG_ORGNR = "974760674"  # 974760673 with the last digit changed
RIGHT_ORGNR = "974 760 673"


def _sound(page) -> None:
    page.wait_for_load_state("load")
    assert_page_is_sound(page)


def _click(page, name: str, role: str = "button") -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).click()
    _sound(page)


def _field(page, label: str):
    """The form field labelled `label` (a required field's label also says so)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(\s|$)"))


def _kroner(amount: int) -> str:
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"


def _link_from(outbox, email: str) -> str:
    """The path of the newest personal link e-mailed to `email`."""
    for message in reversed(outbox):
        if email in message.to:
            found = re.search(r"/nabolagspotten/lenke/[^\s<>\"]+", message.body)
            if found:
                return found.group(0)
    raise AssertionError(f"no personal link to {email} in {[m.subject for m in outbox]}")


@pytest.fixture
def pot(people):
    """A round open today. Lademoen's budget is 100 000 kr, of which 90 000 kr is already
    granted, so 10 000 kr is left."""
    round_ = RoundFactory(
        created_by=people["programme_leader"],
        budgets={"lademoen": 100_000, "mollenberg": 150_000, "tempe-sorgenfri": 120_000},
    )
    for _number in range(2):
        ApplicationFactory(
            round=round_,
            status=S.GRANTED,
            amount_requested=45_000,
            amount_granted=45_000,
            decided_at=timezone.now(),
        )
    return round_


def _resident_applies(page, base: str, outbox) -> str:
    """Eligibility, step 1 with a wrong and then a right organisation number, steps 2-7,
    send. Returns the case number."""
    page.goto(f"{base}/nabolagspotten/")
    _sound(page)
    _click(page, nb("Can we apply?"), role="link")
    page.get_by_label(nb("A registered organisation (with an organisation number)")).check()
    page.get_by_label(nb("In one of the areas")).check()
    page.get_by_label(nb("An activity open to the neighbourhood")).check()
    _click(page, nb("Check"))
    assert page.get_by_role("heading", name=nb("You can apply")).is_visible()
    _click(page, nb("Start the application"), role="link")

    # Step 1, with an organisation number whose control digit is wrong.
    page.get_by_label(nb("Registered organisation"), exact=True).check()
    _field(page, nb("Organisation number")).fill(WRONG_ORGNR)
    _field(page, nb("Name of the organisation or group")).fill(GROUP)
    _field(page, nb("Contact person")).fill(CONTACT[0])
    _field(page, nb("E-mail address")).fill(CONTACT[1])
    _field(page, nb("Phone")).fill(CONTACT[2])
    _click(page, nb("Save and continue"))
    message = nb(
        "This organisation number does not exist: the last digit does not match. "
        "Check it in Brønnøysundregistrene."
    )
    summary = page.locator("ds-error-summary")
    assert summary.is_visible()
    assert message in summary.inner_text()
    field_error = page.locator("#id_organisation_number_error")
    assert message in field_error.inner_text()
    assert page.locator("#id_organisation_number").get_attribute("aria-invalid") == "true"
    assert not outbox, "nothing is saved or sent while the form has errors"

    _field(page, nb("Organisation number")).fill(RIGHT_ORGNR)
    _click(page, nb("Save and continue"))
    application = Application.objects.get(applicant_name=GROUP)
    assert application.organisation_number == "974760673"
    assert application.status == S.DRAFT

    # Step 2: the activity.
    starts = timezone.localdate() + timezone.timedelta(days=30)
    _field(page, nb("Area")).select_option(label="Lademoen")
    _field(page, nb("Where in the area")).fill("Bakgården i Biskop Darres gate 12")
    _field(page, nb("Title of the activity")).fill(TITLE)
    _field(page, nb("What do you want to do?")).fill(
        "En fest for alle i kvartalet, med grilling, musikk og leker for barna."
    )
    _field(page, nb("Who is it for?")).fill("Alle som bor i kvartalet, store og små.")
    _field(page, nb("Starts")).fill(starts.isoformat())
    _field(page, nb("Ends")).fill(starts.isoformat())
    _field(page, nb("How many do you expect to take part?")).fill("80")
    _click(page, nb("Save and continue"))

    # Step 3: the residents' part.
    _field(page, nb("How do residents take part, and what do they contribute?")).fill(
        "Beboerne planlegger, rigger, lager mat og rydder etterpå."
    )
    _field(page, nb("Volunteer hours (dugnadstimer)")).fill("60")
    _click(page, nb("Save and continue"))

    # Step 4: money. 12 000 kr in two lines.
    lines = page.locator(".np-budget-line")
    _field(lines.nth(0), nb("What is the money for?")).fill("Mat og drikke")
    _field(lines.nth(0), nb("Amount (kr)")).fill("7000")
    _field(lines.nth(1), nb("What is the money for?")).fill("Leie av telt og benker")
    _field(lines.nth(1), nb("Amount (kr)")).fill("5000")
    _field(page, nb("Own contribution (kr)")).fill("2000")
    _click(page, nb("Save and continue"))
    application.refresh_from_db()
    assert application.amount_requested == 12_000

    # Step 5: attachments are optional.
    _click(page, nb("Save and continue"))

    # Step 6: privacy and openness.
    page.get_by_label(nb("I have read the privacy notice")).check()
    page.get_by_label(
        nb(
            "I understand that applications are public documents (offentleglova): anyone "
            "may ask to read them."
        )
    ).check()
    _click(page, nb("Save and continue"))

    # Step 7: check and send.
    assert page.get_by_text(TITLE).first.is_visible()
    _click(page, nb("Send the application"))
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    return application.reference


def test_from_a_residents_phone_to_the_public_list_of_grants(
    new_page, live_server, people, password, pot, mailoutbox
):
    base = live_server.url
    resident = new_page(PHONE)
    reference = _resident_applies(resident, base, mailoutbox)

    # The personal link arrives by e-mail and opens the applicant's page in a fresh browser.
    link = _link_from(mailoutbox, CONTACT[1])
    fresh = new_page(PHONE)
    fresh.goto(base + link)  # /nabolagspotten/lenke/#<token>: the page posts the token
    fresh.wait_for_url(f"**/nabolagspotten/soknad/{reference}/")
    _sound(fresh)
    assert fresh.url.endswith(f"/nabolagspotten/soknad/{reference}/")
    assert TITLE in fresh.locator("main").inner_text()
    assert reference in fresh.locator("main").inner_text()
    resident = fresh

    # The handler declares impartiality and asks for more information.
    handler = new_page(PHONE)
    handler.goto(f"{base}/logg-inn/")
    _sound(handler)
    log_in(handler, base, people["case_handler"].email, password)
    _sound(handler)
    handler.goto(f"{base}/nabolagspotten/behandling/")
    _sound(handler)
    _click(handler, reference, role="link")
    handler.get_by_label(nb("Yes, I am impartial (habil)")).check()
    _click(handler, nb("Declare"))
    assert ImpartialityDeclaration.objects.get(
        application__reference=reference, handler=people["case_handler"]
    ).impartial
    _click(handler, nb("Take into review"))
    _click(handler, nb("Ask for more information"), role="link")
    _field(handler, nb("What do you need from the applicant?")).fill(
        "Hvor mange kommer, og trenger dere både telt og benker?"
    )
    _click(handler, nb("Send the request"))
    assert Application.objects.get(reference=reference).status == S.INFO_REQUESTED

    # The resident changes the application and sends it again.
    resident.reload()
    _sound(resident)
    assert resident.get_by_text("Hvor mange kommer").first.is_visible()
    _click(resident, nb("Change the application"), role="link")
    resident.goto(f"{base}/nabolagspotten/soknad/{reference}/steg/2/")
    _sound(resident)
    _field(resident, nb("How many do you expect to take part?")).fill("120")
    _click(resident, nb("Save and continue"))
    resident.goto(f"{base}/nabolagspotten/soknad/{reference}/steg/7/")
    _sound(resident)
    _field(resident, nb("Message to the case handler (optional)")).fill(
        "Vi regner med 120 personer og trenger begge deler."
    )
    _click(resident, nb("Send the application again"))
    assert Application.objects.get(reference=reference).status == S.RESUBMITTED

    # The handler takes it into review and tries to grant the whole 12 000 kr: only
    # 10 000 kr is left in Lademoen, so the decision is refused with a clear message.
    handler.reload()
    _sound(handler)
    _click(handler, nb("Take into review"))
    _click(handler, nb("Make the decision"), role="link")
    handler.get_by_label(nb("Granted"), exact=True).check()
    _field(handler, nb("Amount granted (kr)")).fill("12000")
    _field(handler, nb("Reasons")).fill(
        "Tiltaket samler naboer og har mye egeninnsats. Det oppfyller kriteriene."
    )
    _field(handler, nb("Conditions")).fill("Sluttrapport innen fristen.")
    _click(handler, nb("Make the decision"))
    refused = nb(
        "There is only %(remaining)s left in %(area)s in this round.",
        remaining=_kroner(10_000),
        area="Lademoen",
    )
    assert refused in handler.locator("ds-error-summary").inner_text()
    assert refused in handler.locator("#id_amount_error").inner_text()
    assert not Decision.objects.filter(application__reference=reference).exists()

    # A valid, partial grant. It leaves 2 000 kr, under a tenth of the area's budget, so
    # the handler is warned before the last kroner go, and confirms.
    handler.get_by_label(nb("Partly granted"), exact=True).check()
    _field(handler, nb("Amount granted (kr)")).fill("8000")
    _click(handler, nb("Make the decision"))
    warning = nb(
        "After this grant only %(left)s is left in %(area)s. Confirm that you want to use "
        "this much of the area's last money.",
        left=_kroner(2_000),
        area="Lademoen",
    )
    assert warning in handler.locator("ds-error-summary").inner_text()
    assert Application.objects.get(reference=reference).status == S.IN_REVIEW
    handler.get_by_label(
        nb("I know this leaves little money in the area, and I want to grant it")
    ).check()
    _click(handler, nb("Make the decision"))
    application = Application.objects.get(reference=reference)
    assert application.status == S.PARTLY_GRANTED
    assert application.amount_granted == 8_000

    # The decision letter (PDF) states the appeal deadline; it was also e-mailed.
    decision = Decision.objects.get(application=application, superseded_at=None)
    letters = [m for m in mailoutbox if CONTACT[1] in m.to and m.attachments]
    assert letters and letters[-1].attachments[0][2] == "application/pdf"
    deadline = appeal_deadline(timezone.localtime(decision.letter_sent_at).date())
    assert decision.appeal_deadline == deadline
    resident.reload()
    _sound(resident)
    with override("nb"):
        written = date_format(deadline, "j. F Y")
    assert nb("You can appeal the decision until %(date)s.", date=written) in " ".join(
        resident.locator("main").inner_text().split()
    )
    letter = resident.get_by_role("link", name=nb("Download the decision letter (PDF)"))
    response = resident.request.get(base + letter.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(_pdf_text(response.body()).split())
    stated = nb("The deadline to appeal is %(date)s.", date=written)
    assert stated in text, text

    # The resident accepts.
    _click(resident, nb("Accept the grant"))
    assert Application.objects.get(reference=reference).status == S.ACCEPTED

    # The handler registers the payment.
    handler.reload()
    _sound(handler)
    _click(handler, nb("Register a payment"), role="link")
    _field(handler, nb("Amount (kr)")).fill("8000")
    _field(handler, nb("Paid on")).fill(timezone.localdate().isoformat())
    _field(handler, nb("Reference")).fill("UTB-2026-117")
    _click(handler, nb("Register the payment"))
    assert Application.objects.get(reference=reference).status == S.PAID

    # The resident sends the final report.
    resident.reload()
    _sound(resident)
    _click(resident, nb("Write the final report"), role="link")
    _field(resident, nb("What happened?")).fill(
        "Festen samlet rundt 110 naboer. Barna lagde sin egen konkurranse."
    )
    _field(resident, nb("How many took part?")).fill("110")
    _field(resident, nb("Money used from the grant (kr)")).fill("8000")
    _click(resident, nb("Send the final report"))
    assert Application.objects.get(reference=reference).status == S.REPORTED

    # The grant is on the public list, without personal data.
    public = new_page(PHONE)
    public.goto(f"{base}/nabolagspotten/tildelinger/")
    _sound(public)
    listing = public.locator("main").inner_text()
    assert GROUP in listing and TITLE in listing
    assert re.search(r"8\s000\s*kr", listing)
    for personal in CONTACT:
        assert personal not in listing
    assert "Aune" not in public.content()


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
