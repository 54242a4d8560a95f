"""As Programleder: create the 2027 action plan, put a portfolio project in it and send it
to the board; as a board member: comment, approve with conditions and download the PDF.
Every page passes axe, has no sideways scroll and a clean console, error states included."""

import re

import pytest
from django.utils import timezone, translation

from portfolio.models import Goal
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in
from tests.portfolio.factories_plans import portfolio_project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TITLE = "Nabolagskafé i Lademoparken"


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def _send_to_the_board(page):
    """The plan page's link to the confirmation, which names who is told, then send."""
    with page.expect_navigation():
        page.get_by_role("link", name=nb("Send to the programme board") + " …").click()
    assert nb("Who is told") in page.inner_text("main")
    assert_page_is_sound(page)
    _submit(page, "Send to the programme board")


def _submit(page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=nb(button)).click()


def test_the_programme_leader_sends_the_2027_plan_and_the_board_approves_it_with_conditions(
    new_page, live_server, people, password
):
    portfolio_project(
        title=TITLE,
        areas=["Lademoen", "Møllenberg"],
        planned={"kdd": 400_000, "kommunal": 100_001},
    )
    goal = Goal.objects.get(number=1)

    # --- The programme leader creates the plan --------------------------------------------
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, people["programme_leader"].email, password)
    page.goto(f"{live_server.url}/program/handlingsplaner/")
    assert_page_is_sound(page)
    page.locator("#id_year").fill("2027")
    page.locator("#id_introduction").fill("Et første utkast.")
    _submit(page, "Create the plan")
    assert page.url.endswith("/program/handlingsplaner/2027/endre/")
    assert_page_is_sound(page)

    # An empty introduction: the form shows its error, at desktop and at 320 px.
    page.locator("#id_introduction").fill("")
    _submit(page, "Save the plan")
    assert page.locator("ds-error-summary").is_visible()
    assert page.locator("#id_introduction").get_attribute("aria-invalid") == "true"
    assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["narrow"], "height": 900})
    assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})

    # A plan with no projects cannot be sent: a clear message on the plan page.
    page.goto(f"{live_server.url}/program/handlingsplaner/2027/")
    assert_page_is_sound(page)
    _send_to_the_board(page)
    assert page.get_by_text(
        nb("The plan has no projects. Add at least one project before you send the plan.")
    ).is_visible()
    assert_page_is_sound(page)

    # Put the project in, write the introduction and a priority, and send it.
    with page.expect_navigation():
        page.get_by_role("link", name=nb("Edit the plan")).click()
    assert_page_is_sound(page)
    page.locator("#id_introduction").fill("I 2027 prioriterer vi møteplasser og bostabilitet.")
    page.locator(f"#id_priority_{goal.pk}").fill("Trygge møteplasser mellom husene.")
    page.get_by_label(re.compile(TITLE)).check()
    _submit(page, "Save the plan")
    assert page.url.endswith("/program/handlingsplaner/2027/")
    assert page.get_by_role("rowheader", name=TITLE).first.is_visible()
    assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["narrow"], "height": 900})
    assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})

    _send_to_the_board(page)
    assert page.url.endswith("/program/handlingsplaner/2027/versjon/1/")
    assert_page_is_sound(page)

    # --- A board member comments and approves with conditions ----------------------------
    board = new_page(WIDTHS["phone"])
    log_in(board, live_server.url, people["board_member"].email, password)
    board.goto(f"{live_server.url}/program/handlingsplaner/2027/versjon/1/")
    assert board.get_by_text("I 2027 prioriterer vi møteplasser og bostabilitet.").is_visible()
    assert_page_is_sound(board)

    board.locator("#id_text").fill("Bra at Møllenberg er med. Husk bostabilitet.")
    _submit(board, "Add the comment")
    assert board.get_by_text("Bra at Møllenberg er med. Husk bostabilitet.").is_visible()
    assert_page_is_sound(board)

    # Approval with conditions but no conditions: the error state passes too.
    board.get_by_label(nb("Approved with conditions"), exact=True).check()
    board.locator("#id_meeting_date").fill(timezone.localdate().isoformat())
    board.locator("#id_decision_text").fill("Programstyret godkjenner handlingsplanen for 2027.")
    _submit(board, "Record the decision")
    assert board.locator("#id_conditions").get_attribute("aria-invalid") == "true"
    assert_page_is_sound(board)

    board.locator("#id_conditions").fill("Rapporter om bostabilitet på Møllenberg i juni.")
    _submit(board, "Record the decision")
    assert board.get_by_text("Rapporter om bostabilitet på Møllenberg i juni.").is_visible()
    assert_page_is_sound(board)

    with board.expect_download() as download:
        board.get_by_role(
            "link", name=nb("Download the approved plan and its decision (PDF)")
        ).click()
    assert download.value.suggested_filename == "handlingsplan-2027-versjon-1.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    board.goto(f"{live_server.url}/program/handlingsplaner/2027/")
    assert_page_is_sound(board)
    board.goto(f"{live_server.url}/program/handlingsplaner/")
    assert_page_is_sound(board)


