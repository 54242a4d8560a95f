"""The portfolio overview in the browser: a filter updates the list in place (htmx) and the
address; the same address loaded directly shows the same list; without JavaScript the
form still filters."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in
from tests.factories import ProjectFactory
from tests.portfolio.helpers import nb

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def projects(people):
    leader = people["programme_leader"]
    ProjectFactory(title="Nabolagskafé på Lademoen", status="i_portefoljen", created_by=leader)
    ProjectFactory(title="Leksehjelp i biblioteket", status="forslag", created_by=leader)
    ProjectFactory(title="Gatetun på Møllenberg", status="avsluttet", created_by=leader)


def _list_rows(page):
    table = page.locator("#results table").filter(has_text=nb("Owning unit"))
    return table.locator("tbody tr")


def _list_titles(page) -> list[str]:
    return _list_rows(page).locator("td:first-child").all_inner_texts()


def _status_box(page, label: str):
    return page.get_by_role("group", name=nb("Status"), exact=True).get_by_label(label, exact=True)


@pytest.mark.parametrize("width", [WIDTHS["desktop"], WIDTHS["phone"]], ids=["desktop", "phone"])
def test_a_filter_updates_the_list_in_place_and_the_address_keeps_it(
    new_page, live_server, people, password, projects, width
):
    page = new_page(width)
    log_in(page, live_server.url, people["programme_leader"].email, password)
    page.goto(f"{live_server.url}/program/portefolje/")
    assert_page_is_sound(page)
    assert len(_list_titles(page)) == 3

    page.evaluate("() => { window.stillTheSamePage = true; }")
    _status_box(page, nb("Proposal")).check()
    page.wait_for_url(re.compile(r"status=forslag"))
    expect(_list_rows(page)).to_have_count(1)
    assert _list_titles(page) == ["Leksehjelp i biblioteket"]
    assert page.evaluate("() => window.stillTheSamePage === true")  # no full page load
    assert_page_is_sound(page)

    filtered_address = page.url
    direct = new_page(width)
    log_in(direct, live_server.url, people["programme_leader"].email, password)
    direct.goto(filtered_address)
    assert _list_titles(direct) == ["Leksehjelp i biblioteket"]
    assert _status_box(direct, nb("Proposal")).is_checked()
    assert_page_is_sound(direct)


def test_the_filters_work_without_javascript(browser, live_server, people, password, projects):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": WIDTHS["desktop"], "height": 900}
    )
    try:
        page = context.new_page()
        log_in(page, live_server.url, people["programme_leader"].email, password)
        page.goto(f"{live_server.url}/program/portefolje/")
        _status_box(page, nb("In the portfolio")).check()
        page.get_by_role("button", name=nb("Show")).click()
        page.wait_for_load_state("load")
        assert "status=i_portefoljen" in page.url
        assert _list_titles(page) == ["Nabolagskafé på Lademoen"]
    finally:
        context.close()
