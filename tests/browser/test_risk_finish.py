"""Issue 12, the pages changed at the end, with axe at 1280 and 375 px: the board snapshot
page of two large snapshots (each list of the diff paged with its count, the snapshot's
open risks paged); a project's risk naming the project's partner; the heat map in a
level colour the programme leader set (white text on a dark colour)."""

import pytest
from django.utils import translation

from risk.models import Matrix, Risk, Snapshot
from tests.browser.conftest import WIDTHS, assert_page_is_sound, log_in, screenshot
from tests.factories import ExternalPartnerFactory, ProjectFactory
from tests.risk.test_snapshot_diff_page import _pair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def sound(page, name: str) -> None:
    for label, width in (("1280", WIDTHS["desktop"]), ("375", WIDTHS["phone"])):
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_is_sound(page)
        screenshot(page, f"risk-finish-{name}-{label}")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def click(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def test_the_board_reads_a_large_diff_page_by_page(new_page, live_server, people, password):
    first, second = _pair(people["programme_leader"], 600)  # 60 in each list of the diff
    page = new_page(WIDTHS["desktop"])
    log_in(page, live_server.url, people["board_member"].email, password)
    page.goto(f"{live_server.url}{second.get_absolute_url()}")
    changed = nb("Changed scores")
    assert page.get_by_role("heading", name=f"{changed} (60)").is_visible()
    assert page.locator("#diff-changed + ul > li").count() == 50
    sound(page, "diff")
    pages = page.get_by_role("navigation", name=nb("Pages: %(list)s") % {"list": changed})
    click(page, pages.get_by_role("link", name=nb("Next page")))
    assert "endret=2" in page.url
    assert page.locator("#diff-changed + ul > li").count() == 10
    assert page.locator("#diff-new + ul > li").count() == 50  # the other lists stay on page 1
    sound(page, "diff-page-2")
    frozen = nb("Open risks in the snapshot")
    pages = page.get_by_role("navigation", name=nb("Pages: %(list)s") % {"list": frozen})
    click(page, pages.get_by_role("link", name=nb("Next page")))
    assert "side=2" in page.url and "endret=2" in page.url
    assert page.locator("#frozen-heading ~ table tbody tr").count() == 100
    sound(page, "diff-open-risks")
    assert Snapshot.objects.count() == 2


def test_a_projects_risk_names_its_partner_and_the_map_has_the_leaders_colour(
    new_page, live_server, people, password
):
    project_leader = people["project_leader"]
    project = ProjectFactory(
        title="Oppgradering av Møllenbergparken",
        owner_unit=project_leader.unit,
        project_leader=project_leader,
        created_by=people["programme_leader"],
    )
    partner = ExternalPartnerFactory(project=project, name="Beboerforeningen Møllenberg")
    high = Matrix.default().levels.get(rank=3)
    high.colour = "#7a0019"
    high.save()
    base = live_server.url
    page = new_page(WIDTHS["desktop"])
    log_in(page, base, project_leader.email, password)
    page.goto(f"{base}/risiko/prosjekt/{project.pk}/ny/")
    page.locator("#id_title").fill("Svekket tillit hos beboerforeningen i Møllenberg")
    page.locator("#id_ros_area").select_option(label="Interessent")
    page.locator("#id_cause").fill("Lovnader fra tidligere prosjekter er ikke holdt.")
    page.locator("#id_event").fill("Beboerforeningen trekker seg fra samarbeidet.")
    page.locator("#id_effect").fill("Tiltakene mister lokal forankring.")
    page.get_by_label(f"{partner.name} ({project.title})").check()
    page.locator("#id_actor_groups").fill("Ungdomsrådet")
    for field in ("inherent", "current"):
        page.locator(f"#id_{field}_likelihood").select_option("5")
        page.locator(f"#id_{field}_consequence").select_option("5")
    page.locator("#id_response").select_option("reduce")
    page.locator("#id_response_justification").fill("Faste møter med foreningen.")
    sound(page, "form-partners")
    click(page, page.get_by_role("button", name=nb("Register the risk")))
    risk = Risk.objects.get()
    assert list(risk.partners.all()) == [partner]
    assert page.get_by_text(partner.name).first.is_visible()
    sound(page, "risk-partners")
    page.goto(f"{base}{risk.register.get_absolute_url()}")
    cell = page.locator("table.heat-map td.risk-level-3").first
    assert cell.evaluate("td => getComputedStyle(td).backgroundColor") == "rgb(122, 0, 25)"
    assert cell.evaluate("td => getComputedStyle(td).color") == "rgb(255, 255, 255)"
    sound(page, "heat-map-colour")
