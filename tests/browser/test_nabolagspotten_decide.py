"""The decision page's low-budget confirmation in a browser: no box while plenty is left;
typing an amount that leaves the area low brings the warning and the box (htmx); with the
box ticked the grant is made. Sound at phone and desktop widths."""

import pytest
from django.urls import reverse

from nabolagspotten.models import Application
from tests.browser.conftest import WIDTHS, assert_page_is_sound, screenshot
from tests.browser.test_nabolagspotten_cases import _logged_in
from tests.nabolagspotten.test_cases_support import a_round, committed, in_review
from tests.portfolio.helpers import nb

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = Application.Status
BOX = "I know this leaves little money in the area, and I want to grant it"


def test_the_box_comes_only_with_an_amount_that_leaves_little(
    new_page, live_server, people, settings
):
    settings.NABOLAGSPOTTEN_LOW_BUDGET_SHARE = 0.1
    handler = people["case_handler"]
    round_ = a_round(budget=100_000, max_grant=100_000)
    committed(round_, 40_000, handler)  # 60 000 kr left
    application = in_review(handler, round=round_, amount_requested=80_000)
    url = live_server.url + reverse("nabolagspotten:case_decide", args=[application.reference])

    page = _logged_in(new_page, live_server, handler, WIDTHS["phone"])
    page.goto(url)
    # The 80 000 kr asked for is more than is left: that is refused on the amount, not
    # confirmed, so there is no box yet.
    assert page.get_by_label(nb(BOX)).count() == 0
    for width in (WIDTHS["phone"], WIDTHS["desktop"]):
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_is_sound(page)

    page.get_by_label(nb("Partly granted"), exact=True).check()
    page.get_by_label(nb("Amount granted (kr)")).fill("55000")
    box = page.get_by_label(nb(BOX))
    box.wait_for()
    for width in (WIDTHS["phone"], WIDTHS["desktop"]):
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_is_sound(page)
    screenshot(page, "decide-low-budget")

    page.get_by_label(nb("Amount granted (kr)")).fill("30000")
    page.wait_for_function("() => !document.querySelector('[name=confirm_low_budget]')")
    page.get_by_label(nb("Amount granted (kr)")).fill("55000")
    box.wait_for()
    box.check()
    page.get_by_label(nb("Reasons")).fill("Et godt tiltak for hele nabolaget.")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Make the decision"), exact=True).click()
    application.refresh_from_db()
    assert application.status == S.PARTLY_GRANTED
    assert application.amount_granted == 55_000
