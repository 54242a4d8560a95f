"""As Endringsleder: register a benefit for a project, add an indicator with both baselines
and a target, record a measurement, and see the status and the chart with its table. Every
page passes axe at 1280 and 375 px."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import translation

from portfolio.models import Goal
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in, screenshot
from tests.factories import ProjectFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def _sound_at_both_widths(page):
    assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def test_a_change_leader_registers_a_benefit_and_follows_its_indicator(
    new_page, live_server, people, password
):
    leader = people["change_leader"]
    project = ProjectFactory(
        title="Trygge gater på Lademoen", owner_unit=leader.unit, created_by=leader
    )
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, leader.email, password)

    page.goto(f"{live_server.url}/gevinster/")
    _sound_at_both_widths(page)
    with page.expect_navigation():
        page.get_by_role("link", name=nb("Register a benefit")).click()
    _sound_at_both_widths(page)
    page.locator("#id_title").fill("Økt opplevd trygghet i Lademoen")
    page.locator("#id_description").fill("Flere beboere føler seg trygge i nabolaget sitt.")
    page.locator("#id_dfo_class").select_option("kvalitet")
    page.locator("#id_goal").select_option(str(Goal.objects.first().pk))
    page.locator("#id_direct_projects").select_option(str(project.pk))
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Save")).click()
    assert re.search(r"/gevinster/\d+/$", page.url)
    assert page.get_by_role("link", name="Trygge gater på Lademoen").is_visible()
    _sound_at_both_widths(page)

    with page.expect_navigation():
        page.get_by_role("link", name=nb("Add an indicator")).click()
    page.locator("#id_name").fill("Andel som føler seg trygge")
    page.locator("#id_unit").select_option("prosent")
    page.locator("#id_frequency").select_option("aar")
    page.locator("#id_baseline_2022").fill("48")
    page.locator("#id_baseline_2022_date").fill("2022-06-01")
    page.locator("#id_baseline_2025").fill("52")
    page.locator("#id_baseline_2025_date").fill("2025-06-01")
    page.locator("#id_target").fill("65")
    page.locator("#id_target_date").fill("2028-12-31")
    _sound_at_both_widths(page)
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Add the indicator")).click()

    with page.expect_navigation():
        page.get_by_role("link", name=nb("Record a measurement")).click()
    page.locator("#id_period_end").fill("2025-12-31")
    page.locator("#id_value").fill("150")  # a percentage above 100
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Record the measurement")).click()
    assert page.locator("#id_value").get_attribute("aria-invalid") == "true"
    _sound_at_both_widths(page)
    page.locator("#id_value").fill("54")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Record the measurement")).click()

    assert page.locator("svg.chart").is_visible()
    assert page.locator("table caption").first.is_visible()
    status = page.locator("article strong").first.inner_text()
    assert status in {nb("On track"), nb("At risk"), nb("Off track")}
    _sound_at_both_widths(page)
    Path("test-results").mkdir(exist_ok=True)
    screenshot(page, "benefit-1280")
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    screenshot(page, "benefit-375")
    assert datetime.date.today().year >= 2025


def _benefit_with_history(people):
    from benefits.models import Baseline, Indicator, Target
    from benefits.services import benefits as services

    leader = people["change_leader"]
    project = ProjectFactory(
        title="Trygge gater på Lademoen",
        owner_unit=leader.unit,
        project_leader=people["project_leader"],
        created_by=leader,
    )
    benefit = services.benefit_create(
        by=leader,
        title="Økt opplevd trygghet i Lademoen",
        description="Flere beboere føler seg trygge.",
        dfo_class="kvalitet",
        goal=Goal.objects.first(),
        owner_unit=leader.unit,
        contributions=[(project, "direkte")],
    )
    indicator = Indicator.objects.create(
        benefit=benefit, name="Andel som føler seg trygge", unit="prosent", frequency="aar"
    )
    for year, value in ((2022, 48), (2025, 52)):
        Baseline.objects.create(
            indicator=indicator,
            value=value,
            measured_on=datetime.date(year, 6, 1),
            source=f"Stedsanalysen {year}",
        )
    Target.objects.create(indicator=indicator, value=65, target_date=datetime.date(2030, 12, 31))
    for year, value in ((2022, 49), (2023, 50.5)):
        services.measurement_record(
            indicator=indicator, by=leader, period_end=datetime.date(year, 12, 31), value=value
        )
    return project, benefit, indicator


def test_the_home_page_the_project_page_and_the_register_show_the_benefits(
    new_page, live_server, people, password
):
    project, benefit, indicator = _benefit_with_history(people)
    leader = people["change_leader"]
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, leader.email, password)
    Path("test-results").mkdir(exist_ok=True)

    page.goto(f"{live_server.url}/")
    panel = page.locator('[data-panel="benefits-due"]')
    assert panel.is_visible()
    assert "31.12.2024" in panel.inner_text()  # the first year without a measurement
    assert (
        page.locator('[data-panel="benefits-owned"]')
        .get_by_role("link", name=re.compile("Økt opplevd trygghet"))
        .is_visible()
    )
    _sound_at_both_widths(page)
    screenshot(page, "benefits-home-1280")
    with page.expect_navigation():
        panel.get_by_role("link").first.click()
    assert page.url.endswith(f"/indikatorer/{indicator.pk}/maling/")

    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    section = page.locator("section", has=page.locator("#section-benefits-heading"))
    assert section.get_by_role("link", name="Økt opplevd trygghet i Lademoen").is_visible()
    _sound_at_both_widths(page)
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    screenshot(section, "benefits-project-375")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})

    page.goto(f"{live_server.url}/gevinster/")
    assert page.locator("#id_area option").first.inner_text() == nb("All")
    page.locator("#id_unit").select_option(str(leader.unit_id))
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Filter")).click()
    assert page.get_by_role("link", name="Økt opplevd trygghet i Lademoen").is_visible()
    _sound_at_both_widths(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=nb("Download the measurements as CSV")).click()
    assert download.value.suggested_filename.startswith("gevinster-malinger-")

    page.goto(f"{live_server.url}{benefit.get_absolute_url()}")
    assert page.locator("svg.chart[role=img]").is_visible()
    _sound_at_both_widths(page)
    screenshot(page.locator("svg.chart"), "benefits-chart-1280")
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    screenshot(page, "benefits-chart-375")
