"""Tables never need sideways scrolling where it hurts: the public tables are stacks of
cards on a phone (`stack-on-phone`, static/css/app.css), and at desktop width no table, the
staff statistics and payments included, scrolls in its box. `assert_page_is_sound` checks
both on every page; these tests show that the check catches a table that scrolls, and look
at the pages the issue named with long names and large amounts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from nabolagspotten.models import Application, Payment
from tests.browser.conftest import WIDTHS, assert_page_is_sound, screenshot, tables_that_scroll
from tests.browser.test_nabolagspotten_cases import _logged_in
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.portfolio.helpers import nb

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = Application.Status
WIDE_TABLE = """() => {
    const box = document.createElement('div');
    box.className = 'table-scroll';
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', 'Test');
    box.innerHTML = '<table class="ds-table"><tr>' +
        Array.from({length: 14}, (_, i) => `<td class="numeric">${i} 234 567 kr</td>`).join('') +
        '</tr></table>';
    document.querySelector('main').append(box);
}"""


def _grants(count=6):
    round_ = RoundFactory(
        name="Nabolagspotten våren 2026 med ekstra midler fra bydelsutvalget",
        budgets={"lademoen": 2_000_000, "mollenberg": 2_000_000, "tempe-sorgenfri": 2_000_000},
    )
    granted = []
    for n in range(count):
        granted.append(
            ApplicationFactory(
                round=round_,
                status=S.PAID,
                amount_requested=1_250_000 + n,
                amount_granted=1_250_000 + n,
                decided_at=timezone.now(),
                applicant_name=f"Trondheim internasjonale kulturforening avdeling {n}",
                title="Fotballturnering for ungdommer på Lademoen og Møllenberg",
            )
        )
    return round_, granted


def test_the_check_catches_a_table_that_scrolls_at_desktop_width(new_page, live_server):
    page = new_page(WIDTHS["desktop"])
    page.goto(live_server.url + reverse("nabolagspotten:grants"))
    assert tables_that_scroll(page) == []
    page.evaluate(WIDE_TABLE)
    assert tables_that_scroll(page), "a table wider than its box must be caught"
    with pytest.raises(AssertionError, match="tables on .* scroll sideways"):
        assert_page_is_sound(page)


def test_the_public_grants_are_cards_on_a_phone(new_page, live_server):
    _grants()
    page = new_page(WIDTHS["phone"])
    page.goto(live_server.url + reverse("nabolagspotten:grants"))
    for width in (WIDTHS["phone"], WIDTHS["narrow"], WIDTHS["desktop"]):
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    cards = page.evaluate(
        """() => [...document.querySelectorAll('table.stack-on-phone tbody td')].map(td => ({
            share: td.getBoundingClientRect().width / td.closest('table').clientWidth,
            label: getComputedStyle(td, '::before').content,
            right: td.getBoundingClientRect().right,
        }))"""
    )
    assert cards
    for card in cards:
        assert card["share"] > 0.9, card  # a whole line per cell: no word squeezed apart
        assert card["right"] <= WIDTHS["phone"], card
    labels = {card["label"].strip('"') for card in cards}
    assert {nb("Activity"), nb("Amount"), nb("Area"), nb("Round")} <= labels
    screenshot(page, "grants-375")


def test_money_per_area_shows_what_is_left_on_a_phone(new_page, live_server):
    _grants(1)
    page = new_page(WIDTHS["phone"])
    page.goto(live_server.url + reverse("nabolagspotten:public_home"))
    for width in (WIDTHS["phone"], WIDTHS["narrow"], WIDTHS["desktop"]):
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_is_sound(page)
        left = page.locator("table.stack-on-phone td").filter(has_text="kr").last
        box = left.bounding_box()
        assert box and box["x"] + box["width"] <= width, (width, box)
    screenshot(page, "money-per-area-320")


def test_statistics_payments_and_rounds_fit_at_desktop_width(new_page, live_server, people):
    handler = people["case_handler"]
    round_, granted = _grants()
    RoundFactory(name="Nabolagspotten høsten 2025 (løpende opptak hele året)")
    for application in granted:
        Payment.objects.create(
            application=application,
            amount=application.amount_granted,
            paid_on=timezone.localdate(),
            reference=f"UTB-{application.reference}-1",
            registered_by=handler,
        )
    page = _logged_in(new_page, live_server, handler, WIDTHS["desktop"])
    for name in ("statistics", "payments", "rounds"):
        page.goto(live_server.url + reverse(f"nabolagspotten:{name}"))
        for width in (WIDTHS["desktop"], WIDTHS["phone"]):
            page.set_viewport_size({"width": width, "height": 900})
            assert_page_is_sound(page)
        page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
        screenshot(page, f"{name}-1280")
