"""The Programeier in the browser, at 1280 and 375 px with axe on every page: from their own
page to the programme overview through the navigation, the key figures of every part with
links to their pages; on the pages behind them no button or form to change anything, and a
change sent anyway (with a valid CSRF token) is refused.

Screenshots go to test-results/programme-overview/ (look at them)."""

import pytest
from django.urls import reverse

from benefits.models import Benefit
from portfolio.models import Project
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in, screenshot
from tests.portfolio.helpers import nb
from tests.test_programme_overview import _world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_menu_on_a_phone(page, width: int) -> None:
    if width < 640:
        page.locator("summary", has_text="Meny").click()


def _changes_in_main(page) -> dict:
    main = page.locator("main")
    return {
        "forms": main.locator("form[method=post], form[method=POST]").count(),
        "buttons": main.locator("button, .ds-button").count(),
    }


def _post(page, base_url: str, path: str, data: dict) -> int:
    """A POST from the logged-in browser with the CSRF token, as a form would send it."""
    token = next(c["value"] for c in page.context.cookies() if c["name"].endswith("csrftoken"))
    response = page.request.post(
        f"{base_url}{path}",
        form={"csrfmiddlewaretoken": token, **data},
        headers={"Referer": f"{base_url}/"},
        max_redirects=0,
    )
    return response.status


@pytest.mark.parametrize("width", [WIDTHS["desktop"], WIDTHS["phone"]], ids=["desktop", "phone"])
def test_the_programeier_sees_the_programme_overview_and_can_change_nothing(
    new_page, live_server, people, password, width
):
    made = _world(people, 3)
    page = new_page(width)
    log_in(page, live_server.url, people["programme_owner"].email, password)

    # Their own page: the role, the board's latest decision, «lærdommer så langt».
    assert_page_is_sound(page)
    main = page.locator("main")
    assert nb("Programme owner") in main.inner_text()
    assert page.locator('[data-panel="portfolio-decisions"]').is_visible()
    assert page.locator('[data-panel="portfolio-lessons-so-far"]').is_visible()
    screenshot(page, f"programme-overview-home-{width}")

    _open_menu_on_a_phone(page, width)
    with page.expect_navigation():
        page.get_by_role("navigation", name=nb("Main menu")).locator("visible=true").get_by_role(
            "link", name=nb("Programme overview")
        ).click()
    assert page.url.endswith("/programoversikt/")
    assert_page_is_sound(page)
    for part in ("projects", "money", "benefits", "risks", "grants", "lessons", "decisions"):
        assert page.locator(f'[data-part="{part}"]').is_visible(), part
    assert page.get_by_role("heading", name=nb("Programme overview"), level=1).is_visible()
    assert _changes_in_main(page) == {"forms": 0, "buttons": 0}
    screenshot(page, f"programme-overview-overview-{width}")

    # Each figure leads to its page; there, nothing to change either.
    with page.expect_navigation():
        page.locator('[data-part="risks"]').get_by_role(
            "link", name=f"{made['highest'].reference} {made['highest'].title}"
        ).click()
    assert page.url.endswith(made["highest"].get_absolute_url())
    assert_page_is_sound(page)
    assert _changes_in_main(page)["forms"] == 0

    page.goto(f"{live_server.url}/programoversikt/")
    with page.expect_navigation():
        page.locator('[data-part="projects"]').get_by_role("link", name="Utenfor sporet").click()
    assert "rag=rod" in page.url
    assert_page_is_sound(page)
    assert made["red"].title in page.locator("main").inner_text()

    for url in (made["red"].get_absolute_url(), made["off_track"].get_absolute_url()):
        page.goto(f"{live_server.url}{url}")
        assert_page_is_sound(page)
        assert _changes_in_main(page)["forms"] == 0, url
        assert not page.get_by_role("link", name="Endre", exact=True).count(), url

    # A change sent anyway is refused; the same way of sending reaches the server (the
    # language choice, their own session, goes through).
    red, benefit = made["red"], made["off_track"]
    risk = made["highest"]
    refused = {
        reverse("portfolio:project_edit", args=[red.pk]): {"title": "Endret av programeieren"},
        reverse("portfolio:status_report_create", args=[red.pk]): {"rag": "gronn"},
        reverse("portfolio:lesson_create"): {"title": "x"},
        reverse("portfolio:plan_create"): {"year": 2030},
        reverse("benefits:benefit_priority", args=[benefit.pk]): {"priority": 1},
        reverse("risk:risk_edit", args=[risk.pk]): {"title": "x"},
        reverse("risk:risk_review", args=[risk.pk]): {"note": "x"},
        reverse("risk:snapshot_create"): {"note": "x"},
    }
    for path, data in refused.items():
        assert _post(page, live_server.url, path, data) in (403, 404), path
    assert _post(page, live_server.url, reverse("set_language"), {"language": "nb"}) == 302
    red.refresh_from_db()
    assert red.title != "Endret av programeieren"
    assert Project.objects.count() == 3
    assert Benefit.objects.get(pk=benefit.pk).priority is None
