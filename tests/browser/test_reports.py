"""As Programleder: order the 2027 annual report, watch its progress, write the summary,
read the HTML, download the PDF (read back with pypdf) and the XLSX, and publish it; as a
visitor: find it on the public page, without the exempt risk and the resident's name; as a
board member: open the report pack and find «lærdommer så langt» and the risk changes.
Every page passes axe at 1280 and 375 px."""

import io
import threading

import pytest
from django.db import connection
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import services
from reports.models import Report
from reports.tasks import build_report, make_public_pdf
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in, screenshot
from tests.factories import LessonFactory
from tests.reports.world import EXEMPT_TITLE, RESIDENT, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def _sound_at_both_widths(page) -> None:
    for width in (WIDTHS["desktop"], WIDTHS["phone"]):
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def _build_in_the_background(report_id: int, task=build_report) -> threading.Thread:
    """The worker's part: the same task, in a thread, while the page polls."""

    def run():
        try:
            task.apply(args=[report_id])
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_programme_leader_orders_writes_downloads_and_publishes_the_annual_report(
    new_page, live_server, people, password, monkeypatch
):
    world(people, 1)
    queued = []
    # The build is started here, in a thread, so the page can be seen while it runs.
    monkeypatch.setattr(services, "_queue_build", queued.append)

    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, people["programme_leader"].email, password)
    page.goto(f"{live_server.url}/rapporter/")
    _sound_at_both_widths(page)
    page.locator("#id_year").select_option("2027")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Order the annual report")).click()
    status = page.locator("#report-progress")
    assert status.get_attribute("aria-live") == "polite"
    assert nb("The report is ordered and waits for the background worker.") in status.inner_text()
    _sound_at_both_widths(page)

    # The page follows the build (htmx every 2 s) and shows the report when it is ready.
    thread = _build_in_the_background(queued.pop())
    page.get_by_text(nb("The report is ready.")).wait_for(timeout=180_000)
    thread.join()
    assert page.get_by_role("heading", name="1. " + nb("The portfolio")).is_visible()
    assert page.locator("figure.report-chart svg").count() == 1  # the indicator chart
    _sound_at_both_widths(page)

    # The summary: a text for the money section; the files are made again with it.
    with page.expect_navigation():
        page.get_by_role("link", name=nb("Write the summary")).click()
    _sound_at_both_widths(page)
    page.get_by_label(nb("Money")).fill("Pengene ble brukt som planlagt.")
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Save the summary")).click()
    thread = _build_in_the_background(queued.pop())
    page.get_by_text(nb("The report is ready.")).wait_for(timeout=180_000)
    thread.join()
    assert page.get_by_text("Pengene ble brukt som planlagt.").is_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name=nb("Download the PDF")).click()
    text = _pdf_text(download.value.path())
    assert nb("Table of contents") in text
    assert "Lærdommer så langt" in text
    for title in (
        "The portfolio",
        "Money",
        "The year's action plan",
        "Benefits",
        "Risk",
        "Nabolagspotten",
    ):
        assert nb(title) in text
    assert nb("Reporting to the state") in text
    assert "Verdier i diagrammet" in text
    assert "Pengene ble brukt som planlagt." in text

    with page.expect_download() as download:
        page.get_by_role("link", name=nb("Download the workbook (XLSX)")).click()
    with open(download.value.path(), "rb") as xlsx:
        sheets = load_workbook(io.BytesIO(xlsx.read()), read_only=True).sheetnames
    assert nb("Projects by status") in sheets
    assert nb("Grant money per round and area") in sheets

    # Publishing: the publish step's task makes the public PDF; the page waits for it.
    public_pdfs = []
    monkeypatch.setattr(services, "_queue_public_pdf", public_pdfs.append)
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Publish the annual report")).click()
    assert nb("The PDF is being made") in page.locator("h1").inner_text()
    assert page.locator("#pdf-status").get_attribute("aria-live") == "polite"
    _sound_at_both_widths(page)
    visitor = new_page(WIDTHS["phone"])
    visitor.goto(f"{live_server.url}/program/arsrapporter/")
    assert nb("No annual report is published yet.") in visitor.locator("main").inner_text()
    thread = _build_in_the_background(public_pdfs.pop(), task=make_public_pdf)
    page.get_by_text(nb("The PDF is ready.")).wait_for(timeout=180_000)
    thread.join()
    with page.expect_download() as download:
        page.locator("#pdf-status").get_by_role("link", name=nb("Download the PDF")).click()
    assert EXEMPT_TITLE not in _pdf_text(download.value.path())
    with translation.override("nb"):
        back = nb("Back to %(report)s") % {"report": Report.objects.get(kind="arsrapport")}
    with page.expect_navigation():
        page.get_by_role("link", name=back).click()
    assert page.get_by_role("link", name=nb("Write the summary")).count() == 0
    assert page.get_by_role("link", name=nb("Download the public PDF")).is_visible()
    _sound_at_both_widths(page)

    # --- A visitor without an account ----------------------------------------------------
    visitor.goto(f"{live_server.url}/program/arsrapporter/")
    _sound_at_both_widths(visitor)
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="Last ned årsrapporten 2027, versjon 1 (PDF)").click()
    public = _pdf_text(download.value.path())
    assert "Linja tar ikke over 0" in public
    assert EXEMPT_TITLE not in public
    assert RESIDENT not in public


