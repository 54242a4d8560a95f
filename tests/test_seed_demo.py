"""`seed_demo`: one user per role, units and a plausible portfolio; safe to run twice."""

import pytest

from accounts.roles import Role
from omradesatsing.demo import DEMO_PASSWORD, DEMO_PROJECTS, seed_demo
from portfolio.models import ActionPlan, Lesson, Project, StatusReport

pytestmark = [pytest.mark.django_db, pytest.mark.heavy]


def test_seed_demo_makes_a_user_per_role_and_a_portfolio_and_can_run_again():
    users = seed_demo()
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


def test_the_demo_change_leader_has_projects_of_their_own_unit():
    users = {user.email: user for user in seed_demo()}
    change_leader = users["endringsleder@demo.example"]
    assert Project.objects.filter(owner_unit=change_leader.unit).exists()
    assert Project.objects.filter(
        owner_unit=change_leader.unit, status="forslag", ownership_accepted_at__isnull=True
    ).exists(), "one proposal waits for the unit to accept ownership"


def test_seed_demo_makes_nabolagspotten_once_with_a_case_in_every_status():
    from django.utils import timezone

    from nabolagspotten.models import Application, Decision, ImpartialityDeclaration, Round

    users = {user.email: user for user in seed_demo()}
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
