"""Every page of the portfolio, filled with data, at desktop, phone and narrow widths: axe
finds nothing, nothing scrolls sideways, the console stays clean. The flows in the other
browser tests cover the forms' error states."""

import pytest
from django.test import Client
from django.utils import timezone

from portfolio.services import plans as plan_services
from tests.browser.conftest import WIDTHS, assert_page_is_sound
from tests.factories import ExternalPartnerFactory, LessonFactory, StatusReportFactory
from tests.portfolio.factories_plans import plan_with, portfolio_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portfolio(people):
    leader = people["programme_leader"]
    project = portfolio_project(
        title="Leksehjelp i biblioteket med et langt navn som må brytes pent på en smal skjerm",
        planned={"kdd": 1_250_000, "ekstern": 400_000},
        owner_unit=people["change_leader"].unit,
        created_by=leader,
    )
    other = portfolio_project(
        title="Trygg skolevei", planned={"husbanken": 80_000}, created_by=leader
    )
    ExternalPartnerFactory(project=project, name="Frivilligsentralen")
    StatusReportFactory(project=project, author=leader, summary="Godt oppmøte hver tirsdag.")
    plan = plan_with([project], by=leader, year=2027)
    first = plan_services.plan_submit(plan=plan, by=leader)
    plan_services.submission_decide(
        submission=first,
        by=people["board_member"],
        decision="sendt_tilbake",
        meeting_date=timezone.localdate(first.submitted_at),
        decision_text="Ta med skoleveien.",
    )
    plan.refresh_from_db()
    plan_services.plan_update(
        plan=plan,
        base_version=plan.version,
        introduction=plan.introduction,
        priorities={},
        project_ids=[project.pk, other.pk],
        by=leader,
    )
    second = plan_services.plan_submit(plan=plan, by=leader)
    lesson = LessonFactory(
        author=people["change_leader"],
        unit=people["change_leader"].unit,
        title="Faste tider gir flere besøkende",
        tags=["møteplass", "bibliotek"],
    )
    line = project.budget_lines.first()
    return {
        "project": project,
        "line": line,
        "plan": plan,
        "first": first,
        "second": second,
        "lesson": lesson,
    }


def _paths(p):
    project, plan = p["project"], p["plan"]
    return [
        "/program/",
        "/program/portefolje/",
        "/program/portefolje/?status=i_portefoljen&sort=-planned",
        f"/program/prosjekter/{project.pk}/",
        f"/program/prosjekter/{project.pk}/endre/",
        f"/program/prosjekter/{project.pk}/budsjett/{p['line'].pk}/",
        f"/program/prosjekter/{project.pk}/budsjett/ny/",
        f"/program/prosjekter/{project.pk}/kriterier/1/",
        f"/program/prosjekter/{project.pk}/statusrapport/ny/",
        f"/program/prosjekter/{project.pk}/partnere/ny/",
        "/program/prosjekter/ny/",
        "/program/handlingsplaner/",
        f"/program/handlingsplaner/{plan.year}/",
        f"/program/handlingsplaner/{plan.year}/versjon/{p['second'].number}/",
        f"/program/handlingsplaner/{plan.year}/endringer/?fra=1&til=2",
        "/program/laerdommer/",
        "/program/laerdommer/?q=m%C3%B8teplass",
        f"/program/laerdommer/{p['lesson'].pk}/",
        f"/program/laerdommer/{p['lesson'].pk}/endre/",
        "/program/laerdommer/ny/",
        "/program/laerdommer/sa-langt/",
    ]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_portfolio_page_passes(new_page, live_server, people, portfolio, width):
    page = new_page(width)
    client = Client()
    client.force_login(people["programme_leader"])
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for path in _paths(portfolio):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert_page_is_sound(page)