def test_the_board_member_reads_the_lessons_and_the_risk_changes_in_the_report_pack(
    new_page, live_server, people, password
):
    import datetime

    from risk.services.snapshots import snapshot_freeze

    world(people, 1)
    today = datetime.date.today()
    leader = people["programme_leader"]
    old = snapshot_freeze(by=leader, note="Forrige møte")
    old.taken_at = old.taken_at - datetime.timedelta(days=60)
    old.save()
    from tests.reports.world import make_later_risk

    make_later_risk(leader)
    LessonFactory(title="Bydelsforum fungerer best om kvelden", author=leader, date=today)
    snapshot_freeze(by=leader, note="Dette møtet")
    pack = services.report_order(
        kind=Report.Kind.BOARD,
        meeting_date=today,
        since=today - datetime.timedelta(days=30),
        by=leader,
    )
    build_report.apply(args=[pack.pk])

    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, people["board_member"].email, password)
    page.goto(f"{live_server.url}/rapporter/{pack.pk}/")
    assert page.get_by_role("heading", name="4. Lærdommer så langt").is_visible()
    assert page.get_by_text("Bydelsforum fungerer best om kvelden").is_visible()
    changes = page.locator(
        "table", has=page.get_by_text("Endringer i risiko fra styreøyeblikksbilde")
    )
    assert "Ny risiko etter forrige møte" in changes.inner_text()
    assert page.get_by_role("button", name=nb("Publish the annual report")).count() == 0
    _sound_at_both_widths(page)


def test_a_failed_build_shows_the_reason_and_try_again_builds_it(
    new_page, live_server, people, password, monkeypatch
):
    from reports import sections

    world(people, 1)
    broken = list(sections.ANNUAL)

    def fails(report, snapshot):
        raise RuntimeError("the risk registers cannot be read")

    broken[4] = sections.Section("risk", broken[4].title, fails)
    monkeypatch.setattr(sections, "ANNUAL", broken)

    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, people["programme_leader"].email, password)
    page.goto(f"{live_server.url}/rapporter/")
    page.locator("#id_year").select_option("2027")
    with page.expect_navigation():  # no broker here: the build (and its retries) runs now
        page.get_by_role("button", name=nb("Order the annual report")).click()
    alert = page.locator("#report-progress .ds-alert")
    assert nb("The report could not be built") in alert.inner_text()
    assert "«Risiko»" in alert.inner_text()
    _sound_at_both_widths(page)

    monkeypatch.undo()
    with page.expect_navigation():
        page.get_by_role("button", name=nb("Try again")).click()
    page.get_by_text(nb("The report is ready.")).wait_for(timeout=180_000)
    assert page.get_by_role("heading", name="5. " + nb("Risk")).is_visible()
    _sound_at_both_widths(page)


def test_a_public_pdf_that_failed_shows_the_reason_and_try_again_makes_it(
    new_page, live_server, people, password, monkeypatch
):
    from reports import outputs

    world(people, 1)
    leader = people["programme_leader"]
    report = services.report_order(kind=Report.Kind.ANNUAL, year=2027, by=leader)
    build_report.apply(args=[report.pk])

    def fails(report):
        raise MemoryError

    monkeypatch.setattr(outputs, "write_public_pdf", fails)
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, leader.email, password)
    page.goto(f"{live_server.url}/rapporter/{report.pk}/")
    with page.expect_navigation():  # no broker here: the task and its retries run now
        page.get_by_role("button", name=nb("Publish the annual report")).click()
    assert nb("The PDF could not be made") in page.locator("h1").inner_text()
    assert "MemoryError" in page.locator("#pdf-status").inner_text()
    _sound_at_both_widths(page)
    screenshot(page, "waiting-failed")
    with translation.override("nb"):
        back = nb("Back to %(report)s") % {"report": Report.objects.get(pk=report.pk)}
    with page.expect_navigation():
        page.get_by_role("link", name=back).click()
    alert = page.locator("#public-pdf-failure")
    assert nb("The public PDF could not be made") in alert.inner_text()
    assert "MemoryError" in alert.inner_text()
    _sound_at_both_widths(page)
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    screenshot(page, "report-failed-375")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})

    monkeypatch.undo()
    with page.expect_navigation():
        alert.get_by_role("button", name=nb("Try again")).click()
    assert page.get_by_role("link", name=nb("Download the public PDF")).is_visible()
    assert page.locator("#public-pdf-failure").count() == 0
    visitor = new_page(WIDTHS["phone"])
    visitor.goto(f"{live_server.url}/program/arsrapporter/")
    assert visitor.get_by_role("link", name="Last ned årsrapporten 2027, versjon 1 (PDF)").count()
