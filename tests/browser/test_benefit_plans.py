"""As Programleder: send the project's benefit-realisation plan to the board; as a board
member: set the benefit's priority and approve the plan; as Endringsleder: hand a realised
benefit over to ordinary operations with its HØP reference; as Prosjektleder: import a
measurement file with one bad row (the dry run names row and column, nothing is saved),
fix it and import. Every page passes axe at 1280 and 375 px."""

import datetime

import pytest
from django.utils import translation

from benefits.models import Baseline, Benefit, BenefitPlan, Indicator, Measurement, Target
from benefits.services import benefits as services
from portfolio.models import Goal
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in, screenshot
from tests.factories import ProjectFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def _sound_at_both_widths(page, shot=None):
    assert_page_is_sound(page)
    if shot:
        screenshot(page, f"{shot}-1280")
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    assert_page_is_sound(page)
    if shot:
        screenshot(page, f"{shot}-375")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def _click(page, role, name):
    with page.expect_navigation():
        page.get_by_role(role, name=name).click()


def _benefit(people, project, title, status=Benefit.Status.IDENTIFIED):
    benefit = services.benefit_create(
        by=people["change_leader"],
        title=title,
        description="Flere beboere føler seg trygge i nabolaget sitt.",
        dfo_class="kvalitet",
        goal=Goal.objects.first(),
        owner_unit=people["change_leader"].unit,
        contributions=[(project, "direkte")],
    )
    indicator = Indicator.objects.create(benefit=benefit, name="Andel trygge", unit="prosent")
    Baseline.objects.create(
        indicator=indicator, value=48, measured_on=datetime.date(2022, 6, 1), source="2022"
    )
    Baseline.objects.create(
        indicator=indicator, value=52, measured_on=datetime.date(2025, 6, 1), source="2025"
    )
    Target.objects.create(indicator=indicator, value=65, target_date=datetime.date(2028, 12, 31))
    if status == Benefit.Status.REALISED:
        by = people["change_leader"]
        services.benefit_plan(benefit=benefit, by=by)
        services.benefit_start_realisation(benefit=benefit, by=by)
        services.benefit_realise(benefit=benefit, by=by)
    return benefit, indicator


