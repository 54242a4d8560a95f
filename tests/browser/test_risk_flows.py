"""Issue 12's Done-when flows, with axe at 1280 and 375 px on every page visited:

- as Prosjektleder register a threat in their project's register (refused first for a target
  worse than the inherent level without a justification, and for an action due in the past),
  add an action, see it in the heat map's cell and the cell's table, escalate it;
- as Endringsleder record a review that lowers the current score;
- as a board member accept a risk with an expiry date;
- as Programleder freeze a snapshot, see the movement on the heat map after a change, freeze
  another and read the diff; delegate a risk down; make the register's PDF; register an
  opportunity with the «utnytte» response;
- an overdue review is on the owner's home page and the reminder goes out once.
"""

import datetime
import re

import pytest
from django.utils import timezone, translation

from portfolio.models import Area
from risk.models import RegisterPdf, Risk
from risk.services import area_register, project_register, risk_review
from risk.services.reminders import reminders_send_due
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in, screenshot
from tests.factories import ProjectFactory
from tests.risk.helpers import make_risk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def sound(page) -> None:
    """axe and the layout checks at 1280 and 375 px."""
    for width in (WIDTHS["desktop"], WIDTHS["phone"]):
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_is_sound(page)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def shots(page, name: str) -> None:
    for label, width in (("1280", WIDTHS["desktop"]), ("375", WIDTHS["phone"])):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"risk-flow-{name}-{label}")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def click(page, role: str, name) -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name).click()


