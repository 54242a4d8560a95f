"""`seed_demo`: one user per role, units and a plausible portfolio, Nabolagspotten and the
demo's reports (the 2026 annual report, published, and a board report pack); safe to run
twice.

The demo is made once for this module's tests (it renders some thirty PDFs, seconds of
work): inside a transaction that stays open while the module runs and is rolled back after
it, with its files in a folder of the module's own (and the tests' fast password hashing and
eager tasks). Each test runs in a savepoint of it,
rolled back after the test, so each finds the demo as `seed_demo` made it; those that run
`seed_demo` again check that nothing is made twice."""

import pytest
from django.db import transaction
from django.test import override_settings

from accounts.roles import Role
from omradesatsing.demo import DEMO_PASSWORD, DEMO_PROJECTS, seed_demo
from portfolio.models import ActionPlan, Lesson, Project, StatusReport
from reports.models import Report
from tests.conftest import quick_hashing_and_eager_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.heavy]


@pytest.fixture(scope="module")
def _demo_of_the_module(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        quick_hashing_and_eager_tasks(),
        override_settings(MEDIA_ROOT=media),
    ):
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            yield media, seed_demo()
        finally:
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


@pytest.fixture
def demo_users(_demo_of_the_module, db, settings) -> list:
    """The users `seed_demo` returned; the test sees the demo's files too."""
    media, users = _demo_of_the_module
    settings.MEDIA_ROOT = media
    return users


def test_seed_demo_makes_a_user_per_role_and_a_portfolio_and_can_run_again(demo_users):
    users = demo_users
    assert {role for user in users for role in user.roles} == set(Role)
    assert all(user.check_password(DEMO_PASSWORD) for user in users)
    assert Project.objects.count() == DEMO_PROJECTS
    assert set(Project.objects.values_list("areas__name", flat=True)) == {
        "Lademoen",
        "Møllenberg",
        "Tempe-Sorgenfri",
    }
    assert ActionPlan.objects.get(year=2026).status == "godkjent"
    assert ActionPlan.objects.get(year=2027).status == "utkast"
    assert Lesson.objects.exists() and StatusReport.objects.exists()
    assert ActionPlan.objects.get(year=2026).submissions.exclude(pdf="").exists(), "its PDF"
    counts = (Project.objects.count(), Lesson.objects.count(), StatusReport.objects.count())

    seed_demo()
    assert (Project.objects.count(), Lesson.objects.count(), StatusReport.objects.count()) == counts


def test_the_demo_change_leader_has_projects_of_their_own_unit(demo_users):
    users = {user.email: user for user in demo_users}
    change_leader = users["endringsleder@demo.example"]
    assert Project.objects.filter(owner_unit=change_leader.unit).exists()
    assert Project.objects.filter(
        owner_unit=change_leader.unit, status="forslag", ownership_accepted_at__isnull=True
    ).exists(), "one proposal waits for the unit to accept ownership"


def test_seed_demo_makes_nabolagspotten_once_with_a_case_in_every_status(demo_users):
    from django.utils import timezone

    from nabolagspotten.models import Application, Decision, ImpartialityDeclaration, Round

    users = {user.email: user for user in demo_users}
    this_year = Round.objects.get(year=timezone.localdate().year)
    assert this_year.is_open()
    assert set(this_year.applications.values_list("status", flat=True)) == set(
        Application.Status.values
    )
    assert Round.objects.filter(year=timezone.localdate().year - 1).exists()
    handler = users["saksbehandler@demo.example"]
    assert ImpartialityDeclaration.objects.filter(
        handler=handler, application__status=Application.Status.IN_REVIEW
    ).exists()
    counts = (Round.objects.count(), Application.objects.count())
    from nabolagspotten.services.letters import letter_pdfs_missing

    sent = Decision.objects.filter(letter_sent_at__isnull=False, superseded_at__isnull=True)
    assert sent.exclude(letter_pdf="").exists(), "the letters sent have their PDF files"
    assert not letter_pdfs_missing().exists()

    seed_demo()
    assert (Round.objects.count(), Application.objects.count()) == counts


def test_seed_demo_publishes_the_2026_annual_report_and_builds_a_board_pack_once(demo_users):
    annual = Report.objects.get(kind=Report.Kind.ANNUAL)
    assert (annual.year, annual.status) == (2026, Report.Status.DONE)
    assert annual.is_published and annual.public_pdf and annual.pdf and annual.xlsx
    assert annual.snapshot["portfolio"]["total"] > 0
    assert annual.snapshot["nabolagspotten"]["rows"]
    # The year's action plan: the board's decision on the 2026 plan, planned against ran.
    plan = annual.snapshot["plan"]
    assert plan["exists"] and plan["decision"] and plan["version"] and plan["meeting_date"]
    assert plan["planned"] and any(row["ran"] for row in plan["planned"])
    # Money: the state's funding against the municipality's share.
    money = annual.snapshot["money"]
    assert money["state"]["planned"] > 0 and money["municipal"]["planned"] > 0
    # Reporting to the state: per focus area its projects, money and indicators.
    areas = annual.snapshot["state"]["focus_areas"]
    assert len(areas) == 4 and all(area["projects"] for area in areas)
    assert any(area["indicators"] for area in areas)
    pack = Report.objects.get(kind=Report.Kind.BOARD)
    assert pack.status == Report.Status.DONE
    assert "lessons" in pack.snapshot

    seed_demo()
    assert Report.objects.count() == 2