def test_the_changes_between_two_versions_read_well_at_every_width(
    new_page, live_server, people, password
):
    from portfolio.services import plans as services
    from tests.portfolio.factories_plans import submitted_plan

    leader = people["programme_leader"]
    stays = portfolio_project(title="Blir med", planned={"kdd": 100_000, "husbanken": 20_000})
    plan, first = submitted_plan([stays, portfolio_project(title="Går ut")], by=leader)
    services.submission_decide(
        submission=first,
        by=people["board_member"],
        decision="sendt_tilbake",
        meeting_date=timezone.localdate(),
        decision_text="Ta med flere prosjekter på Møllenberg.",
    )
    line = stays.budget_lines.get(source="kdd")
    line.planned = 150_000
    line.save()
    plan.refresh_from_db()
    plan.projects.set([stays, portfolio_project(title="Kommer inn", areas=["Møllenberg"])])
    services.plan_submit(plan=plan, by=leader)

    for width in WIDTHS.values():
        page = new_page(width)
        log_in(page, live_server.url, people["change_leader"].email, password)
        page.goto(f"{live_server.url}/program/handlingsplaner/2027/endringer/")
        assert_page_is_sound(page)
        _submit(page, "Show the changes")
        assert page.get_by_text("Kommer inn").first.is_visible()
        assert page.get_by_role("rowheader", name="Blir med").first.is_visible()
        assert_page_is_sound(page)
        page.goto(f"{live_server.url}/program/handlingsplaner/2027/endringer/?fra=1&til=9")
        assert page.locator("ds-error-summary").is_visible()
        assert_page_is_sound(page)


@pytest.mark.parametrize("width", [WIDTHS["desktop"], WIDTHS["phone"]])
def test_the_pdf_being_made_page_passes_and_picks_the_file_up(
    new_page, live_server, people, password, width, monkeypatch
):
    from portfolio.services import plans as services
    from tests.portfolio.factories_plans import submitted_plan

    _plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    monkeypatch.setattr(services, "_queue_plan_pdf", lambda pk: None)  # the worker is busy
    services.submission_decide(
        submission=submission,
        by=people["board_member"],
        decision="godkjent",
        meeting_date=timezone.localdate(),
        decision_text="Godkjent.",
    )
    page = new_page(width)
    log_in(page, live_server.url, people["board_member"].email, password)
    page.goto(f"{live_server.url}{submission.get_absolute_url()}pdf/")
    assert page.get_by_role("heading", name="PDF-en lages").is_visible()
    assert_page_is_sound(page)
    services.plan_pdf_render(submission_id=submission.pk)  # the worker's turn
    link = page.get_by_role("link", name="Last ned PDF-en")
    link.wait_for(timeout=10_000)  # htmx asks every two seconds
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "handlingsplan-2027-versjon-1.pdf"
    assert_page_is_sound(page)
