"""A project through the gate in the browser, and two people editing it at once."""

import pytest

from portfolio.models import Project
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in
from tests.factories import ProjectFactory
from tests.portfolio.helpers import nb

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _assess(page, number, result_label):
    page.get_by_role("link", name=nb("Assess criterion %(number)s", number=number)).click()
    page.get_by_label(result_label, exact=True).check()
    page.get_by_label(nb("justification").capitalize()).fill(
        f"Vurdert i prosjektforum, kriterium {number}."
    )
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Save the assessment")).click()


def test_a_proposal_goes_through_the_gate_into_the_portfolio(
    new_page, live_server, people, password
):
    leader_page = new_page()
    log_in(leader_page, live_server.url, people["programme_leader"].email, password)
    leader_page.goto(f"{live_server.url}/program/prosjekter/ny/")
    assert_page_is_sound(leader_page)

    # An empty form first: the error state must pass too.
    with leader_page.expect_navigation():
        leader_page.get_by_role("button", name=nb("Register the proposal")).click()
    assert leader_page.locator("ds-error-summary").is_visible()
    assert_page_is_sound(leader_page)

    leader_page.get_by_label(nb("title").capitalize()).fill("Nabolagskafé på Lademoen")
    leader_page.get_by_label(nb("summary").capitalize()).fill(
        "En kafé drevet av beboere, med leksehjelp."
    )
    leader_page.get_by_label(nb("the lasting change sought").capitalize()).fill(
        "Biblioteket driver kafeen videre."
    )
    leader_page.get_by_label("Lademoen").check()
    leader_page.get_by_label("Mål 3 Lokalsamfunnsutvikling").check()
    leader_page.get_by_label(nb("owning unit in the line").capitalize()).select_option(
        label=people["change_leader"].unit.name
    )
    with leader_page.expect_navigation():
        leader_page.get_by_role("button", name=nb("Register the proposal")).click()
    project = Project.objects.get(title="Nabolagskafé på Lademoen")
    assert leader_page.url.endswith(project.get_absolute_url())
    assert_page_is_sound(leader_page)

    for number in (1, 2, 3, 4):
        _assess(leader_page, number, nb("Met"))
    # With criterion 5 not assessed, admission is disabled, and the page says why.
    admit = leader_page.get_by_role("button", name=nb("Admit into the portfolio"))
    assert admit.is_disabled()
    gaps = leader_page.locator(
        ".ds-alert", has_text=nb("Before the project can enter the portfolio")
    )
    assert "Styrke nabolaget som helhet." in gaps.inner_text()
    assert_page_is_sound(leader_page)

    _assess(leader_page, 5, nb("Met"))
    project.refresh_from_db()
    assert project.status == "vurdert"

    # The owning unit's change leader accepts ownership.
    owner_page = new_page(WIDTHS["phone"])
    log_in(owner_page, live_server.url, people["change_leader"].email, password)
    owner_page.goto(f"{live_server.url}{project.get_absolute_url()}")
    with owner_page.expect_navigation():
        owner_page.get_by_role(
            "button", name=nb("Accept ownership for %(unit)s", unit=project.owner_unit)
        ).click()
    assert_page_is_sound(owner_page)

    leader_page.reload()
    with leader_page.expect_navigation():
        leader_page.get_by_role("button", name=nb("Admit into the portfolio")).click()
    project.refresh_from_db()
    assert project.status == "i_portefoljen"

    # Money and a status report.
    leader_page.get_by_role("link", name=nb("Add a budget line")).click()
    leader_page.get_by_label(nb("year").capitalize()).fill("2027")
    leader_page.get_by_label(nb("funding source").capitalize()).select_option("kdd")
    leader_page.get_by_label(nb("spending category").capitalize()).select_option("ordinaer_drift")
    leader_page.get_by_label(nb("Planned (kr)")).fill("-100")
    with leader_page.expect_navigation():
        leader_page.get_by_role("button", name=nb("Save")).click()
    assert leader_page.locator("ds-error-summary").is_visible()
    assert_page_is_sound(leader_page)
    leader_page.get_by_label(nb("spending category").capitalize()).select_option(
        "prosess_og_samskaping"
    )
    leader_page.get_by_label(nb("Planned (kr)")).fill("250 000")
    with leader_page.expect_navigation():
        leader_page.get_by_role("button", name=nb("Save")).click()
    assert "250\u00a0000\u00a0kr" in leader_page.locator("main").inner_text()

    leader_page.get_by_role("link", name=nb("Write a status report")).click()
    leader_page.get_by_label(nb("date").capitalize()).fill("2026-11-20")
    leader_page.get_by_label(nb("On track")).check()
    leader_page.get_by_label(nb("summary").capitalize()).fill(
        "Kafeen er åpnet, 40 besøkende første uke."
    )
    with leader_page.expect_navigation():
        leader_page.get_by_role("button", name=nb("Save the report")).click()
    assert "40 besøkende" in leader_page.content()
    assert_page_is_sound(leader_page)


def test_the_second_of_two_editors_gets_the_conflict_message(
    new_page, live_server, people, password
):
    project = ProjectFactory(
        owner_unit=people["change_leader"].unit, created_by=people["programme_leader"]
    )
    edit_url = f"{live_server.url}/program/prosjekter/{project.pk}/endre/"
    first, second = new_page(), new_page()
    log_in(first, live_server.url, people["programme_leader"].email, password)
    log_in(second, live_server.url, people["change_leader"].email, password)
    first.goto(edit_url)
    second.goto(edit_url)

    first.get_by_label(nb("title").capitalize()).fill("Navn fra programlederen")
    with first.expect_navigation():
        first.get_by_role("button", name=nb("Save")).click()

    second.get_by_label(nb("title").capitalize()).fill("Navn fra endringslederen")
    with second.expect_navigation():
        second.get_by_role("button", name=nb("Save")).click()
    alert = second.get_by_role("alert")
    assert nb("Someone else saved this project while you were editing") in alert.inner_text()
    assert "Navn fra programlederen" in alert.inner_text()
    assert second.get_by_label(nb("title").capitalize()).input_value() == "Navn fra endringslederen"
    assert_page_is_sound(second)
    project.refresh_from_db()
    assert project.title == "Navn fra programlederen"


@pytest.mark.parametrize("width", [WIDTHS["desktop"], WIDTHS["phone"]])
def test_stopping_a_project_asks_for_the_reason_on_a_confirmation_page(
    new_page, live_server, people, password, width
):
    project = ProjectFactory(
        status=Project.Status.IN_PORTFOLIO,
        created_by=people["programme_leader"],
        title="Tryggere skolevei",
    )
    page = new_page(width)
    log_in(page, live_server.url, people["programme_leader"].email, password)
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    with page.expect_navigation():
        page.get_by_role("link", name=nb("Stop") + " …").click()
    assert "Prosjektet stanses før det er ferdig" in page.inner_text("main")
    assert_page_is_sound(page)
    with page.expect_navigation():
        page.get_by_role("button", name=nb("%(action)s the project", action=nb("Stop"))).click()
    assert page.locator("ds-error-summary").is_visible()
    assert_page_is_sound(page)  # the error state passes too
    page.get_by_label(nb("Reason")).fill("Finansieringen falt bort.")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("%(action)s the project", action=nb("Stop"))).click()
    project.refresh_from_db()
    assert project.status == Project.Status.STOPPED
    assert page.url.endswith(project.get_absolute_url())
