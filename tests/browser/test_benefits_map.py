"""Open the benefits map, filter it by Møllenberg and follow a node to its benefit. The
map page passes axe at 1280 and 375 px, with and without the filter."""

from pathlib import Path

import pytest
from django.utils import translation

from benefits.services import benefits as services
from portfolio.models import Area, Goal, Strategy
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in, screenshot
from tests.factories import ProjectFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def _benefit(people, title, area, project_title):
    project = ProjectFactory(
        title=project_title,
        owner_unit=people["change_leader"].unit,
        created_by=people["programme_leader"],
    )
    goal = Goal.objects.first()
    return services.benefit_create(
        by=people["change_leader"],
        title=title,
        description="Beskrivelse",
        dfo_class="kvalitet",
        goal=goal,
        owner_unit=people["change_leader"].unit,
        strategies=list(Strategy.objects.filter(goal=goal)[:1]),
        areas=[Area.objects.get(name=area)],
        contributions=[(project, "direkte")],
    )


def _sound_at_both_widths(page, shot=None):
    assert_page_is_sound(page)
    if shot:
        Path("test-results").mkdir(exist_ok=True)
        screenshot(page, f"{shot}-1280")
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    assert_page_is_sound(page)
    if shot:
        screenshot(page, f"{shot}-375")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def test_open_the_map_filter_by_mollenberg_and_follow_a_node(
    new_page, live_server, people, password
):
    _benefit(people, "Økt opplevd trygghet i Lademoen", "Lademoen", "Trygge gater på Lademoen")
    wanted = _benefit(
        people, "Flere deltar i nabolagsaktiviteter", "Møllenberg", "Nabolagskafé på Møllenberg"
    )
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, people["board_member"].email, password)
    page.goto(f"{live_server.url}/gevinster/")
    with page.expect_navigation():
        page.get_by_role("link", name=nb("The benefits map")).click()
    assert page.locator("svg.benefits-map").is_visible()
    _sound_at_both_widths(page, shot="benefits-map")
    page.locator("#id_area").select_option(label="Møllenberg")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Filter")).click()
    svg = page.locator("svg.benefits-map")
    assert "Flere deltar i nabolagsaktiviteter" in svg.inner_html()
    assert "Lademoen" not in svg.inner_html()
    _sound_at_both_widths(page, shot="benefits-map-mollenberg")
    with page.expect_navigation():
        svg.locator(f'a[href="{wanted.get_absolute_url()}"]').click()
    assert page.url.endswith(wanted.get_absolute_url())
    assert page.get_by_role("heading", name="Flere deltar i nabolagsaktiviteter").is_visible()
