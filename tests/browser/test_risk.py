"""As Programleder: register a threat in an area's register, see it in the heat map's cell
and in the list of that cell, and review it. Every page passes axe at every width, has no
sideways scroll and a clean console."""

import re

import pytest
from django.utils import translation

from portfolio.models import Area
from risk.services import area_register
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def at_every_width(page) -> None:
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def test_the_programme_leader_registers_a_risk_sees_it_in_the_heat_map_and_reviews_it(
    new_page, live_server, people, password
):
    register = area_register(Area.objects.get(name="Møllenberg"))
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, people["programme_leader"].email, password)

    page.goto(f"{live_server.url}/risiko/")
    at_every_width(page)
    with page.expect_navigation():
        page.get_by_role("link", name=str(register), exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name=nb("Register a risk")).click()

    # Sent with a likelihood missing and a script tag in the title: errors on the fields.
    page.locator("#id_title").fill("<script>alert(1)</script>")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Register the risk")).click()
    assert page.locator("ds-error-summary").is_visible()
    assert page.locator("#id_cause").get_attribute("aria-invalid") == "true"
    at_every_width(page)

    page.locator("#id_title").fill("Svekket tillit hos beboerforeningen i Møllenberg")
    page.locator("#id_ros_area").select_option(label="Interessent")
    page.locator("#id_cause").fill("Lovnader fra tidligere prosjekter er ikke holdt.")
    page.locator("#id_event").fill("Beboerforeningen trekker seg fra samarbeidet.")
    page.locator("#id_effect").fill("Tiltakene mister lokal forankring.")
    page.locator("#id_inherent_likelihood").select_option("4")
    page.locator("#id_inherent_consequence").select_option("4")
    page.locator("#id_current_likelihood").select_option("3")
    page.locator("#id_current_consequence").select_option("4")
    page.locator("#id_response").select_option("reduce")
    page.locator("#id_response_justification").fill("Faste møter og tydelige avtaler.")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Register the risk")).click()
    assert re.search(r"/risiko/\d+/$", page.url)
    assert page.get_by_role("heading", name=re.compile("R-001 Svekket tillit")).is_visible()
    at_every_width(page)

    page.goto(f"{live_server.url}{register.get_absolute_url()}")
    cell = page.locator("table.heat-map a[href*='s=3'][href*='k=4']")
    assert cell.locator(".heat-count").inner_text() == "1"
    assert cell.locator(".heat-level").inner_text() == "Høy"
    at_every_width(page)
    screenshot(page, "register-1280")
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    screenshot(page, "register-375")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    with page.expect_navigation():
        cell.click()
    assert page.get_by_role("link", name=re.compile("R-001 Svekket tillit")).is_visible()

    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("R-001 Svekket tillit")).click()
    with page.expect_navigation():
        page.get_by_role("link", name=nb("Review the risk")).click()
    at_every_width(page)
    page.locator("#id_likelihood").select_option("2")
    page.locator("#id_consequence").select_option("3")
    page.locator("#id_comment").fill("Møtene med foreningen er i gang.")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Record the review")).click()
    assert page.get_by_text("3×4 → 2×3").is_visible()
    at_every_width(page)
    screenshot(page, "risk-1280")

    page.goto(f"{live_server.url}{register.get_absolute_url()}")
    cell = page.locator("table.heat-map a[href*='s=2'][href*='k=3']")
    assert cell.locator(".heat-count").inner_text() == "1"


def test_the_programme_leader_freezes_two_snapshots_and_reads_the_diff(
    new_page, live_server, people, password
):
    from risk.services import risk_review
    from tests.risk.helpers import make_risk

    leader = people["programme_leader"]
    risk = make_risk(area_register(Area.objects.get(name="Lademoen")), leader)
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, leader.email, password)

    page.goto(f"{live_server.url}/risiko/styret/")
    at_every_width(page)
    page.get_by_label(nb("Board meeting")).fill("Styremøte mars")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Freeze a snapshot")).click()
    at_every_width(page)

    risk_review(risk=risk, by=leader, likelihood=2, consequence=2, comment="Bedre.")
    page.goto(f"{live_server.url}/risiko/styret/")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Freeze a snapshot")).click()
    assert page.get_by_text("3×4 → 2×2").is_visible()
    at_every_width(page)