def test_project_leader_change_leader_and_board(new_page, live_server, people, password):
    leader, project_leader = people["programme_leader"], people["project_leader"]
    change_leader, board = people["change_leader"], people["board_member"]
    change_leader.unit = project_leader.unit  # the change leader of the project's unit
    change_leader.save()
    area = Area.objects.get(name="Møllenberg")
    project = ProjectFactory(
        title="Oppgradering av Møllenbergparken",
        owner_unit=project_leader.unit,
        project_leader=project_leader,
        created_by=leader,
    )
    project.areas.set([area])
    base = live_server.url

    # Prosjektleder: the project's first risk makes its register.
    page = new_page(WIDTHS["desktop"])
    log_in(page, base, project_leader.email, password)
    page.goto(f"{base}/risiko/")
    sound(page)
    click(page, "link", nb("Register a risk in %(project)s") % {"project": project.title})
    page.locator("#id_title").fill("<script>alert(1)</script>Oppgradert park gir ikke mer bruk")
    page.locator("#id_ros_area").select_option(label="Gjennomføring")
    page.locator("#id_cause").fill("Parken er planlagt uten beboerne.")
    page.locator("#id_event").fill("Den nye parken brukes like lite som før.")
    page.locator("#id_effect").fill("Tiltaket gir ikke ønsket sosial effekt.")
    for field, value in (("inherent", "4"), ("current", "3")):
        page.locator(f"#id_{field}_likelihood").select_option(value)
    for field, value in (("inherent", "4"), ("current", "4")):
        page.locator(f"#id_{field}_consequence").select_option(value)
    page.locator("#id_target_likelihood").select_option("5")
    page.locator("#id_target_consequence").select_option("5")
    page.locator("#id_response").select_option("reduce")
    page.locator("#id_response_justification").fill("Medvirkning før bygging.")
    click(page, "button", nb("Register the risk"))
    assert page.locator("#id_target_justification").get_attribute("aria-invalid") == "true"
    assert page.get_by_text(
        nb("The target is above the inherent level. Say why, or lower the target.")
    ).first.is_visible()
    sound(page)
    page.locator("#id_target_likelihood").select_option("2")
    page.locator("#id_target_consequence").select_option("3")
    click(page, "button", nb("Register the risk"))
    assert re.search(r"/risiko/\d+/$", page.url)
    heading = page.get_by_role("heading", level=1)
    assert "R-001" in heading.inner_text() and "<script>" in heading.inner_text()  # as text
    risk = Risk.objects.get()
    assert risk.register.project == project

    click(page, "link", nb("Add an action"))
    page.locator("#id_description").fill("Tre medvirkningsmøter med beboerforeningen.")
    page.locator("#id_owner").select_option(str(project_leader.pk))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.locator("#id_due_on").fill(yesterday.isoformat())
    click(page, "button", nb("Add the action"))
    assert page.get_by_text(nb("A new action cannot be due in the past.")).first.is_visible()
    sound(page)
    page.locator("#id_due_on").fill(
        (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    )
    click(page, "button", nb("Add the action"))
    assert page.get_by_text("Tre medvirkningsmøter").is_visible()
    sound(page)

    page.goto(f"{base}{risk.register.get_absolute_url()}")
    cell = page.locator("table.heat-map a[href*='s=3'][href*='k=4']")
    assert cell.locator(".heat-count").inner_text() == "1"
    sound(page)
    with page.expect_navigation():
        cell.click()
    listed = page.locator("#risks-heading ~ table").first
    assert "R-001" in listed.inner_text() and "Oppgradert park" in listed.inner_text()
    sound(page)
    shots(page, "project-register")

    page.goto(f"{base}{risk.get_absolute_url()}")
    page.locator("#escalate-note").fill("Gjelder hele Møllenberg.")
    click(page, "button", nb("Escalate to the register above"))
    risk.refresh_from_db()
    assert risk.register == area_register(area)
    assert page.get_by_text(str(risk.register)).first.is_visible()
    sound(page)

    # Endringsleder: a review that lowers the current score.
    page = new_page(WIDTHS["desktop"])
    log_in(page, base, change_leader.email, password)
    page.goto(f"{base}{risk.get_absolute_url()}")
    click(page, "link", nb("Review the risk"))
    sound(page)
    page.locator("#id_likelihood").select_option("2")
    page.locator("#id_consequence").select_option("3")
    page.locator("#id_comment").fill("Medvirkningen er i gang; færre klager.")
    click(page, "button", nb("Record the review"))
    assert page.get_by_text("3×4 → 2×3").is_visible()
    sound(page)
    shots(page, "reviewed-risk")

    # The board accepts a risk whose response is to accept it.
    to_accept = make_risk(
        area_register(area), leader, title="Forsinket byggeprosess i Tempe", response="accept"
    )
    page = new_page(WIDTHS["desktop"])
    log_in(page, base, board.email, password)
    page.goto(f"{base}{to_accept.get_absolute_url()}")
    sound(page)
    click(page, "link", nb("Accept the risk"))
    page.locator("#id_justification").fill("Styret aksepterer forsinkelsen ut året.")
    page.locator("#id_expires_on").fill(yesterday.isoformat())
    click(page, "button", nb("Accept the risk"))
    assert page.get_by_text(nb("The acceptance must expire after today.")).first.is_visible()
    sound(page)
    expiry = timezone.localdate() + datetime.timedelta(days=120)
    page.locator("#id_expires_on").fill(expiry.isoformat())
    click(page, "button", nb("Accept the risk"))
    assert page.get_by_text(nb("The risk is accepted.")).is_visible()
    assert to_accept.acceptances.get().expires_on == expiry
    sound(page)


def test_programme_leader_snapshots_delegation_pdf_opportunity_and_the_reminder(
    new_page, live_server, people, password, mailoutbox
):
    leader, change_leader = people["programme_leader"], people["change_leader"]
    area = Area.objects.get(name="Lademoen")
    project = ProjectFactory(owner_unit=change_leader.unit, created_by=leader)
    project.areas.set([area])
    beneath = project_register(project)
    register = area_register(area)
    risk = make_risk(register, leader, owner=change_leader)  # current 3×4
    base = live_server.url
    page = new_page(WIDTHS["desktop"])
    log_in(page, base, leader.email, password)

    page.goto(f"{base}/risiko/styret/")
    page.get_by_label(nb("Board meeting")).fill("Styremøte mars")
    click(page, "button", nb("Freeze a snapshot"))
    risk_review(risk=risk, by=leader, likelihood=4, consequence=5, comment="Verre.")
    page.goto(f"{base}{register.get_absolute_url()}")
    up = nb("up from %(l)s×%(c)s in snapshot %(number)s") % {"l": 3, "c": 4, "number": 1}
    assert page.get_by_text(up).count() == 1
    assert (
        page.locator("table.heat-map a[href*='s=4'][href*='k=5'] .heat-move").inner_text() == "+1"
    )
    assert (
        page.locator("table.heat-map a[href*='s=3'][href*='k=4'] .heat-move").inner_text() == "−1"
    )
    sound(page)
    shots(page, "movement")
    page.goto(f"{base}/risiko/styret/")
    click(page, "button", nb("Freeze a snapshot"))
    assert page.get_by_text("3×4 → 4×5").is_visible()
    sound(page)

    # The register's PDF, made by the background task.
    # (Celery runs eagerly here: the file is made before the redirect, so the browser gets
    # the download at once; with a worker it gets the «being made» page first.)
    page.goto(f"{base}{register.get_absolute_url()}")
    with page.expect_download() as download:
        page.get_by_role("button", name=nb("Make a PDF")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto(f"{base}{register.get_absolute_url()}")
    assert page.get_by_role("link", name=re.compile(r"PDF")).first.is_visible()
    sound(page)
    waiting = RegisterPdf.objects.create(register=register, requested_by=leader)
    page.goto(f"{base}/risiko/pdf/{waiting.pk}/")
    assert page.get_by_role("heading", name=nb("The PDF is being made")).is_visible()
    sound(page)

    # Delegate the risk down to the project's register.
    page.goto(f"{base}{risk.get_absolute_url()}")
    click(page, "link", nb("Delegate to a register beneath"))
    sound(page)
    page.get_by_label(nb("Register beneath")).select_option(str(beneath.pk))
    page.get_by_label(nb("Why it goes to the register beneath")).fill("Gjelder bare prosjektet.")
    click(page, "button", nb("Delegate the risk"))
    risk.refresh_from_db()
    assert risk.register == beneath
    sound(page)

    # An opportunity with the «utnytte» response.
    page.goto(f"{base}{register.get_absolute_url()}")
    click(page, "link", nb("Register a risk"))
    page.locator("#id_kind").select_option("opportunity")
    page.locator("#id_title").fill("Skolen åpner skolegården etter skoletid")
    page.locator("#id_ros_area").select_option(label="Gjennomføring")
    page.locator("#id_cause").fill("Rektor er positiv.")
    page.locator("#id_event").fill("Skolegården blir møteplass.")
    page.locator("#id_effect").fill("Mer aktivitet for barn.")
    for field in ("inherent", "current"):
        page.locator(f"#id_{field}_likelihood").select_option("3")
        page.locator(f"#id_{field}_consequence").select_option("3")
    page.locator("#id_response").select_option("exploit")
    page.locator("#id_response_justification").fill("Avtale med skolen.")
    click(page, "button", nb("Register the risk"))
    opportunity = Risk.objects.get(title__startswith="Skolen")
    assert opportunity.kind == "opportunity" and opportunity.response == "exploit"
    sound(page)

    # The owner's overdue review: on their home page, and mailed once.
    overdue = make_risk(register, leader, owner=change_leader, title="Statlige midler uteblir")
    overdue.next_review_on = timezone.localdate() - datetime.timedelta(days=4)
    overdue.save()
    assert reminders_send_due() >= 1
    assert reminders_send_due() == 0
    mails = [mail for mail in mailoutbox if "Statlige midler uteblir" in mail.body]
    assert len(mails) == 1 and mails[0].to == [change_leader.email]
    page = new_page(WIDTHS["desktop"])
    log_in(page, base, change_leader.email, password)
    page.goto(f"{base}/")
    assert page.get_by_role("link", name=re.compile("Statlige midler uteblir")).is_visible()
    sound(page)
    shots(page, "home")
