"""As a case handler: the overview, the case list with filters, a case before and after
declaring impartiality, the assessment, asking for information, the decision (first refused
for more than the area has left, then made), the appeal pages; and the applicant's appeal
page. Every page passes axe, does not scroll sideways and keeps a clean console."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from core.formatting import kroner
from nabolagspotten.models import Application
from nabolagspotten.services import workflow
from tests.browser.conftest import WIDTHS, assert_page_is_sound
from tests.nabolagspotten.factories import ApplicationFactory
from tests.nabolagspotten.test_cases_support import a_round, committed, granted, lademoen, with_link
from tests.portfolio.helpers import nb

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

S = Application.Status


def _page_for(new_page, live_server, client, width):
    page = new_page(width)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return page


def _logged_in(new_page, live_server, user, width=WIDTHS["phone"]):
    client = Client()
    client.force_login(user)
    return _page_for(new_page, live_server, client, width)


def _sound_at_every_width(page):
    for width in (WIDTHS["phone"], WIDTHS["narrow"], WIDTHS["desktop"]):
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})


def _submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def test_a_handler_takes_a_case_from_list_to_decision_and_appeal(new_page, live_server, people):
    handler = people["case_handler"]
    round_ = a_round(budget=100_000, name="Høstrunden")
    committed(round_, 90_000, handler)
    application = ApplicationFactory(
        round=round_,
        area=lademoen(),
        amount_requested=15_000,
        applicant_name="Lademoen <script>alert(1)</script> Vel",
        title="Gatefest i Nonnegata",
    )
    ApplicationFactory.create_batch(3, round=round_, area=lademoen())
    base = live_server.url
    case_url = base + reverse("nabolagspotten:case", args=[application.reference])

    page = _logged_in(new_page, live_server, handler)
    page.goto(base + reverse("nabolagspotten:staff_home"))
    assert "Høstrunden" in page.content()
    _sound_at_every_width(page)

    page.goto(base + reverse("nabolagspotten:cases"))
    page.get_by_label(nb("Search"), exact=True).fill("Gatefest")
    page.get_by_label(nb("Status"), exact=True).select_option("sendt_inn")
    _submit(page, nb("Search"))
    assert "q=Gatefest" in page.url
    assert page.get_by_role("link", name=application.reference).is_visible()
    _sound_at_every_width(page)

    # Before declaring: the application, and only the declaration form.
    with page.expect_navigation():
        page.get_by_role("link", name=application.reference).click()
    assert page.get_by_role("heading", name=nb("First: are you impartial?")).is_visible()
    assert page.get_by_role("link", name=nb("Make the decision")).count() == 0
    assert "<script>alert(1)</script>" in page.locator("main").inner_text()  # shown as text
    _sound_at_every_width(page)
    page.get_by_label(nb("Yes, I am impartial (habil)")).check()
    _submit(page, nb("Declare"))
    _submit(page, nb("Take into review"))
    assert_page_is_sound(page)

    with page.expect_navigation():
        page.get_by_role("link", name=nb("Assess")).click()
    assert_page_is_sound(page)
    page.get_by_label(nb("assessment against the criteria")).fill("Treffer kriteriene godt.")
    page.get_by_label(nb("Grant in part")).check()
    page.get_by_label(nb("suggested amount (kr)")).fill("10000")
    _submit(page, nb("Save the assessment"))
    assert page.url == case_url

    with page.expect_navigation():
        page.get_by_role("link", name=nb("Ask for more information")).click()
    assert_page_is_sound(page)
    _submit(page, nb("Send the request"))  # empty: the error state
    assert page.locator("ds-error-summary").is_visible()
    assert_page_is_sound(page)
    page.get_by_label(nb("What do you need from the applicant?")).fill("Hvem rigger scenen?")
    _submit(page, nb("Send the request"))
    assert page.url == case_url

    # The applicant answers and sends it again (the applicant's pages are another part's).
    with transaction.atomic():
        locked = workflow.lock(Application.objects.get(pk=application.pk))
        workflow.move(locked, S.RESUBMITTED)
    page.reload()
    _submit(page, nb("Take into review"))

    with page.expect_navigation():
        page.get_by_role("link", name=nb("Make the decision")).click()
    assert_page_is_sound(page)
    page.get_by_label(nb("Granted"), exact=True).check()
    page.get_by_label(nb("Amount granted (kr)")).fill("15000")
    page.get_by_label(nb("Reasons")).fill("Festen samler hele kvartalet.")
    _submit(page, nb("Make the decision"))
    refusal = nb(
        "There is only %(remaining)s left in %(area)s in this round.",
        remaining=kroner(10_000),
        area="Lademoen",
    )
    assert page.locator("ds-error-summary").get_by_text(refusal).is_visible()
    _sound_at_every_width(page)

    page.get_by_label(nb("Partly granted"), exact=True).check()
    page.get_by_label(nb("Amount granted (kr)")).fill("8000")
    page.get_by_label(
        nb("I know this leaves little money in the area, and I want to grant it")
    ).check()
    _submit(page, nb("Make the decision"))
    assert page.url == case_url
    assert Application.objects.get(pk=application.pk).status == S.PARTLY_GRANTED
    _sound_at_every_width(page)

    # An appeal by post, then its page and the list.
    page.get_by_text(nb("Register an appeal received by post")).click()
    page.get_by_label(nb("The appeal's grounds")).fill("Vi trenger hele beløpet.")
    # The form opens in a <details>: the button is clicked once the details is open and the
    # button is on the screen (once in CI the click landed while the box was still opening).
    page.locator("details.np-details[open]").wait_for()
    page.get_by_role(
        "button", name=nb("Register the appeal"), exact=True
    ).scroll_into_view_if_needed()
    _submit(page, nb("Register the appeal"))
    assert "/klage/" in page.url
    _sound_at_every_width(page)
    page.get_by_label(nb("Keep the decision and send the appeal to the appeal body")).check()
    _submit(page, nb("Save"))  # no note: the error state
    assert page.locator("ds-error-summary").is_visible()
    assert_page_is_sound(page)

    page.goto(base + reverse("nabolagspotten:appeals"))
    assert page.get_by_role("link", name=application.reference).is_visible()
    _sound_at_every_width(page)


def test_an_inhabil_handler_sees_the_notice(new_page, live_server, people):
    application = ApplicationFactory(area=lademoen(), round=a_round())
    page = _logged_in(new_page, live_server, people["programme_leader"])
    page.goto(live_server.url + reverse("nabolagspotten:case", args=[application.reference]))
    page.get_by_label(nb("No, I am not impartial (inhabil)")).check()
    _submit(page, nb("Declare"))  # without a reason: the error state
    assert page.locator("ds-error-summary").is_visible()
    assert_page_is_sound(page)
    page.get_by_label(nb("No, I am not impartial (inhabil)")).check()
    page.get_by_label(nb("If not: why")).fill("Jeg sitter i styret.")
    _submit(page, nb("Declare"))
    assert page.get_by_role("heading", name=nb("You are not impartial in this case")).is_visible()
    assert_page_is_sound(page)


def test_the_applicant_appeals_on_a_phone(new_page, live_server, people):
    application = granted(people["case_handler"], amount=12_000)
    client = Client()
    with_link(client, application)
    for width in (WIDTHS["phone"], WIDTHS["narrow"]):
        page = _page_for(new_page, live_server, client, width)
        page.goto(
            live_server.url
            + reverse("nabolagspotten:applicant_appeal", args=[application.reference])
        )
        assert_page_is_sound(page)
        _submit(page, nb("Send the appeal"))
        assert page.locator("ds-error-summary").is_visible()
        assert_page_is_sound(page)
    page.get_by_label(nb("Why do you appeal?")).fill("Vi trenger mer til lydanlegg.")
    _submit(page, nb("Send the appeal"))
    assert application.appeals.count() == 1
