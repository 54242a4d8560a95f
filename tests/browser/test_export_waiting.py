"""As a case handler: a large payments export sends the browser to the page that says
«Eksporten lages» with the rows written so far; when the task has stored the file, htmx
shows the download. The page passes axe and fits the phone."""

import pytest
from django.urls import reverse

from nabolagspotten.services.exports import payments_export_build
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in, screenshot
from tests.nabolagspotten.test_followup_payments import _paid_cases

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [WIDTHS["desktop"], WIDTHS["phone"]])
def test_the_export_being_made_page_passes_and_picks_the_file_up(
    new_page, live_server, people, password, width, monkeypatch
):
    _paid_cases(people, 2)
    monkeypatch.setattr("nabolagspotten.views.followup.BACKGROUND_ROWS", 1)
    # The worker is busy: the task is queued but has not run yet.
    monkeypatch.setattr(
        "nabolagspotten.views.followup.build_payments_export.delay", lambda **kwargs: None
    )
    page = new_page(width)
    log_in(page, live_server.url, people["case_handler"].email, password)
    export = live_server.url + reverse("nabolagspotten:payments_export", args=["xlsx"])
    page.goto(export)
    assert "/utbetalinger/eksport/" in page.url
    assert page.get_by_role("heading", name="Eksporten lages").is_visible()
    assert "0 av 2 rader skrevet" in page.inner_text("main")
    assert_page_is_sound(page)
    screenshot(page, f"export-waiting-{width}")
    export_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    payments_export_build(  # the worker's turn
        export_id=export_id,
        user_id=people["case_handler"].pk,
        fmt="xlsx",
        filename="utbetalinger-test",
        language="nb",
        query="",
    )
    link = page.get_by_role("link", name="Last ned filen (XLSX)")
    link.wait_for(timeout=10_000)  # htmx asks every two seconds
    assert_page_is_sound(page)
    screenshot(page, f"export-ready-{width}")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "utbetalinger-test.xlsx"
