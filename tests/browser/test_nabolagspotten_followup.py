"""Rounds, money after the decision, statistics: as the programme leader, the round list,
a round, the round form (closing before opening, then a budget below what is committed);
as a case handler, the payment form (more than granted is refused, then a payment), the
payments list, a settled repayment and a closed case; the statistics; and as the applicant,
the final report form (with an error first). Every page passes axe, does not scroll
sideways and keeps a clean console."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nabolagspotten import access
from nabolagspotten.models import Application, ImpartialityDeclaration, Payment
from portfolio.models import Area
from tests.browser.conftest import WIDTHS, assert_page_is_sound
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.portfolio.helpers import nb

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

S = Application.Status


def _logged_in(new_page, live_server, user, width=WIDTHS["phone"]):
    client = Client()
    client.force_login(user)
    page = new_page(width)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return page


def _sound_at_every_width(page):
    for width in (WIDTHS["phone"], WIDTHS["narrow"], WIDTHS["desktop"]):
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})


def _go(page, url):
    page.goto(url)
    page.wait_for_load_state("load")


def _submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_programme_leader_sets_up_and_changes_rounds(new_page, live_server, people):
    round_ = RoundFactory(name="Vårrunden <script>x</script>", budgets={"lademoen": 50_000})
    lademoen = Area.objects.get(slug="lademoen")
    ApplicationFactory(round=round_, area=lademoen, status=S.ACCEPTED, amount_granted=30_000)
    page = _logged_in(new_page, live_server, people["programme_leader"])

    _go(page, live_server.url + reverse("nabolagspotten:rounds"))
    _sound_at_every_width(page)
    _go(page, live_server.url + reverse("nabolagspotten:round", args=[round_.pk]))
    _sound_at_every_width(page)
    assert page.get_by_role("heading", name="Vårrunden <script>x</script>").is_visible()

    _go(page, live_server.url + reverse("nabolagspotten:round_create"))
    assert_page_is_sound(page)
    today = timezone.localdate()
    page.locator("#id_name").fill("Høstrunden")
    page.locator("#id_year").fill(str(today.year))
    page.locator("#id_opens_on").fill(today.replace(month=6, day=1).isoformat())
    page.locator("#id_closes_on").fill(today.replace(month=5, day=1).isoformat())
    page.locator("#id_max_grant").fill("30 000")
    page.locator("#id_criteria").fill("Fellesskap i nabolaget.")
    for area in Area.objects.filter(is_active=True):
        page.locator(f"#id_budget_{area.pk}").fill("100 000")
    _submit(page, nb("Set up the round"))
    assert page.locator("ds-error-summary").is_visible()
    assert page.locator("#id_closes_on").get_attribute("aria-invalid") == "true"
    assert page.get_by_text(nb("The round cannot close before it opens.")).first.is_visible()
    _sound_at_every_width(page)

    _go(page, live_server.url + reverse("nabolagspotten:round_edit", args=[round_.pk]))
    assert_page_is_sound(page)
    for area in Area.objects.filter(is_active=True).exclude(pk=lademoen.pk):
        page.locator(f"#id_budget_{area.pk}").fill("0")
    page.locator(f"#id_budget_{lademoen.pk}").fill("10 000")
    _submit(page, nb("Save"))
    assert page.locator("ds-error-summary").is_visible()
    assert page.locator(f"#id_budget_{lademoen.pk}").get_attribute("aria-invalid") == "true"
    _sound_at_every_width(page)

    _go(page, live_server.url + reverse("nabolagspotten:statistics"))
    _sound_at_every_width(page)


def test_handler_registers_a_payment_and_closes_the_case(new_page, live_server, people):
    handler = people["case_handler"]
    application = ApplicationFactory(status=S.ACCEPTED, amount_granted=10_000)
    ImpartialityDeclaration.objects.create(application=application, handler=handler, impartial=True)
    page = _logged_in(new_page, live_server, handler)

    _go(
        page, live_server.url + reverse("nabolagspotten:case_payment", args=[application.reference])
    )
    assert_page_is_sound(page)
    page.locator("#id_amount").fill("20 000")
    page.locator("#id_reference").fill("BILAG-42")
    _submit(page, nb("Register the payment"))
    assert page.locator("ds-error-summary").is_visible()
    assert page.locator("#id_amount").get_attribute("aria-invalid") == "true"
    _sound_at_every_width(page)
    page.locator("#id_amount").fill("10 000")
    _submit(page, nb("Register the payment"))
    assert Payment.objects.filter(application=application, amount=10_000).exists()
    assert_page_is_sound(page)  # the case page, with the follow-up panel

    _go(page, live_server.url + reverse("nabolagspotten:payments"))
    _sound_at_every_width(page)
    assert page.get_by_role("cell", name="BILAG-42").is_visible()

    # The applicant reports, keeping 1 000 kr unused; the handler waives it and closes.
    from nabolagspotten.services.followup import final_report_submit

    final_report_submit(
        application=application, what_happened="Fest.", participants=50, money_used=9_000
    )
    repayment = application.repayments.get()
    _go(
        page,
        live_server.url
        + reverse("nabolagspotten:repayment_settle", args=[application.reference, repayment.pk]),
    )
    assert_page_is_sound(page)
    page.get_by_label(nb("Waived")).check()
    _submit(page, nb("Save"))
    assert page.locator("ds-error-summary").is_visible()
    assert_page_is_sound(page)
    page.get_by_label(nb("Waived")).check()
    page.locator("#id_note").fill("Liten sum")
    _submit(page, nb("Save"))
    _go(page, live_server.url + reverse("nabolagspotten:case_close", args=[application.reference]))
    assert_page_is_sound(page)
    _submit(page, nb("Close the case"))
    application.refresh_from_db()
    assert application.status == S.CLOSED


def test_applicant_sends_the_final_report(new_page, live_server, people):
    application = ApplicationFactory(status=S.PAID, amount_granted=10_000)
    Payment.objects.create(
        application=application,
        amount=10_000,
        paid_on=timezone.localdate(),
        reference="B-1",
        registered_by=people["case_handler"],
    )
    token = access.issue_link(application)
    page = new_page(WIDTHS["phone"])
    _go(page, live_server.url + reverse("nabolagspotten:open_link") + f"#{token}")
    page.wait_for_url("**/soknad/**")
    _go(
        page,
        live_server.url + reverse("nabolagspotten:applicant_report", args=[application.reference]),
    )
    _sound_at_every_width(page)
    page.locator("#id_what_happened").fill("Vi hadde fest i bakgården.")
    page.locator("#id_participants").fill("70")
    page.locator("#id_money_used").fill("12 000")
    _submit(page, nb("Send the final report"))
    assert page.locator("ds-error-summary").is_visible()
    assert page.locator("#id_money_used").get_attribute("aria-invalid") == "true"
    _sound_at_every_width(page)
    page.locator("#id_money_used").fill("8 000")
    _submit(page, nb("Send the final report"))
    application.refresh_from_db()
    assert application.status == S.REPORTED
    assert application.repayments.get().amount == 2_000
    assert_page_is_sound(page)  # the applicant's page, with the report panel
    _go(
        page,
        live_server.url + reverse("nabolagspotten:applicant_report", args=[application.reference]),
    )
    _sound_at_every_width(page)
