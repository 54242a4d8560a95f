"""The benefit page with perceived change grouped by area, the project page with its plan's
state, and the portfolio overview filtered to projects without an approved benefit plan:
every page passes axe at 1280 and 375 px."""

import datetime

import pytest

from benefits.models import Baseline, Indicator
from benefits.services import benefits as services
from benefits.services import plans as plan_services
from portfolio.models import Area, Goal
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in, screenshot
from tests.browser.test_benefits import nb
from tests.factories import ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _both_widths(page, name):
    assert_page_is_sound(page)
    screenshot(page, f"{name}-1280")
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    assert_page_is_sound(page)
    screenshot(page, f"{name}-375")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def test_perceived_change_the_plan_on_the_project_and_the_overview_filter(
    new_page, live_server, people, password
):
    leader = people["programme_leader"]
    owner = people["change_leader"]
    project = ProjectFactory(
        title="Trygge gater", status="i_portefoljen", owner_unit=owner.unit, created_by=owner
    )
    benefit = services.benefit_create(
        by=owner,
        title="Økt opplevd trygghet i nabolagene",
        description="Flere føler seg trygge.",
        dfo_class="kvalitet",
        goal=Goal.objects.first(),
        owner_unit=owner.unit,
        contributions=[(project, "direkte")],
    )
    for area in Area.objects.all():
        indicator = Indicator.objects.create(
            benefit=benefit,
            name="Andel beboere som føler seg trygge i nabolaget",
            unit="prosent",
            frequency="aar",
            area=area,
        )
        Baseline.objects.create(
            indicator=indicator, value=55, measured_on=datetime.date(2022, 6, 1), source="x"
        )
    plan_services.plan_create(by=leader, project=project)

    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, leader.email, password)
    page.goto(f"{live_server.url}{benefit.get_absolute_url()}")
    assert page.get_by_role("heading", name="Møllenberg", exact=True).is_visible()
    _both_widths(page, "benefit-areas")

    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    link = page.get_by_role("link", name=nb("The project's benefit-realisation plan"))
    assert link.is_visible()
    _both_widths(page, "project-plan")

    page.goto(f"{live_server.url}/program/portefolje/?no_benefit_plan=1")
    assert page.get_by_role("link", name="Trygge gater", exact=True).is_visible()
    assert page.get_by_text(nb("No approved benefit plan"), exact=True).first.is_visible()
    _both_widths(page, "overview-no-plan")
    with page.expect_navigation():
        link = page.get_by_role("link", name="Trygge gater", exact=True)
        link.click()
    with page.expect_navigation():
        page.get_by_role("link", name=nb("The project's benefit-realisation plan")).click()
    assert "/gevinster/planer/" in page.url
