"""As Endringsleder: log a lesson, find it again by another form of a word in it, and read
«lærdommer så langt». Every page passes axe, has no sideways scroll and a clean console."""

import re

import pytest
from django.utils import translation

from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def test_a_change_leader_logs_a_lesson_and_finds_it_by_another_inflection(
    new_page, live_server, people, password
):
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, people["change_leader"].email, password)

    page.goto(f"{live_server.url}/program/laerdommer/")
    assert_page_is_sound(page)
    with page.expect_navigation():
        page.get_by_role("link", name=nb("Log a lesson")).click()
    assert_page_is_sound(page)

    # Sent empty, the form shows its errors; check that state at desktop and phone width.
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Log the lesson")).click()
    assert page.locator("ds-error-summary").is_visible()
    assert page.locator("#id_title").get_attribute("aria-invalid") == "true"
    assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})

    page.locator("#id_title").fill("Faste aktiviteter samler naboene")
    page.locator("#id_what_happened").fill(
        "Vi åpnet møteplassene i Lademoparken hver tirsdag gjennom høsten."
    )
    page.locator("#id_learned").fill("Beboerne kommer når aktiviteten er fast.")
    page.locator("#id_arena").select_option("bydelsforum")
    page.locator("#id_tags").fill("møteplass, park")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Log the lesson")).click()
    assert re.search(r"/program/laerdommer/\d+/$", page.url)
    assert page.get_by_role("heading", name="Faste aktiviteter samler naboene").is_visible()
    assert_page_is_sound(page)

    page.goto(f"{live_server.url}/program/laerdommer/")
    page.get_by_label(nb("Search"), exact=True).fill("møteplass")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Search"), exact=True).click()
    result = page.get_by_role("link", name="Faste aktiviteter samler naboene")
    assert result.is_visible()
    marks = page.locator("main mark")
    assert marks.first.inner_text() == "møteplassene"
    assert_page_is_sound(page)

    with page.expect_navigation():
        page.get_by_role("link", name=nb("Lessons so far")).click()
    assert page.get_by_role("link", name="Faste aktiviteter samler naboene").is_visible()
    assert_page_is_sound(page)


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_lessons_so_far_a_page_at_a_time_by_arena(new_page, live_server, people, password, width):
    from tests.factories import LessonFactory

    for number in range(20):
        LessonFactory(arena="prosjektforum", title=f"Prosjektforum-lærdom {number}")
    for number in range(10):
        LessonFactory(arena="bydelsforum", title=f"Bydelsforum-lærdom {number}")
    page = new_page(WIDTHS[width])
    log_in(page, live_server.url, people["board_member"].email, password)
    page.goto(f"{live_server.url}/program/laerdommer/sa-langt/")
    nav = page.get_by_role("navigation", name=nb("By arena"))
    assert nav.get_by_role("link").count() == 2
    assert page.get_by_role("heading", name=nb("Bydelsforum"), exact=True).is_visible()
    assert page.locator("article").count() == 25
    assert_page_is_sound(page)
    screenshot(page, f"so-far-{width}-1")
    with page.expect_navigation():
        page.get_by_role("link", name=nb("Next page")).click()
    assert page.locator("article").count() == 5
    heading = f"{nb('Prosjektforum')} {nb('(continued)')}"
    assert page.get_by_role("heading", name=heading).is_visible()
    assert_page_is_sound(page)
    screenshot(page, f"so-far-{width}-2")
