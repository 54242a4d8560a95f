"""The portfolio overview in the browser: a filter updates the list in place (htmx) and the
address; the same address loaded directly shows the same list; without JavaScript the
form still filters. The filters live in a disclosure that opens by keyboard and names the
chosen filters; the search updates the list in place; the printout has no form.

Screenshots go to test-results/overview/ (look at them)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in, screenshot
from tests.factories import ProjectFactory, StatusReportFactory
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


def _disclosure(page):
    return page.locator("details.filter-disclosure")


def _summary(page):
    return page.locator("details.filter-disclosure > summary")


def _open_filters(page):
    _summary(page).click()
    expect(_disclosure(page)).to_have_attribute("open", "")


def _overview(new_page, live_server, people, password, width, query=""):
    page = new_page(width)
    log_in(page, live_server.url, people["programme_leader"].email, password)
    page.goto(f"{live_server.url}/program/portefolje/{query}")
    page.wait_for_load_state("load")
    return page


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
    _open_filters(page)
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
    if width == WIDTHS["phone"]:
        _open_filters(direct)  # closed on a phone, even with a filter chosen
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
        _open_filters(page)  # a native disclosure: it opens without a script
        _status_box(page, nb("In the portfolio")).check()
        with page.expect_navigation():
            page.get_by_role("button", name=nb("Show")).click()
        assert "status=i_portefoljen" in page.url
        assert _list_titles(page) == ["Nabolagskafé på Lademoen"]
    finally:
        context.close()


@pytest.fixture
def stale_and_fresh(people, projects):
    """A fourth project, running with a fresh report; of the first three, the running one
    and the proposal have never reported (they need a report), the closed one does not."""
    fresh = ProjectFactory(title="Trygg skolevei", status="i_portefoljen")
    StatusReportFactory(project=fresh, date=timezone.localdate() - timedelta(days=2))


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_filters_open_by_keyboard_and_a_choice_updates_the_list_and_the_summary(
    new_page, live_server, people, password, stale_and_fresh, width
):
    page = _overview(new_page, live_server, people, password, width)
    stale_box = page.get_by_label(nb("Only projects that need a status report"))
    expect(_disclosure(page)).not_to_have_attribute("open", "")
    expect(_summary(page)).to_have_text("Filtre (ingen valgt)")
    expect(stale_box).to_be_hidden()
    assert len(_list_titles(page)) == 4
    assert_page_is_sound(page)
    screenshot(page, f"overview-closed-{width}")

    page.evaluate("() => { window.stillTheSamePage = true; }")
    page.get_by_role("button", name=nb("Search"), exact=True).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('.filter-disclosure > summary')")
    page.keyboard.press("Enter")
    expect(_disclosure(page)).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    expect(stale_box).to_be_focused()
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"stale=1"))
    expect(_list_rows(page)).to_have_count(2)
    assert sorted(_list_titles(page)) == ["Leksehjelp i biblioteket", "Nabolagskafé på Lademoen"]
    expect(_summary(page)).to_have_text(
        "Filtre (1 valgt): Bare prosjekter som mangler statusrapport"
    )
    expect(page.locator("#results [role=status]")).to_contain_text(
        "Valgte filtre: Bare prosjekter som mangler statusrapport."
    )
    assert page.evaluate("() => window.stillTheSamePage === true")  # updated in place
    expect(stale_box).to_be_focused()  # the focus stays where it was
    assert_page_is_sound(page)
    screenshot(page, f"overview-open-{width}")


@pytest.mark.parametrize("width", [WIDTHS["desktop"], WIDTHS["phone"]], ids=["desktop", "phone"])
def test_with_chosen_filters_the_disclosure_is_open_on_a_desktop_and_closed_on_a_phone(
    new_page, live_server, people, password, projects, width
):
    page = _overview(new_page, live_server, people, password, width, "?status=i_portefoljen")
    expect(_summary(page)).to_have_text("Filtre (1 valgt): Status: I porteføljen")
    if width == WIDTHS["phone"]:
        expect(_disclosure(page)).not_to_have_attribute("open", "")
    else:
        expect(_disclosure(page)).to_have_attribute("open", "")
    assert _list_titles(page) == ["Nabolagskafé på Lademoen"]
    assert_page_is_sound(page)


def test_the_search_updates_the_list_in_place(new_page, live_server, people, password, projects):
    page = _overview(new_page, live_server, people, password, WIDTHS["phone"])
    page.evaluate("() => { window.stillTheSamePage = true; }")
    search = page.get_by_label(nb("Search in titles and summaries"))
    search.fill("  LADEMOEN   nabolagskafé ")
    search.press("Enter")
    page.wait_for_url(re.compile(r"q=(%20)*LADEMOEN"))
    expect(_list_rows(page)).to_have_count(1)
    assert _list_titles(page) == ["Nabolagskafé på Lademoen"]
    expect(_summary(page)).to_have_text("Filtre (1 valgt): Søk: «LADEMOEN nabolagskafé»")
    assert page.evaluate("() => window.stillTheSamePage === true")
    assert_page_is_sound(page)


def test_a_status_count_is_a_link_that_chooses_the_status_and_keeps_the_search(
    new_page, live_server, people, password, projects
):
    page = _overview(new_page, live_server, people, password, WIDTHS["desktop"], "?q=nabolaget")
    counts = page.get_by_role("region", name=nb("Projects by status"))
    counts.get_by_role("link", name=f"1 {nb('Proposal')}", exact=True).click()
    page.wait_for_url(re.compile(r"status=forslag"))
    assert "q=nabolaget" in page.url
    assert _list_titles(page) == ["Leksehjelp i biblioteket"]
    chosen = counts.locator("a[aria-current=true]")
    expect(chosen).to_have_count(1)
    expect(chosen).to_have_text(f"1 {nb('Proposal')} {nb('chosen')}")
    assert_page_is_sound(page)


@pytest.mark.parametrize("width", [WIDTHS["desktop"], WIDTHS["phone"]], ids=["desktop", "phone"])
def test_the_printout_has_the_results_without_the_form_or_the_navigation(
    new_page, live_server, people, password, projects, width
):
    page = _overview(
        new_page, live_server, people, password, width, "?status=i_portefoljen&status=forslag"
    )
    page.emulate_media(media="print")
    expect(page.locator("form.overview-form")).to_be_hidden()
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.get_by_role("button", name=nb("Log out"))).to_be_hidden()
    expect(page.get_by_role("link", name=nb("Register a proposal"))).to_be_hidden()
    expect(page.get_by_role("link", name=nb("Download the list as CSV"))).to_be_hidden()
    summary = page.locator("#results [role=status]")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Valgte filtre: Status: Forslag, I porteføljen.")
    overflow = page.eval_on_selector_all(
        ".table-scroll", "boxes => boxes.map(box => getComputedStyle(box).overflowX)"
    )
    assert set(overflow) == {"visible"}
    underline = page.eval_on_selector(
        "#results table a.ds-link", "link => getComputedStyle(link).textDecorationLine"
    )
    assert underline == "none"
    if width == WIDTHS["desktop"]:
        screenshot(page, "overview-print-1280")
    page.emulate_media(media="screen")
    expect(page.locator("form.overview-form")).to_be_visible()