def test_the_benefit_plan_goes_to_the_board_and_a_benefit_into_ordinary_operations(
    new_page, live_server, people, password, mailoutbox
):
    project = ProjectFactory(
        title="Trygge gater på Lademoen",
        owner_unit=people["change_leader"].unit,
        project_leader=people["project_leader"],
        created_by=people["programme_leader"],
    )
    benefit, _indicator = _benefit(people, project, "Økt opplevd trygghet i Lademoen")
    realised, _other = _benefit(
        people, project, "Flere deltar i nabolagsaktiviteter", status=Benefit.Status.REALISED
    )

    # --- Programleder: create the project's plan, write it and send it to the board ------
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, people["programme_leader"].email, password)
    page.goto(f"{live_server.url}/gevinster/planer/")
    _sound_at_both_widths(page)
    page.locator("#id_project").select_option(str(project.pk))
    _click(page, "button", nb("Create the plan"))
    _click(page, "link", nb("Edit the plan"))
    page.locator("#id_milestones").fill("x" * 10_001)
    page.locator("#id_responsibilities").fill("Endringsleder i enheten")
    page.locator("#id_into_operations").fill("Enheten viderefører tiltaket i sitt budsjett.")
    _click(page, "button", nb("Save"))
    assert page.locator("#id_milestones").get_attribute("aria-invalid") == "true"
    _sound_at_both_widths(page)
    page.locator("#id_milestones").fill("2026: tiltak i gang. 2027: første måling.")
    _click(page, "button", nb("Save"))
    _sound_at_both_widths(page, shot="benefit-plan")
    _click(page, "link", nb("Send to the programme board"))
    # The confirmation names the board members who are told (as the action plan's).
    assert people["board_member"].full_name in page.inner_text("main")
    _sound_at_both_widths(page, shot="benefit-plan-send")
    assert mailoutbox == []  # nothing is sent by opening the confirmation
    _click(page, "button", nb("Send the plan"))
    assert page.url.endswith("/versjoner/1/")
    plan = BenefitPlan.objects.get()
    assert plan.status == BenefitPlan.Status.SUBMITTED
    assert [message.to for message in mailoutbox] == [[people["board_member"].email]]
    assert plan.submissions.get().get_absolute_url() in mailoutbox[0].body
    page.context.close()

    # --- A board member: set the priority, then approve ------------------------------------
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, people["board_member"].email, password)
    page.goto(f"{live_server.url}{plan.submissions.get().get_absolute_url()}")
    _sound_at_both_widths(page, shot="benefit-plan-version")
    set_priority = nb("Set the priority of «%(title)s»") % {"title": benefit.title}
    _click(page, "link", set_priority)
    _sound_at_both_widths(page)
    page.get_by_label("2", exact=True).check()
    _click(page, "button", nb("Save"))
    benefit.refresh_from_db()
    assert benefit.priority == 2
    page.goto(f"{live_server.url}{plan.submissions.get().get_absolute_url()}")
    page.get_by_label(nb("Approved"), exact=True).check()
    page.locator("#id_meeting_date").fill(datetime.date.today().isoformat())
    page.locator("#id_decision_text").fill("Styret godkjenner gevinstrealiseringsplanen.")
    _click(page, "button", nb("Record the decision"))
    _sound_at_both_widths(page)
    plan.refresh_from_db()
    assert plan.status == BenefitPlan.Status.APPROVED
    # The approved version's PDF, made by the (eager) task when the decision committed.
    pdf_link = page.get_by_role(
        "link", name=nb("The approved version %(number)s as a PDF") % {"number": 1}
    )
    pdf = page.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    page.context.close()

    # --- Endringsleder: hand the realised benefit over to ordinary operations -------------
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, people["change_leader"].email, password)
    page.goto(f"{live_server.url}{realised.get_absolute_url()}")
    _click(page, "link", nb("Hand the benefit over to ordinary operations"))
    page.locator("#id_hop_reference").fill("")
    page.locator("#id_handed_over_on").fill("2999-01-01")
    page.locator("#id_follow_up").fill("Enheten måler andelen hvert år i stedsanalysen.")
    _click(page, "button", nb("Confirm"))
    assert page.locator("#id_hop_reference").get_attribute("aria-invalid") == "true"
    _sound_at_both_widths(page, shot="benefit-handover-errors")
    page.locator("#id_hop_reference").fill("HØP 2027–2030, 4.2.1")
    page.locator("#id_handed_over_on").fill(datetime.date.today().isoformat())
    _click(page, "button", nb("Confirm"))
    assert "HØP 2027–2030, 4.2.1" in page.inner_text("main")
    _sound_at_both_widths(page)
    realised.refresh_from_db()
    assert realised.status == Benefit.Status.HANDED_OVER
    assert realised.hop_reference == "HØP 2027–2030, 4.2.1"


def test_a_project_leader_imports_measurements_after_fixing_a_bad_row(
    new_page, live_server, people, password, tmp_path
):
    project = ProjectFactory(
        title="Trygge gater på Lademoen",
        owner_unit=people["change_leader"].unit,
        project_leader=people["project_leader"],
        created_by=people["programme_leader"],
    )
    _benefit_row, indicator = _benefit(people, project, "Økt opplevd trygghet i Lademoen")
    header = "indikator_id;indikator;periode_slutt;verdi;tekst;kommentar"
    bad = tmp_path / "malinger.csv"
    bad.write_text(
        f"{header}\n{indicator.pk};Andel;2024-12-31;50;;\n{indicator.pk};Andel;2025-12-31;mange;;\n",
        encoding="utf-8",
    )
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, people["project_leader"].email, password)
    page.goto(f"{live_server.url}/gevinster/")
    _click(page, "link", nb("Import measurements"))
    _sound_at_both_widths(page)
    page.locator("#id_file").set_input_files(str(bad))
    _click(page, "button", nb("Check the file"))
    result = page.inner_text("main")
    assert nb("Row %(row)s, column «%(column)s»:") % {"row": 3, "column": "verdi"} in result
    assert not page.get_by_role("button", name=nb("Confirm and import")).count()
    assert Measurement.objects.count() == 0
    _sound_at_both_widths(page, shot="benefit-import-dry-run")

    good = tmp_path / "malinger-rettet.csv"
    good.write_text(
        f"{header}\n{indicator.pk};Andel;2024-12-31;50;;\n{indicator.pk};Andel;2025-12-31;54;;\n",
        encoding="utf-8",
    )
    page.locator("#id_file").set_input_files(str(good))
    _click(page, "button", nb("Check the file"))
    assert Measurement.objects.count() == 0
    _sound_at_both_widths(page)
    _click(page, "button", nb("Confirm and import"))
    _sound_at_both_widths(page)
    assert Measurement.objects.filter(state=Measurement.State.AWAITING).count() == 2
