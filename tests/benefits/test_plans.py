"""Benefit-realisation plans through the board's machinery (shared with the annual action
plan), and the handover to ordinary operations with its HØP reference."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Unit
from benefits import permissions
from benefits.models import Baseline, Benefit, BenefitPlan, Indicator, Target
from benefits.services import benefits as services
from benefits.services import plans as plan_services
from core.exceptions import TransitionRefused
from portfolio.models import Goal
from tests.factories import ProjectFactory
from tests.permission_table.benefits import HANDOVER
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def _benefit(people, project, title="Økt opplevd trygghet i Lademoen"):
    benefit = services.benefit_create(
        by=people["change_leader"],
        title=title,
        description="Flere beboere føler seg trygge.",
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
    return benefit


@pytest.fixture
def project(people):
    return ProjectFactory(
        owner_unit=people["change_leader"].unit,
        project_leader=people["project_leader"],
        created_by=people["programme_leader"],
    )


@pytest.fixture
def plan(people, project):
    _benefit(people, project)
    plan = plan_services.plan_create(by=people["programme_leader"], project=project)
    return plan_services.plan_update(
        plan=plan,
        by=people["programme_leader"],
        milestones="2026: tiltak i gang",
        responsibilities="Endringsleder i enheten",
        into_operations="Enheten viderefører tiltaket i sitt budsjett.",
    )


def _decide(submission, people, decision="godkjent"):
    return plan_services.submission_decide(
        submission=submission,
        by=people["board_member"],
        decision=decision,
        meeting_date=timezone.localdate(),
        decision_text="Styret godkjenner planen.",
    )


def test_each_submission_freezes_a_numbered_snapshot(plan, people, project):
    first = plan_services.plan_submit(plan=plan, by=people["programme_leader"])
    assert first.number == 1
    assert first.content["benefits"][0]["title"] == "Økt opplevd trygghet i Lademoen"
    indicator = first.content["benefits"][0]["indicators"][0]
    assert [b["value"] for b in indicator["baselines"]] == ["48.00", "52.00"]
    assert indicator["targets"][0]["date"] == "2028-12-31"
    plan.refresh_from_db()
    assert plan.status == BenefitPlan.Status.SUBMITTED
    with pytest.raises(TransitionRefused):
        plan_services.plan_update(plan=plan, by=people["programme_leader"], milestones="x")

    _decide(first, people, decision="sendt_tilbake")
    plan.refresh_from_db()
    assert plan.status == BenefitPlan.Status.SENT_BACK
    _benefit(people, project, title="Flere deltar i nabolagsaktiviteter")
    second = plan_services.plan_submit(plan=plan, by=people["programme_leader"])
    assert second.number == 2
    assert len(second.content["benefits"]) == 2
    first.refresh_from_db()
    assert len(first.content["benefits"]) == 1  # the first version stays as the board saw it
    _decide(second, people)
    plan.refresh_from_db()
    assert plan.status == BenefitPlan.Status.APPROVED
    assert plan.history.count() >= 4


def test_a_plan_without_benefits_or_responsibility_is_not_sent(people):
    plan = plan_services.plan_create(by=people["programme_leader"], goal=Goal.objects.last())
    with pytest.raises(ValidationError) as error:
        plan_services.plan_submit(plan=plan, by=people["programme_leader"])
    assert len(error.value.messages) == 3


def test_one_plan_per_project(plan, people, project):
    with pytest.raises(ValidationError):
        plan_services.plan_create(by=people["programme_leader"], project=project)


def test_only_the_latest_undecided_version_is_decided(plan, people):
    first = plan_services.plan_submit(plan=plan, by=people["programme_leader"])
    _decide(first, people)
    with pytest.raises(TransitionRefused):
        _decide(first, people)


def test_who_may_do_what_with_a_plan(plan, people):
    assert permissions.can_edit_plan(people["change_leader"], plan)
    assert not permissions.can_edit_plan(people["board_member"], plan)
    assert not permissions.can_submit_plan(people["change_leader"], plan)
    assert permissions.can_submit_plan(people["programme_leader"], plan)
    submission = plan_services.plan_submit(plan=plan, by=people["programme_leader"])
    plan.refresh_from_db()
    assert not permissions.can_edit_plan(people["programme_leader"], plan)
    assert permissions.can_decide_plan(people["board_member"], submission)
    assert not permissions.can_decide_plan(people["programme_leader"], submission)


def test_the_board_approves_through_the_page(plan, people, client_for):
    client = client_for("programme_leader")
    response = client.post(reverse("benefits:plan_submit", args=[plan.pk]))
    submission = plan.submissions.get()
    assert response.status_code == 302
    assert response.url == submission.get_absolute_url()
    board = client_for("board_member")
    page = board.get(submission.get_absolute_url())
    assert page.status_code == 200
    assert reverse("benefits:benefit_priority", args=[plan.benefits().get().pk]) in (
        page.content.decode()
    )
    url = reverse("benefits:plan_submission_decide", args=[plan.pk, 1])
    future = (TODAY() + datetime.timedelta(days=3)).isoformat()
    response = board.post(
        url, {"decision": "godkjent", "meeting_date": future, "decision_text": "Godkjent"}
    )
    assert response.status_code == 400
    assert nb("The meeting date cannot be in the future.") in response.content.decode()
    response = board.post(
        url,
        {
            "decision": "godkjent",
            "meeting_date": TODAY().isoformat(),
            "decision_text": "Godkjent",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "godkjent"


def test_bad_input_on_the_plan_form_gets_a_message_on_the_field(plan, client_for):
    url = reverse("benefits:plan_edit", args=[plan.pk])
    response = client_for("change_leader").post(
        url,
        {"milestones": "x" * 100_000, "responsibilities": "<script>alert(1)</script>"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_milestones"' in html and 'aria-invalid="true"' in html
    assert "<script>alert(1)</script>" not in html
    response = client_for("change_leader").post(
        url, {"responsibilities": "<script>alert(1)</script>", "milestones": "2026"}
    )
    assert response.status_code == 302
    page = client_for("board_member").get(plan.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_plan_page_has_a_flat_query_count(plan, people, project, client_for):
    client = client_for("programme_leader")
    url = plan.get_absolute_url()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(5):
        _benefit(people, project, title=f"Gevinst {n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


# --- Handover to ordinary operations ---------------------------------------------------


@pytest.fixture
def realised(people, project):
    benefit = _benefit(people, project)
    by = people["change_leader"]
    services.benefit_plan(benefit=benefit, by=by)
    services.benefit_start_realisation(benefit=benefit, by=by)
    services.benefit_realise(benefit=benefit, by=by)
    return benefit


def _handover_data(people, **extra):
    data = {
        "receiving_unit": people["change_leader"].unit_id,
        "hop_reference": "HØP 2027–2030, 4.2.1",
        "handed_over_on": TODAY().isoformat(),
        "follow_up": "Enheten måler andelen trygge hvert år.",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hop_reference", "", None),
        ("hop_reference", "x" * 100_000, None),
        ("handed_over_on", "neste år", "Enter a valid date."),
        ("handed_over_on", "2999-01-01", "The handover date cannot be in the future."),
        ("receiving_unit", "abc", None),
        ("follow_up", "x" * 100_000, None),
    ],
)
def test_bad_handover_input_gets_a_message_on_the_field(
    realised, people, client_for, field, value, message
):
    url = reverse("benefits:benefit_transition", args=[realised.pk, "overfor"])
    response = client_for("change_leader").post(url, _handover_data(people, **{field: value}))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}"' in html
    assert f'id="id_{field}_error"' in html or "aria-invalid" in html
    if message:
        assert nb(message) in html
    realised.refresh_from_db()
    assert realised.status == Benefit.Status.REALISED


def test_the_handover_records_the_hop_reference_and_the_follow_up(realised, people, client_for):
    other_unit = Unit.objects.create(name="Enhet for oppvekst")
    url = reverse("benefits:benefit_transition", args=[realised.pk, "overfor"])
    response = client_for("change_leader").post(
        url, _handover_data(people, receiving_unit=other_unit.pk)
    )
    assert response.status_code == 302
    realised.refresh_from_db()
    assert realised.status == Benefit.Status.HANDED_OVER
    assert realised.hop_reference == "HØP 2027–2030, 4.2.1"
    assert realised.receiving_unit == other_unit
    page = client_for("board_member").get(realised.get_absolute_url()).content.decode()
    assert "HØP 2027–2030, 4.2.1" in page
    # The follow-up goes on after the project: the receiving unit's change leader records.
    receiver = people["change_leader"]
    receiver.unit = other_unit
    indicator = realised.indicators.get()
    assert permissions.can_record_measurement(receiver, indicator)
    assert permissions.can_approve_measurements(receiver, realised)


def test_the_handover_page_is_the_owners(realised, people, client_for):
    url = reverse("benefits:benefit_transition", args=[realised.pk, "overfor"])
    expected = HANDOVER[3]
    for person in ("programme_leader", "change_leader", "project_leader", "board_member"):
        want = expected.get(person, expected["default"])
        assert client_for(person).get(url).status_code == want, person


def test_bad_input_on_the_plan_and_board_forms_is_a_message_never_a_500(plan, people, client_for):
    client = client_for("programme_leader")
    response = client.post(reverse("benefits:plan_create"), {"project": "abc", "goal": "9999"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    response = client.post(reverse("benefits:plan_create"), {})
    assert response.status_code == 400
    assert nb("Choose either a project or a goal.") in response.content.decode()
    plan_services.plan_submit(plan=plan, by=people["programme_leader"])
    board = client_for("board_member")
    comment = reverse("benefits:plan_submission_comment", args=[plan.pk, 1])
    response = board.post(comment, {"text": "x" * 100_000})
    assert response.status_code == 400
    assert 'id="id_text"' in response.content.decode()
    response = board.post(comment, {"text": "<script>alert(1)</script>"})
    assert response.status_code == 302
    page = board.get(plan.submissions.get().get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    decide = reverse("benefits:plan_submission_decide", args=[plan.pk, 1])
    response = board.post(
        decide, {"decision": "godkjent", "meeting_date": "i går", "decision_text": "Ja"}
    )
    assert response.status_code == 400
    assert 'id="id_meeting_date"' in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == BenefitPlan.Status.SUBMITTED


def test_the_plan_and_its_version_write_values_and_dates_the_norwegian_way(
    plan, people, client_for
):
    client = client_for("programme_leader")
    client.post(reverse("benefits:plan_submit", args=[plan.pk]))
    submission = plan.submissions.get()
    for url in (plan.get_absolute_url(), submission.get_absolute_url()):
        html = client.get(url).content.decode()  # Norwegian unless the user chose English
        assert "48 (1. juni 2022); 52 (1. juni 2025)" in html, url
        assert "65 (31. desember 2028)" in html, url
        assert "48.00" not in html and "2022-06-01" not in html, url
