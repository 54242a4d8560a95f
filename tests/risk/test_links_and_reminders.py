"""Issue 12, second part: links to benefits and indicators (shown on both pages), the
filters by area, owner and project, delegating down, the daily reminder and the early
warnings, the movement since the last snapshot, the register PDF and a register list
without side effects."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_celery_beat.models import PeriodicTask

from benefits.models import Benefit, Indicator
from benefits.services import benefits as benefit_services
from portfolio.models import Area, Goal
from risk.models import Register, RegisterPdf, Reminder, Risk, RiskEvent
from risk.services import (
    area_register,
    programme_register,
    project_register,
    risk_review,
    risk_update,
    snapshot_freeze,
)
from risk.services.reminders import reminders_send_due
from tests.factories import ProjectFactory
from tests.risk.helpers import make_risk

pytestmark = pytest.mark.django_db

D = datetime.date


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def _register():
    return area_register(Area.objects.get(name="Møllenberg"))


@pytest.fixture
def benefit(people):
    return benefit_services.benefit_create(
        by=people["change_leader"],
        title="Økt opplevd trygghet i Møllenberg",
        description="Flere beboere føler seg trygge i nabolaget.",
        dfo_class=Benefit.DfoClass.QUALITY,
        goal=Goal.objects.first(),
        owner_unit=people["change_leader"].unit,
    )


@pytest.fixture
def indicator(benefit):
    return Indicator.objects.create(
        benefit=benefit, name="Andel som føler seg trygge", unit="prosent", direction="opp"
    )


# --- Links to benefits -------------------------------------------------------------------


def test_a_risk_names_the_benefit_and_indicator_and_both_pages_show_it(
    client_for, people, benefit, indicator
):
    risk = make_risk(_register(), people["programme_leader"], benefit=benefit, indicator=indicator)
    client = client_for("change_leader")
    page = client.get(risk.get_absolute_url()).content.decode()
    assert benefit.get_absolute_url() in page and indicator.name in page
    page = client.get(benefit.get_absolute_url()).content.decode()
    assert risk.get_absolute_url() in page and risk.title in page


def test_an_indicator_of_another_benefit_is_refused_on_the_field(
    client_for, people, benefit, indicator
):
    other = benefit_services.benefit_create(
        by=people["change_leader"],
        title="Mer bruk av parken",
        description="Flere bruker parken.",
        dfo_class=Benefit.DfoClass.QUALITY,
        goal=Goal.objects.first(),
        owner_unit=people["change_leader"].unit,
    )
    risk = make_risk(_register(), people["programme_leader"])
    client = client_for("programme_leader")
    data = _edit_data(risk, benefit=other.pk, indicator=indicator.pk)
    response = client.post(reverse("risk:risk_edit", args=[risk.pk]), data)
    assert response.status_code == 400
    assert nb("The indicator belongs to another benefit.") in response.content.decode()


def _edit_data(risk, **overrides):
    data = {
        "kind": risk.kind,
        "ros_area": risk.ros_area_id,
        "title": risk.title,
        "cause": risk.cause,
        "event": risk.event,
        "effect": risk.effect,
        "inherent_likelihood": risk.inherent_likelihood,
        "inherent_consequence": risk.inherent_consequence,
        "current_likelihood": risk.current_likelihood,
        "current_consequence": risk.current_consequence,
        "uncertainty": risk.uncertainty,
        "response": risk.response,
        "response_justification": risk.response_justification,
    }
    data.update(overrides)
    return data


def test_the_benefit_page_tells_when_no_risk_threatens_it(client_for, benefit):
    page = client_for("change_leader").get(benefit.get_absolute_url()).content.decode()
    assert nb("No risk in the risk registers threatens or serves this benefit.") in page


# --- Filters -----------------------------------------------------------------------------


def test_the_register_filters_by_owner_area_and_project(client_for, people):
    programme = programme_register()
    lademoen = Area.objects.get(name="Lademoen")
    project = ProjectFactory(
        owner_unit=people["project_leader"].unit, created_by=people["programme_leader"]
    )
    project.areas.set([lademoen])
    by = people["programme_leader"]
    mine = make_risk(programme, by, title="Statlige midler videreføres ikke etter 2028")
    theirs = make_risk(
        area_register(lademoen),
        by,
        title="Svekket tillit i Lademoen",
        owner=people["change_leader"],
    )
    in_project = make_risk(project_register(project), by, title="Parken gir ikke mer bruk")
    client = client_for("programme_leader")
    url = programme.get_absolute_url() + "?samlet=1"

    def titles(query):
        page = client.get(url + query).content.decode()
        return {risk.title for risk in (mine, theirs, in_project) if risk.title in page}

    assert titles("") == {mine.title, theirs.title, in_project.title}
    assert titles(f"&eier={people['change_leader'].pk}") == {theirs.title}
    assert titles(f"&omrade={lademoen.pk}") == {theirs.title, in_project.title}
    assert titles(f"&prosjekt={project.pk}") == {in_project.title}


def test_an_unreadable_filter_is_told_on_the_field_not_a_500(client_for):
    response = client_for("programme_leader").get(
        _register().get_absolute_url() + "?eier=<script>&omrade=9999999999999"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert nb("Choose an owner from the list.") in page
    assert nb("Choose an area from the list.") in page


def test_the_register_page_makes_as_many_queries_for_30_risks_as_for_3(
    client_for, people, django_assert_max_num_queries
):
    register = _register()
    client = client_for("programme_leader")
    snapshot_freeze(by=people["programme_leader"])
    for _i in range(3):
        make_risk(register, people["programme_leader"], owner=people["change_leader"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = register.get_absolute_url() + f"?samlet=1&eier={people['change_leader'].pk}"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _i in range(27):
        make_risk(register, people["programme_leader"], owner=people["change_leader"])
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


# --- Delegating down ---------------------------------------------------------------------


def test_a_change_leader_delegates_an_area_risk_to_a_project_register(client_for, people):
    area = Area.objects.get(name="Møllenberg")
    project = ProjectFactory(
        owner_unit=people["project_leader"].unit, created_by=people["programme_leader"]
    )
    project.areas.set([area])
    beneath = project_register(project)
    risk = make_risk(area_register(area), people["programme_leader"], owner=people["change_leader"])
    client = client_for("change_leader")
    url = reverse("risk:risk_delegate", args=[risk.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"to": programme_register().pk, "note": ""})
    assert response.status_code == 400
    assert nb("Choose a register directly beneath this one.") in response.content.decode()
    response = client.post(
        url, {"to": beneath.pk, "owner": people["project_leader"].pk, "note": "Gjelder parken."}
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.register == beneath and risk.owner == people["project_leader"]
    event = risk.events.first()
    assert event.kind == RiskEvent.Kind.DELEGATED and "R-001" in event.note
    # The project leader keeps it now; the project leader could not have delegated it.
    assert client_for("project_leader").get(url).status_code == 403


# --- Reminders and early warnings ---------------------------------------------------------


def _overdue(risk, days=3):
    risk.next_review_on = timezone.localdate() - datetime.timedelta(days=days)
    risk.save()
    return risk


def test_an_overdue_review_is_mailed_once_per_due_date(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    owner = people["change_leader"]
    risk = _overdue(make_risk(_register(), people["programme_leader"], owner=owner))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due() == 1
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [owner.email]
    assert risk.title in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due() == 0
    assert len(mailoutbox) == 1
    # Reviewed, and overdue again later: a new due date, mailed once more.
    risk_review(risk=risk, by=owner, likelihood=2, consequence=2, comment="Bedre nå.")
    _overdue(risk, days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due() == 1
    assert len(mailoutbox) == 2
    assert Reminder.objects.filter(risk=risk, kind="review").count() == 2


def test_the_daily_job_is_scheduled_by_the_data_migration():
    task = PeriodicTask.objects.get(task="risk.tasks.send_reminders")
    assert task.enabled and task.crontab.timezone.key == "Europe/Oslo"


def test_a_measurement_past_the_threshold_marks_the_risk_for_review_and_tells_the_owner_once(
    people, indicator, mailoutbox, django_capture_on_commit_callbacks
):
    owner = people["change_leader"]
    risk = make_risk(
        _register(),
        people["programme_leader"],
        owner=owner,
        warning_indicator=indicator,
        warning_when="below",
        warning_value=Decimal("60"),
    )
    assert risk.next_review_on > timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        benefit_services.measurement_record(
            indicator=indicator, by=owner, period_end=D(2026, 3, 31), value=Decimal("70")
        )
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        benefit_services.measurement_record(
            indicator=indicator, by=owner, period_end=D(2026, 6, 30), value=Decimal("55")
        )
    risk.refresh_from_db()
    assert risk.next_review_on == timezone.localdate()
    assert risk.events.first().kind == RiskEvent.Kind.WARNED
    assert len(mailoutbox) == 1 and risk.reference in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send_due()  # the daily job finds nothing new
    assert len(mailoutbox) == 1


def test_a_half_given_early_warning_is_refused_on_the_field(client_for, people, indicator):
    risk = make_risk(_register(), people["programme_leader"])
    response = client_for("programme_leader").post(
        reverse("risk:risk_edit", args=[risk.pk]),
        _edit_data(risk, warning_indicator=indicator.pk, warning_value="abc"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert nb("Give the indicator, the direction and the threshold, or none of them.") in page


# --- Movement since the last snapshot -------------------------------------------------------


def test_the_heat_map_shows_what_moved_since_the_last_snapshot(client_for, people):
    register = _register()
    by = people["programme_leader"]
    risk = make_risk(register, by)  # current 3×4
    snapshot_freeze(by=by)
    risk_update(risk=risk, by=by, current_likelihood=4, current_consequence=5)
    page = client_for("programme_leader").get(register.get_absolute_url()).content.decode()
    with translation.override("nb"):
        up = translation.gettext("up from %(l)s×%(c)s in snapshot %(number)s") % {
            "l": 3,
            "c": 4,
            "number": 1,
        }
    assert up in page
    assert 'class="heat-move" aria-hidden="true">+1<' in page
    assert 'class="heat-move" aria-hidden="true">−1<' in page


# --- The PDF ---------------------------------------------------------------------------


def test_the_register_pdf_is_made_in_the_background_and_only_its_asker_gets_it(
    client_for, people, django_capture_on_commit_callbacks
):
    register = _register()
    make_risk(register, people["programme_leader"])
    client = client_for("change_leader")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("risk:register_pdf_create", args=[register.pk]))
    pdf = RegisterPdf.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "risk:register_pdf", args=[pdf.pk]
    )
    pdf.refresh_from_db()
    assert pdf.pdf
    response = client.get(response.url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        client_for("board_member").get(reverse("risk:register_pdf", args=[pdf.pk])).status_code
        == 404
    )
    assert (
        client_for("outsider").get(reverse("risk:register_pdf", args=[pdf.pk])).status_code == 403
    )


# --- No side effects on GET --------------------------------------------------------------


def test_every_area_has_its_register_and_the_list_makes_none(client_for):
    registers = Register.objects.count()
    assert Register.objects.filter(level="programme").count() == 1
    assert set(Register.objects.filter(level="area").values_list("area__name", flat=True)) >= set(
        Area.objects.filter(is_active=True).values_list("name", flat=True)
    )
    assert client_for("programme_leader").get(reverse("risk:registers")).status_code == 200
    assert Register.objects.count() == registers


def test_a_new_area_gets_its_register(people):
    area = Area.objects.create(name="Saupstad", slug="saupstad", first_year=2026)
    assert Register.objects.get(area=area).parent == programme_register()
    assert Risk.objects.count() == 0


def test_the_list_of_risks_is_paged_and_the_heat_map_counts_them_all(
    client_for, people, monkeypatch
):
    from risk.views import registers as views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    register = _register()
    for number in range(3):
        make_risk(register, people["programme_leader"], title=f"Risiko nummer {number + 1}")
    client = client_for("programme_leader")
    first = client.get(register.get_absolute_url()).content.decode()
    second = client.get(register.get_absolute_url() + "?page=2").content.decode()
    assert "Risiko nummer 1" in first and "Risiko nummer 3" not in first
    assert "Risiko nummer 3" in second and "Risiko nummer 1" not in second
    assert 'class="heat-count">3<' in second
