"""Issue 9, items 18 and 25, in the browser at phone and desktop width: the status report's
RAG radios start with nothing chosen and no English blank choice, and an empty form's error
summary names each field («Velg styrets vedtak», «Fyll inn møtedato»), axe finding nothing."""

import pytest
from django.test import Client

from tests.browser.conftest import WIDTHS, assert_page_is_sound
from tests.portfolio.factories_plans import portfolio_project, submitted_plan
from tests.portfolio.helpers import nb

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _named(template: str, label: str) -> str:
    label = nb(label)
    return nb(template).format(label=label[:1].lower() + label[1:])


def _summary(page) -> list[str]:
    return [text.strip() for text in page.locator("ds-error-summary li").all_inner_texts()]


@pytest.mark.parametrize("width", [WIDTHS["phone"], WIDTHS["desktop"]], ids=["phone", "desktop"])
def test_the_rag_radios_start_empty_and_empty_forms_name_their_fields(
    new_page, live_server, people, width
):
    project = portfolio_project(title="Gatetun i Rosenborggata")
    submitted_plan([project], by=people["programme_leader"])

    page = new_page(width)
    _as(page, live_server, people["programme_leader"])
    page.goto(f"{live_server.url}/program/prosjekter/{project.pk}/statusrapport/ny/")
    radios = page.locator('input[name="rag"]')
    assert radios.count() == 3
    assert page.locator('input[name="rag"]:checked').count() == 0
    assert "Select an option" not in page.inner_text("main")
    assert_page_is_sound(page)
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Save the report")).click()
    assert _named("Choose {label}.", "status") in _summary(page)
    assert page.locator('input[name="rag"]:checked').count() == 0
    assert_page_is_sound(page)

    board = new_page(width)
    _as(board, live_server, people["board_member"])
    board.goto(f"{live_server.url}/program/handlingsplaner/2027/versjon/1/")
    assert board.locator('input[name="decision"]:checked').count() == 0
    assert_page_is_sound(board)
    with board.expect_navigation():
        board.get_by_role("button", name=nb("Record the decision")).click()
    summary = _summary(board)
    assert summary == [
        _named("Choose {label}.", "The board's decision"),
        _named("Fill in {label}.", "Meeting date"),
        _named("Fill in {label}.", "Decision text"),
    ]
    assert not any("påkrevet" in line or "påkrevd" in line for line in summary)
    assert_page_is_sound(board)


@pytest.mark.parametrize("width", [WIDTHS["phone"], WIDTHS["desktop"]], ids=["phone", "desktop"])
def test_the_403_for_another_units_project_names_the_unit(new_page, live_server, people, width):
    """Issue 9, item 26: the refusal gives the unit as the reason, not the role."""
    from tests.factories import ProjectFactory

    other = ProjectFactory(created_by=people["programme_leader"])
    assert other.owner_unit != people["change_leader"].unit
    page = new_page(width)
    _as(page, live_server, people["change_leader"])
    response = page.goto(f"{live_server.url}/program/prosjekter/{other.pk}/endre/")
    assert response.status == 403
    main = page.inner_text("main")
    assert other.owner_unit.name in main
    assert "Rollen din gir ikke tilgang" not in main
    assert_page_is_sound(page)


@pytest.mark.parametrize("width", [WIDTHS["phone"], WIDTHS["desktop"]], ids=["phone", "desktop"])
def test_an_idle_session_ends_on_the_login_page_with_a_norwegian_message(
    new_page, live_server, people, settings, width
):
    """Issue 9, item 12: after SESSION_IDLE_MINUTES without a request, the next page is the
    login page, which says why."""
    import time
    from importlib import import_module

    settings.SESSION_IDLE_MINUTES = 60
    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
    client = Client()
    client.force_login(people["programme_leader"])
    key = client.cookies["sessionid"].value
    session = SessionStore(session_key=key)
    session["last_activity"] = int(time.time()) - 61 * 60
    session.save()
    page = new_page(width)
    page.context.add_cookies([{"name": "sessionid", "value": key, "url": live_server.url}])
    page.goto(f"{live_server.url}/program/")
    assert "/logg-inn/" in page.url
    assert "Du ble logget ut etter 60 minutter uten aktivitet" in page.inner_text("main")
    assert_page_is_sound(page)
