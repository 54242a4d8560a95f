"""The programme overview (programoversikt) and the Programeier: the key figures of every part
on one page, each linking to its page, in the same number of queries at any size; the
Programeier's role, home page and navigation."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from benefits.models import Baseline, Indicator, Target
from benefits.services import benefits as benefit_services
from nabolagspotten.models import Application
from portfolio.models import Goal, PlanSubmission
from reports.models import Report
from risk.models import Snapshot
from risk.services import programme_register
from tests.factories import (
    ActionPlanFactory,
    BudgetLineFactory,
    LessonFactory,
    ProjectFactory,
    StatusReportFactory,
)
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.portfolio.helpers import nb
from tests.risk.helpers import make_risk

pytestmark = pytest.mark.django_db

URL = "/programoversikt/"
MEETING = timezone.localdate() - datetime.timedelta(days=30)


def _benefit(people, title, *, measured):
    owner = people["change_leader"]
    benefit = benefit_services.benefit_create(
        by=owner,
        title=title,
        description="Flere føler seg trygge.",
        dfo_class="kvalitet",
        goal=Goal.objects.first(),
        owner_unit=owner.unit,
    )
    indicator = Indicator.objects.create(benefit=benefit, name="Andel", unit="prosent")
    Baseline.objects.create(
        indicator=indicator, value=50, measured_on=datetime.date(2022, 1, 1), source="2022"
    )
    Target.objects.create(indicator=indicator, value=70, target_date=datetime.date(2026, 1, 1))
    benefit_services.measurement_record(
        indicator=indicator, by=owner, period_end=datetime.date(2024, 1, 1), value=measured
    )
    return benefit


def _world(people, size: int) -> dict:
    """`size` of everything: running projects (one red), money, lessons, benefits (one off
    track), risks, grants; and one decided plan."""
    leader = people["programme_leader"]
    today = timezone.localdate()
    year = today.year
    made = {"red": None, "off_track": None, "highest": None}
    for n in range(size):
        project = ProjectFactory(
            title=f"Prosjekt {n}", status="i_portefoljen", created_by=leader, owner_unit=None
        )
        BudgetLineFactory(project=project, year=year, source="kdd", planned=100_000, spent=40_000)
        StatusReportFactory(project=project, rag="rod" if n == 0 else "gronn", author=leader)
        if n == 0:
            made["red"] = project
        LessonFactory(title=f"Lærdom {n}", author=leader, date=today - datetime.timedelta(days=n))
        made["off_track"] = made["off_track"] or _benefit(people, "Utenfor sporet", measured=51)
        _benefit(people, f"Gevinst {n}", measured=60)
        risk = make_risk(
            programme_register(), leader, title=f"Risiko {n}", current_likelihood=1 + n % 4
        )
        if n == 0:
            risk.current_likelihood, risk.current_consequence = 5, 5
            risk.save()
            made["highest"] = risk
    round_ = RoundFactory(year=year)
    for _n in range(size):
        ApplicationFactory(round=round_, status=Application.Status.GRANTED, amount_granted=10_000)
    plan = ActionPlanFactory(year=year, created_by=leader)
    PlanSubmission.objects.create(
        plan=plan,
        number=1,
        content={},
        submitted_by=leader,
        decision="godkjent",
        meeting_date=MEETING,
        decision_text="Planen er godkjent.",
        decided_by=people["board_member"],
        decided_at=timezone.now(),
    )
    return made


def test_the_programeier_role_is_a_group_made_by_migration_with_no_permissions():
    group = Group.objects.get(name=Role.PROGRAMME_OWNER.value)
    assert not group.permissions.exists()


def test_the_programeier_reads_the_key_figures_of_every_part_each_linking_to_its_page(
    client_for, people
):
    made = _world(people, 3)
    response = client_for("programme_owner").get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    portfolio = response.context["portfolio"]
    running = next(row for row in portfolio["statuses"] if row.status == "i_portefoljen")
    assert running.count == 3
    assert {row["rag"]: row["count"] for row in portfolio["rags"]} == {
        "gronn": 2,
        "gul": 0,
        "rod": 1,
        "ingen": 0,
    }
    assert "/program/portefolje/?status=i_portefoljen&amp;rag=rod" in html
    kdd = next(row for row in portfolio["money"].sources if row.source == "kdd")
    assert (kdd.planned, kdd.spent) == (300_000, 120_000)
    assert f"/program/portefolje/?year={timezone.localdate().year}&amp;source=kdd" in html
    benefits = response.context["benefits"]
    counts = {row["status"]: row["count"] for row in benefits["statuses"]}
    assert counts == {"paa_sporet": 3, "risiko": 0, "utenfor_sporet": 1}
    assert made["off_track"].get_absolute_url() in html
    risks = response.context["risks"]
    assert risks["highest"][0] == made["highest"]
    assert risks["highest"][0].level_name
    assert made["highest"].get_absolute_url() in html
    grants = response.context["grants"]
    assert (grants["total"].grants, grants["total"].granted) == (3, 30_000)
    assert reverse("nabolagspotten:statistics") in html
    assert [lesson.title for lesson in portfolio["lessons"]][:1] == ["Lærdom 0"]
    assert reverse("portfolio:lessons_so_far") in html
    assert portfolio["decisions"][0].decision == "godkjent"
    for heading in (
        "Projects by status",
        "Benefits on and off track",
        "The highest risks",
        "The latest lessons learned",
        "The board's latest decisions",
    ):
        assert nb(heading) in html
    # No report is ready yet: nothing is shown for them.
    assert nb("The latest reports") not in html


def test_the_latest_ready_reports_link_to_their_pages(client_for, people):
    def report(number, status):
        return Report.objects.create(
            kind=Report.Kind.ANNUAL,
            year=2026,
            number=number,
            since=datetime.date(2026, 1, 1),
            until=datetime.date(2026, 12, 31),
            status=status,
            ordered_by=people["programme_leader"],
            finished_at=timezone.now() if status == Report.Status.DONE else None,
        )

    ready = report(1, Report.Status.DONE)
    building = report(2, Report.Status.BUILDING)
    html = client_for("programme_owner").get(URL).content.decode()
    assert nb("The latest reports") in html
    assert ready.get_absolute_url() in html
    assert building.get_absolute_url() not in html


def test_the_overview_has_no_edit_buttons_or_forms(client_for, people):
    _world(people, 2)
    html = client_for("programme_owner").get(URL).content.decode()
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert "<form" not in main
    assert "ds-button" not in main


@pytest.mark.parametrize("size", [2, 8])
def test_the_overview_takes_the_same_queries_at_any_size(
    client_for, people, size, django_assert_num_queries
):
    _world(people, size)
    client = client_for("programme_owner")
    client.get(URL)  # the session and the user, once
    # The session, the user and their groups (3), the portfolio (7), the benefits (5), the
    # risks (2), Nabolagspotten (3) and the latest reports (1).
    with django_assert_num_queries(21):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.context["portfolio"]["projects"] == size


def test_an_empty_programme_shows_zeros_and_no_error(client_for):
    response = client_for("board_member").get(URL)
    assert response.status_code == 200
    assert response.context["risks"]["highest"] == []
    assert nb("No open risks.") in response.content.decode()


def test_the_navigation_leads_the_programeier_and_the_board_to_the_overview(client_for):
    for person in ("programme_owner", "board_member"):
        html = client_for(person).get(reverse("home")).content.decode()
        assert f'href="{URL}"' in html, person
        assert nb("See the programme overview") in html


def test_the_programeier_home_page_says_what_the_board_decided_and_the_lessons_so_far(
    client_for, people
):
    _world(people, 2)
    Snapshot.objects.create(
        number=1, taken_by=people["programme_leader"], note="Styremøte mars", data={}
    )
    response = client_for("programme_owner").get(reverse("home"))
    panels = {panel.key: panel for panel in response.context["panels"]}
    decision = panels["portfolio-decisions"].items[0]
    assert decision.date == MEETING
    assert decision.url.endswith("/versjon/1/")
    assert panels["portfolio-lessons-so-far"].items[0].count >= 1
    snapshot = panels["risk-snapshots"].items[0]
    assert snapshot.url == reverse("risk:snapshot", kwargs={"number": 1})
    assert snapshot.date == timezone.localdate()
    # Nothing to do: no plans to decide, no status reports to write.
    assert "portfolio-plans-to-decide" not in panels
    assert "portfolio-reports-due" not in panels
    html = response.content.decode()
    assert nb("Programme owner") in html


def test_someone_without_a_role_may_not_open_the_overview(client_for):
    assert client_for("outsider").get(URL).status_code == 403
    response = client_for("anonymous").get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_risk_or_lesson_named_after_the_programeier_still_cannot_be_changed_by_them(
    client_for, people
):
    """A risk owned by (or a lesson written by) someone who is now only the Programeier: the
    owner's or author's rights do not apply to a role that only reads."""
    owner = people["programme_owner"]
    risk = make_risk(programme_register(), people["programme_leader"])
    risk.owner = owner
    risk.save()
    lesson = LessonFactory(author=owner)
    client = client_for("programme_owner")
    assert client.get(reverse("risk:risk_edit", args=[risk.pk])).status_code == 403
    assert client.post(reverse("risk:risk_review", args=[risk.pk]), {}).status_code == 403
    assert client.get(reverse("portfolio:lesson_edit", args=[lesson.pk])).status_code == 403
    # Someone with another role besides keeps the owner's rights.
    from accounts.models import User

    both = User.objects.get(pk=owner.pk)
    both.groups.add(Group.objects.get(name=Role.CHANGE_LEADER.value))
    assert not both.reads_only


def test_the_programeier_is_not_offered_as_the_owner_of_a_risk(client_for, people):
    register = programme_register()
    response = client_for("programme_leader").get(reverse("risk:risk_create", args=[register.pk]))
    owners = response.context["form"].fields["owner"].queryset
    assert people["programme_owner"] not in owners
    assert people["change_leader"] in owners
